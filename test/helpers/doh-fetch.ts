/**
 * An in-process DoH endpoint: a `fetch` that reads RFC 8484 requests (GET `?dns=` or POST),
 * answers them from any DnsResolver (usually a static one) and encodes the answer in wire
 * format. Unit tests pass it to `createDohResolver({ fetch })`, so the DoH code path runs
 * without a network. A lookup failing with ETIMEOUT never answers (the request hangs until
 * its signal aborts), so the DoH timeout is exercised for real.
 */
import { classifyDnsFailure, errorCode } from '../../src/dns/outcome.js';
import type { DnsResolver } from '../../src/dns/types.js';
import { decodeMessage } from '../../src/dns/wire.js';
import { buildMessage, mxRdata, TYPE, txtRdata } from './dns-message.js';

export interface ResolverFetchOptions {
  /** Called with every request, for assertions on method, URL and headers. */
  onRequest?: (request: Request) => void;
}

const RCODE_OF: Record<string, number> = {
  EFORMERR: 1,
  ESERVFAIL: 2,
  ENOTFOUND: 3,
  ENOTIMP: 4,
  EREFUSED: 5,
};

function base64urlDecode(text: string): Uint8Array {
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

export function createResolverFetch(
  resolver: DnsResolver,
  options: ResolverFetchOptions = {},
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    options.onRequest?.(request);
    let query: Uint8Array;
    if (request.method === 'GET') {
      const dns = new URL(request.url).searchParams.get('dns');
      if (dns === null) return new Response('missing dns parameter', { status: 400 });
      query = base64urlDecode(dns);
    } else if (request.method === 'POST') {
      if (request.headers.get('content-type') !== 'application/dns-message') {
        return new Response('unsupported media type', { status: 415 });
      }
      query = new Uint8Array(await request.arrayBuffer());
    } else {
      return new Response('method not allowed', { status: 405 });
    }
    const decoded = decodeMessage(query);
    const question = decoded.ok ? decoded.message.questions[0] : undefined;
    if (!decoded.ok || question === undefined) return new Response('bad query', { status: 400 });
    const reply = (rcode: number, answers: { type: number; rdata: number[] }[]): Response =>
      new Response(
        buildMessage({
          id: decoded.message.id,
          rcode,
          questions: [question],
          answers: answers.map((a) => ({ name: question.name, ...a })),
        }),
        { status: 200, headers: { 'content-type': 'application/dns-message' } },
      );
    try {
      if (question.type === TYPE.TXT) {
        const txt = await resolver.resolveTxt(question.name);
        return reply(
          0,
          txt.map((chunks) => ({ type: TYPE.TXT, rdata: txtRdata(chunks) })),
        );
      }
      if (question.type === TYPE.MX && resolver.resolveMx !== undefined) {
        const mx = await resolver.resolveMx(question.name);
        return reply(
          0,
          mx.map((m) => ({ type: TYPE.MX, rdata: mxRdata(m.priority, m.exchange) })),
        );
      }
      return reply(4, []);
    } catch (error) {
      const kind = classifyDnsFailure(error);
      if (kind === 'nodata') return reply(0, []);
      const code = errorCode(error);
      if (code === 'ETIMEOUT') {
        return new Promise<Response>((_, reject) => {
          const signal = request.signal;
          if (signal.aborted) reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      }
      return reply(RCODE_OF[code] ?? 2, []);
    }
  };
}
