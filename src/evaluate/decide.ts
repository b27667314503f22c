/**
 * The DMARC verdict and disposition from discovery plus the caller's SPF and DKIM results,
 * with no I/O (RFC 9989 §5.3, RFC 7489 §6.6).
 * @module
 */
import { type AlignmentCheck, checkAlignment, normalizeDomain } from '../alignment/is-aligned.js';
import { type Diagnostic, makeDiagnostic } from '../diagnostics.js';
import { asciiLower } from '../internal/ascii.js';
import type { PolicyDiscovery } from '../org-domain/types.js';
import type { AlignmentMode, DmarcRecord, Policy } from '../record/types.js';
import { formatAuthenticationResults } from './authentication-results.js';
import { EVALUATE_DIAGNOSTICS, type EvaluateDiagnosticCode } from './catalogue.js';
import { extractAuthorDomains } from './from-domain.js';
import type {
  DecideOptions,
  DmarcEvaluation,
  DmarcInput,
  DmarcMode,
  PolicySource,
  TemperrorCause,
  TraceIdentifier,
} from './types.js';

/** Builds an evaluate diagnostic from the catalogue. */
export function evaluateDiagnostic(code: EvaluateDiagnosticCode, message: string): Diagnostic {
  return makeDiagnostic(code, EVALUATE_DIAGNOSTICS[code], message);
}

/**
 * Decides DMARC for one message from a finished policy discovery (RFC 9989 §5.3.3-§5.3.6,
 * RFC 7489 §6.6.2-§6.6.4). Pure: no DNS, no clock; `random` is called only for pct sampling.
 *
 * - DMARC passes when SPF passed for an aligned domain or any DKIM signature passed with an
 *   aligned `d=` (RFC 9989 §4.4, §5.3.5).
 * - The policy is `p` at the author domain, and `sp` (existing) or `np` (NXDOMAIN, RFC 9989
 *   §3.2.13) when the record was found above it; `np` falls back to `sp`, then `p`
 *   (RFC 9989 §4.7). RFC 7489 mode knows only `p` and `sp`.
 * - A missing or invalid `p`, or an invalid `sp`/`np`, acts as `p=none` when `rua` holds a
 *   valid URI and is otherwise a `permerror` (RFC 9989 §4.10.1; RFC 9989 treats an absent `p`
 *   as `p=none`, RFC 7489 requires it).
 * - `t=y` lowers the disposition one step (RFC 9989 §4.7); in RFC 7489 mode a message outside
 *   the `pct` sample is lowered one step (RFC 7489 §6.6.4). `pct` is ignored in RFC 9989 mode.
 * - A failed discovery, an organizational domain that could not be found for an identifier
 *   that might align, or an SPF/DKIM `temperror` that might have aligned gives `temperror`
 *   (RFC 9989 §5.3.6, RFC 7489 §6.6.2).
 *
 * The author domain is `discovery.fromDomain`; `input.from` supplies the list of author
 * domains reported back. For a From header with several domains, use `evaluate`.
 *
 * @param input - The From header and the SPF and DKIM results.
 * @param discovery - The result of `discoverPolicy` for the author domain.
 * @param organizationalDomain - The organizational domain function of the discovery method.
 * @param options - Mode, random source for pct, whether the author domain exists.
 * @returns The verdict, the disposition and the Authentication-Results method string.
 * @example
 * const discovery = await discoverPolicy('example.com', { resolver });
 * const verdict = decide(
 *   { from: 'a@example.com', spf: { domain: 'bounce.example.com', result: 'pass' } },
 *   discovery,
 *   (d) => organizationalDomain(d),
 * );
 * verdict.result; // 'pass'
 */
export function decide(
  input: DmarcInput,
  discovery: PolicyDiscovery,
  organizationalDomain: (domain: string) => string | null,
  options: DecideOptions = {},
): DmarcEvaluation {
  const authorDomains =
    typeof input?.from === 'string' ? extractAuthorDomains(input.from).domains : [];
  return decideFor(
    input,
    authorDomains,
    discovery,
    organizationalDomain,
    decideSettings(options),
    [],
  );
}

/**
 * What {@link decideFor} needs to know, every field always present: one object shape for every
 * call, so the engine's property reads stay fast.
 */
