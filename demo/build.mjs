#!/usr/bin/env node
// Builds the static demo page into demo/dist/ (git-ignored): demo/src/main.ts and the library
// modules it imports from src/ are bundled by esbuild for the browser platform, with no Node
// built-ins and no polyfills; index.html and styles.css are copied beside the bundle.
// `npm run demo:build` runs this file; the browser tests import buildDemo().
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Where the page is built: serve this folder. */
export const DEMO_DIST = join(HERE, 'dist');
const STATIC_FILES = ['index.html', 'styles.css'];

/**
 * Bundles the demo. Fails when anything Node-only (a `node:` module, src/dns/node, src/cli)
 * reaches the bundle. Returns the bundle's size, minified and minified+gzipped.
 * @param {{ outdir?: string }} [options]
 * @returns {Promise<{ outdir: string, bytes: number, gzipBytes: number, inputs: string[] }>}
 */
export async function buildDemo({ outdir = DEMO_DIST } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(HERE, 'src/main.ts')],
    outfile: join(outdir, 'main.js'),
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox115', 'safari16.4'],
    legalComments: 'none',
    metafile: true,
    write: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const nodeOnly = inputs.filter((p) => /^node:|(^|\/)src\/(dns\/node|cli)\//.test(p));
  if (nodeOnly.length > 0)
    throw new Error(`the demo bundle pulls in Node-only code: ${nodeOnly.join(', ')}`);
  for (const file of STATIC_FILES) copyFileSync(join(HERE, 'src', file), join(outdir, file));
  const js = readFileSync(join(outdir, 'main.js'));
  return { outdir, bytes: js.length, gzipBytes: gzipSync(js, { level: 9 }).length, inputs };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { outdir, bytes, gzipBytes } = await buildDemo();
  console.log(
    `demo built in ${relative(process.cwd(), outdir) || '.'}/: main.js ${bytes} B minified, ${gzipBytes} B min+gzip`,
  );
}
