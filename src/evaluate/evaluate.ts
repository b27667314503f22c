/**
 * DMARC for one message: policy discovery plus {@link decide}, with a deadline, a query budget
 * and per-evaluation memoisation (RFC 9989 §5.3, RFC 7489 §6.6).
 * @module
 */
import { isSameOrSubdomain, normalizeDomain } from '../alignment/is-aligned.js';
import type { Diagnostic } from '../diagnostics.js';
import { resolveOutcome } from '../dns/outcome.js';
import { DnsError } from '../dns/types.js';
import { discoverPolicyWith } from '../org-domain/discover.js';
import { findOrganizationalDomain, organizationalDomain } from '../org-domain/index.js';
import type {
  DiscoverPolicyOptions,
  DiscoveryMethod,
  PolicyDiscovery,
} from '../org-domain/types.js';
import { addDeadline, cancelDeadline, type Deadline } from './deadline.js';
import { type DecideSettings, decideFor, evaluateDiagnostic } from './decide.js';
import { extractAuthorDomains } from './from-domain.js';
import { createMemoResolver, type MemoResolver, type StopState } from './memo-resolver.js';
import type {
  DmarcEvaluation,
  DmarcInput,
  DmarcMode,
  EvaluateOptions,
  TraceWalk,
} from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_QUERIES = 24;
const DEFAULT_MAX_AUTHOR_DOMAINS = 4;

interface Settings {
  method: DiscoveryMethod;
  mode: DmarcMode;
  options: EvaluateOptions;
  memo: MemoResolver;
  signal: AbortSignal | undefined;
  walks: TraceWalk[] | undefined;
  /** The RFC 7489 §3.2 organizational domain by the evaluation's list (PSL method only). */
  pslOrg: ((domain: string) => string | null) | undefined;
  /** The options of every discovery of this evaluation. */
  discover: DiscoverPolicyOptions;
  input: DmarcInput;
  /** The author domains (normalised). */
  domains: string[];
  decideOptions: DecideSettings;
  /** Diagnostics about the From header, shared by every author domain's verdict. */
  diagnostics: Diagnostic[];
  timeoutMs: number;
  /** The evaluation's stop state, when it has a deadline or a signal. */
  stop: EvaluationStop | undefined;
  onCallerAbort: (() => void) | undefined;
}

/**
 * Evaluates DMARC for one message: extracts the author domain from the From header, discovers
 * its policy (the RFC 9989 tree walk by default, or the RFC 7489 PSL method), finds the
 * organizational domains alignment needs by the same method, and decides the verdict and the
 * disposition (see {@link decide}).
 *
 * Never rejects because of DNS or hostile input: DNS failures, the deadline (`timeoutMs`, which
 * holds even when the resolver never answers) and the query budget (`maxQueries` distinct names,
 * memoised, shared by every walk of the evaluation) give `temperror` with `temperrorCause` set.
 * It rejects with a `TypeError` without a resolver, a `RangeError` for a nonsensical limit, and
 * with `signal.reason` when the caller's `signal` aborts.
 *
 * A From header with several domains is evaluated per domain (at most `maxAuthorDomains`, more
 * is a `permerror`), and the strictest failing verdict is returned (RFC 7489 §6.6.1, RFC 9989
 * §11.5).
 *
 * @param input - The From header and the SPF and DKIM results the receiver already has.
 * @param options - The resolver, the discovery method and the limits.
 * @returns The verdict, with a trace when `trace` is set.
 * @example
 * import { evaluate } from 'dmarc-kit/evaluate';
 * import { createStaticResolver } from 'dmarc-kit/dns';
 * const resolver = createStaticResolver({ '_dmarc.example.com': { txt: ['v=DMARC1; p=reject'] } });
 * const verdict = await evaluate(
 *   { from: 'Alerts <alerts@news.example.com>', dkim: [{ domain: 'example.com', result: 'pass' }] },
 *   { resolver },
 * );
 * verdict.result; // 'pass'
 * verdict.authenticationResults; // 'dmarc=pass (p=reject dis=none) header.from=news.example.com'
 */
export function evaluate(input: DmarcInput, options: EvaluateOptions): Promise<DmarcEvaluation> {
  // Not an async function: the setup runs here and only `runEvaluation`, with a handful of
  // locals, suspends at each await (an async function saves all its registers every time).
  let run: Settings | DmarcEvaluation;
  try {
    run = prepareEvaluation(input, options);
  } catch (error) {
    return Promise.reject(error);
  }
  return 'memo' in run ? runEvaluation(run) : Promise.resolve(run);
}

