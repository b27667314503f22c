/**
 * A minimal zip reader (PKWARE APPNOTE 6.3.x): the end-of-central-directory record, the
 * central directory and each entry's local header; stored and deflate entries only. Sizes
 * are taken from what inflating actually produces, never trusted from the headers.
 * @module
 */

import { crc32 } from './crc32.js';
import { inflateRaw } from './decompress.js';
import { ReportParseError } from './errors.js';

/** One file in a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is unsupported. */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  localOffset: number;
  isDirectory: boolean;
}

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

const corrupt = (what: string): ReportParseError =>
  new ReportParseError('corrupt-archive', `The zip archive is damaged: ${what}.`);

/** Reads the central directory; rejects on damage and on zip64 archives. */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  let eocd = -1;
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= lowest; p--) {
    if (u32(bytes, p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end-of-central-directory record (truncated?)');
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    throw new ReportParseError('unsupported-archive', 'Zip64 archives are not supported.');
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) {
      throw corrupt('a central directory entry is missing');
    }
    const flags = u16(bytes, p + 8);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    if (p + 46 + nameLength > bytes.length) throw corrupt('an entry name runs past the end');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.push({
      name,
      method: u16(bytes, p + 10),
      flags,
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      localOffset: u32(bytes, p + 42),
      isDirectory: name.endsWith('/'),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Extracts one entry to at most `cap` bytes, checking its CRC-32. */
export async function extractZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  cap: number,
): Promise<Uint8Array> {
  if (entry.flags & 1) {
    throw new ReportParseError('unsupported-archive', `Zip entry "${entry.name}" is encrypted.`);
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ReportParseError(
      'unsupported-archive',
      `Zip entry "${entry.name}" uses compression method ${entry.method}; only stored and deflate are supported.`,
    );
  }
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) {
    throw corrupt(`the local header of "${entry.name}" is missing`);
  }
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt(`the data of "${entry.name}" runs past the end`);
  const data = bytes.subarray(start, end);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (data.length > cap) {
      throw new ReportParseError(
        'too-large',
        `Zip entry "${entry.name}" exceeds the limit of ${cap} bytes (maxBytes).`,
      );
    }
    out = data;
  } else {
    out = await inflateRaw(data, cap);
  }
  if (crc32([out]) !== entry.crc) throw corrupt(`the checksum of "${entry.name}" does not match`);
  return out;
}
