import { describe, expect, it } from 'vitest';
import { buildRecordCorpus } from '../../../fixtures/records/corpus.mjs';
import { parseRecord } from '../../../src/record/index.js';

describe('the labelled benchmark corpus (fixtures/records/corpus.mjs)', () => {
  const corpus = buildRecordCorpus();

  it('is deterministic and has the three kinds', () => {
    expect(buildRecordCorpus(50)).toEqual(buildRecordCorpus(50));
    const kinds = new Set(corpus.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['fixable', 'unusable', 'valid']);
  });

  it('gets the receiver verdict of every one of the 10 000 records right', () => {
    const wrong = corpus.filter((e) => parseRecord(e.text).ok !== e.accept).map((e) => e.text);
    expect(wrong).toEqual([]);
  });

  it('has a finding for every fixable and unusable record', () => {
    const silent = corpus
      .filter((e) => e.kind !== 'valid' && parseRecord(e.text).diagnostics.length === 0)
      .map((e) => e.text);
    expect(silent).toEqual([]);
  });
});
