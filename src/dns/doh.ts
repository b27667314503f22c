/**
 * A DNS-over-HTTPS resolver (RFC 8484) on the platform's `fetch`: it encodes wire-format
 * queries and decodes the answers itself, so it runs in browsers, workers, Deno, Bun and Node
 * with no Node built-ins.
 * @module
 */
import { asciiLower } from '../internal/ascii.js';
import { toAsciiName } from './idna.js';
import { checkTimeout, startDeadline } from './signal.js';
import {
  DnsError,
  type DnsErrorCode,
  type DnsQueryOptions,
  type DnsResolver,
  type MxRecord,
} from './types.js';
import {
  decodeMessage,
  encodeQuery,
  MAX_MESSAGE_BYTES,
  RCODE,
  RR_TYPE,
  sameName,
  type WireRecord,
} from './wire.js';

/** Options of {@link createDohResolver}. */
export interface DohResolverOptions {
  /** The DoH URI template without variables, e.g. `https://cloudflare-dns.com/dns-query`. */
  endpoint: string;
  /** The `fetch` to use; the global one by default. Tests inject a stub or a loopback server. */
  fetch?: typeof fetch;
  /** Time limit per lookup, including reading the body; default 5000 ms. 0 disables it. */
  timeoutMs?: number;
  /** `GET` (default, cache friendly, RFC 8484 §4.1) or `POST`. */
  method?: 'GET' | 'POST';
  /** Aborts every lookup of this resolver, e.g. on shutdown. */
  signal?: AbortSignal;
  /** Largest response body accepted; default and maximum 65,535 bytes (RFC 8484 §6). */
  maxResponseBytes?: number;
}

const MEDIA_TYPE = 'application/dns-message';

/** Node's code for each RCODE (RFC 1035 §4.1.1); NOERROR is handled separately. */
const RCODE_ERRORS: Readonly<Record<number, DnsErrorCode>> = Object.freeze({
  [RCODE.FORMERR]: 'EFORMERR',
  [RCODE.SERVFAIL]: 'ESERVFAIL',
  [RCODE.NXDOMAIN]: 'ENOTFOUND',
  [RCODE.NOTIMP]: 'ENOTIMP',
  [RCODE.REFUSED]: 'EREFUSED',
});

/**
 * Creates a resolver that sends RFC 8484 wire-format queries to a DoH endpoint.
 *
 * It checks that each answer matches its question (ID, QR, opcode, name, type and class),
 * follows CNAME chains inside the answer section, maps RCODEs to Node's codes (NXDOMAIN is
 * `ENOTFOUND`, NOERROR without records is `ENODATA`, SERVFAIL `ESERVFAIL`, REFUSED `EREFUSED`),
 * and rejects with a {@link DnsError} on HTTP errors (4xx `EREFUSED`, others `ESERVFAIL`),
 * network errors (`ECONNREFUSED`), timeouts (`ETIMEOUT`), aborts (`ECANCELLED`) and malformed
 * or oversized bodies (`EBADRESP`). Names must be ASCII (IDNs as punycode A-labels).
 *
 * @example
 * ```ts
 * import { createDohResolver } from 'dmarc-kit/dns';
 * const resolver = createDohResolver({ endpoint: 'https://cloudflare-dns.com/dns-query' });
 * const txt = await resolver.resolveTxt('_dmarc.example.com'); // [['v=DMARC1; p=reject']]
 * ```
 */
export function createDohResolver(options: DohResolverOptions): Required<DnsResolver> {
  if (typeof options !== 'object' || options === null || typeof options.endpoint !== 'string') {
    throw new TypeError('createDohResolver needs an options object with an endpoint URL');
  }
  const endpoint = new URL(options.endpoint);
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
    throw new TypeError('the DoH endpoint must be an https: (or http:) URL');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('no fetch available: pass options.fetch');
  }
  const timeoutMs = checkTimeout('timeoutMs', options.timeoutMs ?? 5000);
  const method = options.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') throw new RangeError('method must be GET or POST');
  const maxBytes = options.maxResponseBytes ?? MAX_MESSAGE_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 12 || maxBytes > MAX_MESSAGE_BYTES) {
    throw new RangeError(`maxResponseBytes must be an integer from 12 to ${MAX_MESSAGE_BYTES}`);
  }

  async function exchange(
    name: string,
    query: Uint8Array,
    signal: AbortSignal,
  ): Promise<Uint8Array> {
    const url = new URL(endpoint);
    const headers = { accept: MEDIA_TYPE };
    let init: RequestInit;
    if (method === 'GET') {
      url.searchParams.set('dns', base64url(query));
      init = { method, headers, signal };
    } else {
      init = {
        method,
        headers: { ...headers, 'content-type': MEDIA_TYPE },
        body: query as Uint8Array<ArrayBuffer>,
        signal,
      };
    }
    let response: Response;
    try {
      response = await fetchImpl(url, init);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new DnsError('ECONNREFUSED', name, `DoH request for ${name} failed`, { cause: error });
    }
    if (!response.ok) {
      cancelBody(response);
      const code: DnsErrorCode =
        response.status >= 400 && response.status < 500 ? 'EREFUSED' : 'ESERVFAIL';
      throw new DnsError(code, name, `DoH endpoint answered HTTP ${response.status} for ${name}`);
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== MEDIA_TYPE) {
      cancelBody(response);
      throw new DnsError(
        'EBADRESP',
        name,
        `DoH endpoint answered ${type || 'no content type'}, not ${MEDIA_TYPE}`,
      );
    }
    return readBody(response, name, maxBytes, signal);
  }

  async function query(
    name: string,
    type: typeof RR_TYPE.TXT | typeof RR_TYPE.MX,
    callOptions: DnsQueryOptions | undefined,
  ): Promise<WireRecord[]> {
    if (typeof name !== 'string') throw new TypeError('the name to resolve must be a string');
    const ascii = toAsciiName(name);
    const wire = ascii === null ? 'bad-character' : encodeQuery(ascii, type);
    if (typeof wire === 'string') {
      throw new DnsError('EBADNAME', name, `${name} is not a valid DNS name (${wire})`);
    }
    const deadline = startDeadline(name, timeoutMs, [options.signal, callOptions?.signal]);
    try {
      const bytes = await Promise.race([exchange(name, wire, deadline.signal), deadline.aborted]);
      return answerRecords(bytes, name, type, ascii ?? name);
    } finally {
      deadline.done();
    }
  }

  return {
    async resolveTxt(name: string, callOptions?: DnsQueryOptions): Promise<string[][]> {
      const records = await query(name, RR_TYPE.TXT, callOptions);
      return records.map((r) => r.data as string[]);
    },
    async resolveMx(name: string, callOptions?: DnsQueryOptions): Promise<MxRecord[]> {
      const records = await query(name, RR_TYPE.MX, callOptions);
      return records.map((r) => {
        const mx = r.data as { priority: number; exchange: string };
        return { exchange: mx.exchange, priority: mx.priority };
      });
    },
  };
}

