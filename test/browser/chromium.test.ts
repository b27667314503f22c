/**
 * End-to-end tests in real headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core; no browser download), one launch for the file. First the library itself
 * (src/index.ts bundled for the browser) against Node's results on the same inputs, then the
 * demo page (demo/, built from src/ with esbuild). Both are served on loopback; DNS goes
 * through the page's DoH resolver to the test DoH endpoint, which forwards to the Knot DNS
 * server of the integration setup (fixtures/zones). Report files are made here from XML text
 * (gzip, zip, plain XML) so the numbers the page must show follow from the XML. A screenshot
 * is saved to test-results/demo.png.
 */
import { promises as dns } from 'node:dns';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildDemo } from '../../demo/build.mjs';
import { createStaticServer } from '../../demo/serve.mjs';
import { checkDomain } from '../../src/check/index.js';
import { createDohResolver } from '../../src/dns/index.js';
import type * as DmarcKit from '../../src/index.js';
import { parseRecord } from '../../src/record/index.js';
import {
  type ClassifyRecordOptions,
  classifyRecord,
  parseAggregateReport,
} from '../../src/report/index.js';
import { launchChromium } from './chromium.js';
import { LIBRARY_PAGE, libraryRoutes } from './library-page.js';
import { gzipFile, reportXml, type TestReport, zipFile } from './report-files.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-results');

const DAY_1: TestReport = {
  orgName: 'Receiver A',
  reportId: 'a-2026-11-01',
  day: '2026-11-01',
  domain: 'example.com',
  p: 'none',
  rows: [
    // The domain's own mail: aligned DKIM and SPF.
    {
      ip: '192.0.2.10',
      count: 8,
      dkim: 'pass',
      spf: 'pass',
      dkimDomain: 'example.com',
      spfDomain: 'example.com',
      spfResult: 'pass',
    },
    // Someone else using the domain: nothing authenticates.
    {
      ip: '198.51.100.7',
      count: 2,
      dkim: 'fail',
      spf: 'fail',
      spfDomain: 'attacker.example',
      spfResult: 'fail',
    },
  ],
};
const DAY_2: TestReport = {
  orgName: 'Receiver B',
  reportId: 'b-2026-11-02',
  day: '2026-11-02',
  domain: 'example.com',
  p: 'none',
  rows: [
    {
      ip: '192.0.2.10',
      count: 5,
      dkim: 'pass',
      spf: 'pass',
      dkimDomain: 'example.com',
      spfDomain: 'example.com',
      spfResult: 'pass',
    },
    // A legitimate third-party sender that authenticates only as itself: not aligned.
    {
      ip: '203.0.113.5',
      count: 4,
      dkim: 'fail',
      spf: 'fail',
      dkimDomain: 'mailer.example',
      spfDomain: 'mailer.example',
      spfResult: 'pass',
    },
    // A forwarder: the aligned DKIM signature survives, SPF is the forwarder's.
    {
      ip: '192.0.2.99',
      count: 1,
      dkim: 'pass',
      spf: 'fail',
      dkimDomain: 'example.com',
      spfDomain: 'forwarder.example',
      spfResult: 'pass',
    },
  ],
};
const DAY_3: TestReport = {
  orgName: 'Receiver C',
  reportId: 'c-2026-11-03',
  day: '2026-11-03',
  domain: 'example.com',
  p: 'none',
  rows: [
    {
      ip: '192.0.2.10',
      count: 10,
      dkim: 'pass',
      spf: 'pass',
      dkimDomain: 'example.com',
      spfDomain: 'example.com',
      spfResult: 'pass',
    },
  ],
};

/** Messages and DMARC passes (RFC 9989 §4.4: aligned DKIM or aligned SPF passed). */
function tally(reports: TestReport[]): { total: number; passed: number } {
  let total = 0;
  let passed = 0;
  for (const r of reports)
    for (const row of r.rows) {
      total += row.count;
      if (row.dkim === 'pass' || row.spf === 'pass') passed += row.count;
    }
  return { total, passed };
}

