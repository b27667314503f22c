/**
 * Aggregate report files for the browser tests, built from XML text in the test itself:
 * one gzip (node:zlib) and one zip (a minimal stored-and-deflated writer below, PKWARE
 * APPNOTE §4.3), so the numbers the page must show are known from the XML.
 */
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

/** One `record` of a test report. */
export interface TestRow {
  ip: string;
  count: number;
  /** policy_evaluated: DMARC-aligned DKIM / SPF verdicts. */
  dkim: 'pass' | 'fail';
  spf: 'pass' | 'fail';
  /** auth_results (raw, not necessarily aligned). */
  dkimDomain?: string;
  dkimResult?: string;
  spfDomain: string;
  spfResult: string;
  headerFrom?: string;
}

/** A report's metadata and rows. */
export interface TestReport {
  orgName: string;
  reportId: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  domain: string;
  p: 'none' | 'quarantine' | 'reject';
  rows: TestRow[];
}

/** RFC 9990 §3.1.1 XML for one report. */
export function reportXml(r: TestReport): string {
  const begin = Date.parse(`${r.day}T00:00:00Z`) / 1000;
  const rows = r.rows
    .map(
      (row) => `  <record>
    <row>
      <source_ip>${row.ip}</source_ip>
      <count>${row.count}</count>
      <policy_evaluated><disposition>none</disposition><dkim>${row.dkim}</dkim><spf>${row.spf}</spf></policy_evaluated>
    </row>
    <identifiers><header_from>${row.headerFrom ?? r.domain}</header_from></identifiers>
    <auth_results>${
      row.dkimDomain
        ? `
      <dkim><domain>${row.dkimDomain}</domain><selector>s1</selector><result>${row.dkimResult ?? 'pass'}</result></dkim>`
        : ''
    }
      <spf><domain>${row.spfDomain}</domain><scope>mfrom</scope><result>${row.spfResult}</result></spf>
    </auth_results>
  </record>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">
  <version>1.0</version>
  <report_metadata>
    <org_name>${r.orgName}</org_name>
    <email>noreply-dmarc@${r.orgName.toLowerCase().replace(/[^a-z]/g, '')}.example</email>
    <report_id>${r.reportId}</report_id>
    <date_range><begin>${begin}</begin><end>${begin + 86399}</end></date_range>
  </report_metadata>
  <policy_published>
    <domain>${r.domain}</domain>
    <adkim>r</adkim><aspf>r</aspf><p>${r.p}</p><sp>${r.p}</sp><testing>n</testing>
  </policy_published>
${rows}
</feedback>
`;
}

/** gzip, as receivers send `.xml.gz`. */
export function gzipFile(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'));
}

/** A one-entry zip (deflate, method 8) as receivers send `.zip` (APPNOTE 6.3.10 §4.3). */
export function zipFile(entryName: string, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const compressed = deflateRawSync(data);
  const name = Buffer.from(entryName, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt16LE(0, 10); // time
  local.writeUInt16LE(0x5b81, 12); // date: 2025-12-01
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // made by
  central.writeUInt16LE(20, 6); // needed
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(0, 12);
  central.writeUInt16LE(0x5b81, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  // extra, comment, disk, internal attrs: 0; external attrs 0; local header offset 0
  const localSize = local.length + name.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, name, compressed, central, name, end]);
}
