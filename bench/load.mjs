// The built package, as a bench measures it: `npm run bench` builds dist/ first. A missing
// build is a clear error, never a silent measurement of something else.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Imports `dist/<subpath>/index.js` (or `dist/index.js` for the root) and says where from. */
export async function loadDmarcKit(subpath = '') {
  const file = join(root, 'dist', subpath, 'index.js');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run build\` first (npm run bench does).`);
  }
  return { module: await import(pathToFileURL(file).href), from: 'dist' };
}
