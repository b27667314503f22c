/**
 * A per-evaluation view of the caller's resolver: each name is asked once (the tree walks for
 * the SPF domain and each DKIM `d=` share what policy discovery already asked), the number of
 * distinct names is capped, and no lookup is sent once the evaluation has stopped (its deadline
 * or the caller's signal). When it stops, pending lookups reject at once with the stop reason,
 * so the evaluation finishes even if the resolver never answers.
 * @module
 */
import { errorCode } from '../dns/outcome.js';
import { DnsError, type DnsQueryOptions, type DnsResolver } from '../dns/types.js';
import type { TraceQuery } from './types.js';

/** Why an evaluation stopped early, shared by the memo resolver and `evaluate`. */
export interface StopState {
  stopped: boolean;
  /** `deadline` when the evaluation's own deadline passed; `signal` when the caller aborted. */
  by: 'deadline' | 'signal' | undefined;
  reason: unknown;
  /** The evaluation's resolver, told when the evaluation stops (it sets this itself). */
  resolver: { abandon(reason: unknown): void } | undefined;
}

/** The first temporary failure of an evaluation and what caused it. */
export interface LookupFailure {
  name: string;
  code: string;
  cause: 'dns' | 'deadline' | 'query-budget';
}

/** A memoising, budgeted, stoppable resolver for one evaluation. */
export interface MemoResolver extends DnsResolver {
  /** Lookups in the order they settled (kept only with `keepRecords`, for the trace). */
  readonly log: TraceQuery[];
  /** The outcome for `name`, when it was asked and has settled. */
  outcomeOf(name: string): TraceQuery | undefined;
  /** The first lookup that failed temporarily, with the reason. */
  firstFailure(): LookupFailure | undefined;
  /** Names sent to the caller's resolver that have not been answered yet. */
  unanswered(): string[];
  /** Distinct names sent to the caller's resolver. */
  readonly upstreamQueries: number;
}

/** Error code for a lookup refused because the query budget is spent. */
export const BUDGET_CODE = 'EBUDGET';

function key(name: string): string {
  let k = name.endsWith('.') ? name.slice(0, -1) : name;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      k = k.toLowerCase();
      break;
    }
  }
  return k;
}

/** Placeholder while an entry's promise is being made (never awaited). */
const NEVER: Promise<never> = new Promise<never>(() => {});

function rejected(error: unknown): Promise<never> {
  const p = Promise.reject(error);
  p.catch(() => {});
  return p;
}

/** One name asked in an evaluation. */
interface Entry {
  promise: Promise<string[][]>;
  /** The outcome once settled; undefined while the lookup is pending. */
  query: TraceQuery | undefined;
  /** The name, normalised (the key of the memo). */
  name: string;
  owner: EvaluationResolver;
  /** Settle `promise` from the caller's answer, or early when the evaluation stops. */
  resolve: ((records: string[][]) => void) | undefined;
  reject: ((reason: unknown) => void) | undefined;
}

/**
 * Lookups of every evaluation waiting to be sent: `EvaluationResolver.flush` sends them from one
 * microtask.
 *
 * Why not call the resolver at once: the caller's resolver runs on top of whatever stack calls
 * it, and an in-memory or static resolver creates its `Error` right there (NXDOMAIN and NODATA
 * are rejections, so most lookups of a tree walk fail). V8 records up to `Error.stackTraceLimit`
 * (10) frames for every error, decoding each optimised frame, so each failure paid for ten
 * frames of evaluate, discovery, walk and the caller's own code, about as much as the rest of
 * the lookup. Sent from a microtask, the resolver sees one frame of ours (`flush`) and no
 * await chain behind it. Resolvers that reject from their own callbacks (node:dns, DoH) never
 * paid this; for them the hop costs one microtask per batch of lookups.
 */
const outbox: Entry[] = [];
/**
 * Schedules `EvaluationResolver.flush`: a reaction on a settled promise is a bare microtask, where
 * `queueMicrotask` in Node wraps each callback in an async resource (three more frames).
 */
const SETTLED = Promise.resolve();

/**
 * A class rather than closures: one allocation per evaluation, methods on the prototype (call
 * them as methods: `resolveTxt` is not bound).
 */
class EvaluationResolver implements MemoResolver {
  readonly log: TraceQuery[] = [];
  upstreamQueries = 0;
  private readonly entries = new Map<string, Entry>();
  private failure: LookupFailure | undefined;
  private readonly inner: DnsResolver;
  private readonly maxQueries: number;
  private readonly callOptions: DnsQueryOptions | undefined;
  private readonly stop: StopState | undefined;
  private readonly keepRecords: boolean;

  constructor(
    inner: DnsResolver,
    maxQueries: number,
    callOptions: DnsQueryOptions | undefined,
    stop: StopState | undefined,
    keepRecords: boolean,
  ) {
    this.inner = inner;
    this.maxQueries = maxQueries;
    this.callOptions = callOptions;
    this.stop = stop;
    this.keepRecords = keepRecords;
    if (stop !== undefined) stop.resolver = this;
  }

  /**
   * The evaluation stopped: every pending lookup rejects with `reason` at once, so the walks
   * waiting on them finish now, even when the caller's resolver never answers. The entries stay
   * unanswered (see {@link unanswered}); a late answer is still logged.
   */
  abandon(reason: unknown): void {
    for (const entry of this.entries.values()) {
      if (entry.query === undefined) entry.reject?.(reason);
    }
  }

  outcomeOf(name: string): TraceQuery | undefined {
    return this.entries.get(key(name))?.query;
  }

  firstFailure(): LookupFailure | undefined {
    return this.failure;
  }

