import { describe, expect, it } from 'vitest';
import { formatRecord, parseRecord } from '../../../src/record/index.js';
import { RECORD_CASES } from './cases.js';

describe('formatRecord (RFC 9989 §4.8)', () => {
  it('writes v first, then the tags in canonical order, leaving defaults out', () => {
    expect(
      formatRecord({
        ruf: [{ uri: 'mailto:f@example.com' }],
        rua: [{ uri: 'mailto:a@example.com', maxBytes: 10 * 1024 * 1024 }],
        fo: ['1', 'd'],
        ri: 3600,
        rf: ['afrf'],
        pct: 50,
        psd: 'n',
        t: 'y',
        aspf: 's',
        adkim: 's',
        np: 'reject',
        sp: 'quarantine',
        p: 'reject',
      }),
    ).toBe(
      'v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=s; t=y; psd=n; pct=50; rf=afrf; ri=3600; fo=1:d; rua=mailto:a@example.com!10m; ruf=mailto:f@example.com',
    );
    expect(formatRecord({ p: 'none', adkim: 'r', aspf: 'r', fo: ['0'], rua: [], ruf: [] })).toBe(
      'v=DMARC1; p=none',
    );
    expect(formatRecord({})).toBe('v=DMARC1');
  });

  it('writes sizes in the largest exact unit', () => {
    const size = (maxBytes: number) =>
      formatRecord({ rua: [{ uri: 'mailto:a@example.com', maxBytes }] });
    expect(size(1024)).toBe('v=DMARC1; rua=mailto:a@example.com!1k');
    expect(size(1536)).toBe('v=DMARC1; rua=mailto:a@example.com!1536');
    expect(size(3 * 1024 ** 3)).toBe('v=DMARC1; rua=mailto:a@example.com!3g');
    expect(size(1024 ** 4)).toBe('v=DMARC1; rua=mailto:a@example.com!1t');
    expect(size(0)).toBe('v=DMARC1; rua=mailto:a@example.com!0');
  });

  it('percent-encodes the commas, "!" and ";" inside a URI', () => {
    expect(formatRecord({ rua: [{ uri: 'https://r.example/a,b!c;d' }] })).toBe(
      'v=DMARC1; rua=https://r.example/a%2Cb%21c%3Bd',
    );
  });

  it('gives back the record: parseRecord(formatRecord(r)) equals r, for every usable case', () => {
    for (const c of RECORD_CASES) {
      const first = parseRecord(c.text);
      if (!first.ok) continue;
      const text = formatRecord(first.record);
      const again = parseRecord(text);
      expect(again.ok, text).toBe(true);
      if (!again.ok) continue;
      const { tags: _a, ...semantic } = first.record;
      const { tags: _b, ...semanticAgain } = again.record;
      expect(semanticAgain, c.text).toStrictEqual(semantic);
      // Canonical text is a fixed point, tags included.
      expect(formatRecord(again.record)).toBe(text);
      const third = parseRecord(formatRecord(again.record));
      expect(third.ok && third.record).toStrictEqual(again.record);
    }
  });
});
