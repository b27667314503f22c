/**
 * `dmarc-kit report <files or folders...>`: read aggregate reports in any wrapper (XML,
 * gzip, zip, email) and print one summary table, as text, JSON or CSV (RFC 9990).
 * @module
 */
import type { AggregateReport } from '../../report/types.js';
import { COMMON_OPTIONS, type Command, EXIT, parse, UsageError } from '../args.js';
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
files, in any mix, and prints one table: each report's sender, period and
messages, and how many passed DMARC. Folders are read recursively for files
ending in ${['.xml', '.gz', '.gzip', '.zip', '.eml'].join(', ')}; files named on the command line are
always read. Files that fail are listed with the reason; the rest are still
reported.

Options:
  --json       print the reports' summary and the failures as JSON
  --csv        print the table as CSV (RFC 4180)
  -h, --help   show this help

When more than ${PROGRESS_THRESHOLD} files are read, progress goes to stderr.

Exit codes: 0 every file read, 1 some files are not readable reports,
2 usage error or a path that cannot be read.

Examples:
  dmarc-kit report fixtures/example/reports
  dmarc-kit report --csv ~/dmarc/*.zip > reports.csv`;

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
  const rate =
    messages === 0 ? '' : `  ${s.dim(`${((pass / messages) * 100).toFixed(1)}% passed DMARC`)}`;
  return `${table([head, ...body, total], [6, 7, 8])}\n${rows.length} report${rows.length === 1 ? '' : 's'}, ${messages} messages${rate}`;
}

/** `dmarc-kit report`. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'summarise aggregate report files (XML, gzip, zip, email)',
  help: HELP,
  async run(argv, { io, out, err }) {
    const { values, positionals } = parse(argv, { ...COMMON_OPTIONS, csv: { type: 'boolean' } });
    if (values.help === true) {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    if (values.json === true && values.csv === true)
      throw new UsageError('Use --json or --csv, not both.');
    if (positionals.length === 0) throw new UsageError('report needs at least one file or folder.');

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

    if (values.json === true) {
      io.stdout.write(json({ reports: rows, failures }));
    } else if (values.csv === true) {
      io.stdout.write(csv([['file', ...COLUMNS], ...rows.map((r) => [r.file, ...cells(r)])]));
    } else if (rows.length > 0) {
      io.stdout.write(`${formatReports(rows, out)}\n`);
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