/**
 * Checks the options, extracts the author domains and sets up the evaluation's memo resolver,
 * deadline and signal; returns the verdict itself when no DNS is needed.
 */
function prepareEvaluation(
  input: DmarcInput,
  options: EvaluateOptions,
): Settings | DmarcEvaluation {
  if (typeof options?.resolver?.resolveTxt !== 'function') {
    throw new TypeError('evaluate needs options.resolver with a resolveTxt method');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw new RangeError('timeoutMs must be a non-negative number of milliseconds (0 disables it)');
  }
  const maxQueries = options.maxQueries ?? DEFAULT_MAX_QUERIES;
  if (!Number.isInteger(maxQueries) || maxQueries < 1)
    throw new RangeError('maxQueries must be a positive integer');
  const maxAuthorDomains = options.maxAuthorDomains ?? DEFAULT_MAX_AUTHOR_DOMAINS;
  if (!Number.isInteger(maxAuthorDomains) || maxAuthorDomains < 1) {
    throw new RangeError('maxAuthorDomains must be a positive integer');
  }
  const callerSignal = options.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;
  const method: DiscoveryMethod = options.method ?? 'tree-walk';
  const mode: DmarcMode = options.mode ?? (method === 'psl' ? 'rfc7489' : 'rfc9989');

  const extracted = extractAuthorDomains(typeof input?.from === 'string' ? input.from : '');
  const domains = extracted.domains;
  const diagnostics: Diagnostic[] = [];
  for (const address of extracted.invalid) {
    diagnostics.push(
      evaluateDiagnostic(
        'from-invalid-domain',
        `The From address ${address} has no domain DMARC can use; it was skipped.`,
      ),
    );
  }
  const decideOptions: DecideSettings = {
    mode,
    random: options.random,
    authorDomain: undefined,
    trace: options.trace === true,
    skipAfterPass: false,
  };

  if (domains.length === 0) {
    return decideFor(
      input,
      domains,
      emptyDiscovery('', method),
      () => null,
      decideOptions,
      diagnostics,
    );
  }
  if (domains.length > maxAuthorDomains) {
    const evaluation = decideFor(
      input,
      domains,
      emptyDiscovery(domains[0] as string, method),
      () => null,
      decideOptions,
      diagnostics,
    );
    evaluation.result = 'permerror';
    evaluation.diagnostics.push(
      evaluateDiagnostic(
        'from-too-many-domains',
        `The From header names ${domains.length} domains, more than the limit of ${maxAuthorDomains}.`,
      ),
    );
    evaluation.authenticationResults = `dmarc=permerror header.from=${evaluation.fromDomain}`;
    return evaluation;
  }

  // One deadline for the whole evaluation (on a shared timer); it also carries the caller's abort.
  let stop: EvaluationStop | undefined;
  let onCallerAbort: (() => void) | undefined;
  const deadline = timeoutMs > 0 && Number.isFinite(timeoutMs);
  if (deadline || callerSignal !== undefined) {
    const state = new EvaluationStop(domains[0] as string, timeoutMs);
    stop = state;
    if (deadline) addDeadline(state, timeoutMs);
    if (callerSignal !== undefined) {
      onCallerAbort = () => state.halt('signal', callerSignal.reason);
      callerSignal.addEventListener('abort', onCallerAbort, { once: true });
    }
  }
  const memo = createMemoResolver(
    options.resolver,
    maxQueries,
    callerSignal === undefined ? undefined : { signal: callerSignal },
    stop,
    options.trace === true,
  );
  const settings: Settings = {
    method,
    mode,
    options,
    memo,
    signal: callerSignal,
    walks: options.trace === true ? [] : undefined,
    pslOrg: method === 'psl' ? pslOrganizationalDomainOf(options.psl) : undefined,
    discover: { resolver: memo, method },
    input,
    domains,
    decideOptions,
    diagnostics,
    timeoutMs,
    stop,
    onCallerAbort,
  };
  if (callerSignal !== undefined) settings.discover.signal = callerSignal;
  if (options.psl !== undefined) settings.discover.psl = options.psl;
  return settings;
}

