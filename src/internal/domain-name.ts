/**
 * Domain-name normalisation for DNS queries and suffix lookups: ASCII lower case, one trailing
 * dot removed, Unicode labels converted to A-labels (UTS-46 through the platform's WHATWG
 * `URL`, which every supported runtime has), and `null` for anything that cannot be a DNS
 * name (RFC 1035 §2.3.4 lengths, empty labels, IP literals, characters outside letters,
 * digits, `-` and `_`). Pure and bounded; never throws.
 * @module
 */
import { punycodeDecode } from './punycode.js';

/** Longest name accepted, without the trailing dot (RFC 1035 §2.3.4: 255 octets on the wire). */
export const MAX_DOMAIN_LENGTH = 253;
/** Longest label (RFC 1035 §2.3.4). */
export const MAX_LABEL_LENGTH = 63;
/** Inputs longer than this are rejected before any work (a Unicode name can shrink when mapped). */
const MAX_INPUT_LENGTH = 1024;

/**
 * `String.prototype.charCodeAt`, called as `charCodeAt.call(text, i)` in the loops below: a
 * `text.charCodeAt(i)` call site is specialised by V8 for the few kinds of string it has seen
 * (flat, sliced, concatenated, internalized; one or two bytes per character) and is no longer
 * inlined past four of them, and names reach here in every kind (tldts-core does the same, see
 * its is-valid.ts).
 */
const charCodeAt = String.prototype.charCodeAt;

/** Any character outside ASCII: such a name takes the UTS-46 path (see {@link toAsciiDomain}). */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Normalises a name made of ASCII characters only; `null` when it is not a valid DNS name.
 */
function normaliseAscii(name: string, checkPunycode: boolean): string | null {
  let end = name.length;
  if (end > 0 && charCodeAt.call(name, end - 1) === 46) end--;
  if (end === 0 || end > MAX_DOMAIN_LENGTH) return null;
  let upper = false;
  let punycode = false;
  let labelStart = 0;
  // Branches ordered by frequency: lower-case letters, dots, digits, then the rest.
  for (let i = 0; i < end; i++) {
    const c = charCodeAt.call(name, i);
    if (c >= 97) {
      if (c <= 122) continue;
      return null;
    }
    if (c === 46) {
      const length = i - labelStart;
      if (length === 0 || length > MAX_LABEL_LENGTH) return null;
      labelStart = i + 1;
      continue;
    }
    if (c >= 65) {
      if (c <= 90) {
        upper = true;
        continue;
      }
      if (c === 95) continue;
      return null;
    }
    if (c >= 48) {
      if (c <= 57) continue;
      return null;
    }
    if (c !== 45) return null;
    // A hyphen third in its label, after "xn" (any case) and before another: an A-label.
    if (
      i === labelStart + 2 &&
      charCodeAt.call(name, i + 1) === 45 &&
      (charCodeAt.call(name, labelStart) | 32) === 120 &&
      (charCodeAt.call(name, labelStart + 1) | 32) === 110
    ) {
      punycode = true;
    }
  }
  const lastLength = end - labelStart;
  if (lastLength === 0 || lastLength > MAX_LABEL_LENGTH) return null;
  let out = end === name.length ? name : name.slice(0, end);
  if (upper) out = out.toLowerCase(); // ASCII only here, so no Unicode case mapping
  if (endsInNumber(out, labelStart)) return null;
  if (punycode && checkPunycode && !validPunycodeLabels(out)) return null;
  return out;
}

/**
 * True when the last label reads as a number (all digits, or `0x` and hex digits): such a
 * host is an IPv4 literal to a URL parser, never a domain (WHATWG URL "ends in a number").
 */
