import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDohResolver } from '../../../src/dns/doh.js';
import { classifyDnsFailure } from '../../../src/dns/outcome.js';
import { isDnsError } from '../../../src/dns/types.js';
import { decodeMessage } from '../../../src/dns/wire.js';
import {
  answerTo,
  type BuildMessage,
  type BuildRecord,
  buildMessage,
  cnameRdata,
  encodeName,
  mxRdata,
  pointer,
  TYPE,
  txtRdata,
} from '../../helpers/dns-message.js';

const ENDPOINT = 'https://doh.test/dns-query';
const NAME = '_dmarc.example.test';
const Q = { name: NAME, type: TYPE.TXT };

type Handler = (request: Request) => Response | Promise<Response>;

function stubFetch(handler: Handler): { fetch: typeof fetch; requests: Request[] } {
  const requests: Request[] = [];
  const stub: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    requests.push(request);
    return handler(request);
  };
  return { fetch: stub, requests };
}

function dnsResponse(
  body: Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/dns-message', ...headers },
  });
}

function resolverAnswering(body: Uint8Array<ArrayBuffer> | (() => Response), options = {}) {
  const { fetch } = stubFetch(() => (typeof body === 'function' ? body() : dnsResponse(body)));
  return createDohResolver({ endpoint: ENDPOINT, fetch, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(isDnsError(error)).toBe(true);
    return error as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}

const txt = (chunks: string[], name = NAME): BuildRecord => ({
  name,
  type: TYPE.TXT,
  rdata: txtRdata(chunks),
});

describe('createDohResolver: requests (RFC 8484 §4.1)', () => {
  it('sends GET with base64url dns= (no padding), ID 0 and Accept', async () => {
    const { fetch, requests } = stubFetch(() => dnsResponse(answerTo(Q, [txt(['v=DMARC1'])])));
    const resolver = createDohResolver({ endpoint: `${ENDPOINT}?ct=x`, fetch });
    expect(await resolver.resolveTxt(NAME)).toEqual([['v=DMARC1']]);
    const [request] = requests;
    expect(request?.method).toBe('GET');
    expect(request?.headers.get('accept')).toBe('application/dns-message');
    const url = new URL(request!.url);
    expect(url.searchParams.get('ct')).toBe('x');
    const dns = url.searchParams.get('dns')!;
    expect(dns).toMatch(/^[A-Za-z0-9_-]+$/);
    const bytes = Uint8Array.from(
      atob(dns.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (dns.length % 4)) % 4)),
      (c) => c.charCodeAt(0),
    );
    const decoded = decodeMessage(bytes);
    expect(decoded.ok && decoded.message.id).toBe(0);
    expect(decoded.ok && decoded.message.questions).toEqual([{ name: NAME, type: 16, class: 1 }]);
  });

  it('sends POST with the query as body and the media type', async () => {
    let body: Uint8Array | undefined;
    const { fetch, requests } = stubFetch(async (request) => {
      body = new Uint8Array(await request.arrayBuffer());
      return dnsResponse(
        answerTo({ name: NAME, type: TYPE.MX }, [
          { name: NAME, type: TYPE.MX, rdata: mxRdata(10, 'mx.example.test') },
        ]),
      );
    });
    const resolver = createDohResolver({ endpoint: ENDPOINT, fetch, method: 'POST' });
    expect(await resolver.resolveMx(NAME)).toEqual([{ exchange: 'mx.example.test', priority: 10 }]);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers.get('content-type')).toBe('application/dns-message');
    const decoded = decodeMessage(body!);
    expect(decoded.ok && decoded.message.questions[0]?.type).toBe(TYPE.MX);
  });

  it('sends Unicode names as punycode', async () => {
    let asked = '';
    const { fetch } = stubFetch((request) => {
      const dns = new URL(request.url).searchParams.get('dns')!;
      const bytes = Uint8Array.from(
        atob(
          dns.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (dns.length % 4)) % 4),
        ),
        (c) => c.charCodeAt(0),
      );
      const decoded = decodeMessage(bytes);
      asked = decoded.ok ? decoded.message.questions[0]!.name : '';
      return dnsResponse(answerTo({ name: asked, type: TYPE.TXT }, [txt(['ok'], asked)]));
    });
    const resolver = createDohResolver({ endpoint: ENDPOINT, fetch });
    expect(await resolver.resolveTxt('_dmarc.bücher.test')).toEqual([['ok']]);
    expect(asked).toBe('_dmarc.xn--bcher-kva.test');
  });

  it('rejects EBADNAME without sending anything for names it cannot encode', async () => {
    const { fetch, requests } = stubFetch(() => new Response(null, { status: 500 }));
    const resolver = createDohResolver({ endpoint: ENDPOINT, fetch });
    expect((await rejection(resolver.resolveTxt('a..test'))).code).toBe('EBADNAME');
    expect((await rejection(resolver.resolveTxt('a b.test'))).code).toBe('EBADNAME');
    expect((await rejection(resolver.resolveTxt('a/b\u00e9.test'))).code).toBe('EBADNAME');
    expect(requests).toHaveLength(0);
  });

  it('checks its options', () => {
    const fetch = stubFetch(() => new Response()).fetch;
    expect(() => createDohResolver({ endpoint: 'ftp://x/', fetch })).toThrow(TypeError);
    expect(() => createDohResolver({ endpoint: 'not a url', fetch })).toThrow(TypeError);
    expect(() => createDohResolver({ endpoint: ENDPOINT, fetch, timeoutMs: -1 })).toThrow(
      RangeError,
    );
    expect(() =>
      createDohResolver({ endpoint: ENDPOINT, fetch, maxResponseBytes: 70_000 }),
    ).toThrow(RangeError);
    expect(() => createDohResolver({ endpoint: ENDPOINT, fetch, method: 'PUT' as 'GET' })).toThrow(
      RangeError,
    );
  });
});

