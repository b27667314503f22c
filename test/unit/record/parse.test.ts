import { describe, expect, it } from 'vitest';
import type { DmarcRecord, RecordParseResult } from '../../../src/record/index.js';
import { parseRecord, RECORD_DIAGNOSTICS } from '../../../src/record/index.js';
import { RECORD_CASES } from './cases.js';

function record(text: string): DmarcRecord {
  const result = parseRecord(text);
  if (!result.ok) throw new Error(`expected a usable record: ${JSON.stringify(result)}`);
  return result.record;
}

function withoutTagsList(r: DmarcRecord): Omit<DmarcRecord, 'tags'> {
  const { tags: _tags, ...rest } = r;
  return rest;
}

function codes(result: RecordParseResult): string[] {
  return result.diagnostics.map((d) => d.code).sort();
}

function find(result: RecordParseResult, code: string) {
  const d = result.diagnostics.find((x) => x.code === code);
  if (d === undefined) throw new Error(`no ${code} in ${JSON.stringify(result.diagnostics)}`);
  return d;
}

describe('parseRecord: hand-labelled cases (fixtures/records/cases.json)', () => {
  for (const c of RECORD_CASES) {
    it(`${c.name}: ${JSON.stringify(c.text)}`, () => {
      const result = parseRecord(c.text);
      expect(result.ok).toBe(c.ok);
      expect(codes(result)).toEqual([...c.codes].sort());
      if (c.record !== undefined) {
        expect(result.ok && result.record).toMatchObject(c.record);
      }
    });
  }
});

