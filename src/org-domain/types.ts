/**
 * Shapes shared by policy discovery and its callers (RFC 9989 §4.10, RFC 7489 §6.6.3).
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import type { DnsResolver } from '../dns/types.js';
import type { DmarcRecord } from '../record/types.js';

/** How the organizational domain and the policy are found. */
export type DiscoveryMethod = 'tree-walk' | 'psl';

/** The outcome of policy discovery for one author domain. */
export interface PolicyDiscovery {
  /** `found`: a usable record; `none`: no record anywhere; `temperror`: DNS failed on the way. */
  status: 'found' | 'none' | 'temperror';
  /** The author domain, normalised (lower case, A-labels, no trailing dot). */
  fromDomain: string;
  /** Where the applied record was found. */
  policyDomain?: string;
  /** The organizational domain (RFC 9989 §4.10.2 or RFC 7489 §3.2). */
  organizationalDomain: string;
  /** The applied record. */
  record?: DmarcRecord;
  /** The applied record's text, TXT chunks joined. */
  text?: string;
  /** Every name looked up, in order. */
  queries: string[];
  diagnostics: Diagnostic[];
  /** The method that produced this result. */
  method: DiscoveryMethod;
  /** Both methods side by side, when `compare: true` was asked. */
  comparison?: PolicyComparison;
}

/** What differs between the two methods' results (see {@link PolicyComparison}). */
export type PolicyDifference = 'status' | 'policyDomain' | 'organizationalDomain' | 'record';

/**
 * The RFC 9989 tree walk and the RFC 7489 PSL method side by side for one author domain:
 * what an operator moving from RFC 7489 to RFC 9989 needs to see.
 */
export interface PolicyComparison {
  treeWalk: PolicyDiscovery;
  psl: PolicyDiscovery;
  /** True when status, policy domain, organizational domain and applied record all agree. */
  agree: boolean;
  /** The fields that differ, empty when the methods agree. */
  differences: PolicyDifference[];
}

/** Options of `discoverPolicy`. */
export interface DiscoverPolicyOptions {
  resolver: DnsResolver;
  /** `tree-walk` (RFC 9989 §4.10) is the default; `psl` is the RFC 7489 method. */
  method?: DiscoveryMethod;
  /** The list the `psl` method uses; the shipped snapshot when absent (loaded on demand). */
  psl?: import('./psl-types.js').PublicSuffixList;
  /** The `psl` method uses the ICANN section only (see `SuffixLookupOptions.icannOnly`). */
  icannOnly?: boolean;
  /** Run both methods and report both, with their differences, in `comparison`. */
  compare?: boolean;
  /** Aborting rejects the discovery with `signal.reason`. */
  signal?: AbortSignal;
}

/** Options of `findOrganizationalDomain`. */
export interface FindOrganizationalDomainOptions {
  /** Used by the tree walk; a caching resolver makes lookups shared with other walks free. */
  resolver: DnsResolver;
  /** `tree-walk` (RFC 9989 §4.10.2) is the default; `psl` (RFC 7489 §3.2) needs no DNS. */
  method?: DiscoveryMethod;
  psl?: import('./psl-types.js').PublicSuffixList;
  icannOnly?: boolean;
  signal?: AbortSignal;
}

/** The organizational domain of an arbitrary domain (an author domain, a DKIM `d=`, an SPF domain). */
export interface OrganizationalDomainResult {
  /** `found`: a record (tree walk) or a public suffix (PSL) decided it; `none`: the domain is its own. */
  status: 'found' | 'none' | 'temperror';
  /** The organizational domain (A-labels); the normalised input when `status` is not `found`. */
  organizationalDomain: string;
  /** Every name looked up, in order (empty for the PSL method). */
  queries: string[];
  diagnostics: Diagnostic[];
}
