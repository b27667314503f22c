/**
 * The catalogue of every diagnostic the record module emits (RFC 9989 §4.7, §4.8, §4.10.1;
 * RFC 7489 §6.3, §6.4, §6.6.3). The README's `### record` table is checked against it.
 * @module
 */
import { freezeCatalogue } from '../diagnostics.js';

/**
 * Every diagnostic code of `dmarc-kit/record`, with its severity, a one-line summary and the
 * specification section it comes from. Codes are stable: they are never renamed or reused.
 */
export const RECORD_DIAGNOSTICS = {
  'empty-record': {
    severity: 'error',
    summary: 'The text is empty, so it is not a DMARC record.',
    spec: 'RFC 9989 §4.7',
  },
  'version-not-first': {
    severity: 'error',
    summary: 'The record does not start with v=DMARC1; receivers ignore it.',
    spec: 'RFC 9989 §4.7',
  },
  'invalid-version': {
    severity: 'error',
    summary: 'The v tag is not exactly DMARC1 (case-sensitive); receivers ignore the record.',
    spec: 'RFC 9989 §4.7',
  },
  'leading-whitespace': {
    severity: 'warning',
    summary: 'Whitespace before v=DMARC1; strict receivers may not recognise the record.',
    spec: 'RFC 9989 §4.8',
  },
  'version-not-literal': {
    severity: 'warning',
    summary: 'Valid, but not written exactly v=DMARC1; receivers matching that prefix miss it.',
    spec: 'RFC 9989 §4.8',
  },
  'missing-policy': {
    severity: 'warning',
    summary: 'No p tag: RFC 9989 receivers read p=none, RFC 7489 receivers may ignore the record.',
    spec: 'RFC 9989 §4.7',
  },
  'policy-not-second': {
    severity: 'info',
    summary: 'p is not right after v, the order RFC 7489 required.',
    spec: 'RFC 7489 §6.3',
  },
  'invalid-policy': {
    severity: 'error',
    summary: 'A p, sp or np value is not none, quarantine or reject.',
    spec: 'RFC 9989 §4.7',
  },
  'policy-rescued': {
    severity: 'warning',
    summary: 'Because of an invalid policy tag, receivers act as if the record said p=none.',
    spec: 'RFC 9989 §4.10.1',
  },
  'policy-unusable': {
    severity: 'error',
    summary: 'An invalid policy tag and no valid rua: receivers ignore the whole record.',
    spec: 'RFC 9989 §4.10.1',
  },
  'invalid-tag-value': {
    severity: 'warning',
    summary: 'A tag has a value receivers cannot use; they apply its default instead.',
    spec: 'RFC 9989 §4.8',
  },
  'duplicate-tag': {
    severity: 'warning',
    summary: 'A tag appears more than once: a syntax error, so receivers use its default.',
    spec: 'RFC 6376 §3.2',
  },
  'unknown-tag': {
    severity: 'warning',
    summary: 'A tag DMARC does not define; receivers ignore it.',
    spec: 'RFC 9989 §4.7',
  },
  'malformed-tag': {
    severity: 'warning',
    summary: 'Text between semicolons that is not a name=value tag; receivers ignore it.',
    spec: 'RFC 9989 §4.8',
  },
  'empty-tag': {
    severity: 'info',
    summary: 'An empty element between two semicolons.',
    spec: 'RFC 9989 §4.8',
  },
  'historic-tag': {
    severity: 'warning',
    summary: 'pct, rf or ri: defined by RFC 7489, removed by RFC 9989.',
    spec: 'RFC 9989 §C.5.2',
  },
  'invalid-report-uri': {
    severity: 'warning',
    summary: 'A rua or ruf entry is not a valid URI; receivers skip it.',
    spec: 'RFC 9989 §4.8',
  },
  'unsupported-uri-scheme': {
    severity: 'warning',
    summary: 'A report URI that is not mailto:; receivers only have to support mailto.',
    spec: 'RFC 9989 §4.7',
  },
  'report-size-limit': {
    severity: 'info',
    summary: 'A !size suffix on a report URI: obsolete in RFC 9989, honoured by RFC 7489.',
    spec: 'RFC 9989 §C.4',
  },
  'report-size-too-large': {
    severity: 'warning',
    summary: 'A !size suffix too large to represent exactly; it is ignored.',
    spec: 'RFC 7489 §6.4',
  },
  'too-many-report-uris': {
    severity: 'warning',
    summary: 'More than two URIs in rua or ruf; receivers only have to send to two.',
    spec: 'RFC 7489 §6.2',
  },
  'no-rua-while-monitoring': {
    severity: 'warning',
    summary: 'p=none without a valid rua: monitoring mode that nobody receives reports for.',
    spec: 'RFC 9989 §4.7',
  },
  'pct-below-100': {
    severity: 'warning',
    summary: 'pct below 100: RFC 7489 receivers sample, RFC 9989 receivers ignore pct.',
    spec: 'RFC 9989 §A.6',
  },
  'sp-weaker-than-p': {
    severity: 'warning',
    summary: 'sp asks for weaker handling of subdomains than p does for the domain.',
    spec: 'RFC 9989 §4.7',
  },
  'np-weaker-than-sp': {
    severity: 'warning',
    summary: 'np asks for weaker handling of non-existent subdomains than existing ones get.',
    spec: 'RFC 9989 §4.7',
  },
  'ruf-without-fo': {
    severity: 'info',
    summary: 'ruf without fo: failure reports only when every mechanism fails (fo=0).',
    spec: 'RFC 9989 §4.7',
  },
  'fo-without-ruf': {
    severity: 'info',
    summary: 'fo without ruf: receivers ignore fo.',
    spec: 'RFC 9989 §4.7',
  },
  'testing-mode': {
    severity: 'warning',
    summary: 't=y is left in place: receivers apply one level less than the policy.',
    spec: 'RFC 9989 §4.7',
  },
  'too-many-diagnostics': {
    severity: 'info',
    summary: 'The list of findings was cut short; fix the reported ones first.',
    spec: 'RFC 9989 §4.8',
  },
  'sp-on-subdomain': {
    severity: 'info',
    summary: 'sp on a record below the organizational domain has no effect.',
    spec: 'RFC 9989 §4.7',
  },
  'redundant-subdomain-record': {
    severity: 'info',
    summary: "A subdomain record that says what the organizational domain's record already says.",
    spec: 'RFC 9989 §4.10.1',
  },
  'subdomain-weaker-than-organizational': {
    severity: 'warning',
    summary: "A subdomain record that weakens the organizational domain's subdomain policy.",
    spec: 'RFC 9989 §4.10.1',
  },
} as const;

freezeCatalogue(RECORD_DIAGNOSTICS);

/** A diagnostic code of `dmarc-kit/record`. */
export type RecordDiagnosticCode = keyof typeof RECORD_DIAGNOSTICS;