describe('parseRecord: the record a receiver reads (RFC 9989 §4.7)', () => {
  it('reads every tag, with defaults for the ones not given', () => {
    expect(
      record(
        'v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=s; t=n; psd=y; fo=1:d; rua=mailto:a@example.com; ruf=mailto:f@example.com!1k',
      ),
    ).toStrictEqual({
      v: 'DMARC1',
      p: 'reject',
      sp: 'quarantine',
      np: 'reject',
      adkim: 's',
      aspf: 's',
      t: 'n',
      psd: 'y',
      fo: ['1', 'd'],
      rua: [{ uri: 'mailto:a@example.com', address: 'a@example.com' }],
      ruf: [{ uri: 'mailto:f@example.com', address: 'f@example.com', maxBytes: 1024 }],
      tags: [
        { name: 'v', value: 'DMARC1' },
        { name: 'p', value: 'reject' },
        { name: 'sp', value: 'quarantine' },
        { name: 'np', value: 'reject' },
        { name: 'adkim', value: 's' },
        { name: 'aspf', value: 's' },
        { name: 't', value: 'n' },
        { name: 'psd', value: 'y' },
        { name: 'fo', value: '1:d' },
        { name: 'rua', value: 'mailto:a@example.com' },
        { name: 'ruf', value: 'mailto:f@example.com!1k' },
      ],
    });
  });

  it('applies the defaults: adkim=r, aspf=r, fo=0, no report URIs, p absent', () => {
    expect(record('v=DMARC1')).toStrictEqual({
      v: 'DMARC1',
      adkim: 'r',
      aspf: 'r',
      fo: ['0'],
      rua: [],
      ruf: [],
      tags: [{ name: 'v', value: 'DMARC1' }],
    });
  });

  it('reads the historic tags of RFC 7489 (pct, rf, ri)', () => {
    const r = record('v=DMARC1; p=none; pct=050; rf=AFRF; ri=86400; rua=mailto:a@example.com');
    expect(r.pct).toBe(50);
    expect(r.rf).toEqual(['afrf']);
    expect(r.ri).toBe(86400);
  });

  it('rejects an ri that does not fit in 32 bits', () => {
    const result = parseRecord('v=DMARC1; p=none; ri=4294967296; rua=mailto:a@example.com');
    expect(result.ok && result.record.ri).toBe(undefined);
    expect(codes(result)).toContain('invalid-tag-value');
    expect(record('v=DMARC1; p=none; ri=4294967295; rua=mailto:a@example.com').ri).toBe(4294967295);
  });

  it('keeps every tag as written in order, names lower-cased, unknown and duplicate ones too', () => {
    expect(
      record('v=DMARC1; P=Reject; X-Y=1; Foo = Bar ; p=none; RUA=mailto:a@example.com').tags,
    ).toEqual([
      { name: 'v', value: 'DMARC1' },
      { name: 'p', value: 'Reject' },
      { name: 'x-y', value: '1' },
      { name: 'foo', value: 'Bar' },
      { name: 'p', value: 'none' },
      { name: 'rua', value: 'mailto:a@example.com' },
    ]);
  });

  it('folds case in ASCII only: upper-case literals are read, Unicode look-alikes are not', () => {
    expect(record('v=DMARC1; p=QuArAnTiNe; adkim=S; t=Y; psd=N').p).toBe('quarantine');
    expect(record('v=DMARC1; p=none; adkim=S').adkim).toBe('s');
    // U+212A KELVIN SIGN lower-cases to "k" with Unicode mapping; a receiver must not read it.
    expect(parseRecord('v=DMARC1; p=\u212Aeep').ok).toBe(false);
    // U+0131 dotless i upper-cases to "I"; U+017F long s upper-cases to "S".
    expect(parseRecord('v=DMARC1; p=quarant\u0131ne').ok).toBe(false);
    expect(record('v=DMARC1; p=none; rua=mailto:a@example.com; \u017Fp=reject').sp).toBe(undefined);
    expect(record('v=DMARC1; p=none; rua=mailto:a@example.com; adkim=\u017F').adkim).toBe('r');
  });

  it('is case-sensitive for DMARC1 only', () => {
    expect(parseRecord('V=DMARC1; p=none').ok).toBe(true);
    expect(parseRecord('v=Dmarc1; p=none').ok).toBe(false);
    expect(find(parseRecord('v=dmarc1'), 'invalid-version').message).toMatch(/exactly DMARC1/);
  });

  it('does not take other whitespace than SP, HTAB, CR and LF as separators', () => {
    expect(parseRecord('v=DMARC1\u00A0; p=none').ok).toBe(false);
    expect(parseRecord('v=DMARC1\r\n;\tp=none').ok).toBe(true);
  });

  it('discards a duplicated tag in favour of its default (RFC 9989 §4.8)', () => {
    const r = record(
      'v=DMARC1; p=reject; adkim=s; aspf=s; t=y; psd=y; fo=1; pct=50; rf=afrf; ri=60; ruf=mailto:f@example.com; rua=mailto:a@example.com; ' +
        'adkim=s; aspf=s; t=y; psd=y; fo=1; pct=50; rf=afrf; ri=60; ruf=mailto:f@example.com',
    );
    expect(withoutTagsList(r)).toStrictEqual({
      v: 'DMARC1',
      p: 'reject',
      adkim: 'r',
      aspf: 'r',
      fo: ['0'],
      rua: [{ uri: 'mailto:a@example.com', address: 'a@example.com' }],
      ruf: [],
    });
  });

  it('treats a duplicated policy as an invalid one, whatever its values', () => {
    const rescued = parseRecord('v=DMARC1; p=none; sp=reject; sp=reject; rua=mailto:a@example.com');
    expect(rescued.ok && rescued.record.p).toBe('none');
    expect(rescued.ok && rescued.record.sp).toBe(undefined);
    expect(codes(rescued)).toEqual(['duplicate-tag', 'invalid-policy', 'policy-rescued']);
    expect(find(rescued, 'invalid-policy').message).toMatch(/sp is given more than once/);
    const unusable = parseRecord('v=DMARC1; p=reject; p=bogus');
    expect(unusable.ok).toBe(false);
    expect(codes(unusable)).toEqual(['duplicate-tag', 'invalid-policy', 'policy-unusable']);
  });

  it('ignores a repeated v tag', () => {
    const result = parseRecord('v=DMARC1; p=reject; v=DMARC1; rua=mailto:a@example.com');
    expect(result.ok && result.record.p).toBe('reject');
    expect(codes(result)).toEqual(['duplicate-tag']);
  });
});

describe('parseRecord: invalid p, sp, np (RFC 9989 §4.10.1)', () => {
  it('acts as p=none for the whole record when rua holds a valid URI', () => {
    const r = record('v=DMARC1; p=reject; sp=bogus; np=reject; rua=mailto:a@example.com');
    expect(r.p).toBe('none');
    expect(r.sp).toBe(undefined);
    expect(r.np).toBe(undefined);
  });

  it('counts a non-mailto URI as a valid rua for the rescue', () => {
    expect(parseRecord('v=DMARC1; p=bogus; rua=https://example.com/r').ok).toBe(true);
  });

  it('does not count an invalid URI', () => {
    expect(parseRecord('v=DMARC1; p=bogus; rua=mailto:').ok).toBe(false);
    expect(parseRecord('v=DMARC1; p=bogus; ruf=mailto:a@example.com').ok).toBe(false);
  });

  it('says what an RFC 7489 receiver does with an invalid np', () => {
    const rescued = parseRecord('v=DMARC1; p=reject; np=drop; rua=mailto:a@example.com');
    expect(find(rescued, 'policy-rescued').message).toMatch(
      /RFC 7489 receivers do not know np and would apply p=reject/,
    );
    const unusable = parseRecord('v=DMARC1; p=quarantine; sp=reject; np=drop');
    expect(find(unusable, 'policy-unusable').message).toMatch(/sp=reject and p=quarantine/);
  });

  it('points at the invalid value', () => {
    const text = 'v=DMARC1; p=rejectt; rua=mailto:a@example.com';
    const d = find(parseRecord(text), 'invalid-policy');
    expect(text.slice(d.start, d.end)).toBe('rejectt');
    expect(d.tag).toBe('p');
  });

  it('names the non-ASCII look-alike in the message', () => {
    const d = find(parseRecord('v=DMARC1; p=quarant\u0131ne'), 'invalid-policy');
    expect(d.message).toContain('U+0131');
  });
});

