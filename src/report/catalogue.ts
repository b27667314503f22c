/**
 * Diagnostic catalogue of the report module: every code `parseAggregateReport` may put in
 * `report.diagnostics`, with its severity, a one-line summary and the specification section.
 * @module
 */
import { freezeCatalogue } from '../diagnostics.js';

/** Every diagnostic code the report module emits. */
export const REPORT_DIAGNOSTICS = {
  'archive-entry-skipped': {
    severity: 'info',
    summary: 'A zip entry or email part was not the report and was skipped.',
    spec: 'RFC 9990 §3.5.2',
  },
  'archive-trailing-data': {
    severity: 'warning',
    summary: 'Bytes after the end of the gzip data were ignored.',
    spec: 'RFC 1952 §2.2',
  },
  'nested-compression': {
    severity: 'warning',
    summary: 'The report was compressed more than once (for example gzip inside gzip).',
    spec: 'RFC 9990 §3.5.2',
  },
  'email-extracted': {
    severity: 'info',
    summary: 'The report was taken from an attachment of an email message.',
    spec: 'RFC 9990 §3.5.2',
  },
  'invalid-utf8': {
    severity: 'warning',
    summary: 'The text is not valid UTF-8; invalid bytes were replaced with U+FFFD.',
    spec: 'RFC 9990 §3.1.1',
  },
  'unsupported-encoding': {
    severity: 'warning',
    summary: 'The XML declaration names an encoding this runtime cannot decode; UTF-8 was used.',
    spec: 'XML 1.0 §4.3.3',
  },
  'legacy-encoding': {
    severity: 'info',
    summary: 'The XML declares an encoding other than UTF-8, which was honoured.',
    spec: 'XML 1.0 §4.3.3',
  },
  'text-before-xml': {
    severity: 'warning',
    summary: 'Whitespace or other text comes before the XML declaration or root element.',
    spec: 'XML 1.0 §2.8',
  },
  'foreign-root': {
    severity: 'warning',
    summary: 'The feedback element is wrapped in another element (or left unclosed inside one).',
    spec: 'RFC 9990 §3.1.1.1',
  },
  'content-after-root': {
    severity: 'warning',
    summary: 'Text or elements follow the end of the feedback element and were ignored.',
    spec: 'XML 1.0 §2.1',
  },
  'unknown-namespace': {
    severity: 'warning',
    summary: 'The feedback element has a namespace that is not a DMARC report namespace.',
    spec: 'RFC 9990 §3.1.1.1',
  },
  'unknown-version': {
    severity: 'info',
    summary: 'The version element holds a value other than 1.0 (RFC 9990) or absent (RFC 7489).',
    spec: 'RFC 9990 §3.1.1.2',
  },
  'unknown-element': {
    severity: 'info',
    summary: 'An element the schema does not define was ignored.',
    spec: 'RFC 9990 §3.2',
  },
  'misspelt-element': {
    severity: 'warning',
    summary: 'A known misspelling of an element name (such as data_range) was read as intended.',
    spec: 'RFC 9990 §3.1.1.3',
  },
  'missing-element': {
    severity: 'warning',
    summary: 'An element the schema requires is missing or empty.',
    spec: 'RFC 9990 §3.1.1',
  },
  'duplicate-element': {
    severity: 'warning',
    summary: 'An element that may appear once appears several times; the first was used.',
    spec: 'RFC 9990 §3.1.1',
  },
  'invalid-value': {
    severity: 'warning',
    summary: 'A value is not one the schema allows; it was kept as written (lower-cased).',
    spec: 'RFC 9990 Appendix A',
  },
  'value-case': {
    severity: 'info',
    summary: 'A keyword is not in lower case as the schema requires (for example Pass).',
    spec: 'RFC 9990 §3.1.1.12',
  },
  'invalid-count': {
    severity: 'error',
    summary: 'A message count is not a non-negative safe integer; it was read as 0.',
    spec: 'RFC 9990 §3.1.1.8',
  },
  'invalid-date': {
    severity: 'error',
    summary: 'A date_range bound is missing or not a valid number of seconds since the epoch.',
    spec: 'RFC 9990 §3.1.1.4',
  },
  'date-range-reversed': {
    severity: 'warning',
    summary: 'The date_range ends before it begins.',
    spec: 'RFC 9990 §3.1.1.4',
  },
  'invalid-ip': {
    severity: 'warning',
    summary: 'A source_ip is not a valid IPv4 or IPv6 address; it was kept as written.',
    spec: 'RFC 9990 §3.1.1.8',
  },
  'no-records': {
    severity: 'warning',
    summary: 'The report holds no record element.',
    spec: 'RFC 9990 §3.1.1.2',
  },
  'invalid-pct': {
    severity: 'warning',
    summary: 'The pct value is not an integer from 0 to 100 and was dropped.',
    spec: 'RFC 7489 §6.3',
  },
  'stray-text': {
    severity: 'warning',
    summary: 'Text sits between elements where only elements belong; it was ignored.',
    spec: 'RFC 9990 Appendix A',
  },
  'decimal-timestamp': {
    severity: 'info',
    summary: 'A date_range bound has a fractional part (such as 1337270400.0); it was truncated.',
    spec: 'RFC 9990 §3.1.1.4',
  },
  'character-reference': {
    severity: 'warning',
    summary: 'A character reference or an unknown entity reference was left as written.',
    spec: 'XML 1.0 §4.1',
  },
} as const;

freezeCatalogue(REPORT_DIAGNOSTICS);

/** A diagnostic code of the report module. */
export type ReportDiagnosticCode = keyof typeof REPORT_DIAGNOSTICS;
