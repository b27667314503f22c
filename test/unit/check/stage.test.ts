import { describe, expect, it } from 'vitest';
import { rolloutStage } from '../../../src/check/stage.js';
import type { DmarcRecord } from '../../../src/record/types.js';

function rec(fields: Partial<DmarcRecord>): DmarcRecord {
  return { v: 'DMARC1', adkim: 'r', aspf: 'r', fo: ['0'], rua: [], ruf: [], tags: [], ...fields };
}
const rua = [{ uri: 'mailto:d@example.com', address: 'd@example.com' }];
const at = (record: DmarcRecord, domain = 'example.com', policyDomain = 'example.com') =>
  rolloutStage({ domain, status: 'found', policyDomain, record });

describe('rolloutStage', () => {
  it('no record: publish p=none with rua', () => {
    const r = rolloutStage({ domain: 'example.com', status: 'none' });
    expect(r.stage).toBe('none');
    expect(r.nextStep).toContain('p=none; rua=mailto:');
    expect(r.nextStep).toContain('_dmarc.example.com');
  });
  it('temperror: try again', () => {
    const r = rolloutStage({ domain: 'example.com', status: 'temperror' });
    expect(r.stage).toBe('none');
    expect(r.nextStep).toMatch(/again/);
  });
  it('p=none is monitoring; without rua the next step is to add one', () => {
    expect(at(rec({ p: 'none', rua }))).toMatchObject({
      stage: 'monitoring',
      appliedPolicy: 'none',
      policyTag: 'p',
    });
    expect(at(rec({ p: 'none', rua })).nextStep).toMatch(/p=quarantine/);
    expect(at(rec({ p: 'none' })).nextStep).toMatch(/^Add rua=/);
    expect(at(rec({ rua })).stage).toBe('monitoring'); // p absent acts as none
  });
  it('quarantine -> reject; pct < 100 first raises pct; t=y softens quarantine to monitoring', () => {
    expect(at(rec({ p: 'quarantine', rua }))).toMatchObject({ stage: 'quarantine' });
    expect(at(rec({ p: 'quarantine', rua })).nextStep).toMatch(/p=reject/);
    expect(at(rec({ p: 'quarantine', pct: 50, rua })).nextStep).toMatch(/pct=50/);
    expect(at(rec({ p: 'quarantine', t: 'y', rua })).stage).toBe('monitoring');
  });
  it('reject softened by t=y or pct is quarantine; plain reject is done', () => {
    expect(at(rec({ p: 'reject', t: 'y', rua })).stage).toBe('quarantine');
    expect(at(rec({ p: 'reject', pct: 20, rua })).stage).toBe('quarantine');
    const both = at(rec({ p: 'reject', pct: 20, t: 'y', rua }));
    expect(both.nextStep).toContain('t=y and pct=20');
    expect(at(rec({ p: 'reject', pct: 100, rua })).stage).toBe('reject');
    expect(at(rec({ p: 'reject', t: 'n', rua })).nextStep).toMatch(/^Done/);
  });
  it('a subdomain under a parent record gets sp when present, else p', () => {
    const r = at(rec({ p: 'reject', sp: 'none', rua }), 'mail.example.com');
    expect(r).toMatchObject({ stage: 'monitoring', appliedPolicy: 'none', policyTag: 'sp' });
    expect(r.nextStep).toContain('sp=quarantine at _dmarc.example.com');
    expect(at(rec({ p: 'reject', rua }), 'mail.example.com')).toMatchObject({
      stage: 'reject',
      policyTag: 'p',
    });
    // The domain's own record: sp does not apply to it.
    expect(at(rec({ p: 'reject', sp: 'none', rua }))).toMatchObject({
      stage: 'reject',
      policyTag: 'p',
    });
  });
});
