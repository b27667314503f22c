/**
 * SPF record selection and a syntax-level lint (RFC 7208 §4.5, §4.6, §5.1, §12). No SPF
 * evaluation and no DNS beyond the one TXT lookup the caller makes: this reads what a domain
 * publishes and says what is plainly wrong with it.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import { asciiLower } from '../internal/ascii.js';
import { checkDiagnostic } from './catalogue.js';

/** An SPF qualifier (RFC 7208 §4.6.2); `+` when none is written. */
export type SpfQualifier = '+' | '-' | '~' | '?';

/** What the posture check reports about a domain's SPF record. */
export interface SpfCheck {
  /** `found`: exactly one record; `none`: no record; `multiple`: several (a permerror); `temperror`: DNS failed. */
  status: 'found' | 'none' | 'multiple' | 'temperror';
  /** The record's text, TXT chunks joined (the first one when there are several). */
  text?: string;
  /** The qualifier of the `all` mechanism, when there is one. */
  all?: SpfQualifier;
  diagnostics: Diagnostic[];
}

/** One term of an SPF record, as written, with its position in the record text. */
export interface SpfTerm {
  /** The term's text, e.g. `-all`, `include:_spf.example.net`, `redirect=example.net`. */
  text: string;
  start: number;
  end: number;
  kind: 'mechanism' | 'modifier' | 'invalid';
  /** The qualifier of a mechanism (`+` when not written). */
  qualifier?: SpfQualifier;
  /** The lower-cased name of the mechanism or modifier. */
  name: string;
}

const MECHANISMS: ReadonlySet<string> = new Set([
  'all',
  'include',
  'a',
  'mx',
  'ptr',
  'ip4',
  'ip6',
  'exists',
]);
/** Terms that cost a DNS lookup at evaluation time (RFC 7208 §4.6.4). */
const LOOKUP_TERMS: ReadonlySet<string> = new Set([
  'include',
  'a',
  'mx',
  'ptr',
  'exists',
  'redirect',
]);
/** Invalid terms reported one by one; the rest are counted in one more diagnostic. */
const MAX_SYNTAX_DIAGNOSTICS = 10;
/** The RFC 7208 §4.6.4 limit on terms that cause DNS lookups. */
export const SPF_LOOKUP_LIMIT = 10;

/**
 * True when a TXT record's text begins with the version section `v=spf1`, ended by a space
 * or the end of the text (RFC 7208 §4.5). Case-insensitive per §12; `v=spf10` does not match.
 *
 * @example
 * ```ts
 * isSpfRecord('v=spf1 -all'); // true
 * isSpfRecord('v=spf10');     // false
 * ```
 */
export function isSpfRecord(text: string): boolean {
  if (text.length < 6) return false;
  if (asciiLower(text.slice(0, 6)) !== 'v=spf1') return false;
  return text.length === 6 || text.charCodeAt(6) === 0x20;
}

/**
 * Splits an SPF record into its terms (RFC 7208 §4.6.1 and §12), after the version section.
 * Terms are separated by one or more spaces; anything that is neither a known mechanism nor a
 * well-formed modifier is `invalid`.
 */
export function splitSpfTerms(text: string): SpfTerm[] {
  const terms: SpfTerm[] = [];
  let i = 6;
  while (i < text.length) {
    while (i < text.length && text.charCodeAt(i) === 0x20) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && text.charCodeAt(i) !== 0x20) i++;
    terms.push(classifyTerm(text.slice(start, i), start, i));
  }
  return terms;
}

function classifyTerm(term: string, start: number, end: number): SpfTerm {
  // Plain literals of one shape: object spread here measured ~20x slower on long records.
  const make = (kind: SpfTerm['kind'], name: string, qualifier?: SpfQualifier): SpfTerm =>
    qualifier === undefined
      ? { text: term, start, end, kind, name }
      : { text: term, start, end, kind, qualifier, name };
  const firstSep = firstIndexOfAny(term, '=:/');
  // A modifier has '=' right after its name, before any ':' or '/' (RFC 7208 §4.6.1).
  if (firstSep >= 0 && term.charCodeAt(firstSep) === 0x3d) {
    const name = asciiLower(term.slice(0, firstSep));
    return make(isSpfName(name) ? 'modifier' : 'invalid', name);
  }
  let body = term;
  let qualifier: SpfQualifier = '+';
  const q = term[0];
  if (q === '+' || q === '-' || q === '~' || q === '?') {
    qualifier = q;
    body = term.slice(1);
  }
  const sep = firstIndexOfAny(body, ':/');
  const name = asciiLower(sep < 0 ? body : body.slice(0, sep));
  if (!MECHANISMS.has(name)) return make('invalid', name);
  const rest = sep < 0 ? '' : body.slice(sep);
  if (!mechanismArgumentsValid(name, rest)) return make('invalid', name);
  return make('mechanism', name, qualifier);
}

