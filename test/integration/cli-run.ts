/**
 * Runs the built `dmarc-kit` CLI as a child process and captures stdout, stderr and the exit
 * code. Uses `dist/cli/main.js` when it is newer than every file under `src/`; otherwise
 * (`npm test` runs the integration tests before `npm run build`) it builds the CLI entry with
 * tsdown, with the options of tsdown.config.ts, into `node_modules/.cache/dmarc-kit-cli/`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT: string = resolve(import.meta.dirname, '../..');

/** What one run of the CLI produced. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

let cliPath: Promise<string> | undefined;

/** The path of a CLI build that matches the sources (built once per test file). */
export function builtCli(): Promise<string> {
  cliPath ??= (async () => {
    const dist = join(ROOT, 'dist/cli/main.js');
    if (existsSync(dist) && statSync(dist).mtimeMs >= newestSource(join(ROOT, 'src'))) return dist;
    const out = join(ROOT, 'node_modules/.cache/dmarc-kit-cli');
    mkdirSync(out, { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(out, 'package.json'));
    const { build } = await import('tsdown');
    await build({
      config: false,
      entry: { 'cli/main': join(ROOT, 'src/cli/main.ts') },
      format: ['esm'],
      platform: 'neutral',
      target: 'es2022',
      dts: false,
      clean: true,
      outDir: join(out, 'dist'),
      external: [/^node:/, 'tldts-core', 'fast-xml-parser'],
      tsconfig: join(ROOT, 'tsconfig.node.json'),
      logLevel: 'silent',
    });
    return join(out, 'dist/cli/main.js');
  })();
  return cliPath;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  /** Extra environment; NO_COLOR and FORCE_COLOR are removed first unless given here. */
  env?: Record<string, string>;
  cwd?: string;
  /** Text for stdin (none by default). */
  input?: string;
}

/** Runs `node <cli> ...args` and resolves when it exits. */
export async function runCli(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CliResult> {
  const cli = await builtCli();
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, options.env);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the CLI inside a pseudo-terminal (util-linux `script`), so stdout is a TTY. */
export async function runCliInTty(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const cli = await builtCli();
  const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, cli, ...args].map(quote).join(' ');
  const childEnv: Record<string, string | undefined> = { ...process.env, TERM: 'xterm' };
  delete childEnv.NO_COLOR;
  delete childEnv.FORCE_COLOR;
  Object.assign(childEnv, env);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: childEnv });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr: '' }));
    child.stdin.end();
  });
}

/** True when util-linux `script` is installed (for the TTY tests). */
export function hasScript(): boolean {
  return ['/usr/bin/script', '/bin/script'].some((p) => existsSync(p));
}