function pct(ratio: number): string {
  const tenths = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

let browser: Browser;
let server: Server;
let origin: string;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  await buildDemo();
  server = createStaticServer({ routes: await libraryRoutes() });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The failing endpoint of the temporary-failure test answers 503 on purpose.
    if (message.type() === 'error' && !message.location().url.includes('/status/503/'))
      pageErrors.push(message.text());
  });
  await page.goto(`${origin}/`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((res) => (server ? server.close(() => res()) : res()));
});

/** The bundled library, as the library page exposes it (`globalThis.dmarcKit`). */
type Kit = typeof DmarcKit;
declare global {
  var dmarcKit: Kit;
}

describe('the library in Chromium', () => {
  let lib: Page;
  beforeAll(async () => {
    lib = await browser.newPage();
    lib.on('pageerror', (error) => pageErrors.push(error.message));
    await lib.goto(`${origin}${LIBRARY_PAGE}`);
    await lib.waitForFunction(() => globalThis.dmarcKit !== undefined);
  });
  afterAll(async () => {
    await lib?.close();
  });

  it('parses records exactly as in Node', async () => {
    const records = [
      'v=DMARC1; p=reject; rua=mailto:d@example.com,mailto:x@example.net!10m; adkim=s',
      'v=DMARC1; p=bogus; rua=mailto:d@example.com',
      'v=DMARC1;p=quarantine;pct=50;t=y;psd=n;np=reject;fo=1:d',
      'v=spf1 -all',
      `v=DMARC1; p=none; ${'x=y; '.repeat(2000)}`,
      'v=DMARC1; p=none; rua=mailto:\u00e9@\u00e9xample.com',
    ];
    const inBrowser = await lib.evaluate(
      (texts) => JSON.stringify(texts.map((t) => globalThis.dmarcKit.parseRecord(t))),
      records,
    );
    expect(JSON.parse(inBrowser)).toEqual(JSON.parse(JSON.stringify(records.map(parseRecord))));
  });

  it('parses gzip, zip and XML reports exactly as in Node (DecompressionStream)', async () => {
    const files = [
      gzipFile(reportXml(DAY_1)),
      zipFile('b.xml', reportXml(DAY_2)),
      Buffer.from(reportXml(DAY_3)),
    ];
    const inNode = await Promise.all(files.map((f) => parseAggregateReport(new Uint8Array(f))));
    const inBrowser = await lib.evaluate(
      async (list) => {
        const out = [];
        for (const bytes of list)
          out.push(await globalThis.dmarcKit.parseAggregateReport(new Uint8Array(bytes)));
        return JSON.stringify(out);
      },
      files.map((f) => [...f]),
    );
    expect(JSON.parse(inBrowser)).toEqual(JSON.parse(JSON.stringify(inNode)));
    expect(inNode.map((r) => r.source.containers)).toEqual([['gzip'], ['zip'], []]);
  });

  it('resolves through the loopback DoH endpoint what node:dns gets from Knot', async () => {
    const direct = new dns.Resolver();
    direct.setServers([inject('dnsServer')]);
    const result = await lib.evaluate(async (endpoint) => {
      const resolver = globalThis.dmarcKit.createDohResolver({ endpoint });
      const code = (error: unknown): string =>
        globalThis.dmarcKit.isDnsError(error) ? error.code : String(error);
      return {
        txt: await resolver.resolveTxt('_dmarc.check.test'),
        mx: await resolver.resolveMx('check.test'),
        missing: await resolver.resolveTxt('missing.check.test').then(() => 'answer', code),
        nodata: await resolver.resolveTxt('mx.check.test').then(() => 'answer', code),
      };
    }, inject('dohUrl'));
    expect(result.txt).toEqual(await direct.resolveTxt('_dmarc.check.test'));
    expect(result.txt.length).toBeGreaterThan(0);
    expect(result.mx).toEqual(await direct.resolveMx('check.test'));
    const nodeCode = (error: unknown): string => (error as { code?: string }).code ?? '';
    expect(result.missing).toBe(
      await direct.resolveTxt('missing.check.test').then(() => 'answer', nodeCode),
    );
    expect(result.missing).toBe('ENOTFOUND');
    expect(result.nodata).toBe('ENODATA');
    expect(pageErrors).toEqual([]);
  });
});

