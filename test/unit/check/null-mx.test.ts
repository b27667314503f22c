import { describe, expect, it } from 'vitest';
import { checkNullMx } from '../../../src/check/null-mx.js';

describe('checkNullMx (RFC 7505 §3)', () => {
  it('accepts exactly one MX 0 ., with the exchange as "" or "."', () => {
    expect(checkNullMx([{ priority: 0, exchange: '' }], 'example.com')).toEqual({
      nullMx: true,
      diagnostics: [],
    });
    expect(checkNullMx([{ priority: 0, exchange: '.' }], 'example.com').nullMx).toBe(true);
  });
  it('is false for ordinary MX sets and no MX', () => {
    expect(checkNullMx([], 'example.com')).toEqual({ nullMx: false, diagnostics: [] });
    expect(checkNullMx([{ priority: 10, exchange: 'mx.example.com' }], 'example.com')).toEqual({
      nullMx: false,
      diagnostics: [],
    });
  });
  it('flags a null MX mixed with others, or with another preference', () => {
    const mixed = checkNullMx(
      [
        { priority: 0, exchange: '' },
        { priority: 10, exchange: 'mx.example.com' },
      ],
      'example.com',
    );
    expect(mixed.nullMx).toBe(false);
    expect(mixed.diagnostics.map((d) => d.code)).toEqual(['null-mx-mixed']);
    const pref = checkNullMx([{ priority: 10, exchange: '' }], 'example.com');
    expect(pref.nullMx).toBe(false);
    expect(pref.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['null-mx-preference', 'error'],
    ]);
  });
});
