/**
 * The hand-checked scenario table (test/conformance/scenarios.ts) run through evaluate()
 * against the static resolver. The integration project runs the same table against Knot.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStaticResolver } from '../../src/dns/index.js';
import { checkScenario, staticZone } from './scenario-runner.js';
import { SCENARIOS, zoneFileText } from './scenarios.js';

describe('RFC 9989 / RFC 7489 evaluation scenarios (static resolver)', () => {
  const resolver = createStaticResolver(staticZone());
  it('has at least 60 scenarios, each citing an RFC rule, with unique ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(s.rule).toMatch(/RFC (9989|7489) (§|Appendix )/);
  });
  it('covers both discovery methods', () => {
    expect(SCENARIOS.some((s) => s.options?.method === 'psl')).toBe(true);
    expect(SCENARIOS.filter((s) => s.options?.method !== 'psl').length).toBeGreaterThan(30);
  });
  it('the Knot zone file is the table, regenerated', () => {
    const file = new URL('../../fixtures/zones/example.zone', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(zoneFileText());
  });
  for (const s of SCENARIOS) {
    it(`${s.id}: ${s.title} (${s.rule})`, () => checkScenario(s, resolver));
  }
});
