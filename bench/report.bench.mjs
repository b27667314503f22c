// Aggregate report parsing: dmarc-kit's parseAggregateReport against raw fast-xml-parser on the
// same XML and against dmarc-report-parser, on generated reports of 10, 1 000 and 100 000
// records (the largest is about 60 MB of XML), as XML and as gzip.
//
// Each contender runs in its own child process (this file spawns itself with --child), so its
// peak RSS (process.resourceUsage().maxRSS) is its own. The parent writes the reports to a
// temporary directory; a child reads the file, runs warm-up and timed rounds, and prints one
// JSON line. MB/s is XML megabytes (10^6 bytes of XML, also for gzip input) per second.
//
// Contenders:
//   dmarc-kit xml     - parseAggregateReport(bytes of the .xml), everything validated and typed;
//   dmarc-kit gzip    - parseAggregateReport(bytes of the .xml.gz);
//   fast-xml-parser   - new XMLParser().parse(string): the tree only, no validation, no types;
//                       the string is decoded before timing starts (in dmarc-kit's favour of
//                       the peer);
//   dmarc-report-parser - parseDmarcReportsFromXml([string]) (xml2js + zod).
// Sanity: every contender that succeeds must see the generated record count; dmarc-kit must
// also see the generated message total, or the bench fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadDmarcKit } from './load.mjs';

const here = fileURLToPath(import.meta.url);
const require = createRequire(import.meta.url);

/** Deterministic report of `n` records (a linear congruential generator, fixed seed). */
export function generateReport(n) {
  let seed = 0x2545f491;
  const rand = (k) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % k;
  };
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">\n  <version>1.0</version>\n',
    '  <report_metadata>\n    <org_name>bench.example</org_name>\n    <email>dmarc@bench.example</email>\n',
    '    <report_id>bench-',
    String(n),
    '</report_id>\n    <date_range>\n      <begin>1700000000</begin>\n      <end>1700086399</end>\n    </date_range>\n',
    '    <generator>dmarc-kit bench</generator>\n  </report_metadata>\n',
    '  <policy_published>\n    <domain>example.com</domain>\n    <p>reject</p>\n    <sp>quarantine</sp>\n    <np>reject</np>\n',
    '    <adkim>r</adkim>\n    <aspf>r</aspf>\n    <discovery_method>treewalk</discovery_method>\n    <testing>n</testing>\n  </policy_published>\n',
  ];
  let total = 0;
  const results = ['pass', 'fail'];
  for (let i = 0; i < n; i++) {
    const count = 1 + rand(500);
    total += count;
    const dkim = results[rand(2)];
    const spf = results[rand(2)];
    const ip =
      rand(4) === 0
        ? `2001:db8:${rand(65536).toString(16)}::${rand(65536).toString(16)}`
        : `${10 + rand(200)}.${rand(256)}.${rand(256)}.${rand(256)}`;
    const disposition = dkim === 'pass' || spf === 'pass' ? 'none' : 'reject';
    parts.push(
      `  <record>\n    <row>\n      <source_ip>${ip}</source_ip>\n      <count>${count}</count>\n`,
      `      <policy_evaluated>\n        <disposition>${disposition}</disposition>\n        <dkim>${dkim}</dkim>\n        <spf>${spf}</spf>\n`,
      disposition === 'reject' && rand(3) === 0
        ? '        <reason>\n          <type>local_policy</type>\n          <comment>arc=pass</comment>\n        </reason>\n'
        : '',
      '      </policy_evaluated>\n    </row>\n',
      `    <identifiers>\n      <header_from>example.com</header_from>\n      <envelope_from>bounce${rand(50)}.example.net</envelope_from>\n    </identifiers>\n`,
      `    <auth_results>\n      <dkim>\n        <domain>example.com</domain>\n        <selector>s${rand(4)}</selector>\n        <result>${dkim}</result>\n      </dkim>\n`,
      rand(4) === 0
        ? `      <dkim>\n        <domain>esp${rand(20)}.example.org</domain>\n        <selector>k1</selector>\n        <result>pass</result>\n      </dkim>\n`
        : '',
      `      <spf>\n        <domain>bounce${rand(50)}.example.net</domain>\n        <scope>mfrom</scope>\n        <result>${spf}</result>\n      </spf>\n    </auth_results>\n  </record>\n`,
    );
  }
  parts.push('</feedback>\n');
  // One space of indentation per level: about 600 bytes per record, 60 MB for 100 000.
  const xml = parts.join('').replace(/\n( +)</g, (_, s) => `\n${' '.repeat(s.length >> 1)}<`);
  return { xml, total };
}

