/**
 * `parseAggregateReport`: XML text or bytes, gzip, zip or an email holding one of them,
 * detected by content, to a typed, normalised {@link AggregateReport}.
 * @module
 */
import { XMLParser } from 'fast-xml-parser';
import type { Diagnostic } from '../diagnostics.js';
import { makeDiagnostic } from '../diagnostics.js';
import { REPORT_DIAGNOSTICS } from './catalogue.js';
import { decodeText } from './decode.js';
import { gunzip } from './decompress.js';
import { ReportParseError } from './errors.js';
import { emailParts } from './mime.js';
import { normalizeHeader, normalizeRecord, type XmlObject, type XmlValue } from './normalize.js';
import { type ElementSpan, localName, scanReport } from './scan.js';
import { DiagnosticSink } from './sink.js';
import { sniff } from './sniff.js';
import type {
  AggregateReport,
  ParseAggregateReportOptions,
  ReportExtension,
  ReportRecord,
  ReportSource,
} from './types.js';
import { extractZipEntry, readZipEntries } from './zip.js';

const MIB = 1024 * 1024;
/** Default cap on decompressed bytes and on the XML text: 64 MiB. */
export const DEFAULT_MAX_BYTES: number = 64 * MIB;
/** Default cap on the input as given: 32 MiB. */
export const DEFAULT_MAX_INPUT_BYTES: number = 32 * MIB;
/** Default element nesting limit. */
export const DEFAULT_MAX_DEPTH = 32;
/** Most wrappers (email, gzip, zip) taken off one report. */
const MAX_LAYERS = 4;

const KNOWN_NAMESPACES = new Set([
  'urn:ietf:params:xml:ns:dmarc-2.0',
  'http://dmarc.org/dmarc-xml/0.1',
  'http://dmarc.org/dmarc-xml/0.2',
]);

const CRITICAL_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

interface Limits {
  /** Keep every report found (parseAggregateReports) rather than the first. */
  all: boolean;
  /** XML bytes of the reports kept so far, counted against maxBytes in `all` mode. */
  spent: number;
  maxBytes: number;
  maxDepth: number;
  acceptEmail: boolean;
}

interface State {
  containers: ReportSource['containers'];
  fileName?: string;
  diagnostics: Diagnostic[];
}