/** Waits for every author domain's verdict, then combines them; always releases the stop. */
async function runEvaluation(run: Settings): Promise<DmarcEvaluation> {
  try {
    // Nothing here waits on anything but the memo resolver's lookups, and those reject as soon
    // as the evaluation stops (see `MemoResolver`): no race against the stop is needed.
    let results: DmarcEvaluation[] | undefined;
    try {
      results =
        run.domains.length === 1
          ? [await evaluateDomain(run, run.domains[0] as string)]
          : await Promise.all(run.domains.map((domain) => evaluateDomain(run, domain)));
    } catch (error) {
      if (run.signal?.aborted) throw run.signal.reason;
      if (run.stop?.by !== 'deadline') throw error;
      results = undefined;
    }
    return concludeEvaluation(run, results);
  } finally {
    const stop = run.stop;
    // Nothing happens for a stop that never went on the timer (a signal and no timeout).
    if (stop !== undefined) cancelDeadline(stop);
    if (run.onCallerAbort !== undefined)
      run.signal?.removeEventListener('abort', run.onCallerAbort);
  }
}

/** The verdict from the author domains' verdicts, or the deadline's when it passed. */
function concludeEvaluation(
  run: Settings,
  results: DmarcEvaluation[] | undefined,
): DmarcEvaluation {
  const { input, domains, decideOptions, diagnostics, memo, method, timeoutMs } = run;
  if (run.signal?.aborted) throw run.signal.reason;
  // Once the deadline passed, what the walks made of the abandoned lookups is not an answer.
  if (run.stop?.by === 'deadline' || results === undefined) {
    // The deadline passed before every lookup came back.
    const evaluation = decideFor(
      input,
      domains,
      { ...emptyDiscovery(domains[0] as string, method), status: 'temperror' },
      () => undefined,
      decideOptions,
      diagnostics,
    );
    evaluation.temperrorCause = 'deadline';
    const waiting = memo.unanswered();
    evaluation.diagnostics.push(
      evaluateDiagnostic(
        'deadline-exceeded',
        `The evaluation did not finish within ${timeoutMs} ms${
          waiting.length > 0 ? `; no answer yet for ${waiting.join(', ')}` : ''
        }.`,
      ),
    );
    attachTrace(evaluation, run, undefined);
    const trace = evaluation.trace;
    if (trace !== undefined) {
      for (const name of waiting)
        trace.queries.push({
          name,
          outcome: 'temperror',
          code: 'ETIMEOUT',
          note: 'no answer before the deadline',
        });
      trace.steps.splice(
        1 + trace.queries.length - waiting.length,
        0,
        ...waiting.map((name) => `TXT ${name}: no answer before the deadline of ${timeoutMs} ms.`),
      );
      trace.temperror = {
        cause: 'deadline',
        code: 'ETIMEOUT',
        ...(waiting[0] !== undefined ? { name: waiting[0] } : {}),
      };
    }
    return evaluation;
  }
  return combine(results, domains);
}

const organizationalDomainByShippedList = (d: string): string | null => organizationalDomain(d);

/** The PSL organizational-domain function of a list (the shipped one when `psl` is undefined). */
function pslOrganizationalDomainOf(psl: EvaluateOptions['psl']): (domain: string) => string | null {
  if (psl === undefined) return organizationalDomainByShippedList;
  const pslOptions = { psl };
  return (d) => organizationalDomain(d, pslOptions);
}

/**
 * Why and when an evaluation stops early: its deadline (an entry on the shared timer) or the
 * caller's signal. One object per evaluation, no closures.
 */
class EvaluationStop implements StopState, Deadline {
  stopped = false;
  by: 'deadline' | 'signal' | undefined = undefined;
  reason: unknown = undefined;
  resolver: StopState['resolver'] = undefined;
  at = 0;
  prev: Deadline | undefined = undefined;
  next: Deadline | undefined = undefined;
  private readonly domain: string;
  private readonly timeoutMs: number;

  constructor(domain: string, timeoutMs: number) {
    this.domain = domain;
    this.timeoutMs = timeoutMs;
  }

  halt(by: 'deadline' | 'signal', reason: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.by = by;
    this.reason = reason;
    this.resolver?.abandon(reason);
  }

  fire(): void {
    this.halt(
      'deadline',
      new DnsError(
        'ETIMEOUT',
        this.domain,
        `the evaluation deadline of ${this.timeoutMs} ms passed`,
      ),
    );
  }
}