describe('createDohResolver: answers', () => {
  it('follows a CNAME chain in the answer section, in any order and any case', async () => {
    const resolver = resolverAnswering(
      answerTo(Q, [
        { name: 'B.example.test', type: TYPE.TXT, rdata: txtRdata(['v=DMARC1; ', 'p=none']) },
        { name: NAME.toUpperCase(), type: TYPE.CNAME, rdata: cnameRdata('a.example.test') },
        { name: 'a.example.test', type: TYPE.CNAME, rdata: cnameRdata('b.example.test') },
        { name: 'other.test', type: TYPE.TXT, rdata: txtRdata(['unrelated']) },
      ]),
    );
    expect(await resolver.resolveTxt(NAME)).toEqual([['v=DMARC1; ', 'p=none']]);
  });

  it('treats a CNAME loop in the answer as no data', async () => {
    const resolver = resolverAnswering(
      answerTo(Q, [
        { name: NAME, type: TYPE.CNAME, rdata: cnameRdata('a.example.test') },
        { name: 'a.example.test', type: TYPE.CNAME, rdata: cnameRdata(NAME) },
      ]),
    );
    expect((await rejection(resolver.resolveTxt(NAME))).code).toBe('ENODATA');
  });

  it('ignores records for other names, other types and other classes', async () => {
    const resolver = resolverAnswering(
      answerTo(Q, [
        txt(['elsewhere'], 'x.test'),
        { name: NAME, type: TYPE.A, rdata: [192, 0, 2, 1] },
        { name: NAME, type: TYPE.TXT, class: 3, rdata: txtRdata(['chaos']) },
      ]),
    );
    expect((await rejection(resolver.resolveTxt(NAME))).code).toBe('ENODATA');
  });

  it('reads compressed owner names', async () => {
    const question = [...encodeName(NAME), 0, 16, 0, 1];
    const record = [...pointer(12), 0, 16, 0, 1, 0, 0, 1, 0, 0, 4, 3, 97, 98, 99];
    const bytes = Uint8Array.from([
      0,
      0,
      0x81,
      0x80,
      0,
      1,
      0,
      1,
      0,
      0,
      0,
      0,
      ...question,
      ...record,
    ]);
    expect(await resolverAnswering(bytes).resolveTxt(NAME)).toEqual([['abc']]);
  });

  it.each([
    [3, 'ENOTFOUND', 'nxdomain'],
    [2, 'ESERVFAIL', 'temperror'],
    [5, 'EREFUSED', 'temperror'],
    [1, 'EFORMERR', 'temperror'],
    [4, 'ENOTIMP', 'temperror'],
    [9, 'EBADRESP', 'temperror'],
  ] as const)('maps RCODE %i to %s (%s)', async (rcode, code, kind) => {
    const error = await rejection(resolverAnswering(answerTo(Q, [], { rcode })).resolveTxt(NAME));
    expect(error.code).toBe(code);
    expect(classifyDnsFailure(error)).toBe(kind);
  });

  it('maps NOERROR without answers to ENODATA', async () => {
    const error = await rejection(resolverAnswering(answerTo(Q, [])).resolveTxt(NAME));
    expect(error).toMatchObject({ code: 'ENODATA', hostname: NAME });
    expect(classifyDnsFailure(error)).toBe('nodata');
  });
});

