/**
 * The RFC 7489 method (§3.2 organizational domain by the Public Suffix List, §6.6.3 policy
 * discovery). The shipped list is loaded with a dynamic `import()` only when no list is given,
 * so it stays out of bundles that only walk the DNS tree.
 * @module
 */
import type { PublicSuffixList } from './psl-types.js';

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
  defaultList ??= (await import('./default-psl.js')).shippedPublicSuffixList();
  return defaultList;
}

/** The shipped list and the tldts-core module, kept once loaded (one import() each, ever). */
let defaultList: PublicSuffixList | undefined;
let tldts: typeof import('./tldts.js') | undefined;

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
  tldts ??= await import('./tldts.js');
  return tldts.registrableDomainIn(domain, psl, options.icannOnly === true);
}
