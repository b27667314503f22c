import { describe, expect, it } from 'vitest';
import { loadPublicSuffixList, organizationalDomain } from '../../../src/org-domain/index.js';

describe('organizationalDomain (RFC 7489 §3.2)', () => {
  it('follows the RFC example', () => {
    expect(organizationalDomain('a.b.c.d.example.com')).toBe('example.com');
  });

  it.each([
    ['Mail.Example.COM', 'example.com'],
    ['mail.example.com.', 'example.com'],
    ['MAIL.EXAMPLE.CO.UK.', 'example.co.uk'],
    ['foo.bar.github.io', 'bar.github.io'],
    ['x.example.k12.ak.us', 'example.k12.ak.us'],
    ['www.bücher.de', 'bücher.de'],
    ['www.xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['WWW.BÜCHER.DE', 'bücher.de'],
    ['ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ', 'example.com'],
    ['www.食狮。中国', '食狮.中国'],
    ['www.食狮.公司.cn。', '食狮.公司.cn'],
    ['www.xn--85x722f.公司.cn', 'xn--85x722f.公司.cn'],
    ['www.食狮.xn--55qx5d.cn', '食狮.xn--55qx5d.cn'],
  ])('%s -> %s', (input, expected) => {
    expect(organizationalDomain(input)).toBe(expected);
  });

  it.each([
    'com',
    'localhost',
    'co.uk',
    '192.0.2.1',
    '10.1',
    'example.0x7f',
    '::1',
    '[2001:db8::1]',
    '',
    '.',
    '.example.com',
    'example..com',
    'mail.example.com..',
    'exa mple.com',
    'user@example.com',
    'xn--zz.example.com',
    `${'a'.repeat(64)}.com`,
  ])('gives null for %j', (input) => {
    expect(organizationalDomain(input)).toBeNull();
  });

  it('gives a remembered Unicode name its answer for the list and options of each call', () => {
    // One input, three answers: the memo of Unicode forms must not hand back another call's.
    const psl = loadPublicSuffixList(
      'cn\n公司.cn\n// ===BEGIN PRIVATE DOMAINS===\n食狮.公司.cn\n// ===END PRIVATE DOMAINS===\n',
    );
    const name = 'a.www.食狮.公司.cn';
    for (let round = 0; round < 2; round++) {
      expect(organizationalDomain(name)).toBe('食狮.公司.cn');
      expect(organizationalDomain(name, { psl })).toBe('www.食狮.公司.cn');
      expect(organizationalDomain(name, { psl, icannOnly: true })).toBe('食狮.公司.cn');
      expect(organizationalDomain('a.www.食狮.公司.cn。', { psl })).toBe('www.食狮.公司.cn');
    }
  });

  it('never throws on non-string input', () => {
    // @ts-expect-error: untyped callers
    expect(organizationalDomain(undefined)).toBeNull();
    // @ts-expect-error: untyped callers
    expect(organizationalDomain(42)).toBeNull();
  });
});
