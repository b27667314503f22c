/**
 * Report URI lists of `rua` and `ruf` (RFC 9989 §4.8 `dmarc-urilist`, RFC 7489 §6.2 and §6.4):
 * URIs separated by commas, each with the obsolete `!size` suffix allowed, commas and `!`
 * inside a URI percent-encoded. Hand-written scanning, linear in the value length.
 * @module
 */
import { asciiLower, isWsp } from '../internal/ascii.js';
import { type DiagnosticList, quote } from './diagnostic-list.js';
import type { ReportUri } from './types.js';

/** Characters allowed in a URI after its scheme (RFC 3986 §2, without `,` `!` `;` and `%`). */
const URI_CHAR: Uint8Array = /*#__PURE__*/ (() => {
  const table = new Uint8Array(128);
  const allowed =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@$&'()*+=";
  for (let i = 0; i < allowed.length; i++) table[allowed.charCodeAt(i)] = 1;
  return table;
})();

/** Unit multipliers of the `!size` suffix: powers of two (RFC 7489 §6.4). */
const KIB = 1024;

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Checks `text[start, end)` is `scheme ":" rest` with a non-empty rest made of URI characters
 * and well-formed percent escapes (RFC 3986 §3.1, §2.1). Returns the index of the `:` or -1.
 */
function checkUri(text: string, start: number, end: number): number {
  if (start >= end || !isAlpha(text.charCodeAt(start))) return -1;
  let i = start + 1;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 58) break;
    if (!(isAlpha(c) || isDigit(c) || c === 43 || c === 45 || c === 46)) return -1;
    i++;
  }
  const colon = i;
  if (colon >= end - 1) return -1;
  for (i = colon + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 37) {
      if (i + 2 >= end) return -1;
      if (!isHex(text.charCodeAt(i + 1)) || !isHex(text.charCodeAt(i + 2))) return -1;
      i += 2;
    } else if (c >= 128 || URI_CHAR[c] !== 1) {
      return -1;
    }
  }
  return colon;
}

/** Decodes `%2C` to `,` and `%21` to `!` (the two escapes DMARC requires), nothing else. */
function decodeDelimiters(uri: string): string {
  if (uri.indexOf('%') < 0) return uri;
  let out = '';
  let from = 0;
  const n = uri.length;
  for (let i = 0; i + 2 < n; i++) {
    if (uri.charCodeAt(i) !== 37) continue;
    const a = uri.charCodeAt(i + 1);
    const b = uri.charCodeAt(i + 2);
    let ch = '';
    if (a === 50 && (b === 99 || b === 67)) ch = ',';
    else if (a === 50 && b === 49) ch = '!';
    else continue;
    out += uri.slice(from, i) + ch;
    from = i + 3;
    i += 2;
  }
  return from === 0 ? uri : out + uri.slice(from);
}

/** Checks one mailbox (RFC 5322 addr-spec, loosely): local part, `@`, a dotted domain. */
function isMailbox(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return false;
  for (let i = 0; i < at; i++) {
    const c = address.charCodeAt(i);
    if (c <= 32 || c === 127) return false;
  }
  const first = address.charCodeAt(at + 1);
  if (first === 91) return address.charCodeAt(address.length - 1) === 93 && address.length - at > 3;
  let labels = 1;
  let labelLength = 0;
  for (let i = at + 1; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c === 46) {
      if (labelLength === 0) return false;
      labels++;
      labelLength = 0;
    } else if (isAlpha(c) || isDigit(c) || c === 45 || c >= 128) {
      labelLength++;
    } else {
      return false;
    }
  }
  return labelLength > 0 && labels >= 2;
}

/**
 * The mailbox of a `mailto:` URI (RFC 6068 §2): the part before `?`, percent-decoded. With
 * several recipients (`a@x%2Cb@y`), the first. `undefined` when it is not a valid mailbox.
 */
function mailtoAddress(uri: string, colon: number): string | undefined {
  const q = uri.indexOf('?', colon + 1);
  let to = q < 0 ? uri.slice(colon + 1) : uri.slice(colon + 1, q);
  if (to.indexOf('%') >= 0) {
    try {
      to = decodeURIComponent(to);
    } catch {
      return undefined;
    }
  }
  let first = to;
  const comma = to.indexOf(',');
  if (comma >= 0) {
    first = to.slice(0, comma);
    let from = comma + 1;
    while (from <= to.length) {
      const next = to.indexOf(',', from);
      const other = next < 0 ? to.slice(from) : to.slice(from, next);
      if (!isMailbox(other)) return undefined;
      if (next < 0) break;
      from = next + 1;
    }
  }
  return isMailbox(first) ? first : undefined;
}

