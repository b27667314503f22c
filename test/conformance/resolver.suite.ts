/**
 * The resolver conformance suite: one set of cases, registered once per implementation (static,
 * caching, DoH through an in-process endpoint, and in the integration project Node's own
 * resolver, createNodeResolver and DoH against Knot DNS). Every case reads the zone in
 * fixtures/zones/conformance.test.zone.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyDnsFailure, resolveOutcome } from '../../src/dns/outcome.js';
import type { DnsResolver } from '../../src/dns/types.js';
import { isDnsError } from '../../src/dns/types.js';

export const ORIGIN = 'conformance.test';
export const ZONE_FILE: string = resolve(
  import.meta.dirname,
  '../../fixtures/zones/conformance.test.zone',
);

/**
 * The conformance zone as text. Read as latin1 so that each octet becomes one character, which
 * is what resolvers return for TXT data (Node decodes TXT octets as latin1).
 */
export function conformanceZoneText(): string {
  return readFileSync(ZONE_FILE, 'latin1');
}

export interface ResolverSuiteOptions {
  /** A resolver answering for the conformance zone. */
  create: () => DnsResolver;
  /** True when rejections must be dmarc-kit DnsErrors (false for Node's raw resolver). */
  dnsErrors: boolean;
  /** A name whose lookup gets SERVFAIL, when the setup can produce one. */
  servfailName?: string;
  /** A resolver and name that time out, when the setup can produce one. */
  timeout?: { create: () => DnsResolver; name: string };
}

const n = (label: string): string => (label === '' ? ORIGIN : `${label}.${ORIGIN}`);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    const value = await promise;
    return new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    return error;
  }
}

const sortRecords = (records: string[][]): string[][] =>
  [...records].sort((a, b) => a.join('').localeCompare(b.join('')));

