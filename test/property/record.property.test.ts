import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DmarcRecord, RecordParseResult, ReportUri } from '../../src/record/index.js';
import { formatRecord, parseRecord, RECORD_DIAGNOSTICS } from '../../src/record/index.js';

const SEED = 0x0d_4a_9c;
const MB = 1024 * 1024;

/** The shape every result must have, whatever the input. */
function checkShape(text: string, result: RecordParseResult): void {
  expect(typeof result.ok).toBe('boolean');
  expect(Array.isArray(result.diagnostics)).toBe(true);
  for (const d of result.diagnostics) {
    expect(Object.hasOwn(RECORD_DIAGNOSTICS, d.code)).toBe(true);
    if (d.start !== undefined) {
      expect(d.start).toBeGreaterThanOrEqual(0);
      expect(d.end).toBeGreaterThanOrEqual(d.start);
      expect(d.end).toBeLessThanOrEqual(text.length);
    }
  }
  if (result.ok) {
    expect(result.record.v).toBe('DMARC1');
    expect(
      result.diagnostics.some((d) => d.severity === 'error' && d.code !== 'invalid-policy'),
    ).toBe(false);
  } else {
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  }
}

/** Pieces that DMARC text is made of, plus the traps and the delimiters a parser can trip on. */
const FRAGMENTS = [
  'v=DMARC1',
  'v',
  'DMARC1',
  'dmarc1',
  '=',
  ';',
  ',',
  ':',
  '!',
  '%',
  '%2C',
  '%2c',
  '%21',
  '%zz',
  ' ',
  '\t',
  '\r\n',
  '\u00A0',
  'p',
  'sp',
  'np',
  'adkim',
  'aspf',
  't',
  'psd',
  'fo',
  'rua',
  'ruf',
  'pct',
  'rf',
  'ri',
  'none',
  'quarantine',
  'reject',
  'r',
  's',
  'y',
  'n',
  'u',
  '0',
  '1',
  'd',
  '100',
  '4294967296',
  'afrf',
  'mailto:',
  'mailto:dmarc@example.com',
  'https://r.example/x',
  '@',
  'example.com',
  '10m',
  '99999999999999999999t',
  '\u0131',
  '\u017F',
  '\u212A',
  '\uD800',
  '\u200B',
  '"',
];

const fragment = fc.constantFrom(...FRAGMENTS);
const recordish = fc
  .tuple(fc.boolean(), fc.array(fc.oneof(fragment, fc.string({ maxLength: 4 })), { maxLength: 40 }))
  .map(([prefix, parts]) => (prefix ? 'v=DMARC1;' : '') + parts.join(''));

describe('parseRecord never throws (RFC 9989 §4.8 on hostile input)', () => {
  it('for any string of any code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkShape(text, parseRecord(text));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('for record-like text made of DMARC pieces, delimiters and look-alikes', () => {
    fc.assert(
      fc.property(recordish, (text) => {
        checkShape(text, parseRecord(text));
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });

  it('for values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, [], Symbol('x')]) {
      const result = parseRecord(value as unknown as string);
      expect(result.ok).toBe(false);
    }
  });
});

/**
 * Linear time: a parser that rescans (or a regex that backtracks) on any of these 1 MB inputs
 * needs on the order of 10^11-10^12 steps and cannot finish within the test timeout (5 minutes,
 * generous for a loaded CI machine); a single pass takes milliseconds. No wall-clock assertion:
 * the timeout is the bound.
 */
describe('parseRecord stays linear on 1 MB inputs', () => {
  const unit = fc.oneof(
    fc.constantFrom(
      '=',
      ';',
      ' ',
      ',',
      '!',
      '%',
      '%2C',
      ':',
      'a',
      '9',
      '\u0131',
      ';x=1',
      'mailto:a@b.example,',
      'mailto:a@b.example!',
      'v=DMARC1;',
      ' ; ',
      '= ',
      'x',
    ),
    recordish.filter((s) => s.length > 0 && s.length < 200),
  );

  it('for generated 1 MB texts after each possible tag', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'v=DMARC1; p=', 'v=DMARC1; rua=', 'v=DMARC1; fo=', 'v=DMARC1; ', ' '),
        unit,
        (prefix, piece) => {
          const text = prefix + piece.repeat(Math.ceil(MB / piece.length));
          expect(text.length).toBeGreaterThanOrEqual(MB);
          const result = parseRecord(text);
          checkShape(text, result);
          // Findings stay bounded too: the per-element ones are capped.
          expect(result.diagnostics.length).toBeLessThanOrEqual(130);
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  }, 300_000);

  it('for the classic worst cases of split-and-rescan parsers', () => {
    const cases = [
      `v=DMARC1; rua=${'mailto:a@b.example,'.repeat(MB / 19)}`,
      `v=DMARC1; rua=mailto:a@b.example!${'9'.repeat(MB)}`,
      `v=DMARC1; rua=${'%2C'.repeat(MB / 3)}`,
      `v=DMARC1; rua=mailto:${'a'.repeat(MB)}`,
      `v=DMARC1; rua=mailto:a@${'b.'.repeat(MB / 2)}example`,
      `v=DMARC1; rua=${'mailto:a@b.example '.repeat(MB / 19)}`,
      `v=DMARC1; p=${' '.repeat(MB)}none`,
      `v=DMARC1;${' ;'.repeat(MB / 2)}`,
      `v=DMARC1; fo=${'d:'.repeat(MB / 2)}`,
      `v=DMARC1; rf=${'afrf:'.repeat(MB / 5)}`,
      `v=DMARC1; ri=${'1'.repeat(MB)}`,
      `${' '.repeat(MB)}v=DMARC1`,
      `v${' '.repeat(MB)}=DMARC1`,
      `v=DMARC1; ${'x'.repeat(MB)}=1`,
      `v=DMARC1; ${'='.repeat(MB)}`,
      `v=DMARC1; rua=mailto:${'%41'.repeat(MB / 3)}@b.example`,
    ];
    for (const text of cases) checkShape(text, parseRecord(text));
  }, 300_000);
});

