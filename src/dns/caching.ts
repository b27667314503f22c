/**
 * A cache in front of any resolver: answers for a fixed time, "no record" answers (NXDOMAIN
 * and NODATA) for a shorter one (RFC 2308 §5), temporary failures never. Concurrent lookups
 * of one name share one query to the inner resolver.
 * @module
 */
import { asciiLower } from '../internal/ascii.js';
import { classifyDnsFailure } from './outcome.js';
import { startDeadline } from './signal.js';
import type { DnsQueryOptions, DnsResolver, MxRecord } from './types.js';

/** Options of {@link createCachingResolver}. */
export interface CachingResolverOptions {
  /** Most answers kept; the least recently used goes first. Default 10,000; 0 caches nothing. */
  maxEntries?: number;
  /** How long an answer is kept; default 300,000 ms (5 minutes). */
  ttlMs?: number;
  /** How long `ENOTFOUND` and `ENODATA` are kept; default 60,000 ms, never more than `ttlMs`. */
  negativeTtlMs?: number;
  /** The clock, in milliseconds; `Date.now` by default. Tests pass a fake one. */
  now?: () => number;
}

/** A caching resolver, with a way to empty it. */
export interface CachingResolver extends DnsResolver {
  /** Number of answers currently held (expired ones included until touched). */
  readonly size: number;
  /** Drops every cached answer; lookups in flight still complete. */
  clear(): void;
}

interface Entry {
  expires: number;
  value?: unknown;
  /** Set for a cached "no record" rejection (never `undefined` then: it is an error object). */
  error?: unknown;
}

/**
 * Wraps `inner` in a TTL- and size-bounded cache. Names are keyed case-insensitively and
 * without the final dot (`Example.COM.` and `example.com` share an entry). Each caller gets
 * its own copy of the answer. A caller's `signal` only stops that caller's wait: the shared
 * query to `inner` carries no signal, so one caller giving up never fails the others, and a
 * rejected query is forgotten at once unless it means "no record".
 *
 * @example
 * ```ts
 * import { createCachingResolver, createDohResolver } from 'dmarc-kit/dns';
 * const resolver = createCachingResolver(
 *   createDohResolver({ endpoint: 'https://dns.google/dns-query' }),
 *   { maxEntries: 5000, ttlMs: 60_000 },
 * );
 * ```
 */
export function createCachingResolver(
  inner: DnsResolver,
  options: CachingResolverOptions = {},
): CachingResolver {
  if (typeof inner !== 'object' || inner === null || typeof inner.resolveTxt !== 'function') {
    throw new TypeError('createCachingResolver needs a resolver with resolveTxt');
  }
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 0) {
    throw new RangeError('maxEntries must be a non-negative integer');
  }
  const ttlMs = options.ttlMs ?? 300_000;
  if (!(ttlMs >= 0)) throw new RangeError('ttlMs must be a non-negative number');
  const negativeTtlMs = Math.min(options.negativeTtlMs ?? 60_000, ttlMs);
  if (!(negativeTtlMs >= 0)) throw new RangeError('negativeTtlMs must be a non-negative number');
  const now = options.now ?? Date.now;

  // One map per record type keyed by the normalised name itself: no key concatenation on the
  // hot path, and an already-normal name is used as it is (its hash is then computed once).
  // Every entry also sits in `order`, whose insertion order is the recency order for the LRU.
  const caches = { T: new Map<string, Entry>(), M: new Map<string, Entry>() };
  const order = new Map<Entry, { map: Map<string, Entry>; key: string }>();
  const inflight = {
    T: new Map<string, Promise<unknown>>(),
    M: new Map<string, Promise<unknown>>(),
  };

  function store(cache: Map<string, Entry>, key: string, entry: Entry): void {
    if (maxEntries === 0) return;
    const previous = cache.get(key);
    if (previous !== undefined) order.delete(previous);
    cache.set(key, entry);
    order.set(entry, { map: cache, key });
    if (order.size > maxEntries) {
      // Map iterates in insertion order, and hits re-insert: the first entry is the least recent.
      const oldest = order.entries().next();
      if (oldest.done !== true) {
        const [victim, where] = oldest.value;
        order.delete(victim);
        if (where.map.get(where.key) === victim) where.map.delete(where.key);
      }
    }
  }

  function lookup<T>(
    type: 'T' | 'M',
    name: string,
    run: () => Promise<T>,
    copy: (value: T) => T,
    callOptions: DnsQueryOptions | undefined,
  ): Promise<T> {
    const key = normalise(name);
    const cache = caches[type];
    const pending = inflight[type];
    const entry = cache.get(key);
    if (entry !== undefined) {
      if (entry.expires > now()) {
        const slot = order.get(entry)!;
        order.delete(entry);
        order.set(entry, slot);
        if (entry.error !== undefined) return Promise.reject(entry.error);
        return Promise.resolve(copy(entry.value as T));
      }
      cache.delete(key);
      order.delete(entry);
    }
    let shared = pending.get(key) as Promise<T> | undefined;
    if (shared === undefined) {
      let started: Promise<T>;
      try {
        started = run();
      } catch (error) {
        started = Promise.reject(error);
      }
      shared = started.then(
        (value) => {
          pending.delete(key);
          if (ttlMs > 0) store(cache, key, { expires: now() + ttlMs, value });
          return value;
        },
        (error: unknown) => {
          pending.delete(key);
          if (negativeTtlMs > 0 && classifyDnsFailure(error) !== 'temperror') {
            store(cache, key, { expires: now() + negativeTtlMs, error });
          }
          throw error;
        },
      );
      pending.set(key, shared);
    }
    const signal = callOptions?.signal;
    if (signal === undefined) return shared.then(copy);
    const deadline = startDeadline(name, 0, [signal]);
    return Promise.race([shared.then(copy), deadline.aborted]).finally(() => deadline.done());
  }

  const resolver: CachingResolver = {
    get size(): number {
      return order.size;
    },
    clear(): void {
      caches.T.clear();
      caches.M.clear();
      order.clear();
    },
    resolveTxt(name: string, callOptions?: DnsQueryOptions): Promise<string[][]> {
      return lookup('T', name, () => inner.resolveTxt(name), copyTxt, callOptions);
    },
  };
  const innerMx = inner.resolveMx;
  if (typeof innerMx === 'function') {
    resolver.resolveMx = (name: string, callOptions?: DnsQueryOptions): Promise<MxRecord[]> =>
      lookup('M', name, () => innerMx.call(inner, name), copyMx, callOptions);
  }
  return resolver;
}

function normalise(name: string): string {
  const lower = asciiLower(name);
  return lower.charCodeAt(lower.length - 1) === 46 ? lower.slice(0, -1) : lower;
}

function copyTxt(records: string[][]): string[][] {
  const out: string[][] = new Array(records.length);
  for (let i = 0; i < records.length; i++) out[i] = records[i]!.slice();
  return out;
}

function copyMx(records: MxRecord[]): MxRecord[] {
  const out: MxRecord[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    out[i] = { exchange: r.exchange, priority: r.priority };
  }
  return out;
}
