/**
 * Public-suffix lookup over the compiled trie (the PSL algorithm of
 * https://github.com/publicsuffix/list/wiki/Format: an exception rule prevails, otherwise the
 * matching rule with the most labels, otherwise the implicit `*` rule), and the same lookup in
 * tldts-core's callback shape so a run-time list plugs into `parseImpl`.
 * @module
 */
import { ICANN_EXCEPTION, ICANN_RULE, PRIVATE_RULE, type SuffixTrieNode, trieOf } from './psl.js';
import type { PublicSuffixList } from './psl-types.js';

// Lookup state, reset on every call. Lookups are synchronous, so module scope is safe and
// saves allocating a result object per lookup (the hot path of `organizationalDomain`).
let bestStart = -1;
let bestFlags = 0;
let exceptionStart = -1;
let exceptionFlags = 0;

function walk(
  node: SuffixTrieNode,
  host: string,
  end: number,
  ruleMask: number,
  exceptionMask: number,
): void {
  const children = node.c;
  if (children === null) return;
  const dot = host.lastIndexOf('.', end - 1);
  const start = dot + 1;
  const label = start === 0 && end === host.length ? host : host.slice(start, end);
  const exact = children.get(label);
  if (exact !== undefined) visit(exact, host, start, end, dot, ruleMask, exceptionMask);
  const wildcard = node.w;
  if (wildcard !== null) visit(wildcard, host, start, end, dot, ruleMask, exceptionMask);
}

function visit(
  node: SuffixTrieNode,
  host: string,
  start: number,
  end: number,
  dot: number,
  ruleMask: number,
  exceptionMask: number,
): void {
  const f = node.f;
  if ((f & exceptionMask) !== 0 && exceptionStart < 0) {
    // The public suffix is the exception rule without its left-most label.
    exceptionStart = end + 1;
    exceptionFlags = f & exceptionMask;
  }
  if ((f & ruleMask) !== 0 && (bestStart < 0 || start < bestStart)) {
    bestStart = start;
    bestFlags = f & ruleMask;
  }
  if (dot >= 0 && node.c !== null) walk(node, host, dot, ruleMask, exceptionMask);
}

/** `sections` bit: use ICANN-section rules. */
export const ICANN_SECTION: number = ICANN_RULE;
/** `sections` bit: use PRIVATE-section rules. */
export const PRIVATE_SECTION: number = PRIVATE_RULE;

let lastInfo = 0; // bit 1 icann, bit 2 private, bit 4 exception

/**
 * Where the public suffix of `host` starts (an index into `host`). `host` must be normalised:
 * non-empty labels, no trailing dot, lower case. With no matching rule, the implicit `*` rule
 * makes the last label the suffix. `sections` is {@link ICANN_SECTION}, {@link PRIVATE_SECTION}
 * or both (bitwise or).
 */
export function publicSuffixStart(root: SuffixTrieNode, host: string, sections: number): number {
  bestStart = -1;
  bestFlags = 0;
  exceptionStart = -1;
  exceptionFlags = 0;
  walk(root, host, host.length, sections & (ICANN_RULE | PRIVATE_RULE), (sections & 3) << 2);
  if (exceptionStart >= 0) {
    lastInfo = (exceptionFlags & ICANN_EXCEPTION ? 1 : 2) | 4;
    return exceptionStart;
  }
  if (bestStart >= 0) {
    lastInfo = bestFlags & ICANN_RULE ? 1 : 2;
    return bestStart;
  }
  lastInfo = 0;
  return host.lastIndexOf('.') + 1;
}

/**
 * The public suffix of `hostname` by the list whose trie is `root`, written to `out` the way
 * tldts-core's suffix lookups do; returns true when an exception rule prevailed. Shared by
 * `createSuffixLookup` and the module-scope lookup `tldts.ts` hands to `parseImpl`.
 */
export function suffixLookupInto(
  root: SuffixTrieNode,
  hostname: string,
  sections: number,
  out: TldtsPublicSuffix,
): boolean {
  if (hostname.length === 0) {
    out.publicSuffix = null;
    out.isIcann = null;
    out.isPrivate = null;
    return false;
  }
  const start = publicSuffixStart(root, hostname, sections);
  out.publicSuffix = start === 0 ? hostname : hostname.slice(start);
  out.isIcann = (lastInfo & 1) !== 0;
  out.isPrivate = (lastInfo & 2) !== 0;
  return (lastInfo & 4) !== 0;
}

/** tldts-core's `IPublicSuffix` shape (the `out` argument of a suffix lookup). */
export interface TldtsPublicSuffix {
  isIcann: boolean | null;
  isPrivate: boolean | null;
  publicSuffix: string | null;
}

/** tldts-core's `ISuffixLookupOptions` shape. */
export interface TldtsSuffixLookupOptions {
  allowIcannDomains: boolean;
  allowPrivateDomains: boolean;
}

/** A suffix lookup in tldts-core's callback shape; returns true when an exception prevailed. */
export type TldtsSuffixLookup = (
  hostname: string,
  options: TldtsSuffixLookupOptions,
  out: TldtsPublicSuffix,
) => boolean;

/**
 * A suffix lookup over `psl` in the callback shape tldts-core's `parseImpl` takes, so a list
 * loaded at run time works with any tldts-core based code. `allowPrivateDomains: false` uses
 * the ICANN section only, as in tldts. The hostname must already be lower case.
 * @example
 * import { parseImpl, getEmptyResult } from 'tldts-core';
 * const lookup = createSuffixLookup(loadPublicSuffixList(datText));
 * parseImpl('www.example.co.uk', 3, lookup, { allowPrivateDomains: true }, getEmptyResult()).domain;
 */
export function createSuffixLookup(psl: PublicSuffixList): TldtsSuffixLookup {
  const root = trieOf(psl);
  return (hostname, options, out) =>
    suffixLookupInto(
      root,
      hostname,
      (options.allowIcannDomains ? ICANN_SECTION : 0) |
        (options.allowPrivateDomains ? PRIVATE_SECTION : 0),
      out,
    );
}
