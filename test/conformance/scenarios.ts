/**
 * Hand-checked DMARC evaluation scenarios: a zone, a message (From, SPF, DKIM) and the verdict
 * the RFCs require, each citing the rule it exercises. Every scenario owns the names under
 * `sNN.example` (RFC 2606 reserves `.example`), so all zones merge into one: the static
 * resolver serves it in the unit project, and `fixtures/zones/example.zone` (generated from
 * this table by `zoneFileText`, checked by the conformance test) is served by Knot in the
 * integration project. Scenarios that need a DNS failure or a delay run against the static
 * resolver only (`staticOnly`).
 */
import type { DnsErrorCode } from '../../src/dns/types.js';
import type { DmarcInput, DmarcMode, TemperrorCause } from '../../src/evaluate/types.js';
import type { DiscoveryMethod } from '../../src/org-domain/types.js';
import type { Policy } from '../../src/record/types.js';

export interface ScenarioName {
  txt?: string[];
  /** The name exists with an A record (NODATA for TXT). */
  a?: boolean;
  /** Static resolver only: fail every lookup with this code. */
  error?: DnsErrorCode;
  /** Static resolver only: answer after this many milliseconds. */
  delayMs?: number;
}

export interface Scenario {
  id: string;
  /** The rule exercised, e.g. `RFC 9989 §4.7 (np)`. */
  rule: string;
  title: string;
  zone: Record<string, ScenarioName>;
  input: DmarcInput;
  options?: {
    method?: DiscoveryMethod;
    mode?: DmarcMode;
    /** A fixed value for the random source (pct sampling). */
    random?: number;
    maxQueries?: number;
    timeoutMs?: number;
  };
  expect: {
    result: 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';
    disposition: Policy;
    policyDomain?: string;
    organizationalDomain?: string;
    appliedPolicy?: Policy;
    policySource?: 'p' | 'sp' | 'np';
    temperrorCause?: TemperrorCause;
    fromDomain?: string;
    /** Distinct DNS names the evaluation asked. */
    queries?: number;
    authenticationResults?: string;
    /** Diagnostic codes that must be present. */
    diagnostics?: string[];
  };
  /** Needs a DNS failure or a delay the real server cannot give. */
  staticOnly?: boolean;
}

const PASS = 'pass' as const;

