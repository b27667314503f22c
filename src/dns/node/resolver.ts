/**
 * A `node:dns` resolver pointed at given servers, with Node's codes kept on {@link DnsError}s.
 * @module
 */
import { promises as dnsPromises } from 'node:dns';
import { startDeadline } from '../signal.js';
import {
  DnsError,
  type DnsQueryOptions,
  type DnsResolver,
  isDnsError,
  isDnsErrorCode,
  type MxRecord,
} from '../types.js';

/** Options of {@link createNodeResolver}. */
export interface NodeResolverOptions {
  /** Servers as `dns.setServers` takes them (`'127.0.0.1'`, `'127.0.0.1:5353'`, `'[::1]:53'`). */
  servers?: readonly string[];
  /** Time limit of one try in ms, as Node's `timeout` (default 5000; c-ares doubles it on retries). */
  timeoutMs?: number;
  /** Tries per server before giving up, as Node's `tries` (default 4). */
  tries?: number;
}

/**
 * Creates a `node:dns` resolver, optionally pointed at `servers`. Rejections become
 * {@link DnsError}s with the same code (`ENOTFOUND`, `ENODATA`, `ETIMEOUT`, ...) and the
 * original error as `cause`; a per-call `signal` stops the wait with `ECANCELLED`.
 *
 * @example
 * ```ts
 * import { createNodeResolver } from 'dmarc-kit/dns/node';
 * const resolver = createNodeResolver({ servers: ['9.9.9.9'], timeoutMs: 2000, tries: 2 });
 * await resolver.resolveTxt('_dmarc.example.com');
 * ```
 */
export function createNodeResolver(options: NodeResolverOptions = {}): Required<DnsResolver> {
  const timeout = options.timeoutMs ?? 5000;
  const tries = options.tries ?? 4;
  if (!Number.isInteger(timeout) || timeout < 1)
    throw new RangeError('timeoutMs must be a positive integer');
  if (!Number.isInteger(tries) || tries < 1)
    throw new RangeError('tries must be a positive integer');
  const resolver = new dnsPromises.Resolver({ timeout, tries });
  if (options.servers !== undefined) resolver.setServers([...options.servers]);

  async function run<T>(
    name: string,
    query: () => Promise<T>,
    callOptions?: DnsQueryOptions,
  ): Promise<T> {
    if (typeof name !== 'string') throw new TypeError('the name to resolve must be a string');
    const signal = callOptions?.signal;
    if (signal === undefined)
      return query().catch((error: unknown) => Promise.reject(toDnsError(error, name)));
    const deadline = startDeadline(name, 0, [signal]);
    if (deadline.signal.aborted) {
      deadline.done();
      return deadline.aborted;
    }
    try {
      return await Promise.race([
        query().catch((error: unknown) => Promise.reject(toDnsError(error, name))),
        deadline.aborted,
      ]);
    } finally {
      deadline.done();
    }
  }

  return {
    resolveTxt(name: string, callOptions?: DnsQueryOptions): Promise<string[][]> {
      return run(name, () => resolver.resolveTxt(name), callOptions);
    },
    resolveMx(name: string, callOptions?: DnsQueryOptions): Promise<MxRecord[]> {
      return run(name, () => resolver.resolveMx(name), callOptions);
    },
  };
}

/**
 * Turns a rejection from `node:dns` into a {@link DnsError} with the same code and hostname.
 * An error without a known code becomes `ECONNECTION`, a temporary failure, never a "no
 * record" answer.
 */
export function toDnsError(error: unknown, hostname: string): DnsError {
  if (isDnsError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new DnsError(isDnsErrorCode(code) ? code : 'ECONNECTION', hostname, message, {
    cause: error,
  });
}
