import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getEmptyResult, parseImpl } from 'tldts-core';
import { describe, expect, it } from 'vitest';
import {
  createSuffixLookup,
  defaultPublicSuffixList,
  loadPublicSuffixList,
  organizationalDomain,
  type PublicSuffixList,
} from '../../../src/org-domain/index.js';
import {
  type CompiledPublicSuffixList,
  compilePublicSuffixList,
  decodePublicSuffixRules,
  encodePublicSuffixRules,
  type SuffixTrieNode,
} from '../../../src/org-domain/psl.js';

const datPath = fileURLToPath(new URL('../../../data/public_suffix_list.dat', import.meta.url));

const SMALL = [
  '// comment line',
  'com',
  '  uk   trailing words are ignored',
  'co.uk',
  '*.ck',
  '!www.ck',
  '公司.cn',
  'cn',
  'a..b',
  'bad*.example',
  'x!y.example',
  '',
  '// ===BEGIN PRIVATE DOMAINS===',
  'github.io',
  '*.compute.example',
  '!ok.compute.example',
  '// ===END PRIVATE DOMAINS===',
  'io',
].join('\n');

/** Every (path, flags) pair of a trie, sorted, for structural comparison. */
function flatten(psl: PublicSuffixList): string[] {
  const out: string[] = [];
  const visit = (node: SuffixTrieNode, path: string): void => {
    if (node.f !== 0) out.push(`${path}:${node.f}`);
    for (const [label, child] of node.c ?? [])
      visit(child, path === '' ? label : `${label}.${path}`);
  };
  visit((psl as CompiledPublicSuffixList).root, '');
  return out.sort();
}

describe('loadPublicSuffixList', () => {
  const psl = loadPublicSuffixList(SMALL);

  it('reads rules per section, up to the first whitespace, skipping comments and bad lines', () => {
    expect(compilePublicSuffixList(SMALL)).toEqual({
      icann: ['com', 'uk', 'co.uk', '*.ck', '!www.ck', '公司.cn', 'cn', 'io'],
      private: ['github.io', '*.compute.example', '!ok.compute.example'],
    });
    expect(psl.icannRules).toBe(8);
    expect(psl.privateRules).toBe(3);
  });

  it('applies wildcards and exceptions', () => {
    expect(organizationalDomain('ck', { psl })).toBeNull();
    expect(organizationalDomain('test.ck', { psl })).toBeNull();
    expect(organizationalDomain('a.b.test.ck', { psl })).toBe('b.test.ck');
    expect(organizationalDomain('www.ck', { psl })).toBe('www.ck');
    expect(organizationalDomain('a.www.ck', { psl })).toBe('www.ck');
    expect(organizationalDomain('a.ok.compute.example', { psl })).toBe('ok.compute.example');
    expect(organizationalDomain('a.b.compute.example', { psl })).toBe('a.b.compute.example');
  });

  it('indexes IDN rules in both Unicode and Punycode', () => {
    expect(organizationalDomain('www.食狮.公司.cn', { psl })).toBe('食狮.公司.cn');
    expect(organizationalDomain('www.xn--85x722f.xn--55qx5d.cn', { psl })).toBe(
      'xn--85x722f.xn--55qx5d.cn',
    );
    expect(organizationalDomain('xn--55qx5d.cn', { psl })).toBeNull();
  });

  it('counts PRIVATE suffixes by default, ICANN only on request', () => {
    expect(organizationalDomain('www.alice.github.io', { psl })).toBe('alice.github.io');
    expect(organizationalDomain('www.alice.github.io', { psl, icannOnly: true })).toBe('github.io');
    expect(organizationalDomain('a.b.c.compute.example', { psl, icannOnly: true })).toBe(
      'compute.example',
    );
  });

  it('uses the implicit * rule for unlisted top-level domains', () => {
    expect(organizationalDomain('a.b.example.invalid', { psl })).toBe('example.invalid');
  });

  it('treats a list without section markers as ICANN rules', () => {
    const plain = loadPublicSuffixList('com\nco.uk\n');
    expect(plain.icannRules).toBe(2);
    expect(organizationalDomain('x.y.co.uk', { psl: plain })).toBe('y.co.uk');
  });

  it('stops at maxRules and rejects a nonsensical limit', () => {
    expect(loadPublicSuffixList(SMALL, { maxRules: 2 }).icannRules).toBe(2);
    expect(() => loadPublicSuffixList(SMALL, { maxRules: -1 })).toThrow(RangeError);
  });

  it('never throws on non-text input', () => {
    // @ts-expect-error: untyped callers
    expect(loadPublicSuffixList(undefined).icannRules).toBe(0);
  });

  it('rejects a list object it did not make', () => {
    expect(() =>
      organizationalDomain('example.com', { psl: { icannRules: 1, privateRules: 0 } }),
    ).toThrow(TypeError);
  });
});

