import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ORG_DOMAIN_DIAGNOSTICS } from '../../../src/org-domain/index.js';

const srcDir = fileURLToPath(new URL('../../../src/org-domain/', import.meta.url));

describe('ORG_DOMAIN_DIAGNOSTICS', () => {
  it('lists every code the module emits, and emits every code it lists', () => {
    const emitted = new Set<string>();
    for (const file of readdirSync(srcDir)) {
      if (!file.endsWith('.ts') || file === 'catalogue.ts') continue;
      const text = readFileSync(`${srcDir}${file}`, 'utf8');
      for (const m of text.matchAll(/orgDiagnostic\(\s*'([a-z-]+)'/g)) emitted.add(m[1] as string);
    }
    expect([...emitted].sort()).toEqual(Object.keys(ORG_DOMAIN_DIAGNOSTICS).sort());
  });

  it('is frozen, kebab-case, and cites a section for each code', () => {
    expect(Object.isFrozen(ORG_DOMAIN_DIAGNOSTICS)).toBe(true);
    for (const [code, entry] of Object.entries(ORG_DOMAIN_DIAGNOSTICS)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(entry.spec).toMatch(/^RFC \d+ §/);
      expect(['error', 'warning', 'info']).toContain(entry.severity);
    }
  });
});
