/**
 * Builds the resolver the DNS flags ask for: the system resolver by default, a given server
 * (`--server`), DNS over HTTPS (`--doh`) or a zone file answered offline (`--zone`), always
 * behind a cache so repeated names cost one lookup.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createCachingResolver } from '../dns/caching.js';
import { createDohResolver } from '../dns/doh.js';
import { createNodeResolver } from '../dns/node/index.js';
import { createStaticResolver } from '../dns/static.js';
import type { DnsResolver } from '../dns/types.js';
import { stringOption, UsageError } from './args.js';

/** The DNS flags as parsed. */
export interface DnsFlags {
  server?: string | undefined;
  doh?: string | undefined;
  zone?: string | undefined;
  timeout?: string | undefined;
}

/** The DNS flags out of a command's parsed option values (see `DNS_OPTIONS`). */
export function dnsFlagsOf(values: Record<string, unknown>): DnsFlags {
  return {
    server: stringOption(values, 'server'),
    doh: stringOption(values, 'doh'),
    zone: stringOption(values, 'zone'),
    timeout: stringOption(values, 'timeout'),
  };
}

/** A resolver and a line saying where its answers come from. */
export interface FlagResolver {
  resolver: DnsResolver;
  source: string;
}

/**
 * Checks `host[:port]` (IPv6 in brackets when a port is given) and returns it in the form
 * `dns.setServers` takes. Host names are refused: the server must be an address.
 */
export function parseServer(value: string): string {
  let host = value;
  let port: string | undefined;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0) throw new UsageError(`--server: missing "]" in ${JSON.stringify(value)}.`);
    host = value.slice(1, close);
    const rest = value.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':'))
        throw new UsageError(`--server: unexpected text after "]" in ${JSON.stringify(value)}.`);
      port = rest.slice(1);
    }
  } else {
    const colons = value.split(':').length - 1;
    if (colons === 1) {
      const at = value.indexOf(':');
      host = value.slice(0, at);
      port = value.slice(at + 1);
    }
  }
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  const isV4 = ipv4?.slice(1).every((octet) => Number(octet) <= 255) === true;
  const isV6 = host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host);
  if (!isV4 && !isV6)
    throw new UsageError(
      `--server needs an IP address, optionally with a port (got ${JSON.stringify(value)}).`,
    );
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      throw new UsageError(`--server: invalid port ${JSON.stringify(port)}.`);
    return isV6 ? `[${host}]:${port}` : `${host}:${port}`;
  }
  return host;
}

/** Parses `--timeout` (milliseconds, a positive integer). */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 5000;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1)
    throw new UsageError(
      `--timeout needs a positive number of milliseconds (got ${JSON.stringify(value)}).`,
    );
  return Number(value);
}

/**
 * The resolver for the given flags. At most one of `--server`, `--doh` and `--zone`.
 * Throws {@link UsageError} for bad flags; an unreadable or invalid zone file throws an
 * `Error` whose message names the file (an I/O error, exit code 2 as well).
 */
export function resolverFromFlags(flags: DnsFlags): FlagResolver {
  const chosen = (['server', 'doh', 'zone'] as const).filter((k) => flags[k] !== undefined);
  if (chosen.length > 1)
    throw new UsageError(`Use only one of ${chosen.map((k) => `--${k}`).join(', ')}.`);
  const timeoutMs = parseTimeout(flags.timeout);
  let inner: DnsResolver;
  let source: string;
  if (flags.zone !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.zone, 'utf8');
    } catch (error) {
      throw new Error(`cannot read zone file ${flags.zone}: ${(error as Error).message}`);
    }
    try {
      inner = createStaticResolver(text);
    } catch (error) {
      throw new Error(`zone file ${flags.zone}: ${(error as Error).message}`);
    }
    source = `zone file ${flags.zone} (offline)`;
  } else if (flags.doh !== undefined) {
    let url: URL;
    try {
      url = new URL(flags.doh);
    } catch {
      throw new UsageError(`--doh needs a URL (got ${JSON.stringify(flags.doh)}).`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new UsageError(`--doh needs an https:// URL (got ${JSON.stringify(flags.doh)}).`);
    inner = createDohResolver({ endpoint: url.href, timeoutMs });
    source = `DNS over HTTPS ${url.href}`;
  } else if (flags.server !== undefined) {
    const server = parseServer(flags.server);
    inner = createNodeResolver({ servers: [server], timeoutMs, tries: 2 });
    source = `DNS server ${server}`;
  } else {
    inner = createNodeResolver({ timeoutMs, tries: 2 });
    source = 'the system resolver';
  }
  return { resolver: createCachingResolver(inner), source };
}
