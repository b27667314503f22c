/**
 * Diagnostic codes emitted by `evaluate` and `decide`.
 * @module
 */
import { freezeCatalogue } from '../diagnostics.js';

/** Every diagnostic `evaluate` and `decide` can emit, with its severity, summary and rule. */
export const EVALUATE_DIAGNOSTICS = {
  'from-no-domain': {
    severity: 'error',
    summary: 'The From header has no usable domain, so DMARC cannot be evaluated (permerror).',
    spec: 'RFC 9989 §5.3.1',
  },
  'from-invalid-domain': {
    severity: 'warning',
    summary:
      'A From address has a domain that is not a DNS name (a domain literal, say); it is skipped.',
    spec: 'RFC 9989 §5.3.1',
  },
  'from-multiple-domains': {
    severity: 'warning',
    summary:
      'The From header names several domains; each was evaluated and the strictest failing policy applies.',
    spec: 'RFC 7489 §6.6.1, RFC 9989 §11.5',
  },
  'from-too-many-domains': {
    severity: 'error',
    summary: 'The From header names more domains than the evaluation limit allows (permerror).',
    spec: 'RFC 9989 §11.5',
  },
  'policy-invalid-acts-as-none': {
    severity: 'warning',
    summary:
      'The record has a missing or invalid p, sp or np but a valid rua, so it acts as p=none.',
    spec: 'RFC 9989 §4.10.1, RFC 7489 §6.6.3',
  },
  'policy-invalid': {
    severity: 'error',
    summary:
      'The record has a missing or invalid p, sp or np and no valid rua, so no policy applies (permerror).',
    spec: 'RFC 9989 §4.10.1, RFC 7489 §6.6.3',
  },
  'alignment-temperror': {
    severity: 'error',
    summary:
      'A DNS lookup needed after discovery (an organizational domain walk, or whether the author domain exists) failed temporarily (temperror).',
    spec: 'RFC 9989 §4.10.2, §5.3.6',
  },
  'deadline-exceeded': {
    severity: 'error',
    summary: 'The evaluation did not finish within its time limit (temperror).',
    spec: 'RFC 9989 §5.3.6',
  },
  'query-budget-exhausted': {
    severity: 'error',
    summary: 'The evaluation needed more DNS queries than its budget allows (temperror).',
    spec: 'RFC 9989 §11.5',
  },
  'auth-temperror': {
    severity: 'warning',
    summary:
      'No aligned identifier passed and an SPF or DKIM check that could have aligned failed temporarily (temperror).',
    spec: 'RFC 7489 §6.6.2, RFC 9989 §5.3.6',
  },
  'testing-mode-applied': {
    severity: 'info',
    summary: 'The record has t=y, so the disposition is one step below the published policy.',
    spec: 'RFC 9989 §4.7',
  },
  'pct-sampled-out': {
    severity: 'info',
    summary:
      'The message fell outside the pct sample, so the disposition is one step below the policy.',
    spec: 'RFC 7489 §6.6.4',
  },
  'pct-ignored': {
    severity: 'info',
    summary: 'The record has pct, which RFC 9989 made historic; it is ignored in RFC 9989 mode.',
    spec: 'RFC 9989 §A.6',
  },
} as const;

freezeCatalogue(EVALUATE_DIAGNOSTICS);

/** A diagnostic code `evaluate` and `decide` can emit. */
export type EvaluateDiagnosticCode = keyof typeof EVALUATE_DIAGNOSTICS;