describe('the shipped snapshot', () => {
  it('is structurally equal to data/public_suffix_list.dat loaded at run time', () => {
    const loaded = loadPublicSuffixList(readFileSync(datPath, 'utf8'));
    const shipped = defaultPublicSuffixList();
    expect(shipped.icannRules).toBe(loaded.icannRules);
    expect(shipped.privateRules).toBe(loaded.privateRules);
    expect(flatten(shipped)).toEqual(flatten(loaded));
    expect(shipped.icannRules).toBeGreaterThan(6000);
    expect(shipped.privateRules).toBeGreaterThan(2000);
  });

  it('is decoded once and shared', () => {
    expect(defaultPublicSuffixList()).toBe(defaultPublicSuffixList());
  });

  it('encodes and decodes every rule', () => {
    const rules = compilePublicSuffixList(readFileSync(datPath, 'utf8'));
    const decoded = decodePublicSuffixRules(encodePublicSuffixRules(rules));
    expect([...decoded.icann].sort()).toEqual([...new Set(rules.icann)].sort());
    expect([...decoded.private].sort()).toEqual([...new Set(rules.private)].sort());
  });

  it('knows Japanese prefecture and city suffixes, wildcards and exceptions', () => {
    expect(organizationalDomain('www.city.kawasaki.jp')).toBe('city.kawasaki.jp');
    expect(organizationalDomain('a.b.kawasaki.jp')).toBe('a.b.kawasaki.jp');
    expect(organizationalDomain('shop.example.tokyo.jp')).toBe('example.tokyo.jp');
    expect(organizationalDomain('x.example.chuo.tokyo.jp')).toBe('example.chuo.tokyo.jp');
  });
});

describe('createSuffixLookup plugs into tldts-core', () => {
  const lookup = createSuffixLookup(loadPublicSuffixList(SMALL));
  // parseImpl's step 3 is FLAG.DOMAIN; tldts-core's FLAG is a const enum, so it has no value at
  // run time and the number is written out here.
  const FLAG_DOMAIN = 3;
  const domain = (host: string, allowPrivateDomains: boolean): string | null =>
    parseImpl(host, FLAG_DOMAIN, lookup, { allowPrivateDomains }, getEmptyResult()).domain;

  it('finds registrable domains through parseImpl', () => {
    expect(domain('www.example.co.uk', true)).toBe('example.co.uk');
    expect(domain('a.b.test.ck', true)).toBe('b.test.ck');
    expect(domain('www.alice.github.io', true)).toBe('alice.github.io');
    expect(domain('www.alice.github.io', false)).toBe('github.io');
  });

  it('gives each name its own suffix when the matching rule has a wildcard, however often asked', () => {
    // The lookup remembers the text of fixed suffixes (no `*` in the rule); a `*` label, or a
    // rule below one, must still give the name's own labels.
    const wild = createSuffixLookup(
      loadPublicSuffixList('ck\n*.ck\n!www.ck\nbar\n*.bar\nfoo.*.bar\nuk\nco.uk\n'),
    );
    const suffix = (host: string): string | null =>
      parseImpl(host, 5, wild, { allowPrivateDomains: true }, getEmptyResult()).publicSuffix;
    for (let round = 0; round < 3; round++) {
      expect(suffix('a.one.ck')).toBe('one.ck');
      expect(suffix('a.two.ck')).toBe('two.ck');
      expect(suffix('a.www.ck')).toBe('ck');
      expect(suffix('x.foo.one.bar')).toBe('foo.one.bar');
      expect(suffix('x.foo.two.bar')).toBe('foo.two.bar');
      expect(suffix('x.example.co.uk')).toBe('co.uk');
      expect(suffix('x.example.org')).toBe('org');
      expect(suffix('x.example.uk')).toBe('uk');
    }
  });

  it('reports the section and exception flags', () => {
    const result = parseImpl('www.ck', 5, lookup, {}, getEmptyResult());
    expect(result.publicSuffix).toBe('ck');
    expect(result.isIcann).toBe(true);
    expect(result.isPrivate).toBe(false);
    const priv = parseImpl(
      'x.github.io',
      5,
      lookup,
      { allowPrivateDomains: true },
      getEmptyResult(),
    );
    expect(priv.publicSuffix).toBe('github.io');
    expect(priv.isPrivate).toBe(true);
  });
});
