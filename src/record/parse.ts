/**
 * `parseRecord`: DMARC record text to a record as a receiver reads it (RFC 9989 §4.7, §4.8,
 * §4.10.1), with RFC 7489 §6.3/§6.4/§6.6.3 where RFC 9989 is silent, and every finding for the
 * domain owner as a diagnostic.
 * @module
 */
import { asciiLower } from '../internal/ascii.js';
import { DiagnosticList, quote } from './diagnostic-list.js';
import { emptySpans, lintInto, setSpan } from './lint.js';
import { parseReportUris } from './report-uri.js';
import {
  BIT_ADKIM,
  BIT_ASPF,
  BIT_FO,
  BIT_NP,
  BIT_P,
  BIT_PCT,
  BIT_PSD,
  BIT_RF,
  BIT_RI,
  BIT_RUA,
  BIT_RUF,
  BIT_SP,
  BIT_T,
  BIT_V,
  TOKEN_EMPTY,
  TOKEN_TAG,
  TokenCursor,
} from './tokenize.js';
import type { AlignmentMode, DmarcRecord, Policy, RecordParseResult, ReportUri } from './types.js';

/** `dmarc-request` (RFC 9989 §4.8), case-insensitive in ASCII only. */
function readPolicy(value: string): Policy | undefined {
  switch (value) {
    case 'none':
    case 'quarantine':
    case 'reject':
      return value;
  }
  const lower = asciiLower(value);
  return lower === 'none' || lower === 'quarantine' || lower === 'reject' ? lower : undefined;
}

/** One ASCII letter folded to lower case, or 0 when `value` is not exactly one character. */
function single(value: string): number {
  if (value.length !== 1) return 0;
  const c = value.charCodeAt(0);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isWspCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/**
 * `dmarc-fo` (RFC 9989 §4.8): a colon-separated list of 0, 1, d, s, each at most once, 0 and 1
 * not together, no whitespace. Returns the options, or `1` when only RFC 7489's looser grammar
 * (§6.4: repeats, 0 with 1, whitespace around `:`) accepts the value, or `0` when neither does.
 */
function readFo(value: string): string[] | 0 | 1 {
  const items: string[] = [];
  let mask = 0;
  let loose = false;
  const n = value.length;
  let i = 0;
  for (;;) {
    let s = i;
    while (s < n && isWspCode(value.charCodeAt(s))) s++;
    let j = s;
    while (j < n && value.charCodeAt(j) !== 58) j++;
    let e = j;
    while (e > s && isWspCode(value.charCodeAt(e - 1))) e--;
    if (s !== i || e !== j) loose = true;
    if (e - s !== 1) return 0;
    let c = value.charCodeAt(s);
    if (c >= 65 && c <= 90) c += 32;
    const bit = c === 48 ? 1 : c === 49 ? 2 : c === 100 ? 4 : c === 115 ? 8 : 0;
    if (bit === 0) return 0;
    if ((mask & bit) !== 0) loose = true;
    mask |= bit;
    items.push(c === 48 ? '0' : c === 49 ? '1' : c === 100 ? 'd' : 's');
    if (j >= n) break;
    i = j + 1;
  }
  if ((mask & 3) === 3) loose = true;
  return loose ? 1 : items;
}

/** `1*3DIGIT` from 0 to 100 (RFC 7489 §6.3 `pct`), or -1. */
function readPct(value: string): number {
  const n = value.length;
  if (n === 0 || n > 3) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v <= 100 ? v : -1;
}

/** `1*DIGIT` fitting in 32 bits unsigned (RFC 7489 §6.3 `ri`), or -1. */
function readInterval(value: string): number {
  const n = value.length;
  if (n === 0) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
    if (v > 4294967295) return -1;
  }
  return v;
}

/** `Keyword *(*WSP ":" *WSP Keyword)` (RFC 7489 §6.4 `rf`), ASCII lower-cased, or undefined. */
function readFormats(value: string): string[] | undefined {
  const out: string[] = [];
  const n = value.length;
  let i = 0;
  for (;;) {
    let s = i;
    while (s < n && isWspCode(value.charCodeAt(s))) s++;
    let j = s;
    while (j < n && value.charCodeAt(j) !== 58) j++;
    let e = j;
    while (e > s && isWspCode(value.charCodeAt(e - 1))) e--;
    if (e === s) return undefined;
    for (let k = s; k < e; k++) {
      const c = value.charCodeAt(k);
      const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
      if (!ok) return undefined;
    }
    out.push(asciiLower(value.slice(s, e)));
    if (j >= n) break;
    i = j + 1;
  }
  return out;
}

