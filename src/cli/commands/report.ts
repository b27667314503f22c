/**
 * `dmarc-kit report <files or folders...>`: read aggregate reports in any wrapper (XML,
 * gzip, zip, email) and summarise them by report and by sending source, as text, JSON or CSV
 * (RFC 9990).
 * @module
 */
import {
  type ClassifyRecordOptions,
  createRecordClassifier,
  type RecordCategory,
  type RecordClassification,
  type RecordClassifier,
} from '../../report/classify.js';
import { type ReportsSummary, summarizeReports } from '../../report/summarize.js';
import type { AggregateReport } from '../../report/types.js';
import { COMMON_OPTIONS, type Command, EXIT, parse, stringList, UsageError } from '../args.js';
import { csv, json, printable, type Styles, table } from '../output.js';
import {
  collectReportFiles,
  type ReportFailure,
  type ReportFile,
  readReportFiles,
} from '../report-files.js';

/** Above this many files, a progress line goes to stderr. */
export const PROGRESS_THRESHOLD = 10;

const HELP = `Usage: dmarc-kit report [options] <file or folder...>

Reads DMARC aggregate reports (RFC 9990 / RFC 7489) as XML, gzip, zip or email
files, in any mix, and prints two tables: each report (sender, period, messages,
DMARC passes), and each sending source IP with what its failures most likely
are (spoofing, a sender missing from SPF or DKIM, forwarding, a mailing list).
Folders are read recursively for files ending in .xml, .gz, .gzip, .zip or .eml;
files named on the command line are always read. Files that fail are listed on
stderr with the reason; the rest are still reported. A report repeated with the
same reporter and report ID is counted once.

Options:
  --known-source CIDR    a network that sends your mail (repeatable), e.g. 192.0.2.0/24
  --known-domain DOMAIN  a domain you or your providers send as (repeatable)
  --json                 print the summary, the sources and the failures as JSON
  --csv                  print the sources table as CSV (RFC 4180)
  -h, --help             show this help

When more than ${PROGRESS_THRESHOLD} files are read, progress goes to stderr.

Exit codes: 0 every file read, 1 some files are not readable reports,
2 usage error, no report files, or a path that cannot be read.

Examples:
  dmarc-kit report fixtures/example/reports
  dmarc-kit report --known-source 192.0.2.0/24 --csv ~/dmarc > sources.csv`;

/** One report as a table row. */
export interface ReportRow {
  file: string;
  orgName: string;
  reportId: string;
  domain: string;
  begin: string;
  end: string;
  policy: string;
  messages: number;
  dmarcPass: number;
  dmarcFail: number;
}

/** The numbers of one report: messages, and those that passed DMARC (aligned SPF or DKIM). */
export function reportRow(file: string, report: AggregateReport): ReportRow {
  let messages = 0;
  let pass = 0;
  for (const record of report.records) {
    messages += record.count;
    const { dkim, spf } = record.policyEvaluated;
    if (dkim === 'pass' || spf === 'pass') pass += record.count;
  }
  const p = report.policyPublished.p;
  return {
    file,
    orgName: report.metadata.orgName,
    reportId: report.metadata.reportId,
    domain: report.policyPublished.domain,
    begin: isoDay(report.metadata.begin),
    end: isoDay(report.metadata.end),
    policy: p === undefined ? '' : `p=${p}`,
    messages,
    dmarcPass: pass,
    dmarcFail: messages - pass,
  };
}

function isoDay(date: Date): string {
  const time = date.getTime();
  return Number.isFinite(time) ? date.toISOString().slice(0, 16).replace('T', ' ') : '';
}

const COLUMNS = [
  'reporter',
  'report id',
  'domain',
  'begin (UTC)',
  'end (UTC)',
  'policy',
  'messages',
  'pass',
  'fail',
];

function cells(row: ReportRow): (string | number)[] {
  return [
    row.orgName,
    row.reportId,
    row.domain,
    row.begin,
    row.end,
    row.policy,
    row.messages,
    row.dmarcPass,
    row.dmarcFail,
  ];
}

