/**
 * Walks the shared report corpus (../shared/corpus/reports/aggregate): every file either
 * parses, with the record count and message total its XML holds, or fails with the stable
 * ReportParseError code pinned here. Record counts and totals are also checked against an
 * independent count over the raw XML text. The stalwartlabs/mail-auth expected-result
 * vectors are compared field by field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isReportParseError, parseAggregateReport } from '../../src/report/index.js';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
const REPORTS = new URL('reports/aggregate/', CORPUS);
const VECTORS = new URL('vectors/aggregate-expected/', CORPUS);
const present = existsSync(REPORTS);

type Expected = { records: number; total: number; containers: string[] } | { error: string };

/** Per file: what parsing must give. Names as in the corpus (they contain `!` and spaces). */
const EXPECTED: [string, Expected][] = [
  [
    'OpenDMARC__163.com!example.com!1337270400!1337356799.20120518163.xml',
    { records: 50, total: 92, containers: [] },
  ],
  ['OpenDMARC__bad.com!example.com!1337140800!1337227200.xml', { error: 'malformed-xml' }],
  [
    'OpenDMARC__good.com!example.com!1337270400!1337356799.xml',
    { records: 754, total: 183934, containers: [] },
  ],
  [
    'OpenDMARC__yeah.net!example.com!1337270400!1337356799.20120518.xml',
    { records: 254, total: 21679, containers: [] },
  ],
  ['dmarc-parser-patrickkerrigan__dmarc-1-space.xml', { records: 3, total: 10, containers: [] }],
  [
    'dmarc-parser-patrickkerrigan__dmarc-1-untrimmed.xml',
    { records: 3, total: 10, containers: [] },
  ],
  ['dmarc-parser-patrickkerrigan__dmarc-1.xml', { records: 3, total: 10, containers: [] }],
  ['dmarc-parser-patrickkerrigan__test.gz', { error: 'not-a-report' }],
  ['dmarc-parser-patrickkerrigan__test.gz.eml', { error: 'not-a-report' }],
  ['dmarc-parser-patrickkerrigan__test.none.eml', { error: 'not-a-report' }],
  ['dmarc-parser-patrickkerrigan__test.txt.eml', { error: 'not-a-report' }],
  ['dmarc-parser-patrickkerrigan__test.zip', { error: 'not-a-report' }],
  ['dmarc-parser-patrickkerrigan__test.zip.eml', { error: 'not-a-report' }],
  ['dmarc-report-converter__test.xml', { records: 2, total: 7, containers: [] }],
  ['dmarc-report-converter__test.xml.gz', { records: 2, total: 7, containers: ['gzip'] }],
  [
    'dmarc-report-converter__test.xml.gz.gz',
    { records: 2, total: 7, containers: ['gzip', 'gzip'] },
  ],
  ['dmarc-report-converter__test.xml.zip', { records: 2, total: 7, containers: ['zip'] }],
  ['dmarc-report-converter__test2.xml', { records: 2, total: 12, containers: [] }],
  ['dmarc-report-converter__test_empty.xml', { records: 1, total: 0, containers: [] }],
  [
    'dmarc-report-parser-avvertix__dmarc-missing-elements.xml',
    { records: 1, total: 30, containers: [] },
  ],
  ['dmarc-report-parser-avvertix__dmarc.xml', { records: 2, total: 2, containers: [] }],
  ['dmarc-report-parser-avvertix__dmarc.xml.gz', { records: 2, total: 2, containers: ['gzip'] }],
  ['dmarc-report-parser-avvertix__dmarc.zip', { records: 2, total: 2, containers: ['zip'] }],
  [
    'dmarc-report-parser-communitales__report_invalid_mindate.xml',
    { records: 1, total: 1, containers: [] },
  ],
  [
    'dmarc-report-parser-communitales__report_multiple_records.xml',
    { records: 3, total: 3, containers: [] },
  ],
  [
    'dmarc-report-parser-communitales__report_multiple_spf.xml',
    { records: 3, total: 3, containers: [] },
  ],
  [
    'dmarc-report-parser-communitales__report_no_source_ip.xml',
    { records: 1, total: 0, containers: [] },
  ],
  [
    'dmarc-report-parser-communitales__report_one_record.xml',
    { records: 1, total: 1, containers: [] },
  ],
  ['dmarc-report-viewer__acme.xml', { records: 1, total: 2, containers: [] }],
  ['dmarc-report-viewer__aol.xml', { records: 1, total: 1, containers: [] }],
  ['dmarc-report-viewer__gmxnet.xml', { records: 1, total: 1, containers: [] }],
  ['dmarc-report-viewer__google.xml', { records: 1, total: 1, containers: [] }],
  ['dmarc-report-viewer__hardfail.xml', { records: 1, total: 1, containers: [] }],
  ['dmarc-report-viewer__mailru.xml', { records: 1, total: 1, containers: [] }],
  ['dmarc-report-viewer__outlook.xml', { records: 2, total: 3, containers: [] }],
  ['dmarc-report-viewer__solamora.xml', { records: 1, total: 2, containers: [] }],
  ['dmarc-report-viewer__webde.xml', { records: 1, total: 1, containers: [] }],
  ['dmarc-report-viewer__yahoo.xml', { records: 1, total: 1, containers: [] }],
  [
    'dmarc-report-visualizer__google.com!example.com!1701129600!1701215999.xml',
    { records: 8, total: 11, containers: [] },
  ],
  [
    'dmarc-report-visualizer__google.com!example.com!1701129600!1701215999.xml.gz',
    { records: 8, total: 11, containers: ['gzip'] },
  ],
  [
    'dmarc-report-visualizer__google.com!example.com!1701129600!1701215999.xml.zip',
    { records: 8, total: 11, containers: ['zip'] },
  ],
  ['dmarc_aggregate_parser__dmarc.xml', { records: 1, total: 1, containers: [] }],
  [
    'dmarcgo__amazonses.com!georgestarcher.com!1518134400!1518220800.xml.gz',
    { records: 1, total: 1, containers: ['gzip'] },
  ],
  [
    'dmarcgo__aol.com!georgestarcher.com!1342497600!1342584000.zip',
    { records: 1, total: 1, containers: ['zip'] },
  ],
  [
    'dmarcgo__google.com!georgestarcher.com!1783382400!1783468799.xml',
    { records: 1, total: 1, containers: [] },
  ],
  [
    'dmarcgo__mimecast.org!georgestarcher.com!1781568000!1781654399.xml',
    { records: 1, total: 1, containers: [] },
  ],
  [
    'dmarcgo__receiver.example!example.test!1782172800!1782259199!synthetic.xml',
    { records: 2, total: 7, containers: [] },
  ],
  ['dmarcgo__rfc9990-modern-synthetic.xml.gz', { records: 2, total: 3, containers: ['gzip'] }],
  [
    'dmarcgo__yahoo.com!georgestarcher.com!1781740800!1781827199.xml',
    { records: 1, total: 1, containers: [] },
  ],
  [
    'draft-ietf-dmarc-aggregate-reporting__dmarc-xml-0.2.xml',
    { records: 1, total: 123, containers: [] },
  ],
  [
    'draft-ietf-dmarc-aggregate-reporting__dmarc-xmlalt-0.2.xml',
    { records: 1, total: 123, containers: [] },
  ],
  ['go-dmarc-report__test_report.xml', { records: 2, total: 7, containers: [] }],
  ['go-dmarc-report__test_report.xml.gz', { records: 2, total: 7, containers: ['gzip'] }],
  ['go-dmarc-report__test_report.zip', { records: 2, total: 7, containers: ['zip'] }],
  ['mail-auth__001.xml', { records: 1, total: 123, containers: [] }],
  ['mail-auth__002.xml', { records: 1, total: 2, containers: [] }],
  ['mail-auth__003.xml', { records: 4, total: 9, containers: [] }],
  ['mail-auth__005.xml', { records: 1, total: 1, containers: [] }],
  ['mail-auth__100.eml', { records: 1, total: 1, containers: ['email', 'zip'] }],
  ['mail-auth__101.eml', { records: 1, total: 1, containers: ['email', 'gzip'] }],
  ['mail-auth__102.eml', { records: 1, total: 1, containers: ['email', 'gzip'] }],
  ['mail-auth__103.eml', { records: 1, total: 1, containers: ['email', 'gzip'] }],
  ['mail-auth__104.eml', { records: 1, total: 1, containers: ['email', 'gzip'] }],
  ['mail-dmarc__test_dmarc.xml', { records: 1, total: 1, containers: [] }],
  ['mail-dmarc__test_dmarc.xml.gz', { records: 1, total: 1, containers: ['gzip'] }],
  ['mail-dmarc__test_dmarc.xml.zip', { records: 1, total: 1, containers: ['zip'] }],
  ['parsedmarc__!example.com!1538204542!1538463818.xml', { records: 1, total: 1, containers: [] }],
  [
    'parsedmarc__!large-example.com!1711897200!1711983600.xml',
    { records: 2286, total: 2286, containers: [] },
  ],
  [
    'parsedmarc__Report domain- borschow.com Submitter- google.com Report-ID- 949348866075514174.eml',
    { records: 1, total: 1, containers: ['email', 'zip'] },
  ],
  [
    'parsedmarc__addisonfoods.com!example.com!1536105600!1536191999.xml',
    { records: 1, total: 1, containers: [] },
  ],
  ['parsedmarc__changed-input.xml', { records: 20, total: 3047, containers: [] }],
  ['parsedmarc__empty.xml', { error: 'empty-input' }],
  ['parsedmarc__empty_reason.xml', { records: 1, total: 2, containers: [] }],
  [
    'parsedmarc__estadocuenta1.infonacot.gob.mx!example.com!1536853302!1536939702!2940.xml.zip',
    { records: 1, total: 1, containers: ['zip'] },
  ],
  [
    'parsedmarc__example.net!example.com!1529366400!1529452799.xml',
    { records: 1, total: 1, containers: [] },
  ],
  [
    'parsedmarc__fastmail.com!example.com!1516060800!1516147199!102675056.xml.gz',
    { records: 1, total: 1, containers: ['gzip'] },
  ],
  [
    'parsedmarc__ikea.com!example.de!1538690400!1538776800.xml',
    { records: 1, total: 1, containers: [] },
  ],
  ['parsedmarc__invalid_utf_8.xml', { records: 1, total: 1, containers: [] }],
  ['parsedmarc__invalid_xml.xml', { error: 'malformed-xml' }],
  ['parsedmarc__mimecast-weird-gzip.eml', { records: 1, total: 1, containers: ['email', 'gzip'] }],
  ['parsedmarc__nice-input.xml', { records: 20, total: 3047, containers: [] }],
  ['parsedmarc__nice-input.xml.gz', { records: 20, total: 3047, containers: ['gzip'] }],
  ['parsedmarc__nice-input.xml.zip', { records: 20, total: 3047, containers: ['zip'] }],
  ['parsedmarc__old_draft_from_wiki.xml', { records: 1, total: 2, containers: [] }],
  [
    'parsedmarc__protection.outlook.com!example.com!1711756800!1711843200.xml',
    { records: 1, total: 1, containers: [] },
  ],
  ['parsedmarc__report_with_upper_cased_pass.xml', { records: 1, total: 1, containers: [] }],
  [
    'parsedmarc__rfc9990-example.net!example.com!1700000000!1700086399.xml',
    { records: 2, total: 7, containers: [] },
  ],
  ['parsedmarc__twilight.eml', { records: 1, total: 1, containers: ['email', 'zip'] }],
  [
    'parsedmarc__usssa.com!example.com!1538784000!1538870399.xml',
    { records: 2, total: 2, containers: [] },
  ],
  [
    'parsedmarc__veeam.com!example.com!1530133200!1530219600.xml',
    { records: 1, total: 1, containers: [] },
  ],
];

