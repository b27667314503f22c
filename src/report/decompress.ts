/**
 * Bounded decompression on the platform's `DecompressionStream` (gzip, deflate-raw): bytes
 * are counted as they are produced and the stream is cancelled as soon as the cap is
 * passed, so a small bomb stops early whatever its header claims (RFC 9990 §8.1).
 * @module
 */
import type { Diagnostic } from '../diagnostics.js';
import { makeDiagnostic } from '../diagnostics.js';
import { REPORT_DIAGNOSTICS } from './catalogue.js';
import { crc32 } from './crc32.js';
import { ReportParseError } from './errors.js';

/** Concatenates chunks into one array (returns the only chunk as is). */
export function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

interface Inflated {
  chunks: Uint8Array[];
  total: number;
}

/**
 * Runs `bytes` through a `DecompressionStream`, collecting output up to `cap` bytes.
 * Rejects with `too-large` past the cap and `corrupt-archive` on a data error.
 */
async function inflateChunks(
  bytes: Uint8Array,
  format: 'gzip' | 'deflate-raw',
  cap: number,
): Promise<Inflated> {
  const ds = new DecompressionStream(format);
  const writer = ds.writable.getWriter();
  // Errors surface on the readable side; these promises only need a handler.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (cause) {
      throw new ReportParseError(
        'corrupt-archive',
        `The ${format === 'gzip' ? 'gzip' : 'deflate'} data is corrupt or truncated.`,
        { cause },
      );
    }
    if (step.done) break;
    total += step.value.length;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new ReportParseError(
        'too-large',
        `Decompressing stopped at the limit of ${cap} bytes (maxBytes).`,
      );
    }
    chunks.push(step.value);
  }
  return { chunks, total };
}

/** Inflates a raw deflate stream (a zip entry) to at most `cap` bytes. */
export async function inflateRaw(bytes: Uint8Array, cap: number): Promise<Uint8Array> {
  const { chunks, total } = await inflateChunks(bytes, 'deflate-raw', cap);
  return concatBytes(chunks, total);
}

/** Length of the gzip member header at `at` (RFC 1952 §2.3), or -1 when it is not one. */
function gzipHeaderLength(bytes: Uint8Array, at: number): number {
  if (bytes.length - at < 10 || bytes[at] !== 0x1f || bytes[at + 1] !== 0x8b || bytes[at + 2] !== 8)
    return -1;
  const flags = bytes[at + 3]!;
  let p = at + 10;
  if (flags & 4) {
    if (p + 2 > bytes.length) return -1;
    p += 2 + (bytes[p]! | (bytes[p + 1]! << 8));
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      while (p < bytes.length && bytes[p] !== 0) p++;
      p++;
    }
  }
  if (flags & 2) p += 2;
  return p <= bytes.length ? p - at : -1;
}

function readU32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

/**
 * Decompresses gzip data (RFC 1952), concatenated members included, to at most `cap`
 * bytes. When strict decoding fails (data after the last member, as some reporters send),
 * each member is inflated on its own and located by its CRC-32 and size trailer, so the
 * trailing bytes can be reported and ignored.
 */
export async function gunzip(
  bytes: Uint8Array,
  cap: number,
  diagnostics: Diagnostic[],
): Promise<Uint8Array> {
  try {
    const { chunks, total } = await inflateChunks(bytes, 'gzip', cap);
    return concatBytes(chunks, total);
  } catch (error) {
    if (error instanceof ReportParseError && error.code === 'too-large') throw error;
    const out = await gunzipMembers(bytes, cap, diagnostics);
    if (out === undefined) throw error;
    return out;
  }
}

/** Most gzip members the member-by-member fallback inflates (each needs its own stream). */
const MAX_MEMBERS = 256;

async function gunzipMembers(
  bytes: Uint8Array,
  cap: number,
  diagnostics: Diagnostic[],
): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let total = 0;
  let at = 0;
  let members = 0;
  while (at < bytes.length) {
    if (members++ >= MAX_MEMBERS) return undefined;
    const header = gzipHeaderLength(bytes, at);
    if (header < 0) {
      if (parts.length === 0) return undefined;
      diagnostics.push(
        makeDiagnostic(
          'archive-trailing-data',
          REPORT_DIAGNOSTICS['archive-trailing-data'],
          `${bytes.length - at} bytes after the end of the gzip data were ignored.`,
        ),
      );
      break;
    }
    let inflated: Inflated;
    try {
      inflated = await inflateChunks(bytes.subarray(at + header), 'deflate-raw', cap - total);
    } catch (error) {
      if (error instanceof ReportParseError && error.code === 'too-large') throw error;
      return undefined;
    }
    // Find this member's trailer: CRC-32 then size mod 2^32 (RFC 1952 §2.3.1).
    const crc = crc32(inflated.chunks);
    const size = inflated.total >>> 0;
    let end = -1;
    for (let p = at + header; p + 8 <= bytes.length; p++) {
      if (readU32(bytes, p) === crc && readU32(bytes, p + 4) === size) {
        end = p + 8;
        break;
      }
    }
    if (end < 0) return undefined;
    parts.push(...inflated.chunks);
    total += inflated.total;
    at = end;
  }
  return concatBytes(parts, total);
}
