/**
 * A domain's email-authentication posture in one call: where its DMARC record lives and what
 * is wrong with it, its rollout stage and next step, whether its report destinations accept
 * reports (RFC 9990 §4), its SPF record (RFC 7208 §4.5), Null MX (RFC 7505) and whether it
 * says "no mail" everywhere it should.
 * @module
 */
import { type Diagnostic, makeDiagnostic } from '../diagnostics.js';
import { type DnsOutcome, resolveOutcome } from '../dns/outcome.js';
import type { DnsResolver, MxRecord } from '../dns/types.js';
import { toAsciiDomain } from '../internal/domain-name.js';
import { ORG_DOMAIN_DIAGNOSTICS } from '../org-domain/catalogue.js';
import { discoverPolicy, organizationalDomain } from '../org-domain/index.js';
import type { PublicSuffixList } from '../org-domain/psl-types.js';
import type { DiscoveryMethod, PolicyDiscovery } from '../org-domain/types.js';
import { lintPolicyPlacement, parseRecord } from '../record/index.js';
import type { DmarcRecord, Policy } from '../record/types.js';
import { type CheckDiagnosticCode, checkDiagnostic } from './catalogue.js';
import { checkNoMail, type NoMailCheck } from './no-mail.js';
import { checkNullMx } from './null-mx.js';
import { type ReportDestination, reportDestinations } from './report-authorization.js';
import { type SpfCheck, selectSpfRecord } from './spf.js';
import { type RolloutStage, rolloutStage } from './stage.js';

/** Options of {@link checkDomain}. */
export interface CheckDomainOptions {
  resolver: DnsResolver;
  /** Policy discovery: `tree-walk` (RFC 9989 §4.10, the default) or `psl` (RFC 7489). */
  method?: DiscoveryMethod;
  /** The Public Suffix List for organizational domains; the bundled snapshot by default. */
  psl?: PublicSuffixList;
  signal?: AbortSignal;
}

/** A domain's posture, as {@link checkDomain} reports it. */
export interface DomainCheck {
  /** The checked domain, normalised (lower case, A-labels, no trailing dot). */
  domain: string;
  dmarc: {
    status: 'found' | 'none' | 'temperror';
    /** Where the record that applies was found: the domain itself or a parent. */
    policyDomain?: string;
    record?: DmarcRecord;
    text?: string;
    diagnostics: Diagnostic[];
  };
  /** How far along the road to `p=reject` the domain is (see `rolloutStage`). */
  stage: RolloutStage;
  /** One plain sentence: what the owner should do next. */
  nextStep: string;
  /** Every `rua` and `ruf` destination; external ones with their RFC 9990 authorization. */
  reportDestinations: ReportDestination[];
  spf: SpfCheck;
  /** True when the domain publishes a Null MX (RFC 7505): exactly one `MX 0 .`. */
  nullMx: boolean;
  /** Whether the domain says "no mail" in all three places, and the zone-file lines it lacks. */
  noMail: NoMailCheck;
  /** Every finding above, in one list. */
  diagnostics: Diagnostic[];
}

function diag(code: CheckDiagnosticCode, message: string, tag?: string): Diagnostic {
  return checkDiagnostic(code, message, tag === undefined ? undefined : { tag });
}

/**
 * Checks a domain's DMARC, SPF and MX records and says what to do next. Looks up, through the
 * given resolver: the DMARC policy (RFC 9989 §4.10), the organizational domain's record when the
 * domain has its own, the RFC 9990 §4 authorization record of each external report
 * destination, the domain's TXT records (for SPF) and its MX records (when the resolver has
 * `resolveMx`). Never throws for DNS failures: they become `temperror` statuses and warnings.
 * Each lookup passes `options.signal` to the resolver; an aborted signal rejects with its reason.
 *
 * @param domain - The domain to check, e.g. `example.com` (Unicode names are converted to A-labels).
 * @returns Where the DMARC record lives, its diagnostics, the rollout stage and next step, report
 *   destinations, SPF, Null MX and the "no mail" verdict, plus every finding in `diagnostics`.
 * @throws TypeError when `domain` is not a string or `options.resolver` is missing; the
 *   signal's reason when `options.signal` is aborted.
 *
 * @example
 * ```ts
 * import { checkDomain } from 'dmarc-kit/check';
 * import { createNodeResolver } from 'dmarc-kit/dns/node';
 * const result = await checkDomain('example.com', { resolver: createNodeResolver() });
 * console.log(result.stage, result.nextStep);
 * ```
 */