  unanswered(): string[] {
    const waiting: string[] = [];
    for (const [name, entry] of this.entries) if (entry.query === undefined) waiting.push(name);
    return waiting;
  }

  resolveTxt(name: string): Promise<string[][]> {
    const k = key(name);
    const known = this.entries.get(k);
    if (known !== undefined) return known.promise;
    const entry: Entry = {
      promise: NEVER,
      query: undefined,
      name: k,
      owner: this,
      resolve: undefined,
      reject: undefined,
    };
    this.entries.set(k, entry);
    const stop = this.stop;
    if (stop?.stopped) {
      this.settleStopped(entry, stop);
      entry.promise = rejected(stop.reason);
      return entry.promise;
    }
    if (this.upstreamQueries >= this.maxQueries) {
      const max = this.maxQueries;
      this.settle(
        entry,
        {
          name: k,
          outcome: 'temperror',
          code: BUDGET_CODE,
          note: `not sent: the budget of ${max} queries is spent`,
        },
        'query-budget',
      );
      const error = new DnsError(
        'ECANCELLED',
        name,
        `query budget of ${max} exhausted before ${name}`,
      );
      (error as { code: string }).code = BUDGET_CODE;
      entry.promise = rejected(error);
      return entry.promise;
    }
    this.upstreamQueries++;
    entry.promise = new Promise<string[][]>((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    if (outbox.push(entry) === 1) SETTLED.then(EvaluationResolver.flush);
    return entry.promise;
  }

  /**
   * Sends the lookups in the outbox to the callers' resolvers, from a microtask (see
   * {@link outbox}). All in this one frame: each frame below the resolver costs every error it
   * makes. Static, so it reaches each entry's resolver without a method call per entry.
   */
  static flush(this: void): void {
    // Lookups asked while flushing are sent in this loop too (none are: a walk goes on from the
    // answer's own microtask).
    for (let i = 0; i < outbox.length; i++) {
      const entry = outbox[i] as Entry;
      const self = entry.owner;
      const k = entry.name;
      const stop = self.stop;
      if (stop?.stopped) {
        // Stopped between the ask and the send: not sent, as if asked after the stop.
        self.upstreamQueries--;
        const reject = entry.reject;
        self.settleStopped(entry, stop);
        reject?.(stop.reason);
        continue;
      }
      let call: Promise<string[][]>;
      try {
        call =
          self.callOptions === undefined
            ? self.inner.resolveTxt(k)
            : self.inner.resolveTxt(k, self.callOptions);
      } catch (error) {
        call = Promise.reject(error);
      }
      // Not raced here: when the evaluation stops, `abandon` settles what is still pending.
      Promise.resolve(call).then(
        (records) => self.answered(entry, records),
        (error: unknown) => self.failed(entry, error),
      );
    }
    outbox.length = 0;
  }

  /** Settles `entry` as a lookup not sent because the evaluation had stopped. */
  private settleStopped(entry: Entry, stop: StopState): void {
    this.settle(
      entry,
      {
        name: entry.name,
        outcome: 'temperror',
        code: errorCode(stop.reason),
        note: 'not sent: the evaluation had stopped',
      },
      stop.by === 'deadline' ? 'deadline' : undefined,
    );
  }

  private settle(entry: Entry, query: TraceQuery, cause?: 'deadline' | 'query-budget'): void {
    entry.query = query;
    entry.resolve = undefined;
    entry.reject = undefined;
    if (this.keepRecords) this.log.push(query);
    if (query.outcome === 'temperror' && this.failure === undefined) {
      this.failure = { name: query.name, code: query.code ?? 'EUNKNOWN', cause: cause ?? 'dns' };
    }
  }

  private answered(entry: Entry, records: string[][]): void {
    const resolve = entry.resolve;
    const query: TraceQuery = { name: entry.name, outcome: 'answer' };
    if (this.keepRecords) {
      const joined: string[] = [];
      if (Array.isArray(records)) {
        for (const r of records) joined.push(Array.isArray(r) ? r.join('') : String(r));
      }
      query.records = joined;
    }
    this.settle(entry, query);
    resolve?.(records);
  }

  private failed(entry: Entry, error: unknown): void {
    const reject = entry.reject;
    const k = entry.name;
    const code = errorCode(error);
    const stop = this.stop;
    if (code === 'ENOTFOUND') this.settle(entry, { name: k, outcome: 'nxdomain' });
    else if (code === 'ENODATA') this.settle(entry, { name: k, outcome: 'nodata' });
    else if (stop?.stopped) {
      this.settle(
        entry,
        {
          name: k,
          outcome: 'temperror',
          code,
          note: `stopped by the ${stop.by === 'deadline' ? 'deadline' : 'caller'}`,
        },
        stop.by === 'deadline' ? 'deadline' : undefined,
      );
    } else this.settle(entry, { name: k, outcome: 'temperror', code });
    reject?.(error);
  }
}

/**
 * Wraps `inner` for one evaluation.
 *
 * @param inner - The caller's resolver.
 * @param maxQueries - Most distinct names sent to `inner`.
 * @param callOptions - Passed to every lookup (the caller's signal), or `undefined`.
 * @param stop - The evaluation's stop state, or `undefined` for no deadline and no signal.
 * @param keepRecords - Keep the log and the TXT data of each answer, for the trace.
 */
export function createMemoResolver(
  inner: DnsResolver,
  maxQueries: number,
  callOptions: DnsQueryOptions | undefined,
  stop: StopState | undefined,
  keepRecords = false,
): MemoResolver {
  return new EvaluationResolver(inner, maxQueries, callOptions, stop, keepRecords);
}