/**
 * Checks a wire-format response against the question and returns the records of `type` at
 * `name` or at the end of its CNAME chain (RFC 1034 §3.6.2), in answer order. Linear in the
 * number of answers: the chain is followed through a map and each name is visited once.
 */
export function answerRecords(
  bytes: Uint8Array,
  name: string,
  type: number,
  asciiName: string = name,
): WireRecord[] {
  const decoded = decodeMessage(bytes);
  if (!decoded.ok)
    throw new DnsError('EBADRESP', name, `malformed DNS response for ${name}: ${decoded.reason}`);
  const message = decoded.message;
  const question = message.questions[0];
  const asked = asciiName.endsWith('.') ? asciiName.slice(0, -1) : asciiName;
  if (
    !message.qr ||
    message.opcode !== 0 ||
    message.id !== 0 ||
    message.questions.length !== 1 ||
    question === undefined ||
    question.type !== type ||
    question.class !== 1 ||
    !sameName(question.name, asked.replaceAll('\\', '\\\\'))
  ) {
    throw new DnsError('EBADRESP', name, `DNS response does not match the question for ${name}`);
  }
  if (message.tc) throw new DnsError('EBADRESP', name, `DNS response for ${name} is truncated`);
  if (message.rcode !== RCODE.NOERROR) {
    const code = RCODE_ERRORS[message.rcode] ?? 'EBADRESP';
    throw new DnsError(code, name, `${code}: ${name} (RCODE ${message.rcode})`);
  }
  const byOwner = new Map<string, { records: WireRecord[]; cname?: string }>();
  for (const record of message.answers) {
    if (record.class !== 1) continue;
    if (record.type !== type && record.type !== RR_TYPE.CNAME) continue;
    const key = lowerName(record.name);
    let slot = byOwner.get(key);
    if (slot === undefined) {
      slot = { records: [] };
      byOwner.set(key, slot);
    }
    if (record.type === type) slot.records.push(record);
    else if (slot.cname === undefined) slot.cname = record.data as string;
  }
  let current = lowerName(question.name);
  const visited = new Set<string>();
  for (;;) {
    const slot = byOwner.get(current);
    if (slot === undefined) break;
    if (slot.records.length > 0) return slot.records;
    if (slot.cname === undefined || visited.has(current)) break;
    visited.add(current);
    current = lowerName(slot.cname);
  }
  throw new DnsError('ENODATA', name, `ENODATA: ${name}`);
}

function lowerName(name: string): string {
  const lower = asciiLower(name);
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function cancelBody(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/** Reads at most `maxBytes` of the body, failing as soon as more arrive (RFC 8484 §6). */
async function readBody(
  response: Response,
  name: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const tooLarge = (): DnsError =>
    new DnsError('EBADRESP', name, `DoH response for ${name} is larger than ${maxBytes} bytes`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    cancelBody(response);
    throw tooLarge();
  }
  try {
    if (response.body === null) {
      const whole = new Uint8Array(await response.arrayBuffer());
      if (whole.length > maxBytes) throw tooLarge();
      return whole;
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (error instanceof DnsError) throw error;
    throw new DnsError('ECONNECTION', name, `reading the DoH response for ${name} failed`, {
      cause: error,
    });
  }
}

/** Base64url without padding (RFC 4648 §5), as RFC 8484 §4.1 requires for GET. */
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  let text = btoa(binary).replaceAll('+', '-').replaceAll('/', '_');
  while (text.endsWith('=')) text = text.slice(0, -1);
  return text;
}