export interface DecideSettings {
  mode: DmarcMode;
  random: (() => number) | undefined;
  authorDomain: 'exists' | 'nxdomain' | 'temperror' | undefined;
  trace: boolean;
  /** Stop checking passing identifiers once one aligned (evaluate's tree walk). */
  skipAfterPass: boolean;
}

/** The settings of {@link decide}'s options. */
export function decideSettings(options: DecideOptions): DecideSettings {
  return {
    mode: options?.mode ?? 'rfc9989',
    random: options?.random,
    authorDomain: options?.authorDomain,
    trace: options?.trace === true,
    skipAfterPass: false,
  };
}

/** The engine behind {@link decide}, with the author domains already extracted. */
export function decideFor(
  input: DmarcInput,
  authorDomains: string[],
  discovery: PolicyDiscovery,
  organizationalDomain: (domain: string) => string | null | undefined,
  options: DecideSettings,
  diagnostics: Diagnostic[],
): DmarcEvaluation {
  const mode: DmarcMode = options.mode;
  const steps: string[] | undefined = options.trace ? [] : undefined;
  const fromDomain = normalizeDomain(discovery.fromDomain) ?? '';
  const identifiers = collectIdentifiers(input);
  const evaluation: DmarcEvaluation = {
    result: 'none',
    fromDomain,
    disposition: 'none',
    spf: undefined,
    dkim: [],
    authenticationResults: '',
    authorDomains,
    diagnostics: diagnostics.concat(discovery.diagnostics ?? []),
  };
  const traceIds: TraceIdentifier[] | undefined = steps === undefined ? undefined : [];
  const finish = (): DmarcEvaluation =>
    finishEvaluation(evaluation, identifiers, mode, authorDomains, traceIds, steps);

  if (fromDomain === '') {
    evaluation.result = 'permerror';
    evaluation.diagnostics.push(
      evaluateDiagnostic(
        'from-no-domain',
        'The From header has no domain that DMARC can evaluate.',
      ),
    );
    steps?.push('The From header has no usable domain, so DMARC cannot be evaluated: permerror.');
    return finish();
  }
  if (discovery.organizationalDomain)
    evaluation.organizationalDomain = discovery.organizationalDomain;
  if (discovery.status === 'temperror') {
    evaluation.result = 'temperror';
    evaluation.temperrorCause = 'dns';
    evaluation.diagnostics.push(
      evaluateDiagnostic(
        'alignment-temperror',
        `Looking up the DMARC policy of ${fromDomain} failed temporarily.`,
      ),
    );
    steps?.push(`Policy discovery for ${fromDomain} failed with a temporary DNS error: temperror.`);
    return finish();
  }
  const record = discovery.record;
  if (discovery.status !== 'found' || record === undefined) {
    evaluation.result = 'none';
    steps?.push(`No DMARC record applies to ${fromDomain}, so DMARC does not apply: none.`);
    return finish();
  }
  evaluation.record = record;
  const policyDomain = normalizeDomain(discovery.policyDomain ?? fromDomain) ?? fromDomain;
  evaluation.policyDomain = policyDomain;
  steps?.push(
    `The DMARC record at _dmarc.${policyDomain} applies to ${fromDomain}${
      discovery.text !== undefined ? `: "${discovery.text}"` : ''
    }.`,
  );

  // Which of p, sp and np applies (RFC 9989 §4.7, §4.10.1; RFC 7489 §6.3, §6.6.3).
  const tags = effectiveTags(record, mode);
  let p = tags.p;
  let sp = tags.sp;
  let np = tags.np;
  if (tags.invalid.length > 0) {
    const what = tags.invalid.join(', ');
    if (record.rua.length > 0) {
      evaluation.diagnostics.push(
        evaluateDiagnostic(
          'policy-invalid-acts-as-none',
          `The record's ${what} is missing or invalid, but it has a valid rua, so it acts as p=none.`,
        ),
      );
      steps?.push(
        `The record's ${what} is missing or invalid and it has rua, so it acts as p=none.`,
      );
      p = 'none';
      sp = undefined;
      np = undefined;
    } else {
      evaluation.result = 'permerror';
      evaluation.diagnostics.push(
        evaluateDiagnostic(
          'policy-invalid',
          `The record's ${what} is missing or invalid and it has no valid rua, so no DMARC policy applies.`,
        ),
      );
      steps?.push(`The record's ${what} is missing or invalid and it has no rua: permerror.`);
      return finish();
    }
  }
  let source: PolicySource = 'p';
  let applied: Policy = p ?? 'none';
  let npUncertain = false;
  if (policyDomain !== fromDomain) {
    const existence = options.authorDomain ?? 'exists';
    if (np !== undefined && existence === 'nxdomain') {
      source = 'np';
      applied = np;
    } else if (sp !== undefined) {
      source = 'sp';
      applied = sp;
    }
    if (np !== undefined && existence === 'temperror' && np !== applied) npUncertain = true;
    steps?.push(
      `${fromDomain} is below ${policyDomain}${
        existence === 'nxdomain'
          ? ' and does not exist (NXDOMAIN)'
          : existence === 'temperror'
            ? ' (whether it exists is unknown)'
            : ''
      }, so ${source}=${applied} applies.`,
    );
  } else {
    steps?.push(`The record is at the author domain itself, so p=${applied} applies.`);
  }
  evaluation.appliedPolicy = applied;
  evaluation.policySource = source;

  // Alignment (RFC 9989 §4.4, §4.10.2, §5.3.4).
  const fromOrg = discovery.organizationalDomain
    ? (normalizeDomain(discovery.organizationalDomain) ?? undefined)
    : undefined;
  const orgOf = (d: string): string | null | undefined =>
    d === fromDomain && fromOrg !== undefined ? fromOrg : organizationalDomain(d);
  let pass = false;
  let unknownPass: Identifier | undefined;
  for (const id of identifiers) {
    if (id.result !== 'pass') continue;
    if (pass && options.skipAfterPass) continue;
    const check = checkAlignment(
      id.domain,
      fromDomain,
      id.kind === 'spf' ? record.aspf : record.adkim,
      orgOf,
    );
    id.check = check;
    if (check.aligned) pass = true;
    else if (check.reason === 'organizational-domain-unknown') unknownPass ??= id;
  }
  let temperrorId: Identifier | undefined;
  if (!pass) {
    for (const id of identifiers) {
      if (id.result !== 'temperror') continue;
      const check = checkAlignment(
        id.domain,
        fromDomain,
        id.kind === 'spf' ? record.aspf : record.adkim,
        orgOf,
      );
      id.check = check;
      if (check.aligned || check.reason === 'organizational-domain-unknown') temperrorId ??= id;
    }
  }
  // The per-identifier account is only for the trace.
  for (const id of steps === undefined ? NO_IDENTIFIERS : identifiers) {
    const mode = id.kind === 'spf' ? record.aspf : record.adkim;
    const t: TraceIdentifier = {
      kind: id.kind,
      domain: id.domain,
      result: id.result,
      mode,
      aligned: id.check?.aligned === true && id.result === 'pass',
      reason:
        id.check !== undefined
          ? id.check.reason
          : id.result === 'pass'
            ? 'not-checked'
            : 'not-a-pass',
    };
    if (id.selector !== undefined) t.selector = id.selector;
    const orgs = id.check?.organizationalDomains;
    if (orgs !== undefined && orgs.authenticated !== undefined)
      t.organizationalDomain = orgs.authenticated;
    traceIds?.push(t);
    steps?.push(describeIdentifier(t, fromDomain));
  }

  if (pass) {
    evaluation.result = 'pass';
    steps?.push('An aligned identifier passed, so DMARC passes: disposition none.');
    return finish();
  }
  const cause: TemperrorCause | undefined =
    unknownPass !== undefined
      ? 'dns'
      : temperrorId !== undefined
        ? temperrorId.kind
        : npUncertain
          ? 'dns'
          : undefined;
  if (cause !== undefined) {
    evaluation.result = 'temperror';
    evaluation.temperrorCause = cause;
    const message =
      unknownPass !== undefined
        ? `The organizational domain of ${unknownPass.domain} could not be found because of a temporary DNS error.`
        : temperrorId !== undefined
          ? `No aligned identifier passed and the ${temperrorId.kind.toUpperCase()} check for ${temperrorId.domain} failed temporarily.`
          : `Whether ${fromDomain} exists could not be determined, and np would change the policy.`;
    evaluation.diagnostics.push(
      evaluateDiagnostic(
        temperrorId !== undefined && unknownPass === undefined
          ? 'auth-temperror'
          : 'alignment-temperror',
        message,
      ),
    );
    steps?.push(`${message} DMARC cannot pass or fail: temperror.`);
    return finish();
  }

  evaluation.result = 'fail';
  let disposition: Policy = applied;
  if (mode === 'rfc9989') {
    if (record.t === 'y' && applied !== 'none') {
      disposition = lower(applied);
      evaluation.diagnostics.push(
        evaluateDiagnostic(
          'testing-mode-applied',
          `The record has t=y, so ${applied} is lowered to ${disposition}.`,
        ),
      );
      steps?.push(`t=y: the policy ${applied} is lowered one step to ${disposition}.`);
    }
    if (record.pct !== undefined && record.pct < 100) {
      evaluation.diagnostics.push(
        evaluateDiagnostic(
          'pct-ignored',
          `The record has pct=${record.pct}, which RFC 9989 ignores.`,
        ),
      );
      steps?.push(`pct=${record.pct} is historic in RFC 9989 and is ignored.`);
    }
  } else if (record.pct !== undefined && record.pct < 100 && applied !== 'none') {
    const draw = (options.random ?? Math.random)();
    const sampled = draw * 100 < record.pct;
    if (!sampled) {
      disposition = lower(applied);
      evaluation.diagnostics.push(
        evaluateDiagnostic(
          'pct-sampled-out',
          `The message fell outside the pct=${record.pct} sample, so ${applied} is lowered to ${disposition}.`,
        ),
      );
    }
    steps?.push(
      `pct=${record.pct}: the message is ${sampled ? 'inside' : 'outside'} the sample${
        sampled ? '' : `, so ${applied} is lowered to ${disposition}`
      }.`,
    );
  }
  evaluation.disposition = disposition;
  steps?.push(`No aligned identifier passed, so DMARC fails: disposition ${disposition}.`);
  return finish();
}

