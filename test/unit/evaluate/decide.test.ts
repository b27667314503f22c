import { describe, expect, it } from 'vitest';
import { EVALUATE_DIAGNOSTICS } from '../../../src/evaluate/catalogue.js';
import { decide } from '../../../src/evaluate/decide.js';
import type { DecideOptions, DmarcInput } from '../../../src/evaluate/types.js';
import type { PolicyDiscovery } from '../../../src/org-domain/types.js';
import { parseRecord } from '../../../src/record/index.js';

function found(
  fromDomain: string,
  policyDomain: string,
  text: string,
  org = policyDomain,
): PolicyDiscovery {
  const parsed = parseRecord(text);
  if (!parsed.ok) throw new Error(`test record does not parse: ${text}`);
  return {
    status: 'found',
    fromDomain,
    policyDomain,
    organizationalDomain: org,
    record: parsed.record,
    text,
    queries: [`_dmarc.${fromDomain}`],
    diagnostics: [],
    method: 'tree-walk',
  };
}
const ORGS: Record<string, string> = {
  'example.com': 'example.com',
  'news.example.com': 'example.com',
  'bounce.example.com': 'example.com',
  'example.net': 'example.net',
};
const org = (d: string): string | null => ORGS[d] ?? null;
const run = (input: DmarcInput, discovery: PolicyDiscovery, options?: DecideOptions) =>
  decide(input, discovery, org, options);

const FAIL: DmarcInput = { from: 'a@example.com', spf: { domain: 'example.net', result: 'pass' } };

describe('decide: the pass rule (RFC 9989 §4.4, §5.3.5)', () => {
  const d = found('example.com', 'example.com', 'v=DMARC1; p=reject');
  it('passes on aligned SPF', () => {
    const r = run(
      { from: 'a@example.com', spf: { domain: 'bounce.example.com', result: 'pass' } },
      d,
    );
    expect(r).toMatchObject({ result: 'pass', disposition: 'none', appliedPolicy: 'reject' });
    expect(r.spf).toEqual({ domain: 'bounce.example.com', result: 'pass', aligned: true });
  });
  it('passes on any aligned DKIM signature', () => {
    const r = run(
      {
        from: 'a@example.com',
        dkim: [
          { domain: 'example.net', result: 'pass', selector: 's1' },
          { domain: 'example.com', result: 'pass', selector: 's2' },
        ],
      },
      d,
    );
    expect(r.result).toBe('pass');
    expect(r.dkim.map((x) => x.aligned)).toEqual([false, true]);
  });
  it('an aligned but failing identifier does not pass', () => {
    const r = run({ from: 'a@example.com', spf: { domain: 'example.com', result: 'softfail' } }, d);
    expect(r).toMatchObject({ result: 'fail', disposition: 'reject' });
  });
  it('no identifiers at all fails', () => {
    expect(run({ from: 'a@example.com' }, d).result).toBe('fail');
  });
  it('strict modes need identical names', () => {
    const s = found('example.com', 'example.com', 'v=DMARC1; p=reject; aspf=s; adkim=s');
    expect(
      run({ from: 'a@example.com', spf: { domain: 'bounce.example.com', result: 'pass' } }, s)
        .result,
    ).toBe('fail');
    expect(
      run({ from: 'a@example.com', dkim: [{ domain: 'EXAMPLE.com.', result: 'pass' }] }, s).result,
    ).toBe('pass');
  });
});

