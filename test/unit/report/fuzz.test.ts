/**
 * Seeded fuzzing: whatever the bytes, parseAggregateReport either resolves to a report whose
 * counts are safe non-negative integers and whose dates are finite, or rejects with a
 * ReportParseError; it never throws anything else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isReportParseError, parseAggregateReport } from '../../../src/report/index.js';
import { fixtureText, gzip, zip } from './helpers.js';

const SEED = 20261204;

async function outcome(input: string | Uint8Array): Promise<string> {
  try {
    const r = await parseAggregateReport(input, { maxBytes: 1 << 20 });
    for (const rec of r.records) {
      if (!Number.isSafeInteger(rec.count) || rec.count < 0) return 'bad-count';
    }
    if (
      !Number.isFinite(r.metadata.begin.getTime()) ||
      !Number.isFinite(r.metadata.end.getTime())
    ) {
      return 'bad-date';
    }
    return 'ok';
  } catch (error) {
    return isReportParseError(error) ? `error:${error.code}` : `THREW ${String(error)}`;
  }
}

const base = fixtureText('xml/rfc9990-full.xml');

describe('parseAggregateReport fuzzing (fixed seed)', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        expect(await outcome(bytes)).not.toMatch(/^(THREW|bad-)/);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('valid reports cut, spliced and corrupted, as text, gzip and zip', async () => {
    const mutated = fc
      .tuple(fc.nat(base.length), fc.nat(base.length), fc.string({ maxLength: 12 }))
      .map(([a, b, insert]) => base.slice(0, Math.min(a, b)) + insert + base.slice(Math.max(a, b)));
    await fc.assert(
      fc.asyncProperty(mutated, fc.constantFrom('text', 'gzip', 'zip'), async (text, wrap) => {
        const input =
          wrap === 'text'
            ? text
            : wrap === 'gzip'
              ? gzip(text)
              : zip([{ name: 'r.xml', data: text }]);
        expect(await outcome(input)).not.toMatch(/^(THREW|bad-)/);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('corrupted compressed bytes', async () => {
    const gz = gzip(base);
    await fc.assert(
      fc.asyncProperty(fc.nat(gz.length - 1), fc.integer({ min: 1, max: 255 }), async (at, x) => {
        const copy = gz.slice();
        copy[at] = copy[at]! ^ x;
        expect(await outcome(copy)).not.toMatch(/^(THREW|bad-)/);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
