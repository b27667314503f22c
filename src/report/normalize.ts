/**
 * Turns the parser's plain objects into the typed report: trims values, decodes the XML
 * predefined entities and character references (the parser's entity processing is off),
 * lower-cases keywords, checks counts, dates and addresses, and reports every deviation
 * from the schemas of RFC 9990 Appendix A and RFC 7489 Appendix C as a diagnostic.
 *
 * Only known keys are read, with `Object.hasOwn`, so no element name can reach a prototype.
 * @module
 */
import type { AlignmentMode, Policy } from '../record/types.js';
import { isIpAddress } from './ip.js';
import type { DiagnosticSink } from './sink.js';
import type { AggregateReport, ReportExtension, ReportRecord } from './types.js';

/** What the XML parser gives back for an element. */
export type XmlValue = string | XmlObject | XmlValue[];
/** An element with children. */
export interface XmlObject {
  [name: string]: XmlValue;
}

const POLICIES = new Set(['none', 'quarantine', 'reject']);
const ALIGNMENT = new Set(['r', 's']);
const DISPOSITIONS = new Set(['none', 'pass', 'quarantine', 'reject']);
const DMARC_RESULTS = new Set(['pass', 'fail']);
const DKIM_RESULTS = new Set([
  'none',
  'pass',
  'fail',
  'policy',
  'neutral',
  'temperror',
  'permerror',
]);
const SPF_RESULTS = new Set([
  'none',
  'pass',
  'fail',
  'softfail',
  'policy',
  'neutral',
  'temperror',
  'permerror',
]);
const SPF_SCOPES = new Set(['mfrom', 'helo']);
const REASONS = new Set([
  'local_policy',
  'mailing_list',
  'other',
  'policy_test_mode',
  'trusted_forwarder',
  'forwarded',
  'sampled_out',
]);

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string, sink: DiagnosticSink): string {
  if (text.indexOf('&') < 0) return text;
  let out = '';
  let at = 0;
  for (;;) {
    const amp = text.indexOf('&', at);
    if (amp < 0) break;
    const semi = text.indexOf(';', amp + 1);
    out += text.slice(at, amp);
    if (semi < 0 || semi - amp > 12) {
      out += '&';
      at = amp + 1;
      sink.add('character-reference', 'A bare "&" appears in a value; it was kept as written.');
      continue;
    }
    const name = text.slice(amp + 1, semi);
    let replacement: string | undefined;
    if (Object.hasOwn(ENTITIES, name)) replacement = ENTITIES[name];
    else if (name.charCodeAt(0) === 35 /* # */) {
      const hex = name[1] === 'x' || name[1] === 'X';
      const digits = name.slice(hex ? 2 : 1);
      const valid =
        digits !== '' && [...digits].every((ch) => (hex ? /[0-9a-fA-F]/ : /[0-9]/).test(ch));
      const code = valid ? Number.parseInt(digits, hex ? 16 : 10) : -1;
      if (code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
        replacement = String.fromCodePoint(code);
      }
    }
    if (replacement === undefined) {
      sink.add(
        'character-reference',
        `The reference "&${name};" is not one XML predefines; it was kept as written.`,
      );
      out += text.slice(amp, semi + 1);
    } else {
      out += replacement;
    }
    at = semi + 1;
  }
  return out + text.slice(at);
}

function isObject(v: XmlValue | undefined): v is XmlObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Context for one normalisation pass. */
interface Ctx {
  sink: DiagnosticSink;
}

function child(ctx: Ctx, obj: XmlObject, key: string, path: string): XmlValue | undefined {
  if (!Object.hasOwn(obj, key)) return undefined;
  const v = obj[key];
  if (Array.isArray(v)) {
    ctx.sink.add(
      'duplicate-element',
      `<${key}> appears more than once in <${path}>; the first was used.`,
      `${path}/${key}`,
    );
    return v[0];
  }
  return v;
}

function children(obj: XmlObject, key: string): XmlValue[] {
  if (!Object.hasOwn(obj, key)) return [];
  const v = obj[key]!;
  return Array.isArray(v) ? v : [v];
}

