import { describe, expect, it } from 'vitest';
import {
  createCachingResolver,
  createStaticResolver,
  type StaticZone,
} from '../../../src/dns/index.js';
import {
  discoverPolicy,
  findOrganizationalDomain,
  loadPublicSuffixList,
  walkTargets,
} from '../../../src/org-domain/index.js';

const REJECT = 'v=DMARC1; p=reject';
const NONE = 'v=DMARC1; p=none';

function zone(
  records: Record<string, string | string[] | { error: 'ESERVFAIL' | 'ETIMEOUT' }>,
): StaticZone {
  const out: Record<string, { txt?: string[]; error?: 'ESERVFAIL' | 'ETIMEOUT' }> = {};
  for (const [name, value] of Object.entries(records)) {
    if (typeof value === 'string') out[name] = { txt: [value] };
    else if (Array.isArray(value)) out[name] = { txt: value };
    else out[name] = value;
  }
  return out;
}

describe('discoverPolicy: RFC 9989 §4.10 tree walk', () => {
  it('makes the eight queries of the RFC example for a long author domain', async () => {
    const resolver = createStaticResolver({});
    const r = await discoverPolicy('a.b.c.d.e.f.g.h.i.j.mail.example.com', { resolver });
    expect(r.queries).toEqual([
      '_dmarc.a.b.c.d.e.f.g.h.i.j.mail.example.com',
      '_dmarc.g.h.i.j.mail.example.com',
      '_dmarc.h.i.j.mail.example.com',
      '_dmarc.i.j.mail.example.com',
      '_dmarc.j.mail.example.com',
      '_dmarc.mail.example.com',
      '_dmarc.example.com',
      '_dmarc.com',
    ]);
    expect(r.status).toBe('none');
    expect(r.organizationalDomain).toBe('a.b.c.d.e.f.g.h.i.j.mail.example.com');
    expect(resolver.queries.map((q) => q.name)).toEqual(r.queries);
  });

  it('walks one label at a time for names of eight labels or fewer', () => {
    expect(walkTargets('a.b.c.d.e.f.g.h')).toEqual([
      'a.b.c.d.e.f.g.h',
      'b.c.d.e.f.g.h',
      'c.d.e.f.g.h',
      'd.e.f.g.h',
      'e.f.g.h',
      'f.g.h',
      'g.h',
      'h',
    ]);
    expect(walkTargets('com')).toEqual(['com']);
    expect(walkTargets('a.b.c.d.e.f.g.h.i')).toHaveLength(8);
    expect(walkTargets('a.b.c.d.e.f.g.h.i')[1]).toBe('c.d.e.f.g.h.i');
  });

  it('RFC 9989 §4.10.2 example 1: records at mail.example.com and example.com give example.com', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.mail.example.com': NONE, '_dmarc.example.com': REJECT }),
    );
    const r = await discoverPolicy('a.mail.example.com', { resolver });
    expect(r.organizationalDomain).toBe('example.com');
    // §4.10.1: the organizational domain's record applies, not the first one found walking up.
    expect(r.policyDomain).toBe('example.com');
    expect(r.record?.p).toBe('reject');
    expect(r.status).toBe('found');
    expect(r.queries).toEqual([
      '_dmarc.a.mail.example.com',
      '_dmarc.mail.example.com',
      '_dmarc.example.com',
      '_dmarc.com',
    ]);
  });

  it('RFC 9989 §4.10.2 example 2: psd=n at mail.example.com stops the walk there', async () => {
    const resolver = createStaticResolver(
      zone({
        '_dmarc.mail.example.com': 'v=DMARC1; p=quarantine; psd=n',
        '_dmarc.example.com': REJECT,
      }),
    );
    const r = await discoverPolicy('a.mail.example.com', { resolver });
    expect(r.organizationalDomain).toBe('mail.example.com');
    expect(r.policyDomain).toBe('mail.example.com');
    expect(r.record?.p).toBe('quarantine');
    expect(r.queries).toEqual(['_dmarc.a.mail.example.com', '_dmarc.mail.example.com']);
  });

  it('RFC 9989 §4.10.2 example 3: only _dmarc.com with psd=y gives example.com and the PSD record', async () => {
    const resolver = createStaticResolver(zone({ '_dmarc.com': 'v=DMARC1; p=reject; psd=y' }));
    const r = await discoverPolicy('a.mail.example.com', { resolver });
    expect(r.organizationalDomain).toBe('example.com');
    expect(r.policyDomain).toBe('com');
    expect(r.status).toBe('found');
    expect(r.diagnostics.map((d) => d.code)).toContain('psd-policy-applied');
  });

  it('RFC 9989 §4.10.2 psd=y example: mail.example.com one label below example.com', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.example.com': 'v=DMARC1; p=none; psd=y' }),
    );
    const r = await discoverPolicy('mail.example.com', { resolver });
    expect(r.organizationalDomain).toBe('mail.example.com');
    expect(r.policyDomain).toBe('example.com');
    expect(r.queries).toEqual(['_dmarc.mail.example.com', '_dmarc.example.com']);
  });

  it('applies the author domain record, and keeps walking for the organizational domain', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.mail.example.com': NONE, '_dmarc.example.com': REJECT }),
    );
    const r = await discoverPolicy('mail.example.com', { resolver });
    expect(r.policyDomain).toBe('mail.example.com');
    expect(r.record?.p).toBe('none');
    expect(r.organizationalDomain).toBe('example.com');
    expect(r.queries).toHaveLength(3);
  });

  it('a psd=y record at the author domain stops the walk and makes it the organizational domain', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.co.example': 'v=DMARC1; p=reject; psd=y' }),
    );
    const r = await discoverPolicy('co.example', { resolver });
    expect(r.queries).toEqual(['_dmarc.co.example']);
    expect(r.organizationalDomain).toBe('co.example');
    expect(r.policyDomain).toBe('co.example');
  });

  it('psd=u does not stop the walk', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.example.com': 'v=DMARC1; p=reject; psd=u' }),
    );
    const r = await discoverPolicy('mail.example.com', { resolver });
    expect(r.queries).toEqual(['_dmarc.mail.example.com', '_dmarc.example.com', '_dmarc.com']);
    expect(r.organizationalDomain).toBe('example.com');
  });

  it('the psd=y shortcut case derives the organizational domain from the author domain', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.g.h.i.j.mail.example.com': 'v=DMARC1; p=reject; psd=y' }),
    );
    const r = await discoverPolicy('a.b.c.d.e.f.g.h.i.j.mail.example.com', { resolver });
    expect(r.queries).toHaveLength(2);
    expect(r.organizationalDomain).toBe('f.g.h.i.j.mail.example.com');
    expect(r.policyDomain).toBe('g.h.i.j.mail.example.com');
  });

  it('discards several DMARC records at one name and goes on walking', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.mail.example.com': [REJECT, NONE], '_dmarc.example.com': NONE }),
    );
    const r = await discoverPolicy('mail.example.com', { resolver });
    expect(r.policyDomain).toBe('example.com');
    expect(r.diagnostics.map((d) => d.code)).toContain('multiple-records');
  });

  it('skips non-DMARC TXT records and joins TXT chunks with nothing between them', async () => {
    const resolver = createStaticResolver({
      '_dmarc.example.com': {
        txt: [
          'v=spf1 -all',
          ['v=DMARC1; p=rej', 'ect; rua=mailto:d@example.com'],
          'v=DMARC10; p=none',
        ],
      },
    });
    const r = await discoverPolicy('example.com', { resolver });
    expect(r.status).toBe('found');
    expect(r.record?.p).toBe('reject');
    expect(r.text).toBe('v=DMARC1; p=reject; rua=mailto:d@example.com');
  });

  it('ignores a record receivers cannot use and reports it', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.mail.example.com': 'v=DMARC1; p=bogus', '_dmarc.example.com': REJECT }),
    );
    const r = await discoverPolicy('mail.example.com', { resolver });
    expect(r.policyDomain).toBe('example.com');
    expect(r.diagnostics.map((d) => d.code)).toContain('unusable-record');
  });

  it('converts Unicode author domains to A-labels before any query, and lower-cases', async () => {
    const resolver = createStaticResolver(zone({ '_dmarc.xn--bcher-kva.example': REJECT }));
    const r = await discoverPolicy('Mail.BÜCHER.example.', { resolver });
    expect(r.fromDomain).toBe('mail.xn--bcher-kva.example');
    expect(r.queries[0]).toBe('_dmarc.mail.xn--bcher-kva.example');
    expect(r.policyDomain).toBe('xn--bcher-kva.example');
  });

  it.each([
    '',
    '.',
    'a..example.com',
    '192.0.2.1',
    '[2001:db8::1]',
    'exa mple.com',
    'example.com/x',
    `${'a'.repeat(64)}.example.com`,
    `${'abcdefghi.'.repeat(26)}com`,
  ])('makes no query for %j', async (name) => {
    const resolver = createStaticResolver({});
    const r = await discoverPolicy(name, { resolver });
    expect(r.status).toBe('none');
    expect(r.queries).toEqual([]);
    expect(resolver.queries).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['invalid-domain']);
  });

  it('rejects a missing resolver or an unknown method as caller misuse', async () => {
    // @ts-expect-error: testing misuse from untyped callers
    await expect(discoverPolicy('example.com', {})).rejects.toBeInstanceOf(TypeError);
    await expect(
      // @ts-expect-error: testing misuse from untyped callers
      discoverPolicy('example.com', { resolver: createStaticResolver({}), method: 'dns' }),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects with the signal reason when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(
      discoverPolicy('example.com', {
        resolver: createStaticResolver({}),
        signal: controller.signal,
      }),
    ).rejects.toBe(reason);
  });
});

