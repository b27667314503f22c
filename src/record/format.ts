/**
 * `formatRecord`: a record back to canonical DMARC text (RFC 9989 §4.8), the inverse of
 * `parseRecord` for every usable record.
 * @module
 */
import type { DmarcRecord, ReportUri } from './types.js';

const TIB = 1024 ** 4;
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const KIB = 1024;

/** A byte count in the shortest `!size` form (RFC 7489 §6.4: units are powers of two). */
function formatSize(bytes: number): string {
  if (bytes > 0) {
    if (bytes % TIB === 0) return `${bytes / TIB}t`;
    if (bytes % GIB === 0) return `${bytes / GIB}g`;
    if (bytes % MIB === 0) return `${bytes / MIB}m`;
    if (bytes % KIB === 0) return `${bytes / KIB}k`;
  }
  return `${bytes}`;
}

/** One report URI: `,` `!` `;` percent-encoded as DMARC requires, then any `!size`. */
function formatUri(entry: ReportUri): string {
  let uri = entry.uri;
  if (uri.indexOf(',') >= 0 || uri.indexOf('!') >= 0 || uri.indexOf(';') >= 0) {
    uri = uri.replaceAll(',', '%2C').replaceAll('!', '%21').replaceAll(';', '%3B');
  }
  return entry.maxBytes === undefined ? uri : `${uri}!${formatSize(entry.maxBytes)}`;
}

/**
 * Formats a record as canonical DMARC text (RFC 9989 §4.8): `v=DMARC1` first, then `p`, `sp`,
 * `np`, `adkim`, `aspf`, `t`, `psd`, the historic `pct`, `rf`, `ri`, then `fo`, `rua`, `ruf`,
 * separated by `"; "`. Values equal to their defaults (`adkim=r`, `aspf=r`, `fo=0`, empty
 * `rua`/`ruf`) are left out; optional tags are written when set. Commas, `!` and `;` inside a
 * URI are percent-encoded. For any record `r` that `parseRecord` returned,
 * `parseRecord(formatRecord(r))` gives back `r` (the `tags` list then holds the canonical tags).
 * @param record - a record from `parseRecord`, or the parts of one built in code.
 * @returns the record text, ready for a TXT record at `_dmarc.<domain>`.
 * @example
 * ```ts
 * import { formatRecord } from 'dmarc-kit/record';
 * formatRecord({ p: 'reject', rua: [{ uri: 'mailto:dmarc@example.com' }] });
 * // 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com'
 * ```
 */
export function formatRecord(record: Partial<DmarcRecord> & { v?: 'DMARC1' }): string {
  let text = 'v=DMARC1';
  if (record.p !== undefined) text += `; p=${record.p}`;
  if (record.sp !== undefined) text += `; sp=${record.sp}`;
  if (record.np !== undefined) text += `; np=${record.np}`;
  if (record.adkim === 's') text += '; adkim=s';
  if (record.aspf === 's') text += '; aspf=s';
  if (record.t !== undefined) text += `; t=${record.t}`;
  if (record.psd !== undefined) text += `; psd=${record.psd}`;
  if (record.pct !== undefined) text += `; pct=${record.pct}`;
  if (record.rf !== undefined && record.rf.length > 0) text += `; rf=${record.rf.join(':')}`;
  if (record.ri !== undefined) text += `; ri=${record.ri}`;
  const fo = record.fo;
  if (fo !== undefined && fo.length > 0 && !(fo.length === 1 && fo[0] === '0')) {
    text += `; fo=${fo.join(':')}`;
  }
  if (record.rua !== undefined && record.rua.length > 0) {
    text += `; rua=${record.rua.map(formatUri).join(',')}`;
  }
  if (record.ruf !== undefined && record.ruf.length > 0) {
    text += `; ruf=${record.ruf.map(formatUri).join(',')}`;
  }
  return text;
}
