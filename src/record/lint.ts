/**
 * Owner-facing checks of a usable record: the things a receiver accepts but a domain owner
 * should fix or know (RFC 9989 §4.7, §A.6; RFC 7489 §6.2, §6.6.4). Pure: no DNS, no context
 * beyond the record; `lintPolicyPlacement` (policy-placement.ts) covers the checks that need the domain.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import { DiagnosticList } from './diagnostic-list.js';
import type { DmarcRecord, Policy } from './types.js';

/** The tags DMARC defines (RFC 9989 §4.7) plus the historic ones of RFC 7489 §6.3. */
export type KnownTagName =
  | 'v'
  | 'p'
  | 'sp'
  | 'np'
  | 'adkim'
  | 'aspf'
  | 't'
  | 'psd'
  | 'fo'
  | 'rua'
  | 'ruf'
  | 'pct'
  | 'rf'
  | 'ri';

/**
 * Where each known tag was written, when the record came from text: UTF-16 `start, end` pairs
 * at `2 * index` and `2 * index + 1`, -1 when the tag was not written. The index of a tag is the
 * position of its `BIT_*` (see tokenize.ts). A flat array, so a parse allocates one of them.
 */
export type TagSpans = number[];

/** The index of each known tag in {@link TagSpans} (the bit position of its `BIT_*`). */
const SPAN_INDEX: { readonly [name in KnownTagName]: number } = {
  v: 0,
  p: 1,
  sp: 2,
  np: 3,
  adkim: 4,
  aspf: 5,
  t: 6,
  psd: 7,
  fo: 8,
  rua: 9,
  ruf: 10,
  pct: 11,
  rf: 12,
  ri: 13,
};

/** A {@link TagSpans} with no tag seen yet. */
export function emptySpans(): TagSpans {
  return [
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1,
  ];
}

/** Records where the tag with bit `bit` was written. */
export function setSpan(spans: TagSpans, bit: number, start: number, end: number): void {
  const i = 2 * (31 - Math.clz32(bit));
  spans[i] = start;
  spans[i + 1] = end;
}

function hasSpan(spans: TagSpans | undefined, name: KnownTagName): boolean {
  return spans !== undefined && spans[2 * SPAN_INDEX[name]]! >= 0;
}

/** How strong a policy is: none < quarantine < reject. */
export function policyRank(policy: Policy | undefined): number {
  return policy === 'reject' ? 2 : policy === 'quarantine' ? 1 : 0;
}

function at(
  out: DiagnosticList,
  spans: TagSpans | undefined,
  name: KnownTagName,
  code: Parameters<DiagnosticList['add']>[0],
  message: string,
): void {
  if (spans === undefined || !hasSpan(spans, name)) out.add(code, message, name);
  else {
    const i = 2 * SPAN_INDEX[name];
    out.add(code, message, name, spans[i], spans[i + 1]);
  }
}

/** @internal The checks of {@link lintRecord}, with spans when the record came from text. */
export function lintInto(
  record: DmarcRecord,
  spans: TagSpans | undefined,
  out: DiagnosticList,
): void {
  const p = record.p ?? 'none';
  if (p === 'none' && record.rua.length === 0) {
    at(
      out,
      spans,
      hasSpan(spans, 'p') ? 'p' : 'v',
      'no-rua-while-monitoring',
      'The policy is p=none (monitoring) but no valid rua is given, so nobody receives the reports monitoring is for; add rua=mailto:an address you read.',
    );
  }
  if (record.pct !== undefined && record.pct < 100) {
    at(
      out,
      spans,
      'pct',
      'pct-below-100',
      p === 'none' && policyRank(record.sp) === 0 && policyRank(record.np) === 0
        ? `pct=${record.pct} has no effect while every policy is none; remove it.`
        : record.pct === 0
          ? 'pct=0: RFC 7489 receivers apply the policy to no message, while RFC 9989 receivers ignore pct and apply it to every failing message; use t=y to test instead.'
          : `pct=${record.pct}: RFC 7489 receivers apply p=${p} to ${record.pct}% of failing messages, while RFC 9989 receivers ignore pct and apply it to all of them.`,
    );
  }
  if (record.sp !== undefined && policyRank(record.sp) < policyRank(p)) {
    at(
      out,
      spans,
      'sp',
      'sp-weaker-than-p',
      `sp=${record.sp} asks for weaker handling of subdomains than p=${p}, so anyone can spoof a made-up subdomain; raise sp or remove it.`,
    );
  }
  const existing = record.sp ?? p;
  if (record.np !== undefined && policyRank(record.np) < policyRank(existing)) {
    at(
      out,
      spans,
      'np',
      'np-weaker-than-sp',
      `np=${record.np} asks for weaker handling of subdomains that do not exist than the ${existing} that existing ones get; raise np or remove it.`,
    );
  }
  const foGiven =
    spans === undefined ? !(record.fo.length === 1 && record.fo[0] === '0') : hasSpan(spans, 'fo');
  if (record.ruf.length > 0 && !foGiven) {
    at(
      out,
      spans,
      'ruf',
      'ruf-without-fo',
      'ruf is set without fo, so failure reports are only requested when every mechanism fails (fo=0); add fo=1 to hear about any failure.',
    );
  }
  if (record.ruf.length === 0 && foGiven) {
    at(
      out,
      spans,
      'fo',
      'fo-without-ruf',
      'fo only matters with ruf, and there is no valid ruf, so receivers ignore fo.',
    );
  }
  if (record.t === 'y') {
    const anyEnforced = policyRank(p) > 0 || policyRank(record.sp) > 0 || policyRank(record.np) > 0;
    at(
      out,
      spans,
      't',
      'testing-mode',
      anyEnforced
        ? 't=y is still set: RFC 9989 receivers apply one level less than the policy (reject becomes quarantine, quarantine becomes none), while RFC 7489 receivers ignore t; remove t=y when testing is over.'
        : 't=y has no effect while every policy is none; remove it.',
    );
  }
  if (record.rua.length > 2) {
    at(
      out,
      spans,
      'rua',
      'too-many-report-uris',
      `rua lists ${record.rua.length} destinations, but receivers only have to send to two; keep at most two.`,
    );
  }
  if (record.ruf.length > 2) {
    at(
      out,
      spans,
      'ruf',
      'too-many-report-uris',
      `ruf lists ${record.ruf.length} destinations, but receivers only have to send to two; keep at most two.`,
    );
  }
}

/**
 * Checks a usable record for what a domain owner should fix or know: no `rua` while at
 * `p=none`, `pct` below 100, `sp` or `np` weaker than the policy above them, `ruf` without `fo`
 * and `fo` without `ruf`, `t=y` left in place, more than two report URIs (RFC 9989 §4.7, §A.6;
 * RFC 7489 §6.2). {@link parseRecord} already includes these findings, with spans; call this on
 * records you build yourself (the findings then carry the tag but no span).
 * @param record - a record, as returned by `parseRecord` or built in code.
 * @returns the findings, codes from `RECORD_DIAGNOSTICS`.
 * @example
 * ```ts
 * import { lintRecord } from 'dmarc-kit/record';
 * lintRecord({ v: 'DMARC1', p: 'none', adkim: 'r', aspf: 'r', fo: ['0'], rua: [], ruf: [], tags: [] })
 *   .map((d) => d.code); // ['no-rua-while-monitoring']
 * ```
 */
export function lintRecord(record: DmarcRecord): Diagnostic[] {
  const out = new DiagnosticList();
  lintInto(record, undefined, out);
  return out.finish();
}
