import { describe, expect, it } from 'vitest';
import { classifyDnsFailure, errorCode, resolveOutcome } from '../../../src/dns/outcome.js';
import { DNS_ERROR_CODES, DnsError, isDnsError, isDnsErrorCode } from '../../../src/dns/types.js';

describe('classifyDnsFailure and resolveOutcome', () => {
  it('maps ENOTFOUND to nxdomain and ENODATA to nodata, from any error-like value', () => {
    expect(classifyDnsFailure(new DnsError('ENOTFOUND', 'a.test'))).toBe('nxdomain');
    expect(classifyDnsFailure(new DnsError('ENODATA', 'a.test'))).toBe('nodata');
    expect(classifyDnsFailure(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))).toBe(
      'nxdomain',
    );
    expect(classifyDnsFailure({ code: 'ENODATA' })).toBe('nodata');
  });

  it('treats every other code, aborts and non-errors as temporary', () => {
    for (const code of DNS_ERROR_CODES) {
      if (code === 'ENOTFOUND' || code === 'ENODATA') continue;
      expect(classifyDnsFailure(new DnsError(code, 'a.test'))).toBe('temperror');
    }
    expect(classifyDnsFailure(new DOMException('x', 'AbortError'))).toBe('temperror');
    expect(classifyDnsFailure(undefined)).toBe('temperror');
    expect(classifyDnsFailure('ENOTFOUND')).toBe('temperror');
    expect(errorCode(new DOMException('x', 'TimeoutError'))).toBe('TimeoutError');
    expect(errorCode(42)).toBe('EUNKNOWN');
  });

  it('returns answers and failures as values', async () => {
    expect(await resolveOutcome(async () => [['x']])).toEqual({ kind: 'answer', value: [['x']] });
    expect(await resolveOutcome(() => Promise.reject(new DnsError('ENODATA', 'a')))).toEqual({
      kind: 'nodata',
    });
    const error = new DnsError('ETIMEOUT', 'a');
    expect(await resolveOutcome(() => Promise.reject(error))).toEqual({
      kind: 'temperror',
      code: 'ETIMEOUT',
      error,
    });
  });
});

describe('DnsError', () => {
  it('carries code, hostname, cause and a brand that survives copies', () => {
    const cause = new Error('inner');
    const error = new DnsError('ESERVFAIL', 'a.test', undefined, { cause });
    expect(error).toMatchObject({ code: 'ESERVFAIL', hostname: 'a.test', name: 'DnsError', cause });
    expect(error.message).toBe('ESERVFAIL: a.test');
    expect(isDnsError(error)).toBe(true);
    expect(isDnsError(Object.assign(new Error('x'), { code: 'ESERVFAIL' }))).toBe(false);
    expect(isDnsErrorCode('ETIMEOUT')).toBe(true);
    expect(isDnsErrorCode('EWHATEVER')).toBe(false);
    expect(new Set(DNS_ERROR_CODES).size).toBe(DNS_ERROR_CODES.length);
  });
});
