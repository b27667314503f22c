/**
 * Report URI lists of `rua` and `ruf` (RFC 9989 §4.8 `dmarc-urilist`, RFC 7489 §6.2 and §6.4):
 * URIs separated by commas, each with the obsolete `!size` suffix allowed, commas and `!`
 * inside a URI percent-encoded. One hand-written scan per entry, linear in the value length.
 * @module
 */
import { isWsp } from '../internal/ascii.js';
import { type DiagnosticList, quote } from './diagnostic-list.js';
import type { ReportUri } from './types.js';

/** How the URI scan treats each ASCII code unit (see {@link URI_CLASS}). */
const INVALID = 0;
const PLAIN = 1;
const STOP = 2;
const PERCENT = 3;
const AT = 4;
const QUESTION = 5;

/**
 * Characters of a URI after its scheme (RFC 3986 §2): plain ones, `%` escapes, the `@` and `?`
 * a mailto: address is cut at, and what ends a URI in a DMARC list (`,`, `!`, whitespace).
 * `;` never reaches here (it ends the tag); everything else, and all non-ASCII, is invalid.
 */
const URI_CLASS: Uint8Array = /*#__PURE__*/ (() => {
  const table = new Uint8Array(128);
  const plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/#[]$&'()*+=";
  for (let i = 0; i < plain.length; i++) table[plain.charCodeAt(i)] = PLAIN;
  for (const c of [44, 33, 32, 9, 13, 10]) table[c] = STOP;
  table[37] = PERCENT;
  table[64] = AT;
  table[63] = QUESTION;
  return table;
})();

/** Unit multiplier base of the `!size` suffix: units are powers of two (RFC 7489 §6.4). */
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

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Decodes `%2C` to `,` and `%21` to `!` (the two escapes DMARC requires), nothing else. */
function decodeDelimiters(uri: string): string {
  let out = '';
  let from = 0;
  const n = uri.length;
  for (let i = 0; i + 2 < n; i++) {
    if (uri.charCodeAt(i) !== 37 || uri.charCodeAt(i + 1) !== 50) continue;
    const b = uri.charCodeAt(i + 2);
    let ch: string;
    if (b === 67 || b === 99) ch = ',';
    else if (b === 49) ch = '!';
    else continue;
    out += uri.slice(from, i) + ch;
    from = i + 3;
    i += 2;
  }
  return from === 0 ? uri : out + uri.slice(from);
}

/**
 * Checks the mailbox `text[start, end)` (an RFC 5322 addr-spec, loosely): a non-empty local
 * part without spaces or controls, `@`, then a domain of at least two non-empty labels of
 * letters, digits, `-` or non-ASCII, or an address literal in brackets.
 */
function isMailbox(text: string, start: number, end: number): boolean {
  let at = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) at = i;
    else if (c <= 32 || c === 127) return false;
  }
  if (at <= start || at === end - 1) return false;
  return isDomain(text, at + 1, end);
}

/**
 * Checks the mail domain `text[start, end)`: at least two non-empty labels of letters, digits,
 * `-` or non-ASCII (a U-label), or an address literal in brackets.
 */
