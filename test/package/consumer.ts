/**
 * A throwaway consumer project around the packed tarball (left in .tmp/pack by
 * `npm run check:package`): node_modules/dmarc-kit is the extracted tarball, its runtime
 * dependencies are linked from this checkout. Nothing is downloaded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT: string = resolve(import.meta.dirname, '../..');
const PACK = join(ROOT, '.tmp/pack');
export const CONSUMER: string = join(ROOT, '.tmp/consumer');

/** Creates the consumer project once per run and returns its path. */
export function prepareConsumer(): string {
  const tarball = existsSync(PACK) ? readdirSync(PACK).find((f) => f.endsWith('.tgz')) : undefined;
  if (!tarball)
    throw new Error('no packed tarball in .tmp/pack: run `npm run check:package` first');
  rmSync(CONSUMER, { recursive: true, force: true });
  const modules = join(CONSUMER, 'node_modules');
  mkdirSync(join(modules, 'dmarc-kit'), { recursive: true });
  execFileSync('tar', [
    '-xzf',
    join(PACK, tarball),
    '-C',
    join(modules, 'dmarc-kit'),
    '--strip-components=1',
  ]);
  for (const dep of ['tldts-core', 'fast-xml-parser']) {
    symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep), 'dir');
  }
  writeFileSync(
    join(CONSUMER, 'package.json'),
    '{ "name": "consumer", "private": true, "type": "module" }\n',
  );
  return CONSUMER;
}

/** Runs a script in the consumer project with Node and returns its stdout. */
export function runInConsumer(file: string, source: string): string {
  const path = join(CONSUMER, file);
  writeFileSync(path, source);
  return execFileSync(process.execPath, [path], { cwd: CONSUMER, encoding: 'utf8' });
}
