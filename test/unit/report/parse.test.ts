import { describe, expect, it } from 'vitest';
import { DmarcKitError, isDmarcKitError } from '../../../src/errors.js';
import {
  type AggregateReport,
  isReportParseError,
  parseAggregateReport,
  parseAggregateReports,
  ReportParseError,
} from '../../../src/report/index.js';
import { deflateBomb, email, fixture, fixtureText, gzip, gzipOfRaw, zip } from './helpers.js';

const codes = (r: AggregateReport): string[] => r.diagnostics.map((d) => d.code);

async function failure(input: Parameters<typeof parseAggregateReport>[0], options = {}) {
  try {
    await parseAggregateReport(input, options);
  } catch (error) {
    return error as ReportParseError;
  }
  throw new Error('expected a rejection');
}

const MINIMAL = (records = 1): string =>
  `<feedback><report_metadata><org_name>o</org_name><email>e@o.example</email><report_id>r</report_id><date_range><begin>1700000000</begin><end>1700086399</end></date_range></report_metadata><policy_published><domain>example.com</domain><p>none</p></policy_published>${'<record><row><source_ip>192.0.2.1</source_ip><count>2</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf></policy_evaluated></row><identifiers><header_from>example.com</header_from></identifiers><auth_results><spf><domain>example.com</domain><result>pass</result></spf></auth_results></record>'.repeat(records)}</feedback>`;

