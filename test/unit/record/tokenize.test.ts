import { describe, expect, it } from 'vitest';
import {
  BIT_ADKIM,
  BIT_ASPF,
  BIT_FO,
  BIT_NP,
  BIT_P,
  BIT_PCT,
  BIT_PSD,
  BIT_RF,
  BIT_RI,
  BIT_RUA,
  BIT_RUF,
  BIT_SP,
  BIT_T,
  BIT_V,
  TOKEN_EMPTY,
  TOKEN_MALFORMED,
  TOKEN_TAG,
  tagName,
  tokenize,
} from '../../../src/record/tokenize.js';

describe('tokenize (RFC 9989 §4.8 dmarc-sep, equals)', () => {
  it('splits at ";" and trims whitespace around "=" and ";", keeping spans', () => {
    const text = ' v = DMARC1 ;\tp=none ;';
    const tokens = tokenize(text);
    expect(tokens).toHaveLength(2);
    const [v, p] = tokens;
    expect(v).toMatchObject({ kind: TOKEN_TAG, bit: BIT_V, name: 'v', value: 'DMARC1' });
    expect(text.slice(v!.start, v!.end)).toBe('v = DMARC1');
    expect(text.slice(v!.start, v!.nameEnd)).toBe('v');
    expect(text.slice(v!.valueStart, v!.end)).toBe('DMARC1');
    expect(text.slice(p!.start, p!.end)).toBe('p=none');
  });

  it('reports no element for a trailing ";" but an empty one between two ";"', () => {
    expect(tokenize('v=DMARC1;').map((t) => t.kind)).toEqual([TOKEN_TAG]);
    expect(tokenize('v=DMARC1; ;p=none').map((t) => t.kind)).toEqual([
      TOKEN_TAG,
      TOKEN_EMPTY,
      TOKEN_TAG,
    ]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \t\r\n')).toEqual([]);
  });

  it('marks elements without "=" or without a name as malformed', () => {
    expect(tokenize('v=DMARC1; reject; =x').map((t) => t.kind)).toEqual([
      TOKEN_TAG,
      TOKEN_MALFORMED,
      TOKEN_MALFORMED,
    ]);
  });

  it('splits at the first "=" only: the value keeps later ones', () => {
    expect(tokenize('rua=mailto:a@example.com?subject=x')[0]!.value).toBe(
      'mailto:a@example.com?subject=x',
    );
  });

  it('gives an empty value for "p=" and "p = "', () => {
    expect(tokenize('p=')[0]).toMatchObject({ name: 'p', value: '' });
    expect(tokenize('p = ;')[0]).toMatchObject({ name: 'p', value: '' });
  });

  it('knows every DMARC tag name, in any ASCII case', () => {
    const bits: [string, number][] = [
      ['v', BIT_V],
      ['p', BIT_P],
      ['sp', BIT_SP],
      ['np', BIT_NP],
      ['adkim', BIT_ADKIM],
      ['aspf', BIT_ASPF],
      ['t', BIT_T],
      ['psd', BIT_PSD],
      ['fo', BIT_FO],
      ['rua', BIT_RUA],
      ['ruf', BIT_RUF],
      ['pct', BIT_PCT],
      ['rf', BIT_RF],
      ['ri', BIT_RI],
    ];
    for (const [name, bit] of bits) {
      expect(tokenize(`${name}=1`)[0]).toMatchObject({ bit, name });
      expect(tokenize(`${name.toUpperCase()}=1`)[0]).toMatchObject({ bit, name });
      expect(tagName(bit)).toBe(name);
    }
  });

  it('does not take look-alikes or near misses for tag names', () => {
    for (const name of ['\u017Fp', 'a\u017Fpf', 'ad\u212Aim', 'rux', 'ps', 'adkimm', 'pc', 'x']) {
      const token = tokenize(`${name}=1`)[0]!;
      expect(token.bit).toBe(0);
      expect(token.name).toBe(name.replace(/[A-Z]/g, (c) => c.toLowerCase()));
    }
  });
});
