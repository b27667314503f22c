import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_DIAGNOSTICS } from '../../../src/check/catalogue.js';
import { checkDomain, type DomainCheck } from '../../../src/check/check-domain.js';
import type { Diagnostic } from '../../../src/diagnostics.js';
import { createStaticResolver } from '../../../src/dns/static.js';
import type { DnsResolver } from '../../../src/dns/types.js';
import { ORG_DOMAIN_DIAGNOSTICS } from '../../../src/org-domain/catalogue.js';
import { RECORD_DIAGNOSTICS } from '../../../src/record/catalogue.js';

const exampleZone = readFileSync(
  new URL('../../../fixtures/example/example.zone', import.meta.url),
  'utf8',
);
const codes = (c: DomainCheck): string[] => c.diagnostics.map((d) => d.code);
const seen: Diagnostic[] = [];
async function check(domain: string, resolver: DnsResolver): Promise<DomainCheck> {
  const result = await checkDomain(domain, { resolver });
  seen.push(...result.diagnostics);
  return result;
}

describe('checkDomain on the example zone', () => {
  const resolver = createStaticResolver(exampleZone);

  it('example.com: monitoring, an authorized external destination, SPF ~all', async () => {
    const c = await check('Example.COM.', resolver);
    expect(c.domain).toBe('example.com');
    expect(c.dmarc).toMatchObject({ status: 'found', policyDomain: 'example.com' });
    expect(c.stage).toBe('monitoring');
    expect(c.nextStep).toMatch(/p=quarantine/);
    expect(c.reportDestinations).toEqual([
      { tag: 'rua', uri: 'mailto:dmarc@example.com', domain: 'example.com', external: false },
      {
        tag: 'rua',
        uri: 'mailto:reports@dmarc-reports.example.net',
        domain: 'dmarc-reports.example.net',
        external: true,
        authorized: true,
      },
    ]);
    expect(c.spf).toMatchObject({ status: 'found', all: '~' });
    expect(c.nullMx).toBe(false);
    expect(c.noMail.declared).toBe(false);
    expect(codes(c)).toContain('subdomain-policy');
    expect(codes(c)).toContain('report-destination-authorized');
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('shop.example.com: its own record below the organizational domain is compared with it', async () => {
    const c = await check('shop.example.com', resolver);
    expect(c.dmarc.policyDomain).toBe('shop.example.com');
    expect(c.stage).toBe('quarantine');
    expect(codes(c)).toContain('sp-on-subdomain');
    expect(c.spf.all).toBe('-');
  });

  it('a name without a record inherits the parent record and its sp', async () => {
    const c = await check('mail.example.com', resolver);
    expect(c.dmarc.policyDomain).toBe('example.com');
    expect(codes(c)).toContain('dmarc-inherited');
    expect(c.stage).toBe('monitoring');
    expect(c.spf.status).toBe('none');
  });

  it('example.org: Null MX and p=reject, but no "v=spf1 -all": the missing line is given', async () => {
    const c = await check('example.org', resolver);
    expect(c.nullMx).toBe(true);
    expect(c.stage).toBe('reject');
    expect(c.noMail).toEqual({ declared: false, missing: ['example.org. IN TXT "v=spf1 -all"'] });
    expect(codes(c)).toContain('no-mail-incomplete');
    expect(c.nextStep).toBe(
      'example.org looks like a domain that handles no mail; if so, publish: example.org. IN TXT "v=spf1 -all".',
    );
    expect(c.reportDestinations[0]).toMatchObject({
      domain: 'example.com',
      external: true,
      authorized: true,
    });
  });

  it('example.net: reject, done', async () => {
    const c = await check('example.net', resolver);
    expect(c.stage).toBe('reject');
    expect(c.nextStep).toMatch(/^Done/);
  });
});

describe('checkDomain findings', () => {
  it('no record anywhere: stage none, publish p=none', async () => {
    const c = await check('nothing.example', createStaticResolver({}));
    expect(c.dmarc.status).toBe('none');
    expect(c.stage).toBe('none');
    expect(c.nextStep).toContain('v=DMARC1; p=none; rua=mailto:');
    expect(codes(c)).toEqual(expect.arrayContaining(['dmarc-none', 'spf-none']));
  });

  it('declares no mail in all three places', async () => {
    const c = await check(
      'parked.example',
      createStaticResolver({
        'parked.example': { txt: ['v=spf1 -all'], mx: [{ priority: 0, exchange: '.' }] },
        '_dmarc.parked.example': { txt: ['v=DMARC1; p=reject'] },
      }),
    );
    expect(c.noMail).toEqual({ declared: true, missing: [] });
    expect(codes(c)).toContain('no-mail-declared');
  });

  it('unauthorized external destinations, several SPF records, +all', async () => {
    const c = await check(
      'bad.example',
      createStaticResolver({
        'bad.example': {
          txt: ['v=spf1 +all', 'v=spf1 mx -all'],
          mx: [{ priority: 10, exchange: 'mx.bad.example' }],
        },
        '_dmarc.bad.example': {
          txt: [
            'v=DMARC1; p=reject; rua=mailto:a@collector.example.net; ruf=mailto:f@collector.example.net',
          ],
        },
      }),
    );
    expect(c.reportDestinations.map((d) => d.authorized)).toEqual([false, false]);
    expect(c.spf.status).toBe('multiple');
    expect(codes(c)).toEqual(
      expect.arrayContaining(['report-destination-unauthorized', 'spf-multiple']),
    );
    const plusAll = await check(
      'open.example',
      createStaticResolver({
        'open.example': { txt: ['v=spf1 +all'] },
        '_dmarc.open.example': { txt: ['v=DMARC1; p=none; rua=mailto:d@open.example'] },
      }),
    );
    expect(codes(plusAll)).toContain('spf-pass-all');
  });

  it('temporary failures: DMARC temperror, SPF and MX temperror', async () => {
    const c = await check(
      'flaky.example',
      createStaticResolver({
        '_dmarc.flaky.example': { error: 'ESERVFAIL' },
        'flaky.example': { error: 'ETIMEOUT' },
      }),
    );
    expect(c.dmarc.status).toBe('temperror');
    expect(c.stage).toBe('none');
    expect(c.nextStep).toMatch(/again/);
    expect(c.spf.status).toBe('temperror');
    expect(codes(c)).toEqual(expect.arrayContaining(['spf-temperror', 'mx-temperror']));
  });

  it('a resolver without resolveMx: Null MX not checked', async () => {
    const inner = createStaticResolver({
      '_dmarc.a.example': { txt: ['v=DMARC1; p=none; rua=mailto:d@a.example'] },
    });
    const c = await check('a.example', { resolveTxt: (name) => inner.resolveTxt(name) });
    expect(c.nullMx).toBe(false);
    expect(codes(c)).toContain('mx-lookup-unsupported');
  });

  it('an aborted signal rejects with its reason, like discoverPolicy', async () => {
    const resolver = createStaticResolver(exampleZone, { delayMs: 50 });
    const controller = new AbortController();
    const pending = checkDomain('example.com', { resolver, signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('an invalid name looks nothing up', async () => {
    const resolver = createStaticResolver({});
    const c = await check('not a domain!', resolver);
    expect(codes(c)).toEqual(['invalid-domain']);
    expect(resolver.queries).toEqual([]);
  });

  it('rejects caller misuse with TypeError', async () => {
    await expect(
      checkDomain(42 as unknown as string, { resolver: createStaticResolver({}) }),
    ).rejects.toThrow(TypeError);
    await expect(checkDomain('a.example', {} as never)).rejects.toThrow(TypeError);
  });

  it('every emitted code is catalogued with the same severity', () => {
    const catalogue: Record<string, { severity: string }> = {
      ...RECORD_DIAGNOSTICS,
      ...ORG_DOMAIN_DIAGNOSTICS,
      ...CHECK_DIAGNOSTICS,
    };
    expect(seen.length).toBeGreaterThan(10);
    for (const d of seen) expect(catalogue[d.code]?.severity, d.code).toBe(d.severity);
  });
});