export async function checkDomain(
  domain: string,
  options: CheckDomainOptions,
): Promise<DomainCheck> {
  if (typeof domain !== 'string') throw new TypeError('checkDomain needs a domain name string');
  if (typeof options?.resolver?.resolveTxt !== 'function')
    throw new TypeError('checkDomain needs options.resolver with resolveTxt');
  const { resolver, signal } = options;
  const ascii = toAsciiDomain(domain);
  const orgOf = (d: string): string | null =>
    options.psl === undefined
      ? organizationalDomain(d)
      : organizationalDomain(d, { psl: options.psl });
  const lookupTxt = (name: string): Promise<DnsOutcome<string[][]>> =>
    resolveOutcome(() => resolver.resolveTxt(name, signal === undefined ? undefined : { signal }));

  if (ascii === null) return invalidDomain(domain);

  const discoveryOptions: Parameters<typeof discoverPolicy>[1] = { resolver };
  if (options.method !== undefined) discoveryOptions.method = options.method;
  if (options.psl !== undefined) discoveryOptions.psl = options.psl;
  if (signal !== undefined) discoveryOptions.signal = signal;
  const mxLookup = resolver.resolveMx;
  const [discovery, txt, mx] = await Promise.all([
    discoverPolicy(ascii, discoveryOptions),
    lookupTxt(ascii),
    mxLookup === undefined
      ? Promise.resolve(undefined)
      : resolveOutcome(() =>
          mxLookup.call(resolver, ascii, signal === undefined ? undefined : { signal }),
        ),
  ]);

  // DMARC: the discovered record, where it lives, and how it sits beside its parent's.
  const dmarc: DomainCheck['dmarc'] = {
    status: discovery.status,
    diagnostics: [...discovery.diagnostics],
  };
  if (discovery.policyDomain !== undefined) dmarc.policyDomain = discovery.policyDomain;
  if (discovery.record !== undefined) dmarc.record = discovery.record;
  if (discovery.text !== undefined) dmarc.text = discovery.text;
  dmarc.diagnostics.push(...(await dmarcContext(ascii, discovery, lookupTxt)));

  const stage = rolloutStage({
    domain: ascii,
    status: discovery.status,
    ...(discovery.policyDomain === undefined ? {} : { policyDomain: discovery.policyDomain }),
    ...(discovery.record === undefined ? {} : { record: discovery.record }),
  });

  const destinations =
    discovery.record === undefined || discovery.policyDomain === undefined
      ? { destinations: [], diagnostics: [] }
      : await reportDestinations(discovery.record, discovery.policyDomain, {
          organizationalDomain: orgOf,
          lookupTxt,
        });

  const spf = selectSpfRecord(txt, ascii);

  const mxDiagnostics: Diagnostic[] = [];
  let nullMx = false;
  if (mx === undefined) {
    mxDiagnostics.push(
      diag(
        'mx-lookup-unsupported',
        'The resolver cannot look up MX records, so Null MX was not checked.',
      ),
    );
  } else if (mx.kind === 'temperror') {
    mxDiagnostics.push(diag('mx-temperror', `The MX lookup for ${ascii} failed (${mx.code}).`));
  } else {
    const records: MxRecord[] = mx.kind === 'answer' ? mx.value : [];
    const result = checkNullMx(records, ascii);
    nullMx = result.nullMx;
    mxDiagnostics.push(...result.diagnostics);
  }

  const noMail = checkNoMail({
    domain: ascii,
    nullMx,
    ...(spf.status === 'found' && spf.text !== undefined ? { spfText: spf.text } : {}),
    rejectEnforced: stage.stage === 'reject',
  });

  // A domain that already says "no mail" somewhere skips the monitoring road: it publishes the rest.
  const partlyNoMail = noMail.diagnostics.some((d) => d.code === 'no-mail-incomplete');
  const nextStep = partlyNoMail
    ? `${ascii} looks like a domain that handles no mail; if so, publish: ${noMail.noMail.missing.join('; ')}.`
    : stage.nextStep;

  return {
    domain: ascii,
    dmarc,
    stage: stage.stage,
    nextStep,
    reportDestinations: destinations.destinations,
    spf,
    nullMx,
    noMail: noMail.noMail,
    diagnostics: [
      ...dmarc.diagnostics,
      ...destinations.diagnostics,
      ...spf.diagnostics,
      ...mxDiagnostics,
      ...noMail.diagnostics,
    ],
  };
}

