/**
 * DMARC records: parse record text the way a receiver does (RFC 9989 §4.7, §4.8, §4.10.1, with
 * RFC 7489 §6.3 for the historic tags), lint it for the domain owner, and format it back to
 * canonical text. Pure functions: no DNS, no I/O.
 *
 * Exported from `dmarc-kit` and from `dmarc-kit/record`.
 * @module
 */
export type { CatalogueEntry, Diagnostic, Severity } from '../diagnostics.js';
export { RECORD_DIAGNOSTICS, type RecordDiagnosticCode } from './catalogue.js';
export { formatRecord } from './format.js';
export { lintRecord } from './lint.js';
export { parseRecord } from './parse.js';
export { type LintPolicyPlacementOptions, lintPolicyPlacement } from './policy-placement.js';
export type {
  AlignmentMode,
  DmarcRecord,
  Policy,
  RecordParseResult,
  ReportUri,
} from './types.js';
