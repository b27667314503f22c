/**
 * One DMARC record lookup: `_dmarc.<domain>` TXT, chunks joined with nothing between them
 * (RFC 9989 §4.5), records not starting with `v=DMARC1` skipped, several DMARC records
 * discarded together (RFC 9989 §4.10 step 2). DNS failures are classified by the one shared
 * helper, `resolveOutcome`.
 * @module
 */
import { type Diagnostic, makeDiagnostic } from '../diagnostics.js';
import { resolveOutcome } from '../dns/outcome.js';
import type { DnsResolver } from '../dns/types.js';
import { isWsp } from '../internal/ascii.js';
import { parseRecord } from '../record/index.js';
import type { DmarcRecord } from '../record/types.js';
import { ORG_DOMAIN_DIAGNOSTICS, type OrgDomainDiagnosticCode } from './catalogue.js';

/** The outcome of looking up the DMARC record of one domain. */
export type DmarcLookup =
  | { kind: 'record'; record: DmarcRecord; text: string; diagnostics: Diagnostic[] }
  /** No usable record: none published, only non-DMARC TXT, several, or one receivers ignore. */
  | { kind: 'none'; reason: 'no-record' | 'multiple' | 'unusable' }
  | { kind: 'temperror'; code: string };

/** The state one discovery carries from lookup to lookup. */
export interface LookupContext {
  resolver: DnsResolver;
  signal: AbortSignal | undefined;
  /** Every name asked, in order. */
  queries: string[];
  diagnostics: Diagnostic[];
}

/** Builds one of this module's diagnostics. */
export function orgDiagnostic(code: OrgDomainDiagnosticCode, message: string): Diagnostic {
  return makeDiagnostic(code, ORG_DOMAIN_DIAGNOSTICS[code], message);
}

/**
 * True when `text` starts with a `v` tag of value `DMARC1` (leading whitespace tolerated, as
 * `parseRecord` does): the records RFC 9989 §4.10 step 2 keeps before counting them.
 */
export function isDmarcRecordText(text: string): boolean {
  let i = 0;
  const n = text.length;
  while (i < n && isWsp(text.charCodeAt(i))) i++;
  if (i >= n || (text.charCodeAt(i) | 32) !== 118) return false; // v or V
  i++;
  while (i < n && isWsp(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 61) return false; // =
  i++;
  while (i < n && isWsp(text.charCodeAt(i))) i++;
  if (!text.startsWith('DMARC1', i)) return false;
  i += 6;
  while (i < n && isWsp(text.charCodeAt(i))) i++;
  return i === n || text.charCodeAt(i) === 59; // ;
}

/** The TXT records of an answer as strings, chunks joined; malformed entries skipped. */
function joinRecords(answer: unknown): string[] {
  if (!Array.isArray(answer)) return [];
  const out: string[] = [];
  for (const record of answer) {
    if (typeof record === 'string') out.push(record);
    else if (Array.isArray(record) && record.every((c) => typeof c === 'string')) {
      out.push(record.join(''));
    }
  }
  return out;
}

/**
 * Looks up the DMARC record of `domain` (an A-label name) and records the query in `ctx`.
 * Rejects only when `ctx.signal` is aborted (with its reason).
 */
export async function lookupDmarcRecord(domain: string, ctx: LookupContext): Promise<DmarcLookup> {
  ctx.signal?.throwIfAborted();
  const name = `_dmarc.${domain}`;
  ctx.queries.push(name);
  const signal = ctx.signal;
  const outcome = await resolveOutcome(() =>
    signal === undefined
      ? ctx.resolver.resolveTxt(name)
      : ctx.resolver.resolveTxt(name, { signal }),
  );
  ctx.signal?.throwIfAborted();
  if (outcome.kind === 'temperror') {
    ctx.diagnostics.push(
      orgDiagnostic(
        'dns-temperror',
        `The DNS lookup of ${name} failed (${outcome.code}), so the policy cannot be known yet.`,
      ),
    );
    return { kind: 'temperror', code: outcome.code };
  }
  if (outcome.kind !== 'answer') return { kind: 'none', reason: 'no-record' };
  const candidates = joinRecords(outcome.value).filter(isDmarcRecordText);
  if (candidates.length === 0) return { kind: 'none', reason: 'no-record' };
  if (candidates.length > 1) {
    ctx.diagnostics.push(
      orgDiagnostic(
        'multiple-records',
        `${name} has ${candidates.length} DMARC records; receivers discard all of them, so publish only one.`,
      ),
    );
    return { kind: 'none', reason: 'multiple' };
  }
  const text = candidates[0] as string;
  const parsed = parseRecord(text);
  if (!parsed.ok) {
    const first = parsed.diagnostics.find((d) => d.severity === 'error');
    ctx.diagnostics.push(
      orgDiagnostic(
        'unusable-record',
        `The DMARC record at ${name} cannot be used${first === undefined ? '.' : `: ${first.message}`}`,
      ),
    );
    return { kind: 'none', reason: 'unusable' };
  }
  return { kind: 'record', record: parsed.record, text, diagnostics: parsed.diagnostics };
}
