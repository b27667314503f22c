import { describe, expect, it } from 'vitest';
import { parseZoneText } from '../../../src/dns/zone-text.js';

describe('parseZoneText (RFC 1035 §5 subset)', () => {
  it('reads $ORIGIN, @, relative and absolute names, TTLs and classes in either order', () => {
    const zone = parseZoneText(
      [
        '$ORIGIN Example.COM.',
        '$TTL 1h',
        '@ 3600 IN SOA ns hostmaster 1 2 3 4 5',
        '_dmarc IN 300 TXT "v=DMARC1; p=none"',
        'other.test. TXT "absolute"',
        'mail 1d MX 10 mx1',
        '  MX 20 mx2.elsewhere.',
        'www CNAME @',
      ].join('\n'),
    );
    expect(zone).toEqual({
      'example.com': {},
      '_dmarc.example.com': { txt: [['v=DMARC1; p=none']] },
      'other.test': { txt: [['absolute']] },
      'mail.example.com': {
        mx: [
          { exchange: 'mx1.example.com', priority: 10 },
          { exchange: 'mx2.elsewhere', priority: 20 },
        ],
      },
      'www.example.com': { cname: 'example.com' },
    });
  });

  it('keeps several strings of one record apart, and several records apart', () => {
    const zone = parseZoneText('a.test. TXT "one" "two"\na.test. TXT three\n');
    expect(zone['a.test']?.txt).toEqual([['one', 'two'], ['three']]);
  });

  it('handles comments, parentheses across lines and escapes', () => {
    const zone = parseZoneText(
      [
        '$ORIGIN t.',
        'a TXT ( "first; not a comment" ; a comment',
        '        "second \\"quoted\\" \\\\ \\059 \\195\\188" )',
        'b TXT "()"',
      ].join('\n'),
    );
    expect(zone['a.t']?.txt).toEqual([
      ['first; not a comment', 'second "quoted" \\ ; \u00c3\u00bc'],
    ]);
    expect(zone['b.t']?.txt).toEqual([['()']]);
  });

  it('takes the origin from options and Null MX as the root', () => {
    const zone = parseZoneText('@ MX 0 .\n', { origin: 'example.org.' });
    expect(zone['example.org']?.mx).toEqual([{ exchange: '', priority: 0 }]);
  });

  it('reports errors with their line', () => {
    expect(() => parseZoneText('a.t. TXT "open')).toThrow(/line 1: unterminated string/);
    expect(() => parseZoneText('\n\na.t. TXT')).toThrow(/line 3: TXT needs/);
    expect(() => parseZoneText('a.t. MX x y')).toThrow(/MX needs/);
    expect(() => parseZoneText('a.t. MX 70000 y.')).toThrow(/above 65535/);
    expect(() => parseZoneText('a.t. CNAME')).toThrow(/CNAME needs/);
    expect(() => parseZoneText('a.t. TXT ( "x"')).toThrow(/unbalanced \(/);
    expect(() => parseZoneText('a.t. TXT "x" )')).toThrow(/unbalanced \)/);
    expect(() => parseZoneText('$INCLUDE other')).toThrow(/unsupported directive/);
    expect(() => parseZoneText('  TXT "x"')).toThrow(/owner/);
    expect(() => parseZoneText('@ TXT "x"')).toThrow(/\$ORIGIN/);
    expect(() => parseZoneText(`a.t. TXT "${'x'.repeat(256)}"`)).toThrow(/255/);
    expect(() => parseZoneText('a.t. "TXT"')).toThrow(/record type/);
    expect(() => parseZoneText('a.t. TXT "\\300"')).toThrow(/bad escape/);
    expect(() => parseZoneText(5 as never)).toThrow(TypeError);
  });

  it('makes owners of other record types exist without data', () => {
    expect(parseZoneText('a.t. A 192.0.2.1\nb.t. AAAA ::1')).toEqual({ 'a.t': {}, 'b.t': {} });
  });

  it('is linear on long hostile input (no backtracking)', () => {
    const text = `a.t. TXT ${'"x" '.repeat(50_000)}\n${';'.repeat(200_000)}\n${'('.repeat(10)}${')'.repeat(10)}`;
    const zone = parseZoneText(text);
    expect(zone['a.t']?.txt?.[0]).toHaveLength(50_000);
  });
});
