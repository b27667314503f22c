/**
 * The shapes of DMARC evaluation: inputs (the SPF and DKIM results the caller already has),
 * the verdict, and the trace.
 * @module
 */
import type { AlignmentReason } from '../alignment/is-aligned.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DnsResolver } from '../dns/types.js';
import type { PublicSuffixList } from '../org-domain/psl-types.js';
import type { DiscoveryMethod } from '../org-domain/types.js';
import type { AlignmentMode, DmarcRecord, Policy } from '../record/types.js';

/** An SPF result for the MAIL FROM identity (RFC 7208 §2.6, RFC 9989 §4.4.2). */
export interface SpfResult {
  /** The MAIL FROM domain checked (or the HELO domain for a null reverse-path, RFC 7208 §2.4). */
  domain: string;
  result: 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';
}

/** The result of checking one DKIM signature (RFC 6376 §6.1, RFC 9989 §4.4.1). */
export interface DkimResult {
  /** The signature's `d=` value. */
  domain: string;
  result: 'pass' | 'fail' | 'neutral' | 'none' | 'policy' | 'temperror' | 'permerror';
  /** The signature's `s=` value. */
  selector?: string;
}

/** What a receiver knows about a message before DMARC. */
export interface DmarcInput {
  /** The From header value, an address or a bare domain. */
  from: string;
  spf?: SpfResult;
  dkim?: DkimResult[];
}

/** Which specification decides the policy: RFC 9989 (t, np; pct ignored) or RFC 7489 (pct). */
export type DmarcMode = 'rfc9989' | 'rfc7489';

/** The tag whose policy applied (RFC 9989 §4.7, §4.10.1). */
export type PolicySource = 'p' | 'sp' | 'np';

/** Why an evaluation ended in `temperror`. */
export type TemperrorCause = 'dns' | 'deadline' | 'query-budget' | 'spf' | 'dkim';

/** The DMARC verdict for one message. */
export interface DmarcEvaluation {
  /** RFC 9989 §9.2 result names. */
  result: 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';
  /** The author domain the verdict is about (normalised; empty when the From header had none). */
  fromDomain: string;
  policyDomain?: string;
  organizationalDomain?: string;
  record?: DmarcRecord;
  /** The policy of whichever of p, sp or np applies, before t=y or pct. */
  appliedPolicy?: Policy;
  /** Which tag `appliedPolicy` came from (`p` also when a broken record acts as p=none). */
  policySource?: PolicySource;
  /** What to do with the message: `none` unless DMARC failed, then the policy after t=y or pct. */
  disposition: 'none' | 'quarantine' | 'reject';
  spf: { domain: string; result: string; aligned: boolean } | undefined;
  dkim: { domain: string; result: string; aligned: boolean; selector?: string }[];
  /** The RFC 8601 `dmarc=` method string, e.g. `dmarc=pass (p=reject dis=none) header.from=example.com`. */
  authenticationResults: string;
  /** Every author domain in the From header, normalised (several only for a multi-address From). */
  authorDomains: string[];
  /** Why the result is `temperror`. */
  temperrorCause?: TemperrorCause;
  /** Findings about the input and the record (codes from `EVALUATE_DIAGNOSTICS`, plus discovery's). */
  diagnostics: Diagnostic[];
  /** How the verdict was reached, when the `trace` option was set. */
  trace?: EvaluationTrace;
}

/** One DNS lookup an evaluation made (after memoisation: each name once). */
export interface TraceQuery {
  /** The name looked up (TXT). */
  name: string;
  outcome: 'answer' | 'nxdomain' | 'nodata' | 'temperror';
  /** The TXT records returned, chunks joined. */
  records?: string[];
  /** The error code of a failed lookup (`ETIMEOUT`, `ESERVFAIL`, ...). */
  code?: string;
  /** Why no query went out (the budget or the deadline), or what stopped it. */
  note?: string;
}

/** One tree walk (or PSL look-up) for an organizational domain. */
export interface TraceWalk {
  /** Whose organizational domain was sought. */
  domain: string;
  purpose: 'policy-discovery' | 'alignment';
  status: 'found' | 'none' | 'temperror';
  organizationalDomain?: string;
  /** The names this walk asked for, in order (possibly answered from memory). */
  queries: string[];
}

/** How one authenticated identifier was judged. */
export interface TraceIdentifier {
  kind: 'spf' | 'dkim';
  domain: string;
  result: string;
  selector?: string;
  mode?: AlignmentMode;
  aligned: boolean;
  /** The alignment reason, or why alignment was not checked. */
  reason: AlignmentReason | 'not-a-pass' | 'no-policy' | 'not-checked';
  organizationalDomain?: string | null;
}

/** A readable account of one evaluation, for support engineers (see `formatTrace`). */
export interface EvaluationTrace {
  method: DiscoveryMethod;
  mode: DmarcMode;
  authorDomains: string[];
  /** Every DNS lookup, in the order they were made. */
  queries: TraceQuery[];
  walks: TraceWalk[];
  identifiers: TraceIdentifier[];
  /** The record that applied and which tag decided. */
  policy?: {
    domain: string;
    text?: string;
    source: PolicySource;
    policy: Policy;
    authorDomainExists?: boolean;
  };
  temperror?: { cause: TemperrorCause; name?: string; code?: string };
  /** Plain sentences, in order: what was looked up, found and decided. */
  steps: string[];
}

/** Options of `decide`. */
export interface DecideOptions {
  /** RFC 9989 (default) or RFC 7489 rules: pct sampling, no np or t. */
  mode?: DmarcMode;
  /** A number in [0, 1) for pct sampling (RFC 7489 mode only); `Math.random` when omitted. */
  random?: () => number;
  /**
   * Whether the author domain exists (RFC 9989 §3.2.13: NXDOMAIN means it does not), needed
   * for `np` when the record was found above the author domain. Omitted: assumed to exist.
   * `temperror`: the lookup failed, which turns a failing verdict that np could change into
   * `temperror`.
   */
  authorDomain?: 'exists' | 'nxdomain' | 'temperror';
  /** Collect the verdict's steps into `trace` (evaluate adds its DNS part). */
  trace?: boolean;
}

/** Options of `evaluate`. */
export interface EvaluateOptions {
  resolver: DnsResolver;
  /** `tree-walk` (RFC 9989 §4.10, the default) or `psl` (RFC 7489 §3.2). */
  method?: DiscoveryMethod;
  /** The rules for the verdict; `rfc7489` when `method` is `psl`, else `rfc9989`. */
  mode?: DmarcMode;
  psl?: PublicSuffixList;
  /** A number in [0, 1) for pct sampling (RFC 7489 mode); `Math.random` when omitted. */
  random?: () => number;
  signal?: AbortSignal;
  /** Overall deadline in milliseconds, also when the resolver never answers; default 10 000. */
  timeoutMs?: number;
  /** Most distinct DNS names one evaluation may look up; default 24. */
  maxQueries?: number;
  /** Most distinct author domains evaluated for a multi-address From; default 4. */
  maxAuthorDomains?: number;
  /** Attach an {@link EvaluationTrace} to the result. */
  trace?: boolean;
}
