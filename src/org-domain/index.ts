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
export { defaultPublicSuffixList } from './default-psl.js';
export { compareDiscoveries, discoverPolicy, findOrganizationalDomain } from './discover.js';
export { isDmarcRecordText } from './dmarc-lookup.js';
export { organizationalDomain } from './organizational-domain.js';
export { loadPublicSuffixList } from './psl.js';
export type {
  LoadPublicSuffixListOptions,
  PublicSuffixList,
  SuffixLookupOptions,
} from './psl-types.js';
export {
  createSuffixLookup,
  type TldtsPublicSuffix,
  type TldtsSuffixLookup,
  type TldtsSuffixLookupOptions,
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