function limit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 1) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number, got ${String(value)}.`);
  }
  return Math.floor(value);
}

/**
 * The fast-xml-parser configuration: no entity processing (DOCTYPEs are refused before the
 * parser runs anyway), no value coercion, attributes ignored, a nesting limit, and the three
 * names that reach `Object.prototype` renamed so they can never become keys.
 */
function createParser(maxDepth: number): XMLParser {
  return new XMLParser({
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreAttributes: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: true,
    trimValues: true,
    maxNestedTags: maxDepth,
    strictReservedNames: false,
    // Callbacks get the path matcher rather than a freshly built path string (faster).
    jPath: false,
    transformTagName: (name: string) => {
      const c = name.charCodeAt(0);
      return (c === 95 || c === 99 || c === 112) && CRITICAL_NAMES.has(name) ? `!${name}` : name;
    },
  });
}

function parseChunk(parser: XMLParser, xml: string, offset: number): XmlObject {
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (cause) {
    throw new ReportParseError(
      'malformed-xml',
      `The XML could not be parsed (near offset ${offset}).`,
      { cause, offset },
    );
  }
  return typeof parsed === 'object' && parsed !== null ? (parsed as XmlObject) : {};
}

function firstObject(value: XmlValue | undefined): XmlObject {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

function namespaceOf(rootTag: string, rootName: string): string | undefined {
  const colon = rootName.indexOf(':');
  const attr = colon < 0 ? 'xmlns' : `xmlns:${rootName.slice(0, colon)}`;
  let at = rootTag.indexOf(attr);
  while (at >= 0) {
    let p = at + attr.length;
    while (rootTag[p] === ' ' || rootTag[p] === '\t' || rootTag[p] === '\n' || rootTag[p] === '\r')
      p++;
    const before = rootTag.charCodeAt(at - 1);
    if (rootTag[p] === '=' && (before === 32 || before === 9 || before === 10 || before === 13)) {
      p++;
      while (rootTag[p] === ' ' || rootTag[p] === '\t') p++;
      const q = rootTag[p];
      if (q === '"' || q === "'") {
        const end = rootTag.indexOf(q, p + 1);
        if (end > p) return rootTag.slice(p + 1, end);
      }
    }
    at = rootTag.indexOf(attr, at + attr.length);
  }
  return undefined;
}

/** Parses decoded report XML text. */
function parseXml(text: string, limits: Limits, state: State, xmlBytes: number): AggregateReport {
  limits.spent += xmlBytes;
  if (limits.all && limits.spent > limits.maxBytes) {
    throw new ReportParseError(
      'too-large',
      `The reports together exceed the limit of ${limits.maxBytes} bytes (maxBytes).`,
    );
  }
  const parser = createParser(limits.maxDepth);
  const headerSink = new DiagnosticSink();
  const recordSink = new DiagnosticSink();
  const scanDiagnostics: Diagnostic[] = [];
  const records: ReportRecord[] = [];
  const scan = scanReport(text, limits.maxDepth, scanDiagnostics, (start, end, spans) => {
    const parsed = parseChunk(parser, text.slice(start, end), start);
    const extensions: ReportExtension[] = spans.map((s) => ({
      name: s.name,
      xml: text.slice(s.start, s.end),
    }));
    records.push(normalizeRecord(firstObject(parsed.record), recordSink, extensions));
  });

  const headerParts: string[] = ['<feedback>'];
  const extensions: ReportExtension[] = [];
  const known = new Set(['version', 'report_metadata', 'policy_published']);
  for (const span of scan.header) {
    const local = localName(span.name);
    if (known.has(local)) headerParts.push(text.slice(span.start, span.end));
    else {
      extensions.push(spanToExtension(text, span));
      if (local === 'extensions') {
        headerSink.add(
          'misspelt-element',
          'The report writes <extensions> for <extension>; it was kept as the extension element.',
          'extensions',
        );
      } else if (local !== 'extension') {
        headerSink.add(
          'unknown-element',
          `<feedback> contains <${span.name}>, which the schema does not define; it was kept as an extension.`,
          `feedback/${span.name}`,
        );
      }
    }
  }
  headerParts.push('</feedback>');
  const headerObject = firstObject(parseChunk(parser, headerParts.join(''), 0).feedback);
  const header = normalizeHeader(headerObject, headerSink);

  const namespace = namespaceOf(scan.rootTag, scan.rootName);
  if (namespace !== undefined && !KNOWN_NAMESPACES.has(namespace)) {
    headerSink.add(
      'unknown-namespace',
      `The feedback element's namespace "${namespace}" is not a DMARC report namespace.`,
      'feedback',
    );
  }
  if (records.length === 0) {
    headerSink.add('no-records', 'The report holds no <record> element.', 'record');
  }

  const sink = new DiagnosticSink();
  sink.addBuilt(state.diagnostics);
  sink.addBuilt(scanDiagnostics);
  const diagnostics = [...sink.finish(), ...headerSink.finish(), ...recordSink.finish()];
  const source: ReportSource = { containers: state.containers, xmlBytes };
  if (state.fileName !== undefined) source.fileName = state.fileName;
  const report: AggregateReport = {
    metadata: header.metadata,
    policyPublished: header.policyPublished,
    records,
    extensions,
    source,
    diagnostics,
  };
  if (header.version !== undefined) report.version = header.version;
  if (namespace !== undefined) report.namespace = namespace;
  return report;
}

function spanToExtension(text: string, span: ElementSpan): ReportExtension {
  return { name: span.name, xml: text.slice(span.start, span.end) };
}

function skipped(state: State, what: string): void {
  state.diagnostics.push(
    makeDiagnostic('archive-entry-skipped', REPORT_DIAGNOSTICS['archive-entry-skipped'], what),
  );
}

/** Most reports `parseAggregateReports` returns from one input. */
const MAX_REPORTS = 1000;

/**
 * Tries candidates in order. In single mode the first that parses wins and the others are
 * noted as not read; in `all` mode every one that parses is kept. Failures are noted as skipped.
 */
