/**
 * The hand-checked evaluation scenarios (test/conformance/scenarios.ts) against the real DNS
 * server: Knot serves fixtures/zones/example.zone, generated from the same table. Node's own
 * resolver is passed unchanged, as users do. Failures come from the real thing too: a zone
 * that answers SERVFAIL and a UDP black hole that never answers.
 */
import { promises as dns } from 'node:dns';
import { describe, expect, inject, it } from 'vitest';
import { createDohResolver } from '../../src/dns/doh.js';
import type { DnsResolver } from '../../src/dns/types.js';
import { evaluate } from '../../src/evaluate/index.js';
import { checkScenario } from '../conformance/scenario-runner.js';
import { SCENARIOS } from '../conformance/scenarios.js';

const server = inject('dnsServer');
const blackhole = inject('dnsBlackhole');
const servfailZone = inject('servfailZone');

function nodeResolver(servers: string[], timeout = 2000): DnsResolver {
  const resolver = new dns.Resolver({ timeout, tries: 1 });
  resolver.setServers(servers);
  return resolver;
}

const onKnot = SCENARIOS.filter((s) => !s.staticOnly);

describe('evaluation scenarios on Knot (node:dns Resolver)', () => {
  const resolver = nodeResolver([server]);
  it('runs most of the table', () => {
    expect(onKnot.length).toBeGreaterThanOrEqual(60);
  });
  for (const s of onKnot) {
    it(`${s.id}: ${s.title} (${s.rule})`, () => checkScenario(s, resolver));
  }
});

describe('a subset through DoH to Knot', () => {
  const resolver = createDohResolver({ endpoint: inject('dohUrl') });
  for (const s of onKnot.filter((_, i) => i % 6 === 0)) {
    it(`${s.id}: ${s.title}`, () => checkScenario(s, resolver));
  }
});

describe('real DNS failures (RFC 9989 §5.3.6)', () => {
  it('SERVFAIL from a broken zone gives temperror with its cause in the trace', async () => {
    const r = await evaluate(
      { from: `a@mail.${servfailZone}`, spf: { domain: `mail.${servfailZone}`, result: 'pass' } },
      { resolver: nodeResolver([server]), trace: true },
    );
    expect(r).toMatchObject({ result: 'temperror', temperrorCause: 'dns', disposition: 'none' });
    expect(r.trace?.temperror?.name).toBe(`_dmarc.mail.${servfailZone}`);
    expect(r.trace?.temperror?.code).toMatch(/^E/);
  });
  it('a server that never answers: the deadline holds', async () => {
    const r = await evaluate(
      { from: 'a@s01.example', dkim: [{ domain: 's01.example', result: 'pass' }] },
      { resolver: nodeResolver([blackhole], 60_000), timeoutMs: 200, trace: true },
    );
    expect(r).toMatchObject({ result: 'temperror', temperrorCause: 'deadline' });
    expect(r.diagnostics.map((d) => d.code)).toContain('deadline-exceeded');
  });
  it('the caller signal aborts with its reason', async () => {
    const controller = new AbortController();
    const pending = evaluate(
      { from: 'a@s01.example' },
      { resolver: nodeResolver([blackhole], 60_000), signal: controller.signal },
    );
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });
});
