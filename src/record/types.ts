/**
 * The shapes of a parsed DMARC record (RFC 9989 §4.7, with the historic tags of RFC 7489 §6.3).
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';

/** A requested handling policy (RFC 9989 §4.7, `p`, `sp`, `np`). */
export type Policy = 'none' | 'quarantine' | 'reject';

/** Identifier alignment mode (RFC 9989 §4.4): relaxed or strict. */
export type AlignmentMode = 'r' | 's';

/** One report destination from `rua` or `ruf` (RFC 9989 §4.7, RFC 7489 §6.2). */
export interface ReportUri {
  /** The URI as published, with any `!size` suffix removed and `%2C` decoded to `,`. */
  uri: string;
  /** The mailbox of a `mailto:` URI. */
  address?: string;
  /** The size limit of a `!10m`-style suffix, in bytes (RFC 7489 §6.2). */
  maxBytes?: number;
}

/** A DMARC record as a receiver reads it, defaults applied where the RFC gives one. */
export interface DmarcRecord {
  v: 'DMARC1';
  /** Requested policy for the domain, as published (absent when not given). */
  p?: Policy;
  /** Policy for subdomains (RFC 9989 §4.7). */
  sp?: Policy;
  /** Policy for non-existent subdomains (RFC 9989 §4.7). */
  np?: Policy;
  /** DKIM alignment mode; `r` when not given. */
  adkim: AlignmentMode;
  /** SPF alignment mode; `r` when not given. */
  aspf: AlignmentMode;
  /** Sampling percentage (RFC 7489 §6.3; historic in RFC 9989). */
  pct?: number;
  /** Testing mode (RFC 9989 §4.7). */
  t?: 'y' | 'n';
  /** Public Suffix Domain flag (RFC 9989 §4.7). */
  psd?: 'y' | 'n' | 'u';
  /** Failure reporting options; `['0']` when not given. */
  fo: string[];
  /** Failure report formats (RFC 7489 §6.3; historic). */
  rf?: string[];
  /** Aggregate report interval in seconds (RFC 7489 §6.3; historic). */
  ri?: number;
  /** Aggregate report destinations. */
  rua: ReportUri[];
  /** Failure report destinations. */
  ruf: ReportUri[];
  /** Every tag as written, in order (names lower-cased, values as written). */
  tags: { name: string; value: string }[];
}

/** The result of {@link parseRecord}: a usable record, or the reasons a receiver ignores the text. */
export type RecordParseResult =
  | { ok: true; record: DmarcRecord; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };
