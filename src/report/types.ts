/**
 * Types of the normalised aggregate report (RFC 9990 §3.1.1, RFC 7489 Appendix C).
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import type { AlignmentMode, Policy } from '../record/types.js';

/** Options of `parseAggregateReport`. Every limit has a safe default. */
export interface ParseAggregateReportOptions {
  /**
   * Cap on the bytes produced by decompression (each layer, counted as they are produced,
   * never as a header claims) and on the size of the XML text. Default 64 MiB.
   */
  maxBytes?: number;
  /**
   * Cap on the size of a compressed input or an email, as given. Default 32 MiB. Plain XML
   * input is capped by `maxBytes` instead.
   */
  maxInputBytes?: number;
  /** Deepest element nesting accepted. Default 32 (a report needs 6). */
  maxDepth?: number;
  /** Whether an email (RFC 5322 message) holding the report as an attachment is accepted. Default true. */
  acceptEmail?: boolean;
}

/** Where the XML came from: the wrappers that were taken off, outermost first. */
export interface ReportSource {
  /** e.g. `['email', 'zip']`, `['gzip', 'gzip']`, or `[]` for plain XML. */
  containers: ('email' | 'gzip' | 'zip')[];
  /** The zip entry or attachment file name that held the report, when there was one. */
  fileName?: string;
  /** Size of the XML in bytes, after decompression. */
  xmlBytes: number;
}

/** An extension element kept as raw XML (RFC 9990 §5: extensions must be namespaced). */
export interface ReportExtension {
  /** The element name as written, prefix included (e.g. `ext:arc-results`, `extension`). */
  name: string;
  /** The element's XML source, start tag to end tag. */
  xml: string;
}

/** One DKIM result in `auth_results` (RFC 9990 §3.1.1.12). */
export interface ReportDkimResult {
  domain: string;
  selector?: string;
  /** Lower-cased; RFC 8601 §2.7.1 values, or the reporter's own word (with a diagnostic). */
  result: string;
  humanResult?: string;
}

/** One SPF result in `auth_results` (RFC 9990 §3.1.1.13). */
export interface ReportSpfResult {
  domain: string;
  /** `mfrom` (RFC 9990) or `helo` (RFC 7489). */
  scope?: string;
  /** Lower-cased; RFC 8601 §2.7.2 values, or the reporter's own word (with a diagnostic). */
  result: string;
  humanResult?: string;
}

/** A policy override reason (RFC 9990 §3.1.1.14, §3.1.6). */
export interface ReportReason {
  type: string;
  comment?: string;
}

/** One `record` of the report (RFC 9990 §3.1.1.7). */
export interface ReportRecord {
  /** As written, trimmed; check the diagnostics when it is not a valid address. */
  sourceIp: string;
  /** A non-negative safe integer (0 with an `invalid-count` diagnostic when unreadable). */
  count: number;
  policyEvaluated: {
    /** `none`, `pass` (RFC 9990), `quarantine` or `reject`; lower-cased. */
    disposition: string;
    /** DMARC-aligned DKIM result, `pass` or `fail`. */
    dkim?: string;
    /** DMARC-aligned SPF result, `pass` or `fail`. */
    spf?: string;
    reasons: ReportReason[];
  };
  identifiers: { headerFrom: string; envelopeFrom?: string; envelopeTo?: string };
  authResults: { dkim: ReportDkimResult[]; spf: ReportSpfResult[] };
  /** Record-level extension elements (RFC 9990 §5), as raw XML. */
  extensions: ReportExtension[];
}

/** A parsed, normalised DMARC aggregate report (RFC 9990 §3.1, RFC 7489 §7.2). */
export interface AggregateReport {
  /** The `version` element as written (`1.0` in RFC 9990), absent in most RFC 7489 reports. */
  version?: string;
  /** The root element's namespace (`urn:ietf:params:xml:ns:dmarc-2.0` in RFC 9990), if any. */
  namespace?: string;
  metadata: {
    orgName: string;
    email?: string;
    extraContactInfo?: string;
    reportId: string;
    /** Start of the reporting period (from seconds since the epoch). */
    begin: Date;
    /** End of the reporting period (from seconds since the epoch). */
    end: Date;
    errors: string[];
    /** RFC 9990 `generator`: the software that wrote the report. */
    generator?: string;
  };
  policyPublished: {
    domain: string;
    p?: Policy;
    sp?: Policy;
    np?: Policy;
    adkim?: AlignmentMode;
    aspf?: AlignmentMode;
    pct?: number;
    fo?: string;
    testing?: 'y' | 'n';
    discoveryMethod?: 'psl' | 'treewalk';
  };
  records: ReportRecord[];
  /** Top-level extension elements (`extension`, and unknown top-level elements), as raw XML. */
  extensions: ReportExtension[];
  /** Which wrappers held the XML. */
  source: ReportSource;
  /** What was odd but readable, in document order. */
  diagnostics: Diagnostic[];
}