/** One sending source: its volumes and the most urgent verdict among its records. */
export interface SourceRow {
  sourceIp: string;
  headerFroms: string[];
  messages: number;
  dmarcPass: number;
  dmarcFail: number;
  /** The most urgent category among this source's records (`classifyRecord`). */
  category: RecordCategory;
  /** The owner-facing sentence of that verdict. */
  summary: string;
}

/**
 * Joins `summarizeReports`' per-source totals with the most urgent `classifyRecord` verdict of
 * each source's records. Duplicate reports (same reporter and ID) are skipped, as the summary does.
 */
export function sourceRows(
  reports: readonly AggregateReport[],
  summary: ReportsSummary,
  classify: RecordClassifier,
): SourceRow[] {
  const worst = new Map<string, RecordClassification>();
  const seen = new Set<string>();
  for (const report of reports) {
    const key = `${report.metadata.orgName}\u0000${report.metadata.reportId}`;
    if (report.metadata.reportId !== '' && seen.has(key)) continue;
    seen.add(key);
    for (const record of report.records) {
      const verdict = classify(record);
      const before = worst.get(record.sourceIp);
      if (before === undefined || verdict.urgency > before.urgency)
        worst.set(record.sourceIp, verdict);
    }
  }
  return summary.bySourceIp.map((source) => {
    const verdict = worst.get(source.sourceIp);
    return {
      sourceIp: source.sourceIp,
      headerFroms: source.headerFroms,
      messages: source.messages,
      dmarcPass: source.dmarcPass,
      dmarcFail: source.messages - source.dmarcPass,
      category: verdict?.category ?? 'pass',
      summary: verdict?.summary ?? '',
    };
  });
}

const SOURCE_COLUMNS = ['source ip', 'header from', 'messages', 'pass', 'fail', 'verdict'];

function sourceCells(row: SourceRow): (string | number)[] {
  return [
    row.sourceIp,
    row.headerFroms.join(' '),
    row.messages,
    row.dmarcPass,
    row.dmarcFail,
    row.category,
  ];
}

/** The sources table, most messages first, and what to do about the failing ones. */
export function formatSources(rows: readonly SourceRow[], s: Styles): string {
  const colour = (category: RecordCategory): ((t: string) => string) =>
    category === 'spoofing' ? s.red : category === 'pass' ? s.green : s.yellow;
  const body = rows.map((r) =>
    sourceCells(r).map((c, i) => {
      const text = printable(String(c));
      if (i === 5) return colour(r.category)(text);
      if (i === 4 && r.dmarcFail > 0) return s.red(text);
      return text;
    }),
  );
  const lines = [table([SOURCE_COLUMNS.map((c) => s.bold(c)), ...body], [2, 3, 4])];
  const actions = rows.filter((r) => r.category !== 'pass' && r.summary !== '');
  if (actions.length > 0) {
    lines.push('', s.bold('What to do'));
    for (const r of actions.slice(0, 20)) lines.push(`  - ${printable(r.summary)}`);
    if (actions.length > 20)
      lines.push(`  ... and ${actions.length - 20} more sources (see --json).`);
  }
  return lines.join('\n');
}

/** The closing line: reports, duplicates, messages and the pass rate. */
export function totalsLine(summary: ReportsSummary, s: Styles): string {
  const { reports, duplicates, total } = summary;
  const dup =
    duplicates === 0 ? '' : ` (${duplicates} duplicate${duplicates === 1 ? '' : 's'} skipped)`;
  const rate =
    total.messages === 0 ? '' : `, ${(total.dmarcPassRate * 100).toFixed(1)}% passed DMARC`;
  return `${reports} report${reports === 1 ? '' : 's'}${dup}, ${total.messages} messages${s.dim(rate)}`;
}

