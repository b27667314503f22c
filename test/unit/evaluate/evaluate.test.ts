import { describe, expect, it } from 'vitest';
import { createStaticResolver } from '../../../src/dns/index.js';
import type { DnsResolver } from '../../../src/dns/types.js';
import {
  authenticationResults,
  EVALUATE_DIAGNOSTICS,
  evaluate,
  formatTrace,
} from '../../../src/evaluate/index.js';
import { createMemoResolver } from '../../../src/evaluate/memo-resolver.js';

const ZONE = {
  '_dmarc.example.com': { txt: ['v=DMARC1; p=reject; sp=quarantine; np=reject'] },
  '_dmarc.mail.example.org': { txt: ['v=DMARC1; p=quarantine'] },
  'www.example.com': { txt: ['hello'] },
};

/** A resolver that never answers and ignores every signal. */
const silent: DnsResolver = { resolveTxt: () => new Promise<string[][]>(() => {}) };

describe('evaluate: options and misuse', () => {
  it('needs a resolver and sane limits', async () => {
    await expect(evaluate({ from: 'a@example.com' }, {} as never)).rejects.toBeInstanceOf(
      TypeError,
    );
    const resolver = createStaticResolver(ZONE);
    await expect(
      evaluate({ from: 'a@example.com' }, { resolver, timeoutMs: -1 }),
    ).rejects.toBeInstanceOf(RangeError);
    await expect(
      evaluate({ from: 'a@example.com' }, { resolver, maxQueries: 0 }),
    ).rejects.toBeInstanceOf(RangeError);
    await expect(
      evaluate({ from: 'a@example.com' }, { resolver, maxAuthorDomains: 1.5 }),
    ).rejects.toBeInstanceOf(RangeError);
  });
  it('never throws on hostile input', async () => {
    const resolver = createStaticResolver(ZONE);
    for (const input of [
      { from: '' },
      { from: null as unknown as string },
      { from: 'a@example.com', spf: { domain: 42 as unknown as string, result: 'pass' as const } },
      { from: 'a@example.com', dkim: [null as never, { domain: '..', result: 'pass' as const }] },
      { from: 'a@example.com', dkim: 'nope' as never },
      { from: `a@${'x.'.repeat(200)}example.com` },
    ]) {
      const r = await evaluate(input, { resolver });
      expect(['none', 'fail', 'permerror', 'pass']).toContain(r.result);
    }
  });
});

