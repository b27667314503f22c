import { describe, expect, it } from 'vitest';
import { createCachingResolver } from '../../../src/dns/caching.js';
import { createStaticResolver } from '../../../src/dns/static.js';
import { DnsError, type DnsResolver } from '../../../src/dns/types.js';

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

const ZONE = {
  '_dmarc.example.com': {
    txt: ['v=DMARC1; p=reject'],
    mx: [{ exchange: 'mx.example.com', priority: 1 }],
  },
  'nodata.example.com': {},
  'fail.example.com': { error: 'ESERVFAIL' as const },
};

describe('createCachingResolver', () => {
  it('answers from the cache until the TTL ends', async () => {
    const inner = createStaticResolver(ZONE);
    const time = clock();
    const resolver = createCachingResolver(inner, { ttlMs: 1000, now: time.now });
    await resolver.resolveTxt('_dmarc.example.com');
    await resolver.resolveTxt('_dmarc.example.com');
    expect(inner.queries).toHaveLength(1);
    time.advance(999);
    await resolver.resolveTxt('_dmarc.example.com');
    expect(inner.queries).toHaveLength(1);
    time.advance(1);
    expect(await resolver.resolveTxt('_dmarc.example.com')).toEqual([['v=DMARC1; p=reject']]);
    expect(inner.queries).toHaveLength(2);
  });

  it('normalises keys: Example.COM. and example.com share an entry', async () => {
    const inner = createStaticResolver(ZONE);
    const resolver = createCachingResolver(inner);
    await resolver.resolveTxt('_DMARC.Example.COM.');
    await resolver.resolveTxt('_dmarc.example.com');
    await resolver.resolveTxt('_dmarc.example.com.');
    expect(inner.queries).toHaveLength(1);
  });

  it('keeps TXT and MX apart', async () => {
    const inner = createStaticResolver(ZONE);
    const resolver = createCachingResolver(inner);
    expect(await resolver.resolveTxt('_dmarc.example.com')).toEqual([['v=DMARC1; p=reject']]);
    expect(await resolver.resolveMx!('_dmarc.example.com')).toEqual([
      { exchange: 'mx.example.com', priority: 1 },
    ]);
    await resolver.resolveMx!('_dmarc.example.com');
    expect(inner.queries.map((q) => q.type)).toEqual(['TXT', 'MX']);
  });

  it('caches ENOTFOUND and ENODATA for the negative TTL only', async () => {
    const inner = createStaticResolver(ZONE);
    const time = clock();
    const resolver = createCachingResolver(inner, {
      ttlMs: 10_000,
      negativeTtlMs: 100,
      now: time.now,
    });
    expect(await code(resolver.resolveTxt('missing.example.com'))).toBe('ENOTFOUND');
    expect(await code(resolver.resolveTxt('missing.example.com'))).toBe('ENOTFOUND');
    expect(await code(resolver.resolveTxt('nodata.example.com'))).toBe('ENODATA');
    expect(await code(resolver.resolveTxt('nodata.example.com'))).toBe('ENODATA');
    expect(inner.queries).toHaveLength(2);
    time.advance(100);
    expect(await code(resolver.resolveTxt('missing.example.com'))).toBe('ENOTFOUND');
    expect(inner.queries).toHaveLength(3);
  });

  it('never caches temporary failures', async () => {
    const inner = createStaticResolver(ZONE);
    const resolver = createCachingResolver(inner);
    expect(await code(resolver.resolveTxt('fail.example.com'))).toBe('ESERVFAIL');
    expect(await code(resolver.resolveTxt('fail.example.com'))).toBe('ESERVFAIL');
    expect(inner.queries).toHaveLength(2);
    expect(resolver.size).toBe(0);
  });

  it('sends one query for a thousand concurrent lookups of one name', async () => {
    const inner = createStaticResolver(ZONE, { delayMs: 5 });
    const resolver = createCachingResolver(inner);
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        resolver.resolveTxt(i % 2 === 0 ? '_dmarc.example.com' : '_DMARC.example.com.'),
      ),
    );
    expect(inner.queries).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(
      new Set([JSON.stringify([['v=DMARC1; p=reject']])]),
    );
    // Every caller has its own arrays.
    expect(results[0]).not.toBe(results[1]);
    expect(results[0]![0]).not.toBe(results[1]![0]);
  });

  it('shares a rejected in-flight query but does not let it poison later lookups', async () => {
    let calls = 0;
    let fail = true;
    const inner: DnsResolver = {
      resolveTxt: async (name) => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        if (fail) throw new DnsError('ETIMEOUT', name);
        return [['ok']];
      },
    };
    const resolver = createCachingResolver(inner);
    const first = await Promise.all(
      Array.from({ length: 50 }, () => code(resolver.resolveTxt('a.example'))),
    );
    expect(first.every((c) => c === 'ETIMEOUT')).toBe(true);
    expect(calls).toBe(1);
    fail = false;
    expect(await resolver.resolveTxt('a.example')).toEqual([['ok']]);
    expect(calls).toBe(2);
  });

  it('turns a synchronous throw of the inner resolver into a rejection', async () => {
    const inner: DnsResolver = {
      resolveTxt: () => {
        throw new DnsError('ECONNREFUSED', 'x');
      },
    };
    expect(await code(createCachingResolver(inner).resolveTxt('x'))).toBe('ECONNREFUSED');
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const inner = createStaticResolver({
      'a.t': { txt: ['a'] },
      'b.t': { txt: ['b'] },
      'c.t': { txt: ['c'] },
    });
    const resolver = createCachingResolver(inner, { maxEntries: 2 });
    await resolver.resolveTxt('a.t');
    await resolver.resolveTxt('b.t');
    await resolver.resolveTxt('a.t'); // a is now the most recent
    await resolver.resolveTxt('c.t'); // evicts b
    expect(resolver.size).toBe(2);
    inner.queries.length = 0;
    await resolver.resolveTxt('a.t');
    await resolver.resolveTxt('c.t');
    expect(inner.queries).toHaveLength(0);
    await resolver.resolveTxt('b.t');
    expect(inner.queries).toHaveLength(1);
  });

  it('caches nothing with maxEntries 0 but still shares in-flight queries', async () => {
    const inner = createStaticResolver(ZONE, { delayMs: 2 });
    const resolver = createCachingResolver(inner, { maxEntries: 0 });
    await Promise.all([
      resolver.resolveTxt('_dmarc.example.com'),
      resolver.resolveTxt('_dmarc.example.com'),
    ]);
    expect(inner.queries).toHaveLength(1);
    await resolver.resolveTxt('_dmarc.example.com');
    expect(inner.queries).toHaveLength(2);
  });

  it('lets one caller abort without failing the others', async () => {
    const inner = createStaticResolver(ZONE, { delayMs: 10 });
    const resolver = createCachingResolver(inner);
    const controller = new AbortController();
    const impatient = resolver.resolveTxt('_dmarc.example.com', { signal: controller.signal });
    const patient = resolver.resolveTxt('_dmarc.example.com');
    controller.abort();
    expect(await code(impatient)).toBe('ECANCELLED');
    expect(await patient).toEqual([['v=DMARC1; p=reject']]);
    expect(inner.queries).toHaveLength(1);
  });

  it('empties on clear()', async () => {
    const inner = createStaticResolver(ZONE);
    const resolver = createCachingResolver(inner);
    await resolver.resolveTxt('_dmarc.example.com');
    resolver.clear();
    expect(resolver.size).toBe(0);
    await resolver.resolveTxt('_dmarc.example.com');
    expect(inner.queries).toHaveLength(2);
  });

  it('has resolveMx only when the inner resolver has it, and calls it as a method', async () => {
    expect(createCachingResolver({ resolveTxt: async () => [] }).resolveMx).toBeUndefined();
    const inner = {
      prefix: 'mx.',
      resolveTxt: async () => [],
      async resolveMx(this: { prefix: string }, name: string) {
        return [{ exchange: this.prefix + name, priority: 0 }];
      },
    };
    expect(await createCachingResolver(inner).resolveMx!('a.t')).toEqual([
      { exchange: 'mx.a.t', priority: 0 },
    ]);
  });

  it('checks its options', () => {
    const inner = createStaticResolver({});
    expect(() => createCachingResolver(null as never)).toThrow(TypeError);
    expect(() => createCachingResolver(inner, { maxEntries: -1 })).toThrow(RangeError);
    expect(() => createCachingResolver(inner, { maxEntries: 1.5 })).toThrow(RangeError);
    expect(() => createCachingResolver(inner, { ttlMs: Number.NaN })).toThrow(RangeError);
    expect(() => createCachingResolver(inner, { negativeTtlMs: -5 })).toThrow(RangeError);
  });
});
