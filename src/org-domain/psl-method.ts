/**
 * The RFC 7489 method (§3.2 organizational domain by the Public Suffix List, §6.6.3 policy
 * discovery). The shipped list is loaded with a dynamic `import()` only when no list is given,
 * so it stays out of bundles that only walk the DNS tree.
 * @module
 */
import { type LookupContext, lookupDmarcRecord } from './dmarc-lookup.js';
import type { PublicSuffixList } from './psl-types.js';
import type { PolicyDiscovery } from './types.js';

/** The list options the PSL method takes. */
export interface PslMethodOptions {
  psl?: PublicSuffixList | undefined;
  icannOnly?: boolean | undefined;
}

/**
 * The given list, or the shipped snapshot. The snapshot's module is the target of the dynamic
 * import itself: bundlers then give it a chunk of its own that loads on first use.
 */
async function listOf(psl: PublicSuffixList | undefined): Promise<PublicSuffixList> {
  if (psl !== undefined) return psl;
  return (await import('./default-psl.js')).defaultPublicSuffixList();
}

/**
 * The RFC 7489 §3.2 organizational domain of an A-label name, or `null` (a public suffix), by
 * tldts-core (`tldts.ts`). That module is imported on first use too, so tldts-core and the
 * packed trie stay out of the up-front bundle of an application that only walks the DNS tree.
 */
export async function pslOrganizationalDomain(
  domain: string,
  options: PslMethodOptions,
): Promise<string | null> {
  const psl = await listOf(options.psl);
  const { registrableDomainIn } = await import('./tldts.js');
  return registrableDomainIn(domain, psl, options.icannOnly === true);
}

/**
 * RFC 7489 §6.6.3: the author domain, then its PSL organizational domain if different; at
 * most two queries. Several records, or one receivers cannot use, end discovery (step 5, 6).
 */
export async function discoverByPsl(
  domain: string,
  ctx: LookupContext,
  options: PslMethodOptions,
): Promise<PolicyDiscovery> {
  const org = (await pslOrganizationalDomain(domain, options)) ?? domain;
  const base = {
    fromDomain: domain,
    organizationalDomain: org,
    queries: ctx.queries,
    diagnostics: ctx.diagnostics,
    method: 'psl' as const,
  };
  let policyDomain = domain;
  let found = await lookupDmarcRecord(domain, ctx);
  if (found.kind === 'none' && found.reason === 'no-record' && org !== domain) {
    policyDomain = org;
    found = await lookupDmarcRecord(org, ctx);
  }
  if (found.kind === 'temperror') return { status: 'temperror', ...base };
  if (found.kind === 'none') return { status: 'none', ...base };
  ctx.diagnostics.push(...found.diagnostics);
  return { status: 'found', policyDomain, record: found.record, text: found.text, ...base };
}