function isDomain(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  if (text.charCodeAt(start) === 91) return text.charCodeAt(end - 1) === 93 && end - start > 2;
  let labels = 1;
  let labelLength = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
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
 * The mailbox of a percent-encoded `mailto:` target (RFC 6068 §2), decoded; with several
 * recipients (`a@x%2Cb@y`), all must be mailboxes and the first is returned.
 */
function decodedMailbox(encoded: string): string | undefined {
  let to: string;
  try {
    to = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  let from = 0;
  let first: string | undefined;
  for (;;) {
    const comma = to.indexOf(',', from);
    const stop = comma < 0 ? to.length : comma;
    if (!isMailbox(to, from, stop)) return undefined;
    if (first === undefined) first = to.slice(from, stop);
    if (comma < 0) return first;
    from = comma + 1;
  }
}

/**
 * Parses the value of `rua` or `ruf` (RFC 9989 §4.8 `dmarc-urilist`, with RFC 7489's `!size`).
 * Invalid entries are dropped with an `invalid-report-uri` diagnostic; non-mailto URIs are kept
 * and flagged with `unsupported-uri-scheme`; a `!size` suffix is turned into bytes and noted as
 * obsolete (`report-size-limit`, RFC 9989 §C.4).
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
    while (i < end && isWsp(text.charCodeAt(i))) i++;
    const s = i;
    // scheme ":" (RFC 3986 §3.1)
    let valid = i < end && isAlpha(text.charCodeAt(i));
    let colon = -1;
    if (valid) {
      i++;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === 58) {
          colon = i;
          i++;
          break;
        }
        if (!(isAlpha(c) || isDigit(c) || c === 43 || c === 45 || c === 46)) break;
        i++;
      }
      valid = colon >= 0;
    }
    // the rest of the URI, up to "!", "," or whitespace (RFC 3986 §2)
    let hasPercent = false;
    let uriEnd = i;
    let at = -1;
    let question = -1;
    if (valid) {
      while (i < end) {
        const c = text.charCodeAt(i);
        const kind = c < 128 ? URI_CLASS[c]! : INVALID;
        if (kind === PLAIN) {
          i++;
        } else if (kind === STOP) {
          break;
        } else if (kind === PERCENT) {
          if (i + 2 >= end || !isHex(text.charCodeAt(i + 1)) || !isHex(text.charCodeAt(i + 2))) {
            valid = false;
            break;
          }
          hasPercent = true;
          i += 3;
        } else if (kind === AT) {
          if (question < 0) at = i;
          i++;
        } else if (kind === QUESTION) {
          if (question < 0) question = i;
          i++;
        } else {
          valid = false;
          break;
        }
      }
      uriEnd = i;
      if (uriEnd === colon + 1) valid = false;
    }
    // obs-dmarc-report-size = "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] (RFC 9989 §4.8)
    let bang = -1;
    let bytes = 0;
    if (valid && i < end && text.charCodeAt(i) === 33) {
      bang = i;
      i++;
      let value = 0;
      const digits = i;
      while (i < end && isDigit(text.charCodeAt(i))) {
        value = value * 10 + (text.charCodeAt(i) - 48);
        i++;
      }
      let unit = 1;
      if (i === digits) valid = false;
      else if (i < end) {
        const u = lower(text.charCodeAt(i));
        if (u === 107) unit = KIB;
        else if (u === 109) unit = KIB * KIB;
        else if (u === 103) unit = KIB * KIB * KIB;
        else if (u === 116) unit = KIB * KIB * KIB * KIB;
        if (unit !== 1) i++;
      }
      bytes = Number.isSafeInteger(value) && Number.isSafeInteger(value * unit) ? value * unit : -1;
    }
    const sizeEnd = i;
    // then only whitespace before the "," or the end
    while (i < end && isWsp(text.charCodeAt(i))) i++;
    if (i < end && text.charCodeAt(i) !== 44) {
      valid = false;
      while (i < end && text.charCodeAt(i) !== 44) i++;
    }
    let e = i;
    while (e > s && isWsp(text.charCodeAt(e - 1))) e--;

    if (!valid) {
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
      const isMailto =
        colon - s === 6 &&
        lower(text.charCodeAt(s)) === 109 &&
        lower(text.charCodeAt(s + 1)) === 97 &&
        lower(text.charCodeAt(s + 2)) === 105 &&
        lower(text.charCodeAt(s + 3)) === 108 &&
        lower(text.charCodeAt(s + 4)) === 116 &&
        lower(text.charCodeAt(s + 5)) === 111;
      let address: string | undefined;
      if (isMailto) {
        const q = question < 0 ? uriEnd : question;
        if (!hasPercent) {
          // The local part is made of URI characters already: only the domain is left to check.
          if (at > colon + 1 && isDomain(text, at + 1, q)) address = text.slice(colon + 1, q);
        } else {
          address = decodedMailbox(text.slice(colon + 1, q));
        }
      }
      if (isMailto && address === undefined) {
        out.addRepeatable(
          'invalid-report-uri',
          `${tag} entry "${quote(text, s, e)}" is not a valid mailto: address; receivers skip it.`,
          tag,
          s,
          e,
        );
      } else {
        const raw = text.slice(s, uriEnd);
        const entry: ReportUri = { uri: hasPercent ? decodeDelimiters(raw) : raw };
        if (address !== undefined) entry.address = address;
        if (!isMailto) {
          out.addRepeatable(
            'unsupported-uri-scheme',
            `${tag} entry "${quote(text, s, uriEnd)}" is not a mailto: URI; receivers only have to support mailto, so reports may never arrive.`,
            tag,
            s,
            uriEnd,
          );
        }
        if (bang >= 0) {
          if (bytes < 0) {
            out.addRepeatable(
              'report-size-too-large',
              `The size limit "${quote(text, bang, sizeEnd)}" on ${tag} is too large to use; it is ignored.`,
              tag,
              bang,
              sizeEnd,
            );
          } else {
            entry.maxBytes = bytes;
            out.addRepeatable(
              'report-size-limit',
              `The size limit "${quote(text, bang, sizeEnd)}" on ${tag} is obsolete: RFC 9989 reporters ignore it, RFC 7489 reporters send nothing larger than ${bytes} bytes.`,
              tag,
              bang,
              sizeEnd,
            );
          }
        }
        uris.push(entry);
      }
    }
    if (i >= end) break;
    i++; // past the ","
  }
  return uris;
}