export const SCENARIOS: Scenario[] = [
  // ---- The DMARC pass rule (RFC 9989 §4.4, §5.3.5; RFC 7489 §3.1, §6.6.2 step 5) ----
  {
    id: 's01',
    rule: 'RFC 9989 §4.4.2, §5.3.5',
    title: 'SPF passes for the author domain itself',
    zone: { '_dmarc.s01.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@s01.example', spf: { domain: 's01.example', result: PASS } },
    expect: {
      result: 'pass',
      disposition: 'none',
      policyDomain: 's01.example',
      appliedPolicy: 'reject',
      policySource: 'p',
      authenticationResults: 'dmarc=pass (p=reject dis=none) header.from=s01.example',
    },
  },
  {
    id: 's02',
    rule: 'RFC 7489 §3.1.2 (relaxed example), RFC 9989 §3.2.10.1',
    title: 'SPF passes for a bounce subdomain: relaxed alignment',
    zone: { '_dmarc.s02.example': { txt: ['v=DMARC1; p=reject'] } },
    input: {
      from: 'payments@s02.example',
      spf: { domain: 'cbg.bounces.s02.example', result: PASS },
    },
    expect: { result: 'pass', disposition: 'none' },
  },
  {
    id: 's03',
    rule: 'RFC 7489 §3.1.2 (strict example), RFC 9989 §3.2.10.2',
    title: 'the same SPF pass with aspf=s does not align',
    zone: { '_dmarc.s03.example': { txt: ['v=DMARC1; p=reject; aspf=s'] } },
    input: {
      from: 'payments@s03.example',
      spf: { domain: 'cbg.bounces.s03.example', result: PASS },
    },
    expect: {
      result: 'fail',
      disposition: 'reject',
      authenticationResults: 'dmarc=fail (p=reject dis=reject) header.from=s03.example',
    },
  },
  {
    id: 's04',
    rule: 'RFC 7489 §3.1.1 (relaxed example), RFC 9989 §4.4.1',
    title: 'DKIM d= the parent of the author domain aligns in relaxed mode',
    zone: { '_dmarc.s04.example': { txt: ['v=DMARC1; p=quarantine'] } },
    input: {
      from: 'alerts@news.s04.example',
      dkim: [{ domain: 's04.example', result: PASS, selector: 'k1' }],
    },
    expect: {
      result: 'pass',
      disposition: 'none',
      policyDomain: 's04.example',
      policySource: 'p',
      appliedPolicy: 'quarantine',
    },
  },
  {
    id: 's05',
    rule: 'RFC 7489 §3.1.1 (strict example)',
    title: 'the same signature with adkim=s does not align',
    zone: { '_dmarc.s05.example': { txt: ['v=DMARC1; p=quarantine; adkim=s'] } },
    input: { from: 'alerts@news.s05.example', dkim: [{ domain: 's05.example', result: PASS }] },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'p' },
  },
  {
    id: 's06',
    rule: 'RFC 9989 §4.4.1 (any domain can sign)',
    title: 'a valid signature from an unrelated domain does not align',
    zone: {
      '_dmarc.s06.example': { txt: ['v=DMARC1; p=reject'] },
      '_dmarc.s06b.example': { txt: ['v=DMARC1; p=none'] },
    },
    input: { from: 'a@s06.example', dkim: [{ domain: 's06b.example', result: PASS }] },
    expect: { result: 'fail', disposition: 'reject' },
  },
  {
    id: 's07',
    rule: 'RFC 9989 §4.4.1 (any aligned signature passes)',
    title: 'an unaligned and an aligned passing signature: pass',
    zone: { '_dmarc.s07.example': { txt: ['v=DMARC1; p=reject'] } },
    input: {
      from: 'a@s07.example',
      dkim: [
        { domain: 'esp.s07b.example', result: PASS },
        { domain: 'mail.s07.example', result: PASS },
      ],
    },
    expect: { result: 'pass', disposition: 'none' },
  },
  {
    id: 's08',
    rule: 'RFC 9989 §4.4.1 (only a validated d= counts)',
    title: 'an aligned signature that fails verification does not pass',
    zone: { '_dmarc.s08.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@s08.example', dkim: [{ domain: 's08.example', result: 'fail' }] },
    expect: { result: 'fail', disposition: 'reject' },
  },
  {
    id: 's09',
    rule: 'RFC 9989 §4.4.2 (only an SPF pass is authenticated)',
    title: 'aligned SPF softfail does not pass',
    zone: { '_dmarc.s09.example': { txt: ['v=DMARC1; p=quarantine'] } },
    input: { from: 'a@s09.example', spf: { domain: 's09.example', result: 'softfail' } },
    expect: { result: 'fail', disposition: 'quarantine' },
  },
  {
    id: 's10',
    rule: 'RFC 9989 §5.3.5 (no authenticated identifiers)',
    title: 'no SPF and no DKIM results: fail',
    zone: { '_dmarc.s10.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@s10.example' },
    expect: { result: 'fail', disposition: 'reject' },
  },
  {
    id: 's11',
    rule: 'RFC 9989 §5.3.4, §5.3.5',
    title: 'unaligned SPF pass and aligned DKIM fail: fail',
    zone: { '_dmarc.s11.example': { txt: ['v=DMARC1; p=reject'] } },
    input: {
      from: 'a@s11.example',
      spf: { domain: 'mailer.s11b.example', result: PASS },
      dkim: [{ domain: 's11.example', result: 'fail' }],
    },
    expect: { result: 'fail', disposition: 'reject' },
  },
  {
    id: 's12',
    rule: 'RFC 7489 §3.1.1 (d=com never aligns)',
    title: 'a signature by the top-level domain never aligns',
    zone: { '_dmarc.s12.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@s12.example', dkim: [{ domain: 'example', result: PASS }] },
    expect: { result: 'fail', disposition: 'reject' },
  },
  {
    id: 's13',
    rule: 'RFC 9989 §4.4 (case-insensitive, RFC 4343)',
    title: 'case and trailing dots do not matter',
    zone: { '_dmarc.s13.example': { txt: ['v=DMARC1; p=reject; adkim=s'] } },
    input: { from: 'A@S13.EXAMPLE.', dkim: [{ domain: 's13.Example.', result: PASS }] },
    expect: { result: 'pass', disposition: 'none', fromDomain: 's13.example' },
  },
  {
    id: 's14',
    rule: 'RFC 9989 §5.3.1 (U-labels become A-labels)',
    title: 'a Unicode author domain is evaluated as its A-label',
    zone: { '_dmarc.xn--bcher-kva.s14.example': { txt: ['v=DMARC1; p=reject; adkim=s'] } },
    input: {
      from: 'Bücher <info@bücher.s14.example>',
      dkim: [{ domain: 'xn--bcher-kva.s14.example', result: PASS }],
    },
    expect: {
      result: 'pass',
      disposition: 'none',
      fromDomain: 'xn--bcher-kva.s14.example',
      policyDomain: 'xn--bcher-kva.s14.example',
    },
  },

  // ---- Policy discovery (RFC 9989 §4.10, §4.10.1; RFC 7489 §6.6.3) ----
  {
    id: 's15',
    rule: 'RFC 9989 §4.10.1 (no record: DMARC does not apply)',
    title: 'no DMARC record anywhere: none',
    zone: { 's15.example': { a: true } },
    input: { from: 'a@s15.example', spf: { domain: 's15.example', result: 'fail' } },
    expect: {
      result: 'none',
      disposition: 'none',
      authenticationResults: 'dmarc=none header.from=s15.example',
    },
  },
  {
    id: 's16',
    rule: 'RFC 9989 §4.10.1 (sp for an existing subdomain)',
    title: 'an existing subdomain uses the organizational record and its sp',
    zone: {
      '_dmarc.s16.example': { txt: ['v=DMARC1; p=reject; sp=quarantine'] },
      'news.s16.example': { a: true },
    },
    input: { from: 'a@news.s16.example' },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      policyDomain: 's16.example',
      organizationalDomain: 's16.example',
      appliedPolicy: 'quarantine',
      policySource: 'sp',
      authenticationResults:
        'dmarc=fail (p=reject sp=quarantine dis=quarantine) header.from=news.s16.example',
    },
  },
  {
    id: 's17',
    rule: 'RFC 9989 §4.10.1 (the author domain record comes first)',
    title: "a subdomain's own record applies with its p",
    zone: {
      '_dmarc.s17.example': { txt: ['v=DMARC1; p=reject; sp=reject'] },
      '_dmarc.news.s17.example': { txt: ['v=DMARC1; p=none'] },
    },
    input: { from: 'a@news.s17.example' },
    expect: {
      result: 'fail',
      disposition: 'none',
      policyDomain: 'news.s17.example',
      organizationalDomain: 's17.example',
      appliedPolicy: 'none',
      policySource: 'p',
    },
  },
  {
    id: 's18',
    rule: 'RFC 9989 §4.10 step 2 (non-DMARC TXT records are discarded)',
    title: 'only non-DMARC TXT at _dmarc: none',
    zone: { '_dmarc.s18.example': { txt: ['v=spf1 -all', 'hello world'] } },
    input: { from: 'a@s18.example' },
    expect: { result: 'none', disposition: 'none' },
  },
  {
    id: 's19',
    rule: 'RFC 9989 §4.10 step 2 (several DMARC records are all discarded; the walk goes on)',
    title: 'two records at the author domain: the organizational record applies',
    zone: {
      '_dmarc.s19.example': { txt: ['v=DMARC1; p=quarantine; sp=reject'] },
      '_dmarc.news.s19.example': { txt: ['v=DMARC1; p=none', 'v=DMARC1; p=none; adkim=s'] },
    },
    input: { from: 'a@news.s19.example' },
    expect: {
      result: 'fail',
      disposition: 'reject',
      policyDomain: 's19.example',
      policySource: 'sp',
    },
  },
  {
    id: 's20',
    rule: 'RFC 7489 §6.6.3 step 5 (several records end discovery)',
    title: 'the same two records with the PSL method: none',
    zone: {
      '_dmarc.s20.example': { txt: ['v=DMARC1; p=quarantine; sp=reject'] },
      '_dmarc.news.s20.example': { txt: ['v=DMARC1; p=none', 'v=DMARC1; p=none; adkim=s'] },
    },
    input: { from: 'a@news.s20.example' },
    options: { method: 'psl' },
    expect: { result: 'none', disposition: 'none' },
  },
  {
    id: 's21',
    rule: 'RFC 9989 §4.7 (v must be the first tag)',
    title: 'a record whose first tag is not v=DMARC1 is ignored',
    zone: { '_dmarc.s21.example': { txt: ['p=reject; v=DMARC1'] } },
    input: { from: 'a@s21.example' },
    expect: { result: 'none', disposition: 'none' },
  },
  {
    id: 's22',
    rule: 'RFC 9989 §4.10 (a long name costs at most eight queries)',
    title: 'an eleven-label author domain finds the organizational record',
    zone: { '_dmarc.s22.example': { txt: ['v=DMARC1; p=reject; sp=quarantine'] } },
    input: { from: 'a@a.b.c.d.e.f.g.h.i.s22.example' },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      policyDomain: 's22.example',
      policySource: 'sp',
      queries: 8,
    },
  },
  {
    id: 's23',
    rule: 'RFC 9989 §4.10.1, §4.10.2 (organizational record, not the nearest one)',
    title: 'records at mail.sX and sX: the organizational domain sX supplies the policy',
    zone: {
      '_dmarc.s23.example': { txt: ['v=DMARC1; p=reject; sp=quarantine'] },
      '_dmarc.mail.s23.example': { txt: ['v=DMARC1; p=none'] },
    },
    input: { from: 'a@a.mail.s23.example' },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      policyDomain: 's23.example',
      organizationalDomain: 's23.example',
      policySource: 'sp',
    },
  },
  {
    id: 's24',
    rule: 'RFC 9989 §4.10.2 rule 1 (psd=n)',
    title: 'psd=n at mail.sX makes it the organizational domain; a sibling does not align',
    zone: {
      '_dmarc.s24.example': { txt: ['v=DMARC1; p=reject'] },
      '_dmarc.mail.s24.example': { txt: ['v=DMARC1; p=quarantine; psd=n'] },
    },
    input: { from: 'a@a.mail.s24.example', spf: { domain: 'bounce.s24.example', result: PASS } },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      policyDomain: 'mail.s24.example',
      organizationalDomain: 'mail.s24.example',
      policySource: 'p',
    },
  },
  {
    id: 's25',
    rule: 'RFC 9989 §4.10.1, §4.10.2 rule 2 (PSD record, psd=y), Appendix B.4.3',
    title:
      'only the public suffix domain publishes: its policy applies and alignment uses the domain below it',
    zone: {
      '_dmarc.psd.s25.example': { txt: ['v=DMARC1; p=reject; sp=quarantine; psd=y'] },
      'a.org.psd.s25.example': { a: true },
    },
    input: {
      from: 'x@a.org.psd.s25.example',
      dkim: [{ domain: 'org.psd.s25.example', result: PASS }],
    },
    expect: {
      result: 'pass',
      disposition: 'none',
      policyDomain: 'psd.s25.example',
      organizationalDomain: 'org.psd.s25.example',
      policySource: 'sp',
      appliedPolicy: 'quarantine',
    },
  },
  {
    id: 's26',
    rule: 'RFC 9989 §4.10.2 rule 2 (registrants under a PSD are separate organizations)',
    title: 'a signature by another registrant under the same PSD does not align',
    zone: {
      '_dmarc.psd.s26.example': { txt: ['v=DMARC1; p=reject; sp=quarantine; psd=y'] },
      'a.org.psd.s26.example': { a: true },
    },
    input: {
      from: 'x@a.org.psd.s26.example',
      dkim: [{ domain: 'other.psd.s26.example', result: PASS }],
    },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'sp' },
  },
  {
    id: 's27',
    rule: 'RFC 9989 §4.10.1 (intermediate records are found by the tree walk)',
    title: 'tree walk: a record at mid.sX applies to a.mid.sX',
    zone: {
      '_dmarc.mid.s27.example': { txt: ['v=DMARC1; p=reject; sp=quarantine'] },
      'a.mid.s27.example': { a: true },
    },
    input: { from: 'u@a.mid.s27.example' },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      policyDomain: 'mid.s27.example',
      policySource: 'sp',
    },
  },
  {
    id: 's28',
    rule: 'RFC 7489 §6.6.3 steps 1-5 (only the author and PSL organizational domains)',
    title: 'PSL method: the same zone has no policy for a.mid.sX',
    zone: {
      '_dmarc.mid.s28.example': { txt: ['v=DMARC1; p=reject; sp=quarantine'] },
      'a.mid.s28.example': { a: true },
    },
    input: { from: 'u@a.mid.s28.example' },
    options: { method: 'psl' },
    expect: { result: 'none', disposition: 'none', queries: 2 },
  },
  {
    id: 's29',
    rule: 'RFC 7489 §6.6.3 step 3, §6.3 (sp)',
    title: 'PSL method: the organizational record and its sp apply to a subdomain',
    zone: { '_dmarc.s29.example': { txt: ['v=DMARC1; p=reject; sp=quarantine'] } },
    input: { from: 'u@news.s29.example', spf: { domain: 'other.s29b.example', result: PASS } },
    options: { method: 'psl' },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      policyDomain: 's29.example',
      organizationalDomain: 's29.example',
      policySource: 'sp',
      queries: 2,
    },
  },
  {
    id: 's30',
    rule: 'RFC 7489 §3.1 with §3.2 (PSL organizational domains)',
    title: 'PSL method: relaxed DKIM alignment between two subdomains',
    zone: { '_dmarc.s30.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'u@news.s30.example', dkim: [{ domain: 'mail.s30.example', result: PASS }] },
    options: { method: 'psl' },
    expect: { result: 'pass', disposition: 'none' },
  },

  // ---- p, sp and np (RFC 9989 §3.2.13, §4.7, §4.10.1, Appendix A.4) ----
  {
    id: 's31',
    rule: 'RFC 9989 §4.7 (np), §3.2.13 (NXDOMAIN)',
    title: 'a non-existent subdomain gets np',
    zone: { '_dmarc.s31.example': { txt: ['v=DMARC1; p=none; sp=none; np=reject'] } },
    input: { from: 'a@nx.s31.example' },
    expect: { result: 'fail', disposition: 'reject', appliedPolicy: 'reject', policySource: 'np' },
  },
  {
    id: 's32',
    rule: 'RFC 9989 Appendix A.4 (a name with any record exists)',
    title: 'a subdomain with only an A record exists: sp, not np',
    zone: {
      '_dmarc.s32.example': { txt: ['v=DMARC1; p=none; sp=quarantine; np=reject'] },
      'www.s32.example': { a: true },
    },
    input: { from: 'a@www.s32.example' },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'sp' },
  },
  {
    id: 's33',
    rule: 'RFC 9989 §3.2.13 with RFC 8020 (an empty non-terminal exists)',
    title: 'a subdomain that only has names below it exists: sp',
    zone: {
      '_dmarc.s33.example': { txt: ['v=DMARC1; p=none; sp=quarantine; np=reject'] },
      'host.ent.s33.example': { a: true },
    },
    input: { from: 'a@ent.s33.example' },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'sp' },
  },
  {
    id: 's34',
    rule: 'RFC 9989 §4.7 (np absent: sp applies to non-existent subdomains)',
    title: 'no np: a non-existent subdomain gets sp',
    zone: { '_dmarc.s34.example': { txt: ['v=DMARC1; p=reject; sp=quarantine'] } },
    input: { from: 'a@nx.s34.example' },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'sp' },
  },
  {
    id: 's35',
    rule: 'RFC 9989 §4.7 (np and sp absent: p)',
    title: 'no np and no sp: a non-existent subdomain gets p',
    zone: { '_dmarc.s35.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@nx.s35.example' },
    expect: { result: 'fail', disposition: 'reject', policySource: 'p' },
  },
  {
    id: 's36',
    rule: 'RFC 7489 §6.3 (no np tag in RFC 7489)',
    title: 'PSL method, RFC 7489 mode: np is ignored',
    zone: { '_dmarc.s36.example': { txt: ['v=DMARC1; p=none; sp=quarantine; np=reject'] } },
    input: { from: 'a@nx.s36.example' },
    options: { method: 'psl' },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'sp' },
  },
  {
    id: 's37',
    rule: 'RFC 9989 §4.7 (np applies to subdomains only, never to the domain itself)',
    title: 'np does not apply at the organizational domain itself',
    zone: { '_dmarc.s37.example': { txt: ['v=DMARC1; p=quarantine; np=reject'] } },
    input: { from: 'a@s37.example' },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'p' },
  },
  {
    id: 's38',
    rule: 'RFC 9989 §3.2.13 (NODATA at _dmarc.<author> proves it exists)',
    title: 'non-DMARC TXT at _dmarc of the subdomain: it exists, so sp',
    zone: {
      '_dmarc.s38.example': { txt: ['v=DMARC1; p=none; sp=quarantine; np=reject'] },
      '_dmarc.sub.s38.example': { txt: ['not dmarc'] },
    },
    input: { from: 'a@sub.s38.example' },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'sp' },
  },
  {
    id: 's39',
    rule: 'RFC 9989 §4.7 (np), RFC 8020 (nothing exists below an NXDOMAIN)',
    title: 'a deep non-existent name gets np',
    zone: { '_dmarc.s39.example': { txt: ['v=DMARC1; p=none; np=quarantine'] } },
    input: { from: 'a@x.y.nx.s39.example' },
    expect: { result: 'fail', disposition: 'quarantine', policySource: 'np' },
  },

  // ---- t=y and pct (RFC 9989 §4.7 t, Appendix A.6; RFC 7489 §6.6.4) ----
  {
    id: 's40',
    rule: 'RFC 9989 §4.7 (t=y: reject becomes quarantine)',
    title: 't=y lowers p=reject to quarantine',
    zone: { '_dmarc.s40.example': { txt: ['v=DMARC1; p=reject; t=y'] } },
    input: { from: 'a@s40.example' },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      appliedPolicy: 'reject',
      authenticationResults: 'dmarc=fail (p=reject t=y dis=quarantine) header.from=s40.example',
      diagnostics: ['testing-mode-applied'],
    },
  },
  {
    id: 's41',
    rule: 'RFC 9989 §4.7 (t=y: quarantine becomes none)',
    title: 't=y lowers p=quarantine to none',
    zone: { '_dmarc.s41.example': { txt: ['v=DMARC1; p=quarantine; t=y'] } },
    input: { from: 'a@s41.example' },
    expect: { result: 'fail', disposition: 'none', appliedPolicy: 'quarantine' },
  },
  {
    id: 's42',
    rule: 'RFC 9989 §4.7 (t=y applies to sp)',
    title: 't=y lowers sp=reject for a subdomain',
    zone: {
      '_dmarc.s42.example': { txt: ['v=DMARC1; p=none; sp=reject; t=y'] },
      'news.s42.example': { a: true },
    },
    input: { from: 'a@news.s42.example' },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      appliedPolicy: 'reject',
      policySource: 'sp',
    },
  },
  {
    id: 's43',
    rule: 'RFC 9989 §4.7 (t=y applies to np)',
    title: 't=y lowers np=reject for a non-existent subdomain',
    zone: { '_dmarc.s43.example': { txt: ['v=DMARC1; p=none; np=reject; t=y'] } },
    input: { from: 'a@nx.s43.example' },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      appliedPolicy: 'reject',
      policySource: 'np',
    },
  },
  {
    id: 's44',
    rule: 'RFC 9989 §4.7 (t has no effect on none)',
    title: 't=y with p=none stays none',
    zone: { '_dmarc.s44.example': { txt: ['v=DMARC1; p=none; t=y'] } },
    input: { from: 'a@s44.example' },
    expect: { result: 'fail', disposition: 'none', appliedPolicy: 'none' },
  },
  {
    id: 's45',
    rule: 'RFC 9989 §4.7 (t only changes the handling of failing mail)',
    title: 't=y on a passing message: pass, disposition none',
    zone: { '_dmarc.s45.example': { txt: ['v=DMARC1; p=reject; t=y'] } },
    input: { from: 'a@s45.example', dkim: [{ domain: 's45.example', result: PASS }] },
    expect: { result: 'pass', disposition: 'none' },
  },
  {
    id: 's46',
    rule: 'RFC 7489 §6.6.4 (pct=0: never enact reject; treat as quarantine)',
    title: 'RFC 7489 mode, pct=0: reject becomes quarantine',
    zone: { '_dmarc.s46.example': { txt: ['v=DMARC1; p=reject; pct=0'] } },
    input: { from: 'a@s46.example' },
    options: { method: 'psl', random: 0 },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      appliedPolicy: 'reject',
      diagnostics: ['pct-sampled-out'],
    },
  },
  {
    id: 's47',
    rule: 'RFC 7489 §6.3 pct (random mod 100 < pct: selected)',
    title: 'RFC 7489 mode, pct=50, draw 0.2: inside the sample, reject',
    zone: { '_dmarc.s47.example': { txt: ['v=DMARC1; p=reject; pct=50'] } },
    input: { from: 'a@s47.example' },
    options: { method: 'psl', random: 0.2 },
    expect: { result: 'fail', disposition: 'reject' },
  },
  {
    id: 's48',
    rule: 'RFC 7489 §6.6.4 (outside the sample: reject is treated as quarantine)',
    title: 'RFC 7489 mode, pct=50, draw 0.7: quarantine',
    zone: { '_dmarc.s48.example': { txt: ['v=DMARC1; p=reject; pct=50'] } },
    input: { from: 'a@s48.example' },
    options: { method: 'psl', random: 0.7 },
    expect: { result: 'fail', disposition: 'quarantine' },
  },
  {
    id: 's49',
    rule: 'RFC 7489 §6.6.4 (outside the sample: local classification, no quarantine)',
    title: 'RFC 7489 mode, p=quarantine, pct=50, draw 0.7: none',
    zone: { '_dmarc.s49.example': { txt: ['v=DMARC1; p=quarantine; pct=50'] } },
    input: { from: 'a@s49.example' },
    options: { method: 'psl', random: 0.7 },
    expect: { result: 'fail', disposition: 'none', appliedPolicy: 'quarantine' },
  },
  {
    id: 's50',
    rule: 'RFC 9989 Appendix A.6 (pct is historic)',
    title: 'RFC 9989 mode ignores pct=0',
    zone: { '_dmarc.s50.example': { txt: ['v=DMARC1; p=reject; pct=0'] } },
    input: { from: 'a@s50.example' },
    options: { random: 0.99 },
    expect: { result: 'fail', disposition: 'reject', diagnostics: ['pct-ignored'] },
  },
  {
    id: 's51',
    rule: 'RFC 7489 §6.6.4 with sp',
    title: 'RFC 7489 mode, pct applies to sp too',
    zone: { '_dmarc.s51.example': { txt: ['v=DMARC1; p=none; sp=reject; pct=10'] } },
    input: { from: 'a@news.s51.example' },
    options: { method: 'psl', random: 0.5 },
    expect: {
      result: 'fail',
      disposition: 'quarantine',
      appliedPolicy: 'reject',
      policySource: 'sp',
    },
  },

  // ---- Broken records (RFC 9989 §4.10.1; RFC 7489 §6.6.3 step 6) ----
  {
    id: 's52',
    rule: 'RFC 9989 §4.10.1 (invalid p with a valid rua: act as p=none)',
    title: 'p=bogus with rua: fail with disposition none',
    zone: { '_dmarc.s52.example': { txt: ['v=DMARC1; p=bogus; rua=mailto:dmarc@s52.example'] } },
    input: { from: 'a@s52.example' },
    expect: {
      result: 'fail',
      disposition: 'none',
      appliedPolicy: 'none',
      diagnostics: ['policy-invalid-acts-as-none'],
    },
  },
  {
    id: 's53',
    rule: 'RFC 9989 §4.10.1 (invalid p without rua: no DMARC processing)',
    title: 'p=bogus without rua: none',
    zone: { '_dmarc.s53.example': { txt: ['v=DMARC1; p=bogus'] } },
    input: { from: 'a@s53.example' },
    expect: { result: 'none', disposition: 'none' },
  },
  {
    id: 's54',
    rule: 'RFC 9989 §4.10.1 (invalid sp with rua: act as p=none)',
    title: 'sp=bogus with rua: the subdomain gets none',
    zone: {
      '_dmarc.s54.example': { txt: ['v=DMARC1; p=reject; sp=bogus; rua=mailto:d@s54.example'] },
    },
    input: { from: 'a@news.s54.example' },
    expect: { result: 'fail', disposition: 'none', appliedPolicy: 'none', policySource: 'p' },
  },
  {
    id: 's55',
    rule: 'RFC 9989 §4.7 p (absent p reads as p=none)',
    title: 'RFC 9989 mode, no p but rua: p=none',
    zone: { '_dmarc.s55.example': { txt: ['v=DMARC1; rua=mailto:d@s55.example'] } },
    input: { from: 'a@s55.example' },
    expect: { result: 'fail', disposition: 'none', appliedPolicy: 'none' },
  },
  {
    id: 's56',
    rule: 'RFC 7489 §6.3 (p REQUIRED), §6.6.3 step 6.1 (with rua: act as p=none)',
    title: 'RFC 7489 mode, no p but rua: p=none',
    zone: { '_dmarc.s56.example': { txt: ['v=DMARC1; sp=reject; rua=mailto:d@s56.example'] } },
    input: { from: 'a@news.s56.example' },
    options: { method: 'psl' },
    expect: {
      result: 'fail',
      disposition: 'none',
      appliedPolicy: 'none',
      diagnostics: ['policy-invalid-acts-as-none'],
    },
  },
  {
    id: 's57',
    rule: 'RFC 7489 §6.6.3 step 6.2 (no valid p, no rua: no DMARC processing)',
    title: 'RFC 7489 mode, no p and no rua: permerror',
    zone: { '_dmarc.s57.example': { txt: ['v=DMARC1; adkim=s'] } },
    input: { from: 'a@s57.example' },
    options: { method: 'psl' },
    expect: { result: 'permerror', disposition: 'none', diagnostics: ['policy-invalid'] },
  },

  // ---- Temporary and permanent errors (RFC 9989 §5.3.6, §11.5; RFC 7489 §6.6.2) ----
  {
    id: 's58',
    rule: 'RFC 9989 §5.3.6 (a DNS failure: neither pass nor fail)',
    title: 'SERVFAIL at _dmarc of the author domain: temperror',
    zone: { '_dmarc.s58.example': { error: 'ESERVFAIL' } },
    input: { from: 'a@s58.example', spf: { domain: 's58.example', result: PASS } },
    expect: {
      result: 'temperror',
      disposition: 'none',
      temperrorCause: 'dns',
      authenticationResults: 'dmarc=temperror header.from=s58.example',
    },
    staticOnly: true,
  },
  {
    id: 's59',
    rule: 'RFC 9989 §4.10.1 (a transient error is not "no record")',
    title: 'SERVFAIL in the middle of the walk: temperror, not none',
    zone: {
      '_dmarc.mid.s59.example': { error: 'ESERVFAIL' },
      '_dmarc.s59.example': { txt: ['v=DMARC1; p=reject'] },
    },
    input: { from: 'a@a.mid.s59.example' },
    expect: { result: 'temperror', disposition: 'none', temperrorCause: 'dns' },
    staticOnly: true,
  },
  {
    id: 's60',
    rule: 'RFC 9989 §5.3.6, §11.5 (a deadline on DNS work)',
    title: 'a resolver that does not answer in time: temperror by deadline',
    zone: { '_dmarc.s60.example': { delayMs: 60_000, txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@s60.example' },
    options: { timeoutMs: 30 },
    expect: {
      result: 'temperror',
      disposition: 'none',
      temperrorCause: 'deadline',
      diagnostics: ['deadline-exceeded'],
    },
    staticOnly: true,
  },
  {
    id: 's61',
    rule: 'RFC 9989 §11.5 (bounded DNS work per message)',
    title: 'a query budget of 2 cannot finish a 4-label walk: temperror',
    zone: { '_dmarc.s61.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@a.b.s61.example' },
    options: { maxQueries: 2 },
    expect: {
      result: 'temperror',
      disposition: 'none',
      temperrorCause: 'query-budget',
      diagnostics: ['query-budget-exhausted'],
    },
  },
  {
    id: 's62',
    rule: 'RFC 7489 §6.6.2 (no pass and a temporary SPF error: policy not applied)',
    title: 'aligned SPF temperror, nothing passed: temperror',
    zone: { '_dmarc.s62.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@s62.example', spf: { domain: 's62.example', result: 'temperror' } },
    expect: {
      result: 'temperror',
      disposition: 'none',
      temperrorCause: 'spf',
      diagnostics: ['auth-temperror'],
    },
  },
  {
    id: 's63',
    rule: 'RFC 7489 §6.6.2 (an identifier that cannot align cannot change the verdict)',
    title: 'unaligned DKIM temperror, nothing passed: fail',
    zone: { '_dmarc.s63.example': { txt: ['v=DMARC1; p=reject'] } },
    input: { from: 'a@s63.example', dkim: [{ domain: 's63b.example', result: 'temperror' }] },
    expect: { result: 'fail', disposition: 'reject' },
  },
  {
    id: 's64',
    rule: 'RFC 7489 §6.6.2 (pass needs one aligned pass)',
    title: 'aligned DKIM pass beside an SPF temperror: pass',
    zone: { '_dmarc.s64.example': { txt: ['v=DMARC1; p=reject'] } },
    input: {
      from: 'a@s64.example',
      spf: { domain: 's64.example', result: 'temperror' },
      dkim: [{ domain: 's64.example', result: PASS }],
    },
    expect: { result: 'pass', disposition: 'none' },
  },
  {
    id: 's65',
    rule: 'RFC 9989 §4.10.2, §5.3.6 (alignment needs a walk that failed)',
    title: 'the walk for a DKIM d= fails: temperror',
    zone: {
      '_dmarc.s65.example': { txt: ['v=DMARC1; p=reject'] },
      '_dmarc.mail.s65.example': { error: 'ESERVFAIL' },
    },
    input: { from: 'a@s65.example', dkim: [{ domain: 'mail.s65.example', result: PASS }] },
    expect: { result: 'temperror', disposition: 'none', temperrorCause: 'dns' },
    staticOnly: true,
  },

  // ---- The From header (RFC 9989 §5.3.1, §11.5; RFC 7489 §6.6.1) ----
  {
    id: 's66',
    rule: 'RFC 9989 §5.3.1 (the domain of the RFC5322.From address)',
    title: 'a full header value with display name and comments',
    zone: { '_dmarc.s66.example': { txt: ['v=DMARC1; p=reject'] } },
    input: {
      from: 'From: "Billing, Dept." (ops) <billing@s66.example> (via relay)',
      spf: { domain: 's66.example', result: PASS },
    },
    expect: { result: 'pass', disposition: 'none', fromDomain: 's66.example' },
  },
  {
    id: 's67',
    rule: 'RFC 9989 §5.3.1 (zero domains: DMARC validation is not possible)',
    title: 'a group with no addresses: permerror',
    zone: {},
    input: { from: 'undisclosed-recipients:;' },
    expect: {
      result: 'permerror',
      disposition: 'none',
      authenticationResults: 'dmarc=permerror',
      diagnostics: ['from-no-domain'],
    },
  },
  {
    id: 's68',
    rule: 'RFC 9989 §5.3.1 (several addresses, one domain)',
    title: 'two mailboxes in the same domain are one author domain',
    zone: { '_dmarc.s68.example': { txt: ['v=DMARC1; p=reject'] } },
    input: {
      from: 'a@s68.example, B <b@S68.example>',
      dkim: [{ domain: 's68.example', result: PASS }],
    },
    expect: { result: 'pass', disposition: 'none' },
  },
  {
    id: 's69',
    rule: 'RFC 7489 §6.6.1, RFC 9989 §11.5 (several domains: the strictest failing policy)',
    title: 'two domains, one passes and one fails with reject: fail, reject',
    zone: {
      '_dmarc.s69.example': { txt: ['v=DMARC1; p=none'] },
      '_dmarc.s69b.example': { txt: ['v=DMARC1; p=reject'] },
    },
    input: {
      from: 'a@s69.example, b@s69b.example',
      dkim: [{ domain: 's69.example', result: PASS }],
    },
    expect: {
      result: 'fail',
      disposition: 'reject',
      fromDomain: 's69b.example',
      diagnostics: ['from-multiple-domains'],
    },
  },
  {
    id: 's70',
    rule: 'RFC 7489 §6.6.1 (the most strict policy among the checks that fail)',
    title: 'two failing domains, quarantine and reject: reject',
    zone: {
      '_dmarc.s70.example': { txt: ['v=DMARC1; p=quarantine'] },
      '_dmarc.s70b.example': { txt: ['v=DMARC1; p=reject'] },
    },
    input: { from: 'a@s70.example, b@s70b.example' },
    expect: { result: 'fail', disposition: 'reject', fromDomain: 's70b.example' },
  },
  {
    id: 's71',
    rule: 'RFC 9989 §5.3.1 (a domain literal is not a domain)',
    title: 'an address at an IP literal: permerror',
    zone: {},
    input: { from: 'user@[192.0.2.1]' },
    expect: {
      result: 'permerror',
      disposition: 'none',
      diagnostics: ['from-invalid-domain', 'from-no-domain'],
    },
  },
  {
    id: 's72',
    rule: 'RFC 9989 §11.5 (limit the number of author domains)',
    title: 'five author domains exceed the limit of four: permerror',
    zone: {},
    input: {
      from: 'a@s72a.example, b@s72b.example, c@s72c.example, d@s72d.example, e@s72e.example',
    },
    expect: {
      result: 'permerror',
      disposition: 'none',
      diagnostics: ['from-too-many-domains'],
      queries: 0,
    },
  },

  // ---- Alignment by the method that found the policy (RFC 9989 §4.10.2 vs RFC 7489 §3.2) ----
  {
    id: 's73',
    rule: 'RFC 9989 §4.10.2 rule 1 (psd=n on the author domain)',
    title: 'tree walk: psd=n at a.sX separates it from b.sX',
    zone: {
      '_dmarc.a.s73.example': { txt: ['v=DMARC1; p=reject; psd=n'] },
      '_dmarc.s73.example': { txt: ['v=DMARC1; p=none'] },
    },
    input: { from: 'u@a.s73.example', dkim: [{ domain: 'b.s73.example', result: PASS }] },
    expect: { result: 'fail', disposition: 'reject', organizationalDomain: 'a.s73.example' },
  },
  {
    id: 's74',
    rule: 'RFC 7489 §3.2, §3.1.1 (PSL organizational domains)',
    title: 'PSL method: the same message aligns, a.sX and b.sX share sX',
    zone: {
      '_dmarc.a.s74.example': { txt: ['v=DMARC1; p=reject; psd=n'] },
      '_dmarc.s74.example': { txt: ['v=DMARC1; p=none'] },
    },
    input: { from: 'u@a.s74.example', dkim: [{ domain: 'b.s74.example', result: PASS }] },
    options: { method: 'psl' },
    expect: { result: 'pass', disposition: 'none', organizationalDomain: 's74.example' },
  },
  {
    id: 's75',
    rule: 'RFC 9989 §4.10.2 (the walk from a DKIM d= stops at psd=n)',
    title: 'tree walk: d=mail.sX aligns with sX that has psd=n',
    zone: { '_dmarc.s75.example': { txt: ['v=DMARC1; p=reject; psd=n'] } },
    input: { from: 'u@s75.example', dkim: [{ domain: 'mail.s75.example', result: PASS }] },
    expect: {
      result: 'pass',
      disposition: 'none',
      organizationalDomain: 's75.example',
      queries: 2,
    },
  },
  {
    id: 's76',
    rule: 'RFC 9989 §4.10.2 rule 3 (the record with the fewest labels)',
    title: 'tree walk: d=x.mid.sX has organizational domain sX and aligns',
    zone: {
      '_dmarc.s76.example': { txt: ['v=DMARC1; p=reject'] },
      '_dmarc.mid.s76.example': { txt: ['v=DMARC1; p=none'] },
    },
    input: { from: 'u@s76.example', spf: { domain: 'x.mid.s76.example', result: PASS } },
    expect: { result: 'pass', disposition: 'none', organizationalDomain: 's76.example' },
  },
  {
    id: 's77',
    rule: 'RFC 9989 §4.10.2 rule 1 (psd=n below the author organizational domain)',
    title: 'tree walk: SPF domain under a psd=n subtree does not align with the parent',
    zone: {
      '_dmarc.s77.example': { txt: ['v=DMARC1; p=quarantine'] },
      '_dmarc.esp.s77.example': { txt: ['v=DMARC1; p=none; psd=n'] },
    },
    input: { from: 'u@s77.example', spf: { domain: 'bounce.esp.s77.example', result: PASS } },
    expect: { result: 'fail', disposition: 'quarantine' },
  },
  {
    id: 's78',
    rule: 'RFC 9989 §4.10.2 (first note: identical domains need no walk)',
    title: 'tree walk: every identifier equals the author domain, no extra query',
    zone: { '_dmarc.s78.example': { txt: ['v=DMARC1; p=reject'] } },
    input: {
      from: 'u@s78.example',
      spf: { domain: 's78.example', result: PASS },
      dkim: [{ domain: 's78.example', result: PASS }],
    },
    expect: { result: 'pass', disposition: 'none', queries: 2 },
  },
];

/** Every scenario's names in one zone (the names are disjoint by construction). */
export function mergedZone(
  scenarios: readonly Scenario[] = SCENARIOS,
): Record<string, ScenarioName> {
  const zone: Record<string, ScenarioName> = {};
  for (const s of scenarios) {
    for (const [name, entry] of Object.entries(s.zone)) {
      if (name in zone) throw new Error(`scenario ${s.id} reuses the name ${name}`);
      zone[name] = entry;
    }
  }
  return zone;
}

function quoteTxt(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The zone file Knot serves for the integration run: every scenario name without a simulated
 * failure or delay, under the RFC 2606 `.example` TLD (origin `example.`).
 */
export function zoneFileText(scenarios: readonly Scenario[] = SCENARIOS): string {
  const lines = [
    '; Generated from test/conformance/scenarios.ts by zoneFileText(); do not edit by hand.',
    '; The DMARC evaluation scenarios (RFC 9989 / RFC 7489), served by Knot in the integration',
    '; tests (test/integration/evaluate-scenarios.test.ts). Origin: the RFC 2606 .example TLD.',
    '$ORIGIN example.',
    '$TTL 300',
    '@ IN SOA ns hostmaster 1 3600 600 86400 300',
    '@ IN NS ns',
    'ns IN A 127.0.0.1',
  ];
  for (const s of scenarios) {
    if (s.staticOnly) continue;
    const names = Object.entries(s.zone);
    if (names.length === 0) continue;
    lines.push(`; ${s.id}: ${s.title}`);
    for (const [name, entry] of names) {
      const owner = `${name}.`;
      if (entry.a) lines.push(`${owner} IN A 192.0.2.1`);
      for (const txt of entry.txt ?? []) lines.push(`${owner} IN TXT ${quoteTxt(txt)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
