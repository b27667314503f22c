/**
 * Aggregate reports (RFC 9990, RFC 7489 §7.2): parse a report in any wrapper, summarise many,
 * and classify the failing records a domain owner must act on.
 * Exported from `dmarc-kit` and from `dmarc-kit/report`.
 * @module
 */
export { REPORT_DIAGNOSTICS, type ReportDiagnosticCode } from './catalogue.js';
export {
  type ClassifyRecordOptions,
  classifyRecord,
  createRecordClassifier,
  type RecordCategory,
  type RecordClassification,
  type RecordClassifier,
} from './classify.js';
export { isReportParseError, ReportParseError, type ReportParseErrorCode } from './errors.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_INPUT_BYTES,
  parseAggregateReport,
  parseAggregateReports,
} from './parse.js';
export {
  type DomainSummary,
  type ReportStats,
  type ReportsSummary,
  type SourceSummary,
  summarizeReports,
} from './summarize.js';
export type {
  AggregateReport,
  ParseAggregateReportOptions,
  ReportDkimResult,
  ReportExtension,
  ReportReason,
  ReportRecord,
  ReportSource,
  ReportSpfResult,
} from './types.js';
