import { describe, expect, it } from 'vitest';
import {
  createSuffixLookup,
  loadPublicSuffixList,
  organizationalDomain,
  type TldtsPublicSuffix,
} from '../../../src/org-domain/index.js';
import { labelHash, packedTrieOf } from '../../../src/org-domain/packed-trie.js';

describe('packedTrieOf', () => {
  it('is built once per list', () => {
    const psl = loadPublicSuffixList('com\n');
    expect(packedTrieOf(psl)).toBe(packedTrieOf(psl));
  });

  it('rejects a list object it did not make', () => {
    expect(() => packedTrieOf({ icannRules: 0, privateRules: 0 })).toThrow(TypeError);
  });

  it('tells apart labels whose hashes collide', () => {
    // 'arc' and 'a0a' hash alike: the lookup must compare the labels themselves.
    expect(labelHash('arc', 0, 3)).toBe(labelHash('a0a', 0, 3));
    const psl = loadPublicSuffixList('arc.example\nexample\n');
    expect(organizationalDomain('x.y.arc.example', { psl })).toBe('y.arc.example');
    expect(organizationalDomain('x.y.a0a.example', { psl })).toBe('a0a.example');
    const both = loadPublicSuffixList('a0a.example\narc.example\nexample\n');
    expect(organizationalDomain('x.y.arc.example', { psl: both })).toBe('y.arc.example');
    expect(organizationalDomain('x.y.a0a.example', { psl: both })).toBe('y.a0a.example');
    expect(organizationalDomain('x.y.a0b.example', { psl: both })).toBe('a0b.example');
  });

  it('follows both the exact child and the wildcard where a node has both', () => {
    // ICANN `*.foo` and PRIVATE `bar.foo`: with the ICANN section only, `bar.foo` is still a
    // suffix by the wildcard, although the exact child `bar` carries no ICANN rule.
    const psl = loadPublicSuffixList(
      '// ===BEGIN ICANN DOMAINS===\n*.foo\n// ===BEGIN PRIVATE DOMAINS===\nbar.foo\nx.bar.foo\n',
    );
    expect(organizationalDomain('a.x.bar.foo', { psl })).toBe('a.x.bar.foo');
    expect(organizationalDomain('a.x.bar.foo', { psl, icannOnly: true })).toBe('x.bar.foo');
    expect(organizationalDomain('a.b.baz.foo', { psl })).toBe('b.baz.foo');
  });
});

describe('labels longer than a node record holds', () => {
  it('match through the Unicode form only, never through a cut A-label', () => {
    // A Unicode rule label of 100 scattered CJK characters: its A-label (the form names are
    // matched in) is far longer than 255 characters, the most a node's length field holds.
    const unicode = Array.from({ length: 100 }, (_, i) =>
      String.fromCharCode(0x4e00 + i * 197),
    ).join('');
    const psl = loadPublicSuffixList(`${unicode}.jp\njp\n`);
    const lookup = createSuffixLookup(psl);
    const aLabel = new URL(`http://${unicode}.jp/`).hostname.split('.')[0] as string;
    expect(aLabel.length).toBeGreaterThan(255);
    const out = { isIcann: null, isPrivate: null, publicSuffix: null } as TldtsPublicSuffix;
    for (const length of [aLabel.length & 255, aLabel.length]) {
      lookup(
        `x.${aLabel.slice(0, length)}.jp`,
        { allowIcannDomains: true, allowPrivateDomains: true },
        out,
      );
      expect(out.publicSuffix).toBe('jp');
    }
    // The Unicode form itself is short enough to be indexed, and matches as before.
    lookup(`x.${unicode}.jp`, { allowIcannDomains: true, allowPrivateDomains: true }, out);
    expect(out.publicSuffix).toBe(`${unicode}.jp`);
  });
});
