/**
 * An in-memory resolver over a declarative zone, for examples, offline use and tests. It
 * answers as an authoritative server would (RFC 1034 §4.3.2): NXDOMAIN (`ENOTFOUND`) only for
 * names that do not exist, NODATA (`ENODATA`) for names that exist without records of the
 * type asked, including empty non-terminals (RFC 8020), and it follows CNAME chains.
 * @module
 */
import { asciiLower } from '../internal/ascii.js';
import { toAsciiName } from './idna.js';
import { delay, startDeadline } from './signal.js';
import {
  DnsError,
  type DnsErrorCode,
  type DnsQueryOptions,
  type DnsResolver,
  isDnsErrorCode,
  type MxRecord,
} from './types.js';
import { nameLabels } from './wire.js';
import { parseZoneText } from './zone-text.js';

/**
 * The data at one name. Each entry of `txt` is one TXT record: a string is a record made of one
 * character-string, an array gives the character-strings of a record split into several
 * (RFC 7208 §3.3 and RFC 9989 §4.7 readers join them with nothing in between).
 */
export interface StaticZoneEntry {
  txt?: readonly (string | readonly string[])[];
  mx?: readonly MxRecord[];
  /** An alias: lookups of any type continue at the target (RFC 1034 §3.6.2). */
  cname?: string;
  /** Simulates a failure: every lookup at this name rejects with a DnsError of this code. */
  error?: DnsErrorCode;
  /** Answers (and failures) at this name come after this many milliseconds. */
  delayMs?: number;
}

/** A zone: names (any case, with or without the final dot) to their data. */
export type StaticZone = Readonly<Record<string, StaticZoneEntry>>;

/** One lookup a static resolver received, in the caller's spelling. */
export interface StaticQuery {
  name: string;
  type: 'TXT' | 'MX';
}

/** Options of {@link createStaticResolver}. */
export interface StaticResolverOptions {
  /** Delay for every answer without its own `delayMs`; 0 by default. */
  delayMs?: number;
  /** Called synchronously with each lookup, before it is answered. */
  onQuery?: (query: StaticQuery) => void;
}

/** A static resolver, which also records every lookup it receives. */
export interface StaticResolver extends Required<DnsResolver> {
  /** Every lookup received so far, in order; clear it with `queries.length = 0`. */
  readonly queries: StaticQuery[];
}

const MAX_CNAME_HOPS = 16;

interface Node {
  txt?: string[][];
  mx?: MxRecord[];
  cname?: string;
  error?: DnsErrorCode;
  delayMs?: number;
}

/**
 * Creates a resolver that answers from `zone`, an object or zone text (see
 * {@link parseZoneText}). Answers are fresh copies, so callers may change them.
 *
 * @example
 * ```ts
 * import { createStaticResolver } from 'dmarc-kit/dns';
 * const resolver = createStaticResolver({
 *   '_dmarc.example.com': { txt: [['v=DMARC1; p=reject; ', 'rua=mailto:d@example.com']] },
 *   '_dmarc.flaky.example': { error: 'ESERVFAIL' },
 * });
 * await resolver.resolveTxt('_dmarc.example.com'); // [['v=DMARC1; p=reject; ', 'rua=...']]
 * resolver.queries; // [{ name: '_dmarc.example.com', type: 'TXT' }]
 * ```
 */
