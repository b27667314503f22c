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

/** A packed label trie. Node 0 is the root. */
export interface PackedSuffixTrie {
  /** Rule flags (psl.ts) of each node, plus {@link HAS_CHILDREN}. */
  readonly flags: Uint8Array;
  /** The parent of each node (-1 for the root). */
  readonly parent: Int32Array;
  /** {@link labelHash} of each node's label. */
  readonly hash: Int32Array;
  /** Where each node's label starts in {@link PackedSuffixTrie.labels}, and its length. */
  readonly labelStart: Uint32Array;
  readonly labelLength: Uint32Array;
  /** The `*` child of each node, or -1. */
  readonly wildcard: Int32Array;
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

/** The first slot to probe for the child of `parent` whose label hashes to `hash`. */
export function slotOf(parent: number, hash: number, mask: number): number {
  let x = Math.imul(hash ^ Math.imul(parent, 0x27d4eb2d), 0x9e3779b1);
  x ^= x >>> 15;
  return x & mask;
}

const cache = new WeakMap<PublicSuffixList, PackedSuffixTrie>();

/** The packed trie of `psl`, built on first use; a `TypeError` for a list it did not make. */
export function packedTrieOf(psl: PublicSuffixList): PackedSuffixTrie {
  let packed = cache.get(psl);
  if (packed === undefined) {
    if (!(psl instanceof CompiledPublicSuffixList)) {
      throw new TypeError('psl must come from loadPublicSuffixList() or defaultPublicSuffixList()');
    }
    packed = packTrie(psl.root);
    cache.set(psl, packed);
  }
  return packed;
}

/** Packs a label trie (breadth first, so a node's children have nearby numbers). */
export function packTrie(root: SuffixTrieNode): PackedSuffixTrie {
  const nodes: SuffixTrieNode[] = [root];
  const labelOf: string[] = [''];
  const parentOf: number[] = [-1];
  for (let i = 0; i < nodes.length; i++) {
    const children = (nodes[i] as SuffixTrieNode).c;
    if (children === null) continue;
    for (const [label, child] of children) {
      nodes.push(child);
      labelOf.push(label);
      parentOf.push(i);
    }
  }
  const n = nodes.length;
  const flags = new Uint8Array(n);
  const parent = Int32Array.from(parentOf);
  const hash = new Int32Array(n);
  const labelStart = new Uint32Array(n);
  const labelLength = new Uint32Array(n);
  const wildcard = new Int32Array(n).fill(-1);
  let size = 2;
  while (size < n * 2) size *= 2;
  const slots = new Int32Array(size);
  const mask = size - 1;
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i] as SuffixTrieNode;
    const label = labelOf[i] as string;
    flags[i] = node.f | (node.c !== null && node.c.size > 0 ? HAS_CHILDREN : 0);
    labelStart[i] = offset;
    labelLength[i] = label.length;
    offset += label.length;
    if (i === 0) continue;
    const p = parentOf[i] as number;
    if (label === '*') wildcard[p] = i;
    const h = labelHash(label, 0, label.length);
    hash[i] = h;
    let slot = slotOf(p, h, mask);
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  }
  return {
    flags,
    parent,
    hash,
    labelStart,
    labelLength,
    wildcard,
    labels: labelOf.join(''),
    slots,
    mask,
    suffixText: new Array<string | null | undefined>(n).fill(undefined),
  };
}