/** Reads `!` 1*DIGIT [k/m/g/t] (RFC 7489 §6.4); -1 when malformed, -2 when too large. */
function parseSize(text: string, start: number, end: number): number {
  let i = start;
  let value = 0;
  while (i < end && isDigit(text.charCodeAt(i))) {
    value = value * 10 + (text.charCodeAt(i) - 48);
    i++;
  }
  if (i === start) return -1;
  let unit = 1;
  if (i < end) {
    if (i !== end - 1) return -1;
    switch (text.charCodeAt(i) | 0x20) {
      case 107:
        unit = KIB;
        break;
      case 109:
        unit = KIB * KIB;
        break;
      case 103:
        unit = KIB * KIB * KIB;
        break;
      case 116:
        unit = KIB * KIB * KIB * KIB;
        break;
      default:
        return -1;
    }
  }
  const bytes = value * unit;
  return Number.isSafeInteger(bytes) && Number.isSafeInteger(value) ? bytes : -2;
}

/**
 * Parses the value of `rua` or `ruf` (RFC 9989 §4.8 `dmarc-urilist`, with RFC 7489's `!size`).
 * Invalid entries are dropped with an `invalid-report-uri` diagnostic; non-mailto URIs are kept
 * and flagged with `unsupported-uri-scheme`.
 * @param text - the whole record text (spans are offsets into it).
 * @param start - start of the value in `text`.
 * @param end - end of the value in `text` (exclusive).
 * @param tag - `rua` or `ruf`, for the diagnostics.
 * @param out - where diagnostics go.
 * @returns the valid URIs, in order.
 */
export function parseReportUris(
  text: string,
  start: number,
  end: number,
  tag: 'rua' | 'ruf',
  out: DiagnosticList,
): ReportUri[] {
  const uris: ReportUri[] = [];
  let i = start;
  for (;;) {
    let s = i;
    while (s < end && isWsp(text.charCodeAt(s))) s++;
    let j = s;
    let bang = -1;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === 44) break;
      if (c === 33 && bang < 0) bang = j;
      j++;
    }
    let e = j;
    while (e > s && isWsp(text.charCodeAt(e - 1))) e--;
    const uriEnd = bang < 0 ? e : bang;
    const colon = checkUri(text, s, uriEnd);
    let bytes = 0;
    if (colon >= 0 && bang >= 0) bytes = parseSize(text, bang + 1, e);
    if (colon < 0 || bytes === -1) {
      out.addRepeatable(
        'invalid-report-uri',
        s === e
          ? `${tag} has an empty entry; remove the extra comma.`
          : `${tag} entry "${quote(text, s, e)}" is not a valid URI (commas and "!" inside a URI must be written %2C and %21); receivers skip it.`,
        tag,
        s,
        e,
      );
    } else {
      const raw = text.slice(s, uriEnd);
      const uri = decodeDelimiters(raw);
      const schemeEnd = colon - s;
      const isMailto =
        schemeEnd === 6 &&
        (raw.charCodeAt(0) | 0x20) === 109 &&
        asciiLower(raw.slice(0, 6)) === 'mailto';
      let address: string | undefined;
      if (isMailto) address = mailtoAddress(raw, schemeEnd);
      if (isMailto && address === undefined) {
        out.addRepeatable(
          'invalid-report-uri',
          `${tag} entry "${quote(text, s, e)}" is not a valid mailto: address; receivers skip it.`,
          tag,
          s,
          e,
        );
      } else {
        const entry: ReportUri = { uri };
        if (address !== undefined) entry.address = address;
        if (!isMailto) {
          out.addRepeatable(
            'unsupported-uri-scheme',
            `${tag} entry "${quote(raw, 0, raw.length)}" is not a mailto: URI; receivers only have to support mailto, so reports may never arrive.`,
            tag,
            s,
            uriEnd,
          );
        }
        if (bang >= 0) {
          if (bytes === -2) {
            out.addRepeatable(
              'report-size-too-large',
              `The size limit "${quote(text, bang, e)}" on ${tag} is too large to use; it is ignored.`,
              tag,
              bang,
              e,
            );
          } else {
            entry.maxBytes = bytes;
            out.addRepeatable(
              'report-size-limit',
              `The size limit "${quote(text, bang, e)}" on ${tag} is obsolete: RFC 9989 reporters ignore it, RFC 7489 reporters send nothing larger than ${bytes} bytes.`,
              tag,
              bang,
              e,
            );
          }
        }
        uris.push(entry);
      }
    }
    if (j >= end) break;
    i = j + 1;
  }
  return uris;
}