/** The human table: one line per report, then the totals. */
export function formatReports(rows: readonly ReportRow[], s: Styles): string {
  const body = rows.map((r) =>
    cells(r).map((c, i) => {
      const text = printable(String(c));
      if (i === 8 && r.dmarcFail > 0) return s.red(text);
      return text;
    }),
  );
  const messages = rows.reduce((n, r) => n + r.messages, 0);
  const pass = rows.reduce((n, r) => n + r.dmarcPass, 0);
  const fail = messages - pass;
  const total = [
    s.bold('total'),
    '',
    '',
    '',
    '',
    '',
    String(messages),
    String(pass),
    fail > 0 ? s.red(String(fail)) : String(fail),
  ];
  const head = COLUMNS.map((c) => s.bold(c));
  return table([head, ...body, total], [6, 7, 8]);
}

/** `dmarc-kit report`. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'summarise aggregate reports (XML, gzip, zip, email) by report and by source',
  help: HELP,
  async run(argv, { io, out, err }) {
    const { values, positionals } = parse(argv, {
      ...COMMON_OPTIONS,
      csv: { type: 'boolean' },
      'known-source': { type: 'string', multiple: true },
      'known-domain': { type: 'string', multiple: true },
    });
    if (values.help === true) {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    if (values.json === true && values.csv === true)
      throw new UsageError('Use --json or --csv, not both.');
    if (positionals.length === 0) throw new UsageError('report needs at least one file or folder.');
    const classifyOptions: ClassifyRecordOptions = {
      knownSources: stringList(values, 'known-source'),
      knownDomains: stringList(values, 'known-domain'),
    };
    let classify: RecordClassifier;
    try {
      classify = createRecordClassifier(classifyOptions);
    } catch (error) {
      throw new UsageError(
        `--known-source: ${(error as Error).message.replace(/^knownSources: /, '')}`,
      );
    }

    const collected = await collectReportFiles(positionals);
    const total = collected.files.length;
    const tty = io.stderr.isTTY === true;
    let progress: ((done: number, all: number) => void) | undefined;
    if (total > PROGRESS_THRESHOLD) {
      if (tty) progress = (done, all) => io.stderr.write(`\rReading reports: ${done}/${all}`);
      else io.stderr.write(`Reading ${total} report files...\n`);
    }
    const read = await readReportFiles(collected.files, progress);
    if (progress !== undefined) io.stderr.write('\r\u001b[K');
    const failures: ReportFailure[] = [...collected.failures, ...read.failures];
    const rows = read.reports.map((r: ReportFile) => reportRow(r.file, r.report));
    const reports = read.reports.map((r) => r.report);
    const summary = summarizeReports(reports);
    const sources = sourceRows(reports, summary, classify);

    if (values.json === true) {
      io.stdout.write(json({ summary, reports: rows, sources, failures }));
    } else if (values.csv === true) {
      io.stdout.write(
        csv([
          [...SOURCE_COLUMNS, 'what to do'],
          ...sources.map((r) => [...sourceCells(r), r.category === 'pass' ? '' : r.summary]),
        ]),
      );
    } else if (rows.length > 0) {
      io.stdout.write(
        `${formatReports(rows, out)}\n\n${formatSources(sources, out)}\n\n${totalsLine(summary, out)}\n`,
      );
    }
    if (failures.length > 0 && values.json !== true) {
      io.stderr.write(
        `${err.red(`${failures.length} file${failures.length === 1 ? '' : 's'} failed`)}:\n`,
      );
      for (const f of failures)
        io.stderr.write(`  ${printable(f.file)}: ${printable(f.message)} (${f.code})\n`);
    }
    if (total === 0 && collected.failures.length === 0) {
      io.stderr.write('No report files found (looked for .xml, .gz, .gzip, .zip, .eml).\n');
      return EXIT.usage;
    }
    if (failures.some((f) => f.code === 'io')) return EXIT.usage;
    return failures.length > 0 ? EXIT.findings : EXIT.ok;
  },
};