describe('decide: which policy applies (RFC 9989 §4.7, §4.10.1)', () => {
  const text = 'v=DMARC1; p=reject; sp=quarantine; np=none';
  it('p at the author domain', () => {
    expect(run(FAIL, found('example.com', 'example.com', text))).toMatchObject({
      appliedPolicy: 'reject',
      policySource: 'p',
    });
  });
  it('sp for an existing subdomain', () => {
    const r = run(
      { ...FAIL, from: 'a@news.example.com' },
      found('news.example.com', 'example.com', text),
    );
    expect(r).toMatchObject({
      appliedPolicy: 'quarantine',
      policySource: 'sp',
      disposition: 'quarantine',
    });
  });
  it('np only when the author domain is NXDOMAIN', () => {
    const disc = found('news.example.com', 'example.com', text);
    const input = { ...FAIL, from: 'a@news.example.com' };
    expect(run(input, disc, { authorDomain: 'nxdomain' })).toMatchObject({
      policySource: 'np',
      disposition: 'none',
    });
    expect(run(input, disc, { authorDomain: 'exists' })).toMatchObject({ policySource: 'sp' });
    expect(run(input, disc)).toMatchObject({ policySource: 'sp' });
  });
  it('np absent: a non-existent subdomain falls back to sp, then p', () => {
    const input = { ...FAIL, from: 'a@news.example.com' };
    const withSp = found('news.example.com', 'example.com', 'v=DMARC1; p=reject; sp=quarantine');
    expect(run(input, withSp, { authorDomain: 'nxdomain' })).toMatchObject({
      policySource: 'sp',
      appliedPolicy: 'quarantine',
    });
    const onlyP = found('news.example.com', 'example.com', 'v=DMARC1; p=reject');
    expect(run(input, onlyP, { authorDomain: 'nxdomain' })).toMatchObject({
      policySource: 'p',
      appliedPolicy: 'reject',
    });
  });
  it('RFC 7489 mode ignores np', () => {
    const r = run(
      { ...FAIL, from: 'a@news.example.com' },
      found('news.example.com', 'example.com', text),
      {
        authorDomain: 'nxdomain',
        mode: 'rfc7489',
      },
    );
    expect(r).toMatchObject({ policySource: 'sp', appliedPolicy: 'quarantine' });
  });
  it('existence unknown turns a failure that np could change into temperror', () => {
    const r = run(
      { ...FAIL, from: 'a@news.example.com' },
      found('news.example.com', 'example.com', text),
      {
        authorDomain: 'temperror',
      },
    );
    expect(r).toMatchObject({ result: 'temperror', temperrorCause: 'dns' });
    const same = found(
      'news.example.com',
      'example.com',
      'v=DMARC1; p=reject; sp=reject; np=reject',
    );
    expect(
      run({ ...FAIL, from: 'a@news.example.com' }, same, { authorDomain: 'temperror' }).result,
    ).toBe('fail');
  });
});

describe('decide: broken records (RFC 9989 §4.10.1, RFC 7489 §6.6.3)', () => {
  it('an invalid p with a valid rua acts as p=none, ignoring sp', () => {
    const r = run(
      { ...FAIL, from: 'a@news.example.com' },
      found(
        'news.example.com',
        'example.com',
        'v=DMARC1; p=bogus; sp=reject; rua=mailto:d@example.com',
      ),
    );
    expect(r).toMatchObject({ result: 'fail', appliedPolicy: 'none', disposition: 'none' });
    expect(r.diagnostics.map((x) => x.code)).toContain('policy-invalid-acts-as-none');
  });
  it('an invalid np with rua acts as p=none', () => {
    const r = run(
      FAIL,
      found('example.com', 'example.com', 'v=DMARC1; p=reject; np=bad; rua=mailto:d@example.com'),
    );
    expect(r).toMatchObject({ appliedPolicy: 'none', disposition: 'none' });
  });
  it('RFC 9989 reads an absent p as p=none; RFC 7489 needs rua for that', () => {
    const d = found('example.com', 'example.com', 'v=DMARC1; sp=reject');
    expect(run(FAIL, d)).toMatchObject({ result: 'fail', appliedPolicy: 'none' });
    expect(run(FAIL, d, { mode: 'rfc7489' })).toMatchObject({
      result: 'permerror',
      disposition: 'none',
    });
    const withRua = found('example.com', 'example.com', 'v=DMARC1; rua=mailto:d@example.com');
    expect(run(FAIL, withRua, { mode: 'rfc7489' })).toMatchObject({
      result: 'fail',
      appliedPolicy: 'none',
    });
  });
});