describe('discoverPolicy: temporary DNS failures', () => {
  const author = 'a.b.c.d.e.f.g.h.i.j.mail.example.com';
  const targets = walkTargets(author);
  it.each(targets.map((t, i) => [i, t] as const))(
    'a failure at walk position %i (%s) gives temperror, never none',
    async (index, target) => {
      const resolver = createStaticResolver(
        zone({ [`_dmarc.${target}`]: { error: index % 2 === 0 ? 'ESERVFAIL' : 'ETIMEOUT' } }),
      );
      const r = await discoverPolicy(author, { resolver });
      expect(r.status).toBe('temperror');
      expect(r.queries).toHaveLength(index + 1);
      expect(r.record).toBeUndefined();
      expect(r.diagnostics.map((d) => d.code)).toContain('dns-temperror');
    },
  );

  it('a failure after a record at the author domain is still temperror', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.mail.example.com': REJECT, '_dmarc.example.com': { error: 'ESERVFAIL' } }),
    );
    const r = await discoverPolicy('mail.example.com', { resolver });
    expect(r.status).toBe('temperror');
  });

  it('no failure is reached once psd=n stops the walk', async () => {
    const resolver = createStaticResolver(
      zone({
        '_dmarc.mail.example.com': 'v=DMARC1; p=reject; psd=n',
        '_dmarc.example.com': { error: 'ESERVFAIL' },
      }),
    );
    const r = await discoverPolicy('mail.example.com', { resolver });
    expect(r.status).toBe('found');
  });

  it.each([
    ['author domain', '_dmarc.mail.example.co.uk', 1],
    ['organizational domain', '_dmarc.example.co.uk', 2],
  ] as const)('PSL method: a failure at the %s gives temperror', async (_, name, count) => {
    const resolver = createStaticResolver(zone({ [name]: { error: 'ESERVFAIL' } }));
    const r = await discoverPolicy('mail.example.co.uk', { resolver, method: 'psl' });
    expect(r.status).toBe('temperror');
    expect(r.queries).toHaveLength(count);
  });

  it('a resolver that rejects without a code is a temporary failure', async () => {
    const r = await discoverPolicy('example.com', {
      resolver: { resolveTxt: () => Promise.reject(new Error('boom')) },
    });
    expect(r.status).toBe('temperror');
  });
});

