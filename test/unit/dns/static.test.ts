import { describe, expect, it } from 'vitest';
import { classifyDnsFailure } from '../../../src/dns/outcome.js';
import { createStaticResolver, type StaticQuery } from '../../../src/dns/static.js';
import { isDnsError } from '../../../src/dns/types.js';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isDnsError(error)).toBe(true);
    return (error as { code: string }).code;
  }
  return 'resolved';
}

describe('createStaticResolver', () => {
  it('takes whole-record strings and split records as arrays', async () => {
    const resolver = createStaticResolver({
      '_dmarc.example.com': { txt: ['v=DMARC1; p=none', ['v=DMARC1; ', 'p=reject']] },
    });
    expect(await resolver.resolveTxt('_dmarc.example.com')).toEqual([
      ['v=DMARC1; p=none'],
      ['v=DMARC1; ', 'p=reject'],
    ]);
  });

  it('normalises zone keys: case, final dot and Unicode', async () => {
    const resolver = createStaticResolver({
      '_DMARC.Example.COM.': { txt: ['a'] },
      '_dmarc.bücher.example': { txt: ['b'] },
    });
    expect(await resolver.resolveTxt('_dmarc.example.com')).toEqual([['a']]);
    expect(await resolver.resolveTxt('_dmarc.xn--bcher-kva.example')).toEqual([['b']]);
  });

  it('tells NXDOMAIN from NODATA, with empty non-terminals as NODATA', async () => {
    const resolver = createStaticResolver({
      '_dmarc.a.b.example': { txt: ['x'] },
      'mx-only.example': { mx: [{ exchange: 'mail.example', priority: 1 }] },
      'empty.example': {},
    });
    expect(await code(resolver.resolveTxt('a.b.example'))).toBe('ENODATA');
    expect(await code(resolver.resolveTxt('example'))).toBe('ENODATA');
    expect(await code(resolver.resolveTxt('mx-only.example'))).toBe('ENODATA');
    expect(await code(resolver.resolveTxt('empty.example'))).toBe('ENODATA');
    expect(await code(resolver.resolveTxt('c.example'))).toBe('ENOTFOUND');
    expect(await code(resolver.resolveTxt('x._dmarc.a.b.example'))).toBe('ENOTFOUND');
    expect(await code(resolver.resolveMx('_dmarc.a.b.example'))).toBe('ENODATA');
  });

  it('follows CNAMEs and gives up on loops with ESERVFAIL', async () => {
    const resolver = createStaticResolver({
      'a.example': { cname: 'B.example.' },
      'b.example': { txt: ['here'], mx: [{ exchange: 'mail.example.', priority: 5 }] },
      'loop1.example': { cname: 'loop2.example' },
      'loop2.example': { cname: 'loop1.example' },
    });
    expect(await resolver.resolveTxt('a.example')).toEqual([['here']]);
    expect(await resolver.resolveMx('a.example')).toEqual([
      { exchange: 'mail.example', priority: 5 },
    ]);
    expect(await code(resolver.resolveTxt('loop1.example'))).toBe('ESERVFAIL');
  });

  it('simulates failures with Node codes', async () => {
    const resolver = createStaticResolver({
      'fail.example': { error: 'ESERVFAIL' },
      'refused.example': { error: 'EREFUSED' },
      'gone.example': { error: 'ENOTFOUND' },
    });
    const servfail = resolver.resolveTxt('fail.example').catch((e: unknown) => e);
    expect(await servfail).toMatchObject({ code: 'ESERVFAIL', hostname: 'fail.example' });
    expect(classifyDnsFailure(await servfail)).toBe('temperror');
    expect(await code(resolver.resolveMx('refused.example'))).toBe('EREFUSED');
    expect(await code(resolver.resolveTxt('gone.example'))).toBe('ENOTFOUND');
  });

  it('delays answers and lets a signal cut the delay short', async () => {
    const resolver = createStaticResolver({ 'slow.example': { txt: ['late'], delayMs: 10_000 } });
    const controller = new AbortController();
    const pending = resolver.resolveTxt('slow.example', { signal: controller.signal });
    controller.abort();
    expect(await code(pending)).toBe('ECANCELLED');
    const quick = createStaticResolver({ 'slow.example': { txt: ['late'], delayMs: 1 } });
    expect(await quick.resolveTxt('slow.example')).toEqual([['late']]);
  });

  it('applies the default delay and the per-entry one', async () => {
    const order: string[] = [];
    const resolver = createStaticResolver(
      { 'fast.example': { txt: ['f'], delayMs: 0 }, 'slow.example': { txt: ['s'] } },
      { delayMs: 15 },
    );
    await Promise.all([
      resolver.resolveTxt('slow.example').then(() => order.push('slow')),
      resolver.resolveTxt('fast.example').then(() => order.push('fast')),
    ]);
    expect(order).toEqual(['fast', 'slow']);
  });

  it('records every query in order and reports it to onQuery', async () => {
    const seen: StaticQuery[] = [];
    const resolver = createStaticResolver(
      { 'a.example': { txt: ['x'] } },
      { onQuery: (q) => seen.push(q) },
    );
    await resolver.resolveTxt('A.example.');
    await resolver.resolveMx('b.example').catch(() => {});
    expect(resolver.queries).toEqual([
      { name: 'A.example.', type: 'TXT' },
      { name: 'b.example', type: 'MX' },
    ]);
    expect(seen).toEqual(resolver.queries);
    resolver.queries.length = 0;
    await resolver.resolveTxt('a.example');
    expect(resolver.queries).toHaveLength(1);
  });

  it('answers with copies the caller may change', async () => {
    const resolver = createStaticResolver({ 'a.example': { txt: [['x', 'y']] } });
    const first = await resolver.resolveTxt('a.example');
    first[0]!.length = 0;
    expect(await resolver.resolveTxt('a.example')).toEqual([['x', 'y']]);
  });

  it('rejects bad names with EBADNAME', async () => {
    const resolver = createStaticResolver({});
    expect(await code(resolver.resolveTxt('a..example'))).toBe('EBADNAME');
    expect(await code(resolver.resolveTxt('a b.example'))).toBe('EBADNAME');
  });

  it('throws for misuse: bad entries, unknown codes, negative delays', () => {
    expect(() => createStaticResolver({ a: 5 as never })).toThrow(TypeError);
    expect(() => createStaticResolver({ a: { txt: [3 as never] } })).toThrow(TypeError);
    expect(() => createStaticResolver({ a: { error: 'EWHATEVER' as never } })).toThrow(TypeError);
    expect(() => createStaticResolver({ a: { delayMs: -1 } })).toThrow(RangeError);
    expect(() => createStaticResolver({}, { delayMs: Number.NaN })).toThrow(RangeError);
  });

  it('loads zone text', async () => {
    const resolver = createStaticResolver('$ORIGIN example.\n_dmarc TXT "v=DMARC1; " "p=none"\n');
    expect(await resolver.resolveTxt('_dmarc.example')).toEqual([['v=DMARC1; ', 'p=none']]);
  });
});