describe('decide: t=y and pct (RFC 9989 §4.7, RFC 7489 §6.6.4)', () => {
  it('t=y lowers reject to quarantine and quarantine to none, for whichever tag applies', () => {
    expect(
      run(FAIL, found('example.com', 'example.com', 'v=DMARC1; p=reject; t=y')).disposition,
    ).toBe('quarantine');
    expect(
      run(FAIL, found('example.com', 'example.com', 'v=DMARC1; p=quarantine; t=y')).disposition,
    ).toBe('none');
    const sub = run(
      { ...FAIL, from: 'a@news.example.com' },
      found('news.example.com', 'example.com', 'v=DMARC1; p=none; sp=reject; t=y'),
    );
    expect(sub).toMatchObject({ appliedPolicy: 'reject', disposition: 'quarantine' });
  });
  it('t=y is ignored in RFC 7489 mode; pct is ignored in RFC 9989 mode', () => {
    const d = found('example.com', 'example.com', 'v=DMARC1; p=reject; t=y; pct=0');
    const never = () => 0.99;
    expect(run(FAIL, d, { random: never }).disposition).toBe('quarantine');
    expect(run(FAIL, d, { mode: 'rfc7489', random: never }).disposition).toBe('quarantine');
    const t = found('example.com', 'example.com', 'v=DMARC1; p=reject; t=y');
    expect(run(FAIL, t, { mode: 'rfc7489' }).disposition).toBe('reject');
    const p50 = found('example.com', 'example.com', 'v=DMARC1; p=reject; pct=50');
    expect(run(FAIL, p50, { random: never }).disposition).toBe('reject');
  });
  it('pct samples with the caller random source in RFC 7489 mode', () => {
    const d = found('example.com', 'example.com', 'v=DMARC1; p=reject; pct=30');
    expect(run(FAIL, d, { mode: 'rfc7489', random: () => 0.29 }).disposition).toBe('reject');
    expect(run(FAIL, d, { mode: 'rfc7489', random: () => 0.3 }).disposition).toBe('quarantine');
    const q = found('example.com', 'example.com', 'v=DMARC1; p=quarantine; pct=30');
    expect(run(FAIL, q, { mode: 'rfc7489', random: () => 0.5 }).disposition).toBe('none');
  });
  it('does not draw a random number when nothing depends on it', () => {
    let draws = 0;
    const random = () => {
      draws++;
      return 0;
    };
    run(FAIL, found('example.com', 'example.com', 'v=DMARC1; p=reject'), {
      mode: 'rfc7489',
      random,
    });
    run(FAIL, found('example.com', 'example.com', 'v=DMARC1; p=none; pct=10'), {
      mode: 'rfc7489',
      random,
    });
    run(
      { from: 'a@example.com', spf: { domain: 'example.com', result: 'pass' } },
      found('example.com', 'example.com', 'v=DMARC1; p=reject; pct=10'),
      { mode: 'rfc7489', random },
    );
    expect(draws).toBe(0);
  });
});