describe('discoverPolicy: RFC 7489 §6.6.3 PSL method', () => {
  it('asks the author domain, then the PSL organizational domain: at most two queries', async () => {
    const resolver = createStaticResolver(zone({ '_dmarc.example.co.uk': REJECT }));
    const r = await discoverPolicy('a.b.mail.example.co.uk', { resolver, method: 'psl' });
    expect(r.queries).toEqual(['_dmarc.a.b.mail.example.co.uk', '_dmarc.example.co.uk']);
    expect(r.policyDomain).toBe('example.co.uk');
    expect(r.organizationalDomain).toBe('example.co.uk');
    expect(r.method).toBe('psl');
  });

  it('makes one query when the author domain is its own organizational domain', async () => {
    const resolver = createStaticResolver({});
    const r = await discoverPolicy('example.com', { resolver, method: 'psl' });
    expect(r.queries).toEqual(['_dmarc.example.com']);
    expect(r.status).toBe('none');
  });

  it('stops at several records at the author domain (step 5)', async () => {
    const resolver = createStaticResolver(
      zone({ '_dmarc.mail.example.com': [REJECT, NONE], '_dmarc.example.com': NONE }),
    );
    const r = await discoverPolicy('mail.example.com', { resolver, method: 'psl' });
    expect(r.status).toBe('none');
    expect(r.queries).toEqual(['_dmarc.mail.example.com']);
  });

  it('uses a run-time list and the ICANN-only option', async () => {
    const psl = loadPublicSuffixList(
      '// ===BEGIN ICANN DOMAINS===\nio\n// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n// ===END PRIVATE DOMAINS===\n',
    );
    const resolver = createStaticResolver({});
    const all = await discoverPolicy('www.alice.github.io', { resolver, method: 'psl', psl });
    expect(all.organizationalDomain).toBe('alice.github.io');
    const icann = await discoverPolicy('www.alice.github.io', {
      resolver,
      method: 'psl',
      psl,
      icannOnly: true,
    });
    expect(icann.organizationalDomain).toBe('github.io');
  });
});