async function child(contender, file, records, total) {
  const bytes = new Uint8Array(readFileSync(file));
  let run;
  if (contender === 'dmarc-kit xml' || contender === 'dmarc-kit gzip') {
    const { module: kit } = await loadDmarcKit('report');
    run = async () => {
      const report = await kit.parseAggregateReport(bytes, { maxBytes: 128 * 1024 * 1024 });
      let sum = 0;
      for (const r of report.records) sum += r.count;
      if (report.records.length !== records || sum !== total) {
        throw new Error(`dmarc-kit saw ${report.records.length} records / ${sum} messages`);
      }
    };
  } else if (contender === 'fast-xml-parser') {
    const { XMLParser } = require('fast-xml-parser');
    const text = new TextDecoder().decode(bytes);
    run = async () => {
      const tree = new XMLParser().parse(text);
      const rec = tree.feedback.record;
      const n = Array.isArray(rec) ? rec.length : 1;
      if (n !== records) throw new Error(`fast-xml-parser saw ${n} records`);
    };
  } else {
    const { parseDmarcReportsFromXml } = require('dmarc-report-parser');
    const text = new TextDecoder().decode(bytes);
    run = async () => {
      const out = await parseDmarcReportsFromXml([text]);
      const n = out.reports[0].record.length;
      if (n !== records) throw new Error(`dmarc-report-parser saw ${n} records`);
    };
  }
  const rounds = records >= 100_000 ? 2 : records >= 1000 ? 15 : 200;
  const warmup = records >= 100_000 ? 0 : Math.max(2, rounds / 5);
  let error;
  const times = [];
  try {
    for (let i = 0; i < warmup; i++) await run();
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
  } catch (e) {
    error = String(e?.message ?? e).slice(0, 120);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ median, maxRssMB, error }));
}

const isMain =
  process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url;
if (!isMain) {
  // Imported for generateReport only.
} else if (process.argv[2] === '--child') {
  const [, , , contender, file, records, total] = process.argv;
  await child(contender, file, Number(records), Number(total));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'dmarc-kit-report-bench-'));
  const sizes = (process.env.REPORT_BENCH_SIZES ?? '10,1000,100000').split(',').map(Number);
  const contenders = ['dmarc-kit xml', 'dmarc-kit gzip', 'fast-xml-parser', 'dmarc-report-parser'];
  let failed = false;
  try {
    for (const n of sizes) {
      const { xml, total } = generateReport(n);
      const xmlFile = join(dir, `r${n}.xml`);
      writeFileSync(xmlFile, xml);
      writeFileSync(`${xmlFile}.gz`, gzipSync(xml));
      const mb = Buffer.byteLength(xml) / 1e6;
      console.log(`\n${n} records: ${mb.toFixed(2)} MB XML`);
      const rows = {};
      for (const c of contenders) {
        const file = c === 'dmarc-kit gzip' ? `${xmlFile}.gz` : xmlFile;
        const r = spawnSync(
          process.execPath,
          ['--max-old-space-size=4096', here, '--child', c, file, String(n), String(total)],
          { encoding: 'utf8' },
        );
        const line = r.stdout.trim().split('\n').pop() ?? '';
        let result;
        try {
          result = JSON.parse(line);
        } catch {
          result = { error: (r.stderr || 'no output').trim().split('\n').slice(-1)[0] };
        }
        rows[c] = result;
      }
      const fxp = rows['fast-xml-parser'];
      const fxpRate = fxp?.median ? mb / (fxp.median / 1000) : undefined;
      for (const c of contenders) {
        const r = rows[c];
        const rate = r.median ? mb / (r.median / 1000) : undefined;
        const ratio = rate && fxpRate ? ` (${(rate / fxpRate).toFixed(2)}x fast-xml-parser)` : '';
        const rss = r.maxRssMB ? `${r.maxRssMB.toFixed(0)} MB peak RSS` : '';
        console.log(
          `  ${c.padEnd(20)} ${rate ? `${rate.toFixed(1).padStart(7)} MB/s` : '      -     '}${ratio.padEnd(28)} ${rss}${r.error ? `  FAILED: ${r.error}` : ''}`,
        );
        if (c.startsWith('dmarc-kit') && r.error) failed = true;
      }
      if (fxp?.maxRssMB && rows['dmarc-kit xml']?.maxRssMB) {
        console.log(
          `  peak RSS dmarc-kit xml / fast-xml-parser: ${(rows['dmarc-kit xml'].maxRssMB / fxp.maxRssMB).toFixed(2)}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}
