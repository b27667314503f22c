/**
 * A per-evaluation view of the caller's resolver: each name is asked once (the tree walks for
 * the SPF domain and each DKIM `d=` share what policy discovery already asked), the number of
 * distinct names is capped, and every lookup gives up when the evaluation's signal fires, even if the resolver
 * never answers.
 * @module
 */
import { errorCode } from '../dns/outcome.js';
import { DnsError, type DnsQueryOptions, type DnsResolver } from '../dns/types.js';
import type { TraceQuery } from './types.js';

/** What the evaluation learnt about one name. */
export interface MemoEntry {
  promise: Promise<string[][]>;
  /** Filled in when the lookup settles. */
  query: TraceQuery | undefined;
}

/** A memoising, budgeted, abortable resolver for one evaluation. */
export interface MemoResolver extends DnsResolver {
  /** Lookups in the order they were first asked, with their outcomes once settled. */
  readonly log: TraceQuery[];
  /** The outcome for `name`, when it was asked and has settled. */
  outcomeOf(name: string): TraceQuery | undefined;
  /** The first lookup that failed temporarily, with the reason. */
  firstFailure():
    | { name: string; code: string; cause: 'dns' | 'deadline' | 'query-budget' }
    | undefined;
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

/**
 * Wraps `inner` for one evaluation.
 *
 * @param inner - The caller's resolver.
 * @param maxQueries - Most distinct names sent to `inner`.
 * @param signal - Aborts every pending and future lookup (the evaluation's deadline).
 * @param aborted - Rejects when `signal` fires; raced against every lookup.
 */
export function createMemoResolver(
  inner: DnsResolver,
  maxQueries: number,
  signal: AbortSignal | undefined,
  aborted: Promise<never> | undefined,
): MemoResolver {
  const entries = new Map<string, MemoEntry>();
  const log: TraceQuery[] = [];
  let upstream = 0;
  let failure:
    | { name: string; code: string; cause: 'dns' | 'deadline' | 'query-budget' }
    | undefined;
  const callOptions: DnsQueryOptions | undefined = signal === undefined ? undefined : { signal };

  const settle = (
    name: string,
    query: TraceQuery,
    entry: MemoEntry,
    cause?: 'deadline' | 'query-budget',
  ): void => {
    entry.query = query;
    log.push(query);
    if (query.outcome === 'temperror' && failure === undefined) {
      failure = { name, code: query.code ?? 'EUNKNOWN', cause: cause ?? 'dns' };
    }
  };

  const resolveTxt = (name: string): Promise<string[][]> => {
    const k = key(name);
    const known = entries.get(k);
    if (known !== undefined) return known.promise;
    const entry: MemoEntry = {
      promise: undefined as unknown as Promise<string[][]>,
      query: undefined,
    };
    entries.set(k, entry);
    if (signal?.aborted) {
      const code = errorCode(signal.reason);
      settle(
        k,
        { name: k, outcome: 'temperror', code, note: 'not sent: the evaluation was stopped' },
        entry,
        'deadline',
      );
      entry.promise = Promise.reject(signal.reason);
      entry.promise.catch(() => {});
      return entry.promise;
    }
    if (upstream >= maxQueries) {
      settle(
        k,
        {
          name: k,
          outcome: 'temperror',
          code: BUDGET_CODE,
          note: `not sent: the budget of ${maxQueries} queries is spent`,
        },
        entry,
        'query-budget',
      );
      const error = new DnsError(
        'ECANCELLED',
        name,
        `query budget of ${maxQueries} exhausted before ${name}`,
      );
      (error as { code: string }).code = BUDGET_CODE;
      entry.promise = Promise.reject(error);
      entry.promise.catch(() => {});
      return entry.promise;
    }
    upstream++;
    let call: Promise<string[][]>;
    try {
      call = Promise.resolve(
        callOptions === undefined ? inner.resolveTxt(k) : inner.resolveTxt(k, callOptions),
      );
    } catch (error) {
      call = Promise.reject(error);
    }
    const raced = aborted === undefined ? call : Promise.race([call, aborted]);
    entry.promise = raced.then(
      (records) => {
        const joined: string[] = [];
        if (Array.isArray(records))
          for (const r of records) joined.push(Array.isArray(r) ? r.join('') : String(r));
        settle(k, { name: k, outcome: 'answer', records: joined }, entry);
        return records;
      },
      (error: unknown) => {
        const code = errorCode(error);
        if (code === 'ENOTFOUND') settle(k, { name: k, outcome: 'nxdomain' }, entry);
        else if (code === 'ENODATA') settle(k, { name: k, outcome: 'nodata' }, entry);
        else {
          const byDeadline = signal?.aborted === true;
          settle(
            k,
            byDeadline
              ? {
                  name: k,
                  outcome: 'temperror',
                  code,
                  note: 'stopped by the evaluation deadline or signal',
                }
              : { name: k, outcome: 'temperror', code },
            entry,
            byDeadline ? 'deadline' : undefined,
          );
        }
        throw error;
      },
    );
    entry.promise.catch(() => {});
    return entry.promise;
  };

  return {
    resolveTxt,
    log,
    outcomeOf: (name) => entries.get(key(name))?.query,
    firstFailure: () => failure,
    get upstreamQueries() {
      return upstream;
    },
  };
}
