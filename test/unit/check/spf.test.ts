import { describe, expect, it } from 'vitest';
import {
  isSpfRecord,
  lintSpfRecord,
  selectSpfRecord,
  splitSpfTerms,
} from '../../../src/check/spf.js';

const codes = (d: { code: string }[]) => d.map((x) => x.code);

describe('isSpfRecord (RFC 7208 §4.5)', () => {
  it('accepts the exact version section, ended by a space or the end', () => {
    expect(isSpfRecord('v=spf1')).toBe(true);
    expect(isSpfRecord('v=spf1 -all')).toBe(true);
    expect(isSpfRecord('V=SPF1 -all')).toBe(true);
  });
  it('rejects look-alikes', () => {
    expect(isSpfRecord('v=spf10')).toBe(false);
    expect(isSpfRecord('v=spf1-all')).toBe(false);
    expect(isSpfRecord(' v=spf1 -all')).toBe(false);
    expect(isSpfRecord('v=DMARC1; p=none')).toBe(false);
    expect(isSpfRecord('')).toBe(false);
  });
});

describe('splitSpfTerms', () => {
  it('classifies mechanisms, modifiers and invalid terms with positions', () => {
    const text = 'v=spf1  ip4:192.0.2.0/24 ~include:_spf.example.net redirect=example.net foo:bar';
    const terms = splitSpfTerms(text);
    expect(terms.map((t) => [t.kind, t.name, t.qualifier])).toEqual([
      ['mechanism', 'ip4', '+'],
      ['mechanism', 'include', '~'],
      ['modifier', 'redirect', undefined],
      ['invalid', 'foo', undefined],
    ]);
    for (const t of terms) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
  it('checks mechanism arguments', () => {
    const kinds = (s: string) => splitSpfTerms(`v=spf1 ${s}`).map((t) => t.kind);
    expect(kinds('a a/24 a:example.com/24//64 mx:example.com ptr ptr:example.com')).toEqual(
      Array(6).fill('mechanism'),
    );
    expect(kinds('ip6:2001:db8::/32 ip4:10.0.0.1 exists:%{i}.example.com')).toEqual(
      Array(3).fill('mechanism'),
    );
    expect(
      kinds('all:x include ip4:256.1.1.1 ip4:10.0.0.1/33 ip4:01.2.3.4 ip6:zz:: exists'),
    ).toEqual(Array(7).fill('invalid'));
  });
});

describe('lintSpfRecord', () => {
  it('reports the all qualifier, + when none is written', () => {
    expect(lintSpfRecord('v=spf1 mx -all')).toEqual({ all: '-', diagnostics: [] });
    expect(lintSpfRecord('v=spf1 mx ~all')).toEqual({ all: '~', diagnostics: [] });
    expect(lintSpfRecord('v=spf1 all').all).toBe('+');
    expect(codes(lintSpfRecord('v=spf1 all').diagnostics)).toEqual(['spf-pass-all']);
    expect(codes(lintSpfRecord('v=spf1 +all').diagnostics)).toEqual(['spf-pass-all']);
    expect(codes(lintSpfRecord('v=spf1 ?all').diagnostics)).toEqual(['spf-neutral-all']);
  });
  it('warns when there is no all and no redirect', () => {
    const r = lintSpfRecord('v=spf1 mx');
    expect(r.all).toBeUndefined();
    expect(codes(r.diagnostics)).toEqual(['spf-no-all']);
    expect(lintSpfRecord('v=spf1 redirect=_spf.example.net').diagnostics).toEqual([]);
  });
  it('flags terms after all, and a redirect beside all', () => {
    expect(codes(lintSpfRecord('v=spf1 -all mx a').diagnostics)).toEqual(['spf-terms-after-all']);
    expect(codes(lintSpfRecord('v=spf1 redirect=x.example -all').diagnostics)).toEqual([
      'spf-redirect-ignored',
    ]);
  });
  it('flags syntax errors, duplicate modifiers, ptr and too many lookups', () => {
    const bad = lintSpfRecord('v=spf1 ip4:999.1.1.1 -all');
    expect(codes(bad.diagnostics)).toEqual(['spf-syntax']);
    expect(bad.diagnostics[0]).toMatchObject({ start: 7, end: 20 });
    expect(codes(lintSpfRecord('v=spf1 exp=a.example exp=b.example -all').diagnostics)).toEqual([
      'spf-duplicate-modifier',
    ]);
    expect(codes(lintSpfRecord('v=spf1 ptr -all').diagnostics)).toEqual(['spf-ptr']);
    const many = `v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:s${i}.example.net`).join(' ')} -all`;
    expect(codes(lintSpfRecord(many).diagnostics)).toEqual(['spf-too-many-lookups']);
    const ten = `v=spf1 ${Array.from({ length: 10 }, (_, i) => `a:s${i}.example.net`).join(' ')} -all`;
    expect(lintSpfRecord(ten).diagnostics).toEqual([]);
  });
});

describe('selectSpfRecord', () => {
  it('joins chunks and ignores non-SPF TXT records', () => {
    const r = selectSpfRecord(
      {
        kind: 'answer',
        value: [['google-site-verification=x'], ['v=spf1 ip4:192.0.2.1', ' -all']],
      },
      'example.com',
    );
    expect(r).toEqual({
      status: 'found',
      text: 'v=spf1 ip4:192.0.2.1 -all',
      all: '-',
      diagnostics: [],
    });
  });
  it('none for no record, NODATA or NXDOMAIN', () => {
    for (const txt of [
      { kind: 'answer' as const, value: [['hello']] },
      { kind: 'nodata' as const },
      { kind: 'nxdomain' as const },
    ]) {
      const r = selectSpfRecord(txt, 'example.com');
      expect(r.status).toBe('none');
      expect(codes(r.diagnostics)).toEqual(['spf-none']);
    }
  });
  it('multiple records are a permerror', () => {
    const r = selectSpfRecord(
      { kind: 'answer', value: [['v=spf1 -all'], ['v=spf1 mx ~all']] },
      'example.com',
    );
    expect(r.status).toBe('multiple');
    expect(r.all).toBeUndefined();
    expect(codes(r.diagnostics)).toEqual(['spf-multiple']);
  });
  it('temperror', () => {
    const r = selectSpfRecord({ kind: 'temperror', code: 'ETIMEOUT' }, 'example.com');
    expect(r.status).toBe('temperror');
    expect(r.diagnostics[0]?.message).toContain('ETIMEOUT');
  });
  it('reports ten invalid terms one by one, then counts the rest', () => {
    const r = lintSpfRecord(`v=spf1 ${'bad '.repeat(25)}-all`);
    expect(r.diagnostics).toHaveLength(11);
    expect(r.diagnostics[10]?.message).toBe('15 more terms are not valid SPF either.');
  });
  it('never throws on hostile text', () => {
    for (const text of [
      `v=spf1 ${'='.repeat(10000)}`,
      `v=spf1 ${' '.repeat(100000)}`,
      'v=spf1 -\u0000all',
      'v=spf1 ::::',
    ]) {
      expect(() => lintSpfRecord(text)).not.toThrow();
    }
  });
});
