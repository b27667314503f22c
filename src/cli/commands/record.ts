/**
 * `dmarc-kit record "<text>"`: parse a DMARC record as a receiver would and list what its
 * owner should fix (RFC 9989 §4.7, §4.8).
 * @module
 */
import { parseRecord } from '../../record/index.js';
import type { DmarcRecord } from '../../record/types.js';
import { COMMON_OPTIONS, type Command, EXIT, parse, UsageError } from '../args.js';
import { formatDiagnostics, hasErrors, json, printable, type Styles, table } from '../output.js';

const HELP = `Usage: dmarc-kit record [options] "<record text>"

Parses a DMARC record (the text of the TXT record at _dmarc.<domain>) the way a
receiver does (RFC 9989) and lists everything its owner should fix.

Options:
  --json       print the parse result as JSON
  -h, --help   show this help

Exit codes: 0 usable record without errors, 1 receivers ignore the record or it has
findings at error level, 2 usage error.

Example:
  dmarc-kit record "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"`;

/** The fields of a parsed record worth a line each, in the order a reader expects. */
export function recordRows(record: DmarcRecord, s: Styles): string[][] {
  const rows: string[][] = [];
  const add = (name: string, value: string | undefined, note = ''): void => {
    if (value !== undefined)
      rows.push([s.bold(name), printable(value), note === '' ? '' : s.dim(note)]);
  };
  add('p', record.p ?? 'none', record.p === undefined ? '(absent: treated as none)' : '');
  add('sp', record.sp, 'existing subdomains');
  add('np', record.np, 'non-existent subdomains');
  add('adkim', record.adkim, record.adkim === 's' ? 'strict' : 'relaxed');
  add('aspf', record.aspf, record.aspf === 's' ? 'strict' : 'relaxed');
  add('pct', record.pct === undefined ? undefined : String(record.pct), 'RFC 7489, historic');
  add('t', record.t, record.t === 'y' ? 'testing: one level below the policy applies' : '');
  add('psd', record.psd);
  for (const uri of record.rua)
    add('rua', uri.uri, uri.maxBytes === undefined ? '' : `at most ${uri.maxBytes} bytes`);
  for (const uri of record.ruf)
    add('ruf', uri.uri, uri.maxBytes === undefined ? '' : `at most ${uri.maxBytes} bytes`);
  if (record.ruf.length > 0) add('fo', record.fo.join(':'));
  return rows;
}

/** `dmarc-kit record`. */
export const recordCommand: Command = {
  name: 'record',
  summary: 'parse and lint a DMARC record',
  help: HELP,
  async run(argv, { io, out }) {
    const { values, positionals } = parse(argv, COMMON_OPTIONS);
    if (values.help === true) {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0
          ? 'record needs the record text, in quotes.'
          : 'record takes one argument: put the whole record in quotes.',
      );
    const text = positionals[0] as string;
    const result = parseRecord(text);
    const failed = !result.ok || hasErrors(result.diagnostics);
    if (values.json === true) {
      io.stdout.write(json(result));
      return failed ? EXIT.findings : EXIT.ok;
    }
    const lines: string[] = [out.bold(printable(text))];
    if (result.ok) {
      lines.push(`  ${out.green('valid')}: receivers use this record`);
      lines.push(
        table(recordRows(result.record, out))
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n'),
      );
    } else {
      lines.push(`  ${out.red('not a usable DMARC record')}: receivers ignore this text`);
    }
    lines.push('  Findings:');
    lines.push(formatDiagnostics(result.diagnostics, out, '    '));
    io.stdout.write(`${lines.join('\n')}\n`);
    return failed ? EXIT.findings : EXIT.ok;
  },
};
