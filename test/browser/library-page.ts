/**
 * A bare page that loads the whole library (src/index.ts, bundled by esbuild for the browser
 * platform with no Node built-ins) as `globalThis.dmarcKit`, so tests can call the same
 * functions in Chromium and in Node and compare the results.
 */
import type { RequestListener } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dmarc-kit library</title>
<link rel="icon" href="data:,">
<script type="module" src="/library/dmarc-kit.js"></script></head>
<body><p>dmarc-kit, loaded as globalThis.dmarcKit</p></body></html>
`;

/** Bundles src/index.ts for the browser and returns routes serving it under /library/. */
export async function libraryRoutes(): Promise<Record<string, RequestListener>> {
  const result = await build({
    stdin: {
      contents: "import * as kit from './src/index.ts'; globalThis.dmarcKit = kit;",
      resolveDir: ROOT,
      sourcefile: 'library-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  const nodeOnly = Object.keys(result.metafile.inputs).filter((p) =>
    /^node:|(^|\/)src\/(dns\/node|cli)\//.test(p),
  );
  if (nodeOnly.length > 0) throw new Error(`Node-only code in the bundle: ${nodeOnly.join(', ')}`);
  const js = result.outputFiles[0]?.contents ?? new Uint8Array();
  const send =
    (type: string, body: string | Uint8Array): RequestListener =>
    (_req, res) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
  return {
    '/library/': send('text/html; charset=utf-8', HTML),
    '/library/dmarc-kit.js': send('text/javascript; charset=utf-8', js),
  };
}

/** Where the library page lives on the test server. */
export const LIBRARY_PAGE = '/library/';
