import { describe, expect, it } from 'vitest';
import {
  authorizationRecordName,
  isAuthorizationRecord,
  reportDestinations,
  reportUriHost,
} from '../../../src/check/report-authorization.js';
import type { DnsOutcome } from '../../../src/dns/outcome.js';
import type { DmarcRecord } from '../../../src/record/types.js';

// A two-label organizational domain is enough for these names.
const org = (d: string) => d.split('.').slice(-2).join('.');

function rec(rua: string[], ruf: string[] = []): DmarcRecord {
  const uri = (u: string) =>
    u.startsWith('mailto:') ? { uri: u, address: u.slice(7) } : { uri: u };
  return {
    v: 'DMARC1',
    p: 'none',
    adkim: 'r',
    aspf: 'r',
    fo: ['0'],
    rua: rua.map(uri),
    ruf: ruf.map(uri),
    tags: [],
  };
}

function lookup(zone: Record<string, DnsOutcome<string[][]>>) {
  const asked: string[] = [];
  return {
    asked,
    lookupTxt: async (name: string): Promise<DnsOutcome<string[][]>> => {
      asked.push(name);
      return zone[name] ?? { kind: 'nxdomain' };
    },
  };
}

describe('reportUriHost (RFC 9990 §4 step 1)', () => {
  it('takes the mailbox domain or the authority host', () => {
    expect(
      reportUriHost({ uri: 'mailto:d@Reports.Example.NET.', address: 'd@Reports.Example.NET.' }),
    ).toBe('reports.example.net');
    expect(reportUriHost({ uri: 'mailto:d@example.net?subject=x' })).toBe('example.net');
    expect(reportUriHost({ uri: 'https://user@collector.example.org:8443/dmarc?x=1' })).toBe(
      'collector.example.org',
    );
    expect(reportUriHost({ uri: 'mailto:nobody' })).toBe('');
    expect(reportUriHost({ uri: 'urn:x' })).toBe('');
  });
});

describe('authorizationRecordName', () => {
  it('builds the RFC 9990 example name', () => {
    expect(authorizationRecordName('blue.example.com', 'red.example.net')).toBe(
      'blue.example.com._report._dmarc.red.example.net',
    );
  });
  it('refuses names over DNS limits (step 4)', () => {
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(30)}.example`;
    expect(authorizationRecordName(long, 'red.example.net')).toBeUndefined();
    expect(authorizationRecordName('x.example', `${'a'.repeat(64)}.example`)).toBeUndefined();
  });
});

describe('isAuthorizationRecord (step 6)', () => {
  it('requires v=DMARC1 first', () => {
    expect(isAuthorizationRecord('v=DMARC1')).toBe(true);
    expect(isAuthorizationRecord(' v = DMARC1 ;')).toBe(true);
    expect(isAuthorizationRecord('v=DMARC1; rua=mailto:x@red.example.net')).toBe(true);
    expect(isAuthorizationRecord('v=dmarc1')).toBe(false);
    expect(isAuthorizationRecord('p=none; v=DMARC1')).toBe(false);
    expect(isAuthorizationRecord('')).toBe(false);
  });
});

describe('reportDestinations', () => {
  it('does not look up destinations inside the organizational domain', async () => {
    const l = lookup({});
    const r = await reportDestinations(rec(['mailto:d@reports.example.com']), 'mail.example.com', {
      organizationalDomain: org,
      lookupTxt: l.lookupTxt,
    });
    expect(r.destinations).toEqual([
      {
        tag: 'rua',
        uri: 'mailto:d@reports.example.com',
        domain: 'reports.example.com',
        external: false,
      },
    ]);
    expect(l.asked).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });
  it('authorized, unauthorized and temperror, one lookup per host', async () => {
    const l = lookup({
      'example.com._report._dmarc.ok.example.net': { kind: 'answer', value: [['v=DMARC1;']] },
      'example.com._report._dmarc.bad.example.org': { kind: 'answer', value: [['v=spf1 -all']] },
      'example.com._report._dmarc.slow.example.info': {
        kind: 'temperror',
        code: 'ETIMEOUT',
        error: null,
      },
    });
    const r = await reportDestinations(
      rec(
        ['mailto:a@ok.example.net', 'mailto:b@bad.example.org', 'mailto:c@slow.example.info'],
        ['mailto:f@ok.example.net', 'mailto:g@nowhere.example.biz'],
      ),
      'example.com',
      { organizationalDomain: org, lookupTxt: l.lookupTxt },
    );
    expect(r.destinations.map((d) => [d.tag, d.domain, d.external, d.authorized])).toEqual([
      ['rua', 'ok.example.net', true, true],
      ['rua', 'bad.example.org', true, false],
      ['rua', 'slow.example.info', true, undefined],
      ['ruf', 'ok.example.net', true, true],
      ['ruf', 'nowhere.example.biz', true, false],
    ]);
    expect(l.asked).toEqual([
      'example.com._report._dmarc.ok.example.net',
      'example.com._report._dmarc.bad.example.org',
      'example.com._report._dmarc.slow.example.info',
      'example.com._report._dmarc.nowhere.example.biz',
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual([
      'report-destination-authorized',
      'report-destination-unauthorized',
      'report-destination-temperror',
      'report-destination-unauthorized',
    ]);
  });
  it('reports URIs without a host', async () => {
    const l = lookup({});
    const r = await reportDestinations(rec(['mailto:nobody']), 'example.com', {
      organizationalDomain: org,
      lookupTxt: l.lookupTxt,
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['report-destination-no-host']);
  });
});
