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
}

/** Options of `discoverPolicy`. */
export interface DiscoverPolicyOptions {
  resolver: DnsResolver;
  /** `tree-walk` (RFC 9989 §4.10) is the default; `psl` is the RFC 7489 method. */
  method?: DiscoveryMethod;
  psl?: import('./psl-types.js').PublicSuffixList;
  signal?: AbortSignal;
}
