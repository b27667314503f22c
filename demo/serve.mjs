#!/usr/bin/env node
// Serves the built demo (demo/dist/) on loopback: `npm run demo:serve` builds it and runs
// this file; PORT picks the port (default 8080). The browser tests reuse createStaticServer()
// and add a same-origin DNS-over-HTTPS route, so the page needs no CORS.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * A static file server for one folder, GET and HEAD only, that never serves outside it.
 * `routes` maps a path (e.g. `/dns-query`) to a handler that answers it instead.
 * @param {{ root?: string, routes?: Record<string, import('node:http').RequestListener> }} [options]
 * @returns {import('node:http').Server}
 */
export function createStaticServer({ root = join(HERE, 'dist'), routes = {} } = {}) {
  const base = resolve(root);
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    if (route) return route(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = resolve(base, `.${decodeURIComponent(url.pathname)}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path !== base && !path.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    let stat;
    try {
      stat = statSync(path);
      if (stat.isDirectory()) {
        path = join(path, 'index.html');
        stat = statSync(path);
      }
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 8080);
  const server = createStaticServer();
  server.listen(port, '127.0.0.1', () => {
    console.log(`dmarc-kit demo on http://127.0.0.1:${port}/ (Ctrl-C to stop)`);
  });
}
