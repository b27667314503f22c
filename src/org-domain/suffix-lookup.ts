/**
 * Public-suffix lookup over the compiled trie (the PSL algorithm of
 * https://github.com/publicsuffix/list/wiki/Format: an exception rule prevails, otherwise the
 * matching rule with the most labels, otherwise the implicit `*` rule), writing its answer the
 * way tldts-core's suffix lookups do, for `tldts.ts` and for `createSuffixLookup` (psl-api.ts).
 * @module
 */
import {
  FLAGS_SHIFT,
  HAS_CHILDREN,
  HAS_WILDCARD,
  HASH,
  LABEL_START,
  LENGTH_AND_FLAGS,
  labelHash,
  NODE_STRIDE,
  type PackedSuffixTrie,
  slotOf,
  WILDCARD_HASH,
} from './packed-trie.js';
import { ICANN_EXCEPTION, ICANN_RULE, PRIVATE_RULE } from './psl.js';

// The trie of the lookup in progress, in module-scope variables: tldts measured module-scope
// globals about 20% faster than state reached through a closure (packages/tldts/src/suffix-trie.ts).
// They are swapped only when a lookup uses another list.
let current: PackedSuffixTrie | null = null;
let nodes: Int32Array = new Int32Array(0);
let labels = '';
let slots: Int32Array = new Int32Array(0);
let mask = 0;
let suffixText: (string | null | undefined)[] = [];

function use(trie: PackedSuffixTrie): void {
  current = trie;
  nodes = trie.nodes;
  labels = trie.labels;
  slots = trie.slots;
  mask = trie.mask;
  suffixText = trie.suffixText;
}

/**
 * `String.prototype.charCodeAt`, called as `charCodeAt.call(text, i)`: names come in every kind
 * of V8 string (flat, sliced, concatenated, internalized), and a `text.charCodeAt(i)` call site
 * stops inlining past four kinds (see internal/domain-name.ts).
 */
const charCodeAt = String.prototype.charCodeAt;

/** The flags (psl.ts rule flags, HAS_CHILDREN, HAS_WILDCARD) of `node`. */
function flagsOf(node: number): number {
  return (nodes[node * NODE_STRIDE + LENGTH_AND_FLAGS] as number) >> FLAGS_SHIFT;
}

/** The child of `node` labelled `text[start, start + length)` (hash `hash`), or -1. */
function childOf(text: string, node: number, hash: number, start: number, length: number): number {
  let slot = slotOf(node, hash, mask);
  for (;;) {
    const entry = slots[slot] as number;
    if (entry === 0) return -1;
    const base = (entry - 1) * NODE_STRIDE;
    if (
      nodes[base] === node &&
      nodes[base + HASH] === hash &&
      ((nodes[base + LENGTH_AND_FLAGS] as number) & 255) === length
    ) {
      const offset = nodes[base + LABEL_START] as number;
      let i = 0;
      while (
        i < length &&
        charCodeAt.call(labels, offset + i) === charCodeAt.call(text, start + i)
      ) {
        i++;
      }
      if (i === length) return entry - 1;
    }
    slot = (slot + 1) & mask;
  }
}

// What the lookup in progress has matched, in one typed array (lookups are synchronous, so one
// array serves every call): the longest rule (where its suffix starts, its section flag, its
// node) and the first exception (where the suffix it leaves starts, its flag, its node); a
// start of -1 means none yet.
const match = new Int32Array(6);
const RULE_START = 0;
const RULE_FLAG = 1;
const RULE_NODE = 2;
const EXCEPTION_START = 3;
const EXCEPTION_FLAG = 4;
const EXCEPTION_NODE = 5;
let ruleMask = 0;
let exceptionMask = 0;

/** Records `node`, matched by the label `[start, end)` of the name, if it ends a rule. */
function record(node: number, flags: number, start: number, end: number): void {
  if ((flags & exceptionMask) !== 0 && (match[EXCEPTION_START] as number) < 0) {
    // The public suffix is the exception rule without its left-most label.
    match[EXCEPTION_START] = end + 1;
    match[EXCEPTION_FLAG] = flags & exceptionMask;
    match[EXCEPTION_NODE] = node;
  }
  if ((flags & ruleMask) !== 0) {
    const best = match[RULE_START] as number;
    if (best < 0 || start < best) {
      match[RULE_START] = start;
      match[RULE_FLAG] = flags & ruleMask;
      match[RULE_NODE] = node;
    }
  }
}

// Nodes with a `*` child passed on the way down, and the end of the name's label below each:
// their `*` branches are visited after the exact path, deepest first, as a depth-first walk
// does. A name has at most 127 labels.
const wildcardNodes = new Int32Array(128);
const wildcardEnds = new Int32Array(128);

/**
 * Follows the name's labels right to left down the exact children, recording each rule on the
 * way, then the `*` branches passed (in the rare lists that have them below). The loop keeps
 * the common case (no `*` on the path) free of recursion and of per-label calls but one.
 */
