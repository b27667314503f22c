/**
 * The DNS wire format (RFC 1035 §4), as far as a TXT/MX stub resolver needs it: encode one
 * query, decode one response. Decoding never throws and runs in time linear in the message
 * size: every read is bounds-checked, compression pointers must point strictly backwards
 * (RFC 1035 §4.1.4 says "a prior occurrence"), so they cannot loop, and a name is cut off at
 * 255 octets (RFC 1035 §2.3.4) and at {@link MAX_POINTER_JUMPS} pointers.
 * @module
 */
import { asciiLower } from '../internal/ascii.js';

/** RR type numbers this module knows (RFC 1035 §3.2.2, RFC 6891 §6.1.1). */
export const RR_TYPE: Readonly<{ CNAME: 5; MX: 15; TXT: 16; OPT: 41 }> = Object.freeze({
  CNAME: 5,
  MX: 15,
  TXT: 16,
  OPT: 41,
} as const);

/** Response codes (RFC 1035 §4.1.1). */
export const RCODE: Readonly<{
  NOERROR: 0;
  FORMERR: 1;
  SERVFAIL: 2;
  NXDOMAIN: 3;
  NOTIMP: 4;
  REFUSED: 5;
}> = Object.freeze({
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const);

/** The largest DNS message: its length must fit the 16-bit TCP length prefix (RFC 1035 §4.2.2). */
export const MAX_MESSAGE_BYTES = 65_535;

/** Most compression pointers followed in one name; 127 is the most a 255-octet name can need. */
export const MAX_POINTER_JUMPS = 127;

const MAX_NAME_OCTETS = 255;
const MAX_LABEL_OCTETS = 63;
const CLASS_IN = 1;

/** Why a name cannot be encoded. */
export type NameError = 'empty-label' | 'label-too-long' | 'name-too-long' | 'bad-character';

/**
 * Splits a presentation-format name into its labels, ignoring one trailing dot. The root
 * (`""` or `"."`) has no labels. Only printable ASCII other than the dot is accepted in a
 * label: IDNs must be given in their A-label (punycode) form (RFC 5891 §4.2).
 */
export function nameLabels(name: string): string[] | NameError {
  if (name === '' || name === '.') return [];
  const text = name.endsWith('.') ? name.slice(0, -1) : name;
  const labels = text.split('.');
  let octets = 1;
  for (const label of labels) {
    if (label.length === 0) return 'empty-label';
    if (label.length > MAX_LABEL_OCTETS) return 'label-too-long';
    for (let i = 0; i < label.length; i++) {
      const c = label.charCodeAt(i);
      if (c < 0x21 || c > 0x7e) return 'bad-character';
    }
    octets += label.length + 1;
  }
  if (octets > MAX_NAME_OCTETS) return 'name-too-long';
  return labels;
}

/** Options of {@link encodeQuery}. */
export interface EncodeQueryOptions {
  /** The message ID; 0 by default, as RFC 8484 §4.1 asks of DoH clients. */
  id?: number;
  /**
   * The UDP payload size advertised in an EDNS(0) OPT record (RFC 6891 §6.2.3), so a server
   * that forwards over UDP does not truncate large TXT sets; 0 sends no OPT record.
   * Default 4096.
   */
  ednsPayloadSize?: number;
}

/**
 * Encodes a recursive query (RD set) for one name and type in class IN (RFC 1035 §4.1).
 * Returns a {@link NameError} when the name cannot be encoded.
 */
export function encodeQuery(
  name: string,
  type: number,
  options: EncodeQueryOptions = {},
): Uint8Array | NameError {
  const labels = nameLabels(name);
  if (typeof labels === 'string') return labels;
  const edns = options.ednsPayloadSize ?? 4096;
  let nameOctets = 1;
  for (const label of labels) nameOctets += label.length + 1;
  const size = 12 + nameOctets + 4 + (edns > 0 ? 11 : 0);
  const out = new Uint8Array(size);
  const id = options.id ?? 0;
  out[0] = (id >> 8) & 0xff;
  out[1] = id & 0xff;
  out[2] = 0x01; // RD
  out[5] = 1; // QDCOUNT
  if (edns > 0) out[11] = 1; // ARCOUNT
  let at = 12;
  for (const label of labels) {
    out[at++] = label.length;
    for (let i = 0; i < label.length; i++) out[at++] = label.charCodeAt(i);
  }
  out[at++] = 0;
  out[at++] = (type >> 8) & 0xff;
  out[at++] = type & 0xff;
  out[at++] = 0;
  out[at++] = CLASS_IN;
  if (edns > 0) {
    at++; // root owner name
    out[at++] = 0;
    out[at++] = RR_TYPE.OPT;
    out[at++] = (edns >> 8) & 0xff;
    out[at++] = edns & 0xff;
    // extended RCODE, version, flags (DO clear) and RDLENGTH 0 stay zero.
  }
  return out;
}

/** A question as decoded. */
export interface WireQuestion {
  name: string;
  type: number;
  class: number;
}

/** One decoded resource record; `data` is decoded for TXT, MX and CNAME only. */
export type WireRecord =
  | { name: string; type: 16; class: number; ttl: number; data: string[] }
  | {
      name: string;
      type: 15;
      class: number;
      ttl: number;
      data: { priority: number; exchange: string };
    }
  | { name: string; type: 5; class: number; ttl: number; data: string }
  | { name: string; type: number; class: number; ttl: number; data: null };

/** A decoded response: header fields, questions and the answer section. */
export interface WireMessage {
  id: number;
  qr: boolean;
  opcode: number;
  tc: boolean;
  rcode: number;
  questions: WireQuestion[];
  answers: WireRecord[];
}

/** The result of {@link decodeMessage}: the message, or why it is malformed. */
export type DecodeResult = { ok: true; message: WireMessage } | { ok: false; reason: string };

class Malformed {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
}

/**
 * Reads the name at `start`. Returns it in presentation form without the trailing dot (the
 * root is `""`) and the offset just after it in the original position. Octets outside
 * printable ASCII and the characters `.` and `\` inside a label are escaped as `\DDD` and
 * `\.`, `\\` (RFC 1035 §5.1), as c-ares does.
 */
function readName(bytes: Uint8Array, start: number): { name: string; end: number } | Malformed {
  let at = start;
  let end = -1;
  let octets = 0;
  let jumps = 0;
  // Every pointer must point before the lowest offset read so far, so each jump moves strictly
  // backwards and the walk ends after at most `start` octets (and at most 255 name octets).
  let lowest = start;
  let name = '';
  for (;;) {
    if (at >= bytes.length) return new Malformed('name runs past the end of the message');
    const len = bytes[at]!;
    if (len === 0) {
      octets += 1;
      if (octets > MAX_NAME_OCTETS) return new Malformed('name longer than 255 octets');
      if (end < 0) end = at + 1;
      return { name, end };
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (at + 1 >= bytes.length) return new Malformed('compression pointer runs past the end');
      const target = ((len & 0x3f) << 8) | bytes[at + 1]!;
      if (target >= lowest) return new Malformed('compression pointer does not point backwards');
      if (++jumps > MAX_POINTER_JUMPS) return new Malformed('too many compression pointers');
      if (end < 0) end = at + 2;
      lowest = target;
      at = target;
      continue;
    }
    if (kind !== 0) return new Malformed('unknown label type');
    octets += len + 1;
    if (octets > MAX_NAME_OCTETS) return new Malformed('name longer than 255 octets');
    if (at + 1 + len > bytes.length) return new Malformed('label runs past the end');
    if (name.length > 0) name += '.';
    for (let i = at + 1; i <= at + len; i++) {
      const c = bytes[i]!;
      if (c === 0x2e || c === 0x5c) name += `\\${String.fromCharCode(c)}`;
      else if (c > 0x20 && c < 0x7f) name += String.fromCharCode(c);
      else name += `\\${c.toString().padStart(3, '0')}`;
    }
    at += 1 + len;
  }
}

/** Decodes character-strings as latin1, one code unit per octet, as Node's resolver does. */
function latin1(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  // String.fromCharCode on chunks keeps this linear without a giant argument list.
  for (let i = from; i < to; i += 4096) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(to, i + 4096)));
  }
  return out;
}

