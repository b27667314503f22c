/**
 * The catalogue of every diagnostic `dmarc-kit/org-domain` emits (RFC 9989 §4.10, §4.10.1,
 * §4.10.2; RFC 7489 §6.6.3). The README's `### org-domain` table is checked against it.
 * @module
 */
import { freezeCatalogue } from '../diagnostics.js';

/**
 * Every diagnostic code of `dmarc-kit/org-domain`, with its severity, a one-line summary and
 * the specification section it comes from. Codes are stable: never renamed or reused.
 */
export const ORG_DOMAIN_DIAGNOSTICS = {
  'invalid-domain': {
    severity: 'error',
    summary: 'The domain cannot be a DNS name (or is an IP literal), so nothing was looked up.',
    spec: 'RFC 9989 §4.10',
  },
  'multiple-records': {
    severity: 'error',
    summary: 'Several DMARC records at one name: receivers discard all of them.',
    spec: 'RFC 9989 §4.10',
  },
  'unusable-record': {
    severity: 'error',
    summary: 'A DMARC record that receivers cannot use was found and ignored.',
    spec: 'RFC 9989 §4.10.1',
  },
  'dns-temperror': {
    severity: 'error',
    summary: 'A DNS lookup the discovery needed failed temporarily; the result is temperror.',
    spec: 'RFC 9989 §4.10.1',
  },
  'psd-policy-applied': {
    severity: 'info',
    summary: "No record at the domain or its organizational domain: the public suffix's applies.",
    spec: 'RFC 9989 §4.10.1',
  },
  'methods-disagree': {
    severity: 'warning',
    summary: 'The RFC 9989 tree walk and the RFC 7489 PSL method give different answers.',
    spec: 'RFC 9989 §4.10',
  },
} as const;

freezeCatalogue(ORG_DOMAIN_DIAGNOSTICS);

/** A diagnostic code of `dmarc-kit/org-domain`. */
export type OrgDomainDiagnosticCode = keyof typeof ORG_DOMAIN_DIAGNOSTICS;
