/**
 * A small MIME walker (RFC 2045, RFC 2046) that pulls the body parts out of an email so the
 * report attachment can be found by content (RFC 9990 §3.5.2: "No specific MIME message
 * structure is required").
 * @module
 */

/** One leaf body part, decoded from its transfer encoding. */
export interface MimePart {
  contentType: string;
  /** The part's file name (Content-Disposition `filename` or Content-Type `name`), if any. */
  fileName?: string;
  bytes: Uint8Array;
}

const MAX_DEPTH = 8;
const MAX_PARTS = 200;

interface Headers {
  contentType: string;
  params: Map<string, string>;
  encoding: string;
  fileName?: string;
}

/** Splits `name=value` parameters of a structured header (quoted values allowed). */
function parseParams(text: string, into: Map<string, string>): string {
  const semi = text.indexOf(';');
  const head = (semi < 0 ? text : text.slice(0, semi)).trim().toLowerCase();
  let p = semi < 0 ? text.length : semi + 1;
  while (p < text.length) {
    const eq = text.indexOf('=', p);
    if (eq < 0) break;
    const key = text.slice(p, eq).trim().toLowerCase();
    let q = eq + 1;
    while (text[q] === ' ' || text[q] === '\t') q++;
    let value: string;
    if (text[q] === '"') {
      const end = text.indexOf('"', q + 1);
      value = text.slice(q + 1, end < 0 ? text.length : end);
      p = end < 0 ? text.length : end + 1;
      const next = text.indexOf(';', p);
      p = next < 0 ? text.length : next + 1;
    } else {
      const end = text.indexOf(';', q);
      value = text.slice(q, end < 0 ? text.length : end).trim();
      p = end < 0 ? text.length : end + 1;
    }
    if (key !== '' && !into.has(key)) into.set(key, value);
  }
  return head;
}

function parseHeaders(block: string): Headers {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const headers: Headers = { contentType: 'text/plain', params: new Map(), encoding: '7bit' };
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-type') {
      headers.contentType = parseParams(value, headers.params) || 'text/plain';
    } else if (name === 'content-transfer-encoding') {
      headers.encoding = value.toLowerCase();
    } else if (name === 'content-disposition') {
      const params = new Map<string, string>();
      parseParams(value, params);
      const file = params.get('filename');
      if (file !== undefined) headers.fileName = file;
    }
  }
  if (headers.fileName === undefined) {
    const name = headers.params.get('name');
    if (name !== undefined) headers.fileName = name;
  }
  return headers;
}

const B64 = /* @__PURE__ */ (() => {
  const t = new Int16Array(256).fill(-1);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) t[abc.charCodeAt(i)] = i;
  t['-'.charCodeAt(0)] = 62;
  t['_'.charCodeAt(0)] = 63;
  return t;
})();

/** Decodes base64, skipping whitespace and any other stray characters, stopping at `=`. */
function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d) break;
    const v = c < 256 ? B64[c]! : -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function decodeQuotedPrintable(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d) {
      if (text[i + 1] === '\r' && text[i + 2] === '\n') {
        i += 2;
        continue;
      }
      if (text[i + 1] === '\n') {
        i += 1;
        continue;
      }
      const hex = Number.parseInt(text.slice(i + 1, i + 3), 16);
      if (!Number.isNaN(hex) && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
        out[n++] = hex;
        i += 2;
        continue;
      }
    }
    out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}

/** Encodes a binary string (one char per byte) back to bytes. */
function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function splitHeaderBody(text: string): [string, string] {
  const lf = text.indexOf('\n\n');
  const crlf = text.indexOf('\r\n\r\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return [text.slice(0, crlf), text.slice(crlf + 4)];
  if (lf >= 0) return [text.slice(0, lf), text.slice(lf + 2)];
  return [text, ''];
}

function walk(text: string, depth: number, parts: MimePart[]): void {
  if (parts.length >= MAX_PARTS) return;
  const [head, body] = splitHeaderBody(text);
  const headers = parseHeaders(head);
  const boundary = headers.params.get('boundary');
  if (headers.contentType.startsWith('multipart/') && boundary !== undefined && depth < MAX_DEPTH) {
    const delimiter = `--${boundary}`;
    let at = body.indexOf(delimiter);
    while (at >= 0 && parts.length < MAX_PARTS) {
      let start = at + delimiter.length;
      if (body.startsWith('--', start)) break; // close delimiter
      const eol = body.indexOf('\n', start);
      if (eol < 0) break;
      start = eol + 1;
      const next = body.indexOf(delimiter, start);
      let end = next < 0 ? body.length : next;
      if (body[end - 1] === '\n') end--;
      if (body[end - 1] === '\r') end--;
      walk(body.slice(start, end), depth + 1, parts);
      at = next;
    }
    return;
  }
  if (headers.contentType === 'message/rfc822' && depth < MAX_DEPTH) {
    walk(body, depth + 1, parts);
    return;
  }
  let bytes: Uint8Array;
  if (headers.encoding === 'base64') bytes = decodeBase64(body);
  else if (headers.encoding === 'quoted-printable') bytes = decodeQuotedPrintable(body);
  else bytes = latin1Bytes(body);
  const part: MimePart = { contentType: headers.contentType, bytes };
  if (headers.fileName !== undefined) part.fileName = headers.fileName;
  parts.push(part);
}

/**
 * Every leaf body part of an email, decoded, in message order. The message is read as
 * a binary string (one character per byte) so 8-bit parts keep their bytes.
 */
export function emailParts(bytes: Uint8Array): MimePart[] {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  const parts: MimePart[] = [];
  walk(text, 0, parts);
  return parts;
}
