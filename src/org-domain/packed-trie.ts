/**
 * The label trie of a loaded list in flat typed arrays, derived on the first lookup (as tldts
 * derives its hashes and offsets at load): nodes are numbers, children are found through one
 * open-addressing table keyed by (parent, label hash), so a lookup walks the name's labels
 * right to left without slicing a string or allocating.
 * @module
 */
import { CompiledPublicSuffixList, type SuffixTrieNode } from './psl.js';
import type { PublicSuffixList } from './psl-types.js';

/** Node flag, beside psl.ts's rule flags: the node has children. */
export const HAS_CHILDREN = 16;
/** Node flag: the node has a `*` child. */
export const HAS_WILDCARD = 32;

/**
 * Int32 fields per node in {@link PackedSuffixTrie.nodes}, one after another so that checking
 * a candidate child reads one cache line: parent, label hash, label start, and the label length
 * (low 8 bits; a rule is at most 254 characters) with the node's flags above it.
 */
export const NODE_STRIDE = 4;
/** Field offsets within a node's {@link NODE_STRIDE} fields. */
export const PARENT = 0;
export const HASH = 1;
export const LABEL_START = 2;
export const LENGTH_AND_FLAGS = 3;
/** Shift of the flags within {@link LENGTH_AND_FLAGS}. */
export const FLAGS_SHIFT = 8;
/** The longest label the low bits of {@link LENGTH_AND_FLAGS} hold. */
const MAX_LABEL = 255;

/** A packed label trie. Node 0 is the root. */
export interface PackedSuffixTrie {
  /**
   * {@link NODE_STRIDE} Int32 fields per node: parent (-1 for the root), {@link labelHash} of
   * its label, where the label starts in {@link PackedSuffixTrie.labels}, and its length with
   * the rule flags (psl.ts) plus {@link HAS_CHILDREN} and {@link HAS_WILDCARD} shifted by
   * {@link FLAGS_SHIFT}.
   */
  readonly nodes: Int32Array;
  /** Every label, one after another. */
  readonly labels: string;
  /** Open-addressing table of child nodes plus one (0: empty slot), by {@link slotOf}. */
  readonly slots: Int32Array;
  /** `slots.length - 1` (a power of two minus one). */
  readonly mask: number;
  /**
   * Memo of each node's suffix text (its label and its ancestors', dot-separated), filled by
   * lookups as they match: `null` for a node below a `*`, whose text depends on the name.
   */
  readonly suffixText: (string | null | undefined)[];
}

/** The hash of `text[start, end)`, read right to left as the lookup reads a name. */
export function labelHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = end - 1; i >= start; i--) h = Math.imul(h, 33) ^ text.charCodeAt(i);
  return h;
}

/** {@link labelHash} of `*`. */
export const WILDCARD_HASH: number = labelHash('*', 0, 1);

/** The first slot to probe for the child of `parent` whose label hashes to `hash`. */
export function slotOf(parent: number, hash: number, mask: number): number {
  let x = Math.imul(hash ^ Math.imul(parent, 0x27d4eb2d), 0x9e3779b1);
  x ^= x >>> 15;
  return x & mask;
}

const cache = new WeakMap<PublicSuffixList, PackedSuffixTrie>();
// The last list asked for and its trie: callers pass the same list again and again, and this
// saves the WeakMap lookup on each call.
let lastList: PublicSuffixList | undefined;
let lastTrie: PackedSuffixTrie | undefined;

/** The packed trie of `psl`, built on first use; a `TypeError` for a list it did not make. */
export function packedTrieOf(psl: PublicSuffixList): PackedSuffixTrie {
  if (psl === lastList && lastTrie !== undefined) return lastTrie;
  let packed = cache.get(psl);
  if (packed === undefined) {
    if (!(psl instanceof CompiledPublicSuffixList)) {
      throw new TypeError('psl must come from loadPublicSuffixList() or defaultPublicSuffixList()');
    }
    packed = packTrie(psl.root);
    cache.set(psl, packed);
  }
  lastList = psl;
  lastTrie = packed;
  return packed;
}

/** Packs a label trie (breadth first, so a node's children have nearby numbers). */
export function packTrie(root: SuffixTrieNode): PackedSuffixTrie {
  const order: SuffixTrieNode[] = [root];
  const labelOf: string[] = [''];
  const parentOf: number[] = [-1];
  for (let i = 0; i < order.length; i++) {
    const children = (order[i] as SuffixTrieNode).c;
    if (children === null) continue;
    for (const [label, child] of children) {
      order.push(child);
      labelOf.push(label);
      parentOf.push(i);
    }
  }
  const n = order.length;
  const nodes = new Int32Array(n * NODE_STRIDE);
  let size = 2;
  while (size < n * 2) size *= 2;
  const slots = new Int32Array(size);
  const mask = size - 1;
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const node = order[i] as SuffixTrieNode;
    const label = labelOf[i] as string;
    let flags = node.f;
    if (node.c !== null && node.c.size > 0) {
      flags |= HAS_CHILDREN;
      if (node.c.has('*')) flags |= HAS_WILDCARD;
    }
    const base = i * NODE_STRIDE;
    const p = parentOf[i] as number;
    const h = labelHash(label, 0, label.length);
    nodes[base + PARENT] = p;
    nodes[base + HASH] = h;
    nodes[base + LABEL_START] = offset;
    nodes[base + LENGTH_AND_FLAGS] = (label.length & MAX_LABEL) | (flags << FLAGS_SHIFT);
    offset += label.length;
    // A label longer than the length field holds (an A-label made from a long Unicode rule) can
    // be part of no DNS name (RFC 1035 §2.3.4: 63 octets): it is left out of the child table, so
    // it and the rules below it never match.
    if (i === 0 || label.length > MAX_LABEL) continue;
    let slot = slotOf(p, h, mask);
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  }
  return {
    nodes,
    labels: labelOf.join(''),
    slots,
    mask,
    suffixText: new Array<string | null | undefined>(n).fill(undefined),
  };
}
