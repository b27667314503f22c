import { describe, expect, it } from 'vitest';
import { punycodeDecode, punycodeEncode } from '../../../src/internal/punycode.js';
import { toAsciiDomain } from '../../../src/org-domain/index.js';

describe('punycode (RFC 3492)', () => {
  // RFC 3492 §7.1 sample strings, lower-cased output.
  it.each([
    ['ليهمابتكلموشعربي؟', 'egbpdaj6bu4bxfgehfvwxn'],
    ['他们为什么不说中文', 'ihqwcrb4cv8a8dqg056pqjye'],
    ['Pročprostěnemluvíčesky', 'Proprostnemluvesky-uyb24dma41a'],
    ['למההםפשוטלאמדבריםעברית', '4dbcagdahymbxekheh6e0a7fei0b'],
    ['3年B組金八先生', '3B-ww4c5e180e575a65lsy2b'],
    ['食狮', '85x722f'],
    ['bücher', 'bcher-kva'],
  ])('%s <-> %s', (unicode, encoded) => {
    expect(punycodeEncode(unicode)).toBe(encoded);
    expect(punycodeDecode(encoded)).toBe(unicode);
  });

  it('rejects invalid input', () => {
    expect(punycodeDecode('zz')).toBeNull();
    expect(punycodeDecode('a-!')).toBeNull();
    expect(punycodeDecode('é-a')).toBeNull();
    expect(punycodeEncode('\ud800')).toBeNull();
    expect(punycodeEncode('a'.repeat(300))).toBeNull();
  });
});

describe('toAsciiDomain', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['BÜCHER.example.', 'xn--bcher-kva.example'],
    ['XN--BCHER-KVA.example', 'xn--bcher-kva.example'],
    ['ｅｘａｍｐｌｅ．ｃｏｍ', 'example.com'],
    ['食狮。公司。cn', 'xn--85x722f.xn--55qx5d.cn'],
    ['com', 'com'],
  ])('%s -> %s', (input, expected) => {
    expect(toAsciiDomain(input)).toBe(expected);
  });

  it('agrees with the platform URL parser on Unicode names', () => {
    for (const name of ['straße.de', 'ΣΊΣΥΦΟΣ.gr', 'faß.example', 'ü.ü.example', 'mañana.com']) {
      expect(toAsciiDomain(name)).toBe(new URL(`http://${name}/`).hostname);
    }
  });

  it.each([
    '',
    '.',
    '..',
    'example..com',
    '.example.com',
    'example.com..',
    '192.0.2.1',
    '1.2.3.4.',
    '0x7f.0x1',
    '１９２.０.２.１',
    '[::1]',
    'exa mple.com',
    'example.com:25',
    'a%2eb.com',
    'ex@mple.com',
    'xn--zz.com',
    'xn--abc.com',
    `${'a'.repeat(64)}.com`,
    `${'abcdefghi.'.repeat(26)}com`,
    'x'.repeat(2000),
  ])('gives null for %j', (input) => {
    expect(toAsciiDomain(input)).toBeNull();
  });

  it('accepts a 63-octet label and a 253-octet name', () => {
    expect(toAsciiDomain(`${'a'.repeat(63)}.com`)).toBe(`${'a'.repeat(63)}.com`);
    const name = `${'abcdefghi.'.repeat(24)}a.example.com`;
    expect(name.length).toBe(253);
    expect(toAsciiDomain(`${name}.`)).toBe(name);
    expect(toAsciiDomain(`a${name}`)).toBeNull();
    expect(toAsciiDomain(name)).toBe(name);
  });
});
