/**
 * Identifier alignment (RFC 9989 §3.2.10, §4.4; RFC 7489 §3.1): does an authenticated domain
 * (the SPF MAIL FROM domain or a DKIM `d=`) stand for the author domain of the From header?
 * @module
 */
import { asciiLower } from '../internal/ascii.js';
import { toAsciiDomain } from '../internal/domain-name.js';
import type { AlignmentMode } from '../record/types.js';

/**
 * Why two domains are or are not aligned:
 * - `identical`: the same name after normalisation (strict and relaxed);
 * - `same-organizational-domain`: relaxed, both have the same organizational domain;
 * - `not-identical`: strict, the names differ;
 * - `different-organizational-domains`: relaxed, the organizational domains differ;
 * - `no-organizational-domain`: relaxed, one of them has none (a public suffix, say);
 * - `organizational-domain-unknown`: relaxed, the organizational domain could not be found
 *   (the lookup function returned `undefined`, e.g. after a DNS failure);
 * - `invalid-domain`: one of the names is not a usable domain name.
 */
export type AlignmentReason =
  | 'identical'
  | 'same-organizational-domain'
  | 'not-identical'
  | 'different-organizational-domains'
  | 'no-organizational-domain'
  | 'organizational-domain-unknown'
  | 'invalid-domain';

/** The outcome of {@link checkAlignment}, with the names that were compared. */
export interface AlignmentCheck {
  aligned: boolean;
  reason: AlignmentReason;
  /** The authenticated domain, normalised (lower case, A-labels, no trailing dot). */
  authenticatedDomain: string;
  /** The author domain, normalised. */
  fromDomain: string;
  /** Relaxed mode: the organizational domains compared, when they were looked up. */
  organizationalDomains?: {
    authenticated: string | null | undefined;
    from: string | null | undefined;
  };
}

/**
 * Looks up the organizational domain of a normalised domain. `null` means it has none (a public
 * suffix); `undefined` means it could not be determined (only {@link checkAlignment} tells the
 * two apart; {@link isAligned} treats both as "not aligned").
 */
export type OrganizationalDomainLookup = (domain: string) => string | null | undefined;

/**
 * Normalises a domain for comparison: lower case (ASCII), one trailing dot removed, U-labels
 * converted to A-labels (RFC 9989 §5.3.1: "the domain MUST be converted to an A-label").
 * Returns `null` for a name that is not a usable domain.
 *
 * @example
 * normalizeDomain('Bücher.Example.') // 'xn--bcher-kva.example'
 */
export function normalizeDomain(domain: string): string | null {
  const n = domain.length;
  if (n === 0 || n > 254) return null;
  // Fast path: already lower-case LDH with dots, no leading/trailing/double dots.
  let plain = true;
  let prevDot = true;
  for (let i = 0; i < n; i++) {
    const c = domain.charCodeAt(i);
    if (c === 46) {
      if (prevDot) {
        plain = false;
        break;
      }
      prevDot = true;
    } else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95) {
      prevDot = false;
    } else {
      plain = false;
      break;
    }
  }
  if (plain && !prevDot && n <= 253) return domain;
  return toAsciiDomain(asciiLower(domain));
}

/** True when `domain` is `ancestor` or a subdomain of it (both normalised). */
export function isSameOrSubdomain(domain: string, ancestor: string): boolean {
  if (domain === ancestor) return true;
  return (
    domain.length > ancestor.length + 1 &&
    domain.endsWith(ancestor) &&
    domain.charCodeAt(domain.length - ancestor.length - 1) === 46
  );
}

