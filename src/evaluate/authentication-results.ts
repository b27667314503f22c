/**
 * The `dmarc=` method string of an Authentication-Results header field (RFC 8601 §2.2,
 * properties from RFC 9989 §9.1).
 * @module
 */
import type { DmarcEvaluation } from './types.js';

/** Options of {@link authenticationResults}. */
export interface AuthenticationResultsOptions {
  /** Add `policy.dmarc=<disposition>` (RFC 9989 §9.1). Default `false`. */
  policyProperty?: boolean;
  /** Add the `(p=... dis=...)` comment. Default `true`. */
  comment?: boolean;
}

/** A `header.from` value: a domain is a valid RFC 8601 pvalue; anything else is quoted. */
function pvalue(domain: string): string {
  let plain = domain.length > 0;
  for (let i = 0; i < domain.length && plain; i++) {
    const c = domain.charCodeAt(i);
    plain =
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 45 ||
      c === 46 ||
      c === 95 ||
      (c >= 65 && c <= 90);
  }
  if (plain) return domain;
  let out = '"';
  for (const ch of domain) {
    const c = ch.charCodeAt(0);
    if (c < 32 || c === 127) continue;
    out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return `${out}"`;
}

/**
 * Formats the RFC 8601 `dmarc=` method string for an evaluation, ready to put in an
 * Authentication-Results header: the result, a comment with the published policy and the
 * disposition, and `header.from` (RFC 9989 §9.1, §9.2).
 *
 * @param evaluation - What `evaluate` or `decide` returned.
 * @param options - Whether to add the comment and the `policy.dmarc` property.
 * @returns E.g. `dmarc=fail (p=reject sp=quarantine dis=quarantine) header.from=example.com`.
 * @example
 * const verdict = await evaluate({ from: 'a@example.com' }, { resolver });
 * const header = `Authentication-Results: mx.example.net; ${authenticationResults(verdict)}`;
 */
export function authenticationResults(
  evaluation: Pick<DmarcEvaluation, 'result' | 'fromDomain' | 'record' | 'disposition'>,
  options: AuthenticationResultsOptions = {},
): string {
  let out = `dmarc=${evaluation.result}`;
  const record = evaluation.record;
  if (
    record !== undefined &&
    options.comment !== false &&
    (evaluation.result === 'pass' || evaluation.result === 'fail')
  ) {
    let comment = `p=${record.p ?? 'none'}`;
    if (record.sp !== undefined) comment += ` sp=${record.sp}`;
    if (record.np !== undefined) comment += ` np=${record.np}`;
    if (record.t === 'y') comment += ' t=y';
    comment += ` dis=${evaluation.disposition}`;
    out += ` (${comment})`;
  }
  if (evaluation.fromDomain !== '') out += ` header.from=${pvalue(evaluation.fromDomain)}`;
  if (
    options.policyProperty === true &&
    (evaluation.result === 'pass' || evaluation.result === 'fail')
  ) {
    out += ` policy.dmarc=${evaluation.disposition}`;
  }
  return out;
}

/** The default formatting used for `DmarcEvaluation.authenticationResults`. */
export function formatAuthenticationResults(
  evaluation: Pick<DmarcEvaluation, 'result' | 'fromDomain' | 'record' | 'disposition'>,
): string {
  return authenticationResults(evaluation);
}