/** Fills in the identifiers, the Authentication-Results string and, when tracing, the trace. */
function finishEvaluation(
  evaluation: DmarcEvaluation,
  identifiers: Identifier[],
  mode: DmarcMode,
  authorDomains: string[],
  traceIds: TraceIdentifier[] | undefined,
  steps: string[] | undefined,
): DmarcEvaluation {
  fillIdentifiers(evaluation, identifiers);
  evaluation.authenticationResults = formatAuthenticationResults(evaluation);
  if (steps !== undefined) {
    evaluation.trace = {
      method: 'tree-walk',
      mode,
      authorDomains,
      queries: [],
      walks: [],
      identifiers: traceIds ?? [],
      steps,
    };
    if (evaluation.temperrorCause !== undefined) {
      evaluation.trace.temperror = { cause: evaluation.temperrorCause };
    }
  }
  return evaluation;
}

/** One step down: reject → quarantine → none (RFC 9989 §4.7 `t`, RFC 7489 §6.6.4). */
function lower(policy: Policy): Policy {
  return policy === 'reject' ? 'quarantine' : 'none';
}

interface EffectiveTags {
  p: Policy | undefined;
  sp: Policy | undefined;
  np: Policy | undefined;
  /** The tags that are missing where required, or present with an invalid value. */
  invalid: string[];
}

