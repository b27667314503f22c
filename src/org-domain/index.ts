/**
 * Organizational domains and DMARC policy discovery: the Public Suffix List (a snapshot
 * shipped with the package, or any list loaded at run time), the RFC 7489 §3.2 organizational
 * domain, the RFC 9989 §4.10 DNS tree walk, and both discovery methods side by side.
 *
 * Exported from `dmarc-kit` and from `dmarc-kit/org-domain`.
 * @module
 */
export { toAsciiDomain } from '../internal/domain-name.js';
export { ORG_DOMAIN_DIAGNOSTICS, type OrgDomainDiagnosticCode } from './catalogue.js';
export { compareDiscoveries, discoverPolicy, findOrganizationalDomain } from './discover.js';
export { isDmarcRecordText } from './dmarc-lookup.js';
export { organizationalDomain } from './organizational-domain.js';
// The public functions over the PSL come from psl-api.ts and organizational-domain.ts, never
// from a module the RFC 7489 method loads with import() (see psl-api.ts).
export { createSuffixLookup, defaultPublicSuffixList, loadPublicSuffixList } from './psl-api.js';
export type {
  LoadPublicSuffixListOptions,
  PublicSuffixList,
  SuffixLookupOptions,
} from './psl-types.js';
export type {
  TldtsPublicSuffix,
  TldtsSuffixLookup,
  TldtsSuffixLookupOptions,
} from './suffix-lookup.js';
export {
  chooseOrganizationalDomain,
  MAX_TREE_WALK_QUERIES,
  type OrganizationalDomainRule,
  type TreeWalk,
  type WalkRecord,
  walkTargets,
} from './tree-walk.js';
export type {
  DiscoverPolicyOptions,
  DiscoveryMethod,
  FindOrganizationalDomainOptions,
  OrganizationalDomainResult,
  PolicyComparison,
  PolicyDifference,
  PolicyDiscovery,
} from './types.js';
