/**
 * Diagnostics: findings about untrusted input, returned as data and never thrown.
 *
 * Every module keeps its own catalogue (`catalogue.ts`) of stable kebab-case codes; the
 * README's diagnostics table is checked against those catalogues by `scripts/check-docs.ts`.
 * @module
 */

/** How much a finding matters to a domain owner or operator. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding about an input: a stable code, a severity, a plain sentence, and where
 * in the input it is (UTF-16 offsets, `end` exclusive) when that is known.
 */
export interface Diagnostic {
  /** Stable, kebab-case, documented in the README's diagnostics table. */
  code: string;
  severity: Severity;
  /** One plain sentence a domain owner understands. */
  message: string;
  /** The tag or element the finding is about, when there is one. */
  tag?: string;
  /** Start of the offending text in the input (UTF-16 offset). */
  start?: number;
  /** End of the offending text in the input (UTF-16 offset, exclusive). */
  end?: number;
}

/** A catalogue entry: what a diagnostic code means, for documentation and defaults. */
export interface CatalogueEntry {
  readonly severity: Severity;
  /** One-line summary, rendered in the README's table. */
  readonly summary: string;
  /** The specification section the rule comes from, e.g. `RFC 9989 §4.7`. */
  readonly spec: string;
}

/**
 * Checks a module's catalogue against {@link CatalogueEntry} and freezes it and its entries,
 * since one table is shared by every caller. (Catalogues are declared `as const` and passed
 * here because `as const satisfies` trips isolatedDeclarations, TS9010, in TypeScript 6.)
 */
export function freezeCatalogue(table: Readonly<Record<string, CatalogueEntry>>): void {
  Object.freeze(table);
  for (const entry of Object.values(table)) Object.freeze(entry);
}

/** Builds a diagnostic from a catalogue entry, copying span fields only when given. */
export function makeDiagnostic(
  code: string,
  entry: CatalogueEntry,
  message: string,
  where?: { tag?: string | undefined; start?: number | undefined; end?: number | undefined },
): Diagnostic {
  const d: Diagnostic = { code, severity: entry.severity, message };
  if (where?.tag !== undefined) d.tag = where.tag;
  if (where?.start !== undefined) d.start = where.start;
  if (where?.end !== undefined) d.end = where.end;
  return d;
}
