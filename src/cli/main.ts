#!/usr/bin/env node
/**
 * The `dmarc-kit` command: `check`, `record`, `report` and `evaluate`. Node.js only; not part
 * of the package's exports. See `dmarc-kit --help` and the README's "Command line" section.
 * @module
 */
import { readFileSync } from 'node:fs';
import { run } from './run.js';

function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

// A closed pipe (`dmarc-kit report dir | head`) ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

run(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env },
  packageVersion(),
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `dmarc-kit: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
