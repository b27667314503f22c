/**
 * `ReportParseError`: the one error `parseAggregateReport` rejects with, when a report cannot
 * be read at all. Anything odd but readable is a diagnostic on the report instead.
 * @module
 */
import { DmarcKitError, hasErrorBrand } from '../errors.js';

/**
 * Stable codes of {@link ReportParseError}:
 * - `empty-input`: no bytes, or only whitespace;
 * - `not-a-report`: readable, but not a DMARC aggregate report (other XML, plain text, an
 *   email or archive without a report in it);
 * - `too-large`: the input, or what it decompresses to, exceeds a size limit;
 * - `malformed-xml`: the XML is not well-formed where the report is (unclosed or mismatched
 *   elements, broken tags, truncated text);
 * - `unsafe-xml`: a DOCTYPE or ENTITY declaration, refused outright (entity expansion attacks);
 * - `too-deep`: elements nest deeper than the limit;
 * - `corrupt-archive`: gzip or zip data that does not decompress (truncated, bad checksum,
 *   garbage);
 * - `unsupported-archive`: a valid archive this reader does not handle (zip64, encryption,
 *   compression methods other than stored and deflate, more wrapper layers than allowed).
 */
export type ReportParseErrorCode =
  | 'empty-input'
  | 'not-a-report'
  | 'too-large'
  | 'malformed-xml'
  | 'unsafe-xml'
  | 'too-deep'
  | 'corrupt-archive'
  | 'unsupported-archive';

/**
 * Thrown (as a rejection) by `parseAggregateReport` when the input cannot be read as an
 * aggregate report (RFC 9990 §3.1.1: "If a document does not match the specified format, the
 * document evaluator SHOULD discard the report"). Prefer {@link isReportParseError} over
 * `instanceof`, which fails across duplicate package copies.
 */
export class ReportParseError extends DmarcKitError {
  declare readonly code: ReportParseErrorCode;
  /** Offset into the decoded XML text (UTF-16) where the problem was seen, when known. */
  readonly offset?: number;

  constructor(
    code: ReportParseErrorCode,
    message: string,
    options?: { cause?: unknown; offset?: number },
  ) {
    super(code, message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.offset !== undefined) this.offset = options.offset;
  }
}

/**
 * True when `value` is a {@link ReportParseError}, also across realms and duplicate package
 * copies (a brand check, not `instanceof`).
 * @example
 * try { await parseAggregateReport(bytes); }
 * catch (e) { if (isReportParseError(e) && e.code === 'too-large') console.log('skipped'); }
 */
export function isReportParseError(value: unknown): value is ReportParseError {
  return hasErrorBrand(value, 'ReportParseError');
}
