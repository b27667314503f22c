import { describe, expect, it } from 'vitest';
import { checkNoMail, isDenyAllSpf } from '../../../src/check/no-mail.js';

describe('isDenyAllSpf', () => {
  it('only v=spf1 -all (modifiers aside) authorizes nobody', () => {
    expect(isDenyAllSpf('v=spf1 -all')).toBe(true);
    expect(isDenyAllSpf('V=SPF1   -ALL ')).toBe(true);
    expect(isDenyAllSpf('v=spf1 exp=explain.example.com -all')).toBe(true);
    expect(isDenyAllSpf('v=spf1 ~all')).toBe(false);
    expect(isDenyAllSpf('v=spf1 mx -all')).toBe(false);
    expect(isDenyAllSpf('v=spf1')).toBe(false);
  });
});

describe('checkNoMail', () => {
  it('declared when all three are present', () => {
    const r = checkNoMail({
      domain: 'parked.example',
      nullMx: true,
      spfText: 'v=spf1 -all',
      rejectEnforced: true,
    });
    expect(r.noMail).toEqual({ declared: true, missing: [] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['no-mail-declared']);
  });
  it('lists the missing zone-file lines and warns when one signal is given', () => {
    const r = checkNoMail({ domain: 'parked.example', nullMx: true, rejectEnforced: false });
    expect(r.noMail).toEqual({
      declared: false,
      missing: [
        'parked.example. IN TXT "v=spf1 -all"',
        '_dmarc.parked.example. IN TXT "v=DMARC1; p=reject"',
      ],
    });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['no-mail-incomplete', 'warning'],
    ]);
    const spfOnly = checkNoMail({
      domain: 'p.example',
      nullMx: false,
      spfText: 'v=spf1 -all',
      rejectEnforced: true,
    });
    expect(spfOnly.noMail.missing).toEqual(['p.example. IN MX 0 .']);
    expect(spfOnly.diagnostics[0]?.message).toContain('sends no mail');
  });
  it('says nothing for a domain that gives no no-mail signal, but still lists the lines', () => {
    const r = checkNoMail({
      domain: 'example.com',
      nullMx: false,
      spfText: 'v=spf1 mx -all',
      rejectEnforced: true,
    });
    expect(r.noMail.missing).toHaveLength(2);
    expect(r.diagnostics).toEqual([]);
  });
});