function matchName(name: string): void {
  let node = 0;
  let flags = flagsOf(0);
  let end = name.length;
  let pending = 0;
  while ((flags & HAS_CHILDREN) !== 0) {
    // Read the label right to left, hashing it on the way (labelHash in packed-trie.ts).
    let h = 0;
    let dot = end - 1;
    for (; dot >= 0; dot--) {
      const c = charCodeAt.call(name, dot);
      if (c === 46) break;
      h = Math.imul(h, 33) ^ c;
    }
    const start = dot + 1;
    if ((flags & HAS_WILDCARD) !== 0 && start < end && pending < 128) {
      wildcardNodes[pending] = node;
      wildcardEnds[pending] = end;
      pending++;
    }
    const child = childOf(name, node, h, start, end - start);
    if (child < 0) break;
    flags = flagsOf(child);
    record(child, flags, start, end);
    if (dot < 0) break;
    node = child;
    end = dot;
  }
  while (pending > 0) {
    pending--;
    const parent = wildcardNodes[pending] as number;
    const labelEnd = wildcardEnds[pending] as number;
    visit(
      name,
      childOf('*', parent, WILDCARD_HASH, 0, 1),
      name.lastIndexOf('.', labelEnd - 1) + 1,
      labelEnd,
    );
  }
}

/** Records `node` (matched by the label `[start, end)`) and walks on below it: the `*` branches. */
function visit(name: string, node: number, start: number, end: number): void {
  const flags = flagsOf(node);
  record(node, flags, start, end);
  if (start > 0 && (flags & HAS_CHILDREN) !== 0) walk(name, node, start - 1);
}

/** Matches the label of the name ending at `end` (exclusive) below `node`: exact child, then `*`. */
function walk(name: string, node: number, end: number): void {
  const start = name.lastIndexOf('.', end - 1) + 1;
  const exact = childOf(name, node, labelHash(name, start, end), start, end - start);
  if (exact >= 0) visit(name, exact, start, end);
  if ((flagsOf(node) & HAS_WILDCARD) !== 0 && start < end) {
    visit(name, childOf('*', node, WILDCARD_HASH, 0, 1), start, end);
  }
}

/** `sections` bit: use ICANN-section rules. */
const ICANN_SECTION: number = ICANN_RULE;
/** `sections` bit: use PRIVATE-section rules. */
const PRIVATE_SECTION: number = PRIVATE_RULE;

let lastInfo = 0; // bit 1 icann, bit 2 private, bit 4 exception
let lastNode = -1; // the trie node whose text is the last suffix found, or -1 (implicit `*` rule)

/**
 * Where the public suffix of `name` starts (an index into `name`), by the packed trie of a list.
 * `name` must be normalised:
 * non-empty labels, no trailing dot, lower case. With no matching rule, the implicit `*` rule
 * makes the last label the suffix. `sections` is {@link ICANN_SECTION}, {@link PRIVATE_SECTION}
 * or both (bitwise or).
 */
function publicSuffixStart(trie: PackedSuffixTrie, name: string, sections: number): number {
  if (trie !== current) use(trie);
  ruleMask = sections & (ICANN_RULE | PRIVATE_RULE);
  exceptionMask = ruleMask << 2;
  match[RULE_START] = -1;
  match[EXCEPTION_START] = -1;
  matchName(name);
  const exceptionStart = match[EXCEPTION_START] as number;
  if (exceptionStart >= 0) {
    lastInfo = ((match[EXCEPTION_FLAG] as number) & ICANN_EXCEPTION ? 1 : 2) | 4;
    // The suffix is the exception rule without its left-most label: the parent node's text.
    lastNode = nodes[(match[EXCEPTION_NODE] as number) * NODE_STRIDE] as number;
    return exceptionStart;
  }
  const ruleStart = match[RULE_START] as number;
  if (ruleStart >= 0) {
    lastInfo = (match[RULE_FLAG] as number) & ICANN_RULE ? 1 : 2;
    lastNode = match[RULE_NODE] as number;
    return ruleStart;
  }
  lastInfo = 0;
  lastNode = -1;
  return name.lastIndexOf('.') + 1;
}

/**
 * The public suffix of `hostname` by the list whose packed trie is `trie`, written to `out` the way
 * tldts-core's suffix lookups do; returns true when an exception rule prevailed. Shared by
 * `suffixLookupOver`, the lookup `tldts.ts` and `createSuffixLookup` hand to `parseImpl`.
 */
function suffixLookupInto(
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
  for (let n = node; n > 0; n = nodes[n * NODE_STRIDE] as number) {
    const base = n * NODE_STRIDE;
    if (
      ((nodes[base + LENGTH_AND_FLAGS] as number) & 255) === 1 &&
      labels.charCodeAt(nodes[base + LABEL_START] as number) === 42
    ) {
      return true;
    }
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

const lookups = new WeakMap<PackedSuffixTrie, TldtsSuffixLookup>();

/**
 * The suffix lookup over `trie` in tldts-core's callback shape, made once per trie. Every lookup
 * handed to `parseImpl` (ours in tldts.ts, and any a user makes with
 * `createSuffixLookup` (psl-api.ts)) is a closure of this one function, so `parseImpl`'s call site
 * keeps one target to inline: with two different functions there, the bench measured
 * `organizationalDomain` about 12% slower.
 */
export function suffixLookupOver(trie: PackedSuffixTrie): TldtsSuffixLookup {
  let lookup = lookups.get(trie);
  if (lookup === undefined) {
    lookup = (hostname, options, out) =>
      suffixLookupInto(
        trie,
        hostname,
        (options.allowIcannDomains ? ICANN_SECTION : 0) |
          (options.allowPrivateDomains ? PRIVATE_SECTION : 0),
        out,
      );
    lookups.set(trie, lookup);
  }
  return lookup;
}
