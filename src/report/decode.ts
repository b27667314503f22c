/**
 * Bytes to text: a byte order mark wins, then the XML declaration's `encoding`, then UTF-8
 * (XML 1.0 §4.3.3, Appendix F). Invalid UTF-8 is replaced and reported, not fatal.
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import { makeDiagnostic } from '../diagnostics.js';
import { REPORT_DIAGNOSTICS } from './catalogue.js';

/** Reads the `encoding` pseudo-attribute of an XML declaration in the first bytes. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 256)));
  const decl = head.indexOf('<?xml');
  if (decl < 0) return undefined;
  const close = head.indexOf('?>', decl);
  const text = head.slice(decl, close < 0 ? head.length : close);
  const at = text.indexOf('encoding');
  if (at < 0) return undefined;
  let p = at + 8;
  while (p < text.length && (text[p] === ' ' || text[p] === '=' || text[p] === '\t')) p++;
  const quote = text[p];
  if (quote !== '"' && quote !== "'") return undefined;
  const end = text.indexOf(quote, p + 1);
  return end < 0 ? undefined : text.slice(p + 1, end).trim();
}

/** Code points of windows-1252 bytes 0x80–0x9F (WHATWG Encoding); the rest are Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * windows-1252 by the WHATWG table. Some runtimes (Node 20) decode the label as ISO-8859-1,
 * which turns 0x80 into U+0080 instead of the euro sign.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    chunk.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

/** Decodes report bytes to a string, pushing diagnostics about the encoding. */
export function decodeText(bytes: Uint8Array, diagnostics: Diagnostic[]): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const declared = hasBom ? undefined : declaredEncoding(bytes);
  if (declared !== undefined) {
    const lower = declared.toLowerCase();
    if (lower !== 'utf-8' && lower !== 'utf8' && lower !== 'us-ascii' && lower !== 'ascii') {
      let decoder: TextDecoder | undefined;
      try {
        decoder = new TextDecoder(lower);
      } catch {
        diagnostics.push(
          makeDiagnostic(
            'unsupported-encoding',
            REPORT_DIAGNOSTICS['unsupported-encoding'],
            `The declared encoding "${declared}" is not supported here; the text was read as UTF-8.`,
          ),
        );
      }
      if (decoder !== undefined && decoder.encoding !== 'utf-8') {
        const text =
          decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
        diagnostics.push(
          makeDiagnostic(
            'legacy-encoding',
            REPORT_DIAGNOSTICS['legacy-encoding'],
            `The report declares the encoding "${declared}", which was used to read it.`,
          ),
        );
        return text;
      }
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    diagnostics.push(
      makeDiagnostic(
        'invalid-utf8',
        REPORT_DIAGNOSTICS['invalid-utf8'],
        'The report is not valid UTF-8; the invalid bytes were replaced with U+FFFD.',
      ),
    );
    return new TextDecoder('utf-8').decode(bytes);
  }
}
