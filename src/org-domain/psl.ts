/**
 * The Public Suffix List compiler: the publicsuffix.org `.dat` format in, a label trie out.
 * The same code serves `loadPublicSuffixList(datText)` (psl-api.ts) at run time and
 * `scripts/generate-psl.ts` at build time, so the shipped snapshot and a list loaded later can
 * never disagree. Format: https://github.com/publicsuffix/list/wiki/Format.
 * @module
 */
import { hasNonAscii } from '../internal/domain-name.js';
import { punycodeDecode, punycodeEncode } from '../internal/punycode.js';
import type { LoadPublicSuffixListOptions, PublicSuffixList } from './psl-types.js';

/** Node flag: an ICANN-section rule ends here. */
export const ICANN_RULE = 1;
/** Node flag: a PRIVATE-section rule ends here. */
export const PRIVATE_RULE = 2;
/** Node flag: an ICANN-section exception rule (`!label...`) ends here. */
export const ICANN_EXCEPTION = 4;
/** Node flag: a PRIVATE-section exception rule ends here. */
export const PRIVATE_EXCEPTION = 8;

/**
 * One trie node: flags of the rules ending here and children by label (right to left). Lookups
 * use the packed form derived from it (packed-trie.ts).
 */
export interface SuffixTrieNode {
  f: number;
  c: Map<string, SuffixTrieNode> | null;
}

/** The rules of a list, as written (lower-cased), per section. */
export interface PublicSuffixRules {
  icann: string[];
  private: string[];
}

/** The compiled list: rule counts plus the trie. Instances are what `PublicSuffixList` hides. */
export class CompiledPublicSuffixList implements PublicSuffixList {
  readonly icannRules: number;
  readonly privateRules: number;
  /** The root of the trie; its children are top-level labels. */
  readonly root: SuffixTrieNode;

  constructor(rules: PublicSuffixRules) {
    this.icannRules = new Set(rules.icann).size;
    this.privateRules = new Set(rules.private).size;
    this.root = { f: 0, c: null };
    for (const rule of rules.icann) insertRule(this.root, rule, false);
    for (const rule of rules.private) insertRule(this.root, rule, true);
  }
}

const DEFAULT_MAX_RULES = 100_000;
/** A rule longer than a DNS name can be is not a rule. */
const MAX_RULE_LENGTH = 253;

/**
 * Reads the rules of a `.dat` file: each line up to its first whitespace, `//` comments
 * skipped, sections from the `===BEGIN ICANN DOMAINS===` / `===BEGIN PRIVATE DOMAINS===`
 * markers (rules outside both count as ICANN). Rules are lower-cased; lines that cannot be
 * rules (empty labels, over-long) are skipped.
 * @example compilePublicSuffixList('// ===BEGIN ICANN DOMAINS===\ncom\n*.ck\n!www.ck\n')
 */
export function compilePublicSuffixList(
  datText: string,
  options: LoadPublicSuffixListOptions = {},
): PublicSuffixRules {
  const maxRules = options.maxRules ?? DEFAULT_MAX_RULES;
  if (!Number.isInteger(maxRules) || maxRules < 0) {
    throw new RangeError('maxRules must be a non-negative integer');
  }
  const rules: PublicSuffixRules = { icann: [], private: [] };
  if (typeof datText !== 'string') return rules;
  let inPrivate = false;
  let count = 0;
  let lineStart = 0;
  const n = datText.length;
  while (lineStart < n && count < maxRules) {
    let lineEnd = datText.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    const line = datText.slice(lineStart, lineEnd);
    lineStart = lineEnd + 1;
    const rule = firstWord(line);
    if (rule === '') continue;
    if (rule.startsWith('//')) {
      if (line.includes('===BEGIN PRIVATE DOMAINS===')) inPrivate = true;
      else if (line.includes('===END PRIVATE DOMAINS===')) inPrivate = false;
      continue;
    }
    const normalised = normaliseRule(rule);
    if (normalised === null) continue;
    (inPrivate ? rules.private : rules.icann).push(normalised);
    count++;
  }
  return rules;
}

/** The text of a line up to its first whitespace, leading whitespace skipped. */
function firstWord(line: string): string {
  let start = 0;
  while (start < line.length && isSpace(line.charCodeAt(start))) start++;
  let end = start;
  while (end < line.length && !isSpace(line.charCodeAt(end))) end++;
  return line.slice(start, end);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff;
}

/** Lower-cases a rule and checks its labels; `null` when it cannot be a rule. */
function normaliseRule(rule: string): string | null {
  if (rule.length > MAX_RULE_LENGTH + 1) return null;
  const lowered = rule.toLowerCase().normalize('NFC');
  const body = lowered.startsWith('!') ? lowered.slice(1) : lowered;
  if (body === '' || body.startsWith('.') || body.endsWith('.') || body.includes('..')) return null;
  // `!` only leads an exception; `:{},` are the snapshot encoding's delimiters.
  for (const bad of ['!', ':', '{', '}', ',']) if (body.includes(bad)) return null;
  for (const label of body.split('.')) {
    if (label.includes('*') && label !== '*') return null;
  }
  return lowered;
}

