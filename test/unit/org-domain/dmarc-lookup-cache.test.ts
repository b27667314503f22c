import { describe, expect, it } from 'vitest';
import { createStaticResolver } from '../../../src/dns/index.js';
import { discoverPolicy } from '../../../src/org-domain/index.js';
import { parseRecord } from '../../../src/record/index.js';

// The DMARC lookup caches parse results by record text (src/org-domain/dmarc-lookup.ts): the
// second lookup of a text must give what the first gave, and nobody may change shared results.
describe('DMARC record lookups share frozen parse results', () => {
  const text =
    'v=DMARC1; p=quarantine; pct=50; rua=mailto:d@example.com,mailto:e@example.com; fo=1';
  const resolver = createStaticResolver({
    '_dmarc.a.example': { txt: [text] },
    '_dmarc.b.example': { txt: [text] },
    '_dmarc.bad.example': { txt: ['v=DMARC1; p=reject; rua=mailto:x@example.com; adkim=q; pct=x'] },
    '_dmarc.bad2.example': {
      txt: ['v=DMARC1; p=reject; rua=mailto:x@example.com; adkim=q; pct=x'],
    },
  });

  it('gives the same record and diagnostics for the same text, equal to parseRecord', async () => {
    const first = await discoverPolicy('a.example', { resolver, method: 'psl' });
    const second = await discoverPolicy('b.example', { resolver, method: 'psl' });
    const parsed = parseRecord(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(first.record).toEqual(parsed.record);
    expect(second.record).toEqual(parsed.record);
    expect(first.diagnostics).toEqual(parsed.diagnostics);
    expect(second.diagnostics).toEqual(parsed.diagnostics);
    // Each discovery still has its own diagnostics list.
    expect(second.diagnostics).not.toBe(first.diagnostics);
  });

  it('freezes what it shares: the record, its lists and entries, and the diagnostics', async () => {
    const r = await discoverPolicy('a.example', { resolver, method: 'psl' });
    const record = r.record;
    expect(record).toBeDefined();
    if (record === undefined) return;
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen(record.tags)).toBe(true);
    expect(Object.isFrozen(record.tags[0])).toBe(true);
    expect(Object.isFrozen(record.rua)).toBe(true);
    expect(Object.isFrozen(record.rua[0])).toBe(true);
    expect(Object.isFrozen(record.fo)).toBe(true);
    expect(() => {
      (record as { p: string }).p = 'none';
    }).toThrow(TypeError);
    for (const d of r.diagnostics) expect(Object.isFrozen(d)).toBe(true);
    // The discovery's own list is not frozen: evaluate and compare add to it.
    expect(Object.isFrozen(r.diagnostics)).toBe(false);
  });

  it('reports the same diagnostics for an unusable or linted record the second time', async () => {
    const one = await discoverPolicy('bad.example', { resolver, method: 'psl' });
    const two = await discoverPolicy('bad2.example', { resolver, method: 'psl' });
    expect(one.status).toBe(two.status);
    expect(one.diagnostics.map((d) => d.code)).toEqual(two.diagnostics.map((d) => d.code));
    expect(one.diagnostics.length).toBeGreaterThan(0);
  });

  it('still parses records too long to cache, with the same result', async () => {
    const long = `v=DMARC1; p=reject; rua=${Array.from({ length: 60 }, (_, i) => `mailto:r${i}@example.com`).join(',')}`;
    expect(long.length).toBeGreaterThan(1024);
    const big = createStaticResolver({ '_dmarc.big.example': { txt: [long] } });
    const a = await discoverPolicy('big.example', { resolver: big, method: 'psl' });
    const b = await discoverPolicy('big.example', { resolver: big, method: 'psl' });
    expect(a.record).toEqual(b.record);
    expect(a.record).not.toBe(b.record);
    expect(a.diagnostics).toEqual(b.diagnostics);
  });
});
