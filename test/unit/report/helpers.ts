/** Test helpers: build gzip, zip and email wrappers around report XML (node:zlib is fine in tests). */
import { readFileSync } from 'node:fs';
import { deflateRawSync, gzipSync, crc32 as zcrc32 } from 'node:zlib';

export const FIXTURES = new URL('../../../fixtures/reports/', import.meta.url);

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, FIXTURES)));
}

export function fixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

export function gzip(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(gzipSync(data));
}

export interface ZipInput {
  name: string;
  data: Uint8Array | string;
  method?: 0 | 8 | 12;
  flags?: number;
  /** Override the CRC written in the central directory. */
  crc?: number;
  /** An already deflated body (method 8), written as is. */
  deflated?: Uint8Array;
}

/** A minimal zip writer (local headers, central directory, end record). */
export function zip(entries: ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data);
    const method = e.method ?? 8;
    const body =
      e.deflated !== undefined ? Buffer.from(e.deflated) : method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name);
    const crc = e.crc ?? zcrc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/**
 * A raw deflate stream that inflates to `mebibytes` MiB of zeros from about 1 KiB per MiB:
 * one sync-flushed block of 1 MiB of zeros, repeated, then an empty final block.
 */
export function deflateBomb(mebibytes: number): Buffer {
  const chunk = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: 2 /* Z_SYNC_FLUSH */ });
  return Buffer.concat([...Array<Buffer>(mebibytes).fill(chunk), Buffer.from([3, 0])]);
}

/** Wraps a raw deflate stream in a gzip header and a (wrong, never reached) trailer. */
export function gzipOfRaw(raw: Buffer): Uint8Array {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  return new Uint8Array(Buffer.concat([header, raw, Buffer.alloc(8)]));
}

/** An email with one base64 attachment, lines folded at 76 characters. */
export function email(attachment: Uint8Array, contentType: string, fileName: string): string {
  const b64 = Buffer.from(attachment).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'Return-Path: <dmarc@receiver.example>',
    'From: dmarc@receiver.example',
    'To: rua@example.com',
    'Subject: Report Domain: example.com Submitter: receiver.example Report-ID: <1>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is an aggregate report from receiver.example.',
    '--b1',
    `Content-Type: ${contentType}; name="${fileName}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${fileName}"`,
    '',
    b64,
    '--b1--',
    '',
  ].join('\r\n');
}
