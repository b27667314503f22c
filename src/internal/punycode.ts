/**
 * Punycode (RFC 3492) for one DNS label, without the `xn--` prefix. Shared by the PSL
 * compiler (IDN rules are indexed in both forms) and the domain-name normaliser, so no module
 * needs the PSL to convert a label. Pure, bounded, never throws.
 * @module
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
/** Largest code point; anything above is invalid. */
const MAX_CODE_POINT = 0x10ffff;
/** Labels are at most 63 octets (RFC 1035 §2.3.4), so nothing longer needs converting. */
const MAX_INPUT = 256;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitToChar(d: number): string {
  // 0..25 -> a..z, 26..35 -> 0..9
  return String.fromCharCode(d < 26 ? d + 97 : d + 22);
}

function charToDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 22; // 0-9 -> 26..35
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 97; // a-z
  return BASE;
}

/**
 * Encodes one Unicode label to Punycode (RFC 3492 §6.3), without the `xn--` prefix.
 * Returns `null` for labels longer than any DNS label could be or with lone surrogates.
 * @example punycodeEncode('食狮') // '85x722f'
 */
export function punycodeEncode(label: string): string | null {
  if (label.length > MAX_INPUT) return null;
  const codePoints: number[] = [];
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = label.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return null;
      codePoints.push(((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return null;
    } else {
      codePoints.push(c);
    }
  }
  let output = '';
  for (const cp of codePoints) if (cp < 0x80) output += String.fromCharCode(cp);
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    let m = MAX_CODE_POINT + 1;
    for (const cp of codePoints) if (cp >= n && cp < m) m = cp;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of codePoints) {
      if (cp < n) delta++;
      if (cp === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          output += digitToChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digitToChar(q);
        bias = adapt(delta, handled + 1, handled === basicLength);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/**
 * Decodes one Punycode label (without the `xn--` prefix) to Unicode (RFC 3492 §6.2).
 * Returns `null` when the input is not valid Punycode.
 * @example punycodeDecode('85x722f') // '食狮'
 */
export function punycodeDecode(input: string): string | null {
  if (input.length > MAX_INPUT) return null;
  const output: number[] = [];
  let basic = input.lastIndexOf('-');
  if (basic < 0) basic = 0;
  for (let j = 0; j < basic; j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    output.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length; ) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) return null;
      const digit = charToDigit(input.charCodeAt(index++));
      if (digit >= BASE) return null;
      i += digit * w;
      if (i > MAX_CODE_POINT * (output.length + 1)) return null;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldi, length, oldi === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff)) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}
