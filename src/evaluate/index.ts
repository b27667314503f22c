/**
 * The DMARC pass rule and the disposition (RFC 9989 §5.3, RFC 7489 §6.6): `evaluate` runs
 * policy discovery and alignment through a resolver; `decide` is the pure verdict;
 * `authenticationResults` formats the RFC 8601 `dmarc=` method string.
 *
 * Exported from `dmarc-kit` and from `dmarc-kit/evaluate`.
 * @module
 */
export {
  type AuthenticationResultsOptions,
  authenticationResults,
} from './authentication-results.js';
export { EVALUATE_DIAGNOSTICS, type EvaluateDiagnosticCode } from './catalogue.js';
export { decide } from './decide.js';
export { evaluate } from './evaluate.js';
export { type AuthorDomains, extractAuthorDomains, type FromMailbox } from './from-domain.js';
export { formatTrace } from './trace.js';
export type {
  DecideOptions,
  DkimResult,
  DmarcEvaluation,
  DmarcInput,
  DmarcMode,
  EvaluateOptions,
  EvaluationTrace,
  PolicySource,
  SpfResult,
  TemperrorCause,
  TraceIdentifier,
  TraceQuery,
  TraceWalk,
} from './types.js';
