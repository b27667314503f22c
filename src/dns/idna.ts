/**
 * Unicode domain names to their ASCII form before they go on the wire, as Node's resolver
 * does: `_dmarc.bücher.example` is looked up as `_dmarc.xn--bcher-kva.example` (RFC 5891
 * §4.2, with the UTS #46 mapping the WHATWG URL parser applies). ASCII names pass through
 * untouched, so the common path costs one scan.
 * @module
 */

/** The ASCII form of `name`, or `null` when a non-ASCII name cannot be converted. */
export function toAsciiName(name: string): string | null {
  let ascii = true;
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return name;
  // Characters the URL host parser treats as delimiters cannot be in a host name.
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if ('/?#@:[]\\%'.includes(c) || name.charCodeAt(i) <= 0x20) return null;
  }
  try {
    const host = new URL(`http://${name}/`).hostname;
    return host === '' ? null : host;
  } catch {
    return null;
  }
}
