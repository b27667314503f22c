import dns, { promises as dnsPromises } from 'node:dns';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createNodeResolver, toDnsError } from '../../../src/dns/node/index.js';
import { DnsError, type DnsResolver, isDnsError } from '../../../src/dns/types.js';

describe('dmarc-kit/dns/node', () => {
  it("accepts Node's own resolvers as DnsResolver with no adapter", () => {
    expectTypeOf(dnsPromises).toExtend<DnsResolver>();
    expectTypeOf(new dnsPromises.Resolver()).toExtend<DnsResolver>();
    expectTypeOf(new dns.promises.Resolver()).toExtend<DnsResolver>();
    const resolver: DnsResolver = new dnsPromises.Resolver();
    expect(typeof resolver.resolveTxt).toBe('function');
  });

  it('turns Node rejections into DnsErrors with the same code', () => {
    const nodeError = Object.assign(new Error('queryTxt ENODATA a.test'), {
      code: 'ENODATA',
      hostname: 'a.test',
      syscall: 'queryTxt',
    });
    const error = toDnsError(nodeError, 'a.test');
    expect(isDnsError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ENODATA', hostname: 'a.test', cause: nodeError });
    expect(toDnsError(new Error('odd'), 'a.test').code).toBe('ECONNECTION');
    const own = new DnsError('ETIMEOUT', 'a.test');
    expect(toDnsError(own, 'b.test')).toBe(own);
  });

  it('checks its options', () => {
    expect(() => createNodeResolver({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => createNodeResolver({ tries: 0 })).toThrow(RangeError);
    expect(() => createNodeResolver({ servers: ['not an address'] })).toThrow();
  });

  it('rejects ECANCELLED without querying when the per-call signal is already aborted', async () => {
    // 192.0.2.1 (TEST-NET-1) never answers: were a query sent, this would end in ETIMEOUT.
    const resolver = createNodeResolver({ servers: ['192.0.2.1'], timeoutMs: 2000, tries: 1 });
    const reason = new Error('stop');
    const error = await resolver
      .resolveTxt('a.test', { signal: AbortSignal.abort(reason) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ECANCELLED', hostname: 'a.test', cause: reason });
  });
});
