/**
 * The RFC 7489 §3.2 Organizational Domain: the public suffix plus one label.
 * @module
 */

import { hasNonAscii, toAsciiDomain } from '../internal/domain-name.js';
import { punycodeDecode } from '../internal/punycode.js';
import { shippedPublicSuffixList } from './default-psl.js';
import { type PackedSuffixTrie, packedTrieOf } from './packed-trie.js';
import type { SuffixLookupOptions } from './psl-types.js';
import { registrableDomain } from './tldts.js';

let defaultTrie: PackedSuffixTrie | undefined;

/**
 * The Organizational Domain of `domain` by the RFC 7489 §3.2 algorithm: the longest matching
 * public suffix plus one label. Upper case and one trailing dot are normalised; Unicode labels
 * are mapped by UTS-46 and matched against the list's IDN rules, and come back in Unicode
 * (A-labels stay A-labels). IP literals, single labels, public suffixes themselves and names
 * that cannot be DNS names give `null` rather than a wrong answer. PRIVATE-section suffixes
 * count unless `icannOnly` is set (see {@link SuffixLookupOptions}).
 * @example
 * organizationalDomain('a.b.Example.CO.UK.')     // 'example.co.uk'
 * organizationalDomain('alice.github.io')        // 'alice.github.io'
 * organizationalDomain('alice.github.io', { icannOnly: true }) // 'github.io'
 * organizationalDomain('192.0.2.1')              // null
 */
export function organizationalDomain(domain: string, options?: SuffixLookupOptions): string | null {
  const host = toAsciiDomain(domain);
  if (host === null) return null;
  const psl = options?.psl;
  let root: PackedSuffixTrie;
  if (psl === undefined) {
    defaultTrie ??= packedTrieOf(shippedPublicSuffixList());
    root = defaultTrie;
  } else {
    root = packedTrieOf(psl);
  }
  const org = registrableDomain(host, root, options?.icannOnly === true);
  // Only an A-label in the answer can need giving back in Unicode, and only for Unicode input:
  // `toAsciiDomain` returns an already normal ASCII name itself, so `host === domain` settles the
  // common case without a scan.
  if (org === null || host === domain || !org.includes('xn--') || !hasNonAscii(domain)) return org;
  return unicodeForm(domain, host, org);
}

/**
 * {@link inInputForm}, remembered by input name in a bounded map: mail traffic repeats the same
 * few IDN domains. The answer depends on the list and options only through `org`, which is
 * stored beside it and compared. Emptied when full.
 */
const UNICODE_FORMS = new Map<string, { readonly org: string; readonly form: string }>();
const UNICODE_FORMS_LIMIT = 2048;

function unicodeForm(domain: string, host: string, org: string): string {
  const known = UNICODE_FORMS.get(domain);
  if (known !== undefined && known.org === org) return known.form;
  const form = inInputForm(domain, host, org);
  if (UNICODE_FORMS.size >= UNICODE_FORMS_LIMIT) UNICODE_FORMS.clear();
  UNICODE_FORMS.set(domain, { org, form });
  return form;
}

/**
 * `org` (A-labels, a suffix of `host`, the normalised input) with every label that was Unicode in
 * `domain` given back in Unicode (UTS-46 mapped). When the labels cannot be matched up one to
 * one (a mapping that created dots), the A-label form is returned. Labels are matched from the
 * right without splitting either name.
 */
function inInputForm(domain: string, host: string, org: string): string {
  let end = domain.length;
  // One trailing full stop ends the name rather than an empty label.
  if (end > 0 && isFullStop(domain.charCodeAt(end - 1))) end--;
  let inputDots = 0;
  for (let i = 0; i < end; i++) if (isFullStop(domain.charCodeAt(i))) inputDots++;
  let hostDots = 0;
  for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) hostDots++;
  if (inputDots !== hostDots) return org;
  let out = '';
  let orgEnd = org.length;
  while (orgEnd > 0) {
    const orgStart = org.lastIndexOf('.', orgEnd - 1) + 1;
    let start = end;
    while (start > 0 && !isFullStop(domain.charCodeAt(start - 1))) start--;
    let label = orgStart === 0 && orgEnd === org.length ? org : org.slice(orgStart, orgEnd);
    if (label.startsWith('xn--') && hasNonAsciiIn(domain, start, end)) label = unicodeLabel(label);
    out = out === '' ? label : `${label}.${out}`;
    orgEnd = orgStart - 1;
    end = start - 1;
  }
  return out;
}

/** The full stops UTS-46 maps to `.`. */
function isFullStop(c: number): boolean {
  return c === 46 || c === 0x3002 || c === 0xff0e || c === 0xff61;
}

function hasNonAsciiIn(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 0x80) return true;
  return false;
}

/**
 * An A-label decoded, remembered in a bounded map: mail traffic repeats the same few IDN
 * domains, and the result depends on the label alone. Emptied when full.
 */
const UNICODE_LABELS = new Map<string, string>();
const UNICODE_LABELS_LIMIT = 2048;

function unicodeLabel(aLabel: string): string {
  let label = UNICODE_LABELS.get(aLabel);
  if (label === undefined) {
    label = punycodeDecode(aLabel.slice(4)) ?? aLabel;
    if (UNICODE_LABELS.size >= UNICODE_LABELS_LIMIT) UNICODE_LABELS.clear();
    UNICODE_LABELS.set(aLabel, label);
  }
  return label;
}