/** The argument shapes of RFC 7208 §12, checked loosely (no macro expansion). */
function mechanismArgumentsValid(name: string, rest: string): boolean {
  switch (name) {
    case 'all':
      return rest === '';
    case 'include':
    case 'exists':
      return rest.length > 1 && rest[0] === ':';
    case 'ptr':
      return rest === '' || (rest.length > 1 && rest[0] === ':');
    case 'a':
    case 'mx':
      // [ ":" domain-spec ] [ dual-cidr-length ]
      return rest === '' || rest[0] === '/' || (rest.length > 1 && rest[0] === ':');
    case 'ip4':
      return rest.length > 1 && rest[0] === ':' && isIp4Network(rest.slice(1));
    case 'ip6':
      return rest.length > 1 && rest[0] === ':' && isIp6Network(rest.slice(1));
    default:
      return false;
  }
}

function isIp4Network(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  if (slash >= 0 && !isCidr(value.slice(slash + 1), 32)) return false;
  const parts = address.split('.');
  if (parts.length !== 4) return false;
  for (const part of parts) {
    if (!isDigits(part) || part.length > 3) return false;
    if (part.length > 1 && part[0] === '0') return false;
    if (Number(part) > 255) return false;
  }
  return true;
}

function isIp6Network(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  if (slash >= 0 && !isCidr(value.slice(slash + 1), 128)) return false;
  if (address.length < 2 || address.length > 45 || !address.includes(':')) return false;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex && c !== 0x3a && c !== 0x2e) return false;
  }
  return true;
}

function isCidr(value: string, max: number): boolean {
  if (!isDigits(value) || value.length > 3) return false;
  if (value.length > 1 && value[0] === '0') return false;
  return Number(value) <= max;
}

function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** `name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )` (RFC 7208 §12), on a lower-cased name. */
function isSpfName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const alpha = c >= 0x61 && c <= 0x7a;
    if (
      i === 0
        ? !alpha
        : !(alpha || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e)
    )
      return false;
  }
  return true;
}

/** The first index of any of `chars` (ASCII) in `text`, or -1. */
function firstIndexOfAny(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (let j = 0; j < chars.length; j++) if (chars.charCodeAt(j) === c) return i;
  }
  return -1;
}

/**
 * Lints one SPF record (already selected with {@link isSpfRecord}): the `all` qualifier and the
 * plain errors a receiver turns into permerror or that defeat the record's purpose.
 * RFC 7208 §4.6, §4.6.4, §5.1, §5.5, §6.
 *
 * @example
 * ```ts
 * lintSpfRecord('v=spf1 +all').all; // '+', with an 'spf-pass-all' error
 * ```
 */
