import { describe, expect, it } from 'vitest';
import type { RecordParseResult, ReportUri } from '../../../src/record/index.js';
import { parseRecord } from '../../../src/record/index.js';

function rua(value: string): { uris: ReportUri[]; result: RecordParseResult } {
  const result = parseRecord(`v=DMARC1; p=reject; rua=${value}`);
  if (!result.ok) throw new Error('expected ok');
  return { uris: result.record.rua, result };
}

function codes(result: RecordParseResult): string[] {
  return result.diagnostics.map((d) => d.code);
}

describe('report URIs (RFC 9989 §4.8 dmarc-urilist, RFC 7489 §6.2)', () => {
  it('parses the mailbox of mailto: URIs', () => {
    expect(rua('mailto:dmarc+agg@reports.example.com').uris).toEqual([
      { uri: 'mailto:dmarc+agg@reports.example.com', address: 'dmarc+agg@reports.example.com' },
    ]);
    expect(rua('MAILTO:d@example.com?subject=dmarc').uris).toEqual([
      { uri: 'MAILTO:d@example.com?subject=dmarc', address: 'd@example.com' },
    ]);
  });

  it('turns !size suffixes into bytes, with units as powers of two', () => {
    const { uris, result } = rua(
      'mailto:a@example.com!500,mailto:b@example.com!10k,mailto:c@example.com!10M,mailto:d@example.com!2g,mailto:e@example.com!1t',
    );
    expect(uris.map((u) => u.maxBytes)).toEqual([
      500,
      10 * 1024,
      10 * 1024 ** 2,
      2 * 1024 ** 3,
      1024 ** 4,
    ]);
    expect(uris.map((u) => u.uri)).toEqual([
      'mailto:a@example.com',
      'mailto:b@example.com',
      'mailto:c@example.com',
      'mailto:d@example.com',
      'mailto:e@example.com',
    ]);
    expect(codes(result).filter((c) => c === 'report-size-limit')).toHaveLength(5);
  });

  it('refuses malformed size suffixes', () => {
    for (const bad of [
      'mailto:a@example.com!',
      'mailto:a@example.com!m',
      'mailto:a@example.com!10x',
      'mailto:a@example.com!1 0',
    ]) {
      const { uris, result } = rua(bad);
      expect(uris).toEqual([]);
      expect(codes(result)).toContain('invalid-report-uri');
    }
  });

  it('ignores a size too large to represent, keeping the URI', () => {
    const { uris, result } = rua('mailto:a@example.com!18446744073709551615');
    expect(uris).toEqual([{ uri: 'mailto:a@example.com', address: 'a@example.com' }]);
    expect(codes(result)).toContain('report-size-too-large');
  });

  it('splits at commas, with whitespace around them', () => {
    expect(rua('mailto:a@example.com , mailto:b@example.com').uris.map((u) => u.address)).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
  });

  it('decodes %2C and %21 inside a URI, and reads every recipient of a mailto', () => {
    const { uris } = rua(
      'https://r.example.com/in?a=1%2C2%21,mailto:a@example.com%2Cb@example.com',
    );
    expect(uris[0]).toEqual({ uri: 'https://r.example.com/in?a=1,2!' });
    expect(uris[1]).toEqual({
      uri: 'mailto:a@example.com,b@example.com',
      address: 'a@example.com',
    });
    expect(rua('mailto:a@example.com%2Cnobody').uris).toEqual([]);
  });

  it('percent-decodes the mailbox', () => {
    expect(rua('mailto:d%40x@example.com').uris[0]!.address).toBe('d@x@example.com');
    expect(rua('mailto:%E2%82%AC@example.com').uris[0]!.address).toBe('\u20AC@example.com');
    expect(rua('mailto:%FF@example.com').uris).toEqual([]);
  });

  it('keeps non-mailto schemes and flags them', () => {
    const { uris, result } = rua('https://dmarc.example.com/report');
    expect(uris).toEqual([{ uri: 'https://dmarc.example.com/report' }]);
    expect(codes(result)).toEqual(['unsupported-uri-scheme']);
  });

  it('drops entries that are not URIs or not mailboxes', () => {
    for (const bad of [
      'postmaster@example.com',
      'mailto:',
      'mailto:postmaster',
      'mailto:@example.com',
      'mailto:a@',
      'mailto:a@example',
      'mailto:a@.example.com',
      'mailto:a@exa_mple.com',
      'mailto:a b@example.com',
      'mailto:a@example.com%2',
      'mailto:a@example.com%zz',
      '1http://x',
      'ht tp://x',
      'mailto:a@exämple.com',
    ]) {
      const { uris, result } = rua(bad);
      expect(uris, bad).toEqual([]);
      expect(codes(result), bad).toContain('invalid-report-uri');
    }
  });

  it('accepts an address literal', () => {
    expect(rua('mailto:a@[192.0.2.1]').uris[0]!.address).toBe('a@[192.0.2.1]');
  });

  it('keeps the valid entries around an invalid one, and points at the invalid one', () => {
    const text = 'v=DMARC1; p=reject; rua=mailto:a@example.com,postmaster,mailto:b@example.com';
    const result = parseRecord(text);
    expect(result.ok && result.record.rua.map((u) => u.address)).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
    const d = result.diagnostics.find((x) => x.code === 'invalid-report-uri')!;
    expect(text.slice(d.start, d.end)).toBe('postmaster');
  });
});
