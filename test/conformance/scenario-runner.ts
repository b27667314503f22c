/**
 * Runs one scenario of test/conformance/scenarios.ts through evaluate() and checks every
 * expectation it states; shared by the static (unit) and Knot (integration) runs.
 */
import { expect } from 'vitest';
import type { StaticZoneEntry } from '../../src/dns/index.js';
import type { DnsResolver } from '../../src/dns/types.js';
import { EVALUATE_DIAGNOSTICS } from '../../src/evaluate/catalogue.js';
import { evaluate } from '../../src/evaluate/index.js';
import { mergedZone, type Scenario } from './scenarios.js';

export function staticZone(): Record<string, StaticZoneEntry> {
  const zone: Record<string, StaticZoneEntry> = {};
  for (const [name, entry] of Object.entries(mergedZone())) {
    zone[name] = {
      ...(entry.txt ? { txt: entry.txt } : {}),
      ...(entry.error ? { error: entry.error } : {}),
      ...(entry.delayMs !== undefined ? { delayMs: entry.delayMs } : {}),
    };
  }
  return zone;
}

/** Runs one scenario and checks every expectation it states. */
export async function checkScenario(s: Scenario, resolver: DnsResolver): Promise<void> {
  const options: Parameters<typeof evaluate>[1] = { resolver, trace: true };
  if (s.options?.method) options.method = s.options.method;
  if (s.options?.mode) options.mode = s.options.mode;
  if (s.options?.maxQueries) options.maxQueries = s.options.maxQueries;
  if (s.options?.timeoutMs) options.timeoutMs = s.options.timeoutMs;
  const random = s.options?.random;
  if (random !== undefined) options.random = () => random;
  const r = await evaluate(s.input, options);
  const { queries, diagnostics, ...expected } = s.expect;
  const got: Record<string, unknown> = {};
  for (const key of Object.keys(expected))
    got[key] = (r as unknown as Record<string, unknown>)[key];
  expect(got, `${s.id} ${s.title} [${s.rule}]\n${r.trace?.steps.join('\n')}`).toEqual(expected);
  if (queries !== undefined) expect(r.trace?.queries.length, `${s.id}: queries`).toBe(queries);
  const codes = r.diagnostics.map((d) => d.code);
  for (const code of diagnostics ?? []) expect(codes, `${s.id}: diagnostics`).toContain(code);
  for (const d of r.diagnostics) {
    if (d.code in EVALUATE_DIAGNOSTICS) {
      expect(d.severity).toBe(
        EVALUATE_DIAGNOSTICS[d.code as keyof typeof EVALUATE_DIAGNOSTICS].severity,
      );
    }
  }
  expect(r.authenticationResults.startsWith(`dmarc=${r.result}`)).toBe(true);
}