/** A hint for values that contain a non-ASCII look-alike (the Kelvin sign, a dotless i, ...). */
function nonAsciiHint(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) {
      const hex = c.toString(16).toUpperCase().padStart(4, '0');
      return ` It contains the non-ASCII character U+${hex}, which only looks like a letter; type the value in plain ASCII.`;
    }
  }
  return '';
}

function isAlphaName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/** An invalid `p`, `sp` or `np`, kept for the findings after all tags are read. */
interface BadPolicy {
  name: string;
  value: string;
  valueStart: number;
  end: number;
  /** True when the policy was given more than once rather than with a bad value. */
  duplicate: boolean;
}

function fail(out: DiagnosticList): RecordParseResult {
  return { ok: false, diagnostics: out.finish() };
}

/**
 * Parses DMARC record text the way a receiver does (RFC 9989 §4.7, §4.8, §4.10.1). The record
 * must start with `v=DMARC1` (`DMARC1` case-sensitive); tag names and the other literals are
 * case-insensitive in ASCII only; whitespace around `=` and `;` and a trailing `;` are allowed;
 * unknown tags are ignored; a duplicated tag and other invalid values fall back to their
 * defaults (a duplicated `p`, `sp` or `np` counts as invalid); a missing `p` reads as `p=none`;
 * an invalid `p`, `sp` or `np` acts as `p=none` when `rua` holds a valid URI and makes the
 * record unusable otherwise. Where RFC 7489 would
 * read the text differently, a diagnostic says how. Everything a domain owner should fix is a
 * diagnostic, also when `ok` is true (codes in `RECORD_DIAGNOSTICS`).
 *
 * Never throws, whatever the input, and runs in time linear in its length.
 * @param text - the TXT record text, its character-strings already joined (RFC 9989 §4.5).
 * @returns `{ ok: true, record, diagnostics }`, or `{ ok: false, diagnostics }` when a receiver
 *   would ignore the text.
 * @example
 * ```ts
 * import { parseRecord } from 'dmarc-kit/record';
 * const result = parseRecord('v=DMARC1; p=reject; rua=mailto:dmarc@example.com!10m');
 * if (result.ok) {
 *   result.record.p; // 'reject'
 *   result.record.rua[0]; // { uri: 'mailto:dmarc@example.com', address: 'dmarc@example.com', maxBytes: 10485760 }
 * }
 * ```
 */
