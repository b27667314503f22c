/**
 * Resolver behaviour against the real DNS server (Knot, from the global setup) beyond the
 * shared conformance suite: answers too large for UDP, HTTP errors from the DoH endpoint,
 * aborts, refused connections, and the caching resolver sending one query for many callers.
 */
import { promises as dns } from 'node:dns';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCachingResolver } from '../../src/dns/caching.js';
import { createDohResolver } from '../../src/dns/doh.js';
import { createNodeResolver } from '../../src/dns/node/index.js';
import { classifyDnsFailure } from '../../src/dns/outcome.js';
import { isDnsError } from '../../src/dns/types.js';
import { type DohServer, startDohServer } from '../helpers/doh-server.js';
import { freePort } from '../helpers/ports.js';

const server = inject('dnsServer');
const blackhole = inject('dnsBlackhole');
const dohUrl = inject('dohUrl');
const dohOrigin = inject('dohOrigin');
const dohBlackholeUrl = inject('dohBlackholeUrl');
const ZONE = 'dns-integration.test';

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; hostname?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('answers larger than a UDP datagram', () => {
  const check = (records: string[][]): void => {
    expect(records).toHaveLength(24);
    const sorted = records.map((r) => r.join('')).sort();
    expect(sorted[0]).toBe(`00${'x'.repeat(198)}`);
    expect(sorted[23]).toBe(`23${'x'.repeat(198)}`);
  };

  it('node:dns gets every record (c-ares retries over TCP)', async () => {
    const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([server]);
    check(await resolver.resolveTxt(`big.${ZONE}`));
  });

  it('DoH gets every record, by GET and by POST', async () => {
    check(await createDohResolver({ endpoint: dohUrl }).resolveTxt(`big.${ZONE}`));
    check(await createDohResolver({ endpoint: dohUrl, method: 'POST' }).resolveTxt(`big.${ZONE}`));
  });

  it('every resolver keeps six 255-octet strings of one record apart', async () => {
    const expected = await createNodeResolver({ servers: [server] }).resolveTxt(
      `_dmarc.many.${ZONE}`,
    );
    expect(expected).toHaveLength(1);
    expect(expected[0]?.map((c) => c.length)).toEqual([255, 255, 255, 255, 255, 255]);
    expect(await createDohResolver({ endpoint: dohUrl }).resolveTxt(`_dmarc.many.${ZONE}`)).toEqual(
      expected,
    );
  });
});

describe('DoH endpoint failures', () => {
  it.each([
    [503, 'ESERVFAIL'],
    [500, 'ESERVFAIL'],
    [400, 'EREFUSED'],
    [404, 'EREFUSED'],
  ] as const)('maps HTTP %i from the endpoint to %s', async (status, code) => {
    const resolver = createDohResolver({ endpoint: `${dohOrigin}/status/${status}/dns-query` });
    const error = await rejection(resolver.resolveTxt(`_dmarc.${ZONE}`));
    expect(error).toMatchObject({ code, hostname: `_dmarc.${ZONE}` });
    expect(isDnsError(error)).toBe(true);
    expect(classifyDnsFailure(error)).toBe('temperror');
  });

  it('maps a refused connection to ECONNREFUSED', async () => {
    const port = await freePort();
    const resolver = createDohResolver({ endpoint: `http://127.0.0.1:${port}/dns-query` });
    expect((await rejection(resolver.resolveTxt(`_dmarc.${ZONE}`))).code).toBe('ECONNREFUSED');
  });

  it('stops with ECANCELLED when the caller aborts a lookup that hangs', async () => {
    const resolver = createDohResolver({ endpoint: dohBlackholeUrl, timeoutMs: 0 });
    const controller = new AbortController();
    const pending = resolver.resolveTxt(`_dmarc.${ZONE}`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await rejection(pending)).code).toBe('ECANCELLED');
  });
});

describe('node:dns failures', () => {
  it('reports ECONNREFUSED for a port where nothing listens', async () => {
    const port = await freePort();
    const resolver = createNodeResolver({
      servers: [`127.0.0.1:${port}`],
      timeoutMs: 500,
      tries: 1,
    });
    const error = await rejection(resolver.resolveTxt(`_dmarc.${ZONE}`));
    expect(error.code).toBe('ECONNREFUSED');
    expect(classifyDnsFailure(error)).toBe('temperror');
  });

  it('reports ETIMEOUT from the black hole for MX too', async () => {
    const resolver = createNodeResolver({ servers: [blackhole], timeoutMs: 100, tries: 1 });
    expect((await rejection(resolver.resolveMx(`mail.${ZONE}`))).code).toBe('ETIMEOUT');
  });
});

describe('caching resolver in front of a real DoH endpoint', () => {
  let doh: DohServer;
  beforeAll(async () => {
    // A DoH endpoint of this file's own, so its request log counts only these queries.
    doh = await startDohServer({ upstream: server });
  });
  afterAll(async () => {
    await doh.stop();
  });

  it('sends one query for a thousand concurrent lookups of one domain', async () => {
    const resolver = createCachingResolver(createDohResolver({ endpoint: doh.url }));
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        resolver.resolveTxt(i % 3 === 0 ? `_DMARC.Many.${ZONE}.` : `_dmarc.many.${ZONE}`),
      ),
    );
    expect(results.every((r) => r.length === 1 && r[0]?.length === 6)).toBe(true);
    expect(doh.requests.filter((r) => r.path === '/dns-query')).toHaveLength(1);
  });

  it('caches NXDOMAIN but not SERVFAIL', async () => {
    const resolver = createCachingResolver(createDohResolver({ endpoint: doh.url }));
    const before = doh.requests.length;
    for (let i = 0; i < 3; i++) {
      expect((await rejection(resolver.resolveTxt(`nowhere.${ZONE}`))).code).toBe('ENOTFOUND');
    }
    expect(doh.requests.length - before).toBe(1);
    const servfail = `_dmarc.x.${inject('servfailZone')}`;
    for (let i = 0; i < 3; i++) {
      expect((await rejection(resolver.resolveTxt(servfail))).code).toBe('ESERVFAIL');
    }
    expect(doh.requests.length - before).toBe(4);
  });
});
