/**
 * ASCII-only text helpers. DMARC literals are case-insensitive in ASCII only: Unicode case
 * mapping would turn the dotless i (U+0131), the long s (U+017F) or the Kelvin sign (U+212A)
 * into ASCII letters and accept text a receiver must reject.
 * @module
 */

/** Lower-cases A-Z only; every other code unit is kept as it is. */
export function asciiLower(text: string): string {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) break;
    i++;
  }
  if (i === n) return text;
  let out = text.slice(0, i);
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
  }
  return out;
}

/** True for the whitespace that DMARC's ABNF allows (WSP: space and tab, plus CR and LF). */
export function isWsp(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}