export function parseRecord(text: string): RecordParseResult {
  const out = new DiagnosticList();
  if (typeof text !== 'string') {
    out.add('empty-record', 'The input is not text, so it is not a DMARC record.');
    return fail(out);
  }
  const tok = new TokenCursor(text);
  if (!tok.next()) {
    out.add(
      'empty-record',
      'The record is empty; a DMARC record starts with v=DMARC1.',
      undefined,
      0,
      text.length,
    );
    return fail(out);
  }
  if (tok.kind !== TOKEN_TAG || tok.name !== 'v') {
    out.add(
      'version-not-first',
      `The record starts with "${quote(text, tok.start, tok.end)}" instead of v=DMARC1, so receivers do not treat it as a DMARC record.`,
      undefined,
      tok.start,
      tok.end,
    );
    return fail(out);
  }
  if (tok.value !== 'DMARC1') {
    const v = quote(text, tok.valueStart, tok.end);
    out.add(
      'invalid-version',
      asciiLower(tok.value) === 'dmarc1'
        ? `v=${v}: the version must be written exactly DMARC1, in capitals, so receivers ignore this record.`
        : `v=${v} is not DMARC1, so receivers ignore this record.${nonAsciiHint(tok.value)}`,
      'v',
      tok.valueStart,
      tok.end,
    );
    return fail(out);
  }
  if (tok.start > 0) {
    out.add(
      'leading-whitespace',
      'There is whitespace before v=DMARC1; some receivers then do not recognise the record, so remove it.',
      'v',
      0,
      tok.start,
    );
  }

  if (!text.startsWith('v=DMARC1', tok.start)) {
    out.add(
      'version-not-literal',
      `The record starts with "${quote(text, tok.start, tok.end)}": valid, but receivers that look for the exact text v=DMARC1 miss it, so write v=DMARC1.`,
      'v',
      tok.start,
      tok.end,
    );
  }

  const firstStart = tok.start;
  const firstEnd = tok.end;
  const tags: { name: string; value: string }[] = [{ name: 'v', value: 'DMARC1' }];
  let p: Policy | undefined;
  let sp: Policy | undefined;
  let np: Policy | undefined;
  let adkim: AlignmentMode = 'r';
  let aspf: AlignmentMode = 'r';
  let t: 'y' | 'n' | undefined;
  let psd: 'y' | 'n' | 'u' | undefined;
  let fo: string[] | undefined;
  let rua: ReportUri[] | undefined;
  let ruf: ReportUri[] | undefined;
  let pct = -1;
  let rf: string[] | undefined;
  let ri = -1;
  const spans = emptySpans();
  setSpan(spans, BIT_V, firstStart, firstEnd);
  let seen = BIT_V;
  let badPolicies: BadPolicy[] | undefined;
  let duplicated = 0;
  let pSecond = false;
  let index = 0;

  while (tok.next()) {
    index++;
    if (index === 1 && tok.bit === BIT_P) pSecond = true;
    if (tok.kind !== TOKEN_TAG) {
      if (tok.kind === TOKEN_EMPTY) {
        out.addRepeatable(
          'empty-tag',
          'There is nothing between two semicolons; remove the extra ";".',
          undefined,
          tok.start,
          tok.end,
        );
      } else {
        out.addRepeatable(
          'malformed-tag',
          `"${quote(text, tok.start, tok.end)}" is not a name=value tag, so receivers ignore it.`,
          undefined,
          tok.start,
          tok.end,
        );
      }
      continue;
    }
    const name = tok.name;
    const value = tok.value;
    tags.push({ name, value });
    const bit = tok.bit;
    if (bit === 0) {
      if (isAlphaName(name)) {
        out.addRepeatable(
          'unknown-tag',
          `DMARC has no tag "${quote(name, 0, name.length)}", so receivers ignore it; check the spelling or remove it.`,
          name.length <= 64 ? name : undefined,
          tok.start,
          tok.end,
        );
      } else {
        out.addRepeatable(
          'malformed-tag',
          `"${quote(text, tok.start, tok.nameEnd)}" is not a tag name (tag names are ASCII letters only), so receivers ignore this tag.${nonAsciiHint(name)}`,
          undefined,
          tok.start,
          tok.end,
        );
      }
      continue;
    }
    if ((seen & bit) !== 0) {
      if (bit !== BIT_V) duplicated |= bit;
      out.addRepeatable(
        'duplicate-tag',
        bit === BIT_V
          ? 'v appears again; receivers ignore this one. Remove it.'
          : `${name} appears more than once, which is a syntax error: receivers discard ${name} and use its default${bit === BIT_P || bit === BIT_SP || bit === BIT_NP ? ' (an invalid policy)' : ''}, and receivers that follow DKIM's tag rules (RFC 6376 §3.2) ignore the whole record. Keep one.`,
        name,
        tok.start,
        tok.end,
      );
      continue;
    }
    seen |= bit;
    setSpan(spans, bit, tok.start, tok.end);
    switch (bit) {
      case BIT_P:
      case BIT_SP:
      case BIT_NP: {
        const policy = readPolicy(value);
        if (policy === undefined) {
          const bad = { name, value, valueStart: tok.valueStart, end: tok.end, duplicate: false };
          if (badPolicies === undefined) badPolicies = [bad];
          else badPolicies.push(bad);
        } else if (bit === BIT_P) p = policy;
        else if (bit === BIT_SP) sp = policy;
        else np = policy;
        break;
      }
      case BIT_ADKIM:
      case BIT_ASPF: {
        const c = single(value);
        if (c === 114 || c === 115) {
          const mode: AlignmentMode = c === 114 ? 'r' : 's';
          if (bit === BIT_ADKIM) adkim = mode;
          else aspf = mode;
        } else {
          out.add(
            'invalid-tag-value',
            `${name}=${quote(text, tok.valueStart, tok.end)} is not r (relaxed) or s (strict), so receivers use r.${nonAsciiHint(value)}`,
            name,
            tok.valueStart,
            tok.end,
          );
        }
        break;
      }
      case BIT_T: {
        const c = single(value);
        if (c === 121) t = 'y';
        else if (c === 110) t = 'n';
        else {
          out.add(
            'invalid-tag-value',
            `t=${quote(text, tok.valueStart, tok.end)} is not y or n, so receivers use n and apply the policy as written.${nonAsciiHint(value)}`,
            name,
            tok.valueStart,
            tok.end,
          );
        }
        break;
      }
      case BIT_PSD: {
        const c = single(value);
        if (c === 121) psd = 'y';
        else if (c === 110) psd = 'n';
        else if (c === 117) psd = 'u';
        else {
          out.add(
            'invalid-tag-value',
            `psd=${quote(text, tok.valueStart, tok.end)} is not y, n or u, so receivers use u.${nonAsciiHint(value)}`,
            name,
            tok.valueStart,
            tok.end,
          );
        }
        break;
      }
      case BIT_FO: {
        const options = readFo(value);
        if (typeof options !== 'number') fo = options;
        else {
          out.add(
            'invalid-tag-value',
            options === 1
              ? `fo=${quote(text, tok.valueStart, tok.end)} repeats an option, combines 0 with 1 or has spaces around ":"; RFC 9989 receivers use fo=0 instead, while RFC 7489 receivers accept it.`
              : `fo=${quote(text, tok.valueStart, tok.end)} is not a colon-separated list of 0, 1, d and s, so receivers use fo=0.${nonAsciiHint(value)}`,
            name,
            tok.valueStart,
            tok.end,
          );
        }
        break;
      }
      case BIT_RUA:
      case BIT_RUF: {
        const which = bit === BIT_RUA ? 'rua' : 'ruf';
        if (value.length === 0) {
          out.add(
            'invalid-tag-value',
            `${which} is empty; give a mailto: address or remove the tag.`,
            name,
            tok.start,
            tok.end,
          );
        } else {
          const uris = parseReportUris(text, tok.valueStart, tok.end, which, out);
          if (bit === BIT_RUA) rua = uris;
          else ruf = uris;
        }
        break;
      }
      case BIT_PCT: {
        pct = readPct(value);
        out.add(
          'historic-tag',
          'pct is historic: RFC 9989 receivers ignore it (use t=y to test a policy), while RFC 7489 receivers still apply it.',
          name,
          tok.start,
          tok.end,
        );
        if (pct < 0) {
          out.add(
            'invalid-tag-value',
            `pct=${quote(text, tok.valueStart, tok.end)} is not a whole number from 0 to 100, so RFC 7489 receivers use 100.`,
            name,
            tok.valueStart,
            tok.end,
          );
        }
        break;
      }
      case BIT_RF: {
        rf = readFormats(value);
        out.add(
          'historic-tag',
          'rf is historic: RFC 9989 dropped it (failure reports always use the AFRF format), so remove it.',
          name,
          tok.start,
          tok.end,
        );
        if (rf === undefined) {
          out.add(
            'invalid-tag-value',
            `rf=${quote(text, tok.valueStart, tok.end)} is not a colon-separated list of report formats; RFC 7489 receivers use afrf.`,
            name,
            tok.valueStart,
            tok.end,
          );
        } else {
          for (const format of rf) {
            if (format !== 'afrf') {
              out.add(
                'invalid-tag-value',
                `rf lists "${quote(format, 0, format.length)}", which is not a registered format: RFC 9989 receivers ignore rf, but RFC 7489 receivers may ignore the whole record.`,
                name,
                tok.valueStart,
                tok.end,
              );
              break;
            }
          }
        }
        break;
      }
      case BIT_RI: {
        ri = readInterval(value);
        out.add(
          'historic-tag',
          'ri is historic: RFC 9989 dropped it (aggregate reports are sent daily), so remove it.',
          name,
          tok.start,
          tok.end,
        );
        if (ri < 0) {
          out.add(
            'invalid-tag-value',
            `ri=${quote(text, tok.valueStart, tok.end)} is not a number of seconds, so RFC 7489 receivers use 86400.`,
            name,
            tok.valueStart,
            tok.end,
          );
        }
        break;
      }
      default: {
        // BIT_V is always already seen, so it ends up as a duplicate above.
        break;
      }
    }
  }

  // A duplicated tag is a syntax error: discarded in favour of its default (RFC 9989 §4.8).
  if (duplicated !== 0) {
    if ((duplicated & BIT_ADKIM) !== 0) adkim = 'r';
    if ((duplicated & BIT_ASPF) !== 0) aspf = 'r';
    if ((duplicated & BIT_T) !== 0) t = undefined;
    if ((duplicated & BIT_PSD) !== 0) psd = undefined;
    if ((duplicated & BIT_FO) !== 0) fo = undefined;
    if ((duplicated & BIT_RUA) !== 0) rua = undefined;
    if ((duplicated & BIT_RUF) !== 0) ruf = undefined;
    if ((duplicated & BIT_PCT) !== 0) pct = -1;
    if ((duplicated & BIT_RF) !== 0) rf = undefined;
    if ((duplicated & BIT_RI) !== 0) ri = -1;
    // A duplicated policy is an invalid one (unless its first value already was).
    const policies: [number, string, Policy | undefined, number][] = [
      [BIT_P, 'p', p, 2],
      [BIT_SP, 'sp', sp, 4],
      [BIT_NP, 'np', np, 6],
    ];
    for (const [bit, name, value, at] of policies) {
      if ((duplicated & bit) === 0 || value === undefined) continue;
      const bad = { name, value: '', valueStart: spans[at]!, end: spans[at + 1]!, duplicate: true };
      if (badPolicies === undefined) badPolicies = [bad];
      else badPolicies.push(bad);
    }
    if ((duplicated & BIT_P) !== 0) p = undefined;
    if ((duplicated & BIT_SP) !== 0) sp = undefined;
    if ((duplicated & BIT_NP) !== 0) np = undefined;
  }

  const hasRua = rua !== undefined && rua.length > 0;
  if (badPolicies !== undefined) {
    let names = '';
    let onlyNp = true;
    for (const bad of badPolicies) {
      const v = quote(text, bad.valueStart, bad.end);
      out.add(
        'invalid-policy',
        bad.duplicate
          ? `${bad.name} is given more than once, so receivers cannot tell which policy is meant.`
          : v.length === 0
            ? `${bad.name} is empty; it must be none, quarantine or reject.`
            : `${bad.name}=${v} is not none, quarantine or reject.${nonAsciiHint(bad.value)}`,
        bad.name,
        bad.valueStart,
        bad.end,
      );
      names += names === '' ? bad.name : ` and ${bad.name}`;
      if (bad.name !== 'np') onlyNp = false;
    }
    const firstBad = badPolicies[0]!;
    const rfc7489 = onlyNp
      ? ` RFC 7489 receivers do not know np and would apply ${sp !== undefined ? `sp=${sp} and ` : ''}p=${p ?? 'none'} instead.`
      : '';
    if (hasRua) {
      out.add(
        'policy-rescued',
        `Because ${names} is invalid and rua has a valid address, receivers act as if the record said p=none, for the domain and all its subdomains.${rfc7489}`,
        firstBad.name,
        firstBad.valueStart,
        firstBad.end,
      );
      p = 'none';
      sp = undefined;
      np = undefined;
    } else {
      out.add(
        'policy-unusable',
        `Because ${names} is invalid and there is no valid rua, receivers ignore this whole record.${rfc7489}`,
        firstBad.name,
        firstBad.valueStart,
        firstBad.end,
      );
      return fail(out);
    }
  } else if (p === undefined) {
    out.add(
      'missing-policy',
      hasRua
        ? 'There is no p tag, so receivers read p=none (RFC 7489 required p but also falls back to p=none when rua is valid); add p=none or a stronger policy.'
        : 'There is no p tag: RFC 9989 receivers read p=none, but RFC 7489 receivers require p and ignore this record; add p=none or a stronger policy.',
      'v',
      firstStart,
      firstEnd,
    );
  } else if (!pSecond) {
    out.add(
      'policy-not-second',
      'p is not right after v=DMARC1; RFC 9989 allows any order, but RFC 7489 required p second and some older receivers still expect it there.',
      'p',
      spans[2],
      spans[3],
    );
  }

  const record: DmarcRecord = {
    v: 'DMARC1',
    adkim,
    aspf,
    fo: fo ?? ['0'],
    rua: rua ?? [],
    ruf: ruf ?? [],
    tags,
  };
  if (p !== undefined) record.p = p;
  if (sp !== undefined) record.sp = sp;
  if (np !== undefined) record.np = np;
  if (t !== undefined) record.t = t;
  if (psd !== undefined) record.psd = psd;
  if (pct >= 0) record.pct = pct;
  if (rf !== undefined) record.rf = rf;
  if (ri >= 0) record.ri = ri;
  lintInto(record, spans, out);
  return { ok: true, record, diagnostics: out.finish() };
}