function readRecord(
  bytes: Uint8Array,
  start: number,
): { record: WireRecord; end: number } | Malformed {
  const owner = readName(bytes, start);
  if (owner instanceof Malformed) return owner;
  let at = owner.end;
  if (at + 10 > bytes.length) return new Malformed('record header runs past the end');
  const type = (bytes[at]! << 8) | bytes[at + 1]!;
  const klass = (bytes[at + 2]! << 8) | bytes[at + 3]!;
  const ttl =
    ((bytes[at + 4]! << 24) | (bytes[at + 5]! << 16) | (bytes[at + 6]! << 8) | bytes[at + 7]!) >>>
    0;
  const rdlength = (bytes[at + 8]! << 8) | bytes[at + 9]!;
  at += 10;
  const rdend = at + rdlength;
  if (rdend > bytes.length) return new Malformed('record data runs past the end');
  const base = { name: owner.name, class: klass, ttl };
  if (type === RR_TYPE.TXT) {
    const chunks: string[] = [];
    let p = at;
    while (p < rdend) {
      const len = bytes[p]!;
      if (p + 1 + len > rdend) return new Malformed('TXT string runs past its record');
      chunks.push(latin1(bytes, p + 1, p + 1 + len));
      p += 1 + len;
    }
    return { record: { ...base, type: RR_TYPE.TXT, data: chunks }, end: rdend };
  }
  if (type === RR_TYPE.MX) {
    if (rdlength < 3) return new Malformed('MX record too short');
    const priority = (bytes[at]! << 8) | bytes[at + 1]!;
    const exchange = readName(bytes.subarray(0, rdend), at + 2);
    if (exchange instanceof Malformed) return exchange;
    if (exchange.end !== rdend) return new Malformed('MX record length does not match its data');
    return {
      record: { ...base, type: RR_TYPE.MX, data: { priority, exchange: exchange.name } },
      end: rdend,
    };
  }
  if (type === RR_TYPE.CNAME) {
    const target = readName(bytes.subarray(0, rdend), at);
    if (target instanceof Malformed) return target;
    if (target.end !== rdend) return new Malformed('CNAME record length does not match its data');
    return { record: { ...base, type: RR_TYPE.CNAME, data: target.name }, end: rdend };
  }
  return { record: { ...base, type, data: null }, end: rdend };
}

