/**
 * Where a domain stands on the road to `p=reject`, and the one next step to take
 * (RFC 9989 §4.7 for `p`, `sp` and `t`; RFC 7489 §6.3 for `pct`; RFC 9989 Appendix A.6).
 * @module
 */
import type { DmarcRecord, Policy } from '../record/types.js';

/**
 * A domain's rollout stage. `none`: no record applies; `monitoring`: the applied policy is
 * `none` (or `quarantine` softened to `none` by `t=y`); `quarantine`: the applied policy is
 * `quarantine`, or `reject` softened by `t=y` or `pct` below 100; `reject`: enforced.
 */
export type RolloutStage = 'none' | 'monitoring' | 'quarantine' | 'reject';

/** What {@link rolloutStage} needs to know about the domain and its record. */
export interface StageInput {
  /** The checked domain (A-labels, lower case). */
  domain: string;
  /** The discovery status. */
  status: 'found' | 'none' | 'temperror';
  /** Where the record was found; the domain itself or a parent. */
  policyDomain?: string;
  record?: DmarcRecord;
}

/** The stage, the policy behind it, and the next step in one plain sentence. */
export interface StageResult {
  stage: RolloutStage;
  /** The policy that applies to the checked domain (`p`, or `sp` for a subdomain), `none` when absent. */
  appliedPolicy?: Policy;
  /** The tag that policy comes from. */
  policyTag?: 'p' | 'sp';
  nextStep: string;
}

/**
 * Decides the rollout stage and the next step: no record, publish `p=none` with `rua`;
 * `p=none`, read the reports, fix SPF and DKIM, then quarantine; `quarantine` (or `pct` below
 * 100, or `t=y`), move to reject; `reject`, done.
 *
 * @example
 * ```ts
 * rolloutStage({ domain: 'example.com', status: 'found', policyDomain: 'example.com', record }).stage;
 * // 'monitoring' for "v=DMARC1; p=none; rua=mailto:d@example.com"
 * ```
 */
export function rolloutStage(input: StageInput): StageResult {
  const { domain, record } = input;
  if (input.status === 'temperror')
    return {
      stage: 'none',
      nextStep: `The DMARC lookup for ${domain} failed temporarily; run the check again when DNS answers.`,
    };
  if (input.status === 'none' || record === undefined)
    return {
      stage: 'none',
      nextStep: `Publish "v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}" at _dmarc.${domain} to start receiving aggregate reports.`,
    };
  const policyDomain = input.policyDomain ?? domain;
  const own = policyDomain === domain;
  // RFC 9989 §4.7: sp applies to subdomains of the domain that published the record.
  const policyTag: 'p' | 'sp' = !own && record.sp !== undefined ? 'sp' : 'p';
  const applied: Policy = (policyTag === 'sp' ? record.sp : record.p) ?? 'none';
  const where = `_dmarc.${policyDomain}`;
  const testing = record.t === 'y';
  const partial = record.pct !== undefined && record.pct < 100;
  const base = { appliedPolicy: applied, policyTag };
  if (applied === 'none') {
    if (record.rua.length === 0)
      return {
        ...base,
        stage: 'monitoring',
        nextStep: `Add rua=mailto:dmarc-reports@${policyDomain} to ${where} so receivers send aggregate reports, then fix SPF and DKIM for every source they show.`,
      };
    return {
      ...base,
      stage: 'monitoring',
      nextStep: `Read the aggregate reports, make every legitimate source pass SPF or DKIM aligned with ${domain}, then set ${policyTag}=quarantine at ${where}.`,
    };
  }
  if (applied === 'quarantine') {
    if (testing)
      return {
        ...base,
        stage: 'monitoring',
        nextStep: `t=y turns ${policyTag}=quarantine into none; remove t=y from ${where} once the reports show legitimate mail passing.`,
      };
    if (partial)
      return {
        ...base,
        stage: 'quarantine',
        nextStep: `Raise pct=${record.pct} to 100 at ${where} so quarantine covers all failing mail, then set ${policyTag}=reject.`,
      };
    return {
      ...base,
      stage: 'quarantine',
      nextStep: `When the reports show no legitimate mail failing, set ${policyTag}=reject at ${where}.`,
    };
  }
  if (testing || partial) {
    const softeners = [testing ? 't=y' : '', partial ? `pct=${record.pct}` : '']
      .filter((s) => s !== '')
      .join(' and ');
    return {
      ...base,
      stage: 'quarantine',
      nextStep: `Remove ${softeners} from ${where} so ${policyTag}=reject applies to all failing mail.`,
    };
  }
  return {
    ...base,
    stage: 'reject',
    nextStep: `Done: ${domain} is at ${policyTag}=reject; keep reading the aggregate reports for new senders.`,
  };
}
