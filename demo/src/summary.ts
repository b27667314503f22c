/** Turns parsed aggregate reports into what the reports panel shows. */
import type { AggregateReport } from '../../src/report/index.js';
import type { RatePoint } from './charts.js';
import { day } from './format.js';
import type { ReportsView, SourceView } from './reports-view.js';

/** RFC 9989 §4.4: a message passes DMARC when aligned DKIM or aligned SPF passed. */
function passed(record: AggregateReport['records'][number]): boolean {
  const { dkim, spf } = record.policyEvaluated;
  return dkim === 'pass' || spf === 'pass';
}

/** Builds the panel's view model. */
export function buildReportsView(reports: AggregateReport[]): ReportsView {
  const daily = new Map<string, RatePoint>();
  const sources = new Map<string, SourceView>();
  const reporters = new Map<string, { orgName: string; reports: number; messages: number }>();
  const domains = new Set<string>();
  let messages = 0;
  let passedTotal = 0;
  let begin: Date | undefined;
  let end: Date | undefined;
  for (const report of reports) {
    const { metadata } = report;
    domains.add(report.policyPublished.domain);
    if (!begin || metadata.begin < begin) begin = metadata.begin;
    if (!end || metadata.end > end) end = metadata.end;
    const label = day(metadata.begin);
    const point = daily.get(label) ?? { label, passed: 0, total: 0 };
    daily.set(label, point);
    const reporter = reporters.get(metadata.orgName) ?? {
      orgName: metadata.orgName,
      reports: 0,
      messages: 0,
    };
    reporters.set(metadata.orgName, reporter);
    reporter.reports += 1;
    for (const record of report.records) {
      const ok = passed(record);
      messages += record.count;
      reporter.messages += record.count;
      point.total += record.count;
      if (ok) {
        passedTotal += record.count;
        point.passed += record.count;
      }
      const source = sources.get(record.sourceIp) ?? {
        ip: record.sourceIp,
        messages: 0,
        passed: 0,
        classification: '',
        domains: [],
      };
      sources.set(record.sourceIp, source);
      source.messages += record.count;
      if (ok) source.passed += record.count;
      if (!source.domains.includes(record.identifiers.headerFrom))
        source.domains.push(record.identifiers.headerFrom);
    }
  }
  for (const source of sources.values())
    source.classification =
      source.passed === source.messages
        ? 'passing'
        : source.passed === 0
          ? 'failing'
          : 'partly failing';
  const sorted = [...sources.values()].sort((a, b) => b.messages - a.messages);
  return {
    reports: reports.length,
    messages,
    passed: passedTotal,
    domains: [...domains].sort(),
    ...(begin ? { begin } : {}),
    ...(end ? { end } : {}),
    daily: [...daily.values()].sort((a, b) => (a.label < b.label ? -1 : 1)),
    sources: sorted,
    fixes: sorted
      .filter((s) => s.passed < s.messages)
      .map((s) => `${s.ip} fails DMARC for ${s.messages - s.passed} messages.`),
    reporters: [...reporters.values()].sort((a, b) => b.messages - a.messages),
  };
}