/** The text of an element: its string value, trimmed and entity-decoded. */
function textOf(ctx: Ctx, v: XmlValue | undefined, tag: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return decodeEntities(v, ctx.sink);
  if (Array.isArray(v)) return textOf(ctx, v[0], tag);
  const t = Object.hasOwn(v, '#text') ? v['#text'] : undefined;
  ctx.sink.add('invalid-value', `<${tag}> holds elements where text was expected.`, tag);
  return typeof t === 'string' ? decodeEntities(t, ctx.sink) : '';
}

function text(ctx: Ctx, obj: XmlObject, key: string, path: string): string | undefined {
  return textOf(ctx, child(ctx, obj, key, path), key);
}

function required(ctx: Ctx, obj: XmlObject, key: string, path: string): string {
  const value = text(ctx, obj, key, path);
  if (value === undefined || value === '') {
    ctx.sink.add(
      'missing-element',
      `<${path}> has no ${value === undefined ? '' : 'value in '}<${key}>, which the schema requires.`,
      `${path}/${key}`,
    );
    return '';
  }
  return value;
}

function unknownChildren(ctx: Ctx, obj: XmlObject, known: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(obj)) {
    if (key === '#text') {
      const stray = obj[key];
      ctx.sink.add(
        'stray-text',
        `<${path}> holds stray text "${typeof stray === 'string' ? stray.slice(0, 40) : ''}" between its elements; it was ignored.`,
        path,
      );
    } else if (!known.has(key)) {
      ctx.sink.add(
        'unknown-element',
        `<${path}> contains <${key.startsWith('!') ? key.slice(1) : key}>, which the schema does not define; it was ignored.`,
        `${path}/${key}`,
      );
    }
  }
}

/** Lower-cases a keyword and checks it against the allowed set. */
function keyword(
  ctx: Ctx,
  raw: string | undefined,
  allowed: ReadonlySet<string>,
  tag: string,
): { value: string; ok: boolean } | undefined {
  if (raw === undefined || raw === '') return undefined;
  let lower = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      lower = raw.toLowerCase();
      ctx.sink.add('value-case', `The value "${raw}" in <${tag}> should be lower case.`, tag);
      break;
    }
  }
  const ok = allowed.has(lower);
  if (!ok) {
    ctx.sink.add(
      'invalid-value',
      `The value "${raw}" in <${tag}> is not one the schema allows (${[...allowed].join(', ')}).`,
      tag,
    );
  }
  return { value: lower, ok };
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function epochDate(ctx: Ctx, input: string | undefined, tag: string): Date {
  let raw = input;
  const dot = raw === undefined ? -1 : raw.indexOf('.');
  if (raw !== undefined && dot > 0 && isDigits(raw.slice(0, dot)) && isDigits(raw.slice(dot + 1))) {
    ctx.sink.add(
      'decimal-timestamp',
      `<${tag}> "${raw}" has a fractional part; the whole seconds were used.`,
      tag,
    );
    raw = raw.slice(0, dot);
  }
  if (raw !== undefined && isDigits(raw)) {
    const seconds = Number(raw);
    const date = new Date(seconds * 1000);
    if (Number.isSafeInteger(seconds) && Number.isFinite(date.getTime())) return date;
  }
  ctx.sink.add(
    'invalid-date',
    raw === undefined || raw === ''
      ? `<${tag}> is missing from the date range; it was read as 1970-01-01T00:00:00Z.`
      : `<${tag}> "${raw}" is not a number of seconds since the epoch; it was read as 1970-01-01T00:00:00Z.`,
    tag,
  );
  return new Date(0);
}

const FEEDBACK_KNOWN = new Set(['version', 'report_metadata', 'policy_published', 'extension']);
const METADATA_KNOWN = new Set([
  'org_name',
  'email',
  'extra_contact_info',
  'report_id',
  'date_range',
  'error',
  'generator',
  'data_range', // a known misspelling, read as date_range with its own diagnostic
]);
const DATE_KNOWN = new Set(['begin', 'end']);
const POLICY_KNOWN = new Set([
  'domain',
  'p',
  'sp',
  'np',
  'adkim',
  'aspf',
  'pct',
  'fo',
  'testing',
  'discovery_method',
]);

/** Header part of the report: everything but the records. */
export type ReportHeader = Pick<AggregateReport, 'metadata' | 'policyPublished'> & {
  version?: string;
};

