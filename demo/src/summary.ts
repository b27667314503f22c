/**
 * Turns parsed aggregate reports into what the reports panel shows, with the library doing
 * the counting (`summarizeReports`) and the judging (`createRecordClassifier`): the demo only
 * groups by day, picks each source's main category, and words the to-do list.
 */
import {
  type AggregateReport,
  createRecordClassifier,
  type RecordCategory,
  type RecordClassification,
  summarizeReports,
} from '../../src/report/index.js';
import type { RatePoint } from './charts.js';
import { count, day, plural } from './format.js';
import type { ReportsView, SourceView } from './reports-view.js';

/** What the owner told the page about their own mail (see `ClassifyRecordOptions`). */
export interface OwnerKnowledge {
  knownSources: string[];
  knownDomains: string[];
}

/** Category names in words, as the sources table shows them. */
export const CATEGORY_LABELS: Readonly<Record<RecordCategory, string>> = Object.freeze({
  spoofing: 'spoofing',
  'forgotten-sender': 'your sender, not set up',
  forwarding: 'forwarding',
  'mailing-list': 'mailing list',
  pass: 'passing',
});

/**
 * Splits a list typed by the user (commas, spaces or new lines) and keeps the entries the
 * classifier accepts as addresses or CIDR networks; the rest are returned as `rejected`.
 */
export function parseKnownSources(text: string): { sources: string[]; rejected: string[] } {
  const sources: string[] = [];
  const rejected: string[] = [];
  for (const entry of text.split(/[\s,;]+/)) {
    if (entry === '') continue;
    try {
      createRecordClassifier({ knownSources: [entry] });
      sources.push(entry);
    } catch {
      rejected.push(entry);
    }
  }
  return { sources, rejected };
}

/** Splits a typed list of domains (commas, spaces or new lines). */
export function parseKnownDomains(text: string): string[] {
  return text.split(/[\s,;]+/).filter((d) => d !== '');
}

interface CategoryTally {
  messages: number;
  failed: number;
  first: RecordClassification;
}

/** The category with the most messages; on a tie, the more urgent one. */
function dominant(tallies: Map<RecordCategory, CategoryTally>): [RecordCategory, CategoryTally] {
  let best: [RecordCategory, CategoryTally] | undefined;
  for (const entry of tallies) {
    if (
      best === undefined ||
      entry[1].messages > best[1].messages ||
      (entry[1].messages === best[1].messages && entry[1].first.urgency > best[1].first.urgency)
    )
      best = entry;
  }
  if (best === undefined) throw new Error('a source without records');
  return best;
}

function listSources(ips: string[]): string {
  const shown = ips.slice(0, 3).join(', ');
  return ips.length > 3 ? `${shown} and ${plural(ips.length - 3, 'other')}` : shown;
}

/** Builds the panel's view model. `reports` should hold no duplicates. */
export function buildReportsView(
  reports: readonly AggregateReport[],
  knowledge: OwnerKnowledge,
): ReportsView {
  const summary = summarizeReports(reports);

  // Pass rate per UTC day, each day summarised by the library.
  const days = new Map<string, AggregateReport[]>();
  for (const report of reports) {
    const label = day(report.metadata.begin);
    days.set(label, [...(days.get(label) ?? []), report]);
  }
  const daily: RatePoint[] = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, group]) => {
      const { total } = summarizeReports(group);
      return { label, passed: total.dmarcPass, total: total.messages };
    });

  // Every record classified; tallies per source and per category.
  const classify = createRecordClassifier(knowledge);
  const perSource = new Map<string, Map<RecordCategory, CategoryTally>>();
  const failedBy = new Map<RecordCategory, { messages: number; sources: Set<string> }>();
  for (const report of reports)
    for (const record of report.records) {
      const verdict = classify(record);
      const tallies = perSource.get(record.sourceIp) ?? new Map<RecordCategory, CategoryTally>();
      perSource.set(record.sourceIp, tallies);
      const tally = tallies.get(verdict.category) ?? { messages: 0, failed: 0, first: verdict };
      tallies.set(verdict.category, tally);
      tally.messages += record.count;
      if (verdict.dmarc === 'fail') {
        tally.failed += record.count;
        const failed = failedBy.get(verdict.category) ?? { messages: 0, sources: new Set() };
        failedBy.set(verdict.category, failed);
        failed.messages += record.count;
        failed.sources.add(record.sourceIp);
      }
    }

  const sources: SourceView[] = summary.bySourceIp.map((s) => {
    const tallies = perSource.get(s.sourceIp) ?? new Map<RecordCategory, CategoryTally>();
    const [category, main] = dominant(tallies);
    const others = [...tallies.entries()]
      .filter(([c]) => c !== category)
      .map(([c, t]) => `${CATEGORY_LABELS[c]} (${count(t.messages)})`);
    return {
      ip: s.sourceIp,
      messages: s.messages,
      passed: s.dmarcPass,
      category,
      classification: CATEGORY_LABELS[category],
      detail:
        others.length > 0
          ? `${main.first.summary} Also: ${others.join(', ')}.`
          : main.first.summary,
      domains: s.headerFroms,
    };
  });

  // What to fix before p=reject, most urgent first.
  const fixes: string[] = [];
  for (const s of sources) {
    const forgotten = perSource.get(s.ip)?.get('forgotten-sender');
    if (forgotten)
      fixes.push(`${forgotten.first.summary} (${plural(forgotten.messages, 'message')})`);
  }
  const spfOnly = summary.bySourceIp.filter((s) => s.dmarcPass > s.dkimAligned);
  if (spfOnly.length > 0) {
    const n = spfOnly.reduce((sum, s) => sum + s.dmarcPass - s.dkimAligned, 0);
    fixes.push(
      `${plural(n, 'message')} from ${listSources(spfOnly.map((s) => s.sourceIp))} passed on SPF alone: sign them with DKIM for your domain, or they fail DMARC as soon as they are forwarded.`,
    );
  }
  const forwarded = failedBy.get('forwarding');
  if (forwarded)
    fixes.push(
      `${plural(forwarded.messages, 'forwarded message')} failed (via ${listSources([...forwarded.sources])}): sign all your mail with DKIM so forwarded mail keeps passing.`,
    );
  const lists = failedBy.get('mailing-list');
  if (lists)
    fixes.push(
      `${plural(lists.messages, 'message')} broke in mailing lists (via ${listSources([...lists.sources])}): nothing to change beyond DKIM signing, but expect some list mail to be rejected under p=reject.`,
    );
  const spoofing = failedBy.get('spoofing');

  return {
    reports: summary.reports,
    messages: summary.total.messages,
    passed: summary.total.dmarcPass,
    domains: summary.byDomain.map((d) => d.headerFrom),
    ...(summary.total.begin ? { begin: summary.total.begin } : {}),
    ...(summary.total.end ? { end: summary.total.end } : {}),
    daily,
    sources,
    fixes,
    spoofing: spoofing
      ? { messages: spoofing.messages, sources: [...spoofing.sources] }
      : { messages: 0, sources: [] },
    reporters: summary.reporters.map((orgName) => {
      const own = reports.filter((r) => r.metadata.orgName === orgName);
      return { orgName, reports: own.length, messages: summarizeReports(own).total.messages };
    }),
  };
}