/**
 * Checks identifier alignment and says why (RFC 9989 §4.4, §4.10.2; RFC 7489 §3.1).
 *
 * Strict mode needs the two names to be identical. Relaxed mode needs the same organizational
 * domain, found with `organizationalDomain`, which should be the function of the method that
 * discovered the policy (the RFC 9989 tree walk or the RFC 7489 Public Suffix List), so both
 * sides are judged the same way. Identical names are aligned in both modes without a lookup
 * (RFC 9989 §4.10.2, first note). An organizational domain is always the domain itself or one
 * of its parents, so an authenticated domain outside the author's organizational domain is not
 * aligned and is not looked up. Names are compared case-insensitively (RFC 4343), without a
 * trailing dot, and internationalised names as A-labels.
 *
 * @param authenticatedDomain - The SPF-authenticated MAIL FROM domain or a DKIM `d=` value.
 * @param fromDomain - The author domain (RFC5322.From).
 * @param mode - `s` (strict) or `r` (relaxed), from the record's `aspf` or `adkim`.
 * @param organizationalDomain - Returns the organizational domain of a normalised name.
 * @returns The verdict with its reason and the normalised names.
 * @example
 * const org = (d: string) => organizationalDomain(d); // PSL, from dmarc-kit/org-domain
 * checkAlignment('mail.example.com', 'example.com', 'r', org).reason; // 'same-organizational-domain'
 */
export function checkAlignment(
  authenticatedDomain: string,
  fromDomain: string,
  mode: AlignmentMode,
  organizationalDomain: OrganizationalDomainLookup,
): AlignmentCheck {
  const auth = normalizeDomain(authenticatedDomain);
  const from = normalizeDomain(fromDomain);
  if (auth === null || from === null) {
    return {
      aligned: false,
      reason: 'invalid-domain',
      authenticatedDomain: auth ?? authenticatedDomain,
      fromDomain: from ?? fromDomain,
    };
  }
  if (auth === from)
    return { aligned: true, reason: 'identical', authenticatedDomain: auth, fromDomain: from };
  if (mode === 's') {
    return { aligned: false, reason: 'not-identical', authenticatedDomain: auth, fromDomain: from };
  }
  const fromOrg = normalizeOrg(organizationalDomain(from));
  if (fromOrg === undefined || fromOrg === null) {
    return result(
      false,
      fromOrg === undefined ? 'organizational-domain-unknown' : 'no-organizational-domain',
      auth,
      from,
      undefined,
      fromOrg,
    );
  }
  if (!isSameOrSubdomain(auth, fromOrg)) {
    return result(false, 'different-organizational-domains', auth, from, undefined, fromOrg);
  }
  const authOrg = normalizeOrg(organizationalDomain(auth));
  const reason: AlignmentReason =
    authOrg === undefined
      ? 'organizational-domain-unknown'
      : authOrg === null
        ? 'no-organizational-domain'
        : authOrg === fromOrg
          ? 'same-organizational-domain'
          : 'different-organizational-domains';
  return result(reason === 'same-organizational-domain', reason, auth, from, authOrg, fromOrg);
}

function result(
  aligned: boolean,
  reason: AlignmentReason,
  authenticatedDomain: string,
  fromDomain: string,
  authenticated: string | null | undefined,
  from: string | null | undefined,
): AlignmentCheck {
  return {
    aligned,
    reason,
    authenticatedDomain,
    fromDomain,
    organizationalDomains: { authenticated, from },
  };
}

function normalizeOrg(org: string | null | undefined): string | null | undefined {
  if (org === null || org === undefined) return org;
  return normalizeDomain(org) ?? null;
}

/**
 * True when `authenticatedDomain` is aligned with `fromDomain` (RFC 9989 §4.4, RFC 7489 §3.1):
 * identical in strict mode, the same organizational domain in relaxed mode. See
 * {@link checkAlignment} for the reason behind the answer.
 *
 * @param authenticatedDomain - The SPF-authenticated MAIL FROM domain or a DKIM `d=` value.
 * @param fromDomain - The author domain (RFC5322.From).
 * @param mode - `s` (strict) or `r` (relaxed).
 * @param organizationalDomain - Returns the organizational domain of a normalised name, or `null`.
 * @returns `true` when aligned.
 * @example
 * import { organizationalDomain } from 'dmarc-kit/org-domain';
 * isAligned('bounces.example.com', 'Example.COM.', 'r', (d) => organizationalDomain(d)); // true
 * isAligned('bounces.example.com', 'example.com', 's', (d) => organizationalDomain(d)); // false
 */
export function isAligned(
  authenticatedDomain: string,
  fromDomain: string,
  mode: AlignmentMode,
  organizationalDomain: (domain: string) => string | null,
): boolean {
  return checkAlignment(authenticatedDomain, fromDomain, mode, organizationalDomain).aligned;
}