/** Normalises the `feedback` element without its records (RFC 9990 §3.1.1.2–§3.1.1.6). */
export function normalizeHeader(feedback: XmlObject, sink: DiagnosticSink): ReportHeader {
  const ctx: Ctx = { sink };
  unknownChildren(ctx, feedback, FEEDBACK_KNOWN, 'feedback');
  const header: ReportHeader = {
    metadata: {
      orgName: '',
      reportId: '',
      begin: new Date(0),
      end: new Date(0),
      errors: [],
    },
    policyPublished: { domain: '' },
  };
  const version = text(ctx, feedback, 'version', 'feedback');
  if (version !== undefined) {
    header.version = version;
    if (version !== '1.0') {
      sink.add(
        'unknown-version',
        `The report says version "${version}"; RFC 9990 reports say 1.0.`,
        'version',
      );
    }
  }

  let meta = child(ctx, feedback, 'report_metadata', 'feedback');
  if (!isObject(meta)) {
    sink.add('missing-element', 'The report has no <report_metadata>.', 'report_metadata');
    meta = {};
  }
  unknownChildren(ctx, meta, METADATA_KNOWN, 'report_metadata');
  const m = header.metadata;
  m.orgName = required(ctx, meta, 'org_name', 'report_metadata');
  const email = text(ctx, meta, 'email', 'report_metadata');
  if (email !== undefined && email !== '') m.email = email;
  else required(ctx, meta, 'email', 'report_metadata');
  const extra = text(ctx, meta, 'extra_contact_info', 'report_metadata');
  if (extra !== undefined && extra !== '') m.extraContactInfo = extra;
  m.reportId = required(ctx, meta, 'report_id', 'report_metadata');
  const generator = text(ctx, meta, 'generator', 'report_metadata');
  if (generator !== undefined && generator !== '') m.generator = generator;
  for (const e of children(meta, 'error')) {
    const t = textOf(ctx, e, 'error');
    if (t !== undefined && t !== '') m.errors.push(t);
  }
  let range = child(ctx, meta, 'date_range', 'report_metadata');
  if (range === undefined && Object.hasOwn(meta, 'data_range')) {
    sink.add(
      'misspelt-element',
      'The report writes <data_range> for <date_range>; it was read as the date range.',
      'data_range',
    );
    range = child(ctx, meta, 'data_range', 'report_metadata');
  }
  if (!isObject(range)) {
    sink.add('missing-element', 'The report has no <date_range>.', 'date_range');
    range = {};
  } else {
    unknownChildren(ctx, range, DATE_KNOWN, 'date_range');
  }
  m.begin = epochDate(ctx, text(ctx, range, 'begin', 'date_range'), 'begin');
  m.end = epochDate(ctx, text(ctx, range, 'end', 'date_range'), 'end');
  if (m.end.getTime() < m.begin.getTime()) {
    sink.add('date-range-reversed', 'The date range ends before it begins.', 'date_range');
  }

  let pp = child(ctx, feedback, 'policy_published', 'feedback');
  if (!isObject(pp)) {
    sink.add('missing-element', 'The report has no <policy_published>.', 'policy_published');
    pp = {};
  }
  unknownChildren(ctx, pp, POLICY_KNOWN, 'policy_published');
  const out = header.policyPublished;
  out.domain = required(ctx, pp, 'domain', 'policy_published');
  const policy = (key: 'p' | 'sp' | 'np'): void => {
    const k = keyword(ctx, text(ctx, pp, key, 'policy_published'), POLICIES, key);
    if (k?.ok) out[key] = k.value as Policy;
  };
  policy('p');
  if (out.p === undefined && !Object.hasOwn(pp, 'p')) required(ctx, pp, 'p', 'policy_published');
  policy('sp');
  policy('np');
  for (const key of ['adkim', 'aspf'] as const) {
    const k = keyword(ctx, text(ctx, pp, key, 'policy_published'), ALIGNMENT, key);
    if (k?.ok) out[key] = k.value as AlignmentMode;
  }
  const pct = text(ctx, pp, 'pct', 'policy_published');
  if (pct !== undefined && pct !== '') {
    const n = isDigits(pct) ? Number(pct) : Number.NaN;
    if (n >= 0 && n <= 100) out.pct = n;
    else
      sink.add(
        'invalid-pct',
        `pct "${pct}" is not an integer from 0 to 100; it was dropped.`,
        'pct',
      );
  }
  const fo = text(ctx, pp, 'fo', 'policy_published');
  if (fo !== undefined && fo !== '') out.fo = fo;
  const testing = keyword(
    ctx,
    text(ctx, pp, 'testing', 'policy_published'),
    new Set(['y', 'n']),
    'testing',
  );
  if (testing?.ok) out.testing = testing.value as 'y' | 'n';
  const discovery = keyword(
    ctx,
    text(ctx, pp, 'discovery_method', 'policy_published'),
    new Set(['psl', 'treewalk']),
    'discovery_method',
  );
  if (discovery?.ok) out.discoveryMethod = discovery.value as 'psl' | 'treewalk';
  return header;
}