describe('the demo page in Chromium', () => {
  it('loads with every control labelled and no script error', async () => {
    await expect(page.title()).resolves.toMatch(/dmarc-kit demo/);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, button')]
        .filter((el) => {
          const input = el as HTMLInputElement;
          return (
            input.labels?.length === 0 &&
            !el.getAttribute('aria-label') &&
            el.textContent?.trim() === ''
          );
        })
        .map((el) => el.id),
    );
    expect(unlabelled).toEqual([]);
    // The default endpoint is a public one; the tests override it.
    await expect(page.inputValue('#doh')).resolves.toBe('https://cloudflare-dns.com/dns-query');
    expect(pageErrors).toEqual([]);
  });

  it('shows a temporary failure when the DoH endpoint fails', async () => {
    await page.fill('#domain', 'check.test');
    await page.fill('#doh', `${inject('dohOrigin')}/status/503/dns-query`);
    await page.click('#check-button');
    await page.locator('article.posture').waitFor();
    await expect(page.getAttribute('article.posture', 'data-stage')).resolves.toBe('none');
    await expect(page.textContent('#posture-next-step')).resolves.toMatch(/temporar/i);
    await expect(page.textContent('#check-status')).resolves.toMatch(
      /^The DMARC lookups for check\.test failed: check that 127\.0\.0\.1:\d+ is reachable/,
    );
    await expect(page.getAttribute('#check-status', 'class')).resolves.toContain('error');
  });

  it('checks a domain through the loopback DoH endpoint backed by Knot', async () => {
    const dohUrl = inject('dohUrl');
    // check.test (fixtures/zones/check.test.zone): p=none, reports to itself and to two
    // external consumers, one of which authorizes them (RFC 9990 §4).
    const domain = 'check.test';
    // The same check from Node through the same endpoint: what the page must show.
    const expected = await checkDomain(domain, {
      resolver: createDohResolver({ endpoint: dohUrl }),
    });
    expect(expected.dmarc.status).toBe('found');
    expect(expected.stage).toBe('monitoring');

    await page.fill('#domain', domain);
    await page.fill('#doh', dohUrl);
    await page.click('#check-button');
    const panel = page.locator('article.posture');
    await panel.waitFor();
    await expect(panel.getAttribute('data-stage')).resolves.toBe(expected.stage);
    await expect(page.textContent('#posture-stage')).resolves.toBe(`Stage: ${expected.stage}`);
    await expect(page.textContent('#posture-next-step')).resolves.toBe(
      `Next step: ${expected.nextStep}`,
    );
    await expect(page.textContent('.stages [aria-current="step"]')).resolves.toBe(
      'Monitoring (p=none)',
    );
    await expect(page.textContent('code.record')).resolves.toBe(expected.dmarc.text);
    await expect(page.textContent('#check-status')).resolves.toBe(
      `Checked ${domain}: stage ${expected.stage}.`,
    );
    const codes = await page
      .locator('table.diagnostics tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(codes).toEqual(expected.diagnostics.map((d) => d.code));
    // The lookups really went from the page to the loopback DoH endpoint.
    const dohRequests = await page.evaluate(
      (url) =>
        performance.getEntriesByType('resource').filter((e) => e.name.startsWith(`${url}?dns=`))
          .length,
      dohUrl,
    );
    expect(dohRequests).toBeGreaterThan(0);
  });

  it('runs the check from a shared link (?domain=&doh=)', async () => {
    const dohUrl = inject('dohUrl');
    const domain = 'quarantine.check.test';
    const expected = await checkDomain(domain, {
      resolver: createDohResolver({ endpoint: dohUrl }),
    });
    expect(expected.stage).toBe('quarantine');
    const query = new URLSearchParams({ domain, doh: dohUrl });
    await page.goto(`${origin}/?${query}`);
    await page.locator('article.posture').waitFor();
    await expect(page.inputValue('#domain')).resolves.toBe(domain);
    await expect(page.inputValue('#doh')).resolves.toBe(dohUrl);
    await expect(page.getAttribute('article.posture', 'data-stage')).resolves.toBe('quarantine');
    await expect(page.textContent('#posture-next-step')).resolves.toBe(
      `Next step: ${expected.nextStep}`,
    );
  });

  it('summarises a gzip and a zip report chosen with the file input', async () => {
    await page.setInputFiles('#report-files', [
      {
        name: 'receiver-a.xml.gz',
        mimeType: 'application/gzip',
        buffer: gzipFile(reportXml(DAY_1)),
      },
      {
        name: 'receiver-b.zip',
        mimeType: 'application/zip',
        buffer: zipFile('receiver-b.xml', reportXml(DAY_2)),
      },
    ]);
    await expect(page.locator('#reports-status')).toBeDefined();
    await page.waitForFunction(() =>
      document.getElementById('reports-status')?.textContent?.includes('summarised'),
    );
    const { total, passed } = tally([DAY_1, DAY_2]);
    await expect(page.textContent('#reports-status')).resolves.toBe('2 reports summarised.');
    await expect(page.textContent('#total-reports')).resolves.toBe('2');
    await expect(page.textContent('#total-messages')).resolves.toBe(String(total));
    await expect(page.textContent('#total-pass-rate')).resolves.toBe(pct(passed / total));
    await expect(page.textContent('#total-failed')).resolves.toBe(String(total - passed));

    // The pass-rate chart: one point per day, its text alternative and its data table.
    const rows = await page
      .locator('[data-chart="pass-rate"] table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    const perDay = [DAY_1, DAY_2].map((r) => ({ day: r.day, ...tally([r]) }));
    expect(rows).toEqual(
      perDay.map((d) => [d.day, String(d.total), String(d.passed), pct(d.passed / d.total)]),
    );
    await expect(page.locator('[data-chart="pass-rate"] svg circle').count()).resolves.toBe(2);
    const desc = await page.textContent('[data-chart="pass-rate"] svg desc');
    expect(desc).toContain(`from ${pct(perDay[0]!.passed / perDay[0]!.total)} on ${DAY_1.day}`);

    // Top sources, biggest first, each classified as the library classifies its records.
    const sourceRows = () =>
      page.locator('#sources-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          ip: tr.getAttribute('data-source') ?? '',
          messages: tr.children[1]?.textContent,
          category: tr.getAttribute('data-category') ?? '',
          label: tr.querySelector('.classification strong')?.textContent ?? '',
        })),
      );
    const expectedCategories = async (options: ClassifyRecordOptions) => {
      const out = new Map<string, string>();
      for (const r of [DAY_1, DAY_2])
        for (const record of (await parseAggregateReport(reportXml(r))).records)
          out.set(record.sourceIp, classifyRecord(record, options).category);
      return out;
    };
    let sources = await sourceRows();
    expect(sources.map((s) => [s.ip, s.messages])).toEqual([
      ['192.0.2.10', '13'],
      ['203.0.113.5', '4'],
      ['198.51.100.7', '2'],
      ['192.0.2.99', '1'],
    ]);
    let categories = await expectedCategories({});
    expect(Object.fromEntries(sources.map((s) => [s.ip, s.category]))).toEqual(
      Object.fromEntries(categories),
    );
    expect(categories.get('198.51.100.7')).toBe('spoofing');
    expect(categories.get('192.0.2.99')).toBe('forwarding');
    for (const s of sources) expect(s.label.length, `${s.ip} has a label`).toBeGreaterThan(0);
    // Nothing of the owner's fails yet: the unlisted third party counts as spoofing.
    await expect(page.textContent('#fixes')).resolves.toMatch(/^Nothing found/);
    await expect(page.textContent('#spoofing-note')).resolves.toMatch(
      /^6 messages from 2 sources you did not list look like spoofing/,
    );

    // The owner lists the third party's domain: it becomes their sender to set up.
    await page.click('#owner-knowledge summary');
    await page.fill('#known-domains', 'mailer.example');
    await page.press('#known-domains', 'Tab');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-source="203.0.113.5"]')?.getAttribute('data-category') !==
        'spoofing',
    );
    sources = await sourceRows();
    categories = await expectedCategories({ knownDomains: ['mailer.example'] });
    expect(categories.get('203.0.113.5')).toBe('forgotten-sender');
    expect(Object.fromEntries(sources.map((s) => [s.ip, s.category]))).toEqual(
      Object.fromEntries(categories),
    );
    const fixes = await page.locator('#fixes li').allTextContents();
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toMatch(
      /^203\.0\.113\.5 sends your mail but is not set up for DMARC.* \(4 messages\)$/,
    );
    await expect(page.textContent('#spoofing-note')).resolves.toMatch(/^2 messages from 1 source /);
  });

  it('adds a report dropped on the drop zone and lists a file that is not a report', async () => {
    const files = [
      { name: 'receiver-c.xml', bytes: [...Buffer.from(reportXml(DAY_3), 'utf8')] },
      {
        name: 'notes.txt',
        bytes: [...Buffer.from('these are not the reports you are looking for')],
      },
    ];
    await page.evaluate((list) => {
      const transfer = new DataTransfer();
      for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
      const zone = document.getElementById('drop-zone');
      for (const type of ['dragenter', 'dragover', 'drop'])
        zone?.dispatchEvent(
          new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
    }, files);
    await page.waitForFunction(() =>
      document.getElementById('reports-status')?.textContent?.startsWith('3 reports'),
    );
    const { total, passed } = tally([DAY_1, DAY_2, DAY_3]);
    await expect(page.textContent('#reports-status')).resolves.toBe(
      '3 reports summarised; 1 file could not be read.',
    );
    await expect(page.textContent('#total-messages')).resolves.toBe(String(total));
    await expect(page.textContent('#total-pass-rate')).resolves.toBe(pct(passed / total));
    await expect(page.textContent('#report-failures li')).resolves.toMatch(/^notes\.txt: /);
    await expect(page.locator('[data-chart="pass-rate"] svg circle').count()).resolves.toBe(3);
  });

  it('summarises the example reports (fixtures/example/reports) as Node reads them', async () => {
    const dir = join(ROOT, 'fixtures/example/reports');
    const names = readdirSync(dir).sort();
    const reports = await Promise.all(
      names.map((n) => parseAggregateReport(new Uint8Array(readFileSync(join(dir, n))))),
    );
    let total = 0;
    let passed = 0;
    for (const r of reports)
      for (const row of r.records) {
        total += row.count;
        if (row.policyEvaluated.dkim === 'pass' || row.policyEvaluated.spf === 'pass')
          passed += row.count;
      }
    await page.click('#reports-clear');
    await expect(page.textContent('#reports-status')).resolves.toBe('Cleared.');
    await page.setInputFiles(
      '#report-files',
      names.map((n) => join(dir, n)),
    );
    await page.waitForFunction(() =>
      document.getElementById('reports-status')?.textContent?.includes('summarised'),
    );
    await expect(page.textContent('#reports-status')).resolves.toBe(
      `${names.length} reports summarised.`,
    );
    await expect(page.textContent('#total-messages')).resolves.toBe(total.toLocaleString('en-US'));
    await expect(page.textContent('#total-pass-rate')).resolves.toBe(pct(passed / total));
  });

  it('gives every chart a text alternative and a data table', async () => {
    const charts = await page.locator('figure.chart-figure').evaluateAll((figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const ids = (svg?.getAttribute('aria-labelledby') ?? '').split(' ');
        return {
          chart: f.getAttribute('data-chart'),
          role: svg?.getAttribute('role'),
          labels: ids.map((id) => document.getElementById(id)?.textContent ?? ''),
          tableRows: f.querySelectorAll('table tbody tr').length,
        };
      }),
    );
    expect(charts.map((c) => c.chart)).toEqual(['pass-rate', 'sources']);
    for (const c of charts) {
      expect(c.role).toBe('img');
      expect(c.labels).toHaveLength(2);
      for (const text of c.labels) expect(text.length).toBeGreaterThan(10);
      expect(c.tableRows).toBeGreaterThan(0);
    }
    expect(pageErrors).toEqual([]);
  });

  it('saves a screenshot of the rendered page as a test artifact', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'demo.png');
    const png = await page.screenshot({ path, fullPage: true });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  });
});