describe('createDohResolver: answers that do not match the question are EBADRESP', () => {
  const cases: [string, BuildMessage][] = [
    ['a wrong ID', { id: 7, questions: [Q], answers: [txt(['x'])] }],
    ['QR clear (a query, not a response)', { qr: false, questions: [Q], answers: [txt(['x'])] }],
    ['another opcode', { opcode: 2, questions: [Q], answers: [txt(['x'])] }],
    [
      'another name',
      { questions: [{ ...Q, name: 'evil.test' }], answers: [txt(['x'], 'evil.test')] },
    ],
    ['another type', { questions: [{ ...Q, type: TYPE.MX }], answers: [txt(['x'])] }],
    ['another class', { questions: [{ ...Q, class: 3 }], answers: [txt(['x'])] }],
    ['no question', { questions: [], answers: [txt(['x'])] }],
    ['two questions', { questions: [Q, Q], answers: [txt(['x'])] }],
    ['the TC bit (truncated)', { tc: true, questions: [Q], answers: [txt(['x'])] }],
  ];
  it.each(cases)('rejects %s', async (_, message) => {
    const error = await rejection(resolverAnswering(buildMessage(message)).resolveTxt(NAME));
    expect(error.code).toBe('EBADRESP');
  });
});

describe('createDohResolver: malformed and oversized responses are EBADRESP', () => {
  const header = [0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0];
  const question = [...encodeName(NAME), 0, 16, 0, 1];
  const cases: [string, number[]][] = [
    ['an empty body', []],
    ['a body shorter than the header', [0, 0, 0x81]],
    ['a compression-pointer loop', [...header, ...pointer(12), 0, 16, 0, 1]],
    ['a forward compression pointer', [...header, ...pointer(40), 0, 16, 0, 1]],
    ['an answer count past the end', [...header.slice(0, 6), 0, 9, 0, 0, 0, 0, ...question]],
    ['a label past the end', [...header, 40, 97, 98]],
    [
      'RDLENGTH past the end',
      [...header, ...question, ...pointer(12), 0, 16, 0, 1, 0, 0, 0, 1, 1, 0, 3, 97],
    ],
    [
      'a TXT string past its RDATA',
      [...header, ...question, ...pointer(12), 0, 16, 0, 1, 0, 0, 0, 1, 0, 2, 9, 97],
    ],
  ];
  it.each(cases)('rejects %s', async (_, bytes) => {
    const error = await rejection(resolverAnswering(Uint8Array.from(bytes)).resolveTxt(NAME));
    expect(error.code).toBe('EBADRESP');
    expect(classifyDnsFailure(error)).toBe('temperror');
  });

  it('rejects a body over 65,535 bytes while streaming it, without a Content-Length', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16_384));
        if (pulled > 1000) controller.close();
      },
    });
    const resolver = resolverAnswering(
      () => new Response(stream, { headers: { 'content-type': 'application/dns-message' } }),
    );
    const error = await rejection(resolver.resolveTxt(NAME));
    expect(error.code).toBe('EBADRESP');
    expect(error.message).toMatch(/larger than 65535/);
    expect(pulled).toBeLessThan(10);
  });

  it('rejects a declared Content-Length over the limit before reading', async () => {
    const big = answerTo(Q, [txt(['x'.repeat(200)])]);
    const resolver = resolverAnswering(() => dnsResponse(big, { 'content-length': '70000' }));
    expect((await rejection(resolver.resolveTxt(NAME))).code).toBe('EBADRESP');
  });

  it('honours a smaller maxResponseBytes', async () => {
    const body = answerTo(Q, [txt(['x'.repeat(200)])]);
    const resolver = resolverAnswering(body, { maxResponseBytes: 100 });
    expect((await rejection(resolver.resolveTxt(NAME))).code).toBe('EBADRESP');
    expect(await resolverAnswering(body, { maxResponseBytes: 1000 }).resolveTxt(NAME)).toEqual([
      ['x'.repeat(200)],
    ]);
  });

  it('rejects a response with another media type', async () => {
    const body = answerTo(Q, [txt(['x'])]);
    const resolver = resolverAnswering(
      () => new Response(body, { headers: { 'content-type': 'application/dns-json' } }),
    );
    expect((await rejection(resolver.resolveTxt(NAME))).code).toBe('EBADRESP');
  });

  it('accepts the media type with parameters and in any case', async () => {
    const body = answerTo(Q, [txt(['x'])]);
    const resolver = resolverAnswering(
      () => new Response(body, { headers: { 'content-type': 'Application/DNS-Message; q=1' } }),
    );
    expect(await resolver.resolveTxt(NAME)).toEqual([['x']]);
  });
});

