/**
 * A linear, single-pass structure scanner for report XML. It refuses DOCTYPE and ENTITY
 * declarations before any parser sees the text, checks that tags are well formed, nest
 * properly and stay under the depth limit, and cuts the document into the header (every
 * top-level child of `feedback` except `record`) and one slice per `record`, so each slice
 * can be parsed and normalised on its own and the whole tree is never held (RFC 9990 §8.1).
 *
 * It uses only `indexOf` and character tests: no regular expressions, no backtracking.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import { makeDiagnostic } from '../diagnostics.js';
import { REPORT_DIAGNOSTICS } from './catalogue.js';
import { ReportParseError } from './errors.js';

/** A span of the text: an element from `<` of its start tag to after `>` of its end tag. */
export interface ElementSpan {
  name: string;
  start: number;
  end: number;
}

/** What the scanner found around the records. */
export interface ScanResult {
  /** The `feedback` start tag as written (for its namespace declarations). */
  rootTag: string;
  /** Name of the root element as written (`feedback` or `prefix:feedback`). */
  rootName: string;
  /** Top-level children of `feedback` other than `record`, in order. */
  header: ElementSpan[];
  recordCount: number;
}

/** Called for each top-level `record`, in order, with record-level extension spans. */
export type RecordCallback = (start: number, end: number, extensions: ElementSpan[]) => void;

const KNOWN_RECORD_CHILDREN = new Set(['row', 'identifiers', 'auth_results']);

/** The part of a qualified name after its prefix. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 46 ||
    c === 58 ||
    c >= 0x80
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function hasNonSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

const malformed = (message: string, offset: number): ReportParseError =>
  new ReportParseError('malformed-xml', `${message} (at offset ${offset}).`, { offset });

/**
 * Scans `text`, calling `onRecord` for each record. Rejects with `unsafe-xml`, `too-deep`,
 * `malformed-xml` or `not-a-report`; pushes diagnostics for recoverable oddities.
 */
