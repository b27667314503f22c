/**
 * A small test-only DNS-over-HTTPS endpoint (RFC 8484, plain HTTP on loopback) that forwards
 * each wire-format query unchanged to an upstream DNS server over UDP (and over TCP when the
 * UDP answer is truncated), and returns the upstream's answer unchanged. Routes:
 * - `/dns-query`: forwards to `upstream`;
 * - `/blackhole/dns-query`: forwards to `blackhole`, which never answers (timeouts);
 * - `/status/<code>/dns-query`: answers that HTTP status (HTTP error mapping).
 * CORS headers are sent, so a browser page on another loopback origin can use it.
 */
import { createSocket } from 'node:dgram';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';

export interface DohServerOptions {
  /** Upstream DNS server, `host:port`. */
  upstream: string;
  /** A server that never answers, `host:port`, for `/blackhole/dns-query`. */
  blackhole?: string;
  /** How long to wait for the upstream; default 10 s, then HTTP 504. */
  upstreamTimeoutMs?: number;
}

export interface DohServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `http://127.0.0.1:<port>/dns-query` */
  url: string;
  /** `http://127.0.0.1:<port>/blackhole/dns-query` */
  blackholeUrl: string;
  /** Requests received so far (method and path). */
  requests: { method: string; path: string }[];
  stop(): Promise<void>;
}

const MEDIA_TYPE = 'application/dns-message';
const MAX_BODY = 65_535;

function splitHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

function forwardUdp(query: Buffer, upstream: string, timeoutMs: number): Promise<Buffer> {
  const { host, port } = splitHostPort(upstream);
  return new Promise((res, rej) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      rej(new Error('upstream timeout'));
    }, timeoutMs);
    socket.once('message', (msg) => {
      clearTimeout(timer);
      socket.close();
      res(msg);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.close();
      rej(error);
    });
    socket.send(query, port, host);
  });
}

function forwardTcp(query: Buffer, upstream: string, timeoutMs: number): Promise<Buffer> {
  const { host, port } = splitHostPort(upstream);
  return new Promise((res, rej) => {
    const socket = connect(port, host);
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      rej(new Error('upstream timeout'));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0)) {
        clearTimeout(timer);
        socket.end();
        res(data.subarray(2, 2 + data.readUInt16BE(0)));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      rej(error);
    });
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16BE(query.length);
    socket.write(Buffer.concat([prefix, query]));
  });
}

async function forward(query: Buffer, upstream: string, timeoutMs: number): Promise<Buffer> {
  const answer = await forwardUdp(query, upstream, timeoutMs);
  const truncated = answer.length >= 3 && (answer[2]! & 0x02) !== 0;
  return truncated ? forwardTcp(query, upstream, timeoutMs) : answer;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startDohServer(options: DohServerOptions): Promise<DohServer> {
  const timeoutMs = options.upstreamTimeoutMs ?? 10_000;
  const requests: { method: string; path: string }[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type, accept');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ method: req.method ?? '', path: url.pathname });
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const status = /^\/status\/([0-9]{3})\/dns-query$/.exec(url.pathname);
    if (status !== null) {
      res.writeHead(Number(status[1]), { 'content-type': 'text/plain' }).end('test status');
      return;
    }
    let upstream: string | undefined;
    if (url.pathname === '/dns-query') upstream = options.upstream;
    else if (url.pathname === '/blackhole/dns-query') upstream = options.blackhole;
    if (upstream === undefined) {
      res.writeHead(404).end();
      return;
    }
    let query: Buffer | null;
    if (req.method === 'GET') {
      const dns = url.searchParams.get('dns');
      query = dns === null ? null : Buffer.from(dns, 'base64url');
    } else if (req.method === 'POST') {
      if (req.headers['content-type'] !== MEDIA_TYPE) {
        res.writeHead(415).end();
        return;
      }
      query = await readBody(req);
    } else {
      res.writeHead(405).end();
      return;
    }
    if (query === null || query.length < 12) {
      res.writeHead(400).end();
      return;
    }
    try {
      const answer = await forward(query, upstream, timeoutMs);
      res.writeHead(200, { 'content-type': MEDIA_TYPE, 'content-length': answer.length });
      res.end(answer);
    } catch {
      if (!res.headersSent && !res.destroyed) res.writeHead(504).end();
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('DoH server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: `${origin}/dns-query`,
    blackholeUrl: `${origin}/blackhole/dns-query`,
    requests,
    stop: () =>
      new Promise((res) => {
        server.closeAllConnections();
        server.close(() => res());
      }),
  };
}