describe('discoverPolicy: both methods side by side', () => {
  it.each([
    // RFC 7489 §3.2: "a.b.c.d.example.com" has the organizational domain "example.com".
    ['a.b.c.d.example.com', { '_dmarc.example.com': REJECT }, 'example.com'],
    // RFC 9989 §4.10.2, first example: records at mail.example.com and example.com.
    [
      'a.mail.example.com',
      { '_dmarc.mail.example.com': NONE, '_dmarc.example.com': REJECT },
      'example.com',
    ],
    // A record at the author domain applies under both methods.
    [
      'mail.example.com',
      { '_dmarc.mail.example.com': NONE, '_dmarc.example.com': REJECT },
      'mail.example.com',
    ],
  ] as const)('both methods agree on %s', async (author, records, policyDomain) => {
    const resolver = createStaticResolver(zone({ ...records }));
    const r = await discoverPolicy(author, { resolver, compare: true });
    expect(r.comparison?.treeWalk.policyDomain).toBe(policyDomain);
    expect(r.comparison?.psl.policyDomain).toBe(policyDomain);
    expect(r.comparison?.treeWalk.organizationalDomain).toBe('example.com');
    expect(r.comparison?.psl.organizationalDomain).toBe('example.com');
    expect(r.comparison?.agree).toBe(true);
  });

  it('reports agreement for a plain domain', async () => {
    const resolver = createStaticResolver(zone({ '_dmarc.example.com': REJECT }));
    const r = await discoverPolicy('mail.example.com', { resolver, compare: true });
    expect(r.comparison?.agree).toBe(true);
    expect(r.comparison?.differences).toEqual([]);
    expect(r.method).toBe('tree-walk');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('methods-disagree');
  });

  it('reports the disagreement when a PSD record or a deeper organizational domain exists', async () => {
    const resolver = createStaticResolver(
      zone({
        '_dmarc.mail.example.com': 'v=DMARC1; p=quarantine; psd=n',
        '_dmarc.example.com': REJECT,
      }),
    );
    const r = await discoverPolicy('a.mail.example.com', { resolver, compare: true });
    expect(r.comparison?.agree).toBe(false);
    expect(r.comparison?.differences).toEqual(['policyDomain', 'organizationalDomain', 'record']);
    expect(r.comparison?.treeWalk.policyDomain).toBe('mail.example.com');
    expect(r.comparison?.psl.policyDomain).toBe('example.com');
    expect(r.diagnostics.map((d) => d.code)).toContain('methods-disagree');
    const viaPsl = await discoverPolicy('a.mail.example.com', {
      resolver,
      compare: true,
      method: 'psl',
    });
    expect(viaPsl.method).toBe('psl');
    expect(viaPsl.policyDomain).toBe('example.com');
  });

  it('shows a PSD policy only the tree walk finds', async () => {
    const resolver = createStaticResolver(zone({ '_dmarc.com': 'v=DMARC1; p=reject; psd=y' }));
    const r = await discoverPolicy('example.com', { resolver, compare: true });
    expect(r.comparison?.treeWalk.status).toBe('found');
    expect(r.comparison?.psl.status).toBe('none');
    expect(r.comparison?.differences).toContain('status');
  });
});