function emptyDiscovery(fromDomain: string, method: DiscoveryMethod): PolicyDiscovery {
  return {
    status: 'none',
    fromDomain,
    organizationalDomain: '',
    queries: [],
    diagnostics: [],
    method,
  };
}

/** One author domain's evaluation, carried across its awaits. */
interface DomainState {
  run: Settings;
  discovery: PolicyDiscovery;
  /** The author domain as discovery normalised it. */
  fromDomain: string;
  /** The author domain's organizational domain, by discovery. */
  fromOrg: string;
  /** Whether the author domain exists, when np needs to know (RFC 9989 §3.2.13, §4.7). */
  authorDomain: DecideSettings['authorDomain'];
  /** Organizational domains found by alignment walks (made on the first walk). */
  found: Map<string, string | null | undefined> | undefined;
}

/**
 * The verdict for one author domain: discovery, then the np existence check and the alignment
 * walks when they are needed, then {@link decideFor}. Small on purpose: everything between the
 * awaits is in synchronous helpers.
 */
async function evaluateDomain(run: Settings, domain: string): Promise<DmarcEvaluation> {
  const state = afterDiscovery(
    run,
    domain,
    await discoverPolicyWith(domain, run.discover, run.pslOrg),
  );
  const existence = authorDomainCheck(state);
  if (existence !== undefined) state.authorDomain = await existence;
  const walks = alignmentWalks(state);
  if (walks !== undefined) await walks;
  return decideDomain(state);
}

function afterDiscovery(run: Settings, domain: string, discovery: PolicyDiscovery): DomainState {
  run.walks?.push({
    domain,
    purpose: 'policy-discovery',
    status: discovery.status,
    organizationalDomain: discovery.organizationalDomain,
    queries: discovery.queries,
  });
  const fromDomain = discovery.fromDomain || domain;
  return {
    run,
    discovery,
    fromDomain,
    fromOrg: discovery.organizationalDomain || fromDomain,
    authorDomain: undefined,
    found: undefined,
  };
}

/** np needs to know whether the author domain exists (RFC 9989 §3.2.13, §4.7); else undefined. */
function authorDomainCheck(
  state: DomainState,
): Promise<'exists' | 'nxdomain' | 'temperror'> | undefined {
  const { discovery, fromDomain } = state;
  const record = discovery.record;
  if (
    discovery.status === 'found' &&
    record !== undefined &&
    state.run.mode === 'rfc9989' &&
    discovery.policyDomain !== undefined &&
    discovery.policyDomain !== fromDomain &&
    record.tags.some((t) => t.name === 'np')
  ) {
    return authorDomainExistence(state.run.memo, fromDomain);
  }
  return undefined;
}

/** The tree walks alignment needs (tree walk only, when a policy applies), or undefined. */
function alignmentWalks(state: DomainState): Promise<void> | undefined {
  const { discovery, run } = state;
  const record = discovery.record;
  if (run.pslOrg !== undefined || discovery.status !== 'found' || record === undefined)
    return undefined;
  return walkIdentifiers(state, record.aspf, record.adkim);
}

function decideDomain(state: DomainState): DmarcEvaluation {
  const { run, discovery, fromDomain, fromOrg, authorDomain } = state;
  const decideOptions = run.decideOptions;
  let orgOf: (d: string) => string | null | undefined;
  let skipAfterPass = false;
  if (run.pslOrg !== undefined) {
    orgOf = run.pslOrg;
  } else {
    orgOf = (d) =>
      state.found?.has(d) ? state.found.get(d) : d === fromDomain ? fromOrg : undefined;
    skipAfterPass = discovery.status === 'found' && discovery.record !== undefined;
  }
  const local: DecideSettings =
    authorDomain === undefined && !skipAfterPass
      ? decideOptions
      : {
          mode: decideOptions.mode,
          random: decideOptions.random,
          authorDomain,
          trace: decideOptions.trace,
          skipAfterPass,
        };
  const evaluation = decideFor(run.input, run.domains, discovery, orgOf, local, run.diagnostics);
  refineTemperror(evaluation, run.memo);
  attachTrace(evaluation, run, run.method);
  return evaluation;
}

