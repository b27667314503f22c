/**
 * Public-suffix lookup over the compiled trie (the PSL algorithm of
 * https://github.com/publicsuffix/list/wiki/Format: an exception rule prevails, otherwise the
 * matching rule with the most labels, otherwise the implicit `*` rule), writing its answer the
 * way tldts-core's suffix lookups do, for `tldts.ts` and for `createSuffixLookup` (psl-api.ts).
 * @module
 */
import { HAS_CHILDREN, type PackedSuffixTrie, slotOf } from './packed-trie.js';
import { ICANN_EXCEPTION, ICANN_RULE, PRIVATE_RULE } from './psl.js';

// The trie of the lookup in progress, in module-scope variables: tldts measured module-scope
// globals about 20% faster than state reached through a closure (packages/tldts/src/suffix-trie.ts).
// They are swapped only when a lookup uses another list.
let current: PackedSuffixTrie | null = null;
let flags: Uint8Array = new Uint8Array(0);
let parents: Int32Array = new Int32Array(0);
let hashes: Int32Array = new Int32Array(0);
let labelStarts: Uint32Array = new Uint32Array(0);
let labelLengths: Uint32Array = new Uint32Array(0);
let wildcards: Int32Array = new Int32Array(0);
let labels = '';
let slots: Int32Array = new Int32Array(0);
let mask = 0;
let suffixText: (string | null | undefined)[] = [];

function use(trie: PackedSuffixTrie): void {
  current = trie;
  flags = trie.flags;
  parents = trie.parent;
  hashes = trie.hash;
  labelStarts = trie.labelStart;
  labelLengths = trie.labelLength;
  wildcards = trie.wildcard;
  labels = trie.labels;
  slots = trie.slots;
  mask = trie.mask;
  suffixText = trie.suffixText;
}

// Lookup state, reset on every call. Lookups are synchronous, so module scope is safe and
// saves allocating a result object per lookup (the hot path of `organizationalDomain`).
let host = '';
let ruleMask = 0;
let exceptionMask = 0;
let bestStart = -1;
let bestFlags = 0;
let bestNode = -1;
let exceptionStart = -1;
let exceptionFlags = 0;
let exceptionNode = -1;

/** The child of `node` labelled `host[start, start + length)` (hash `hash`), or -1. */
function childOf(node: number, hash: number, start: number, length: number): number {
  let slot = slotOf(node, hash, mask);
  for (;;) {
    const entry = slots[slot] as number;
    if (entry === 0) return -1;
    const child = entry - 1;
    if (parents[child] === node && hashes[child] === hash && labelLengths[child] === length) {
      const offset = labelStarts[child] as number;
      let i = 0;
      while (i < length && labels.charCodeAt(offset + i) === host.charCodeAt(start + i)) i++;
      if (i === length) return child;
    }
    slot = (slot + 1) & mask;
  }
}

/** Matches the label of `host` ending at `end` (exclusive) below `node`: exact child, then `*`. */
function walk(node: number, end: number): void {
  // Read the label right to left, hashing it on the way (labelHash in packed-trie.ts).
  let h = 0;
  let dot = end - 1;
  for (; dot >= 0; dot--) {
    const c = host.charCodeAt(dot);
    if (c === 46) break;
    h = Math.imul(h, 33) ^ c;
  }
  const start = dot + 1;
  const exact = childOf(node, h, start, end - start);
  if (exact >= 0) visit(exact, start, end, dot);
  const wildcard = wildcards[node] as number;
  if (wildcard >= 0 && start < end) visit(wildcard, start, end, dot);
}

function visit(node: number, start: number, end: number, dot: number): void {
  const f = flags[node] as number;
  if ((f & exceptionMask) !== 0 && exceptionStart < 0) {
    // The public suffix is the exception rule without its left-most label.
    exceptionStart = end + 1;
    exceptionFlags = f & exceptionMask;
    exceptionNode = node;
  }
  if ((f & ruleMask) !== 0 && (bestStart < 0 || start < bestStart)) {
    bestStart = start;
    bestFlags = f & ruleMask;
    bestNode = node;
  }
  if (dot >= 0 && (f & HAS_CHILDREN) !== 0) walk(node, dot);
}

/** `sections` bit: use ICANN-section rules. */
export const ICANN_SECTION: number = ICANN_RULE;
/** `sections` bit: use PRIVATE-section rules. */
export const PRIVATE_SECTION: number = PRIVATE_RULE;

let lastInfo = 0; // bit 1 icann, bit 2 private, bit 4 exception
let lastNode = -1; // the trie node whose text is the last suffix found, or -1 (implicit `*` rule)

/**
 * Where the public suffix of `name` starts (an index into `name`), by the packed trie of a list.
 * `name` must be normalised:
 * non-empty labels, no trailing dot, lower case. With no matching rule, the implicit `*` rule
 * makes the last label the suffix. `sections` is {@link ICANN_SECTION}, {@link PRIVATE_SECTION}
 * or both (bitwise or).
 */
export function publicSuffixStart(trie: PackedSuffixTrie, name: string, sections: number): number {
  if (trie !== current) use(trie);
  host = name;
  ruleMask = sections & (ICANN_RULE | PRIVATE_RULE);
  exceptionMask = (sections & 3) << 2;
  bestStart = -1;
  bestFlags = 0;
  bestNode = -1;
  exceptionStart = -1;
  exceptionFlags = 0;
  exceptionNode = -1;
  if (((flags[0] as number) & HAS_CHILDREN) !== 0) walk(0, name.length);
  host = '';
  if (exceptionStart >= 0) {
    lastInfo = (exceptionFlags & ICANN_EXCEPTION ? 1 : 2) | 4;
    // The suffix is the exception rule without its left-most label: the parent node's text.
    lastNode = parents[exceptionNode] as number;
    return exceptionStart;
  }
  if (bestStart >= 0) {
    lastInfo = bestFlags & ICANN_RULE ? 1 : 2;
    lastNode = bestNode;
    return bestStart;
  }
  lastInfo = 0;
  lastNode = -1;
  return name.lastIndexOf('.') + 1;
}

/**
 * The public suffix of `hostname` by the list whose packed trie is `trie`, written to `out` the way
 * tldts-core's suffix lookups do; returns true when an exception rule prevailed. Shared by
 * `createSuffixLookup` and the module-scope lookup `tldts.ts` hands to `parseImpl`.
 */
export function suffixLookupInto(
  trie: PackedSuffixTrie,
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
  const start = publicSuffixStart(trie, hostname, sections);
  out.publicSuffix = start === 0 ? hostname : suffixFrom(hostname, start);
  out.isIcann = (lastInfo & 1) !== 0;
  out.isPrivate = (lastInfo & 2) !== 0;
  return (lastInfo & 4) !== 0;
}

/**
 * `hostname.slice(start)`, the suffix the last lookup found, from the memo of its node's text
 * when the node has a fixed text (no `*` above it): the common suffixes then cost no string
 * allocation per lookup.
 */
function suffixFrom(hostname: string, start: number): string {
  const node = lastNode;
  if (node <= 0) return hostname.slice(start);
  const known = suffixText[node];
  if (typeof known === 'string') return known;
  const text = hostname.slice(start);
  if (known === undefined) suffixText[node] = belowWildcard(node) ? null : text;
  return text;
}

/** True when `node` or one of its ancestors is a `*` node (its text then depends on the name). */
function belowWildcard(node: number): boolean {
  for (let n = node; n > 0; n = parents[n] as number) {
    if (wildcards[parents[n] as number] === n) return true;
  }
  return false;
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