export function lintSpfRecord(text: string): { all?: SpfQualifier; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const terms = splitSpfTerms(text);
  let all: SpfTerm | undefined;
  let lookups = 0;
  let redirect: SpfTerm | undefined;
  const modifierCount = new Map<string, number>();
  let reportedAfterAll = false;
  let invalid = 0;
  for (const term of terms) {
    const where = { start: term.start, end: term.end };
    if (term.kind === 'invalid') {
      invalid++;
      if (invalid <= MAX_SYNTAX_DIAGNOSTICS)
        diagnostics.push(
          checkDiagnostic(
            'spf-syntax',
            `"${term.text.slice(0, 100)}" is not a valid SPF mechanism or modifier.`,
            where,
          ),
        );
      continue;
    }
    if (LOOKUP_TERMS.has(term.name)) lookups++;
    if (term.kind === 'modifier') {
      if (term.name === 'redirect' || term.name === 'exp') {
        const n = (modifierCount.get(term.name) ?? 0) + 1;
        modifierCount.set(term.name, n);
        if (n === 2)
          diagnostics.push(
            checkDiagnostic(
              'spf-duplicate-modifier',
              `The "${term.name}" modifier appears more than once.`,
              where,
            ),
          );
        if (term.name === 'redirect') redirect ??= term;
      }
      continue;
    }
    if (all !== undefined && !reportedAfterAll) {
      reportedAfterAll = true;
      diagnostics.push(
        checkDiagnostic(
          'spf-terms-after-all',
          `"${term.text}" comes after "${all.text}" and is never tested.`,
          where,
        ),
      );
    }
    if (term.name === 'ptr')
      diagnostics.push(
        checkDiagnostic('spf-ptr', 'Replace the ptr mechanism with ip4, ip6, a or include.', where),
      );
    if (term.name === 'all') all ??= term;
  }
  if (invalid > MAX_SYNTAX_DIAGNOSTICS)
    diagnostics.push(
      checkDiagnostic(
        'spf-syntax',
        `${invalid - MAX_SYNTAX_DIAGNOSTICS} more terms are not valid SPF either.`,
      ),
    );
  if (lookups > SPF_LOOKUP_LIMIT)
    diagnostics.push(
      checkDiagnostic(
        'spf-too-many-lookups',
        `The record has ${lookups} terms that cause DNS lookups; the limit is ${SPF_LOOKUP_LIMIT}, counting those in includes.`,
      ),
    );
  if (all === undefined) {
    if (redirect === undefined)
      diagnostics.push(
        checkDiagnostic(
          'spf-no-all',
          'End the SPF record with "-all" (or "~all") so hosts not listed fail.',
        ),
      );
    return { diagnostics };
  }
  const allWhere = { start: all.start, end: all.end };
  if (redirect !== undefined)
    diagnostics.push(
      checkDiagnostic(
        'spf-redirect-ignored',
        `"${redirect.text}" is ignored because the record has "${all.text}".`,
        {
          start: redirect.start,
          end: redirect.end,
        },
      ),
    );
  if (all.qualifier === '+')
    diagnostics.push(
      checkDiagnostic(
        'spf-pass-all',
        `"${all.text}" lets any host send as the domain; use "-all" or "~all".`,
        allWhere,
      ),
    );
  else if (all.qualifier === '?')
    diagnostics.push(
      checkDiagnostic(
        'spf-neutral-all',
        '"?all" gives no answer for hosts not listed; use "-all" or "~all".',
        allWhere,
      ),
    );
  return { all: all.qualifier ?? '+', diagnostics };
}

/**
 * Selects the SPF record among a domain's TXT records (RFC 7208 §4.5) and lints it.
 * `txt` is the lookup's outcome: the records (chunks unjoined), or why there are none.
 *
 * @example
 * ```ts
 * selectSpfRecord({ kind: 'answer', value: [['v=spf1 mx -all']] }, 'example.com');
 * // { status: 'found', text: 'v=spf1 mx -all', all: '-', diagnostics: [] }
 * ```
 */
export function selectSpfRecord(
  txt:
    | { kind: 'answer'; value: string[][] }
    | { kind: 'nxdomain' }
    | { kind: 'nodata' }
    | { kind: 'temperror'; code: string },
  domain: string,
): SpfCheck {
  if (txt.kind === 'temperror')
    return {
      status: 'temperror',
      diagnostics: [
        checkDiagnostic('spf-temperror', `The TXT lookup for ${domain} failed (${txt.code}).`),
      ],
    };
  const records =
    txt.kind === 'answer' ? txt.value.map((chunks) => chunks.join('')).filter(isSpfRecord) : [];
  const first = records[0];
  if (first === undefined)
    return {
      status: 'none',
      diagnostics: [
        checkDiagnostic(
          'spf-none',
          `${domain} has no SPF record; publish one, e.g. "v=spf1 mx -all" or "v=spf1 -all".`,
        ),
      ],
    };
  if (records.length > 1)
    return {
      status: 'multiple',
      text: first,
      diagnostics: [
        checkDiagnostic(
          'spf-multiple',
          `${domain} has ${records.length} SPF records; merge them into one, or receivers treat SPF as broken.`,
        ),
      ],
    };
  const lint = lintSpfRecord(first);
  const result: SpfCheck = { status: 'found', text: first, diagnostics: lint.diagnostics };
  if (lint.all !== undefined) result.all = lint.all;
  return result;
}