async function authorDomainExistence(
  memo: MemoResolver,
  domain: string,
): Promise<'exists' | 'nxdomain' | 'temperror'> {
  const first = memo.outcomeOf(`_dmarc.${domain}`);
  // A name below the author domain exists, so the author domain exists (RFC 8020).
  if (first !== undefined && (first.outcome === 'answer' || first.outcome === 'nodata'))
    return 'exists';
  const outcome = await resolveOutcome(() => memo.resolveTxt(domain));
  if (outcome.kind === 'nxdomain') return 'nxdomain';
  if (outcome.kind === 'temperror') return 'temperror';
  return 'exists';
}

/**
 * Tree walks for the identifiers that need one (RFC 9989 §4.10.2): passing identifiers in
 * relaxed mode under the author's organizational domain, in order, until one aligns; then,
 * when none did, the `temperror` ones that might have. `undefined` when no walk is needed
 * (an identical passing domain, or nothing under the organizational domain): most messages,
 * which then wait on nothing.
 */
function walkIdentifiers(
  state: DomainState,
  aspf: 'r' | 's',
  adkim: 'r' | 's',
): Promise<void> | undefined {
  const { run, fromDomain, fromOrg } = state;
  const input = run.input;
  const first = nextWalk(input, fromDomain, fromOrg, aspf, adkim, state.found);
  if (first === undefined) return undefined;
  const found = new Map<string, string | null | undefined>();
  state.found = found;
  return (async () => {
    let d: string | undefined = first;
    while (d !== undefined) {
      const walkOptions: Parameters<typeof findOrganizationalDomain>[1] = {
        resolver: run.memo,
        method: 'tree-walk',
      };
      if (run.signal !== undefined) walkOptions.signal = run.signal;
      const r = await findOrganizationalDomain(d, walkOptions);
      found.set(d, r.status === 'temperror' ? undefined : r.organizationalDomain);
      run.walks?.push({
        domain: d,
        purpose: 'alignment',
        status: r.status,
        organizationalDomain: r.organizationalDomain,
        queries: r.queries,
      });
      d = nextWalk(input, fromDomain, fromOrg, aspf, adkim, found);
    }
  })();
}

/**
 * The next domain {@link walkIdentifiers} must walk, or `undefined` when it is done: looks at
 * the passing identifiers in order (SPF, then each DKIM signature) until one is identical to
 * the author domain or its walk found the author's organizational domain; when none did, at
 * the `temperror` ones. Identifiers already walked are in `found`, so calling it again after
 * each walk goes on where the last call stopped.
 */
function nextWalk(
  input: DmarcInput,
  fromDomain: string,
  fromOrg: string,
  aspf: 'r' | 's',
  adkim: 'r' | 's',
  found: Map<string, string | null | undefined> | undefined,
): string | undefined {
  const spf = input.spf;
  const dkim = Array.isArray(input.dkim) ? input.dkim : undefined;
  for (let pass = 1; pass >= 0; pass--) {
    const wanted = pass === 1 ? 'pass' : 'temperror';
    const n = dkim === undefined ? 0 : dkim.length;
    // i = -1 is the SPF result, then the DKIM signatures in order.
    for (let i = -1; i < n; i++) {
      const c = i < 0 ? spf : dkim?.[i];
      if (!c || typeof c.domain !== 'string') continue;
      if (String(c.result).toLowerCase() !== wanted) continue;
      const d = normalizeDomain(c.domain);
      if (d === null) continue;
      if (d === fromDomain) {
        if (pass === 1) return undefined;
        continue;
      }
      if ((i < 0 ? aspf : adkim) === 's' || !isSameOrSubdomain(d, fromOrg)) continue;
      if (found === undefined || !found.has(d)) return d;
      if (pass === 1 && found.get(d) === fromOrg) return undefined;
    }
  }
  return undefined;
}

/** Names the cause of a DNS temperror: a failed lookup, the deadline or the query budget. */
function refineTemperror(evaluation: DmarcEvaluation, memo: MemoResolver): void {
  if (evaluation.result !== 'temperror' || evaluation.temperrorCause !== 'dns') return;
  const failure = memo.firstFailure();
  if (failure === undefined) return;
  if (failure.cause === 'query-budget') {
    evaluation.temperrorCause = 'query-budget';
    evaluation.diagnostics.push(
      evaluateDiagnostic(
        'query-budget-exhausted',
        `The DNS query budget ran out before ${failure.name} could be looked up.`,
      ),
    );
  } else if (failure.cause === 'deadline') {
    evaluation.temperrorCause = 'deadline';
    evaluation.diagnostics.push(
      evaluateDiagnostic(
        'deadline-exceeded',
        `The evaluation deadline passed while looking up ${failure.name}.`,
      ),
    );
  }
}