describe('parseAggregateReport: RFC 9990 and RFC 7489 shapes', () => {
  it('reads every RFC 9990 element, typed', async () => {
    const r = await parseAggregateReport(fixture('xml/rfc9990-full.xml'));
    expect(r.version).toBe('1.0');
    expect(r.namespace).toBe('urn:ietf:params:xml:ns:dmarc-2.0');
    expect(r.metadata).toEqual({
      orgName: 'Receiver & Co',
      email: 'dmarc-reports@receiver.example',
      extraContactInfo: 'https://receiver.example/dmarc',
      reportId: '1721054318-example.com@receiver.example',
      begin: new Date(1721001600 * 1000),
      end: new Date(1721087999 * 1000),
      errors: ['Multiple sp tags found'],
      generator: 'Receiver DMARC 3.1',
    });
    expect(r.policyPublished).toEqual({
      domain: 'example.com',
      p: 'quarantine',
      sp: 'none',
      np: 'reject',
      adkim: 's',
      aspf: 'r',
      fo: '1',
      testing: 'y',
      discoveryMethod: 'treewalk',
    });
    expect(r.records).toHaveLength(2);
    const [a, b] = r.records as [AggregateReport['records'][0], AggregateReport['records'][0]];
    expect(a.sourceIp).toBe('192.0.2.10');
    expect(a.count).toBe(12);
    expect(a.policyEvaluated).toEqual({
      disposition: 'pass',
      dkim: 'pass',
      spf: 'pass',
      reasons: [],
    });
    expect(a.identifiers).toEqual({
      headerFrom: 'example.com',
      envelopeFrom: 'example.com',
      envelopeTo: 'receiver.example',
    });
    expect(a.authResults.dkim).toEqual([
      { domain: 'example.com', selector: 's2024', result: 'pass', humanResult: 'good signature' },
    ]);
    expect(a.authResults.spf).toEqual([{ domain: 'example.com', scope: 'mfrom', result: 'pass' }]);
    expect(b.policyEvaluated.reasons).toEqual([
      { type: 'policy_test_mode', comment: 't=y' },
      { type: 'mailing_list' },
    ]);
    // RFC 9990 §3.1.1.10: envelope_from may be present and empty (null reverse-path).
    expect(b.identifiers.envelopeFrom).toBe('');
    expect(b.authResults.dkim.map((d) => d.domain)).toEqual(['lists.example.org', 'example.com']);
    expect(r.extensions).toHaveLength(1);
    expect(r.extensions[0]!.name).toBe('extension');
    expect(r.extensions[0]!.xml).toContain('<ext:arc-override>never</ext:arc-override>');
    expect(b.extensions).toEqual([
      {
        name: 'ext:arc-results',
        xml: '<ext:arc-results>\n      <ext:chain>pass</ext:chain>\n    </ext:arc-results>',
      },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('reads an RFC 7489 report: no namespace, pct, several errors and SPF results', async () => {
    const r = await parseAggregateReport(fixtureText('xml/rfc7489-classic.xml'));
    expect(r.version).toBeUndefined();
    expect(r.namespace).toBeUndefined();
    expect(r.metadata.errors).toEqual(['first error', 'second error']);
    expect(r.policyPublished).toEqual({
      domain: 'example.net',
      p: 'reject',
      sp: 'quarantine',
      adkim: 'r',
      aspf: 's',
      pct: 50,
      fo: '0:d',
    });
    // RFC 7489's sampled_out is kept as written, not folded into "other".
    expect(r.records[0]!.policyEvaluated.reasons).toEqual([{ type: 'sampled_out' }]);
    expect(r.records[0]!.authResults.spf).toEqual([
      { domain: 'mail.spoofer.example', scope: 'helo', result: 'softfail' },
      { domain: 'spoofer.example', scope: 'mfrom', result: 'fail' },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('reads a report whose elements all carry a namespace prefix', async () => {
    const r = await parseAggregateReport(fixture('xml/prefixed.xml'));
    expect(r.namespace).toBe('urn:ietf:params:xml:ns:dmarc-2.0');
    expect(r.metadata.orgName).toBe('prefixed.example');
    expect(r.records[0]!.count).toBe(7);
    expect(r.diagnostics).toEqual([]);
  });

  it('accepts a string, a Uint8Array and an ArrayBuffer alike', async () => {
    const text = MINIMAL(3);
    const bytes = new TextEncoder().encode(text);
    const fromString = await parseAggregateReport(text);
    const fromBytes = await parseAggregateReport(bytes);
    const fromBuffer = await parseAggregateReport(bytes.slice().buffer);
    expect(fromBytes.records).toEqual(fromString.records);
    expect(fromBuffer.records).toEqual(fromString.records);
    expect(fromString.records).toHaveLength(3);
  });

  it('reads UTF-8 with a BOM and UTF-16 with a BOM', async () => {
    const text = MINIMAL().replace('<org_name>o<', '<org_name>Ørsted<');
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect((await parseAggregateReport(utf8)).metadata.orgName).toBe('Ørsted');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16[0] = 0xff;
    utf16[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect((await parseAggregateReport(utf16)).metadata.orgName).toBe('Ørsted');
    expect((await parseAggregateReport(`\uFEFF${text}`)).metadata.orgName).toBe('Ørsted');
  });

  it('honours a windows-1252 declaration', async () => {
    const r = await parseAggregateReport(fixture('xml/windows-1252.xml'));
    expect(r.metadata.orgName).toBe('Café € Mail');
    expect(codes(r)).toEqual(['legacy-encoding']);
  });

  it('replaces invalid UTF-8 and says so', async () => {
    const r = await parseAggregateReport(fixture('xml/invalid-utf8.xml'));
    expect(r.metadata.orgName).toBe('bad \uFFFD\uFFFD utf8');
    expect(codes(r)).toEqual(['invalid-utf8']);
  });

  it('decodes predefined entities and character references, keeps unknown references', async () => {
    const r = await parseAggregateReport(
      MINIMAL().replace(
        '<org_name>o<',
        '<org_name>A&amp;B &lt;&#65;&#x42;&gt; &quot;&apos; &nbsp;<',
      ),
    );
    expect(r.metadata.orgName).toBe('A&B <AB> "\' &nbsp;');
    expect(codes(r)).toEqual(['character-reference']);
  });
});

describe('parseAggregateReport: quirks are diagnostics', () => {
  it('reads the quirks fixture with one diagnostic per quirk', async () => {
    const r = await parseAggregateReport(fixture('xml/quirks.xml'));
    expect(r.metadata.orgName).toBe('"quirky.example');
    expect(r.metadata.email).toBe('postmaster@quirky.example');
    expect(r.metadata.begin).toEqual(new Date(1337270400 * 1000));
    expect(r.metadata.end).toEqual(new Date(1337356799 * 1000));
    expect(r.namespace).toBe('http://dmarc.org/dmarc-xml/0.2');
    expect(r.policyPublished.p).toBe('none');
    expect(r.policyPublished.pct).toBeUndefined();
    const [a, b] = r.records;
    expect(a!.sourceIp).toBe('108r.166.27.220');
    expect(a!.count).toBe(0);
    expect(a!.policyEvaluated.dkim).toBe('pass');
    expect(a!.policyEvaluated.reasons).toEqual([]);
    expect(a!.authResults.spf[0]!.result).toBe('hardfail');
    expect(b!.sourceIp).toBe('192.0.2.1');
    expect(b!.count).toBe(0);
    expect(b!.authResults).toEqual({ dkim: [], spf: [] });
    expect(new Set(codes(r))).toEqual(
      new Set([
        'text-before-xml',
        'content-after-root',
        'unknown-version',
        'misspelt-element',
        'decimal-timestamp',
        'unknown-element',
        'stray-text',
        'value-case',
        'invalid-pct',
        'invalid-ip',
        'invalid-count',
        'missing-element',
        'invalid-value',
      ]),
    );
    const count = r.diagnostics.find((d) => d.code === 'invalid-count')!;
    expect(count.severity).toBe('error');
    expect(count.message).toContain('2 occurrences');
  });

  it('recovers a feedback element wrapped in an unclosed foreign root', async () => {
    const r = await parseAggregateReport(fixture('xml/foreign-root.xml'));
    expect(r.metadata.orgName).toBe('wrapped.example');
    expect(r.records).toHaveLength(1);
    expect(codes(r)).toEqual(['foreign-root']);
    expect(r.diagnostics[0]!.tag).toBe('xs:schema');
  });

  it('flags an unknown namespace, a missing date range, no records, a reversed range', async () => {
    const r = await parseAggregateReport(
      '<feedback xmlns="urn:example:other"><report_metadata><org_name>o</org_name><email>e</email><report_id>r</report_id></report_metadata><policy_published><domain>d.example</domain><p>none</p></policy_published></feedback>',
    );
    expect(codes(r)).toEqual([
      'missing-element',
      'invalid-date',
      'invalid-date',
      'unknown-namespace',
      'no-records',
    ]);
    expect(r.metadata.begin.getTime()).toBe(0);
    const reversed = await parseAggregateReport(
      MINIMAL().replace(
        '<begin>1700000000</begin><end>1700086399</end>',
        '<begin>20</begin><end>10</end>',
      ),
    );
    expect(codes(reversed)).toEqual(['date-range-reversed']);
  });

  it('keeps a plural <extensions> and unknown top-level elements as extensions', async () => {
    const r = await parseAggregateReport(
      MINIMAL().replace(
        '</feedback>',
        '<extensions><extension name="x" definition="https://x.example"><data>1</data></extension></extensions><vendor>v</vendor></feedback>',
      ),
    );
    expect(r.extensions.map((e) => e.name)).toEqual(['extensions', 'vendor']);
    expect(r.extensions[0]!.xml).toContain('definition="https://x.example"');
    expect(codes(r)).toEqual(['misspelt-element', 'unknown-element']);
  });

  it('folds a quirk repeated in every record into one diagnostic', async () => {
    const xml = MINIMAL(500).replaceAll('<disposition>none<', '<disposition>None<');
    const r = await parseAggregateReport(xml);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.message).toContain('500 occurrences');
  });

  it('keeps IPv6 and rejects malformed addresses with a diagnostic', async () => {
    for (const [ip, ok] of [
      ['2001:db8::1', true],
      ['::ffff:192.0.2.1', true],
      ['::', true],
      ['fe80::1:2:3:4:5:6', true],
      ['1:2:3:4:5:6:7:8', true],
      ['1:2:3:4:5:6:7:8:9', false],
      ['1::2::3', false],
      ['192.0.2.256', false],
      ['192.0.02.1', false],
      ['192.0.2', false],
      ['', false],
    ] as const) {
      const r = await parseAggregateReport(
        MINIMAL().replace('<source_ip>192.0.2.1</source_ip>', `<source_ip>${ip}</source_ip>`),
      );
      expect(r.records[0]!.sourceIp).toBe(ip);
      expect(codes(r).some((c) => c === 'invalid-ip' || c === 'missing-element')).toBe(!ok);
    }
  });
});

describe('parseAggregateReport: containers', () => {
  const xml = MINIMAL(2);

  it('gzip, double gzip, concatenated members and trailing junk', async () => {
    expect((await parseAggregateReport(gzip(xml))).source.containers).toEqual(['gzip']);
    const twice = await parseAggregateReport(gzip(gzip(xml)));
    expect(twice.source.containers).toEqual(['gzip', 'gzip']);
    expect(codes(twice)).toEqual(['nested-compression']);
    const half = Math.floor(xml.length / 2);
    const members = new Uint8Array([...gzip(xml.slice(0, half)), ...gzip(xml.slice(half))]);
    expect((await parseAggregateReport(members)).records).toHaveLength(2);
    const junk = new Uint8Array([...gzip(xml), 13, 10, 0x41, 0x42]);
    const r = await parseAggregateReport(junk);
    expect(r.records).toHaveLength(2);
    expect(codes(r)).toEqual(['archive-trailing-data']);
  });

  it('zip: takes the .xml entry and notes what it skipped', async () => {
    const archive = zip([
      { name: 'readme.txt', data: 'hello' },
      { name: 'reports/', data: '', method: 0 },
      { name: 'reports/receiver!example.com!1!2.xml', data: xml },
    ]);
    const r = await parseAggregateReport(archive);
    expect(r.source).toEqual({
      containers: ['zip'],
      fileName: 'receiver!example.com!1!2.xml',
      xmlBytes: xml.length,
    });
    expect(r.records).toHaveLength(2);
    expect(codes(r)).toEqual(['archive-entry-skipped', 'archive-entry-skipped']);
  });

  it('zip: several XML entries give the first report and a note for the rest', async () => {
    const r = await parseAggregateReport(
      zip([
        { name: 'a.xml', data: '<other/>' },
        { name: 'b.xml', data: xml, method: 0 },
        { name: 'c.xml', data: MINIMAL(5) },
      ]),
    );
    expect(r.records).toHaveLength(2);
    expect(r.source.fileName).toBe('b.xml');
    const notes = r.diagnostics.filter((d) => d.code === 'archive-entry-skipped');
    expect(notes.map((d) => d.message.slice(0, 20))).toEqual([
      'The zip entry "a.xml',
      'The zip entry "c.xml',
    ]);
  });

  it('parseAggregateReports returns every report in a zip, noting what it skipped', async () => {
    const archive = zip([
      { name: 'a.xml', data: MINIMAL(1) },
      { name: 'junk.xml', data: '<html/>' },
      { name: 'b.xml.gz', data: gzip(MINIMAL(3)), method: 0 },
      { name: 'notes.txt', data: 'hello' },
    ]);
    const reports = await parseAggregateReports(archive);
    expect(reports.map((r) => [r.source.fileName, r.records.length])).toEqual([
      ['a.xml', 1],
      ['b.xml.gz', 3],
    ]);
    for (const r of reports) {
      const notes = r.diagnostics
        .filter((d) => d.code === 'archive-entry-skipped')
        .map((d) => d.message);
      expect(notes.some((m) => m.includes('notes.txt'))).toBe(true);
      expect(notes.some((m) => m.includes('junk.xml'))).toBe(true);
    }
    expect(await parseAggregateReports(MINIMAL(2))).toHaveLength(1);
    // Together the reports may not exceed maxBytes.
    const big = zip([
      { name: 'a.xml', data: MINIMAL(20) },
      { name: 'b.xml', data: MINIMAL(20) },
    ]);
    const size = MINIMAL(20).length;
    expect((await parseAggregateReports(big, { maxBytes: size + 10 }).catch((e) => e)).code).toBe(
      'too-large',
    );
    expect(await parseAggregateReports(big, { maxBytes: 2 * size })).toHaveLength(2);
  });

  it('zip: an entry with an empty name, or a gzip inside a zip, still reads', async () => {
    expect((await parseAggregateReport(zip([{ name: '', data: xml }]))).records).toHaveLength(2);
    const nested = await parseAggregateReport(
      zip([{ name: 'r.xml.gz', data: gzip(xml), method: 0 }]),
    );
    expect(nested.source.containers).toEqual(['zip', 'gzip']);
  });

  it('email: finds a base64 gzip or zip attachment, whatever its media type says', async () => {
    const a = await parseAggregateReport(email(gzip(xml), 'application/gzip', 'r.xml.gz'));
    expect(a.source).toEqual({
      containers: ['email', 'gzip'],
      fileName: 'r.xml.gz',
      xmlBytes: xml.length,
    });
    expect(codes(a)).toContain('email-extracted');
    const b = await parseAggregateReport(
      new TextEncoder().encode(email(zip([{ name: 'r.xml', data: xml }]), 'text/plain', 'r.txt')),
    );
    expect(b.source.containers).toEqual(['email', 'zip']);
    const c = await parseAggregateReport(email(new TextEncoder().encode(xml), 'text/xml', 'r.xml'));
    expect(c.records).toHaveLength(2);
    expect(
      (await failure(email(gzip(xml), 'application/gzip', 'r.xml.gz'), { acceptEmail: false }))
        .code,
    ).toBe('not-a-report');
  });
});

describe('parseAggregateReport: unreadable input rejects with a stable code', () => {
  it.each([
    ['', 'empty-input'],
    ['   \n\t ', 'empty-input'],
    ['hello, this is not xml', 'not-a-report'],
    ['<html><body>no</body></html>', 'not-a-report'],
    ['<?xml version="1.0"?>', 'not-a-report'],
    ['<feedback><report_metadata>', 'malformed-xml'],
    ['<feedback><a></b></feedback>', 'malformed-xml'],
    ['<feedback><a x="1></a></feedback>', 'malformed-xml'],
    ['<feedback><!-- unterminated </feedback>', 'malformed-xml'],
    ['<feedback><email><bad@x.example></email></feedback>', 'malformed-xml'],
    ['<feedback><h>example.com<foo</h></feedback>', 'malformed-xml'],
    ['<feedback></feedback></feedback>', 'malformed-xml'],
    ['<!DOCTYPE feedback><feedback/>', 'unsafe-xml'],
    ['<feedback><!ENTITY x "y"></feedback>', 'unsafe-xml'],
  ])('%j -> %s', async (input, code) => {
    const error = await failure(input);
    expect(isReportParseError(error)).toBe(true);
    expect(error.code).toBe(code);
  });

  it('refuses DOCTYPE attacks before any parsing (billion laughs, XXE)', async () => {
    expect((await failure(fixture('hostile/billion-laughs.xml'))).code).toBe('unsafe-xml');
    expect((await failure(fixture('hostile/xxe.xml'))).code).toBe('unsafe-xml');
    expect((await failure(gzip(fixture('hostile/billion-laughs.xml')))).code).toBe('unsafe-xml');
  });

  it('limits nesting depth', async () => {
    const deep = MINIMAL().replace(
      '</feedback>',
      `${'<x>'.repeat(40)}${'</x>'.repeat(40)}</feedback>`,
    );
    expect((await failure(deep)).code).toBe('too-deep');
    expect((await failure(MINIMAL(), { maxDepth: 4 })).code).toBe('too-deep');
    const fine = await parseAggregateReport(deep, { maxDepth: 64 });
    expect(codes(fine)).toEqual(['unknown-element']);
  });

  it('a gzip bomb stops at maxBytes, counted on produced bytes (1 MiB of input, 1 GiB claimed by nothing)', async () => {
    const bomb = gzipOfRaw(deflateBomb(1024));
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    const error = await failure(bomb, { maxBytes: 8 * 1024 * 1024 });
    expect(error.code).toBe('too-large');
  });

  it('a zip bomb stops at maxBytes, whatever the headers claim', async () => {
    // The entry inflates to 1 GiB; its header says 0 bytes.
    const archive = zip([{ name: 'r.xml', data: '', deflated: deflateBomb(1024) }]);
    expect((await failure(archive, { maxBytes: 1 << 20 })).code).toBe('too-large');
    // A stored entry over the cap is refused without copying it.
    const stored = zip([{ name: 'r.xml', data: new Uint8Array(2 << 20), method: 0 }]);
    expect((await failure(stored, { maxBytes: 1 << 20 })).code).toBe('too-large');
  });

  it('enforces maxInputBytes and maxBytes on plain input', async () => {
    expect((await failure(gzip(MINIMAL(50)), { maxInputBytes: 100 })).code).toBe('too-large');
    expect((await failure(new TextEncoder().encode(MINIMAL(50)), { maxBytes: 1000 })).code).toBe(
      'too-large',
    );
    expect((await failure(MINIMAL(50), { maxBytes: 1000, maxInputBytes: 1000 })).code).toBe(
      'too-large',
    );
  });

  it('truncated or damaged archives are corrupt-archive', async () => {
    const gz = gzip(MINIMAL(20));
    expect((await failure(gz.subarray(0, gz.length - 30))).code).toBe('corrupt-archive');
    const flipped = gz.slice();
    flipped[20] = flipped[20]! ^ 0xff;
    expect((await failure(flipped)).code).toBe('corrupt-archive');
    const z = zip([{ name: 'r.xml', data: MINIMAL() }]);
    expect((await failure(z.subarray(0, z.length - 10))).code).toBe('corrupt-archive');
    expect((await failure(zip([{ name: 'r.xml', data: MINIMAL(), crc: 1 }]))).code).toBe(
      'corrupt-archive',
    );
  });

  it('unsupported archives: other methods, encryption, zip64, too many layers', async () => {
    expect((await failure(zip([{ name: 'r.xml', data: 'x', method: 12 }]))).code).toBe(
      'unsupported-archive',
    );
    expect((await failure(zip([{ name: 'r.xml', data: 'x', method: 0, flags: 1 }]))).code).toBe(
      'unsupported-archive',
    );
    const z64 = zip([{ name: 'r.xml', data: MINIMAL() }]);
    z64.set([0xff, 0xff], z64.length - 22 + 10);
    expect((await failure(z64)).code).toBe('unsupported-archive');
    let layered: Uint8Array = new TextEncoder().encode(MINIMAL());
    for (let i = 0; i < 6; i++) layered = gzip(layered);
    expect((await failure(layered)).code).toBe('unsupported-archive');
  });

  it('an email without a report attachment is not-a-report', async () => {
    const error = await failure('From: a@b.example\r\nSubject: hi\r\n\r\nJust text.\r\n');
    expect(error.code).toBe('not-a-report');
  });

  it('rejects nonsensical options and inputs with RangeError and TypeError', async () => {
    await expect(parseAggregateReport(MINIMAL(), { maxBytes: 0 })).rejects.toThrow(RangeError);
    await expect(parseAggregateReport(MINIMAL(), { maxDepth: Number.NaN })).rejects.toThrow(
      RangeError,
    );
    await expect(parseAggregateReport(42 as unknown as string)).rejects.toThrow(TypeError);
  });

  it('ReportParseError is a branded DmarcKitError', async () => {
    const error = await failure('<nope/>');
    expect(error).toBeInstanceOf(ReportParseError);
    expect(error).toBeInstanceOf(DmarcKitError);
    expect(isDmarcKitError(error)).toBe(true);
    expect(error.name).toBe('ReportParseError');
    expect(isReportParseError(new Error('x'))).toBe(false);
    expect(isReportParseError({ code: 'not-a-report' })).toBe(false);
  });
});

describe('parseAggregateReport: prototype safety', () => {
  it('never lets element names reach a prototype', async () => {
    const r = await parseAggregateReport(fixture('hostile/prototype.xml'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.metadata)).toBe(Object.prototype);
    expect(r.metadata.orgName).toBe('proto.example');
    expect(r.records[0]!.identifiers).toEqual({ headerFrom: 'example.com' });
    expect(codes(r).every((c) => c === 'unknown-element')).toBe(true);
    expect(r.diagnostics.map((d) => d.tag)).toContain('report_metadata/!__proto__');
    expect(r.records[0]!.extensions.map((e) => e.name)).toEqual(['__proto__']);
  });
});
