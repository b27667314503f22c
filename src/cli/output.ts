/**
 * Terminal output for the CLI: colour only on a TTY and never with `NO_COLOR`, control
 * characters from untrusted text made visible, aligned tables, and CSV.
 * @module
 */
import type { Diagnostic, Severity } from '../diagnostics.js';

/** Where the CLI writes, and what it knows about those streams and the environment. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
}

/** Text styles; each is the identity when colour is off. */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

/**
 * Whether to colour a stream: only when it is a TTY and `NO_COLOR` is unset or empty
 * (https://no-color.org). `FORCE_COLOR` (non-empty, not `0`) turns colour on for a non-TTY,
 * but `NO_COLOR` still wins.
 */
export function useColour(stream: { isTTY?: boolean }, env: CliIo['env']): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return true;
  return stream.isTTY === true;
}

const wrap =
  (on: boolean, open: number, close: number) =>
  (text: string): string =>
    on && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/** ANSI styles, or plain text when `on` is false. */
export function styles(on: boolean): Styles {
  return {
    bold: wrap(on, 1, 22),
    dim: wrap(on, 2, 22),
    red: wrap(on, 31, 39),
    yellow: wrap(on, 33, 39),
    green: wrap(on, 32, 39),
    cyan: wrap(on, 36, 39),
  };
}

/**
 * Makes untrusted text safe to print: C0 and C1 control characters (escape sequences among
 * them), DEL and line or paragraph separators become `\u{..}` escapes, so DNS answers and report
 * contents cannot move the cursor, recolour the terminal or forge lines.
 */
export function printable(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
      out += `${text.slice(last, i)}\\u{${c.toString(16)}}`;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** The visible width of text, ignoring ANSI colour sequences (code units otherwise). */
export function visibleWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x1b && text[i + 1] === '[') {
      let j = i + 2;
      while (j < text.length && text.charCodeAt(j) !== 0x6d) j++;
      i = j;
      continue;
    }
    width++;
  }
  return width;
}

/**
 * Renders rows as a left-aligned table with two spaces between columns; columns listed in
 * `rightAlign` (by index) are right-aligned. Cells must already be printable.
 */
export function table(
  rows: readonly (readonly string[])[],
  rightAlign: readonly number[] = [],
): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - visibleWidth(cell));
          if (rightAlign.includes(i)) return pad + cell;
          return i === row.length - 1 ? cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a
 * leading `'`, because report contents are untrusted.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** Rows as CSV text with CRLF line ends (RFC 4180). */
export function csv(rows: readonly (readonly (string | number | undefined)[])[]): string {
  return (
    rows.map((row) => row.map(csvField).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '')
  );
}

/** The severity word, coloured. */
export function severityLabel(severity: Severity, s: Styles): string {
  if (severity === 'error') return s.red('error');
  if (severity === 'warning') return s.yellow('warning');
  return s.dim('info');
}

/** Diagnostics as aligned lines, errors first: severity, code, message. */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  s: Styles,
  indent = '  ',
): string {
  if (diagnostics.length === 0) return `${indent}${s.green('no findings')}`;
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const sorted = [...diagnostics].sort((a, b) => order[a.severity] - order[b.severity]);
  const rows = sorted.map((d) => [
    severityLabel(d.severity, s),
    s.cyan(printable(d.code)),
    printable(d.message),
  ]);
  return table(rows)
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

/** True when any diagnostic is at error level. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Pretty JSON with a trailing newline; `Date`s become ISO strings. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
