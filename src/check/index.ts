/**
 * A domain's email-authentication posture: where its DMARC record lives and what is wrong
 * with it, the rollout stage and next step, RFC 9990 report-destination authorization, SPF
 * record selection (RFC 7208), Null MX (RFC 7505), and the "no mail" records.
 *
 * Exported from `dmarc-kit` and from `dmarc-kit/check`.
 * @module
 */
export { CHECK_DIAGNOSTICS, type CheckDiagnosticCode } from './catalogue.js';
export { type CheckDomainOptions, checkDomain, type DomainCheck } from './check-domain.js';
export { checkNoMail, isDenyAllSpf, type NoMailCheck, type NoMailInput } from './no-mail.js';
export { checkNullMx } from './null-mx.js';
export {
  authorizationRecordName,
  isAuthorizationRecord,
  type ReportDestination,
  type ReportDestinationsOptions,
  reportDestinations,
  reportUriHost,
} from './report-authorization.js';
export {
  isSpfRecord,
  lintSpfRecord,
  SPF_LOOKUP_LIMIT,
  type SpfCheck,
  type SpfQualifier,
  type SpfTerm,
  selectSpfRecord,
  splitSpfTerms,
} from './spf.js';
export { type RolloutStage, rolloutStage, type StageInput, type StageResult } from './stage.js';
