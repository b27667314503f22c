import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  defaultPublicSuffixList,
  loadPublicSuffixList,
  organizationalDomain,
} from '../../src/org-domain/index.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const fixtures = here('../../fixtures/psl/');
const corpus = here('../../../shared/corpus/psl/');

/** `input expected` pairs of tests.txt (null = no registrable domain). */
function readPlainVectors(path: string): [string | null, string | null][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('//'))
    .map((line) => {
      const [input, expected] = line.trim().split(/\s+/) as [string, string];
      return [input === 'null' ? null : input, expected === 'null' ? null : expected];
    });
}

/** `checkPublicSuffix('input', 'expected');` calls of test_psl.txt. */
function readCallVectors(path: string): [string | null, string | null][] {
  const out: [string | null, string | null][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);$/.exec(line.trim());
    if (m === null) continue;
    const value = (s: string): string | null => (s === 'null' ? null : s.slice(1, -1));
    out.push([value(m[1] as string), value(m[2] as string)]);
  }
  return out;
}

const lists = {
  'the shipped snapshot': () => defaultPublicSuffixList(),
  'data/public_suffix_list.dat loaded at run time': () =>
    loadPublicSuffixList(readFileSync(here('../../data/public_suffix_list.dat'), 'utf8')),
};

for (const [listName, getList] of Object.entries(lists)) {
  describe(`PSL project vectors with ${listName}`, () => {
    const psl = getList();
    const run = (input: string | null): string | null =>
      input === null ? null : organizationalDomain(input, { psl });

    const plain = readPlainVectors(`${fixtures}tests.txt`);
    const calls = readCallVectors(`${fixtures}test_psl.txt`);
    it('reads every vector of both files', () => {
      expect(plain.length).toBe(78);
      expect(calls.length).toBe(plain.length);
    });
    it.each(plain)('tests.txt: %s -> %s', (input, expected) => {
      expect(run(input)).toBe(expected);
    });
    it.each(calls)('test_psl.txt: %s -> %s', (input, expected) => {
      expect(run(input)).toBe(expected);
    });
  });
}

describe.skipIf(!existsSync(`${corpus}tests.txt`))(
  'PSL project vectors from ../shared/corpus/psl (skipped when the corpus is absent)',
  () => {
    it('the fixtures are unchanged copies of the corpus files', () => {
      for (const file of ['tests.txt', 'test_psl.txt']) {
        expect(readFileSync(`${fixtures}${file}`, 'utf8')).toBe(
          readFileSync(`${corpus}${file}`, 'utf8'),
        );
      }
      const shipped = readFileSync(here('../../data/public_suffix_list.dat'));
      expect(shipped.equals(readFileSync(`${corpus}public_suffix_list.dat`))).toBe(true);
    });
  },
);
