import { describe, expect, it } from 'vitest';
import { parseAggregateReport, summarizeReports } from '../../../src/report/index.js';

function report(id: string, begin: number, records: string[]): string {
  return `<feedback><report_metadata><org_name>rx.example</org_name><email>e@rx.example</email><report_id>${id}</report_id><date_range><begin>${begin}</begin><end>${begin + 86399}</end></date_range></report_metadata><policy_published><domain>example.com</domain><p>reject</p></policy_published>${records.join('')}</feedback>`;
}

function rec(
  ip: string,
  from: string,
  count: number,
  dkim: string,
  spf: string,
  disposition: string,
  authDkim = 'pass',
  authSpf = 'pass',
): string {
  return `<record><row><source_ip>${ip}</source_ip><count>${count}</count><policy_evaluated><disposition>${disposition}</disposition><dkim>${dkim}</dkim><spf>${spf}</spf></policy_evaluated></row><identifiers><header_from>${from}</header_from></identifiers><auth_results><dkim><domain>d.example</domain><selector>s</selector><result>${authDkim}</result></dkim><spf><domain>s.example</domain><result>${authSpf}</result></spf></auth_results></record>`;
}

describe('summarizeReports', () => {
  it('totals per domain and per source IP, with pass rates, alignment and dispositions', async () => {
    const a = await parseAggregateReport(
      report('a', 1700000000, [
        rec('192.0.2.1', 'example.com', 10, 'pass', 'pass', 'none'),
        rec('192.0.2.1', 'Example.COM', 5, 'pass', 'fail', 'none', 'pass', 'fail'),
        rec('203.0.113.9', 'example.com', 4, 'fail', 'fail', 'reject', 'fail', 'pass'),
      ]),
    );
    const b = await parseAggregateReport(
      report('b', 1700086400, [
        rec('203.0.113.9', 'news.example.com', 1, 'fail', 'pass', 'none', 'none', 'pass'),
      ]),
    );
    const s = summarizeReports([a, b, a]);
    expect(s.reports).toBe(2);
    expect(s.duplicates).toBe(1);
    expect(s.reporters).toEqual(['rx.example']);
    expect(s.total).toMatchObject({
      messages: 20,
      records: 4,
      dmarcPass: 16,
      dkimAligned: 15,
      dkimPass: 15,
      spfAligned: 11,
      spfPass: 15,
      dispositions: { none: 16, reject: 4 },
      begin: new Date(1700000000 * 1000),
      end: new Date((1700086400 + 86399) * 1000),
    });
    expect(s.total.dmarcPassRate).toBeCloseTo(0.8);
    expect(s.byDomain.map((d) => [d.headerFrom, d.messages, d.sourceIps])).toEqual([
      ['example.com', 19, 2],
      ['news.example.com', 1, 1],
    ]);
    expect(s.byDomain[0]!.dmarcPassRate).toBeCloseTo(15 / 19);
    expect(s.byDomain[1]!.begin).toEqual(new Date(1700086400 * 1000));
    expect(s.bySourceIp.map((x) => [x.sourceIp, x.messages, x.headerFroms])).toEqual([
      ['192.0.2.1', 15, ['example.com']],
      ['203.0.113.9', 5, ['example.com', 'news.example.com']],
    ]);
    expect(s.bySourceIp[1]).toMatchObject({ dmarcPass: 1, dispositions: { reject: 4, none: 1 } });
  });

  it('is empty for no reports', () => {
    const s = summarizeReports([]);
    expect(s).toMatchObject({ reports: 0, duplicates: 0, byDomain: [], bySourceIp: [] });
    expect(s.total.dmarcPassRate).toBe(0);
    expect(s.total.begin).toBeUndefined();
  });
});