describe('parseRecord: where RFC 9989 and RFC 7489 differ, the diagnostic says so', () => {
  it('missing p: p=none under RFC 9989, ignored by RFC 7489 without a valid rua', () => {
    expect(find(parseRecord('v=DMARC1'), 'missing-policy').message).toMatch(
      /RFC 7489 receivers require p and ignore this record/,
    );
    expect(
      find(parseRecord('v=DMARC1; rua=mailto:a@example.com'), 'missing-policy').message,
    ).toMatch(/RFC 7489 .*p=none when rua is valid/);
  });

  it('fo: RFC 9989 refuses 0 with 1 and repeats, RFC 7489 accepts them', () => {
    for (const fo of ['0:1', 'd:d', '1 : d']) {
      const result = parseRecord(`v=DMARC1; p=none; fo=${fo}; ruf=mailto:f@example.com`);
      expect(result.ok && result.record.fo).toEqual(['0']);
      expect(find(result, 'invalid-tag-value').message).toMatch(/RFC 7489 receivers accept it/);
    }
  });

  it('pct: applied by RFC 7489 receivers, ignored by RFC 9989 receivers', () => {
    const result = parseRecord('v=DMARC1; p=reject; pct=0; rua=mailto:a@example.com');
    expect(find(result, 'historic-tag').message).toMatch(/RFC 9989 receivers ignore it/);
    expect(find(result, 'pct-below-100').message).toMatch(/use t=y/);
  });

  it('p not right after v: allowed by RFC 9989, required by RFC 7489', () => {
    expect(
      find(parseRecord('v=DMARC1; rua=mailto:a@example.com; p=none'), 'policy-not-second').message,
    ).toMatch(/RFC 7489 required p second/);
  });

  it('rf with another format than afrf: RFC 7489 receivers may drop the record', () => {
    expect(
      find(parseRecord('v=DMARC1; p=none; rf=iodef; rua=mailto:a@example.com'), 'invalid-tag-value')
        .message,
    ).toMatch(/RFC 7489 receivers may ignore the whole record/);
  });
});

describe('parseRecord: diagnostics', () => {
  it('give the catalogue severity and a span inside the input', () => {
    for (const c of RECORD_CASES) {
      for (const d of parseRecord(c.text).diagnostics) {
        expect(d.severity).toBe(
          RECORD_DIAGNOSTICS[d.code as keyof typeof RECORD_DIAGNOSTICS].severity,
        );
        if (d.start !== undefined) {
          expect(d.end).toBeGreaterThanOrEqual(d.start);
          expect(d.end).toBeLessThanOrEqual(c.text.length);
        }
        expect(d.message.length).toBeGreaterThan(10);
      }
    }
  });

  it('span the offending tag', () => {
    const text = 'v=DMARC1; p=reject; adkim=x; rua=mailto:a@example.com';
    const d = find(parseRecord(text), 'invalid-tag-value');
    expect(text.slice(d.start, d.end)).toBe('x');
    const unknown = find(
      parseRecord('v=DMARC1; p=none; zz=1; rua=mailto:a@example.com'),
      'unknown-tag',
    );
    expect(unknown.tag).toBe('zz');
  });

  it('cap per-element findings and say how many were left out', () => {
    const result = parseRecord(`v=DMARC1; p=none; rua=mailto:a@example.com${'; x=1'.repeat(500)}`);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.length).toBeLessThanOrEqual(102);
    const last = result.diagnostics[result.diagnostics.length - 1]!;
    expect(last.code).toBe('too-many-diagnostics');
    expect(last.message).toMatch(/^400 more findings/);
  });

  it('keep messages short whatever the size of the offending text', () => {
    const result = parseRecord(`v=DMARC1; p=${'x'.repeat(100_000)}`);
    for (const d of result.diagnostics) expect(d.message.length).toBeLessThan(400);
  });

  it('return a result, not an exception, for input that is not a string', () => {
    const result = parseRecord(undefined as unknown as string);
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['empty-record']);
  });
});
