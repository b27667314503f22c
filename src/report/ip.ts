/**
 * IP address syntax checks for `source_ip` (RFC 9990 §3.1.1.8: IPv4address or IPv6address
 * as defined in RFC 3986 §3.2.2). Hand-written, linear, no regular expressions.
 * @module
 */

/** True for a dotted-quad IPv4 address (RFC 3986 `IPv4address`: no leading zeros). */
export function isIPv4(text: string): boolean {
  let parts = 0;
  let i = 0;
  const n = text.length;
  while (parts < 4) {
    const start = i;
    let value = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      i++;
      if (i - start > 3) return false;
    }
    const len = i - start;
    if (len === 0 || value > 255 || (len > 1 && text.charCodeAt(start) === 48)) return false;
    parts++;
    if (parts < 4) {
      if (text.charCodeAt(i) !== 46) return false;
      i++;
    }
  }
  return i === n;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** True for an IPv6 address in RFC 4291 §2.2 text form (with `::` and a trailing IPv4). */
export function isIPv6(text: string): boolean {
  if (text.length < 2 || text.length > 45) return false;
  const double = text.indexOf('::');
  if (double >= 0 && text.indexOf('::', double + 1) >= 0) return false;
  const groups = (part: string): number => {
    if (part === '') return 0;
    const pieces = part.split(':');
    let count = 0;
    for (let k = 0; k < pieces.length; k++) {
      const piece = pieces[k]!;
      if (k === pieces.length - 1 && piece.indexOf('.') >= 0) {
        if (!isIPv4(piece)) return -1;
        count += 2;
        continue;
      }
      if (piece.length === 0 || piece.length > 4) return -1;
      for (let j = 0; j < piece.length; j++) if (!isHex(piece.charCodeAt(j))) return -1;
      count++;
    }
    return count;
  };
  if (double < 0) return groups(text) === 8;
  const left = text.slice(0, double);
  const right = text.slice(double + 2);
  if (right.indexOf('.') >= 0 && left.indexOf('.') >= 0) return false;
  const l = left === '' ? 0 : groups(left);
  if (l < 0 || (left !== '' && left.indexOf('.') >= 0)) return false;
  const r = right === '' ? 0 : groups(right);
  if (r < 0) return false;
  return l + r <= 7;
}

/** True for a valid IPv4 or IPv6 address. */
export function isIpAddress(text: string): boolean {
  return text.indexOf(':') >= 0 ? isIPv6(text) : isIPv4(text);
}
