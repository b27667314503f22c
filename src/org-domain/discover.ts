/**
 * DMARC policy discovery: the RFC 9989 §4.10 tree walk (default), the RFC 7489 §6.6.3 PSL
 * method, or both side by side. The shipped list is loaded on demand (a dynamic import in
 * `psl-method.ts`), so a bundle that only walks the tree does not contain it.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import type { DnsResolver } from '../dns/types.js';
import { asciiLower } from '../internal/ascii.js';
import { toAsciiDomain } from '../internal/domain-name.js';
import {
  type DmarcLookup,
  dmarcAnswer,
  dmarcFailure,
  type LookupContext,
  orgDiagnostic,
  sendDmarcQuery,
} from './dmarc-lookup.js';
import { pslOrganizationalDomain } from './psl-method.js';
import { chooseOrganizationalDomain, type WalkRecord, walkTree } from './tree-walk.js';
import type {
  DiscoverPolicyOptions,
  DiscoveryMethod,
  FindOrganizationalDomainOptions,
  OrganizationalDomainResult,
  PolicyComparison,
  PolicyDifference,
  PolicyDiscovery,
} from './types.js';

function checkResolver(resolver: DnsResolver | undefined): DnsResolver {
  if (
    typeof resolver !== 'object' ||
    resolver === null ||
    typeof resolver.resolveTxt !== 'function'
  ) {
    throw new TypeError('options.resolver must be a DnsResolver (an object with resolveTxt)');
  }
  return resolver;
}

function checkMethod(method: DiscoveryMethod | undefined): DiscoveryMethod {
  if (method === undefined) return 'tree-walk';
  if (method !== 'tree-walk' && method !== 'psl') {
    throw new TypeError(`options.method must be 'tree-walk' or 'psl', not ${String(method)}`);
  }
  return method;
}

function newContext(resolver: DnsResolver, signal: AbortSignal | undefined): LookupContext {
  return { resolver, signal, queries: [], diagnostics: [] };
}

function invalidName(domain: unknown): string {
  if (typeof domain !== 'string') return '';
  const lower = asciiLower(domain);
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function invalidDiagnostic(domain: unknown): Diagnostic {
  return orgDiagnostic(
    'invalid-domain',
    `"${typeof domain === 'string' ? domain.slice(0, 300) : String(domain)}" cannot be a DNS domain name, so no DMARC record was looked up.`,
  );
}

/** The walk's record at `domain`, if any. */
function recordAt(records: readonly WalkRecord[], domain: string): WalkRecord | undefined {
  for (const r of records) if (r.domain === domain) return r;
  return undefined;
}

/** RFC 9989 §4.10.1: the author domain's record, else the organizational domain's, else the PSD's. */
async function byTreeWalk(domain: string, ctx: LookupContext): Promise<PolicyDiscovery> {
  const walk = await walkTree(domain, ctx);
  // Objects written out in one key order (no spread), as the PSL method does.
  if (walk.status === 'temperror') {
    return {
      status: 'temperror',
      organizationalDomain: domain,
      fromDomain: domain,
      queries: ctx.queries,
      diagnostics: ctx.diagnostics,
      method: 'tree-walk',
    };
  }
  const org = chooseOrganizationalDomain(walk);
  const records = walk.records;
  let applied = recordAt(records, domain) ?? recordAt(records, org.domain);
  if (applied === undefined && org.rule === 'psd-y') {
    applied = records.find((r) => r.record.psd === 'y');
    if (applied !== undefined) {
      ctx.diagnostics.push(
        orgDiagnostic(
          'psd-policy-applied',
          `Neither ${domain} nor its organizational domain ${org.domain} publishes a DMARC record, so the public suffix record at _dmarc.${applied.domain} applies.`,
        ),
      );
    }
  }
  if (applied === undefined) {
    return {
      status: 'none',
      organizationalDomain: org.domain,
      fromDomain: domain,
      queries: ctx.queries,
      diagnostics: ctx.diagnostics,
      method: 'tree-walk',
    };
  }
  const diagnostics = ctx.diagnostics;
  for (const d of applied.diagnostics) diagnostics.push(d);
  return {
    status: 'found',
    organizationalDomain: org.domain,
    policyDomain: applied.domain,
    record: applied.record,
    text: applied.text,
    fromDomain: domain,
    queries: ctx.queries,
    diagnostics,
    method: 'tree-walk',
  };
}

/**
 * RFC 7489 §6.6.3 once the organizational domain is known: the author domain, then its PSL
 * organizational domain (§3.2) if different; at most two queries. Several records, or one
 * receivers cannot use, end discovery (steps 5, 6).
 */