function attachTrace(
  evaluation: DmarcEvaluation,
  settings: Settings,
  method: DiscoveryMethod | undefined,
): void {
  const trace = evaluation.trace;
  if (trace === undefined) return;
  trace.method = method ?? settings.method;
  trace.queries = settings.memo.log.slice();
  trace.walks = (settings.walks ?? []).slice();
  const failure = settings.memo.firstFailure();
  const cause = evaluation.temperrorCause;
  if (cause !== undefined) {
    trace.temperror = { cause };
    if (failure !== undefined && cause !== 'spf' && cause !== 'dkim') {
      trace.temperror.name = failure.name;
      trace.temperror.code = failure.code;
    }
  }
  const dns: string[] = [
    `Evaluating ${trace.authorDomains.join(', ') || '(no author domain)'} with the ${
      trace.method === 'psl' ? 'Public Suffix List (RFC 7489)' : 'DNS tree walk (RFC 9989)'
    } in ${trace.mode === 'rfc7489' ? 'RFC 7489' : 'RFC 9989'} mode.`,
  ];
  for (const q of trace.queries) dns.push(describeQuery(q));
  for (const w of trace.walks) {
    dns.push(
      `${w.purpose === 'policy-discovery' ? 'Policy discovery' : 'Organizational domain walk'} for ${w.domain}: ${w.status}${
        w.organizationalDomain ? `, organizational domain ${w.organizationalDomain}` : ''
      } (asked ${w.queries.length === 0 ? 'nothing' : w.queries.join(', ')}).`,
    );
  }
  trace.steps = dns.concat(trace.steps);
}

function describeQuery(q: import('./types.js').TraceQuery): string {
  const note = q.note ? ` (${q.note})` : '';
  switch (q.outcome) {
    case 'answer':
      return `TXT ${q.name}: ${q.records?.length ?? 0} record(s)${
        q.records && q.records.length > 0
          ? `: ${q.records.map((r) => JSON.stringify(r)).join(', ')}`
          : ''
      }${note}.`;
    case 'nxdomain':
      return `TXT ${q.name}: NXDOMAIN, the name does not exist${note}.`;
    case 'nodata':
      return `TXT ${q.name}: no TXT records (NODATA)${note}.`;
    default:
      return `TXT ${q.name}: temporary failure ${q.code ?? ''}${note}.`;
  }
}

const DISPOSITION_RANK = { none: 0, quarantine: 1, reject: 2 } as const;

/** The strictest failing verdict wins; then temperror, permerror, pass, none (RFC 7489 §6.6.1). */
function combine(results: DmarcEvaluation[], domains: string[]): DmarcEvaluation {
  if (results.length === 1) return results[0] as DmarcEvaluation;
  const order = ['fail', 'temperror', 'permerror', 'pass', 'none'] as const;
  let best = results[0] as DmarcEvaluation;
  for (const r of results) {
    const a = order.indexOf(r.result);
    const b = order.indexOf(best.result);
    if (
      a < b ||
      (a === b &&
        r.result === 'fail' &&
        DISPOSITION_RANK[r.disposition] > DISPOSITION_RANK[best.disposition])
    ) {
      best = r;
    }
  }
  const chosen: DmarcEvaluation = { ...best, diagnostics: best.diagnostics.slice() };
  chosen.diagnostics.push(
    evaluateDiagnostic(
      'from-multiple-domains',
      `The From header names ${domains.length} domains (${domains.join(', ')}); each was evaluated and the verdict for ${best.fromDomain} applies.`,
    ),
  );
  if (chosen.trace !== undefined) {
    chosen.trace = {
      ...chosen.trace,
      steps: [
        `The From header names ${domains.length} domains; verdicts: ${results
          .map(
            (r) => `${r.fromDomain} ${r.result}${r.result === 'fail' ? ` (${r.disposition})` : ''}`,
          )
          .join(', ')}; the strictest applies (RFC 7489 §6.6.1).`,
        ...chosen.trace.steps,
      ],
    };
  }
  return chosen;
}
