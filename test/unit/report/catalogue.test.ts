import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_DIAGNOSTICS } from '../../../src/report/index.js';

const SRC = new URL('../../../src/report/', import.meta.url);

describe('REPORT_DIAGNOSTICS', () => {
  it('holds every code the source emits, and every entry is emitted somewhere', () => {
    const emitted = new Set<string>();
    for (const file of readdirSync(SRC)) {
      if (!file.endsWith('.ts') || file === 'catalogue.ts') continue;
      const text = readFileSync(new URL(file, SRC), 'utf8');
      for (const m of text.matchAll(/(?:\.add|makeDiagnostic)\(\s*'([a-z0-9-]+)'/g))
        emitted.add(m[1]!);
    }
    expect(emitted.size).toBeGreaterThan(10);
    for (const code of emitted) expect(Object.keys(REPORT_DIAGNOSTICS)).toContain(code);
    expect([...emitted].sort()).toEqual(Object.keys(REPORT_DIAGNOSTICS).sort());
  });

  it('entries are well formed', () => {
    for (const [code, entry] of Object.entries(REPORT_DIAGNOSTICS)) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(entry.severity);
      expect(entry.summary).toMatch(/\.$/);
      expect(entry.spec).toMatch(/^(RFC \d+|XML 1\.0)/);
    }
  });

  it('README lists every code under ### report', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('### report', readme.indexOf('\n## Diagnostics'));
    expect(start).toBeGreaterThan(0);
    const next = readme.indexOf('\n## ', start);
    const section = readme.slice(start, next < 0 ? undefined : next);
    for (const [code, entry] of Object.entries(REPORT_DIAGNOSTICS)) {
      expect(section).toContain(`| \`${code}\` | ${entry.severity} |`);
    }
  });
});