const policy = fc.constantFrom<DmarcRecord['p']>('none', 'quarantine', 'reject');
const sizes = fc
  .tuple(fc.nat(100_000), fc.constantFrom(1, 1024, 1024 ** 2, 1024 ** 3, 1024 ** 4))
  .filter(([n, unit]) => Number.isSafeInteger(n * unit));
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const mailtoUri: fc.Arbitrary<ReportUri> = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9._+-]{1,12}$/),
    fc.array(label, { minLength: 2, maxLength: 4 }),
    fc.option(sizes, { nil: undefined }),
  )
  .map(([local, labels, size]) => {
    const address = `${local}@${labels.join('.')}`;
    const uri: ReportUri = { uri: `mailto:${address}`, address };
    if (size !== undefined) uri.maxBytes = size[0] * size[1];
    return uri;
  });
const otherUri: fc.Arbitrary<ReportUri> = fc
  .tuple(label, fc.stringMatching(/^[a-z0-9/,!=?-]{0,12}$/))
  .map(([host, path]) => ({ uri: `https://${host}.example/${path}` }));
const uris = fc.array(fc.oneof(mailtoUri, otherUri), { maxLength: 3 });
const fo = fc
  .tuple(fc.constantFrom([], ['0'], ['1']), fc.shuffledSubarray(['d', 's']), fc.boolean())
  .map(([digit, letters, digitFirst]) =>
    digitFirst ? [...digit, ...letters] : [...letters, ...digit],
  )
  .filter((list) => list.length > 0);

const recordArb: fc.Arbitrary<DmarcRecord> = fc
  .record(
    {
      p: policy,
      sp: policy,
      np: policy,
      adkim: fc.constantFrom<DmarcRecord['adkim']>('r', 's'),
      aspf: fc.constantFrom<DmarcRecord['aspf']>('r', 's'),
      t: fc.constantFrom<'y' | 'n'>('y', 'n'),
      psd: fc.constantFrom<'y' | 'n' | 'u'>('y', 'n', 'u'),
      pct: fc.integer({ min: 0, max: 100 }),
      rf: fc.array(fc.constantFrom('afrf', 'iodef'), { minLength: 1, maxLength: 2 }),
      ri: fc.integer({ min: 0, max: 4294967295 }),
      fo,
      rua: uris,
      ruf: uris,
    },
    { requiredKeys: ['adkim', 'aspf', 'fo', 'rua', 'ruf'] },
  )
  .map((parts) => ({ v: 'DMARC1' as const, tags: [], ...parts }) as DmarcRecord);

function withoutTags(record: DmarcRecord): Omit<DmarcRecord, 'tags'> {
  const { tags: _tags, ...rest } = record;
  return rest;
}

describe('formatRecord and parseRecord round-trip (RFC 9989 §4.8)', () => {
  it('parseRecord(formatRecord(r)) gives back r for any record', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const text = formatRecord(record);
        const result = parseRecord(text);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(withoutTags(result.record)).toStrictEqual(withoutTags(record));
        // and the canonical text is a fixed point, tags included
        expect(formatRecord(result.record)).toBe(text);
        const again = parseRecord(text);
        expect(again.ok && again.record).toStrictEqual(result.record);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('formatting what a receiver read keeps what it read, for any record-like text', () => {
    fc.assert(
      fc.property(recordish, (text) => {
        const first = parseRecord(text);
        if (!first.ok) return;
        const second = parseRecord(formatRecord(first.record));
        expect(second.ok).toBe(true);
        expect(second.ok && withoutTags(second.record)).toStrictEqual(withoutTags(first.record));
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });
});

describe('literals are case-insensitive in ASCII only', () => {
  const asciiRecord = recordArb.map((r) => ({ ...r, rua: [], ruf: [] }));

  it('flipping the ASCII case of names and values reads the same record', () => {
    fc.assert(
      fc.property(
        asciiRecord,
        fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        (r, flips) => {
          const text = formatRecord(r);
          let flipped = 'v=DMARC1';
          for (let i = flipped.length; i < text.length; i++) {
            const ch = text[i]!;
            flipped += flips[i % flips.length] ? ch.toUpperCase() : ch;
          }
          const result = parseRecord(flipped);
          expect(result.ok).toBe(true);
          expect(result.ok && withoutTags(result.record)).toStrictEqual(withoutTags(r));
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('a policy written with any non-ASCII character is never read as a policy', () => {
    const nonAscii = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 3 })
      .filter((s) => [...s].some((c) => c.codePointAt(0)! > 127));
    fc.assert(
      fc.property(
        fc.constantFrom('none', 'quarantine', 'reject'),
        nonAscii,
        fc.nat(10),
        (word, junk, at) => {
          const i = at % (word.length + 1);
          const value = word.slice(0, i) + junk + word.slice(i);
          expect(parseRecord(`v=DMARC1; p=${value}`).ok).toBe(false);
          const rescued = parseRecord(`v=DMARC1; p=${value}; rua=mailto:a@example.com`);
          expect(rescued.ok && rescued.record.p).toBe('none');
          expect(rescued.diagnostics.map((d) => d.code)).toContain('invalid-policy');
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