async function byPsl(domain: string, org: string, ctx: LookupContext): Promise<PolicyDiscovery> {
  // lookupDmarcRecord, inlined: one promise per query instead of two.
  let policyDomain = domain;
  let found: DmarcLookup | undefined;
  for (;;) {
    let answer: unknown;
    try {
      answer = await sendDmarcQuery(policyDomain, ctx);
    } catch (error) {
      found = dmarcFailure(policyDomain, error, ctx);
    }
    found ??= dmarcAnswer(policyDomain, answer, ctx);
    if (found.kind !== 'none' || found.reason !== 'no-record' || policyDomain === org) break;
    policyDomain = org;
    found = undefined;
  }
  // Objects written out in one key order (no spread): the same shape as before, built faster.
  if (found.kind === 'record') {
    const diagnostics = ctx.diagnostics;
    for (const d of found.diagnostics) diagnostics.push(d);
    return {
      status: 'found',
      policyDomain,
      record: found.record,
      text: found.text,
      fromDomain: domain,
      organizationalDomain: org,
      queries: ctx.queries,
      diagnostics,
      method: 'psl',
    };
  }
  return {
    status: found.kind === 'temperror' ? 'temperror' : 'none',
    fromDomain: domain,
    organizationalDomain: org,
    queries: ctx.queries,
    diagnostics: ctx.diagnostics,
    method: 'psl',
  };
}

/** The fields in which two discoveries differ. */
export function compareDiscoveries(a: PolicyDiscovery, b: PolicyDiscovery): PolicyDifference[] {
  const differences: PolicyDifference[] = [];
  if (a.status !== b.status) differences.push('status');
  if (a.policyDomain !== b.policyDomain) differences.push('policyDomain');
  if (a.organizationalDomain !== b.organizationalDomain) differences.push('organizationalDomain');
  if (a.text !== b.text) differences.push('record');
  return differences;
}

/**
 * Finds the DMARC policy for an author domain (RFC 5322.From domain).
 *
 * By default, the RFC 9989 §4.10 DNS tree walk: the author domain first, then the parent (or,
 * from eight labels up, the name cut to seven labels), then one label at a time to the
 * top-level domain, stopping early only at a record with `psd=y` or `psd=n`; never more than
 * eight queries. The organizational domain is chosen by RFC 9989 §4.10.2 and the record
 * applied is the author domain's, else the organizational domain's, else the public suffix
 * domain's (§4.10.1), which is not always the first record found walking up. Several DMARC
 * records at one name are all discarded and the walk goes on; other TXT records are skipped;
 * TXT chunks are joined with nothing between them. Unicode author domains are converted to
 * A-labels (UTS-46) first; a name that cannot be a DNS name causes no query (`none`, with an
 * `invalid-domain` diagnostic). A temporary DNS failure on a name the walk needs gives
 * `temperror`, never `none`.
 *
 * With `method: 'psl'`, the RFC 7489 §6.6.3 method: the author domain, then its PSL
 * organizational domain (§3.2), at most two queries. With `compare: true`, both run and the
 * result (of `method`) carries `comparison`, with a `methods-disagree` diagnostic when they
 * differ.
 *
 * Untrusted input never throws; a missing resolver or unknown method is a `TypeError`, and an
 * aborted `signal` rejects with its reason.
 * @example
 * ```ts
 * import { discoverPolicy } from 'dmarc-kit/org-domain';
 * import { createStaticResolver } from 'dmarc-kit/dns';
 * const resolver = createStaticResolver({ '_dmarc.example.com': { txt: ['v=DMARC1; p=reject'] } });
 * const found = await discoverPolicy('mail.example.com', { resolver });
 * found.status; // 'found'
 * found.policyDomain; // 'example.com'
 * found.queries; // ['_dmarc.mail.example.com', '_dmarc.example.com', '_dmarc.com']
 * ```
 */
export function discoverPolicy(
  fromDomain: string,
  options: DiscoverPolicyOptions,
): Promise<PolicyDiscovery> {
  return discoverPolicyWith(fromDomain, options, undefined);
}

/**
 * {@link discoverPolicy}, with an optional synchronous RFC 7489 §3.2 organizational-domain
 * function for the PSL method (`evaluate` has the list at hand; `discoverPolicy` loads it on
 * demand). `pslOrg` receives an A-label name and must agree with the list in `options`.
 * @internal
 */