export function createStaticResolver(
  zone: StaticZone | string,
  options: StaticResolverOptions = {},
): StaticResolver {
  const source = typeof zone === 'string' ? parseZoneText(zone) : zone;
  if (typeof source !== 'object' || source === null) {
    throw new TypeError('createStaticResolver needs a zone object or zone text');
  }
  const nodes = new Map<string, Node>();
  const existing = new Set<string>();
  for (const [name, entry] of Object.entries(source)) {
    const key = normalise(toAsciiName(name) ?? name);
    const node = toNode(name, entry);
    nodes.set(key, node);
    // Every ancestor of a name exists too (empty non-terminals, RFC 8020).
    let at = key;
    for (;;) {
      existing.add(at);
      const dot = at.indexOf('.');
      if (dot < 0) break;
      at = at.slice(dot + 1);
    }
  }
  const defaultDelay = options.delayMs ?? 0;
  if (!(defaultDelay >= 0)) throw new RangeError('delayMs must be a non-negative number');
  const queries: StaticQuery[] = [];

  async function lookup<T>(
    name: string,
    type: 'TXT' | 'MX',
    pick: (node: Node) => T[] | undefined,
    callOptions: DnsQueryOptions | undefined,
  ): Promise<T[]> {
    if (typeof name !== 'string') throw new TypeError('the name to resolve must be a string');
    const query = { name, type };
    queries.push(query);
    options.onQuery?.({ ...query });
    const deadline = startDeadline(name, 0, [callOptions?.signal]);
    try {
      const answer = resolve(name, pick);
      const wait = answer.delayMs ?? defaultDelay;
      if (wait > 0) await delay(wait, deadline);
      else await Promise.race([Promise.resolve(), deadline.aborted]);
      if (answer.error !== undefined) {
        throw new DnsError(answer.error, name, `${answer.error}: ${name}`);
      }
      return answer.records;
    } finally {
      deadline.done();
    }
  }

  function resolve<T>(
    name: string,
    pick: (node: Node) => T[] | undefined,
  ): { records: T[]; error?: DnsErrorCode; delayMs?: number } {
    const ascii = toAsciiName(name);
    if (ascii === null || typeof nameLabels(ascii) === 'string') {
      return { records: [], error: 'EBADNAME' };
    }
    let key = normalise(ascii);
    let delayMs: number | undefined;
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const node = nodes.get(key);
      if (node?.delayMs !== undefined) delayMs = node.delayMs;
      const timing = delayMs === undefined ? {} : { delayMs };
      if (node?.error !== undefined) return { records: [], error: node.error, ...timing };
      if (node === undefined) {
        return { records: [], error: existing.has(key) ? 'ENODATA' : 'ENOTFOUND', ...timing };
      }
      const records = pick(node);
      if (records !== undefined && records.length > 0) return { records, ...timing };
      if (node.cname === undefined) return { records: [], error: 'ENODATA', ...timing };
      key = node.cname;
    }
    // A CNAME loop or an over-long chain: a recursive resolver gives up with SERVFAIL.
    return { records: [], error: 'ESERVFAIL', ...(delayMs === undefined ? {} : { delayMs }) };
  }

  return {
    queries,
    resolveTxt(name: string, callOptions?: DnsQueryOptions): Promise<string[][]> {
      return lookup(name, 'TXT', (n) => n.txt?.map((r) => r.slice()), callOptions);
    },
    resolveMx(name: string, callOptions?: DnsQueryOptions): Promise<MxRecord[]> {
      return lookup(
        name,
        'MX',
        (n) => n.mx?.map((m) => ({ exchange: m.exchange, priority: m.priority })),
        callOptions,
      );
    },
  };
}

function normalise(name: string): string {
  const lower = asciiLower(name);
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function toNode(name: string, entry: StaticZoneEntry): Node {
  if (typeof entry !== 'object' || entry === null) {
    throw new TypeError(`zone entry for ${name} must be an object`);
  }
  const node: Node = {};
  if (entry.txt !== undefined) {
    node.txt = entry.txt.map((record) => {
      if (typeof record === 'string') return [record];
      if (Array.isArray(record) && record.every((c) => typeof c === 'string')) return [...record];
      throw new TypeError(`TXT records for ${name} must be strings or arrays of strings`);
    });
  }
  if (entry.mx !== undefined) {
    node.mx = entry.mx.map((m) => ({
      exchange: normaliseExchange(m.exchange),
      priority: m.priority,
    }));
  }
  if (entry.cname !== undefined) node.cname = normalise(toAsciiName(entry.cname) ?? entry.cname);
  if (entry.error !== undefined) {
    if (!isDnsErrorCode(entry.error))
      throw new TypeError(`unknown DNS error code ${String(entry.error)}`);
    node.error = entry.error;
  }
  if (entry.delayMs !== undefined) {
    if (!(entry.delayMs >= 0)) throw new RangeError(`delayMs for ${name} must be non-negative`);
    node.delayMs = entry.delayMs;
  }
  return node;
}

/** MX exchanges come back as Node gives them: no final dot, the root (Null MX) as `""`. */
function normaliseExchange(exchange: string): string {
  return exchange.endsWith('.') ? exchange.slice(0, -1) : exchange;
}
