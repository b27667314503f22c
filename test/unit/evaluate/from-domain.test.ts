import { describe, expect, it } from 'vitest';
import { extractAuthorDomains } from '../../../src/evaluate/from-domain.js';

const domains = (from: string) => extractAuthorDomains(from).domains;

describe('extractAuthorDomains (RFC 9989 §5.3.1, RFC 7489 §6.6.1)', () => {
  it('accepts a bare domain, an address and a header value', () => {
    expect(domains('example.com')).toEqual(['example.com']);
    expect(domains('user@Example.COM')).toEqual(['example.com']);
    expect(domains('"Doe, John" <john@news.example.com>')).toEqual(['news.example.com']);
    expect(domains('From: Alerts <alerts@example.com>')).toEqual(['example.com']);
    expect(domains('FROM:alerts@example.com')).toEqual(['example.com']);
  });
  it('ignores comments, folding whitespace and a trailing dot', () => {
    expect(domains('John (the boss) <john@example.com> (work)')).toEqual(['example.com']);
    expect(domains('john@example.com (John, Doe <x@evil.example>)')).toEqual(['example.com']);
    expect(domains('John\r\n <john@example.com.>')).toEqual(['example.com']);
    expect(domains('john @ example.com')).toEqual(['example.com']);
  });
  it('takes the last @ outside quotes', () => {
    expect(domains('"a@evil.example"@example.com')).toEqual(['example.com']);
    expect(domains('"Name <a@evil.example>" <b@example.com>')).toEqual(['example.com']);
    expect(domains('"x\\"@evil.example" <b@example.com>')).toEqual(['example.com']);
  });
  it('drops an obsolete source route', () => {
    expect(domains('<@relay.example.net,@other.example:user@example.com>')).toEqual([
      'example.com',
    ]);
  });
  it('converts Unicode domains to A-labels', () => {
    expect(domains('Bücher <info@bücher.example>')).toEqual(['xn--bcher-kva.example']);
  });
  it('several mailboxes in one domain are one author domain', () => {
    const r = extractAuthorDomains('a@example.com, B <b@EXAMPLE.com>');
    expect(r.domains).toEqual(['example.com']);
    expect(r.mailboxes).toHaveLength(2);
  });
  it('several domains are all reported, in order', () => {
    expect(domains('a@example.com, b@example.net; c@example.org')).toEqual([
      'example.com',
      'example.net',
      'example.org',
    ]);
  });
  it('flattens groups and finds nothing in an empty group', () => {
    expect(domains('undisclosed-recipients:;')).toEqual([]);
    expect(domains('Team: a@example.com, b@example.org;')).toEqual(['example.com', 'example.org']);
  });
  it('rejects domain literals and junk without throwing', () => {
    const r = extractAuthorDomains('user@[192.0.2.1]');
    expect(r.domains).toEqual([]);
    expect(r.invalid).toEqual(['user@[192.0.2.1]']);
    expect(domains('')).toEqual([]);
    expect(domains('John Doe')).toEqual([]);
    expect(domains('<>')).toEqual([]);
    expect(domains('user@')).toEqual([]);
    expect(domains('"unterminated <a@example.com>')).toEqual([]);
    expect(domains('((((')).toEqual([]);
    expect(domains(42 as unknown as string)).toEqual([]);
  });
  it('stays linear on hostile input', () => {
    const hostile = `${'('.repeat(50_000)}${'"'.repeat(50_000)}${'<'.repeat(50_000)}`;
    expect(domains(hostile)).toEqual([]);
    const many = Array.from({ length: 2000 }, (_, i) => `u${i}@d${i}.example`).join(',');
    expect(domains(many).length).toBeGreaterThan(100);
  });
});
