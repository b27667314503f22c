/**
 * Collects report diagnostics, folding repeats: a quirk that recurs in every record of a
 * 100 000-record report becomes one diagnostic that says how often it occurred.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import { makeDiagnostic } from '../diagnostics.js';
import { REPORT_DIAGNOSTICS, type ReportDiagnosticCode } from './catalogue.js';

interface Entry {
  diagnostic: Diagnostic;
  count: number;
}

/** A diagnostics collector keyed by code and element. */
export class DiagnosticSink {
  private readonly entries = new Map<string, Entry>();
  private readonly order: Entry[] = [];

  /** Adds a diagnostic; a repeat of the same code and tag only bumps a counter. */
  add(code: ReportDiagnosticCode, message: string, tag?: string): void {
    const key = `${code}\u0000${tag ?? ''}`;
    const seen = this.entries.get(key);
    if (seen !== undefined) {
      seen.count++;
      return;
    }
    const entry: Entry = {
      diagnostic: makeDiagnostic(code, REPORT_DIAGNOSTICS[code], message, { tag }),
      count: 1,
    };
    this.entries.set(key, entry);
    this.order.push(entry);
  }

  /** Appends already-built diagnostics (from decoding and scanning), unchanged. */
  addBuilt(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics) {
      const entry: Entry = { diagnostic: d, count: 1 };
      this.order.push(entry);
    }
  }

  /** The diagnostics in the order first seen, each noting how many times it recurred. */
  finish(): Diagnostic[] {
    return this.order.map(({ diagnostic, count }) =>
      count > 1
        ? {
            ...diagnostic,
            message: `${diagnostic.message} (${count} occurrences; the first is shown.)`,
          }
        : diagnostic,
    );
  }
}
