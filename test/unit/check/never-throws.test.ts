/** Hostile DNS answers never make checkDomain throw, and every code it emits is catalogued (fast-check, fixed seed). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_DIAGNOSTICS } from '../../../src/check/catalogue.js';
import { checkDomain } from '../../../src/check/check-domain.js';
import { lintSpfRecord } from '../../../src/check/spf.js';
import { createStaticResolver } from '../../../src/dns/static.js';
import { ORG_DOMAIN_DIAGNOSTICS } from '../../../src/org-domain/catalogue.js';
import { RECORD_DIAGNOSTICS } from '../../../src/record/catalogue.js';

const SEED = 20261204;
const catalogue: Record<string, { severity: string }> = {
  ...RECORD_DIAGNOSTICS,
  ...ORG_DOMAIN_DIAGNOSTICS,
  ...CHECK_DIAGNOSTICS,
};

const fragment = fc.constantFrom(
  'v=DMARC1',
  'v=spf1',
  '; p=reject',
  '; p=none',
  '; sp=quarantine',
  '; pct=50',
  '; t=y',
  '; rua=mailto:a@x.example',
  ',mailto:b@example.net',
  '; ruf=https://r.example.org/x',
  ' -all',
  ' +all',
  ' ?all',
  ' include:_spf.example.net',
  ' ip4:192.0.2.0/24',
  ' redirect=example.net',
  ' ptr',
  ' mx',
  '\u0000',
  '\u001b[2J',
  '=',
  ';',
  ' ',
);
const text = fc.oneof(
  fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 80 }),
);
const txtSet = fc.array(fc.array(text, { minLength: 1, maxLength: 3 }), { maxLength: 3 });
const mxSet = fc.array(
  fc.record({
    priority: fc.integer({ min: 0, max: 65535 }),
    exchange: fc.constantFrom('', '.', 'mx.example.com', 'a'),
  }),
  { maxLength: 3 },
);

describe('never throws', () => {
  it('checkDomain on arbitrary TXT and MX answers', async () => {
    await fc.assert(
      fc.asyncProperty(txtSet, txtSet, txtSet, mxSet, async (dmarc, spf, auth, mx) => {
        const resolver = createStaticResolver({
          '_dmarc.a.example.com': { txt: dmarc },
          'a.example.com': { txt: spf, mx },
          'a.example.com._report._dmarc.example.net': { txt: auth },
          'a.example.com._report._dmarc.x.example': { txt: auth },
        });
        const result = await checkDomain('a.example.com', { resolver });
        for (const d of result.diagnostics)
          expect(catalogue[d.code]?.severity, d.code).toBe(d.severity);
        expect(['none', 'monitoring', 'quarantine', 'reject']).toContain(result.stage);
        expect(result.noMail.declared).toBe(result.noMail.missing.length === 0);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('lintSpfRecord on arbitrary text, including 1 MB', () => {
    fc.assert(
      fc.property(text, (t) => {
        lintSpfRecord(`v=spf1 ${t}`);
      }),
      { seed: SEED, numRuns: 2000 },
    );
    const big = `v=spf1 ${'ip4:192.0.2.1 '.repeat(80_000)}-all`;
    expect(lintSpfRecord(big).all).toBe('-');
  });
});
