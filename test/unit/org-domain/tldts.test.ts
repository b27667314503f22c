import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getEmptyResult, parseImpl } from 'tldts-core';
import { describe, expect, it } from 'vitest';
import {
  createSuffixLookup,
  defaultPublicSuffixList,
  loadPublicSuffixList,
} from '../../../src/org-domain/index.js';
import { packedTrieOf } from '../../../src/org-domain/packed-trie.js';
import { registrableDomain, STEP_DOMAIN } from '../../../src/org-domain/tldts.js';

const src = fileURLToPath(new URL('../../../src/', import.meta.url));

describe('STEP_DOMAIN is tldts-core FLAG.DOMAIN', () => {
  const lookup = createSuffixLookup(loadPublicSuffixList('com\nco.uk\nuk\n'));
  it('is 3, and parseImpl stops right after the domain with it', () => {
    expect(STEP_DOMAIN).toBe(3);
    const result = parseImpl('a.b.example.co.uk', STEP_DOMAIN, lookup, {}, getEmptyResult());
    expect(result.publicSuffix).toBe('co.uk');
    expect(result.domain).toBe('example.co.uk');
    // FLAG.SUB_DOMAIN, the next step, would have filled this in.
    expect(result.subdomain).toBeNull();
    expect(
      parseImpl('a.b.example.co.uk', STEP_DOMAIN + 1, lookup, {}, getEmptyResult()).subdomain,
    ).toBe('a.b');
    // FLAG.PUBLIC_SUFFIX, the step before, stops without the domain.
    expect(
      parseImpl('a.b.example.co.uk', STEP_DOMAIN - 1, lookup, {}, getEmptyResult()).domain,
    ).toBeNull();
  });
});

describe('registrableDomain goes through tldts-core parseImpl', () => {
  const root = packedTrieOf(defaultPublicSuffixList());
  const small = packedTrieOf(
    loadPublicSuffixList(
      [
        'com',
        '*.ck',
        '!www.ck',
        '// ===BEGIN PRIVATE DOMAINS===',
        'github.io',
        '// ===END PRIVATE DOMAINS===',
        'io',
      ].join('\n'),
    ),
  );

  it('gives the public suffix plus one label', () => {
    expect(registrableDomain('a.b.example.co.uk', root, false)).toBe('example.co.uk');
    expect(registrableDomain('www.alice.github.io', small, false)).toBe('alice.github.io');
    expect(registrableDomain('www.alice.github.io', small, true)).toBe('github.io');
    expect(registrableDomain('a.b.test.ck', small, false)).toBe('b.test.ck');
    expect(registrableDomain('a.www.ck', small, false)).toBe('www.ck');
    expect(registrableDomain('a.b.example.unlisted', small, false)).toBe('example.unlisted');
  });

  it('gives null for public suffixes and single labels', () => {
    expect(registrableDomain('co.uk', root, false)).toBeNull();
    expect(registrableDomain('test.ck', small, false)).toBeNull();
    expect(registrableDomain('localhost', root, false)).toBeNull();
  });

  it("leaves IP addresses to tldts-core's detection", () => {
    expect(registrableDomain('192.0.2.1', root, false)).toBeNull();
    expect(registrableDomain('2001:db8::1', root, false)).toBeNull();
  });

  it('reuses its result object without leaking an earlier answer', () => {
    expect(registrableDomain('www.example.com', root, false)).toBe('example.com');
    expect(registrableDomain('10.0.0.1', root, false)).toBeNull();
    expect(registrableDomain('www.example.com', root, false)).toBe('example.com');
  });
});

/** A static import or re-export statement, or a dynamic import (doc-comment examples do not count). */
const IMPORTS_TLDTS_CORE =
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]tldts-core['"]|\bimport\(\s*['"]tldts-core['"]/m;

describe('tldts.ts is the only importer of tldts-core', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [join(dir, entry.name)]
          : [],
    );
  it('holds for every file under src/', () => {
    const importers = files(src)
      .filter((file) => IMPORTS_TLDTS_CORE.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(src.length).replaceAll('\\', '/'));
    expect(importers).toEqual(['org-domain/tldts.ts']);
  });
});
