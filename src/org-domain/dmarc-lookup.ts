/**
 * One DMARC record lookup: `_dmarc.<domain>` TXT, chunks joined with nothing between them
 * (RFC 9989 §4.5), records not starting with `v=DMARC1` skipped, several DMARC records
 * discarded together (RFC 9989 §4.10 step 2). DNS failures are classified by the shared
 * helpers of `dns/outcome.ts` (`classifyDnsFailure`, `errorCode`).
 *
 * Parse results are cached by record text: a receiver sees the same few records again and again,
 * and `parseRecord` (with its owner-facing lints) is most of a lookup's cost. Cached records and
 * diagnostics are frozen, so every caller shares them safely.
 * @module
 */
import { type Diagnostic, makeDiagnostic } from '../diagnostics.js';
import { classifyDnsFailure, errorCode } from '../dns/outcome.js';
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

/** A parse result as the lookup keeps it: frozen, shared by every lookup of the same text. */
type CachedParse =
  | { ok: true; record: DmarcRecord; diagnostics: Diagnostic[] }
  | { ok: false; firstError: string | undefined };

/**
 * Most distinct record texts kept (about a kilobyte each); the oldest is dropped first. Large
 * enough for the records of a busy receiver's regular senders.
 */
const PARSE_CACHE_SIZE = 1024;
/** Longer texts are parsed every time (a hostile zone cannot fill memory through the cache). */
const PARSE_CACHE_MAX_TEXT = 1024;
const parseCache = new Map<string, CachedParse>();

function freezeAll<T extends object>(list: readonly T[] | undefined): void {
  if (list === undefined) return;
  for (const item of list) Object.freeze(item);
  Object.freeze(list);
}

/** Freezes a record and everything in it (its shape is known: no generic walk needed). */
function freezeRecord(record: DmarcRecord): void {
  freezeAll(record.tags);
  freezeAll(record.rua);
  freezeAll(record.ruf);
  Object.freeze(record.fo);
  if (record.rf !== undefined) Object.freeze(record.rf);
  Object.freeze(record);
}

/** `parseRecord(text)`, reduced to what a lookup needs, frozen, and cached by text. */
function parseCached(text: string): CachedParse {
  const known = parseCache.get(text);
  if (known !== undefined) return known;
  const parsed = parseRecord(text);
  const entry: CachedParse = parsed.ok
    ? { ok: true, record: parsed.record, diagnostics: parsed.diagnostics }
    : {
        ok: false,
        firstError: parsed.diagnostics.find((d) => d.severity === 'error')?.message,
      };
  if (entry.ok) {
    freezeRecord(entry.record);
    freezeAll(entry.diagnostics);
  }
  Object.freeze(entry);
  if (text.length <= PARSE_CACHE_MAX_TEXT) {
    if (parseCache.size >= PARSE_CACHE_SIZE) {
      const oldest = parseCache.keys().next().value;
      if (oldest !== undefined) parseCache.delete(oldest);
    }
    parseCache.set(text, entry);
  }
  return entry;
}

/**
 * What a TXT answer means for DMARC (RFC 9989 §4.10 step 2): no DMARC record, several, one that
 * cannot be used, or one usable record. Diagnostics go to `ctx`.
 */
function recordOf(name: string, answer: unknown, ctx: LookupContext): DmarcLookup {
  let text: string | undefined;
  let count = 0;
  if (Array.isArray(answer)) {
    for (const entry of answer) {
      let joined: string;
      if (typeof entry === 'string') joined = entry;
      else if (Array.isArray(entry) && entry.every((c) => typeof c === 'string')) {
        joined = entry.length === 1 ? (entry[0] as string) : entry.join('');
      } else continue;
      if (!isDmarcRecordText(joined)) continue;
      count++;
      text ??= joined;
    }
  }
  if (text === undefined) return NO_RECORD;
  if (count > 1) {
    ctx.diagnostics.push(
      orgDiagnostic(
        'multiple-records',
        `${name} has ${count} DMARC records; receivers discard all of them, so publish only one.`,
      ),
    );
    return MULTIPLE;
  }
  const parsed = parseCached(text);
  if (!parsed.ok) {
    const first = parsed.firstError;
    ctx.diagnostics.push(
      orgDiagnostic(
        'unusable-record',
        `The DMARC record at ${name} cannot be used${first === undefined ? '.' : `: ${first}`}`,
      ),
    );
    return UNUSABLE;
  }
  return { kind: 'record', record: parsed.record, text, diagnostics: parsed.diagnostics };
}

const NO_RECORD: DmarcLookup = Object.freeze({ kind: 'none', reason: 'no-record' });
const MULTIPLE: DmarcLookup = Object.freeze({ kind: 'none', reason: 'multiple' });
const UNUSABLE: DmarcLookup = Object.freeze({ kind: 'none', reason: 'unusable' });

/**
 * Sends the query for the DMARC record of `domain` (an A-label name) and records it in `ctx`:
 * the first half of {@link lookupDmarcRecord}, for walks that await the answer themselves and
 * hand it to {@link dmarcAnswer} or {@link dmarcFailure} (one async layer less per query).
 * Rejects with the signal's reason when `ctx.signal` is aborted.
 */
export function sendDmarcQuery(domain: string, ctx: LookupContext): Promise<unknown> {
  const signal = ctx.signal;
  try {
    signal?.throwIfAborted();
    const name = `_dmarc.${domain}`;
    ctx.queries.push(name);
    return signal === undefined
      ? ctx.resolver.resolveTxt(name)
      : ctx.resolver.resolveTxt(name, { signal });
  } catch (error) {
    return Promise.reject(error);
  }
}

/** What the answer to {@link sendDmarcQuery} for `domain` means. Throws if the signal aborted. */
export function dmarcAnswer(domain: string, answer: unknown, ctx: LookupContext): DmarcLookup {
  ctx.signal?.throwIfAborted();
  return recordOf(`_dmarc.${domain}`, answer, ctx);
}

/**
 * What a rejection of {@link sendDmarcQuery} for `domain` means: no record (NXDOMAIN, NODATA)
 * or a temporary failure. Throws the signal's reason when the signal aborted.
 */
export function dmarcFailure(domain: string, error: unknown, ctx: LookupContext): DmarcLookup {
  ctx.signal?.throwIfAborted();
  if (classifyDnsFailure(error) !== 'temperror') return NO_RECORD;
  const code = errorCode(error);
  ctx.diagnostics.push(
    orgDiagnostic(
      'dns-temperror',
      `The DNS lookup of _dmarc.${domain} failed (${code}), so the policy cannot be known yet.`,
    ),
  );
  return { kind: 'temperror', code };
}

/**
 * Looks up the DMARC record of `domain` (an A-label name) and records the query in `ctx`.
 * Rejects only when `ctx.signal` is aborted (with its reason). The returned record and
 * diagnostics are frozen and shared with other lookups of the same text.
 */
export async function lookupDmarcRecord(domain: string, ctx: LookupContext): Promise<DmarcLookup> {
  let answer: unknown;
  try {
    answer = await sendDmarcQuery(domain, ctx);
  } catch (error) {
    return dmarcFailure(domain, error, ctx);
  }
  return dmarcAnswer(domain, answer, ctx);
}