async function candidateReports(
  candidates: { label: string; fileName?: string; load: () => Promise<Uint8Array> }[],
  container: 'zip' | 'email',
  limits: Limits,
  state: State,
): Promise<AggregateReport[]> {
  let firstError: unknown;
  const notes: string[] = [];
  const reports: AggregateReport[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    if (reports.length >= MAX_REPORTS) {
      notes.push(`${candidate.label} was not read: more than ${MAX_REPORTS} reports in one input.`);
      continue;
    }
    const inner: State = {
      containers: [...state.containers, container],
      diagnostics: [...state.diagnostics],
    };
    const fileName = candidate.fileName ?? state.fileName;
    if (fileName !== undefined) inner.fileName = fileName;
    if (!limits.all) for (const note of notes) skipped(inner, note);
    try {
      const bytes = await candidate.load();
      const found = await parseBytes(bytes, limits, inner);
      reports.push(...found);
      if (!limits.all) {
        for (const rest of candidates.slice(i + 1)) {
          skipped(
            { containers: [], diagnostics: found[0]!.diagnostics },
            `${rest.label} was not read: only the first report is returned (parseAggregateReports returns all).`,
          );
        }
        return reports;
      }
    } catch (error) {
      if (error instanceof ReportParseError && error.code === 'too-large') throw error;
      firstError ??= error;
      notes.push(
        `${candidate.label} was skipped: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (reports.length === 0) throw firstError;
  for (const report of reports)
    for (const note of notes) skipped({ containers: [], diagnostics: report.diagnostics }, note);
  return reports;
}

async function parseBytes(
  bytes: Uint8Array,
  limits: Limits,
  state: State,
): Promise<AggregateReport[]> {
  if (state.containers.length > MAX_LAYERS) {
    throw new ReportParseError(
      'unsupported-archive',
      `The report is wrapped in more than ${MAX_LAYERS} layers of compression or archives.`,
    );
  }
  const kind = sniff(bytes);
  switch (kind) {
    case 'empty':
      throw new ReportParseError('empty-input', 'The input is empty.');
    case 'unknown':
      throw new ReportParseError(
        'not-a-report',
        'The input is neither XML, gzip, zip nor an email holding a report.',
      );
    case 'gzip': {
      if (state.containers.includes('gzip') || state.containers.includes('zip')) {
        state.diagnostics.push(
          makeDiagnostic(
            'nested-compression',
            REPORT_DIAGNOSTICS['nested-compression'],
            'The report was compressed twice; both layers were removed.',
          ),
        );
      }
      const out = await gunzip(bytes, limits.maxBytes, state.diagnostics);
      return parseBytes(out, limits, { ...state, containers: [...state.containers, 'gzip'] });
    }
    case 'zip': {
      const entries = readZipEntries(bytes);
      const files = entries.filter((e) => !e.isDirectory);
      const xmlNamed = files.filter((e) => /\.xml(\.gz)?$/i.test(e.name));
      const chosen = xmlNamed.length > 0 ? xmlNamed : files;
      for (const e of entries) {
        if (!chosen.includes(e)) {
          skipped(
            state,
            e.isDirectory
              ? `The zip directory entry "${e.name}" was skipped.`
              : `The zip entry "${e.name}" was skipped: its name does not end in .xml.`,
          );
        }
      }
      if (chosen.length === 0) {
        throw new ReportParseError('not-a-report', 'The zip archive holds no file.');
      }
      return candidateReports(
        chosen.map((e) => {
          const base = e.name.slice(e.name.lastIndexOf('/') + 1);
          return {
            label: `The zip entry "${e.name}"`,
            ...(base !== '' ? { fileName: base } : {}),
            load: () => extractZipEntry(bytes, e, limits.maxBytes),
          };
        }),
        'zip',
        limits,
        state,
      );
    }
    case 'email': {
      if (!limits.acceptEmail || state.containers.length > 0) {
        throw new ReportParseError(
          'not-a-report',
          'The input is an email, which is not accepted here.',
        );
      }
      const parts = emailParts(bytes).filter((p) => {
        const k = sniff(p.bytes);
        if (k === 'gzip' || k === 'zip' || k === 'xml') return true;
        if (p.fileName !== undefined) {
          skipped(
            state,
            `The attachment "${p.fileName}" (${p.contentType}) is not a report and was skipped.`,
          );
        }
        return false;
      });
      if (parts.length === 0) {
        throw new ReportParseError(
          'not-a-report',
          'The email has no attachment that holds a report.',
        );
      }
      state.diagnostics.push(
        makeDiagnostic(
          'email-extracted',
          REPORT_DIAGNOSTICS['email-extracted'],
          'The report was read from an email attachment.',
        ),
      );
      // Archives first, then named attachments, then inline text parts.
      const rank = (p: (typeof parts)[number]): number =>
        sniff(p.bytes) !== 'xml' ? 0 : p.fileName !== undefined ? 1 : 2;
      parts.sort((a, b) => rank(a) - rank(b));
      return candidateReports(
        parts.map((p) => ({
          label: `The attachment "${p.fileName ?? p.contentType}"`,
          ...(p.fileName !== undefined ? { fileName: p.fileName } : {}),
          load: () => Promise.resolve(p.bytes),
        })),
        'email',
        limits,
        state,
      );
    }
    case 'xml': {
      if (bytes.length > limits.maxBytes) {
        throw new ReportParseError(
          'too-large',
          `The XML exceeds the limit of ${limits.maxBytes} bytes (maxBytes).`,
        );
      }
      const text = decodeText(bytes, state.diagnostics);
      return [parseXml(text, limits, state, bytes.length)];
    }
  }
}

async function parseInput(
  input: string | Uint8Array | ArrayBuffer,
  options: ParseAggregateReportOptions,
  all: boolean,
): Promise<AggregateReport[]> {
  const limits: Limits = {
    all,
    spent: 0,
    maxBytes: limit('maxBytes', options.maxBytes, DEFAULT_MAX_BYTES),
    maxDepth: limit('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH),
    acceptEmail: options.acceptEmail ?? true,
  };
  const maxInput = limit('maxInputBytes', options.maxInputBytes, DEFAULT_MAX_INPUT_BYTES);
  const state: State = { containers: [], diagnostics: [] };
  if (typeof input === 'string') {
    let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i < input.length && input.charCodeAt(i) <= 32) i++;
    if (i === input.length) throw new ReportParseError('empty-input', 'The input is empty.');
    const isXml = input.charCodeAt(i) === 60; /* < */
    const cap = isXml ? limits.maxBytes : maxInput;
    if (input.length > cap) {
      throw new ReportParseError(
        'too-large',
        `The input is ${input.length} characters, over the limit of ${cap} (${isXml ? 'maxBytes' : 'maxInputBytes'}).`,
      );
    }
    if (isXml) return [parseXml(input, limits, state, input.length)];
    return parseBytes(new TextEncoder().encode(input), limits, state);
  }
  let bytes: Uint8Array;
  if (input instanceof Uint8Array) bytes = input;
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else {
    throw new TypeError('parseAggregateReport expects a string, a Uint8Array or an ArrayBuffer.');
  }
  if (bytes.length > maxInput && sniff(bytes) !== 'xml') {
    throw new ReportParseError(
      'too-large',
      `The input is ${bytes.length} bytes, over the limit of ${maxInput} bytes (maxInputBytes).`,
    );
  }
  return parseBytes(bytes, limits, state);
}

/**
 * Parses a DMARC aggregate report (RFC 9990 §3.1, RFC 7489 §7.2): XML text or bytes, gzip
 * (also concatenated, doubled, or followed by junk), zip (stored or deflate entries; the
 * `.xml` entries are tried and the rest noted as skipped), or a whole email whose attachment
 * holds any of these, all detected by content. Both schema versions and their namespaces
 * are read, and RFC 9990's additions (`np`, `testing`, `discovery_method`, `generator`,
 * extensions) are kept.
 *
 * Everything odd but readable becomes a diagnostic on the report. The promise rejects only
 * with a {@link ReportParseError} whose `code` says why the input is unreadable, and with a
 * `RangeError` for a nonsensical option. Size limits are enforced on the bytes actually
 * produced while decompressing, so a small bomb stops at `maxBytes`.
 *
 * @param input - Report text, or the bytes of a file or email.
 * @param options - Limits; see {@link ParseAggregateReportOptions}.
 * @returns The normalised report.
 * @example
 * const report = await parseAggregateReport(await readFile('google.com!example.com!1!2.xml.gz'));
 * for (const r of report.records) console.log(r.sourceIp, r.count, r.policyEvaluated.disposition);
 */
export async function parseAggregateReport(
  input: string | Uint8Array | ArrayBuffer,
  options: ParseAggregateReportOptions = {},
): Promise<AggregateReport> {
  const [first] = await parseInput(input, options, false);
  return first!;
}

/**
 * Like {@link parseAggregateReport}, but returns every report the input holds: each `.xml`
 * entry of a zip and each report attachment of an email (at most 1000; the rest are noted).
 * Entries that are not reports are skipped with an `archive-entry-skipped` diagnostic on each
 * report returned. In this mode `maxBytes` also caps the XML of all reports together.
 *
 * @param input - Report text, or the bytes of a file or email.
 * @param options - Limits; see {@link ParseAggregateReportOptions}.
 * @returns The reports, in archive or message order (at least one).
 * @example
 * const reports = await parseAggregateReports(zipBytes);
 * console.log(reports.map((r) => r.source.fileName));
 */
export async function parseAggregateReports(
  input: string | Uint8Array | ArrayBuffer,
  options: ParseAggregateReportOptions = {},
): Promise<AggregateReport[]> {
  return parseInput(input, options, true);
}