function policyValue(value: string): Policy | undefined {
  const v = asciiLower(value.trim());
  return v === 'none' || v === 'quarantine' || v === 'reject' ? v : undefined;
}

/**
 * Effective tags by record, per mode. Discovery hands out the same frozen record for the same
 * text, so a receiver works them out once per record, not once per message.
 */
const EFFECTIVE_9989 = new WeakMap<DmarcRecord, EffectiveTags>();
const EFFECTIVE_7489 = new WeakMap<DmarcRecord, EffectiveTags>();

/** The p, sp and np a receiver uses, and which of them are broken (RFC 9989 §4.10.1). */
function effectiveTags(record: DmarcRecord, mode: DmarcMode): EffectiveTags {
  // Only frozen records can be cached: a caller's own record may change between calls.
  if (!Object.isFrozen(record)) return computeEffectiveTags(record, mode);
  const cache = mode === 'rfc9989' ? EFFECTIVE_9989 : EFFECTIVE_7489;
  let tags = cache.get(record);
  if (tags === undefined) {
    tags = computeEffectiveTags(record, mode);
    Object.freeze(tags.invalid);
    cache.set(record, Object.freeze(tags));
  }
  return tags;
}

function computeEffectiveTags(record: DmarcRecord, mode: DmarcMode): EffectiveTags {
  const out: EffectiveTags = {
    p: record.p,
    sp: record.sp,
    np: mode === 'rfc9989' ? record.np : undefined,
    invalid: [],
  };
  let sawP = false;
  let sawSp = false;
  let sawNp = false;
  // The parser may already have replaced a broken p with p=none; the raw tags tell.
  for (const tag of record.tags) {
    const name = tag.name;
    if (name === 'p' && !sawP) {
      sawP = true;
      if (policyValue(tag.value) === undefined) out.invalid.push('p');
    } else if (name === 'sp' && !sawSp) {
      sawSp = true;
      if (policyValue(tag.value) === undefined) out.invalid.push('sp');
    } else if (name === 'np' && !sawNp && mode === 'rfc9989') {
      sawNp = true;
      if (policyValue(tag.value) === undefined) out.invalid.push('np');
    }
  }
  // RFC 7489 §6.3 makes p REQUIRED; RFC 9989 §4.7 reads an absent p as p=none.
  if (!sawP && mode === 'rfc7489') out.invalid.unshift('p');
  return out;
}

