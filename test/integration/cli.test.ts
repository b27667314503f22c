/**
 * The `dmarc-kit` command as a process: stdout, stderr and exit code of every command, with
 * DNS from the real server (Knot, started by the global setup, serving fixtures/zones) over
 * plain DNS and DoH, and offline from the example zone file.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasScript, ROOT, runCli, runCliInTty } from './cli-run.js';

const server = inject('dnsServer');
const dohUrl = inject('dohUrl');
const servfailZone = inject('servfailZone');
const EXAMPLE_ZONE = 'fixtures/example/example.zone';
const EXAMPLE_REPORTS = 'fixtures/example/reports';
const ANSI = /\u001b\[[0-9;]*m/;

beforeAll(async () => {
  // Build (or find) the CLI once, outside the per-test time limit.
  await runCli(['--version']);
}, 120_000);

describe('dmarc-kit: help, version and usage errors', () => {
  it('--help lists the commands and exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['check', 'record', 'report', 'evaluate'])
      expect(r.stdout).toContain(`  ${name}`);
    expect(r.stdout).toContain('Exit codes:');
    expect(r.stderr).toBe('');
  });

  it('no arguments prints the help and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: dmarc-kit <command>');
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  for (const name of ['check', 'record', 'report', 'evaluate']) {
    it(`${name} --help and help ${name} print the command's usage`, async () => {
      const a = await runCli([name, '--help']);
      expect(a.code).toBe(0);
      expect(a.stdout).toContain(`Usage: dmarc-kit ${name}`);
      expect(a.stdout).toContain('Exit codes:');
      const b = await runCli(['help', name]);
      expect(b.stdout).toBe(a.stdout);
    });
  }

  it('an unknown command or option is a usage error (exit 2, message on stderr)', async () => {
    const a = await runCli(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.stdout).toBe('');
    expect(a.stderr).toContain('Unknown command "frobnicate"');
    const b = await runCli(['check', '--bogus', 'example.com']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("Unknown option '--bogus'");
    expect(b.stderr).toContain('dmarc-kit check --help');
  });
});

describe('dmarc-kit check against the real DNS server', () => {
  it('check.test: monitoring, one authorized and one unauthorized destination (exit 1)', async () => {
    const r = await runCli(['check', '--server', server, 'check.test']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^check\.test\n/);
    expect(r.stdout).toContain('monitoring (no enforcement)');
    expect(r.stdout).toContain('mailto:r@check-reports.test  external, authorized');
    expect(r.stdout).toContain('mailto:x@noauth.check-reports.test  external, NOT authorized');
    expect(r.stdout).toMatch(/error +report-destination-unauthorized/);
    expect(r.stdout).toContain('v=spf1 mx -all');
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('parked.check.test declares no mail everywhere (exit 0)', async () => {
    const r = await runCli(['check', '--server', server, 'parked.check.test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Null MX +yes/);
    expect(r.stdout).toContain('declared in MX, SPF and DMARC');
    expect(r.stdout).toMatch(/info +no-mail-declared/);
  });

  it('--json gives one DomainCheck per domain, in order', async () => {
    const r = await runCli([
      'check',
      '--json',
      '--server',
      server,
      'broken.check.test',
      'sub.check.test',
      'quarantine.check.test',
      'nodmarc.check-reports.test',
    ]);
    expect(r.code).toBe(1);
    const checks = JSON.parse(r.stdout) as {
      domain: string;
      stage: string;
      spf: { status: string };
      nullMx: boolean;
      dmarc: { policyDomain?: string };
      diagnostics: { code: string }[];
    }[];
    expect(checks.map((c) => [c.domain, c.stage])).toEqual([
      ['broken.check.test', 'quarantine'],
      ['sub.check.test', 'monitoring'],
      ['quarantine.check.test', 'quarantine'],
      ['nodmarc.check-reports.test', 'none'],
    ]);
    const [broken, sub, quarantine, none] = checks;
    expect(broken?.spf.status).toBe('multiple');
    expect(broken?.diagnostics.map((d) => d.code)).toContain('spf-multiple');
    expect(sub?.dmarc.policyDomain).toBe('check.test');
    expect(quarantine?.nullMx).toBe(false);
    expect(quarantine?.diagnostics.map((d) => d.code)).toContain('null-mx-mixed');
    expect(none?.diagnostics.map((d) => d.code)).toContain('dmarc-none');
  });

  it('gives the same answers over DNS over HTTPS', async () => {
    const plain = await runCli([
      'check',
      '--json',
      '--server',
      server,
      'check.test',
      'parked.check.test',
    ]);
    const doh = await runCli([
      'check',
      '--json',
      '--doh',
      dohUrl,
      'check.test',
      'parked.check.test',
    ]);
    expect(doh.code).toBe(plain.code);
    expect(JSON.parse(doh.stdout)).toEqual(JSON.parse(plain.stdout));
  });

  it('a DMARC lookup that fails (SERVFAIL) stops with exit 2', async () => {
    const r = await runCli(['check', '--server', server, `example.${servfailZone}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('run the check again');
    expect(r.stdout).toMatch(/dns-temperror/);
  });

  it('refuses a bad --server, two DNS sources, and no domain', async () => {
    const a = await runCli(['check', '--server', 'dns.example', 'check.test']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--server needs an IP address');
    const b = await runCli(['check', '--server', server, '--zone', EXAMPLE_ZONE, 'check.test']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('Use only one of --server, --zone');
    const c = await runCli(['check']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('check needs at least one domain');
  });
});

describe('dmarc-kit check offline (--zone)', () => {
  it('checks the example domains from the zone file with no network (exit 0)', async () => {
    const r = await runCli(['check', '--zone', EXAMPLE_ZONE, 'example.com', 'example.org']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('example.com\n  DMARC        _dmarc.example.com');
    expect(r.stdout).toContain('Next step    Read the aggregate reports');
    expect(r.stdout).toContain('mailto:reports@dmarc-reports.example.net  external, authorized');
    expect(r.stdout).toContain('example.org. IN TXT "v=spf1 -all"');
  });

  it('an unreadable zone file is an I/O error (exit 2)', async () => {
    const r = await runCli(['check', '--zone', 'no/such/file.zone', 'example.com']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read zone file no/such/file.zone');
  });
});

describe('dmarc-kit record', () => {
  it('a usable record with warnings exits 0', async () => {
    const r = await runCli(['record', 'v=DMARC1; p=quarantine; sp=none; rua=mailto:d@example.com']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid: receivers use this record');
    expect(r.stdout).toMatch(/warning +sp-weaker-than-p/);
  });

  it('text receivers ignore exits 1; --json gives the parse result', async () => {
    const r = await runCli(['record', 'p=reject; v=DMARC1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('not a usable DMARC record');
    const j = await runCli(['record', '--json', 'p=reject; v=DMARC1']);
    expect(j.code).toBe(1);
    const parsed = JSON.parse(j.stdout) as { ok: boolean; diagnostics: { severity: string }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('control characters from the input are shown escaped, never sent to the terminal', async () => {
    const r = await runCli(['record', 'v=DMARC1; p=none; rua=mailto:a@example.com\u001b[2J']);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\u{1b}[2J');
  });

  it('needs exactly one argument', async () => {
    expect((await runCli(['record'])).code).toBe(2);
    const r = await runCli(['record', 'v=DMARC1;', 'p=none']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('put the whole record in quotes');
  });
});

describe('dmarc-kit report', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dmarc-kit-cli-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('summarises the example reports (XML, gzip, zip) by report and by source', async () => {
    const r = await runCli(['report', EXAMPLE_REPORTS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^reporter +report id +domain/);
    expect(r.stdout).toContain('Receiver One');
    expect(r.stdout).toContain('Receiver Two');
    expect(r.stdout).toContain('Receiver Three');
    expect(lines).toContainEqual(expect.stringMatching(/^total +312 +298 +14$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^source ip +header from +messages +pass +fail +verdict$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^203\.0\.113\.77 +shop\.example\.com +11 +0 +11 +spoofing$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^2001:db8::25 +example\.com +6 +6 +0 +forwarding$/),
    );
    expect(r.stdout).toContain('What to do\n  - 203.0.113.77 sent mail as shop.example.com');
    expect(lines.at(-1)).toBe('3 reports, 312 messages, 95.5% passed DMARC');
  });

  it('--csv (the sources) and --json (summary, reports, sources, failures)', async () => {
    const c = await runCli(['report', '--csv', EXAMPLE_REPORTS]);
    expect(c.code).toBe(0);
    const rows = c.stdout.split('\r\n');
    expect(rows[0]).toBe('source ip,header from,messages,pass,fail,verdict,what to do');
    expect(rows[1]).toBe('192.0.2.25,example.com,252,252,0,pass,');
    expect(rows).toHaveLength(7); // header, five sources, and the empty string after the last CRLF
    const j = await runCli(['report', '--json', EXAMPLE_REPORTS]);
    const parsed = JSON.parse(j.stdout) as {
      summary: { reports: number; total: { messages: number; dmarcPass: number } };
      reports: { messages: number }[];
      sources: { sourceIp: string; category: string }[];
      failures: unknown[];
    };
    expect(parsed.summary.reports).toBe(3);
    expect(parsed.summary.total).toMatchObject({ messages: 312, dmarcPass: 298 });
    expect(parsed.reports.map((x) => x.messages).sort((a, b) => a - b)).toEqual([63, 86, 163]);
    expect(parsed.sources.filter((s) => s.category === 'spoofing').map((s) => s.sourceIp)).toEqual([
      '203.0.113.77',
      '203.0.113.9',
    ]);
    expect(parsed.failures).toEqual([]);
    expect((await runCli(['report', '--json', '--csv', EXAMPLE_REPORTS])).code).toBe(2);
  });

  it('--known-source marks a listed sender; a bad network is a usage error', async () => {
    const r = await runCli([
      'report',
      '--json',
      '--known-source',
      '203.0.113.0/28',
      EXAMPLE_REPORTS,
    ]);
    const parsed = JSON.parse(r.stdout) as { sources: { sourceIp: string; category: string }[] };
    expect(parsed.sources.find((s) => s.sourceIp === '203.0.113.9')?.category).toBe(
      'forgotten-sender',
    );
    const bad = await runCli(['report', '--known-source', '203.0.113.0/99', EXAMPLE_REPORTS]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--known-source');
  });

  it('lists files that fail with their error and still reports the rest (exit 1)', async () => {
    const folder = join(dir, 'mixed');
    rmSync(folder, { recursive: true, force: true });
    copyDir(join(ROOT, EXAMPLE_REPORTS), folder);
    writeFileSync(join(folder, 'broken.xml'), '<feedback><report_metadata>');
    writeFileSync(join(folder, 'notes.txt'), 'not read: not a report file name');
    const r = await runCli(['report', folder]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('3 reports, 312 messages');
    expect(r.stderr).toContain('1 file failed');
    expect(r.stderr).toContain('broken.xml');
    expect(r.stderr).not.toContain('notes.txt');
  });

  it('a path that does not exist is an I/O error (exit 2), the rest still reported', async () => {
    const r = await runCli(['report', EXAMPLE_REPORTS, join(dir, 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('3 reports');
    expect(r.stderr).toContain('no such file or folder (io)');
  });

  it('prints a progress line on stderr when reading many files', async () => {
    const many = join(dir, 'many');
    copyDir(join(ROOT, EXAMPLE_REPORTS), many);
    const source = join(
      ROOT,
      EXAMPLE_REPORTS,
      'receiver-one.example!example.com!1796083200!1796169600.xml',
    );
    for (let i = 0; i < 9; i++) copyFileSync(source, join(many, `copy-${i}.xml`));
    const r = await runCli(['report', many]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Reading 12 report files...\n');
    // The nine copies repeat a reporter and report ID: counted once (RFC 9990 §3.5.4).
    expect(r.stdout).toContain('3 reports (9 duplicates skipped), 312 messages');
  });
});

describe('dmarc-kit evaluate against the real DNS server', () => {
  it('aligned SPF pass: dmarc=pass (exit 0)', async () => {
    const r = await runCli([
      'evaluate',
      '--server',
      server,
      '--from',
      'alice@check.test',
      '--spf',
      'check.test:pass',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('dmarc=pass (p=none dis=none) header.from=check.test');
  });

  it('nothing aligned under p=quarantine: fail, disposition quarantine (exit 1)', async () => {
    const r = await runCli([
      'evaluate',
      '--json',
      '--server',
      server,
      '--from',
      'Bob <bob@quarantine.check.test>',
      '--spf',
      'elsewhere.example:pass',
      '--dkim',
      'quarantine.check.test:fail:s1',
      '--dkim',
      'other.example:pass',
    ]);
    expect(r.code).toBe(1);
    const e = JSON.parse(r.stdout) as {
      result: string;
      disposition: string;
      dkim: { selector?: string }[];
    };
    expect(e.result).toBe('fail');
    expect(e.disposition).toBe('quarantine');
    expect(e.dkim[0]?.selector).toBe('s1');
  });

  it('a DNS failure is temperror (exit 2)', async () => {
    const r = await runCli(['evaluate', '--server', server, '--from', `x@example.${servfailZone}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('temperror');
  });

  it('offline from the example zone, with --trace', async () => {
    const r = await runCli([
      'evaluate',
      '--zone',
      EXAMPLE_ZONE,
      '--trace',
      '--from',
      'a@example.com',
      '--dkim',
      'example.com:pass:s2026',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dmarc=pass');
    expect(r.stdout).toContain('Trace');
  });

  it('usage errors: no --from, a bad result, a positional argument', async () => {
    expect((await runCli(['evaluate', '--zone', EXAMPLE_ZONE])).stderr).toContain(
      'evaluate needs --from',
    );
    const bad = await runCli([
      'evaluate',
      '--zone',
      EXAMPLE_ZONE,
      '--from',
      'a@example.com',
      '--spf',
      'example.com:hardfail',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown result "hardfail"');
    expect((await runCli(['evaluate', 'example.com'])).code).toBe(2);
  });
});

describe('colour', () => {
  it('none when piped; FORCE_COLOR turns it on; NO_COLOR always wins', async () => {
    const args = ['record', 'v=DMARC1; p=none'];
    expect((await runCli(args)).stdout).not.toMatch(ANSI);
    expect((await runCli(args, { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await runCli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(
      ANSI,
    );
  });

  describe.skipIf(!hasScript())('on a terminal (util-linux script)', () => {
    it('colours on a TTY unless NO_COLOR is set', async () => {
      const args = ['check', '--zone', EXAMPLE_ZONE, 'example.com'];
      const tty = await runCliInTty(args);
      expect(tty.code).toBe(0);
      expect(tty.stdout).toMatch(ANSI);
      const plain = await runCliInTty(args, { NO_COLOR: '1' });
      expect(plain.stdout).not.toMatch(ANSI);
      expect(plain.stdout).toContain('monitoring (no enforcement)');
    });
  });
});

function copyDir(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name));
}
