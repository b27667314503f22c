/**
 * The posture check's diagnostic catalogue: every code {@link checkDomain} can emit beside the
 * record, discovery and DNS codes it passes through.
 * @module
 */
import { type Diagnostic, freezeCatalogue, makeDiagnostic } from '../diagnostics.js';

/** Every diagnostic code the posture check emits itself, with severity, summary and spec. */
export const CHECK_DIAGNOSTICS = {
  'dmarc-none': {
    severity: 'error',
    summary: 'No DMARC record applies to the domain.',
    spec: 'RFC 9989 §4.10',
  },
  'dmarc-inherited': {
    severity: 'info',
    summary: 'The domain has no record of its own; a record higher up applies.',
    spec: 'RFC 9989 §4.10.1',
  },
  'subdomain-policy': {
    severity: 'info',
    summary: 'The policies existing and non-existent subdomains get (sp, np).',
    spec: 'RFC 9989 §4.7',
  },
  'org-record-lookup-failed': {
    severity: 'warning',
    summary: "The organizational domain's record could not be read to compare with this one.",
    spec: 'RFC 9989 §4.10',
  },
  'report-destination-authorized': {
    severity: 'info',
    summary: 'An external report destination publishes the authorization record.',
    spec: 'RFC 9990 §4',
  },
  'report-destination-unauthorized': {
    severity: 'error',
    summary: 'An external report destination does not authorize reports for this domain.',
    spec: 'RFC 9990 §4',
  },
  'report-destination-temperror': {
    severity: 'warning',
    summary: 'The authorization record of an external report destination could not be read.',
    spec: 'RFC 9990 §4',
  },
  'report-destination-name-too-long': {
    severity: 'error',
    summary: 'The authorization record name exceeds DNS limits, so it can never be confirmed.',
    spec: 'RFC 9990 §4',
  },
  'report-destination-no-host': {
    severity: 'warning',
    summary: 'A report URI has no host to send reports to.',
    spec: 'RFC 9989 §4.6',
  },
  'spf-none': {
    severity: 'warning',
    summary: 'The domain publishes no SPF record.',
    spec: 'RFC 7208 §4.5',
  },
  'spf-multiple': {
    severity: 'error',
    summary: 'More than one SPF record: receivers return permerror.',
    spec: 'RFC 7208 §4.5',
  },
  'spf-temperror': {
    severity: 'warning',
    summary: 'The SPF lookup failed temporarily.',
    spec: 'RFC 7208 §4.4',
  },
  'spf-no-all': {
    severity: 'warning',
    summary: 'The SPF record has neither an all mechanism nor a redirect, so it ends in neutral.',
    spec: 'RFC 7208 §4.7',
  },
  'spf-pass-all': {
    severity: 'error',
    summary: '+all lets every host on the Internet pass SPF for the domain.',
    spec: 'RFC 7208 §5.1',
  },
  'spf-neutral-all': {
    severity: 'warning',
    summary: '?all says nothing about hosts not listed.',
    spec: 'RFC 7208 §5.1',
  },
  'spf-terms-after-all': {
    severity: 'warning',
    summary: 'Mechanisms after all are never tested.',
    spec: 'RFC 7208 §5.1',
  },
  'spf-redirect-ignored': {
    severity: 'warning',
    summary: 'redirect is ignored when the record has an all mechanism.',
    spec: 'RFC 7208 §5.1',
  },
  'spf-syntax': {
    severity: 'error',
    summary: 'A term of the SPF record is not valid SPF syntax: receivers return permerror.',
    spec: 'RFC 7208 §4.6, §12',
  },
  'spf-duplicate-modifier': {
    severity: 'error',
    summary: 'redirect or exp appears more than once: receivers return permerror.',
    spec: 'RFC 7208 §6',
  },
  'spf-too-many-lookups': {
    severity: 'error',
    summary: 'The record alone has more than 10 terms that cause DNS lookups: permerror.',
    spec: 'RFC 7208 §4.6.4',
  },
  'spf-ptr': {
    severity: 'warning',
    summary: 'The ptr mechanism is slow and unreliable and should not be used.',
    spec: 'RFC 7208 §5.5',
  },
  'mx-temperror': {
    severity: 'warning',
    summary: 'The MX lookup failed temporarily.',
    spec: 'RFC 7505 §3',
  },
  'mx-lookup-unsupported': {
    severity: 'info',
    summary: 'The resolver has no resolveMx, so Null MX was not checked.',
    spec: 'RFC 7505 §3',
  },
  'null-mx-mixed': {
    severity: 'error',
    summary: 'A Null MX is published together with other MX records.',
    spec: 'RFC 7505 §3',
  },
  'null-mx-preference': {
    severity: 'error',
    summary: 'An MX with exchange "." must have preference 0.',
    spec: 'RFC 7505 §3',
  },
  'no-mail-declared': {
    severity: 'info',
    summary: 'The domain says it sends and receives no mail in all three places.',
    spec: 'RFC 7505 §3, RFC 7208 §5.1, RFC 9989 §4.7',
  },
  'no-mail-incomplete': {
    severity: 'warning',
    summary: 'The domain says it handles no mail in some places but not all three.',
    spec: 'RFC 7505 §3, RFC 7208 §5.1, RFC 9989 §4.7',
  },
} as const;

freezeCatalogue(CHECK_DIAGNOSTICS);

/** A code from {@link CHECK_DIAGNOSTICS}. */
export type CheckDiagnosticCode = keyof typeof CHECK_DIAGNOSTICS;

/** A diagnostic of this module: the code's catalogue entry, the message, and where it is. */
export function checkDiagnostic(
  code: CheckDiagnosticCode,
  message: string,
  where?: { tag?: string; start?: number; end?: number },
): Diagnostic {
  return makeDiagnostic(code, CHECK_DIAGNOSTICS[code], message, where);
}
