/**
 * The one way the record module records a finding: with its catalogue severity and its span,
 * and with a cap on the findings that repeat per element (unknown tags, bad URIs, ...), so
 * hostile input cannot yield a huge list. Findings about the record as a whole are never cut.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import { RECORD_DIAGNOSTICS, type RecordDiagnosticCode } from './catalogue.js';

/** How many findings a record lists before per-element findings are dropped. */
export const MAX_DIAGNOSTICS = 100;

/** Collects the diagnostics of one parse or lint. */
export class DiagnosticList {
  /** The findings so far, in the order found. */
  readonly items: Diagnostic[] = [];
  /** Per-element findings left out because of {@link MAX_DIAGNOSTICS}. */
  dropped = 0;

  /** Adds a finding (never dropped). Spans are UTF-16 offsets into the record text. */
  add(
    code: RecordDiagnosticCode,
    message: string,
    tag?: string,
    start?: number,
    end?: number,
  ): void {
    const d: Diagnostic = { code, severity: RECORD_DIAGNOSTICS[code].severity, message };
    if (tag !== undefined) d.tag = tag;
    if (start !== undefined) d.start = start;
    if (end !== undefined) d.end = end;
    this.items.push(d);
  }

  /** Adds a finding that can repeat once per element; dropped past {@link MAX_DIAGNOSTICS}. */
  addRepeatable(
    code: RecordDiagnosticCode,
    message: string,
    tag: string | undefined,
    start: number,
    end: number,
  ): void {
    if (this.items.length >= MAX_DIAGNOSTICS) this.dropped++;
    else this.add(code, message, tag, start, end);
  }

  /** The findings, with a `too-many-diagnostics` note at the end when some were dropped. */
  finish(): Diagnostic[] {
    if (this.dropped > 0) {
      this.add(
        'too-many-diagnostics',
        `${this.dropped} more findings like the ones above are not listed; fix those first.`,
      );
    }
    return this.items;
  }
}

/** The longest piece of record text quoted in a message. */
const QUOTE_MAX = 64;

/** `text[start, end)` for a message, shortened when long so messages stay small. */
export function quote(text: string, start: number, end: number): string {
  return end - start > QUOTE_MAX
    ? `${text.slice(start, start + QUOTE_MAX - 3)}...`
    : text.slice(start, end);
}
