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

/** The bytes of an IPv4 (4 bytes) or IPv6 (16 bytes) address, or undefined when invalid. */
export function ipBytes(text: string): Uint8Array | undefined {
  if (text.indexOf(':') < 0) {
    if (!isIPv4(text)) return undefined;
    return new Uint8Array(text.split('.').map(Number));
  }
  if (!isIPv6(text)) return undefined;
  const out = new Uint8Array(16);
  const double = text.indexOf('::');
  const words = (part: string): number[] => {
    if (part === '') return [];
    const result: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.indexOf('.') >= 0) {
        const v4 = piece.split('.').map(Number);
        result.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else result.push(Number.parseInt(piece, 16));
    }
    return result;
  };
  const head = double < 0 ? words(text) : words(text.slice(0, double));
  const tail = double < 0 ? [] : words(text.slice(double + 2));
  const all = [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  all.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

/** A parsed network: address bytes and prefix length. */
export interface Network {
  bytes: Uint8Array;
  prefix: number;
}

/** Parses `192.0.2.0/24`, `2001:db8::/32` or a bare address; undefined when invalid. */
export function parseNetwork(text: string): Network | undefined {
  const slash = text.indexOf('/');
  const bytes = ipBytes(slash < 0 ? text : text.slice(0, slash));
  if (bytes === undefined) return undefined;
  const max = bytes.length * 8;
  if (slash < 0) return { bytes, prefix: max };
  const digits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(digits)) return undefined;
  const prefix = Number(digits);
  return prefix <= max ? { bytes, prefix } : undefined;
}

/** True when `address` (bytes) lies inside `network`. IPv4-mapped IPv6 matches IPv4 networks. */
export function inNetwork(address: Uint8Array, network: Network): boolean {
  let a = address;
  if (a.length === 16 && network.bytes.length === 4) {
    const mapped = a.subarray(0, 12).every((b, i) => (i < 10 ? b === 0 : b === 0xff));
    if (!mapped) return false;
    a = a.subarray(12);
  }
  if (a.length !== network.bytes.length) return false;
  let bits = network.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a[i]! & mask) !== (network.bytes[i]! & mask)) return false;
  }
  return true;
}
