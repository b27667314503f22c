import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/evaluate/decide.js';
import type { DmarcInput } from '../../../src/evaluate/types.js';
import type { PolicyDiscovery } from '../../../src/org-domain/types.js';
import { parseRecord } from '../../../src/record/index.js';
import type { DmarcRecord } from '../../../src/record/types.js';

// decide works out the effective p/sp/np once per frozen record (discovery shares frozen records);
// a caller's own record, which may change between calls, is looked at afresh every time.
function discovery(record: DmarcRecord): PolicyDiscovery {
  return {
    status: 'found',
    fromDomain: 'example.com',
    policyDomain: 'example.com',
    organizationalDomain: 'example.com',
    record,
    queries: [],
    diagnostics: [],
    method: 'psl',
  };
}
const FAIL: DmarcInput = { from: 'a@example.com', spf: { domain: 'example.net', result: 'pass' } };
const org = (d: string): string | null => d;

describe('decide with shared and caller-owned records', () => {
  it('re-reads a record the caller changed between calls', () => {
    const parsed = parseRecord('v=DMARC1; p=reject');
    if (!parsed.ok) throw new Error('test record does not parse');
    const record = parsed.record;
    expect(decide(FAIL, discovery(record), org).result).toBe('fail');
    (record.tags[1] as { value: string }).value = 'bogus';
    expect(decide(FAIL, discovery(record), org).result).toBe('permerror');
  });

  it('keeps the two modes apart for a frozen record, call after call', () => {
    // No p: RFC 9989 §4.7 reads it as p=none; RFC 7489 §6.3 requires it (no rua: permerror).
    const parsed = parseRecord('v=DMARC1; sp=reject');
    if (!parsed.ok) throw new Error('test record does not parse');
    const record = Object.freeze(parsed.record);
    for (let i = 0; i < 3; i++) {
      const a = decide(FAIL, discovery(record), org, { mode: 'rfc9989' });
      const b = decide(FAIL, discovery(record), org, { mode: 'rfc7489' });
      expect(a.result).toBe('fail');
      expect(a.appliedPolicy).toBe('none');
      expect(b.result).toBe('permerror');
    }
  });
});
