/**
 * The one place that turns a resolver's rejection into a DMARC outcome, so no module repeats
 * the code checks. RFC 9989 §4.10 and §5 need "no record" and "temporary failure" apart, and
 * `np` (RFC 9989 §4.7) needs NXDOMAIN apart from NODATA.
 * @module
 */

/** What a failed lookup means for DMARC. */
export type DnsFailureKind = 'nxdomain' | 'nodata' | 'temperror';

/** The outcome of one lookup: an answer, or why there is none. */
export type DnsOutcome<T> =
  | { kind: 'answer'; value: T }
  | { kind: 'nxdomain' }
  | { kind: 'nodata' }
  | { kind: 'temperror'; code: string; error: unknown };

/**
 * Classifies any rejection: `ENOTFOUND` is NXDOMAIN, `ENODATA` is NODATA, and everything else
 * (timeouts, SERVFAIL, refused connections, aborts, errors without a code) is temporary.
 *
 * @example
 * ```ts
 * import { classifyDnsFailure } from 'dmarc-kit/dns';
 * try {
 *   await resolver.resolveTxt('_dmarc.example.com');
 * } catch (error) {
 *   classifyDnsFailure(error); // 'nxdomain' | 'nodata' | 'temperror'
 * }
 * ```
 */
export function classifyDnsFailure(error: unknown): DnsFailureKind {
  const code = errorCode(error);
  if (code === 'ENOTFOUND') return 'nxdomain';
  if (code === 'ENODATA') return 'nodata';
  return 'temperror';
}

/** The `code` of an error-like value, or a name for it when it has none. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (error as { name?: unknown }).name;
    if (name === 'AbortError' || name === 'TimeoutError') return name;
  }
  return 'EUNKNOWN';
}

/**
 * Runs one lookup and returns its outcome instead of rejecting.
 *
 * @example
 * ```ts
 * import { resolveOutcome } from 'dmarc-kit/dns';
 * const outcome = await resolveOutcome(() => resolver.resolveTxt('_dmarc.example.com'));
 * if (outcome.kind === 'answer') console.log(outcome.value.map((chunks) => chunks.join('')));
 * else if (outcome.kind === 'temperror') console.log('try again later:', outcome.code);
 * ```
 */
export async function resolveOutcome<T>(lookup: () => Promise<T>): Promise<DnsOutcome<T>> {
  try {
    return { kind: 'answer', value: await lookup() };
  } catch (error) {
    const kind = classifyDnsFailure(error);
    if (kind === 'temperror') return { kind, code: errorCode(error), error };
    return { kind };
  }
}
