/**
 * Identifier alignment (RFC 9989 §4.4, RFC 7489 §3.1): strict and relaxed, with the
 * organizational domain function of whichever discovery method found the policy.
 *
 * Exported from `dmarc-kit` and from `dmarc-kit/alignment`.
 * @module
 */
export {
  type AlignmentCheck,
  type AlignmentReason,
  checkAlignment,
  isAligned,
  isSameOrSubdomain,
  normalizeDomain,
  type OrganizationalDomainLookup,
} from './is-aligned.js';