const NO_IDENTIFIERS: readonly Identifier[] = [];

/** Every field always present: one object shape, however the identifier came. */
interface Identifier {
  kind: 'spf' | 'dkim';
  /** Normalised when possible, else as given. */
  domain: string;
  result: string;
  selector: string | undefined;
  check: AlignmentCheck | undefined;
}

function collectIdentifiers(input: DmarcInput): Identifier[] {
  const out: Identifier[] = [];
  const spf = input?.spf;
  if (spf && typeof spf.domain === 'string') {
    out.push({
      kind: 'spf',
      domain: normalizeDomain(spf.domain) ?? spf.domain,
      result: asciiLower(String(spf.result)),
      selector: undefined,
      check: undefined,
    });
  }
  const dkim = input?.dkim;
  if (Array.isArray(dkim)) {
    for (const sig of dkim) {
      if (!sig || typeof sig.domain !== 'string') continue;
      out.push({
        kind: 'dkim',
        domain: normalizeDomain(sig.domain) ?? sig.domain,
        result: asciiLower(String(sig.result)),
        selector: typeof sig.selector === 'string' ? sig.selector : undefined,
        check: undefined,
      });
    }
  }
  return out;
}

function fillIdentifiers(evaluation: DmarcEvaluation, identifiers: Identifier[]): void {
  for (const id of identifiers) {
    const aligned = id.result === 'pass' && id.check?.aligned === true;
    if (id.kind === 'spf') evaluation.spf = { domain: id.domain, result: id.result, aligned };
    else {
      const d: { domain: string; result: string; aligned: boolean; selector?: string } = {
        domain: id.domain,
        result: id.result,
        aligned,
      };
      if (id.selector !== undefined) d.selector = id.selector;
      evaluation.dkim.push(d);
    }
  }
}

const REASON_TEXT: Record<TraceIdentifier['reason'], string> = {
  identical: 'is identical to the author domain',
  'same-organizational-domain': 'has the same organizational domain as the author domain',
  'not-identical': 'is not identical to the author domain (strict alignment)',
  'different-organizational-domains': 'has a different organizational domain',
  'no-organizational-domain': 'has no organizational domain (a public suffix)',
  'organizational-domain-unknown':
    'has an organizational domain that could not be found (DNS error)',
  'invalid-domain': 'is not a valid domain name',
  'not-a-pass': 'did not pass, so it cannot align',
  'no-policy': 'was not checked because no policy applies',
  'not-checked': 'was not checked because another identifier already aligned',
};

function describeIdentifier(t: TraceIdentifier, fromDomain: string): string {
  const what =
    t.kind === 'spf'
      ? `SPF ${t.result} for ${t.domain}`
      : `DKIM ${t.result} for d=${t.domain}${t.selector ? ` s=${t.selector}` : ''}`;
  const mode = t.mode === 's' ? 'strict' : 'relaxed';
  const org = t.organizationalDomain ? ` (organizational domain ${t.organizationalDomain})` : '';
  const verdict = t.aligned ? 'aligned' : 'not aligned';
  return `${what}: ${verdict} with ${fromDomain} in ${mode} mode; it ${REASON_TEXT[t.reason]}${org}.`;
}

/** Exported for evaluate: the alignment mode of an identifier kind under a record. */
export function alignmentModeOf(record: DmarcRecord, kind: 'spf' | 'dkim'): AlignmentMode {
  return kind === 'spf' ? record.aspf : record.adkim;
}
