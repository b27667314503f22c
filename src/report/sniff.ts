/**
 * Content sniffing: what a blob of bytes is, by its first bytes rather than by any name or
 * media type (reporters mislabel attachments; RFC 9990 §3.5.2).
 * @module
 */

/** The kinds of input `parseAggregateReport` tells apart. */
export type InputKind = 'gzip' | 'zip' | 'xml' | 'email' | 'unknown' | 'empty';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Classifies `bytes` by magic numbers and the first non-blank characters. */
export function sniff(bytes: Uint8Array): InputKind {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  ) {
    return 'zip';
  }
  let i = 0;
  // UTF-8 BOM, UTF-16 BOMs.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    return 'xml';
  }
  while (i < bytes.length && (isSpace(bytes[i]!) || bytes[i] === 0)) i++;
  if (i === bytes.length) return 'empty';
  if (bytes[i] === 0x3c /* < */) return 'xml';
  return looksLikeEmail(bytes, i) ? 'email' : 'unknown';
}

/**
 * True when the text at `i` starts with an RFC 5322 header field (`name:`, printable ASCII
 * without spaces or colon in the name) and a blank line separates headers from a body.
 */
function looksLikeEmail(bytes: Uint8Array, i: number): boolean {
  let j = i;
  while (j < bytes.length && j - i < 80) {
    const c = bytes[j]!;
    if (c === 0x3a) break;
    if (c <= 0x20 || c >= 0x7f) return false;
    j++;
  }
  if (j === i || bytes[j] !== 0x3a) return false;
  // A header/body separator must exist somewhere (CRLF CRLF or LF LF).
  const limit = Math.min(bytes.length, 1 << 20);
  for (let p = j; p + 1 < limit; p++) {
    if (
      bytes[p] === 0x0a &&
      (bytes[p + 1] === 0x0a || (bytes[p + 1] === 0x0d && bytes[p + 2] === 0x0a))
    )
      return true;
  }
  return false;
}