export function resolverConformance(label: string, options: ResolverSuiteOptions): void {
  const { create } = options;

  async function expectCode(
    promise: Promise<unknown>,
    code: string,
    hostname: string,
  ): Promise<void> {
    const error = await rejection(promise);
    expect(error).toMatchObject({ code, hostname });
    if (options.dnsErrors) expect(isDnsError(error)).toBe(true);
  }

  describe(`resolver conformance: ${label}`, () => {
    describe('TXT answers', () => {
      it('returns a one-string record as one chunk', async () => {
        expect(await create().resolveTxt(n('_dmarc'))).toEqual([
          ['v=DMARC1; p=reject; rua=mailto:dmarc@conformance.test'],
        ]);
      });

      it('keeps the strings of a split record apart, in order', async () => {
        expect(await create().resolveTxt(n('_dmarc.split'))).toEqual([
          [
            'v=DMARC1; p=quarantine; ',
            'rua=mailto:a@conformance.test,',
            'mailto:b@conformance.test',
          ],
        ]);
      });

      it('returns a 255-octet string whole', async () => {
        const [record] = await create().resolveTxt(n('_dmarc.long'));
        expect(record?.map((c) => c.length)).toEqual([255, '; ruf=mailto:f@x.test'.length]);
        expect(record?.[0]?.startsWith('v=DMARC1; p=none; rua=mailto:aaaa')).toBe(true);
      });

      it('returns every record at a name', async () => {
        expect(sortRecords(await create().resolveTxt(n('_dmarc.two')))).toEqual([
          ['v=DMARC1; p=none'],
          ['v=DMARC1; p=reject'],
        ]);
      });

      it('keeps quotes, backslashes, semicolons and empty strings', async () => {
        expect(await create().resolveTxt(n('_dmarc.escaped'))).toEqual([
          ['say "hi"; back\\slash', ''],
        ]);
      });

      it('returns octets outside ASCII one character per octet (latin1)', async () => {
        expect(await create().resolveTxt(n('_dmarc.octets'))).toEqual([
          ['v=DMARC1; p=none; x=\u00c3\u00bc'],
        ]);
      });

      it('ignores ASCII case and a final dot in the name', async () => {
        const expected = [['v=DMARC1; p=reject; rua=mailto:dmarc@conformance.test']];
        const resolver = create();
        expect(await resolver.resolveTxt('_DMARC.Conformance.TEST')).toEqual(expected);
        expect(await resolver.resolveTxt(`_dmarc.${ORIGIN}.`)).toEqual(expected);
      });

      it('follows a CNAME chain to the TXT record', async () => {
        expect(await create().resolveTxt(n('_dmarc.alias'))).toEqual([['v=DMARC1; p=quarantine']]);
      });

      it('resolves an IDN given as punycode, and given in Unicode', async () => {
        const resolver = create();
        expect(await resolver.resolveTxt(n('_dmarc.xn--bcher-kva'))).toEqual([
          ['v=DMARC1; p=reject'],
        ]);
        expect(await resolver.resolveTxt(n('_dmarc.bücher'))).toEqual([['v=DMARC1; p=reject']]);
      });

      it('answers many concurrent lookups correctly', async () => {
        const resolver = create();
        const names = ['_dmarc', '_dmarc.split', '_dmarc.two', '_dmarc.alias', '_dmarc.deep.ent'];
        const results = await Promise.all(
          Array.from({ length: 25 }, (_, i) => resolver.resolveTxt(n(names[i % names.length]!))),
        );
        results.forEach((records, i) => {
          expect(records.length).toBeGreaterThan(0);
          if (i % names.length === 0) {
            expect(records).toEqual([['v=DMARC1; p=reject; rua=mailto:dmarc@conformance.test']]);
          }
        });
      });

      it('gives each caller arrays it may change', async () => {
        const resolver = create();
        const first = await resolver.resolveTxt(n('_dmarc'));
        first[0]?.push('changed');
        first.push(['added']);
        expect(await resolver.resolveTxt(n('_dmarc'))).toEqual([
          ['v=DMARC1; p=reject; rua=mailto:dmarc@conformance.test'],
        ]);
      });
    });

    describe('no record: NXDOMAIN and NODATA kept apart', () => {
      it('rejects ENOTFOUND for a name that does not exist', async () => {
        const name = n('_dmarc.nowhere');
        await expectCode(create().resolveTxt(name), 'ENOTFOUND', name);
      });

      it('rejects ENODATA for a name that exists without TXT', async () => {
        await expectCode(create().resolveTxt(n('notxt')), 'ENODATA', n('notxt'));
      });

      it('rejects ENODATA for an empty non-terminal (RFC 8020)', async () => {
        await expectCode(create().resolveTxt(n('ent')), 'ENODATA', n('ent'));
        await expectCode(create().resolveTxt(n('deep.ent')), 'ENODATA', n('deep.ent'));
      });

      it('rejects ENOTFOUND at the end of a CNAME to a missing name', async () => {
        await expectCode(create().resolveTxt(n('alias-missing')), 'ENOTFOUND', n('alias-missing'));
      });

      it('finds no record behind a CNAME to a name without TXT', async () => {
        // Node's resolver resolves [] here (c-ares sees an answer section with only the CNAME);
        // the others reject ENODATA. Both mean "no record" to a DMARC reader.
        const result = await resolveOutcome(() => create().resolveTxt(n('alias-notxt')));
        if (result.kind === 'answer') expect(result.value).toEqual([]);
        else expect(result.kind).toBe('nodata');
      });

      it('classifies both through the one outcome helper', async () => {
        const resolver = create();
        expect(await resolveOutcome(() => resolver.resolveTxt(n('nowhere')))).toEqual({
          kind: 'nxdomain',
        });
        expect(await resolveOutcome(() => resolver.resolveTxt(n('notxt')))).toEqual({
          kind: 'nodata',
        });
        expect(await resolveOutcome(() => resolver.resolveTxt(n('_dmarc.target')))).toEqual({
          kind: 'answer',
          value: [['v=DMARC1; p=quarantine']],
        });
      });
    });

    describe('bad names', () => {
      it('rejects EBADNAME for an empty label and a label over 63 octets', async () => {
        const resolver = create();
        await expectCode(resolver.resolveTxt(`a..${ORIGIN}`), 'EBADNAME', `a..${ORIGIN}`);
        const long = `${'a'.repeat(64)}.${ORIGIN}`;
        await expectCode(resolver.resolveTxt(long), 'EBADNAME', long);
        expect(classifyDnsFailure(await rejection(resolver.resolveTxt(long)))).toBe('temperror');
      });
    });

    describe('MX answers', () => {
      it('returns every MX record with priority and exchange, without the final dot', async () => {
        const mx = await create().resolveMx!(n('mail'));
        expect([...mx].sort((a, b) => a.priority - b.priority)).toEqual([
          { exchange: 'mx1.conformance.test', priority: 10 },
          { exchange: 'mx2.conformance.test', priority: 20 },
        ]);
      });

      it('returns a Null MX (RFC 7505) with an empty exchange', async () => {
        expect(await create().resolveMx!(n('nullmx'))).toEqual([{ exchange: '', priority: 0 }]);
      });

      it('rejects ENODATA and ENOTFOUND like TXT', async () => {
        await expectCode(create().resolveMx!(n('notxt')), 'ENODATA', n('notxt'));
        await expectCode(create().resolveMx!(n('nowhere')), 'ENOTFOUND', n('nowhere'));
      });
    });

    describe.skipIf(options.servfailName === undefined)('SERVFAIL', () => {
      it('rejects ESERVFAIL, a temporary failure', async () => {
        const name = options.servfailName!;
        const error = await rejection(create().resolveTxt(name));
        expect(error).toMatchObject({ code: 'ESERVFAIL', hostname: name });
        expect(classifyDnsFailure(error)).toBe('temperror');
        expect(await resolveOutcome(() => create().resolveTxt(name))).toMatchObject({
          kind: 'temperror',
          code: 'ESERVFAIL',
        });
      });
    });

    describe.skipIf(options.timeout === undefined)('timeouts', () => {
      it('rejects ETIMEOUT, a temporary failure', async () => {
        const { create: createSlow, name } = options.timeout!;
        const error = await rejection(createSlow().resolveTxt(name));
        expect(error).toMatchObject({ code: 'ETIMEOUT', hostname: name });
        expect(classifyDnsFailure(error)).toBe('temperror');
      });
    });
  });
}