/**
 * Decodes the header, the question section and the answer section of a DNS message
 * (RFC 1035 §4.1). The authority and additional sections are not read. Never throws; a
 * message longer than {@link MAX_MESSAGE_BYTES} or malformed in any way gives `ok: false`.
 */
export function decodeMessage(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_MESSAGE_BYTES) return { ok: false, reason: 'message too large' };
  if (bytes.length < 12) return { ok: false, reason: 'message shorter than its header' };
  const id = (bytes[0]! << 8) | bytes[1]!;
  const flags = (bytes[2]! << 8) | bytes[3]!;
  const qdcount = (bytes[4]! << 8) | bytes[5]!;
  const ancount = (bytes[6]! << 8) | bytes[7]!;
  let at = 12;
  const questions: WireQuestion[] = [];
  // Each question takes at least 5 octets and each record at least 11, so a count the
  // message cannot hold fails at the first read past the end, never after a long loop.
  for (let i = 0; i < qdcount; i++) {
    const name = readName(bytes, at);
    if (name instanceof Malformed) return { ok: false, reason: name.reason };
    at = name.end;
    if (at + 4 > bytes.length) return { ok: false, reason: 'question runs past the end' };
    questions.push({
      name: name.name,
      type: (bytes[at]! << 8) | bytes[at + 1]!,
      class: (bytes[at + 2]! << 8) | bytes[at + 3]!,
    });
    at += 4;
  }
  const answers: WireRecord[] = [];
  for (let i = 0; i < ancount; i++) {
    const read = readRecord(bytes, at);
    if (read instanceof Malformed) return { ok: false, reason: read.reason };
    answers.push(read.record);
    at = read.end;
  }
  return {
    ok: true,
    message: {
      id,
      qr: (flags & 0x8000) !== 0,
      opcode: (flags >> 11) & 0x0f,
      tc: (flags & 0x0200) !== 0,
      rcode: flags & 0x0f,
      questions,
      answers,
    },
  };
}

/** Compares two presentation-format names, ignoring ASCII case and one trailing dot. */
export function sameName(a: string, b: string): boolean {
  const x = a.endsWith('.') ? a.slice(0, -1) : a;
  const y = b.endsWith('.') ? b.slice(0, -1) : b;
  return x.length === y.length && asciiLower(x) === asciiLower(y);
}
