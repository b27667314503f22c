import { describe, expect, it } from 'vitest';
import {
  checkAlignment,
  isAligned,
  isSameOrSubdomain,
  normalizeDomain,
} from '../../../src/alignment/index.js';

/** A fixed organizational-domain table, so the tests do not depend on the PSL snapshot. */
const ORGS: Record<string, string | null> = {
  'example.com': 'example.com',
  'news.example.com': 'example.com',
  'foo.example.com': 'example.com',
  'cbg.bounces.example.com': 'example.com',
  'mail.example.com': 'mail.example.com', // as if _dmarc.mail.example.com had psd=n
  'a.mail.example.com': 'mail.example.com',
  'foo.example.net': 'example.net',
  com: null,
  'xn--bcher-kva.example': 'xn--bcher-kva.example',
  'mail.xn--bcher-kva.example': 'xn--bcher-kva.example',
};
const calls: string[] = [];
const org = (d: string): string | null => {
  calls.push(d);
  return d in ORGS ? (ORGS[d] ?? null) : null;
};

describe('isAligned (RFC 9989 §4.4 Table 1, RFC 7489 §3.1)', () => {
  it('relaxed: same organizational domain aligns (foo.example.com / news.example.com)', () => {
    expect(isAligned('foo.example.com', 'news.example.com', 'r', org)).toBe(true);
  });
  it('strict: only identical names align (news.example.com)', () => {
    expect(isAligned('news.example.com', 'news.example.com', 's', org)).toBe(true);
    expect(isAligned('foo.example.com', 'news.example.com', 's', org)).toBe(false);
  });
  it('different organizational domains never align', () => {
    expect(isAligned('foo.example.net', 'news.example.com', 'r', org)).toBe(false);
  });
  it('RFC 7489 §3.1.2 example: cbg.bounces.example.com aligns with example.com relaxed only', () => {
    expect(isAligned('cbg.bounces.example.com', 'example.com', 'r', org)).toBe(true);
    expect(isAligned('cbg.bounces.example.com', 'example.com', 's', org)).toBe(false);
  });
  it('RFC 7489 §3.1.1: d=com never aligns', () => {
    expect(isAligned('com', 'example.com', 'r', org)).toBe(false);
  });
  it('normalises case and one trailing dot', () => {
    expect(isAligned('NEWS.Example.COM.', 'news.example.com', 's', org)).toBe(true);
    expect(isAligned('Foo.Example.Com', 'news.example.com.', 'r', org)).toBe(true);
  });
  it('compares IDNs as A-labels, whichever form each side uses', () => {
    expect(isAligned('mail.bücher.example', 'xn--bcher-kva.example', 'r', org)).toBe(true);
    expect(isAligned('BÜCHER.example', 'xn--bcher-kva.example', 's', org)).toBe(true);
  });
  it('a psd=n organizational domain below the author side separates the two', () => {
    expect(isAligned('a.mail.example.com', 'example.com', 'r', org)).toBe(false);
    expect(isAligned('a.mail.example.com', 'mail.example.com', 'r', org)).toBe(true);
  });
});

describe('checkAlignment reasons', () => {
  it('identical names align without a lookup', () => {
    calls.length = 0;
    expect(checkAlignment('example.com', 'EXAMPLE.com', 'r', org)).toMatchObject({
      aligned: true,
      reason: 'identical',
    });
    expect(calls).toEqual([]);
  });
  it('does not look up a domain outside the author organizational domain', () => {
    calls.length = 0;
    const check = checkAlignment('mailer.example.org', 'news.example.com', 'r', org);
    expect(check.reason).toBe('different-organizational-domains');
    expect(calls).toEqual(['news.example.com']);
  });
  it('reports an unknown organizational domain separately', () => {
    const unknown = (d: string) => (d === 'example.com' ? 'example.com' : undefined);
    expect(checkAlignment('x.example.com', 'example.com', 'r', unknown).reason).toBe(
      'organizational-domain-unknown',
    );
    const fromUnknown = () => undefined;
    expect(checkAlignment('x.example.com', 'example.com', 'r', fromUnknown).reason).toBe(
      'organizational-domain-unknown',
    );
  });
  it('a public-suffix author domain has no organizational domain', () => {
    const r = checkAlignment('example.com', 'com', 'r', org);
    expect(r).toMatchObject({ aligned: false, reason: 'no-organizational-domain' });
  });
  it('strict mismatch says not-identical', () => {
    expect(checkAlignment('a.example.com', 'example.com', 's', org).reason).toBe('not-identical');
  });
  it('invalid names are not aligned', () => {
    expect(checkAlignment('', 'example.com', 'r', org).reason).toBe('invalid-domain');
    expect(checkAlignment('[192.0.2.1]', 'example.com', 'r', org).reason).toBe('invalid-domain');
    expect(checkAlignment('a..b', 'a..b', 's', org).reason).toBe('invalid-domain');
  });
  it('reports the organizational domains compared', () => {
    expect(
      checkAlignment('foo.example.com', 'news.example.com', 'r', org).organizationalDomains,
    ).toEqual({
      authenticated: 'example.com',
      from: 'example.com',
    });
  });
});

describe('normalizeDomain and isSameOrSubdomain', () => {
  it('normalises', () => {
    expect(normalizeDomain('Example.COM.')).toBe('example.com');
    expect(normalizeDomain('bücher.example')).toBe('xn--bcher-kva.example');
    expect(normalizeDomain('example.com')).toBe('example.com');
    expect(normalizeDomain('.example.com')).toBeNull();
    expect(normalizeDomain('')).toBeNull();
    expect(normalizeDomain('a'.repeat(300))).toBeNull();
  });
  it('matches on label boundaries only', () => {
    expect(isSameOrSubdomain('a.example.com', 'example.com')).toBe(true);
    expect(isSameOrSubdomain('example.com', 'example.com')).toBe(true);
    expect(isSameOrSubdomain('badexample.com', 'example.com')).toBe(false);
    expect(isSameOrSubdomain('com', 'example.com')).toBe(false);
  });
});