/** The check of a name that cannot be a domain: every part empty, one error. */
function invalidDomain(domain: string): DomainCheck {
  const diagnostic = makeDiagnostic(
    'invalid-domain',
    ORG_DOMAIN_DIAGNOSTICS['invalid-domain'],
    `"${domain.slice(0, 300)}" is not a valid domain name, so nothing was looked up.`,
  );
  return {
    domain,
    dmarc: { status: 'none', diagnostics: [diagnostic] },
    stage: 'none',
    nextStep: 'Check the spelling of the domain name.',
    reportDestinations: [],
    spf: { status: 'none', diagnostics: [] },
    nullMx: false,
    noMail: { declared: false, missing: [] },
    diagnostics: [diagnostic],
  };
}

/**
 * The DMARC findings that need the domain's place in the tree: no record, a record inherited
 * from a parent, a record of its own compared with the organizational domain's, and what
 * subdomains get (RFC 9989 §4.7, §4.10.1).
 */
async function dmarcContext(
  domain: string,
  discovery: PolicyDiscovery,
  lookupTxt: (name: string) => Promise<DnsOutcome<string[][]>>,
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  // Discovery has already said why (dns-temperror).
  if (discovery.status === 'temperror') return out;
  const { record, policyDomain } = discovery;
  if (discovery.status === 'none' || record === undefined || policyDomain === undefined) {
    out.push(
      diag(
        'dmarc-none',
        `No DMARC record applies to ${domain}: neither _dmarc.${domain} nor a parent publishes one.`,
      ),
    );
    return out;
  }
  const org = discovery.organizationalDomain;
  if (policyDomain !== domain) {
    const applied = record.sp ?? record.p ?? 'none';
    out.push(
      diag(
        'dmarc-inherited',
        `${domain} has no record of its own; the record at _dmarc.${policyDomain} applies, with ${record.sp === undefined ? 'p' : 'sp'}=${applied}.`,
      ),
    );
    return out;
  }
  if (policyDomain === org) {
    out.push(subdomainSummary(domain, record));
    return out;
  }
  // The domain has its own record below its organizational domain: compare with the parent's.
  const parent = await lookupTxt(`_dmarc.${org}`);
  let organizationalRecord: DmarcRecord | undefined;
  if (parent.kind === 'temperror') {
    out.push(
      diag(
        'org-record-lookup-failed',
        `The record at _dmarc.${org} could not be read (${parent.code}), so this record was not compared with it.`,
      ),
    );
  } else if (parent.kind === 'answer') {
    // RFC 9989 §4.10: exactly one usable record, or none at all.
    const usable = parent.value.map((chunks) => parseRecord(chunks.join(''))).filter((r) => r.ok);
    const only = usable[0];
    if (usable.length === 1 && only?.ok === true) organizationalRecord = only.record;
  }
  out.push(
    ...lintPolicyPlacement(record, { domain, organizationalDomain: org, organizationalRecord }),
  );
  return out;
}

/** What existing and non-existent subdomains get from the organizational domain's record. */
function subdomainSummary(domain: string, record: DmarcRecord): Diagnostic {
  const p: Policy = record.p ?? 'none';
  const sp: Policy = record.sp ?? p;
  const np: Policy = record.np ?? sp;
  const spFrom = record.sp === undefined ? 'p' : 'sp';
  const npFrom = record.np !== undefined ? 'np' : spFrom;
  return diag(
    'subdomain-policy',
    `Subdomains of ${domain} are covered: existing ones get ${sp} (from ${spFrom}), non-existent ones get ${np} (from ${npFrom}).`,
  );
}