describe('createDohResolver: HTTP and network failures', () => {
  it.each([
    [400, 'EREFUSED'],
    [403, 'EREFUSED'],
    [415, 'EREFUSED'],
    [500, 'ESERVFAIL'],
    [502, 'ESERVFAIL'],
    [503, 'ESERVFAIL'],
  ] as const)('maps HTTP %i to %s, a temporary failure', async (status, code) => {
    const resolver = resolverAnswering(() => new Response('no', { status }));
    const error = await rejection(resolver.resolveTxt(NAME));
    expect(error.code).toBe(code);
    expect(error.message).toContain(String(status));
    expect(classifyDnsFailure(error)).toBe('temperror');
  });

  it('maps a network error to ECONNREFUSED with the cause', async () => {
    const cause = new TypeError('fetch failed');
    const resolver = createDohResolver({
      endpoint: ENDPOINT,
      fetch: () => Promise.reject(cause),
    });
    const error = await rejection(resolver.resolveTxt(NAME));
    expect(error).toMatchObject({ code: 'ECONNREFUSED', cause });
  });

  it('maps a body that fails mid-read to ECONNECTION', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(5));
        controller.error(new Error('connection reset'));
      },
    });
    const resolver = resolverAnswering(
      () => new Response(stream, { headers: { 'content-type': 'application/dns-message' } }),
    );
    expect((await rejection(resolver.resolveTxt(NAME))).code).toBe('ECONNECTION');
  });
});

