/**
 * `lintPolicyPlacement`: checks that need to know where a record is published, relative to the
 * organizational domain (RFC 9989 §4.7 `sp`, §4.10.1, §4.10.2). Pure: the caller (the check
 * module, or anyone with a resolver) supplies the organizational domain and its record.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import { asciiLower } from '../internal/ascii.js';
import { DiagnosticList } from './diagnostic-list.js';
import { policyRank } from './lint.js';
import type { DmarcRecord, ReportUri } from './types.js';

/** Where a record is published, for {@link lintPolicyPlacement}. */
export interface LintPolicyPlacementOptions {
  /** The domain the record is published for (the name under `_dmarc.`). */
  domain: string;
  /** The organizational domain of `domain` (RFC 9989 §4.10.2), e.g. from `organizationalDomain`. */
  organizationalDomain: string;
  /** The record published at the organizational domain, when there is one. */
  organizationalRecord?: DmarcRecord | undefined;
}

function normalize(domain: string): string {
  const lower = asciiLower(domain);
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function sameUris(a: ReportUri[], b: ReportUri[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (asciiLower(x.uri) !== asciiLower(y.uri) || x.maxBytes !== y.maxBytes) return false;
  }
  return true;
}

/**
 * Checks a record published on a subdomain against its organizational domain (RFC 9989
 * §4.10.1): `sp` has no effect there unless the record also says `psd=n` (`sp-on-subdomain`);
 * a record that asks for exactly what the organizational domain's record already applies to its
 * subdomains is redundant (`redundant-subdomain-record`); one that asks for a weaker policy
 * weakens the protection the organizational domain gives (`subdomain-weaker-than-organizational`).
 * Returns no findings for a record at the organizational domain itself or outside it.
 * @param record - the record published at `_dmarc.<options.domain>`.
 * @param options - where it is published, and the organizational domain's record if any.
 * @returns the findings (no spans: they compare two records).
 * @example
 * ```ts
 * import { lintPolicyPlacement, parseRecord } from 'dmarc-kit/record';
 * const org = parseRecord('v=DMARC1; p=reject; rua=mailto:d@example.com');
 * const sub = parseRecord('v=DMARC1; p=none; rua=mailto:d@example.com');
 * if (org.ok && sub.ok) {
 *   lintPolicyPlacement(sub.record, {
 *     domain: 'mail.example.com',
 *     organizationalDomain: 'example.com',
 *     organizationalRecord: org.record,
 *   }).map((d) => d.code); // ['subdomain-weaker-than-organizational']
 * }
 * ```
 */
export function lintPolicyPlacement(
  record: DmarcRecord,
  options: LintPolicyPlacementOptions,
): Diagnostic[] {
  const out = new DiagnosticList();
  const domain = normalize(options.domain);
  const org = normalize(options.organizationalDomain);
  if (domain === org || !domain.endsWith(`.${org}`)) return out.finish();

  if (record.sp !== undefined && record.psd !== 'n') {
    out.add(
      'sp-on-subdomain',
      `sp=${record.sp} on ${domain} has no effect: receivers take the subdomain policy from ${org}'s record (or from this record only when it also says psd=n).`,
      'sp',
    );
  }
  const orgRecord = options.organizationalRecord;
  if (orgRecord !== undefined) {
    const inherited = orgRecord.sp ?? orgRecord.p ?? 'none';
    const own = record.p ?? 'none';
    if (policyRank(own) < policyRank(inherited)) {
      out.add(
        'subdomain-weaker-than-organizational',
        `${domain} publishes p=${own}, weaker than the ${inherited} that ${org}'s record would apply to it; remove this record or raise its policy.`,
        'p',
      );
    } else if (
      own === inherited &&
      record.adkim === orgRecord.adkim &&
      record.aspf === orgRecord.aspf &&
      (record.t ?? 'n') === (orgRecord.t ?? 'n') &&
      record.pct === orgRecord.pct &&
      record.fo.join(':') === orgRecord.fo.join(':') &&
      sameUris(record.rua, orgRecord.rua) &&
      sameUris(record.ruf, orgRecord.ruf)
    ) {
      out.add(
        'redundant-subdomain-record',
        `${domain}'s record asks for exactly what ${org}'s record already applies to it; you can remove it and manage one record.`,
      );
    }
  }
  return out.finish();
}
