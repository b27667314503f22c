import { describe, expect, it } from 'vitest';
import {
  classifyRecord,
  createRecordClassifier,
  type ReportRecord,
} from '../../../src/report/index.js';

function record(over: {
  ip?: string;
  from?: string;
  dkim?: string;
  spf?: string;
  reasons?: string[];
  auth?: { dkim?: [string, string][]; spf?: [string, string][] };
}): ReportRecord {
  return {
    sourceIp: over.ip ?? '203.0.113.50',
    count: 1,
    policyEvaluated: {
      disposition: 'none',
      dkim: over.dkim ?? 'fail',
      spf: over.spf ?? 'fail',
      reasons: (over.reasons ?? []).map((type) => ({ type })),
    },
    identifiers: { headerFrom: over.from ?? 'example.com' },
    authResults: {
      dkim: (over.auth?.dkim ?? []).map(([domain, result]) => ({ domain, result })),
      spf: (over.auth?.spf ?? []).map(([domain, result]) => ({ domain, result })),
    },
    extensions: [],
  };
}

const owner = { knownSources: ['192.0.2.0/24', '2001:db8:5::/48'], knownDomains: ['sendgrid.net'] };

describe('classifyRecord', () => {
  it('spoofing: unknown source, nothing of the owner passes', () => {
    const v = classifyRecord(record({ auth: { spf: [['spammer.example', 'pass']] } }), owner);
    expect(v).toMatchObject({ category: 'spoofing', dmarc: 'fail', urgency: 4 });
    expect(v.summary).toContain('203.0.113.50');
  });

  it('forgotten sender: a listed network, or a listed provider domain passing unaligned', () => {
    expect(classifyRecord(record({ ip: '192.0.2.77' }), owner)).toMatchObject({
      category: 'forgotten-sender',
      urgency: 3,
    });
    expect(classifyRecord(record({ ip: '2001:db8:5:1::9' }), owner).category).toBe(
      'forgotten-sender',
    );
    expect(classifyRecord(record({ ip: '::ffff:192.0.2.1' }), owner).category).toBe(
      'forgotten-sender',
    );
    const esp = classifyRecord(record({ auth: { spf: [['em123.sendgrid.net', 'pass']] } }), owner);
    expect(esp.category).toBe('forgotten-sender');
    expect(esp.evidence.join(' ')).toContain('em123.sendgrid.net');
    // DKIM saved it, but the owner's own server is missing from SPF.
    expect(classifyRecord(record({ ip: '192.0.2.8', dkim: 'pass' }), owner)).toMatchObject({
      category: 'forgotten-sender',
      dmarc: 'pass',
    });
  });

  it('forwarding: SPF broke, aligned DKIM survived; or the receiver says forwarder', () => {
    const v = classifyRecord(
      record({
        dkim: 'pass',
        auth: { dkim: [['example.com', 'pass']], spf: [['forwarder.example', 'pass']] },
      }),
      owner,
    );
    expect(v).toMatchObject({ category: 'forwarding', dmarc: 'pass', urgency: 2 });
    expect(classifyRecord(record({ reasons: ['trusted_forwarder'] })).category).toBe('forwarding');
    expect(classifyRecord(record({ reasons: ['forwarded'] })).category).toBe('forwarding');
  });

  it('mailing list: the owner signature is present but broken, or the receiver says so', () => {
    const v = classifyRecord(
      record({
        auth: {
          dkim: [
            ['example.com', 'fail'],
            ['lists.example.org', 'pass'],
          ],
          spf: [['lists.example.org', 'pass']],
        },
      }),
    );
    expect(v).toMatchObject({ category: 'mailing-list', urgency: 1 });
    expect(classifyRecord(record({ reasons: ['mailing_list'] })).category).toBe('mailing-list');
    // A subdomain signature counts as the owner's (relaxed).
    expect(
      classifyRecord(record({ auth: { dkim: [['mail.example.com', 'fail']] } })).category,
    ).toBe('mailing-list');
  });

  it('pass, with a note when only SPF aligned', () => {
    expect(classifyRecord(record({ dkim: 'pass', spf: 'pass' }))).toMatchObject({
      category: 'pass',
      urgency: 0,
      evidence: [],
    });
    const spfOnly = classifyRecord(record({ spf: 'pass' }));
    expect(spfOnly.category).toBe('pass');
    expect(spfOnly.evidence[0]).toContain('not DKIM-signed');
  });

  it('a known source wins over list and spoofing evidence; the From domain matters', () => {
    const v = classifyRecord(
      record({ ip: '192.0.2.1', auth: { dkim: [['example.com', 'fail']] } }),
      owner,
    );
    expect(v.category).toBe('forgotten-sender');
    // A signature for another domain is not the owner's.
    expect(
      classifyRecord(record({ from: 'other.example', auth: { dkim: [['example.com', 'fail']] } }))
        .category,
    ).toBe('spoofing');
  });

  it('rejects a knownSources entry that is not an address or network', () => {
    expect(() => createRecordClassifier({ knownSources: ['192.0.2.0/33'] })).toThrow(RangeError);
    expect(() => createRecordClassifier({ knownSources: ['mail.example.com'] })).toThrow(
      RangeError,
    );
    const classify = createRecordClassifier({ knownSources: ['198.51.100.7'] });
    expect(classify(record({ ip: '198.51.100.7' })).category).toBe('forgotten-sender');
    expect(classify(record({ ip: '198.51.100.8' })).category).toBe('spoofing');
  });
});