function readCorpus(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(encodeURIComponent(name), REPORTS)));
}

/** Independent oracle: record elements and the sum of <count> values in the raw XML. */
function oracle(xml: string): { records: number; total: number } {
  const records = xml.match(/<record[\s>]/g)?.length ?? 0;
  let total = 0;
  for (const m of xml.matchAll(/<count>\s*(\d+)\s*<\/count>/g)) total += Number(m[1]);
  return { records, total };
}

describe.skipIf(!present)('report corpus (../shared/corpus/reports/aggregate)', () => {
  it('has an expectation for every file in the corpus, and no stale ones', () => {
    const files = readdirSync(REPORTS).sort();
    expect(EXPECTED.map(([name]) => name).sort()).toEqual(files);
  });

  for (const [name, expected] of EXPECTED) {
    it(name, async () => {
      const bytes = readCorpus(name);
      if ('error' in expected) {
        const error = await parseAggregateReport(bytes).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isReportParseError(error)).toBe(true);
        expect((error as { code: string }).code).toBe(expected.error);
        return;
      }
      const report = await parseAggregateReport(bytes);
      expect(report.records.length).toBe(expected.records);
      expect(report.records.reduce((sum, r) => sum + r.count, 0)).toBe(expected.total);
      expect(report.source.containers).toEqual(expected.containers);
      for (const r of report.records) {
        expect(Number.isSafeInteger(r.count) && r.count >= 0).toBe(true);
      }
      expect(Number.isFinite(report.metadata.begin.getTime())).toBe(true);
      expect(Number.isFinite(report.metadata.end.getTime())).toBe(true);
      // The independent count over the raw XML, where the XML is directly at hand.
      let xml: string | undefined;
      if (name.endsWith('.xml')) xml = new TextDecoder('latin1').decode(bytes);
      else if (name.endsWith('.xml.gz')) xml = new TextDecoder('latin1').decode(gunzipSync(bytes));
      if (xml !== undefined) {
        expect(oracle(xml)).toEqual({ records: expected.records, total: expected.total });
      }
    });
  }
});

