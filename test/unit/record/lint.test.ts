import { describe, expect, it } from 'vitest';
import type { DmarcRecord } from '../../../src/record/index.js';
import { lintPolicyPlacement, lintRecord, parseRecord } from '../../../src/record/index.js';

function built(parts: Partial<DmarcRecord>): DmarcRecord {
  return { v: 'DMARC1', adkim: 'r', aspf: 'r', fo: ['0'], rua: [], ruf: [], tags: [], ...parts };
}

function parsed(text: string): DmarcRecord {
  const result = parseRecord(text);
  if (!result.ok) throw new Error(`expected ok: ${text}`);
  return result.record;
}

const RUA = [{ uri: 'mailto:d@example.com', address: 'd@example.com' }];

describe('lintRecord (RFC 9989 §4.7, §A.6; RFC 7489 §6.2)', () => {
  const cases: [string, Partial<DmarcRecord>, string[]][] = [
    ['clean', { p: 'reject', rua: RUA }, []],
    ['no rua at p=none', { p: 'none' }, ['no-rua-while-monitoring']],
    ['no rua and no p', {}, ['no-rua-while-monitoring']],
    ['no rua at p=reject is not a monitoring problem', { p: 'reject' }, []],
    ['pct below 100', { p: 'reject', rua: RUA, pct: 99 }, ['pct-below-100']],
    ['pct 100', { p: 'reject', rua: RUA, pct: 100 }, []],
    ['sp weaker than p', { p: 'quarantine', sp: 'none', rua: RUA }, ['sp-weaker-than-p']],
    ['sp stronger than p', { p: 'none', sp: 'reject', rua: RUA }, []],
    ['np weaker than p', { p: 'reject', np: 'none', rua: RUA }, ['np-weaker-than-sp']],
    [
      'np weaker than sp',
      { p: 'none', sp: 'reject', np: 'quarantine', rua: RUA },
      ['np-weaker-than-sp'],
    ],
    ['ruf without fo', { p: 'reject', rua: RUA, ruf: RUA }, ['ruf-without-fo']],
    ['ruf with fo', { p: 'reject', rua: RUA, ruf: RUA, fo: ['1'] }, []],
    ['fo without ruf', { p: 'reject', rua: RUA, fo: ['d'] }, ['fo-without-ruf']],
    ['t=y', { p: 'reject', rua: RUA, t: 'y' }, ['testing-mode']],
    ['t=n', { p: 'reject', rua: RUA, t: 'n' }, []],
    ['three rua', { p: 'reject', rua: [...RUA, ...RUA, ...RUA] }, ['too-many-report-uris']],
    [
      'three ruf',
      { p: 'reject', rua: RUA, fo: ['1'], ruf: [...RUA, ...RUA, ...RUA] },
      ['too-many-report-uris'],
    ],
    ['two rua', { p: 'reject', rua: [...RUA, ...RUA] }, []],
  ];
  for (const [name, parts, expected] of cases) {
    it(name, () => {
      expect(lintRecord(built(parts)).map((d) => d.code)).toEqual(expected);
    });
  }

  it('tells pct apart when every policy is none', () => {
    const [d] = lintRecord(built({ p: 'none', rua: RUA, pct: 50 }));
    expect(d).toMatchObject({ code: 'pct-below-100' });
    expect(d!.message).toMatch(/no effect/);
    const [e] = lintRecord(built({ p: 'quarantine', rua: RUA, pct: 50 }));
    expect(e!.message).toMatch(/RFC 7489 receivers apply p=quarantine to 50%/);
  });

  it('tells t=y apart when every policy is none', () => {
    const [d] = lintRecord(built({ p: 'none', rua: RUA, t: 'y' }));
    expect(d!.message).toMatch(/no effect/);
    const [e] = lintRecord(built({ p: 'reject', rua: RUA, t: 'y' }));
    expect(e!.message).toMatch(/RFC 7489 receivers ignore t/);
  });

  it('gives tags but no spans for built records, spans for parsed ones', () => {
    const [d] = lintRecord(built({ p: 'reject', rua: RUA, t: 'y' }));
    expect(d).toMatchObject({ code: 'testing-mode', tag: 't' });
    expect(d!.start).toBe(undefined);
    const text = 'v=DMARC1; p=reject; t=y; rua=mailto:d@example.com';
    const p = parseRecord(text).diagnostics.find((x) => x.code === 'testing-mode')!;
    expect(text.slice(p.start, p.end)).toBe('t=y');
  });

  it('tells fo=0 written out from fo not given when the record was parsed', () => {
    const text = 'v=DMARC1; p=reject; fo=0; rua=mailto:d@example.com; ruf=mailto:d@example.com';
    expect(parseRecord(text).diagnostics.map((d) => d.code)).toEqual([]);
  });
});