describe('decide: errors (RFC 9989 §5.3.6, RFC 7489 §6.6.2)', () => {
  it('discovery temperror and none', () => {
    const base = {
      fromDomain: 'example.com',
      organizationalDomain: 'example.com',
      queries: [],
      diagnostics: [],
      method: 'tree-walk' as const,
    };
    expect(run(FAIL, { ...base, status: 'temperror' })).toMatchObject({
      result: 'temperror',
      temperrorCause: 'dns',
    });
    expect(run(FAIL, { ...base, status: 'none' })).toMatchObject({
      result: 'none',
      disposition: 'none',
    });
  });
  it('an SPF or DKIM temperror that might align gives temperror when nothing passed', () => {
    const d = found('example.com', 'example.com', 'v=DMARC1; p=reject');
    expect(
      run({ from: 'a@example.com', spf: { domain: 'example.com', result: 'temperror' } }, d),
    ).toMatchObject({
      result: 'temperror',
      temperrorCause: 'spf',
    });
    expect(
      run({ from: 'a@example.com', dkim: [{ domain: 'example.com', result: 'temperror' }] }, d),
    ).toMatchObject({
      result: 'temperror',
      temperrorCause: 'dkim',
    });
    // an unaligned temperror cannot change the verdict
    expect(
      run({ from: 'a@example.com', dkim: [{ domain: 'example.net', result: 'temperror' }] }, d)
        .result,
    ).toBe('fail');
    // an aligned pass wins over a temperror
    expect(
      run(
        {
          from: 'a@example.com',
          spf: { domain: 'example.com', result: 'temperror' },
          dkim: [{ domain: 'example.com', result: 'pass' }],
        },
        d,
      ).result,
    ).toBe('pass');
  });
  it('an unknown organizational domain of a passing identifier gives temperror', () => {
    const d = found('example.com', 'example.com', 'v=DMARC1; p=reject');
    const r = decide(
      { from: 'a@example.com', dkim: [{ domain: 'x.example.com', result: 'pass' }] },
      d,
      (x) => (x === 'example.com' ? 'example.com' : (undefined as unknown as null)),
    );
    expect(r).toMatchObject({ result: 'temperror', temperrorCause: 'dns' });
  });
  it('a From without a domain is a permerror', () => {
    const base = {
      status: 'none' as const,
      fromDomain: '',
      organizationalDomain: '',
      queries: [],
      diagnostics: [],
      method: 'tree-walk' as const,
    };
    const r = run({ from: 'undisclosed-recipients:;' }, base);
    expect(r).toMatchObject({ result: 'permerror', authenticationResults: 'dmarc=permerror' });
  });
  it('every emitted code is in the catalogue', () => {
    const d = found('example.com', 'example.com', 'v=DMARC1; p=reject; t=y; pct=5');
    const all = [
      run(FAIL, d),
      run(FAIL, d, { mode: 'rfc7489', random: () => 0.9 }),
      run(FAIL, found('example.com', 'example.com', 'v=DMARC1; p=x; rua=mailto:a@example.com')),
    ];
    for (const r of all)
      for (const diag of r.diagnostics)
        expect(Object.keys(EVALUATE_DIAGNOSTICS)).toContain(diag.code);
  });
});

describe('decide: Authentication-Results and trace', () => {
  it('formats the RFC 8601 method string', () => {
    const d = found('example.com', 'example.com', 'v=DMARC1; p=reject');
    const pass = run({ from: 'a@example.com', spf: { domain: 'example.com', result: 'pass' } }, d);
    expect(pass.authenticationResults).toBe(
      'dmarc=pass (p=reject dis=none) header.from=example.com',
    );
    const fail = run(
      FAIL,
      found('example.com', 'example.com', 'v=DMARC1; p=reject; sp=quarantine; t=y'),
    );
    expect(fail.authenticationResults).toBe(
      'dmarc=fail (p=reject sp=quarantine t=y dis=quarantine) header.from=example.com',
    );
  });
  it('explains itself in the trace', () => {
    const d = found('example.com', 'example.com', 'v=DMARC1; p=reject');
    const r = run(
      { from: 'a@example.com', spf: { domain: 'bounce.example.com', result: 'pass' } },
      d,
      { trace: true },
    );
    expect(r.trace?.identifiers[0]).toMatchObject({
      kind: 'spf',
      aligned: true,
      reason: 'same-organizational-domain',
    });
    expect(r.trace?.steps.join('\n')).toContain('DMARC passes');
  });
});
