/**
 * The RFC 7489 §3.2 Organizational Domain: the public suffix plus one label.
 * @module
 */

import { hasNonAscii, toAsciiDomain } from '../internal/domain-name.js';
import { punycodeDecode } from '../internal/punycode.js';
import { defaultPublicSuffixList } from './default-psl.js';
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
    defaultTrie ??= packedTrieOf(defaultPublicSuffixList());
    root = defaultTrie;
  } else {
    root = packedTrieOf(psl);
  }
  const org = registrableDomain(host, root, options?.icannOnly === true);
  // Only an A-label in the answer can need giving back in Unicode, and only for Unicode input.
  if (org === null || !org.includes('xn--') || !hasNonAscii(domain)) return org;
  return inInputForm(domain, host, org);
}

/**
 * `org` (A-labels, a suffix of `host`, the normalised input) with every label that was Unicode in
 * `domain` given back in Unicode (UTS-46 mapped). When the labels cannot be matched up one to
 * one (a mapping that created dots), the A-label form is returned.
 */
function inInputForm(domain: string, host: string, org: string): string {
  const inputLabels = splitUnicodeDots(domain);
  if (inputLabels.length !== host.split('.').length) return org;
  const orgLabels = org.split('.');
  const offset = inputLabels.length - orgLabels.length;
  const out: string[] = [];
  for (let i = 0; i < orgLabels.length; i++) {
    const label = orgLabels[i] as string;
    const original = inputLabels[offset + i] as string;
    if (hasNonAscii(original) && label.startsWith('xn--')) {
      out.push(punycodeDecode(label.slice(4)) ?? label);
    } else {
      out.push(label);
    }
  }
  return out.join('.');
}

/** Labels of a name split on the full stops UTS-46 maps to `.`, one trailing stop dropped. */
function splitUnicodeDots(name: string): string[] {
  const labels: string[] = [];
  let start = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = i === name.length ? 46 : name.charCodeAt(i);
    if (c === 46 || c === 0x3002 || c === 0xff0e || c === 0xff61) {
      labels.push(name.slice(start, i));
      start = i + 1;
    }
  }
  if (labels.length > 1 && labels[labels.length - 1] === '') labels.pop();
  return labels;
}
