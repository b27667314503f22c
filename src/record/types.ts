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
  /**
   * The URI as published, with any `!size` suffix removed and the two escapes DMARC requires
   * decoded (`%2C` to `,`, `%21` to `!`); `formatRecord` encodes them again.
   */
  uri: string;
  /**
   * The mailbox of a `mailto:` URI, percent-decoded (RFC 6068); the first one when the URI
   * names several. Absent for other schemes.
   */
  address?: string;
  /**
   * The size limit of a `!10m`-style suffix, in bytes, units being powers of two (RFC 7489 §6.4;
   * obsolete in RFC 9989 §C.4). Absent when there is none or it exceeds 2^53 - 1.
   */
  maxBytes?: number;
}

/** A DMARC record as a receiver reads it, defaults applied where the RFC gives one. */
export interface DmarcRecord {
  v: 'DMARC1';
  /**
   * Requested policy for the domain, as published (absent when not given, which receivers read
   * as `none`). `'none'` also when an invalid `p`, `sp` or `np` was rescued by a valid `rua`
   * (RFC 9989 §4.10.1); `sp` and `np` are then absent.
   */
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
  /**
   * Every `name=value` tag as written, in order, unknown and duplicated ones included (names
   * ASCII lower-cased, values as written without surrounding whitespace).
   */
  tags: { name: string; value: string }[];
}

/** The result of {@link parseRecord}: a usable record, or the reasons a receiver ignores the text. */
export type RecordParseResult =
  | { ok: true; record: DmarcRecord; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };
