import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStaticResolver, type StaticZoneEntry } from '../../src/dns/index.js';
import { punycodeDecode, punycodeEncode } from '../../src/internal/punycode.js';
import {
  discoverPolicy,
  findOrganizationalDomain,
  MAX_TREE_WALK_QUERIES,
  organizationalDomain,
  toAsciiDomain,
  walkTargets,
} from '../../src/org-domain/index.js';

const SEED = 20261204;
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/);
const deepName = fc.array(label, { minLength: 1, maxLength: 40 }).map((labels) => labels.join('.'));

/** True when `suffix` is `name` or a label-wise suffix of it. */
function isLabelSuffix(name: string, suffix: string): boolean {
  return name === suffix || name.endsWith(`.${suffix}`);
}

const entry: fc.Arbitrary<StaticZoneEntry> = fc.oneof(
  fc.constantFrom<StaticZoneEntry>(
    { txt: ['v=DMARC1; p=reject'] },
    { txt: ['v=DMARC1; p=none; psd=y'] },
    { txt: ['v=DMARC1; p=quarantine; psd=n'] },
    { txt: ['v=DMARC1; p=none; psd=u'] },
    { txt: ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] },
    { txt: ['v=spf1 -all'] },
    { error: 'ESERVFAIL' },
    { error: 'ETIMEOUT' },
  ),
);

describe('tree walk properties', () => {
  it('never makes more than eight queries, and asks them in walk order', async () => {
    await fc.assert(
      fc.asyncProperty(
        deepName,
        fc.array(fc.tuple(fc.nat(), entry), { maxLength: 6 }),
        async (name, placements) => {
          const targets = walkTargets(name);
          const zone: Record<string, StaticZoneEntry> = {};
          for (const [index, value] of placements) {
            zone[`_dmarc.${targets[index % targets.length]}`] = value;
          }
          const resolver = createStaticResolver(zone);
          const r = await discoverPolicy(name, { resolver });
          expect(r.queries.length).toBeLessThanOrEqual(MAX_TREE_WALK_QUERIES);
          expect(r.queries).toEqual(targets.slice(0, r.queries.length).map((t) => `_dmarc.${t}`));
          expect(resolver.queries.map((q) => q.name)).toEqual(r.queries);
          expect(isLabelSuffix(name, r.organizationalDomain)).toBe(true);
          const failed = r.queries.some((q) => zone[q]?.error !== undefined);
          expect(r.status === 'temperror').toBe(failed);
          if (r.status === 'found') {
            expect(r.queries).toContain(`_dmarc.${r.policyDomain}`);
            expect(r.record).toBeDefined();
          }
          const org = await findOrganizationalDomain(name, { resolver });
          expect(org.queries.length).toBeLessThanOrEqual(MAX_TREE_WALK_QUERIES);
          if (r.status !== 'temperror')
            expect(org.organizationalDomain).toBe(r.organizationalDomain);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('the PSL method never makes more than two queries', async () => {
    await fc.assert(
      fc.asyncProperty(deepName, async (name) => {
        const r = await discoverPolicy(name, { resolver: createStaticResolver({}), method: 'psl' });
        expect(r.queries.length).toBeLessThanOrEqual(2);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('walkTargets has at most eight names, each a suffix of the previous', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 127 }), (count) => {
        const name = Array.from({ length: count }, (_, i) => `l${i}`).join('.');
        const targets = walkTargets(name);
        expect(targets.length).toBe(Math.min(count, 8));
        expect(targets[0]).toBe(name);
        expect(targets[targets.length - 1]).toBe(`l${count - 1}`);
        for (let i = 1; i < targets.length; i++) {
          expect(isLabelSuffix(targets[i - 1] as string, targets[i] as string)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('name handling properties', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc
      .tuple(
        fc.array(
          fc.oneof(label, fc.constantFrom('食狮', 'XN--55QX5D', 'Bücher', '', '1', '0x7f')),
          {
            maxLength: 10,
          },
        ),
        fc.constantFrom('.', '。'),
      )
      .map(([labels, dot]) => labels.join(dot)),
  );

  it('toAsciiDomain never throws, is idempotent, and gives lower-case ASCII', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const ascii = toAsciiDomain(text);
        if (ascii === null) return;
        expect(ascii).toMatch(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/);
        expect(ascii.length).toBeLessThanOrEqual(253);
        expect(toAsciiDomain(ascii)).toBe(ascii);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('organizationalDomain never throws and gives a label-wise suffix of the name', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const org = organizationalDomain(text);
        if (org === null) return;
        const ascii = toAsciiDomain(text) as string;
        const orgAscii = toAsciiDomain(org) as string;
        expect(isLabelSuffix(ascii, orgAscii)).toBe(true);
        expect(orgAscii.split('.').length).toBeGreaterThanOrEqual(2);
        expect(organizationalDomain(org)).toBe(org);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('punycode round-trips any label', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (text) => {
        const encoded = punycodeEncode(text);
        expect(encoded).not.toBeNull();
        expect(punycodeDecode(encoded as string)).toBe(text);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
