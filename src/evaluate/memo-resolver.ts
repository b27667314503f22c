/**
 * A per-evaluation view of the caller's resolver: each name is asked once (the tree walks for
 * the SPF domain and each DKIM `d=` share what policy discovery already asked), the number of
 * distinct names is capped, and no lookup is sent once the evaluation has stopped (its deadline
 * or the caller's signal); `evaluate` itself stops waiting, even if the resolver never answers.
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
  /** Rejects with `reason` when the evaluation stops; `evaluate` races its work against it. */
  aborted: Promise<never>;
}

/** The first temporary failure of an evaluation and what caused it. */
export interface LookupFailure {
  name: string;
  code: string;
  cause: 'dns' | 'deadline' | 'query-budget';
}

/** A memoising, budgeted, stoppable resolver for one evaluation. */
export interface MemoResolver extends DnsResolver {
  /** Lookups in the order they settled. */
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

function rejected(error: unknown): Promise<never> {
  const p = Promise.reject(error);
  p.catch(() => {});
  return p;
}

/**
 * Wraps `inner` for one evaluation.
 *
 * @param inner - The caller's resolver.
 * @param maxQueries - Most distinct names sent to `inner`.
 * @param callOptions - Passed to every lookup (the caller's signal), or `undefined`.
 * @param stop - The evaluation's stop state, or `undefined` for no deadline and no signal.
 * @param keepRecords - Keep the TXT data of each answer for the trace.
 */
export function createMemoResolver(
  inner: DnsResolver,
  maxQueries: number,
  callOptions: DnsQueryOptions | undefined,
  stop: StopState | undefined,
  keepRecords = false,
): MemoResolver {
  // One map: the promise of each name, and its outcome once settled (undefined while pending).
  const entries = new Map<
    string,
    { promise: Promise<string[][]>; query: TraceQuery | undefined }
  >();
  const log: TraceQuery[] = [];
  let upstream = 0;
  let failure: LookupFailure | undefined;

  const settle = (query: TraceQuery, cause?: 'deadline' | 'query-budget'): void => {
    const entry = entries.get(query.name);
    if (entry !== undefined) entry.query = query;
    log.push(query);
    if (query.outcome === 'temperror' && failure === undefined) {
      failure = { name: query.name, code: query.code ?? 'EUNKNOWN', cause: cause ?? 'dns' };
    }
  };

  const resolveTxt = (name: string): Promise<string[][]> => {
    const k = key(name);
    const known = entries.get(k);
    if (known !== undefined) return known.promise;
    const entry: { promise: Promise<string[][]>; query: TraceQuery | undefined } = {
      promise: undefined as unknown as Promise<string[][]>,
      query: undefined,
    };
    entries.set(k, entry);
    let promise: Promise<string[][]>;
    if (stop?.stopped) {
      settle(
        {
          name: k,
          outcome: 'temperror',
          code: errorCode(stop.reason),
          note: 'not sent: the evaluation had stopped',
        },
        stop.by === 'deadline' ? 'deadline' : undefined,
      );
      promise = rejected(stop.reason);
    } else if (upstream >= maxQueries) {
      settle(
        {
          name: k,
          outcome: 'temperror',
          code: BUDGET_CODE,
          note: `not sent: the budget of ${maxQueries} queries is spent`,
        },
        'query-budget',
      );
      const error = new DnsError(
        'ECANCELLED',
        name,
        `query budget of ${maxQueries} exhausted before ${name}`,
      );
      (error as { code: string }).code = BUDGET_CODE;
      promise = rejected(error);
    } else {
      upstream++;
      let call: Promise<string[][]>;
      try {
        call = callOptions === undefined ? inner.resolveTxt(k) : inner.resolveTxt(k, callOptions);
      } catch (error) {
        call = Promise.reject(error);
      }
      // Not raced here: `evaluate` races the whole evaluation against its stop, which costs one
      // race per message instead of one per lookup.
      promise = Promise.resolve(call);
      promise.then(
        (records) => {
          const query: TraceQuery = { name: k, outcome: 'answer' };
          if (keepRecords) {
            const joined: string[] = [];
            if (Array.isArray(records)) {
              for (const r of records) joined.push(Array.isArray(r) ? r.join('') : String(r));
            }
            query.records = joined;
          }
          settle(query);
        },
        (error: unknown) => {
          const code = errorCode(error);
          if (code === 'ENOTFOUND') settle({ name: k, outcome: 'nxdomain' });
          else if (code === 'ENODATA') settle({ name: k, outcome: 'nodata' });
          else if (stop?.stopped) {
            settle(
              {
                name: k,
                outcome: 'temperror',
                code,
                note: `stopped by the ${stop.by === 'deadline' ? 'deadline' : 'caller'}`,
              },
              stop.by === 'deadline' ? 'deadline' : undefined,
            );
          } else settle({ name: k, outcome: 'temperror', code });
        },
      );
    }
    entry.promise = promise;
    return promise;
  };

  return {
    resolveTxt,
    log,
    outcomeOf: (name) => entries.get(key(name))?.query,
    firstFailure: () => failure,
    unanswered: () => {
      const waiting: string[] = [];
      for (const [name, entry] of entries) if (entry.query === undefined) waiting.push(name);
      return waiting;
    },
    get upstreamQueries() {
      return upstream;
    },
  };
}