describe('createDohResolver: timeouts and aborts', () => {
  const hang: typeof fetch = (_input, init) =>
    new Promise((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });
  const ignoreSignal: typeof fetch = () => new Promise(() => {});

  it('rejects ETIMEOUT when the endpoint does not answer in time', async () => {
    const resolver = createDohResolver({ endpoint: ENDPOINT, fetch: hang, timeoutMs: 20 });
    const error = await rejection(resolver.resolveTxt(NAME));
    expect(error).toMatchObject({ code: 'ETIMEOUT', hostname: NAME });
  });

  it('rejects ETIMEOUT even when fetch ignores its signal', async () => {
    const resolver = createDohResolver({ endpoint: ENDPOINT, fetch: ignoreSignal, timeoutMs: 20 });
    expect((await rejection(resolver.resolveTxt(NAME))).code).toBe('ETIMEOUT');
  });

  it('rejects ETIMEOUT when the body stalls', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(12));
      },
    });
    const resolver = createDohResolver({
      endpoint: ENDPOINT,
      fetch: async () =>
        new Response(stream, { headers: { 'content-type': 'application/dns-message' } }),
      timeoutMs: 20,
    });
    expect((await rejection(resolver.resolveTxt(NAME))).code).toBe('ETIMEOUT');
  });

  it('rejects ECANCELLED when the per-call signal aborts, with the reason as cause', async () => {
    const resolver = createDohResolver({ endpoint: ENDPOINT, fetch: hang, timeoutMs: 0 });
    const controller = new AbortController();
    const pending = resolver.resolveTxt(NAME, { signal: controller.signal });
    const reason = new Error('user gave up');
    controller.abort(reason);
    const error = await rejection(pending);
    expect(error).toMatchObject({ code: 'ECANCELLED', cause: reason });
    expect(classifyDnsFailure(error)).toBe('temperror');
  });

  it('rejects ECANCELLED at once for an already aborted signal, without fetching', async () => {
    const { fetch, requests } = stubFetch(() => dnsResponse(answerTo(Q, [txt(['x'])])));
    const resolver = createDohResolver({ endpoint: ENDPOINT, fetch });
    const error = await rejection(resolver.resolveTxt(NAME, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('ECANCELLED');
    expect(requests.length).toBeLessThanOrEqual(1);
  });

  it('rejects ECANCELLED for every lookup when the resolver-wide signal aborts', async () => {
    const controller = new AbortController();
    const resolver = createDohResolver({
      endpoint: ENDPOINT,
      fetch: hang,
      signal: controller.signal,
    });
    const a = resolver.resolveTxt(NAME);
    const b = resolver.resolveMx(NAME);
    controller.abort();
    expect((await rejection(a)).code).toBe('ECANCELLED');
    expect((await rejection(b)).code).toBe('ECANCELLED');
  });
});

describe('createDohResolver: hostile bodies (fast-check, fixed seed)', () => {
  const valid = answerTo(Q, [
    { name: [...pointer(12)], type: TYPE.CNAME, rdata: cnameRdata('t.example.test') },
    { name: 't.example.test', type: TYPE.TXT, rdata: txtRdata(['v=DMARC1; ', 'p=none']) },
  ]);

  it('resolves or rejects with a DnsError, never anything else, for mutated answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.nat(255)), { minLength: 1, maxLength: 6 }),
        async (edits) => {
          const bytes = valid.slice();
          for (const [at, value] of edits) bytes[at] = value;
          try {
            const records = await resolverAnswering(bytes).resolveTxt(NAME);
            expect(Array.isArray(records)).toBe(true);
          } catch (error) {
            expect(isDnsError(error)).toBe(true);
          }
        },
      ),
      { seed: 8484, numRuns: 500 },
    );
  });

  it('rejects random bytes with a DnsError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const error = await resolverAnswering(Uint8Array.from(bytes))
          .resolveTxt(NAME)
          .catch((e: unknown) => e);
        expect(isDnsError(error)).toBe(true);
      }),
      { seed: 1035, numRuns: 500 },
    );
  });
});