/** mail-auth's serde shape: capitalised enums (None, TrustedForwarder, MailFrom). */
function snake(value: string): string {
  if (value === 'MailFrom') return 'mfrom';
  return value.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

const VECTOR_SOURCES: Record<string, string> = {
  '001': 'mail-auth__001.xml',
  '002': 'mail-auth__002.xml',
  '003': 'mail-auth__003.xml',
  '004': 'draft-ietf-dmarc-aggregate-reporting__dmarc-xml-0.2.xml',
  '005': 'mail-auth__005.xml',
  '100': 'mail-auth__100.eml',
  '101': 'mail-auth__101.eml',
  '102': 'mail-auth__102.eml',
  '103': 'mail-auth__103.eml',
  '104': 'mail-auth__104.eml',
};

interface MailAuthRecord {
  row: {
    source_ip: string;
    count: number;
    policy_evaluated: {
      disposition: string;
      dkim: string;
      spf: string;
      reason: { type_: string; comment: string | null }[];
    };
  };
  identifiers: { envelope_from: string | null; header_from: string; envelope_to: string | null };
  auth_results: {
    dkim: { domain: string; selector: string | null; result: string }[];
    spf: { domain: string; scope: string; result: string }[];
  };
}

describe.skipIf(!existsSync(VECTORS))('mail-auth expected vectors', () => {
  for (const [id, source] of Object.entries(VECTOR_SOURCES)) {
    it(`mail-auth__${id}.json matches ${source}`, async () => {
      const expected = JSON.parse(
        readFileSync(new URL(`mail-auth__${id}.json`, VECTORS), 'utf8'),
      ) as {
        report_metadata: {
          org_name: string;
          email: string;
          report_id: string;
          date_range: { begin: number; end: number };
        };
        policy_published: { domain: string; p: string; sp: string | null };
        record: MailAuthRecord[];
      };
      const report = await parseAggregateReport(readCorpus(source));
      const m = expected.report_metadata;
      expect(report.metadata.orgName).toBe(m.org_name);
      expect(report.metadata.email).toBe(m.email);
      expect(report.metadata.reportId).toBe(m.report_id);
      expect(report.metadata.begin.getTime()).toBe(m.date_range.begin * 1000);
      expect(report.metadata.end.getTime()).toBe(m.date_range.end * 1000);
      expect(report.policyPublished.domain).toBe(expected.policy_published.domain);
      expect(report.policyPublished.p).toBe(snake(expected.policy_published.p));
      expect(report.records.length).toBe(expected.record.length);
      expected.record.forEach((e, i) => {
        const r = report.records[i]!;
        expect(r.sourceIp).toBe(e.row.source_ip);
        expect(r.count).toBe(e.row.count);
        expect(r.policyEvaluated.disposition).toBe(snake(e.row.policy_evaluated.disposition));
        expect(r.policyEvaluated.dkim).toBe(snake(e.row.policy_evaluated.dkim));
        expect(r.policyEvaluated.spf).toBe(snake(e.row.policy_evaluated.spf));
        // mail-auth folds the RFC 7489-only reason types (forwarded, sampled_out) into
        // "other"; dmarc-kit keeps the type as written, so fold ours the same way to compare.
        const fold = (t: string): string =>
          t === 'sampled_out' || t === 'forwarded' ? 'other' : t;
        expect(r.policyEvaluated.reasons.map((x) => fold(x.type))).toEqual(
          e.row.policy_evaluated.reason.map((x) => snake(x.type_)),
        );
        expect(r.identifiers.headerFrom).toBe(e.identifiers.header_from);
        expect(r.authResults.dkim.map((d) => [d.domain, d.result])).toEqual(
          e.auth_results.dkim.map((d) => [d.domain, snake(d.result)]),
        );
        expect(r.authResults.spf.map((s) => [s.domain, s.result])).toEqual(
          e.auth_results.spf.map((s) => [s.domain, snake(s.result)]),
        );
      });
    });
  }
});