const RECORD_KNOWN = new Set(['row', 'identifiers', 'auth_results']);
const ROW_KNOWN = new Set(['source_ip', 'count', 'policy_evaluated']);
const EVALUATED_KNOWN = new Set(['disposition', 'dkim', 'spf', 'reason']);
const IDENTIFIERS_KNOWN = new Set(['header_from', 'envelope_from', 'envelope_to']);
const AUTH_KNOWN = new Set(['dkim', 'spf']);
const DKIM_KNOWN = new Set(['domain', 'selector', 'result', 'human_result']);
const SPF_KNOWN = new Set(['domain', 'scope', 'result', 'human_result']);
const REASON_KNOWN = new Set(['type', 'comment']);

/** Normalises one `record` element (RFC 9990 §3.1.1.7–§3.1.1.14). */
export function normalizeRecord(
  record: XmlObject,
  sink: DiagnosticSink,
  extensions: ReportExtension[],
): ReportRecord {
  const ctx: Ctx = { sink };
  // Extensions were cut out of the text by the scanner; skip their keys here.
  const extensionNames = new Set<string>();
  for (const e of extensions) {
    const colon = e.name.indexOf(':');
    extensionNames.add(colon < 0 ? e.name : e.name.slice(colon + 1));
  }
  for (const key of Object.keys(record)) {
    if (!RECORD_KNOWN.has(key) && !extensionNames.has(key)) {
      sink.add('unknown-element', `<record> contains <${key}>; it was ignored.`, `record/${key}`);
    }
  }
  let row = child(ctx, record, 'row', 'record');
  if (!isObject(row)) {
    sink.add('missing-element', 'A record has no <row>.', 'row');
    row = {};
  }
  unknownChildren(ctx, row, ROW_KNOWN, 'row');
  const sourceIp = required(ctx, row, 'source_ip', 'row');
  if (sourceIp !== '' && !isIpAddress(sourceIp)) {
    sink.add(
      'invalid-ip',
      `The source_ip "${sourceIp}" is not a valid IP address; it was kept as written.`,
      'source_ip',
    );
  }
  const countText = text(ctx, row, 'count', 'row');
  let count = 0;
  if (countText !== undefined && isDigits(countText) && Number.isSafeInteger(Number(countText))) {
    count = Number(countText);
  } else {
    sink.add(
      'invalid-count',
      `The count "${countText ?? ''}" is not a non-negative whole number; it was read as 0.`,
      'count',
    );
  }
  let pe = child(ctx, row, 'policy_evaluated', 'row');
  if (!isObject(pe)) {
    sink.add('missing-element', 'A record has no <policy_evaluated>.', 'policy_evaluated');
    pe = {};
  }
  unknownChildren(ctx, pe, EVALUATED_KNOWN, 'policy_evaluated');
  const disposition = keyword(
    ctx,
    text(ctx, pe, 'disposition', 'policy_evaluated'),
    DISPOSITIONS,
    'disposition',
  );
  if (disposition === undefined) required(ctx, pe, 'disposition', 'policy_evaluated');
  const evaluated: ReportRecord['policyEvaluated'] = {
    disposition: disposition?.value ?? '',
    reasons: [],
  };
  for (const key of ['dkim', 'spf'] as const) {
    const k = keyword(
      ctx,
      text(ctx, pe, key, 'policy_evaluated'),
      DMARC_RESULTS,
      `policy_evaluated/${key}`,
    );
    if (k !== undefined) evaluated[key] = k.value;
    else required(ctx, pe, key, 'policy_evaluated');
  }
  for (const r of children(pe, 'reason')) {
    if (!isObject(r)) {
      const t = textOf(ctx, r, 'reason');
      if (t !== undefined && t !== '') evaluated.reasons.push({ type: t.toLowerCase() });
      continue;
    }
    unknownChildren(ctx, r, REASON_KNOWN, 'reason');
    const type = keyword(ctx, text(ctx, r, 'type', 'reason'), REASONS, 'reason/type');
    const comment = text(ctx, r, 'comment', 'reason');
    if (type === undefined && (comment === undefined || comment === '')) {
      sink.add('missing-element', 'A <reason> is empty.', 'reason');
      continue;
    }
    const reason: ReportRecord['policyEvaluated']['reasons'][number] = { type: type?.value ?? '' };
    if (comment !== undefined && comment !== '') reason.comment = comment;
    evaluated.reasons.push(reason);
  }

  let ids = child(ctx, record, 'identifiers', 'record');
  if (!isObject(ids)) {
    sink.add('missing-element', 'A record has no <identifiers>.', 'identifiers');
    ids = {};
  }
  unknownChildren(ctx, ids, IDENTIFIERS_KNOWN, 'identifiers');
  const identifiers: ReportRecord['identifiers'] = {
    headerFrom: required(ctx, ids, 'header_from', 'identifiers'),
  };
  const envelopeFrom = text(ctx, ids, 'envelope_from', 'identifiers');
  if (envelopeFrom !== undefined) identifiers.envelopeFrom = envelopeFrom;
  const envelopeTo = text(ctx, ids, 'envelope_to', 'identifiers');
  if (envelopeTo !== undefined && envelopeTo !== '') identifiers.envelopeTo = envelopeTo;

  const authResults: ReportRecord['authResults'] = { dkim: [], spf: [] };
  const auth = child(ctx, record, 'auth_results', 'record');
  if (isObject(auth)) {
    unknownChildren(ctx, auth, AUTH_KNOWN, 'auth_results');
    for (const d of children(auth, 'dkim')) {
      if (!isObject(d)) continue;
      unknownChildren(ctx, d, DKIM_KNOWN, 'auth_results/dkim');
      const result = keyword(
        ctx,
        text(ctx, d, 'result', 'dkim'),
        DKIM_RESULTS,
        'auth_results/dkim/result',
      );
      const entry: ReportRecord['authResults']['dkim'][number] = {
        domain: text(ctx, d, 'domain', 'dkim') ?? '',
        result: result?.value ?? '',
      };
      if (result === undefined) required(ctx, d, 'result', 'auth_results/dkim');
      const selector = text(ctx, d, 'selector', 'dkim');
      if (selector !== undefined && selector !== '') entry.selector = selector;
      const human = text(ctx, d, 'human_result', 'dkim');
      if (human !== undefined && human !== '') entry.humanResult = human;
      authResults.dkim.push(entry);
    }
    for (const s of children(auth, 'spf')) {
      if (!isObject(s)) continue;
      unknownChildren(ctx, s, SPF_KNOWN, 'auth_results/spf');
      const result = keyword(
        ctx,
        text(ctx, s, 'result', 'spf'),
        SPF_RESULTS,
        'auth_results/spf/result',
      );
      const entry: ReportRecord['authResults']['spf'][number] = {
        domain: text(ctx, s, 'domain', 'spf') ?? '',
        result: result?.value ?? '',
      };
      if (result === undefined) required(ctx, s, 'result', 'auth_results/spf');
      const scope = keyword(
        ctx,
        text(ctx, s, 'scope', 'spf'),
        SPF_SCOPES,
        'auth_results/spf/scope',
      );
      if (scope !== undefined) entry.scope = scope.value;
      const human = text(ctx, s, 'human_result', 'spf');
      if (human !== undefined && human !== '') entry.humanResult = human;
      authResults.spf.push(entry);
    }
  } else if (auth === undefined) {
    sink.add('missing-element', 'A record has no <auth_results>.', 'auth_results');
  }
  return { sourceIp, count, policyEvaluated: evaluated, identifiers, authResults, extensions };
}
