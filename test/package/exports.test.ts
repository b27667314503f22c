import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER, prepareConsumer, ROOT, runInConsumer } from './consumer.js';

/** The public names of ../shared/API.md, by subpath; every one must load by import and require. */
const API: Record<string, string[]> = {
  'dmarc-kit/dns': [
    'createStaticResolver',
    'createCachingResolver',
    'createDohResolver',
    'DnsError',
    'isDnsError',
  ],
  'dmarc-kit/record': ['parseRecord', 'formatRecord'],
  'dmarc-kit/org-domain': [
    'loadPublicSuffixList',
    'defaultPublicSuffixList',
    'organizationalDomain',
    'discoverPolicy',
  ],
  'dmarc-kit/alignment': ['isAligned'],
  'dmarc-kit/evaluate': ['evaluate', 'decide'],
  'dmarc-kit/report': [
    'parseAggregateReport',
    'summarizeReports',
    'classifyRecord',
    'ReportParseError',
  ],
  'dmarc-kit/check': ['checkDomain'],
};
const ALL = [...new Set(Object.values(API).flat())];

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  bin: Record<string, string>;
};
const SUBPATHS = Object.keys(pkg.exports)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'dmarc-kit' : `dmarc-kit/${key.slice(2)}`));

beforeAll(() => {
  prepareConsumer();
});

describe('the packed package', () => {
  it('exports a subpath for every module of API.md', () => {
    for (const subpath of Object.keys(API)) expect(SUBPATHS).toContain(subpath);
    expect(SUBPATHS).toContain('dmarc-kit/dns/node');
  });

  it('loads every subpath by import and by require, with the API.md names', () => {
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const out = {};
      for (const id of ${JSON.stringify(SUBPATHS)}) {
        const esm = await import(id);
        const cjs = require(id);
        out[id] = { esm: Object.keys(esm).sort(), cjs: Object.keys(cjs).sort() };
      }
      console.log(JSON.stringify(out));
    `;
    const loaded = JSON.parse(runInConsumer('load.mjs', script)) as Record<
      string,
      { esm: string[]; cjs: string[] }
    >;
    for (const [subpath, names] of Object.entries(API)) {
      for (const name of names) {
        expect(loaded[subpath]?.esm, `${subpath} (import) exports ${name}`).toContain(name);
        expect(loaded[subpath]?.cjs, `${subpath} (require) exports ${name}`).toContain(name);
      }
    }
    for (const name of ALL)
      expect(loaded['dmarc-kit']?.esm, `dmarc-kit exports ${name}`).toContain(name);
    expect(loaded['dmarc-kit']?.esm).not.toContain('createNodeResolver');
  });

  it('keeps one error brand across the ESM and CommonJS copies', () => {
    const script = `
      import { createRequire } from 'node:module';
      import { DnsError, isDnsError } from 'dmarc-kit/dns';
      const cjs = createRequire(import.meta.url)('dmarc-kit/dns');
      const fromCjs = new cjs.DnsError('ENOTFOUND', 'example.com');
      console.log(JSON.stringify([fromCjs instanceof DnsError, isDnsError(fromCjs), cjs.isDnsError(new DnsError('ENODATA', 'a.example'))]));
    `;
    expect(JSON.parse(runInConsumer('brand.mjs', script))).toEqual([false, true, true]);
  });

  it('ships the CLI as an executable bin with a shebang', () => {
    const bin = pkg.bin['dmarc-kit'];
    expect(bin).toBeDefined();
    const text = readFileSync(join(CONSUMER, 'node_modules/dmarc-kit', bin ?? ''), 'utf8');
    expect(text.startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