describe('findOrganizationalDomain', () => {
  it('walks from any domain and picks the organizational domain by §4.10.2', async () => {
    const resolver = createStaticResolver(zone({ '_dmarc.example.com': REJECT }));
    const r = await findOrganizationalDomain('selector.dkim.mail.example.com', { resolver });
    expect(r).toMatchObject({ status: 'found', organizationalDomain: 'example.com' });
    expect(r.queries).toEqual([
      '_dmarc.selector.dkim.mail.example.com',
      '_dmarc.dkim.mail.example.com',
      '_dmarc.mail.example.com',
      '_dmarc.example.com',
      '_dmarc.com',
    ]);
  });

  it('is the domain itself when no record exists', async () => {
    const r = await findOrganizationalDomain('mail.example.org', {
      resolver: createStaticResolver({}),
    });
    expect(r).toMatchObject({ status: 'none', organizationalDomain: 'mail.example.org' });
  });

  it('gives temperror on a failure the walk needs', async () => {
    const resolver = createStaticResolver(zone({ '_dmarc.example.com': { error: 'ETIMEOUT' } }));
    const r = await findOrganizationalDomain('mail.example.com', { resolver });
    expect(r.status).toBe('temperror');
  });

  it('uses the PSL without DNS when asked', async () => {
    const resolver = createStaticResolver({});
    const r = await findOrganizationalDomain('a.b.example.co.uk', { resolver, method: 'psl' });
    expect(r).toEqual({
      status: 'found',
      organizationalDomain: 'example.co.uk',
      queries: [],
      diagnostics: [],
    });
    expect(resolver.queries).toEqual([]);
  });

  it('makes shared lookups free with a caching resolver', async () => {
    const inner = createStaticResolver(zone({ '_dmarc.example.com': REJECT }));
    const resolver = createCachingResolver(inner);
    await discoverPolicy('mail.example.com', { resolver });
    const before = inner.queries.length;
    const r = await findOrganizationalDomain('mail.example.com', { resolver });
    expect(r.organizationalDomain).toBe('example.com');
    expect(inner.queries.length).toBe(before);
  });

  it('gives none without a query for a name that cannot be a DNS name', async () => {
    const resolver = createStaticResolver({});
    const r = await findOrganizationalDomain('10.0.0.1', { resolver });
    expect(r.status).toBe('none');
    expect(r.queries).toEqual([]);
  });
});
