/**
 * The one file that imports tldts-core (STYLE.md §2.6). The RFC 7489 §3.2 organizational
 * domain is tldts-core's registrable domain: `parseImpl` runs its IP detection and its domain
 * extraction (`getDomain`: the public suffix plus one label, `null` for a suffix itself) around
 * our suffix lookup over a loaded list, so any list, shipped or loaded at run time, goes
 * through the same tldts-core code.
 * @module
 */
import type { FLAG, IOptions, IResult } from 'tldts-core';
import { getEmptyResult, parseImpl, resetResult } from 'tldts-core';
import { type PackedSuffixTrie, packedTrieOf } from './packed-trie.js';
import type { PublicSuffixList } from './psl-types.js';
import { suffixLookupOver, type TldtsSuffixLookup } from './suffix-lookup.js';

/**
 * `parseImpl`'s step that stops after the registrable domain: tldts-core's `FLAG.DOMAIN`. FLAG
 * is a `const enum` that exists only in tldts-core's types (its builds export no `FLAG`), and
 * `isolatedModules` forbids reading an ambient const enum, so the number is written out. The
 * annotation makes the compiler check it against the enum; test/unit/org-domain/tldts.test.ts
 * pins the behaviour (a domain, and no subdomain, which the next step would add).
 */
export const STEP_DOMAIN: FLAG.DOMAIN = 3;

/**
 * Options for names `toAsciiDomain` has already normalised (lower case, no trailing dot,
 * A-labels, valid labels): tldts-core extracts and validates no hostname, but still detects IP
 * addresses, and computes the domain from the public suffix our lookup returns. Each is one
 * plain literal with every option tldts-core's `setDefaults` reads (no spread of a shared base):
 * its copy then reads properties that are all present, at fixed places.
 */
const WITH_PRIVATE: Partial<IOptions> = {
  allowIcannDomains: true,
  allowPrivateDomains: true,
  detectIp: true,
  detectSpecialUse: false,
  extraSuffixes: null,
  extractHostname: false,
  mixedInputs: false,
  validHosts: null,
  validateHostname: false,
};
const ICANN_ONLY: Partial<IOptions> = {
  allowIcannDomains: true,
  allowPrivateDomains: false,
  detectIp: true,
  detectSpecialUse: false,
  extraSuffixes: null,
  extractHostname: false,
  mixedInputs: false,
  validHosts: null,
  validateHostname: false,
};

// One result object serves every call (`parseImpl` is synchronous); the lookup of the last trie
// used is kept beside its trie, sparing the WeakMap on the next call with the same list.
const RESULT: IResult = /*#__PURE__*/ getEmptyResult();
let lastRoot: PackedSuffixTrie | null = null;
let lastLookup: TldtsSuffixLookup | null = null;

/**
 * The RFC 7489 §3.2 organizational domain of `host` by tldts-core's `parseImpl` over the list
 * whose packed trie is `root`: the public suffix plus one label; `null` for an IP address, a single
 * label or a public suffix itself. `host` must come from `toAsciiDomain`.
 */
export function registrableDomain(
  host: string,
  root: PackedSuffixTrie,
  icannOnly: boolean,
): string | null {
  if (root !== lastRoot || lastLookup === null) {
    lastLookup = suffixLookupOver(root);
    lastRoot = root;
  }
  resetResult(RESULT);
  return parseImpl(host, STEP_DOMAIN, lastLookup, icannOnly ? ICANN_ONLY : WITH_PRIVATE, RESULT)
    .domain;
}

/**
 * {@link registrableDomain} by a list object (its packed trie is built on first use). The PSL
 * discovery method reaches this module by a dynamic `import()`, so the packing code and
 * tldts-core load with it, only when that method runs.
 */
export function registrableDomainIn(
  host: string,
  psl: PublicSuffixList,
  icannOnly: boolean,
): string | null {
  return registrableDomain(host, packedTrieOf(psl), icannOnly);
}
