/** Pure helpers of the CLI (src/cli): output formatting, flag parsing. Process tests live in test/integration/cli.test.ts. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/args.js';
import { parseMethod } from '../../../src/cli/commands/check.js';
import { parseAuthResult } from '../../../src/cli/commands/evaluate.js';
import { reportRow } from '../../../src/cli/commands/report.js';
import {
  csv,
  csvField,
  formatDiagnostics,
  printable,
  styles,
  table,
  useColour,
  visibleWidth,
} from '../../../src/cli/output.js';
import {
  parseServer,
  parseTimeout,
  resolverFromFlags,
} from '../../../src/cli/resolver-from-flags.js';
import type { AggregateReport } from '../../../src/report/types.js';

describe('useColour', () => {
  it('only on a TTY, never with NO_COLOR, FORCE_COLOR for pipes', () => {
    expect(useColour({ isTTY: true }, {})).toBe(true);
    expect(useColour({ isTTY: false }, {})).toBe(false);
    expect(useColour({}, {})).toBe(false);
    expect(useColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true); // empty means unset (no-color.org)
    expect(useColour({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColour({ isTTY: false }, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColour({ isTTY: true }, { FORCE_COLOR: '1', NO_COLOR: 'x' })).toBe(false);
  });
  it('styles are the identity when off', () => {
    expect(styles(false).red('x')).toBe('x');
    expect(styles(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});

describe('printable', () => {
  it('escapes C0, C1, DEL and line separators, keeps other text', () => {
    expect(printable('plain ünïcode')).toBe('plain ünïcode');
    expect(printable('a\u001b[31mb')).toBe('a\\u{1b}[31mb');
    expect(printable('x\ny\rz\t\u007f\u009b\u2028')).toBe(
      'x\\u{a}y\\u{d}z\\u{9}\\u{7f}\\u{9b}\\u{2028}',
    );
  });
});

describe('table and visibleWidth', () => {
  it('aligns columns, ignoring colour codes, right-aligns the given columns', () => {
    const s = styles(true);
    expect(visibleWidth(s.bold('abc'))).toBe(3);
    const text = table(
      [
        [s.bold('name'), 'n'],
        ['a', '10'],
        ['longer', '7'],
      ],
      [1],
    );
    expect(text.replace(/\u001b\[[0-9;]*m/g, '')).toBe('name     n\na       10\nlonger   7');
  });
});

describe('csv', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
    expect(csvField(undefined)).toBe('');
    expect(
      csv([
        ['a', 1],
        ['b\nc', 2],
      ]),
    ).toBe('a,1\r\n"b\nc",2\r\n');
  });
});

describe('formatDiagnostics', () => {
  it('lists errors first and says so when there is nothing', () => {
    const s = styles(false);
    expect(formatDiagnostics([], s)).toBe('  no findings');
    const text = formatDiagnostics(
      [
        { code: 'b', severity: 'info', message: 'later' },
        { code: 'a', severity: 'error', message: 'first' },
      ],
      s,
      '',
    );
    expect(text.split('\n')).toEqual(['error  a  first', 'info   b  later']);
  });
});

describe('flag parsing', () => {
  it('--server takes an IP address with an optional port', () => {
    expect(parseServer('127.0.0.1')).toBe('127.0.0.1');
    expect(parseServer('127.0.0.1:5353')).toBe('127.0.0.1:5353');
    expect(parseServer('[::1]:53')).toBe('[::1]:53');
    expect(parseServer('::1')).toBe('::1');
    for (const bad of [
      'dns.example',
      '256.1.1.1',
      '127.0.0.1:0',
      '127.0.0.1:99999',
      '[::1',
      '[::1]x',
    ]) {
      expect(() => parseServer(bad), bad).toThrow(UsageError);
    }
  });
  it('--timeout and --method', () => {
    expect(parseTimeout(undefined)).toBe(5000);
    expect(parseTimeout('250')).toBe(250);
    expect(() => parseTimeout('0')).toThrow(UsageError);
    expect(() => parseTimeout('1.5')).toThrow(UsageError);
    expect(parseMethod('psl')).toBe('psl');
    expect(parseMethod(undefined)).toBeUndefined();
    expect(() => parseMethod('walk')).toThrow(UsageError);
  });
  it('one DNS source at most; --doh needs an http(s) URL', () => {
    expect(() =>
      resolverFromFlags({ server: '127.0.0.1', doh: 'https://dns.example/dns-query' }),
    ).toThrow(/only one of --server, --doh/);
    expect(() => resolverFromFlags({ doh: 'ftp://x' })).toThrow(UsageError);
    expect(resolverFromFlags({ doh: 'https://dns.example/dns-query' }).source).toBe(
      'DNS over HTTPS https://dns.example/dns-query',
    );
  });
  it('--spf and --dkim results', () => {
    const spf = ['pass', 'fail'] as const;
    expect(parseAuthResult('spf', 'example.com:PASS', spf, false)).toEqual({
      domain: 'example.com',
      result: 'pass',
    });
    expect(parseAuthResult('dkim', 'example.com:fail:s1', spf, true)).toEqual({
      domain: 'example.com',
      result: 'fail',
      selector: 's1',
    });
    expect(() => parseAuthResult('spf', 'example.com', spf, false)).toThrow(UsageError);
    expect(() => parseAuthResult('spf', ':pass', spf, false)).toThrow(UsageError);
    expect(() => parseAuthResult('spf', 'example.com:maybe', spf, false)).toThrow(/unknown result/);
    expect(() => parseAuthResult('dkim', 'example.com:pass:', spf, true)).toThrow(/empty selector/);
  });
});

describe('reportRow', () => {
  it('counts messages and DMARC passes (aligned SPF or DKIM pass)', () => {
    const record = (count: number, dkim: string, spf: string) => ({
      sourceIp: '192.0.2.1',
      count,
      policyEvaluated: { disposition: 'none', dkim, spf, reasons: [] },
      identifiers: { headerFrom: 'example.com' },
      authResults: { dkim: [], spf: [] },
      extensions: [],
    });
    const report = {
      metadata: {
        orgName: 'R',
        reportId: 'id',
        begin: new Date(Date.UTC(2026, 11, 1)),
        end: new Date(Date.UTC(2026, 11, 2)),
        errors: [],
      },
      policyPublished: { domain: 'example.com', p: 'none' },
      records: [record(5, 'pass', 'fail'), record(3, 'fail', 'pass'), record(2, 'fail', 'fail')],
      extensions: [],
      diagnostics: [],
    } as unknown as AggregateReport;
    expect(reportRow('f.xml', report)).toEqual({
      file: 'f.xml',
      orgName: 'R',
      reportId: 'id',
      domain: 'example.com',
      begin: '2026-12-01 00:00',
      end: '2026-12-02 00:00',
      policy: 'p=none',
      messages: 10,
      dmarcPass: 8,
      dmarcFail: 2,
    });
  });
});
