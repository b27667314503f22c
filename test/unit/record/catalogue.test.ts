import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildRecordCorpus } from '../../../fixtures/records/corpus.mjs';
import type { Diagnostic } from '../../../src/diagnostics.js';
import { lintPolicyPlacement, parseRecord, RECORD_DIAGNOSTICS } from '../../../src/record/index.js';
import { RECORD_CASES } from './cases.js';

function emitted(): Diagnostic[] {
  const all: Diagnostic[] = [];
  for (const c of RECORD_CASES) all.push(...parseRecord(c.text).diagnostics);
  for (const e of buildRecordCorpus(2000)) all.push(...parseRecord(e.text).diagnostics);
  all.push(
    ...parseRecord(`v=DMARC1; p=none; rua=mailto:a@example.com${'; x'.repeat(200)}`).diagnostics,
  );
  const org = parseRecord('v=DMARC1; p=reject; rua=mailto:d@example.com');
  for (const text of [
    'v=DMARC1; p=reject; rua=mailto:d@example.com',
    'v=DMARC1; p=none; sp=none; rua=mailto:d@example.com',
  ]) {
    const r = parseRecord(text);
    if (r.ok && org.ok) {
      all.push(
        ...lintPolicyPlacement(r.record, {
          domain: 'a.example.com',
          organizationalDomain: 'example.com',
          organizationalRecord: org.record,
        }),
      );
    }
  }
  return all;
}

describe('RECORD_DIAGNOSTICS', () => {
  const diagnostics = emitted();

  it('has every code the module emits, with the severity it is emitted with', () => {
    for (const d of diagnostics) {
      expect(Object.hasOwn(RECORD_DIAGNOSTICS, d.code), d.code).toBe(true);
      expect(d.severity).toBe(
        RECORD_DIAGNOSTICS[d.code as keyof typeof RECORD_DIAGNOSTICS].severity,
      );
    }
  });

  it('has no code that nothing emits', () => {
    const seen = new Set(diagnostics.map((d) => d.code));
    expect(Object.keys(RECORD_DIAGNOSTICS).filter((code) => !seen.has(code))).toEqual([]);
  });

  it('uses kebab-case codes, cites a spec section and is frozen', () => {
    for (const [code, entry] of Object.entries(RECORD_DIAGNOSTICS)) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entry.spec).toMatch(/^RFC \d+ §/);
      expect(Object.isFrozen(entry)).toBe(true);
    }
    expect(Object.isFrozen(RECORD_DIAGNOSTICS)).toBe(true);
  });

  it('is documented in the README, row for row', () => {
    const readme = readFileSync(
      fileURLToPath(new URL('../../../README.md', import.meta.url)),
      'utf8',
    );
    const diagnostics = readme.indexOf('\n## Diagnostics');
    expect(diagnostics).toBeGreaterThan(0);
    const start = readme.indexOf('### record', diagnostics);
    expect(start).toBeGreaterThan(diagnostics);
    const section = readme.slice(start, readme.indexOf('\n#', start + 4));
    for (const [code, entry] of Object.entries(RECORD_DIAGNOSTICS)) {
      expect(section, code).toContain(`| \`${code}\` | ${entry.severity} |`);
    }
  });
});
