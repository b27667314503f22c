/**
 * Starts Knot DNS (`knotd`, Debian package `knot`) on a free loopback port, serving every
 * `<origin>.zone` file of a directory as the zone `<origin>`, plus zones that deliberately
 * fail to load so that the server answers SERVFAIL for them. Used by the integration global
 * setup; other test setups (browser, CLI) can call it the same way. See test/helpers/README.md.
 *
 * Why Knot: it is a plain authoritative server that reads standard zone files, starts in
 * well under a second without root, binds to any port, answers SERVFAIL for a zone that failed
 * to load (a real SERVFAIL without a recursive resolver), and `knot-dnsutils` brings `kdig`
 * for debugging by hand. dnsmasq has no zone files (records are configuration options) and
 * no empty non-terminals, NSD compiles its zones and gives no SERVFAIL for a broken zone, and
 * unbound is a recursive resolver (local zones are an add-on there).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { promises as dns } from 'node:dns';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './ports.js';

export interface KnotOptions {
  /** Directory of `<origin>.zone` files; default `fixtures/zones`. */
  zonesDir?: string;
  /** Origins of zones configured with a broken file, so queries under them get SERVFAIL. */
  servfailZones?: string[];
  /**
   * Also serve an empty root zone (default true), so a name outside every fixture zone gets
   * NXDOMAIN, as from a recursive resolver on the Internet, instead of REFUSED. Without it, the
   * RFC 9989 §4.10 tree walk from `_dmarc.check.test` up to `_dmarc.test` would end in a
   * temporary failure.
   */
  rootZone?: boolean;
  /** Path of the knotd binary; default `knotd` from PATH. */
  knotd?: string;
  /** How long to wait for every zone to answer; default 20 s. */
  startTimeoutMs?: number;
}

export interface KnotServer {
  /** `127.0.0.1` */
  host: string;
  port: number;
  /** `127.0.0.1:<port>`, as `dns.setServers` takes it. */
  address: string;
  /** The zones served, by origin (without the final dot). */
  zones: string[];
  /** Everything knotd wrote so far (for error messages). */
  log(): string;
  stop(): Promise<void>;
}

/** An empty root zone: no delegations, so every name outside the served zones is NXDOMAIN. */
const ROOT_ZONE = [
  '$ORIGIN .',
  '$TTL 300',
  '@ IN SOA a.root-servers.net. hostmaster.root-servers.net. 1 3600 600 86400 300',
  '@ IN NS a.root-servers.net.',
  'a.root-servers.net. IN A 127.0.0.1',
  '',
].join('\n');

export const DEFAULT_ZONES_DIR: string = resolve(import.meta.dirname, '../../fixtures/zones');

/** Lists the zones of a directory: `<origin>.zone` files, origin = file name minus `.zone`. */
export async function listZones(zonesDir: string): Promise<{ origin: string; file: string }[]> {
  const names = await readdir(zonesDir);
  return names
    .filter((n) => n.endsWith('.zone'))
    .sort()
    .map((n) => ({ origin: n.slice(0, -'.zone'.length).toLowerCase(), file: join(zonesDir, n) }));
}

export async function startKnot(options: KnotOptions = {}): Promise<KnotServer> {
  const zonesDir = options.zonesDir ?? DEFAULT_ZONES_DIR;
  const zones = await listZones(zonesDir);
  const servfail = options.servfailZones ?? [];
  const dir = await mkdtemp(join(tmpdir(), 'dmarc-kit-knot-'));
  const broken = join(dir, 'broken.zone');
  await writeFile(
    broken,
    '; deliberately broken so the zone fails to load\nthis is not a record\n',
  );
  const root = join(dir, 'root.zone');
  const withRoot = options.rootZone ?? true;
  if (withRoot) await writeFile(root, ROOT_ZONE);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const conf = [
      'server:',
      `  rundir: "${dir}"`,
      `  listen: 127.0.0.1@${port}`,
      '  udp-workers: 1',
      '  tcp-workers: 1',
      '  background-workers: 1',
      'database:',
      `  storage: "${join(dir, 'db')}"`,
      'log:',
      '  - target: stderr',
      '    any: notice',
      'template:',
      '  - id: default',
      `    storage: "${dir}"`,
      '    zonefile-sync: -1',
      '    zonefile-load: whole',
      '    journal-content: none',
      'zone:',
      ...zones.flatMap((z) => [`  - domain: "${z.origin}."`, `    file: "${z.file}"`]),
      ...servfail.flatMap((origin) => [`  - domain: "${origin}."`, `    file: "${broken}"`]),
      ...(withRoot ? ['  - domain: "."', `    file: "${root}"`] : []),
      '',
    ].join('\n');
    const confPath = join(dir, 'knot.conf');
    await writeFile(confPath, conf);
    const binary = options.knotd ?? 'knotd';
    const child = spawn(binary, ['-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
    });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const spawnError = new Promise<Error>((res) => child.on('error', res));
    const address = `127.0.0.1:${port}`;
    try {
      await waitForZones(
        address,
        zones.map((z) => z.origin),
        options.startTimeoutMs ?? 20_000,
        exited,
        spawnError,
        () => log,
      );
    } catch (error) {
      lastError = error;
      await kill(child);
      // A port taken between choosing and binding: try another one.
      if (/cannot bind|address already in use|failed to bind/i.test(log)) continue;
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return {
      host: '127.0.0.1',
      port,
      address,
      zones: zones.map((z) => z.origin),
      log: () => log,
      async stop() {
        await kill(child);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

async function waitForZones(
  address: string,
  origins: string[],
  timeoutMs: number,
  exited: Promise<number | null>,
  spawnError: Promise<Error>,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([address]);
  let pending = [...origins];
  let failure: Error | undefined;
  exited.then((code) => {
    failure = new Error(`knotd exited with code ${code}:\n${log()}`);
  });
  spawnError.then((error) => {
    failure = new Error(
      `cannot start knotd (${error.message}); install it with: apt-get install -y knot knot-dnsutils`,
    );
  });
  while (pending.length > 0) {
    if (failure !== undefined) throw failure;
    if (Date.now() > deadline) {
      throw new Error(
        `Knot did not serve zone(s) ${pending.join(', ')} within ${timeoutMs} ms; ` +
          `check the zone files in fixtures/zones (each needs SOA and NS at the apex).\n${log()}`,
      );
    }
    const broken = pending.filter((origin) =>
      log().includes(`[${origin}.] zone event 'load' failed`),
    );
    if (broken.length > 0) {
      throw new Error(
        `Knot could not load fixtures/zones/${broken[0]}.zone (each zone needs SOA and NS at ` +
          `the apex; see test/helpers/README.md):\n${log()}`,
      );
    }
    const still: string[] = [];
    for (const origin of pending) {
      try {
        await resolver.resolveSoa(origin);
      } catch {
        still.push(origin);
      }
    }
    pending = still;
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 50));
  }
  if (failure !== undefined) throw failure;
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      res();
    });
    child.kill('SIGTERM');
  });
}