describe('lintPolicyPlacement (RFC 9989 §4.10.1)', () => {
  const org = parsed('v=DMARC1; p=reject; rua=mailto:d@example.com');

  it('finds nothing for the organizational domain itself or a domain outside it', () => {
    const r = parsed('v=DMARC1; p=none; sp=none; rua=mailto:d@example.com');
    expect(
      lintPolicyPlacement(r, { domain: 'example.com', organizationalDomain: 'example.com' }),
    ).toEqual([]);
    expect(
      lintPolicyPlacement(r, {
        domain: 'example.net',
        organizationalDomain: 'example.com',
        organizationalRecord: org,
      }),
    ).toEqual([]);
    expect(
      lintPolicyPlacement(r, {
        domain: 'notexample.com',
        organizationalDomain: 'example.com',
        organizationalRecord: org,
      }),
    ).toEqual([]);
  });

  it('flags a record that says what the organizational record already says', () => {
    const sub = parsed('v=DMARC1; p=reject; rua=mailto:d@example.com');
    expect(
      lintPolicyPlacement(sub, {
        domain: 'Mail.Example.com.',
        organizationalDomain: 'example.com',
        organizationalRecord: org,
      }).map((d) => d.code),
    ).toEqual(['redundant-subdomain-record']);
  });

  it('compares with the organizational sp, not p, for subdomains', () => {
    const orgWithSp = parsed('v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.com');
    const sub = parsed('v=DMARC1; p=quarantine; rua=mailto:d@example.com');
    expect(
      lintPolicyPlacement(sub, {
        domain: 'mail.example.com',
        organizationalDomain: 'example.com',
        organizationalRecord: orgWithSp,
      }).map((d) => d.code),
    ).toEqual(['redundant-subdomain-record']);
  });

  it('does not call a record redundant when it differs in reports or alignment', () => {
    for (const text of [
      'v=DMARC1; p=reject; rua=mailto:other@example.com',
      'v=DMARC1; p=reject; adkim=s; rua=mailto:d@example.com',
      'v=DMARC1; p=reject; t=y; rua=mailto:d@example.com',
    ]) {
      expect(
        lintPolicyPlacement(parsed(text), {
          domain: 'mail.example.com',
          organizationalDomain: 'example.com',
          organizationalRecord: org,
        }),
      ).toEqual([]);
    }
  });

  it('flags a subdomain record weaker than what the organizational domain applies', () => {
    const sub = parsed('v=DMARC1; p=none; rua=mailto:d@example.com');
    expect(
      lintPolicyPlacement(sub, {
        domain: 'mail.example.com',
        organizationalDomain: 'example.com',
        organizationalRecord: org,
      }).map((d) => d.code),
    ).toEqual(['subdomain-weaker-than-organizational']);
  });

  it('flags sp on a subdomain record unless it declares itself organizational (psd=n)', () => {
    const sub = parsed('v=DMARC1; p=reject; sp=reject; rua=mailto:x@example.com');
    expect(
      lintPolicyPlacement(sub, {
        domain: 'a.example.com',
        organizationalDomain: 'example.com',
      }).map((d) => d.code),
    ).toEqual(['sp-on-subdomain']);
    const own = parsed('v=DMARC1; p=reject; sp=reject; psd=n; rua=mailto:x@example.com');
    expect(
      lintPolicyPlacement(own, { domain: 'a.example.com', organizationalDomain: 'example.com' }),
    ).toEqual([]);
  });
});