/** Inserts one rule (and its other IDN form) into the trie. */
function insertRule(root: SuffixTrieNode, rule: string, isPrivate: boolean): void {
  const exception = rule.startsWith('!');
  const body = exception ? rule.slice(1) : rule;
  const flag = exception
    ? isPrivate
      ? PRIVATE_EXCEPTION
      : ICANN_EXCEPTION
    : isPrivate
      ? PRIVATE_RULE
      : ICANN_RULE;
  const labels = body.split('.');
  insertLabels(root, labels, flag);
  const alternate = alternateForm(labels);
  if (alternate !== null) insertLabels(root, alternate, flag);
}

function insertLabels(root: SuffixTrieNode, labels: string[], flag: number): void {
  let node = root;
  for (let i = labels.length - 1; i >= 0; i--) {
    const label = labels[i] as string;
    if (node.c === null) node.c = new Map();
    let child = node.c.get(label);
    if (child === undefined) {
      child = { f: 0, c: null };
      node.c.set(label, child);
    }
    node = child;
  }
  node.f |= flag;
}

/**
 * The rule's labels in the other IDN form: Unicode labels as A-labels when any label is
 * Unicode, else `xn--` labels decoded; `null` when the rule has neither.
 */
function alternateForm(labels: string[]): string[] | null {
  let changed = false;
  const out: string[] = [];
  for (const label of labels) {
    let converted = label;
    if (hasNonAscii(label)) {
      const encoded = punycodeEncode(label);
      if (encoded !== null) converted = `xn--${encoded}`;
    } else if (label.startsWith('xn--')) {
      const decoded = punycodeDecode(label.slice(4));
      if (decoded !== null && hasNonAscii(decoded)) converted = decoded;
    }
    if (converted !== label) changed = true;
    out.push(converted);
  }
  return changed ? out : null;
}

/* ---------------------------------------------------------------------------------------------
 * Snapshot encoding. Rules of a section are stored as a trie in text form, right-most label
 * first: `label[:flag][{child,child}]`, where a missing flag means "a rule of this section
 * ends here" and `:0` an intermediate label. Sections are separated by a newline. Grouping
 * labels under their parent keeps the shipped snapshot small after gzip.
 * ------------------------------------------------------------------------------------------- */

interface EncodeNode {
  rule: number; // 0 none, 1 rule, 2 exception
  children: Map<string, EncodeNode>;
}

function encodeSection(rules: string[]): string {
  const root: EncodeNode = { rule: 0, children: new Map() };
  for (const rule of rules) {
    const exception = rule.startsWith('!');
    const labels = (exception ? rule.slice(1) : rule).split('.');
    let node = root;
    for (let i = labels.length - 1; i >= 0; i--) {
      const label = labels[i] as string;
      let child = node.children.get(label);
      if (child === undefined) {
        child = { rule: 0, children: new Map() };
        node.children.set(label, child);
      }
      node = child;
    }
    node.rule |= exception ? 2 : 1;
  }
  return encodeChildren(root);
}

function encodeChildren(node: EncodeNode): string {
  const parts: string[] = [];
  for (const label of [...node.children.keys()].sort()) {
    const child = node.children.get(label) as EncodeNode;
    let text = label;
    if (child.rule !== 1) text += `:${child.rule}`;
    if (child.children.size > 0) text += `{${encodeChildren(child)}}`;
    parts.push(text);
  }
  return parts.join(',');
}

/** Serialises rules to the snapshot text (used by `scripts/generate-psl.ts`). */
export function encodePublicSuffixRules(rules: PublicSuffixRules): string {
  return `${encodeSection(rules.icann)}\n${encodeSection(rules.private)}`;
}

/** Reads the snapshot text back into rules; the inverse of `encodePublicSuffixRules` up to order. */
export function decodePublicSuffixRules(text: string): PublicSuffixRules {
  const newline = text.indexOf('\n');
  return {
    icann: decodeSection(newline < 0 ? text : text.slice(0, newline)),
    private: newline < 0 ? [] : decodeSection(text.slice(newline + 1)),
  };
}

function decodeSection(text: string): string[] {
  const rules: string[] = [];
  const stack: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 58 || c === 123 || c === 125 || c === 44) break; // : { } ,
      j++;
    }
    const label = text.slice(i, j);
    let rule = 1;
    if (j < n && text.charCodeAt(j) === 58) {
      rule = text.charCodeAt(j + 1) - 48;
      j += 2;
    }
    const suffix = stack.length === 0 ? label : `${label}.${stack[stack.length - 1]}`;
    if (rule & 1) rules.push(suffix);
    if (rule & 2) rules.push(`!${suffix}`);
    if (j < n && text.charCodeAt(j) === 123) {
      stack.push(suffix);
      i = j + 1;
      continue;
    }
    i = j;
    while (i < n && text.charCodeAt(i) === 125) {
      stack.pop();
      i++;
    }
    if (i < n && text.charCodeAt(i) === 44) i++;
  }
  return rules;
}