export function scanReport(
  text: string,
  maxDepth: number,
  diagnostics: Diagnostic[],
  onRecord: RecordCallback,
): ScanResult {
  const n = text.length;
  const stack: string[] = [];
  // Depth (stack length) of the feedback element once found; 0 until then.
  let rootDepth = 0;
  let rootTag = '';
  let rootName = '';
  let rootClosed = false;
  let wrapper = '';
  let sawElement = false;
  const header: ElementSpan[] = [];
  let recordCount = 0;
  // Start of the current top-level child of feedback, and of the current record child.
  let childStart = -1;
  let grandStart = -1;
  let recordExtensions: ElementSpan[] = [];
  let pos = 0;

  if (n > 0 && text.charCodeAt(0) === 0xfeff) pos = 1;

  while (pos < n) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (stack.length === 0 && hasNonSpace(text, pos, textEnd)) {
      if (rootClosed) break;
      if (!sawElement) {
        throw new ReportParseError('not-a-report', 'The text before the first element is not XML.');
      }
      throw malformed('Text outside any element', pos);
    }
    if (lt < 0) break;
    const c1 = text.charCodeAt(lt + 1);
    if (c1 === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) throw malformed('Unterminated comment', lt);
        pos = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        if (stack.length === 0) throw malformed('CDATA outside any element', lt);
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) throw malformed('Unterminated CDATA section', lt);
        pos = end + 3;
        continue;
      }
      throw new ReportParseError(
        'unsafe-xml',
        'The report contains a DOCTYPE or other markup declaration, which is refused (entity expansion attacks).',
        { offset: lt },
      );
    }
    if (c1 === 63 /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) throw malformed('Unterminated processing instruction', lt);
      if (
        !sawElement &&
        lt > (text.charCodeAt(0) === 0xfeff ? 1 : 0) &&
        text.startsWith('<?xml ', lt)
      ) {
        diagnostics.push(
          makeDiagnostic(
            'text-before-xml',
            REPORT_DIAGNOSTICS['text-before-xml'],
            'Whitespace comes before the XML declaration, which must be first.',
          ),
        );
      }
      pos = end + 2;
      continue;
    }
    if (c1 === 47 /* / */) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) throw malformed('Unterminated end tag', lt);
      let nameEnd = end;
      while (nameEnd > lt + 2 && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
      const name = text.slice(lt + 2, nameEnd);
      const open = stack.pop();
      if (open !== name) {
        throw malformed(
          open === undefined
            ? `End tag </${name}> without a start tag`
            : `End tag </${name}> does not match <${open}>`,
          lt,
        );
      }
      pos = end + 1;
      closeElement(stack.length + 1, name, pos);
      continue;
    }
    // A start tag: find its end, skipping quoted attribute values.
    let p = lt + 1;
    while (p < n && isNameChar(text.charCodeAt(p))) p++;
    const name = text.slice(lt + 1, p);
    if (name === '' || (name.charCodeAt(0) >= 45 && name.charCodeAt(0) <= 57)) {
      throw malformed(lt + 1 >= n ? 'The text ends inside a tag' : 'Invalid tag name', lt);
    }
    let end = -1;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 62 /* > */) {
        end = p;
        break;
      }
      if (c === 34 || c === 39) {
        const close = text.indexOf(c === 34 ? '"' : "'", p + 1);
        if (close < 0) break;
        p = close + 1;
        continue;
      }
      if (c === 60 /* < */) throw malformed(`Invalid character in tag <${name}>`, p);
      if (!((isSpace(c) || isNameChar(c) || c === 61 /* = */ || c === 47) /* / */)) {
        throw malformed(`Invalid character in tag <${name}>`, p);
      }
      p++;
    }
    if (end < 0) throw malformed('The text ends inside a tag', lt);
    const selfClosing = text.charCodeAt(end - 1) === 47;
    pos = end + 1;
    if (stack.length === 0 && rootClosed) {
      // A second root element: ignore the rest.
      pos = lt;
      break;
    }
    const depth = stack.length + 1;
    if (depth > maxDepth) {
      throw new ReportParseError(
        'too-deep',
        `Elements nest deeper than the limit of ${maxDepth}.`,
        {
          offset: lt,
        },
      );
    }
    sawElement = true;
    openElement(depth, name, lt, end + 1);
    if (selfClosing) closeElement(depth, name, pos);
    else stack.push(name);
  }

  if (rootDepth === 0) {
    throw new ReportParseError(
      'not-a-report',
      sawElement
        ? 'The XML has no feedback element, so it is not a DMARC aggregate report.'
        : 'The input holds no XML element.',
    );
  }
  if (!rootClosed) {
    throw malformed('The text ends before the feedback element is closed (truncated?)', n);
  }
  if (stack.length > 0 && rootDepth > 1) {
    // Wrapper elements left open around a complete feedback element (seen in the wild).
    diagnostics.push(
      makeDiagnostic(
        'foreign-root',
        REPORT_DIAGNOSTICS['foreign-root'],
        `The feedback element sits inside <${wrapper}>, which is never closed; the report was read anyway.`,
        { tag: wrapper },
      ),
    );
  } else if (rootDepth > 1) {
    diagnostics.push(
      makeDiagnostic(
        'foreign-root',
        REPORT_DIAGNOSTICS['foreign-root'],
        `The feedback element is wrapped in <${wrapper}>; the report was read anyway.`,
        { tag: wrapper },
      ),
    );
  }
  if (pos < n && hasNonSpace(text, pos, n)) {
    diagnostics.push(
      makeDiagnostic(
        'content-after-root',
        REPORT_DIAGNOSTICS['content-after-root'],
        'Something follows the end of the feedback element; it was ignored.',
        { start: pos, end: n },
      ),
    );
  }
  return { rootTag, rootName, header, recordCount };

  function openElement(depth: number, name: string, start: number, tagEnd: number): void {
    if (rootDepth === 0) {
      if (depth <= 2 && localName(name) === 'feedback') {
        rootDepth = depth;
        rootTag = text.slice(start, tagEnd);
        rootName = name;
        if (depth === 2) wrapper = stack[0] ?? '';
      } else if (depth >= 2) {
        throw new ReportParseError(
          'not-a-report',
          `The root element <${stack[0] ?? name}> is not a DMARC feedback element.`,
        );
      }
      return;
    }
    if (rootClosed) return;
    if (depth === rootDepth + 1) {
      childStart = start;
      if (localName(name) === 'record') recordExtensions = [];
    } else if (depth === rootDepth + 2 && localName(stack[rootDepth] ?? '') === 'record') {
      grandStart = start;
    }
  }

  function closeElement(depth: number, name: string, end: number): void {
    if (rootDepth === 0 || rootClosed) return;
    if (depth === rootDepth) {
      rootClosed = true;
      return;
    }
    if (depth === rootDepth + 1) {
      if (localName(name) === 'record') {
        recordCount++;
        onRecord(childStart, end, recordExtensions);
      } else {
        header.push({ name, start: childStart, end });
      }
    } else if (
      depth === rootDepth + 2 &&
      localName(stack[rootDepth] ?? '') === 'record' &&
      !KNOWN_RECORD_CHILDREN.has(localName(name))
    ) {
      recordExtensions.push({ name, start: grandStart, end });
    }
  }
}