describe('evaluate: deadline, abort and budget', () => {
  it('the deadline holds when the resolver never answers', async () => {
    const r = await evaluate(
      { from: 'a@example.com' },
      { resolver: silent, timeoutMs: 20, trace: true },
    );
    expect(r).toMatchObject({
      result: 'temperror',
      temperrorCause: 'deadline',
      disposition: 'none',
    });
    expect(r.trace?.queries).toMatchObject([{ name: '_dmarc.example.com', outcome: 'temperror' }]);
    expect(formatTrace(r.trace!)).toContain('_dmarc.example.com');
  });
  it('rejects with the reason of an already aborted signal, without querying', async () => {
    let asked = 0;
    const resolver: DnsResolver = {
      resolveTxt: async () => {
        asked++;
        return [];
      },
    };
    const reason = new Error('cancelled');
    await expect(
      evaluate({ from: 'a@example.com' }, { resolver, signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(asked).toBe(0);
  });
  it('rejects with the reason when the signal aborts mid-way', async () => {
    const controller = new AbortController();
    const pending = evaluate(
      { from: 'a@example.com' },
      { resolver: silent, signal: controller.signal },
    );
    const reason = new Error('shutdown');
    queueMicrotask(() => controller.abort(reason));
    await expect(pending).rejects.toBe(reason);
  });
  it('a resolver that throws synchronously is a temporary failure', async () => {
    const resolver: DnsResolver = {
      resolveTxt: () => {
        throw new Error('boom');
      },
    };
    const r = await evaluate({ from: 'a@example.com' }, { resolver });
    expect(r).toMatchObject({ result: 'temperror', temperrorCause: 'dns' });
  });
  it('the query budget counts distinct names', async () => {
    const resolver = createStaticResolver(ZONE);
    const r = await evaluate(
      { from: 'a@a.b.c.example.com' },
      { resolver, maxQueries: 3, trace: true },
    );
    expect(r).toMatchObject({ result: 'temperror', temperrorCause: 'query-budget' });
    expect(resolver.queries).toHaveLength(3);
    expect(r.trace?.temperror).toMatchObject({ cause: 'query-budget', code: 'EBUDGET' });
  });
});

describe('evaluate: memoisation and tree walks', () => {
  it('alignment walks reuse what discovery asked, and each name is asked once', async () => {
    const resolver = createStaticResolver(ZONE);
    const r = await evaluate(
      {
        from: 'a@news.example.com',
        spf: { domain: 'bounce.example.com', result: 'fail' },
        dkim: [
          { domain: 'x.news.example.com', result: 'fail' },
          { domain: 'm.example.com', result: 'pass' },
        ],
      },
      { resolver, trace: true },
    );
    expect(r.result).toBe('pass');
    const names = resolver.queries.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    // discovery: _dmarc.news, _dmarc.example.com, _dmarc.com; np needs to know whether
    // news.example.com exists; the walk from m.example.com adds one name
    expect(names).toEqual([
      '_dmarc.news.example.com',
      '_dmarc.example.com',
      '_dmarc.com',
      'news.example.com',
      '_dmarc.m.example.com',
    ]);
    expect(r.trace?.walks.map((w) => w.purpose)).toEqual(['policy-discovery', 'alignment']);
  });
  it('stops walking once an identifier aligned', async () => {
    const resolver = createStaticResolver(ZONE);
    const r = await evaluate(
      {
        from: 'a@example.com',
        dkim: [
          { domain: 'example.com', result: 'pass' },
          { domain: 'deep.sub.example.com', result: 'pass' },
        ],
      },
      { resolver, trace: true },
    );
    expect(r.result).toBe('pass');
    expect(resolver.queries.map((q) => q.name)).toEqual(['_dmarc.example.com', '_dmarc.com']);
    expect(r.trace?.identifiers[1]?.reason).toBe('not-checked');
  });
  it('np: the existence check is one TXT query at the author domain, only when needed', async () => {
    const resolver = createStaticResolver(ZONE);
    const r = await evaluate({ from: 'a@nx.example.com' }, { resolver });
    expect(r).toMatchObject({ policySource: 'np', disposition: 'reject' });
    expect(resolver.queries.map((q) => q.name)).toContain('nx.example.com');
    resolver.queries.length = 0;
    const www = await evaluate({ from: 'a@www.example.com' }, { resolver });
    expect(www).toMatchObject({ policySource: 'sp', disposition: 'quarantine' });
  });
  it('the PSL method asks at most two names and decides alignment without DNS', async () => {
    const resolver = createStaticResolver(ZONE);
    const r = await evaluate(
      { from: 'a@x.mail.example.org', dkim: [{ domain: 'other.example.org', result: 'pass' }] },
      { resolver, method: 'psl' },
    );
    // RFC 7489: the author domain, then the PSL organizational domain example.org: no record
    expect(r.result).toBe('none');
    expect(resolver.queries.map((q) => q.name)).toEqual([
      '_dmarc.x.mail.example.org',
      '_dmarc.example.org',
    ]);
  });
});

describe('evaluate: trace and Authentication-Results', () => {
  it('the trace explains a failure', async () => {
    const resolver = createStaticResolver(ZONE);
    const r = await evaluate(
      { from: 'Boss <boss@example.com>', spf: { domain: 'evil.example.net', result: 'pass' } },
      { resolver, trace: true },
    );
    const text = formatTrace(r.trace!);
    expect(text).toContain('TXT _dmarc.example.com: 1 record(s)');
    expect(text).toContain('SPF pass for evil.example.net: not aligned');
    expect(text).toContain('DMARC fails: disposition reject');
    expect(r.trace?.identifiers[0]).toMatchObject({ reason: 'different-organizational-domains' });
  });
  it('authenticationResults offers the policy.dmarc property', async () => {
    const resolver = createStaticResolver(ZONE);
    const r = await evaluate({ from: 'a@example.com' }, { resolver });
    expect(authenticationResults(r, { policyProperty: true })).toBe(
      'dmarc=fail (p=reject sp=quarantine np=reject dis=reject) header.from=example.com policy.dmarc=reject',
    );
    expect(authenticationResults(r, { comment: false })).toBe('dmarc=fail header.from=example.com');
  });
  it('every diagnostic code evaluate emits is catalogued', async () => {
    const resolver = createStaticResolver(ZONE);
    const runs = await Promise.all([
      evaluate({ from: 'a@[1.2.3.4], b@example.com, c@example.net' }, { resolver }),
      evaluate({ from: 'a@a.b.c.example.com' }, { resolver, maxQueries: 1 }),
      evaluate({ from: 'a@example.com' }, { resolver: silent, timeoutMs: 5 }),
    ]);
    for (const r of runs) {
      for (const d of r.diagnostics) {
        if (d.code in EVALUATE_DIAGNOSTICS) continue;
        // the rest come from discovery and the record parser, which own their catalogues
        expect(d.code).toMatch(/^[a-z0-9-]+$/);
      }
    }
    expect(runs[0]?.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['from-invalid-domain', 'from-multiple-domains']),
    );
  });
});

describe('createMemoResolver', () => {
  it('memoises failures as well as answers and records outcomes', async () => {
    let calls = 0;
    const inner: DnsResolver = {
      resolveTxt: async (name) => {
        calls++;
        if (name === 'gone.example') throw Object.assign(new Error('nx'), { code: 'ENOTFOUND' });
        if (name === 'flaky.example') throw Object.assign(new Error('sf'), { code: 'ESERVFAIL' });
        return [['a', 'b']];
      },
    };
    const memo = createMemoResolver(inner, 10, undefined, undefined, true);
    await expect(memo.resolveTxt('gone.example')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(memo.resolveTxt('GONE.example.')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(memo.resolveTxt('flaky.example')).rejects.toMatchObject({ code: 'ESERVFAIL' });
    expect(await memo.resolveTxt('ok.example')).toEqual([['a', 'b']]);
    expect(calls).toBe(3);
    expect(memo.outcomeOf('ok.example')).toMatchObject({ outcome: 'answer', records: ['ab'] });
    expect(memo.firstFailure()).toEqual({ name: 'flaky.example', code: 'ESERVFAIL', cause: 'dns' });
    expect(memo.upstreamQueries).toBe(3);
  });
});
