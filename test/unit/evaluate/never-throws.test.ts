/**
 * Hostile input never throws and never hangs: arbitrary From values, SPF and DKIM results and
 * record texts (fast-check, fixed seed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStaticResolver } from '../../../src/dns/index.js';
import { evaluate, extractAuthorDomains } from '../../../src/evaluate/index.js';

const SEED = 20261204;
const from = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc
    .tuple(fc.constantFrom('', '"', '(', '<', '@', ',', ';', ':', '[', '\\'), fc.domain())
    .map(([a, d]) => `${a}u@${d}${a}`),
  fc.emailAddress(),
);
const result = fc.constantFrom(
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
  'policy',
  'PASS',
  '',
);

describe('evaluate never throws on hostile input', () => {
  it('extractAuthorDomains returns normalised, distinct domains for any string', () => {
    fc.assert(
      fc.property(from, (text) => {
        const r = extractAuthorDomains(text);
        expect(new Set(r.domains).size).toBe(r.domains.length);
        for (const d of r.domains) expect(d).toBe(d.toLowerCase());
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
  it('the fast path for plain addresses agrees with the full parser', () => {
    const shapes = fc.oneof(
      fc.emailAddress(),
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.emailAddress())
        .map(([name, a]) => `${name} <${a}>`),
      fc
        .tuple(fc.constantFrom('', ' ', '\t', '<', '>', '@', '.'), fc.domain())
        .map(([x, d]) => `${x}u@${d}${x}`),
    );
    fc.assert(
      fc.property(shapes, (text) => {
        // a trailing comma forces the full parser and adds no mailbox
        expect(extractAuthorDomains(text).domains).toEqual(
          extractAuthorDomains(`${text},`).domains,
        );
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('evaluate always resolves to one of the five results', async () => {
    await fc.assert(
      fc.asyncProperty(
        from,
        fc.string({ maxLength: 120 }),
        fc.option(
          fc.record({ domain: fc.oneof(fc.domain(), fc.string({ maxLength: 30 })), result }),
        ),
        fc.array(
          fc.record({ domain: fc.oneof(fc.domain(), fc.string({ maxLength: 30 })), result }),
          { maxLength: 3 },
        ),
        fc.constantFrom('tree-walk', 'psl'),
        async (fromValue, recordText, spf, dkim, method) => {
          const resolver = createStaticResolver({
            '_dmarc.example.com': { txt: [recordText] },
            '_dmarc.example.org': { txt: [`v=DMARC1; ${recordText}`] },
          });
          const input = {
            from: `${fromValue}, x@example.com, y@sub.example.org`,
            dkim,
          } as Parameters<typeof evaluate>[0];
          if (spf !== null) input.spf = spf as never;
          const r = await evaluate(input, { resolver, method, random: () => 0.5 });
          expect(['pass', 'fail', 'none', 'temperror', 'permerror']).toContain(r.result);
          expect(r.authenticationResults.startsWith(`dmarc=${r.result}`)).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