export function discoverPolicyWith(
  fromDomain: string,
  options: DiscoverPolicyOptions,
  pslOrg: ((domain: string) => string | null) | undefined,
): Promise<PolicyDiscovery> {
  // Not an async function: the common paths hand back the lookup's own promise, one layer less
  // per message; what would have thrown becomes a rejection, as from an async function.
  try {
    const resolver = checkResolver(options?.resolver);
    const method = checkMethod(options.method);
    const signal = options.signal;
    signal?.throwIfAborted();
    const domain = toAsciiDomain(fromDomain);
    if (domain === null) {
      const name = invalidName(fromDomain);
      return Promise.resolve({
        status: 'none',
        fromDomain: name,
        organizationalDomain: name,
        queries: [],
        diagnostics: [invalidDiagnostic(fromDomain)],
        method,
      });
    }
    if (options.compare === true) return compareMethods(domain, resolver, method, options, pslOrg);
    if (method === 'tree-walk') return byTreeWalk(domain, newContext(resolver, signal));
    if (pslOrg !== undefined)
      return byPsl(domain, pslOrg(domain) ?? domain, newContext(resolver, signal));
    return byPslLoading(domain, newContext(resolver, signal), options);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The PSL method with the list loaded on demand. */
async function byPslLoading(
  domain: string,
  ctx: LookupContext,
  options: DiscoverPolicyOptions,
): Promise<PolicyDiscovery> {
  return byPsl(domain, (await pslOrganizationalDomain(domain, options)) ?? domain, ctx);
}

/** Both methods, with `method`'s result carrying the comparison. */
async function compareMethods(
  domain: string,
  resolver: DnsResolver,
  method: DiscoveryMethod,
  options: DiscoverPolicyOptions,
  pslOrg: ((domain: string) => string | null) | undefined,
): Promise<PolicyDiscovery> {
  const signal = options.signal;
  const treeWalk = await byTreeWalk(domain, newContext(resolver, signal));
  const psl =
    pslOrg === undefined
      ? await byPslLoading(domain, newContext(resolver, signal), options)
      : await byPsl(domain, pslOrg(domain) ?? domain, newContext(resolver, signal));
  const differences = compareDiscoveries(treeWalk, psl);
  const comparison: PolicyComparison = {
    treeWalk: { ...treeWalk, diagnostics: [...treeWalk.diagnostics] },
    psl: { ...psl, diagnostics: [...psl.diagnostics] },
    agree: differences.length === 0,
    differences,
  };
  const main = method === 'psl' ? psl : treeWalk;
  if (differences.length > 0) {
    main.diagnostics.push(
      orgDiagnostic(
        'methods-disagree',
        `The RFC 9989 tree walk (policy at ${treeWalk.policyDomain ?? 'none'}, organizational domain ${treeWalk.organizationalDomain}) and the RFC 7489 PSL method (policy at ${psl.policyDomain ?? 'none'}, organizational domain ${psl.organizationalDomain}) disagree on: ${differences.join(', ')}.`,
      ),
    );
  }
  return { ...main, comparison };
}

/**
 * The organizational domain of any domain (an author domain, a DKIM `d=` or an SPF domain),
 * so relaxed alignment (RFC 9989 §4.4) compares organizational domains found the same way.
 * By default the RFC 9989 §4.10.2 tree walk from `domain` (at most eight queries; pass a
 * caching resolver and lookups shared with other walks cost nothing); with `method: 'psl'`
 * the RFC 7489 §3.2 public suffix rule, without DNS. A temporary DNS failure gives
 * `temperror`; a name that cannot be a DNS name gives `none` with no query.
 * @example
 * ```ts
 * const r = await findOrganizationalDomain('mail.example.com', { resolver });
 * r.organizationalDomain; // 'example.com' when only _dmarc.example.com has a record
 * ```
 */
export async function findOrganizationalDomain(
  domain: string,
  options: FindOrganizationalDomainOptions,
): Promise<OrganizationalDomainResult> {
  const resolver = checkResolver(options?.resolver);
  const method = checkMethod(options.method);
  options.signal?.throwIfAborted();
  const ascii = toAsciiDomain(domain);
  if (ascii === null) {
    return {
      status: 'none',
      organizationalDomain: invalidName(domain),
      queries: [],
      diagnostics: [invalidDiagnostic(domain)],
    };
  }
  if (method === 'psl') {
    const org = await pslOrganizationalDomain(ascii, options);
    return {
      status: org === null ? 'none' : 'found',
      organizationalDomain: org ?? ascii,
      queries: [],
      diagnostics: [],
    };
  }
  const ctx = newContext(resolver, options.signal);
  const walk = await walkTree(ascii, ctx);
  if (walk.status === 'temperror') {
    return {
      status: 'temperror',
      organizationalDomain: ascii,
      queries: ctx.queries,
      diagnostics: ctx.diagnostics,
    };
  }
  return {
    status: walk.records.length > 0 ? 'found' : 'none',
    organizationalDomain: chooseOrganizationalDomain(walk).domain,
    queries: ctx.queries,
    diagnostics: ctx.diagnostics,
  };
}