function endsInNumber(name: string, start: number): boolean {
  let digits = true;
  for (let i = start; i < name.length; i++) {
    const c = charCodeAt.call(name, i);
    if (c < 48 || c > 57) {
      digits = false;
      break;
    }
  }
  if (digits) return true;
  if (
    name.length - start >= 2 &&
    charCodeAt.call(name, start) === 48 &&
    charCodeAt.call(name, start + 1) === 120
  ) {
    for (let i = start + 2; i < name.length; i++) {
      const c = charCodeAt.call(name, i);
      if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
    }
    return true;
  }
  return false;
}

/**
 * Every `xn--` label must be a valid A-label: it must decode, and UTS-46 (the platform `URL`)
 * must accept the name unchanged. Names with such labels are rare, so the URL parser's cost
 * is paid only for them.
 */
function validPunycodeLabels(name: string): boolean {
  if (VALID_PUNYCODE_NAMES.has(name)) return true;
  for (const label of name.split('.')) {
    if (label.startsWith('xn--') && punycodeDecode(label.slice(4)) === null) return false;
  }
  let valid: boolean;
  try {
    valid = new URL(`http://${name}/`).hostname === name;
  } catch {
    valid = false;
  }
  if (valid) remember(VALID_PUNYCODE_NAMES, name);
  return valid;
}

/**
 * Bounded memory of names the URL parser has already checked or mapped: the parser costs
 * microseconds per call and mail traffic repeats the same few IDN domains. Pure function
 * results only, so sharing them is safe; the set is emptied when full.
 */
const MEMO_LIMIT = 2048;
const VALID_PUNYCODE_NAMES = new Set<string>();
const MAPPED_NAMES = new Map<string, string | null>();

function remember(set: Set<string>, name: string): void {
  if (set.size >= MEMO_LIMIT) set.clear();
  set.add(name);
}

/** ASCII characters that may appear in a Unicode name (the rest would change URL parsing). */
function allowedAsciiInUnicodeName(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 46 ||
    c === 95
  );
}

/**
 * A domain name as DNS queries and suffix lookups need it: ASCII lower case, one trailing dot
 * removed, Unicode labels mapped and converted to A-labels by UTS-46 (the platform `URL`'s
 * IDNA processing), `xn--` labels checked. `null` for empty labels, over-long labels or names
 * (RFC 1035 §2.3.4), IP literals, and characters no host name has.
 * @example
 * toAsciiDomain('Mail.Example.COM.') // 'mail.example.com'
 * toAsciiDomain('bücher.example')    // 'xn--bcher-kva.example'
 * toAsciiDomain('192.0.2.1')         // null
 */
export function toAsciiDomain(name: string): string | null {
  if (typeof name !== 'string' || name.length > MAX_INPUT_LENGTH) return null;
  // Only ASCII names reach the scan: one that has seen two-byte strings runs about half as fast
  // on every name after (measured), and a Unicode name needs UTS-46 mapping anyway.
  if (!NON_ASCII.test(name)) return normaliseAscii(name, true);
  const known = MAPPED_NAMES.get(name);
  if (known !== undefined) return known;
  const mapped = mapUnicodeName(name);
  if (MAPPED_NAMES.size >= MEMO_LIMIT) MAPPED_NAMES.clear();
  MAPPED_NAMES.set(name, mapped);
  return mapped;
}

/** UTS-46 ToASCII of a name with non-ASCII characters, through the platform URL parser. */
function mapUnicodeName(name: string): string | null {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x80 && !allowedAsciiInUnicodeName(c)) return null;
  }
  let host: string;
  try {
    host = new URL(`http://${name}/`).hostname;
  } catch {
    return null;
  }
  // The mapped name is ASCII now; anything else (a percent sign, an IPv6 bracket) is rejected.
  // The URL parser has already checked its `xn--` labels (UTS-46 ToASCII).
  return NON_ASCII.test(host) ? null : normaliseAscii(host, false);
}

/** True when `name` contains a character outside ASCII. */
export function hasNonAscii(name: string): boolean {
  return NON_ASCII.test(name);
}
