/**
 * Builds DNS wire-format messages (RFC 1035 §4.1) byte by byte, so tests can hand the DoH
 * resolver well-formed answers and every kind of malformed one. Names are written without
 * compression unless a test writes pointers itself with `pointer()`.
 */

export interface BuildQuestion {
  name: string;
  type: number;
  class?: number;
}

export interface BuildRecord {
  name: string | number[];
  type: number;
  class?: number;
  ttl?: number;
  rdata: number[];
  /** Overrides RDLENGTH (to write a wrong one). */
  rdlength?: number;
}

export interface BuildMessage {
  id?: number;
  qr?: boolean;
  opcode?: number;
  aa?: boolean;
  tc?: boolean;
  rd?: boolean;
  ra?: boolean;
  rcode?: number;
  questions?: BuildQuestion[];
  answers?: BuildRecord[];
  authority?: BuildRecord[];
  additional?: BuildRecord[];
  /** Overrides the counts in the header (to claim more than there is). */
  counts?: Partial<Record<'qd' | 'an' | 'ns' | 'ar', number>>;
}

export const TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, MX: 15, TXT: 16, OPT: 41 } as const;

/** A name as labels, uncompressed; `""` or `"."` is the root. */
export function encodeName(name: string): number[] {
  const out: number[] = [];
  const text = name.endsWith('.') ? name.slice(0, -1) : name;
  if (text !== '') {
    for (const label of text.split('.')) {
      out.push(label.length);
      for (let i = 0; i < label.length; i++) out.push(label.charCodeAt(i) & 0xff);
    }
  }
  out.push(0);
  return out;
}

/** A compression pointer to `offset`. */
export function pointer(offset: number): number[] {
  return [0xc0 | ((offset >> 8) & 0x3f), offset & 0xff];
}

/** TXT RDATA: each chunk as a length-prefixed character-string (latin1 octets). */
export function txtRdata(chunks: readonly string[]): number[] {
  const out: number[] = [];
  for (const chunk of chunks) {
    out.push(chunk.length);
    for (let i = 0; i < chunk.length; i++) out.push(chunk.charCodeAt(i) & 0xff);
  }
  return out;
}

export function mxRdata(priority: number, exchange: string): number[] {
  return [(priority >> 8) & 0xff, priority & 0xff, ...encodeName(exchange)];
}

export function cnameRdata(target: string): number[] {
  return encodeName(target);
}

function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

function record(r: BuildRecord): number[] {
  const name = typeof r.name === 'string' ? encodeName(r.name) : r.name;
  const ttl = r.ttl ?? 300;
  return [
    ...name,
    ...u16(r.type),
    ...u16(r.class ?? 1),
    (ttl >>> 24) & 0xff,
    (ttl >>> 16) & 0xff,
    (ttl >>> 8) & 0xff,
    ttl & 0xff,
    ...u16(r.rdlength ?? r.rdata.length),
    ...r.rdata,
  ];
}

/** Encodes a whole message; defaults describe a plain NOERROR response with ID 0. */
export function buildMessage(m: BuildMessage): Uint8Array<ArrayBuffer> {
  const questions = m.questions ?? [];
  const answers = m.answers ?? [];
  const authority = m.authority ?? [];
  const additional = m.additional ?? [];
  const flags =
    ((m.qr ?? true) ? 0x8000 : 0) |
    ((m.opcode ?? 0) << 11) |
    (m.aa ? 0x0400 : 0) |
    (m.tc ? 0x0200 : 0) |
    ((m.rd ?? true) ? 0x0100 : 0) |
    ((m.ra ?? true) ? 0x0080 : 0) |
    ((m.rcode ?? 0) & 0x0f);
  const bytes: number[] = [
    ...u16(m.id ?? 0),
    ...u16(flags),
    ...u16(m.counts?.qd ?? questions.length),
    ...u16(m.counts?.an ?? answers.length),
    ...u16(m.counts?.ns ?? authority.length),
    ...u16(m.counts?.ar ?? additional.length),
  ];
  for (const q of questions)
    bytes.push(...encodeName(q.name), ...u16(q.type), ...u16(q.class ?? 1));
  for (const r of [...answers, ...authority, ...additional]) bytes.push(...record(r));
  return Uint8Array.from(bytes);
}

/** A response to `question` carrying `answers` (and optionally an RCODE). */
export function answerTo(
  question: BuildQuestion,
  answers: BuildRecord[],
  extra: Omit<BuildMessage, 'questions' | 'answers'> = {},
): Uint8Array<ArrayBuffer> {
  return buildMessage({ ...extra, questions: [question], answers });
}
