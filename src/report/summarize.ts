/**
 * `summarizeReports`: totals across aggregate reports, per header-from domain and per source
 * IP, for a dashboard or a weekly mail to the domain owner.
 * @module
 */
import type { AggregateReport, ReportRecord } from './types.js';

/** Counts of messages (sums of record `count`s) by outcome. */
export interface ReportStats {
  /** Messages (the sum of record counts). */
  messages: number;
  /** Records that contributed. */
  records: number;
  /** Messages that passed DMARC (aligned DKIM or aligned SPF passed; RFC 9989 §4.4). */
  dmarcPass: number;
  /** dmarcPass / messages, 0 when there are no messages. */
  dmarcPassRate: number;
  /** Messages whose DKIM passed aligned (`policy_evaluated/dkim` = pass). */
  dkimAligned: number;
  /** Messages with a passing DKIM signature from any domain (`auth_results`). */
  dkimPass: number;
  /** Messages whose SPF passed aligned (`policy_evaluated/spf` = pass). */
  spfAligned: number;
  /** Messages whose SPF check passed for any domain (`auth_results`). */
  spfPass: number;
  /** Messages by applied disposition (`none`, `pass`, `quarantine`, `reject`, or as written). */
  dispositions: Record<string, number>;
  /** Earliest report begin and latest report end among the contributing reports. */
  begin?: Date;
  end?: Date;
}

/** Stats for one header-from domain. */
export interface DomainSummary extends ReportStats {
  headerFrom: string;
  /** Source IPs seen for this domain. */
  sourceIps: number;
}

/** Stats for one source IP. */
export interface SourceSummary extends ReportStats {
  sourceIp: string;
  /** Header-from domains this source sent as, sorted. */
  headerFroms: string[];
}

/** The summary of many reports. */
export interface ReportsSummary {
  /** Reports counted (duplicates excluded). */
  reports: number;
  /** Reports skipped because an earlier one had the same reporter and report ID (RFC 9990 §3.5.4). */
  duplicates: number;
  /** Reporting organisations, sorted. */
  reporters: string[];
  total: ReportStats;
  /** Per header-from domain (lower-cased), most messages first. */
  byDomain: DomainSummary[];
  /** Per source IP, most messages first. */
  bySourceIp: SourceSummary[];
}

function emptyStats(): ReportStats {
  return {
    messages: 0,
    records: 0,
    dmarcPass: 0,
    dmarcPassRate: 0,
    dkimAligned: 0,
    dkimPass: 0,
    spfAligned: 0,
    spfPass: 0,
    dispositions: {},
  };
}

function add(stats: ReportStats, record: ReportRecord, report: AggregateReport): void {
  const n = record.count;
  const pe = record.policyEvaluated;
  stats.messages += n;
  stats.records++;
  if (pe.dkim === 'pass' || pe.spf === 'pass') stats.dmarcPass += n;
  if (pe.dkim === 'pass') stats.dkimAligned += n;
  if (pe.spf === 'pass') stats.spfAligned += n;
  if (record.authResults.dkim.some((d) => d.result === 'pass')) stats.dkimPass += n;
  if (record.authResults.spf.some((s) => s.result === 'pass')) stats.spfPass += n;
  const disposition = pe.disposition === '' ? 'unknown' : pe.disposition;
  stats.dispositions[disposition] = (stats.dispositions[disposition] ?? 0) + n;
  const { begin, end } = report.metadata;
  // A date that could not be read is the epoch (with a diagnostic); leave it out of ranges.
  if (begin.getTime() > 0 && (stats.begin === undefined || begin < stats.begin))
    stats.begin = begin;
  if (end.getTime() > 0 && (stats.end === undefined || end > stats.end)) stats.end = end;
}

function finish<T extends ReportStats>(stats: T): T {
  stats.dmarcPassRate = stats.messages === 0 ? 0 : stats.dmarcPass / stats.messages;
  return stats;
}

const byVolume = (a: ReportStats, b: ReportStats): number => b.messages - a.messages;

/**
 * Summarises aggregate reports: message volumes, DMARC pass rates, which of SPF and DKIM
 * passed and which aligned, dispositions and date ranges, in total, per header-from domain
 * and per source IP. A report whose reporter and report ID repeat an earlier one is counted
 * once (RFC 9990 §3.5.4, duplicates).
 *
 * @param reports - Reports from `parseAggregateReport`.
 * @returns The summary; `dispositions` keys are the values as reported.
 * @example
 * const summary = summarizeReports(reports);
 * for (const d of summary.byDomain) console.log(d.headerFrom, d.messages, d.dmarcPassRate);
 */
export function summarizeReports(reports: readonly AggregateReport[]): ReportsSummary {
  const seen = new Set<string>();
  const reporters = new Set<string>();
  const total = emptyStats();
  const domains = new Map<string, DomainSummary & { ips: Set<string> }>();
  const sources = new Map<string, SourceSummary & { froms: Set<string> }>();
  let counted = 0;
  let duplicates = 0;
  for (const report of reports) {
    const key = `${report.metadata.orgName}\u0000${report.metadata.reportId}`;
    if (report.metadata.reportId !== '' && seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    counted++;
    if (report.metadata.orgName !== '') reporters.add(report.metadata.orgName);
    for (const record of report.records) {
      add(total, record, report);
      const from = record.identifiers.headerFrom.trim().toLowerCase();
      let domain = domains.get(from);
      if (domain === undefined) {
        domain = { ...emptyStats(), headerFrom: from, sourceIps: 0, ips: new Set() };
        domains.set(from, domain);
      }
      add(domain, record, report);
      domain.ips.add(record.sourceIp);
      let source = sources.get(record.sourceIp);
      if (source === undefined) {
        source = { ...emptyStats(), sourceIp: record.sourceIp, headerFroms: [], froms: new Set() };
        sources.set(record.sourceIp, source);
      }
      add(source, record, report);
      source.froms.add(from);
    }
  }
  const byDomain = [...domains.values()]
    .map(({ ips, ...d }) => finish({ ...d, sourceIps: ips.size }))
    .sort(byVolume);
  const bySourceIp = [...sources.values()]
    .map(({ froms, ...s }) => finish({ ...s, headerFroms: [...froms].sort() }))
    .sort(byVolume);
  return {
    reports: counted,
    duplicates,
    reporters: [...reporters].sort(),
    total: finish(total),
    byDomain,
    bySourceIp,
  };
}
