/**
 * `dmarc-kit evaluate --from ... --spf domain:result --dkim domain:result`: the DMARC verdict
 * for one message's authentication results (RFC 9989 §5.3), with the disposition a receiver
 * applies and the RFC 8601 `dmarc=` method string.
 * @module
 */
import { evaluate } from '../../evaluate/evaluate.js';
import { formatTrace } from '../../evaluate/trace.js';
import type {
  DkimResult,
  DmarcEvaluation,
  DmarcInput,
  EvaluateOptions,
  SpfResult,
} from '../../evaluate/types.js';
import {
  COMMON_OPTIONS,
  type Command,
  DNS_HELP,
  DNS_OPTIONS,
  EXIT,
  parse,
  stringList,
  stringOption,
  UsageError,
} from '../args.js';
import { formatDiagnostics, json, printable, type Styles, table } from '../output.js';
import { dnsFlagsOf, resolverFromFlags } from '../resolver-from-flags.js';
import { parseMethod } from './check.js';

const SPF_RESULTS: readonly SpfResult['result'][] = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
];
const DKIM_RESULTS: readonly DkimResult['result'][] = [
  'pass',
  'fail',
  'neutral',
  'none',
  'policy',
  'temperror',
  'permerror',
];

const HELP = `Usage: dmarc-kit evaluate --from <address|domain> [--spf domain:result] [--dkim domain:result[:selector]]... [options]

Evaluates DMARC for one message, given its From domain and the results of SPF
and DKIM checks that already ran: looks up the policy, checks identifier
alignment, and prints the verdict, the disposition and the Authentication-Results
method string (RFC 8601).

Message:
  --from VALUE           the RFC5322.From address, domain or whole header value
  --spf DOMAIN:RESULT    the SPF result for the MAIL FROM domain; RESULT is one of
                         ${SPF_RESULTS.join(', ')}
  --dkim DOMAIN:RESULT[:SELECTOR]
                         a DKIM result (repeat for several signatures); RESULT is one
                         of ${DKIM_RESULTS.join(', ')}
  --mode MODE            rfc9989 (default) or rfc7489 (pct sampling, PSL discovery rules)
  --trace                also print every lookup and decision step

Output:
  --json                 print the evaluation as JSON
  -h, --help             show this help

${DNS_HELP}

Exit codes: 0 DMARC pass or none (no policy), 1 DMARC fail or permerror,
2 usage error, unreadable zone file, or temperror (DNS failed).

Example:
  dmarc-kit evaluate --from alice@example.com --spf example.com:pass --dkim example.com:fail:s1`;

/** Parses `domain:result` (and an optional `:selector` for DKIM). */
export function parseAuthResult<R extends string>(
  flag: string,
  value: string,
  allowed: readonly R[],
  withSelector: boolean,
): { domain: string; result: R; selector?: string } {
  const first = value.indexOf(':');
  if (first <= 0)
    throw new UsageError(`--${flag} needs DOMAIN:RESULT (got ${JSON.stringify(value)}).`);
  const domain = value.slice(0, first);
  const rest = value.slice(first + 1);
  const second = withSelector ? rest.indexOf(':') : -1;
  const result = (second < 0 ? rest : rest.slice(0, second)).toLowerCase();
  if (!(allowed as readonly string[]).includes(result))
    throw new UsageError(
      `--${flag}: unknown result ${JSON.stringify(result)}; use one of ${allowed.join(', ')}.`,
    );
  const out: { domain: string; result: R; selector?: string } = { domain, result: result as R };
  if (second >= 0) {
    const selector = rest.slice(second + 1);
    if (selector === '')
      throw new UsageError(`--${flag}: empty selector in ${JSON.stringify(value)}.`);
    out.selector = selector;
  }
  return out;
}

/** An evaluation as text. */
export function formatEvaluation(evaluation: DmarcEvaluation, s: Styles): string {
  const colour =
    evaluation.result === 'pass' ? s.green : evaluation.result === 'none' ? s.yellow : s.red;
  const rows: string[][] = [];
  const row = (name: string, value: string): void => {
    rows.push([s.bold(name), value]);
  };
  row('DMARC', colour(evaluation.result));
  row('From domain', printable(evaluation.fromDomain));
  if (evaluation.policyDomain !== undefined)
    row('Policy', `_dmarc.${printable(evaluation.policyDomain)}`);
  if (evaluation.appliedPolicy !== undefined)
    row('Applied', `${evaluation.policySource ?? 'p'}=${evaluation.appliedPolicy}`);
  row('Disposition', evaluation.disposition);
  const aligned = (a: boolean): string => (a ? s.green('aligned') : s.yellow('not aligned'));
  if (evaluation.spf !== undefined)
    row(
      'SPF',
      `${printable(evaluation.spf.domain)} ${evaluation.spf.result}, ${aligned(evaluation.spf.aligned)}`,
    );
  for (const d of evaluation.dkim) {
    const selector = d.selector === undefined ? '' : s.dim(` (s=${printable(d.selector)})`);
    row('DKIM', `${printable(d.domain)} ${d.result}, ${aligned(d.aligned)}${selector}`);
  }
  const body = table(rows)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  const parts = [s.bold(printable(evaluation.authenticationResults)), body];
  if (evaluation.diagnostics.length > 0)
    parts.push(`  ${s.bold('Findings')}\n${formatDiagnostics(evaluation.diagnostics, s, '    ')}`);
  return parts.join('\n');
}

/** `dmarc-kit evaluate`. */
export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: "evaluate DMARC for one message's SPF and DKIM results",
  help: HELP,
  async run(argv, { io, out }) {
    const { values, positionals } = parse(argv, {
      ...COMMON_OPTIONS,
      ...DNS_OPTIONS,
      from: { type: 'string' },
      spf: { type: 'string' },
      dkim: { type: 'string', multiple: true },
      mode: { type: 'string' },
      trace: { type: 'boolean' },
    });
    if (values.help === true) {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    if (positionals.length > 0)
      throw new UsageError(
        `evaluate takes no positional arguments (got ${JSON.stringify(positionals[0])}).`,
      );
    const from = stringOption(values, 'from');
    if (from === undefined || from === '') throw new UsageError('evaluate needs --from.');
    const input: DmarcInput = { from };
    const spf = stringOption(values, 'spf');
    if (spf !== undefined) input.spf = parseAuthResult('spf', spf, SPF_RESULTS, false);
    const dkim = stringList(values, 'dkim').map((v) =>
      parseAuthResult('dkim', v, DKIM_RESULTS, true),
    );
    if (dkim.length > 0) input.dkim = dkim;
    const mode = stringOption(values, 'mode');
    if (mode !== undefined && mode !== 'rfc9989' && mode !== 'rfc7489')
      throw new UsageError(`--mode is rfc9989 or rfc7489 (got ${JSON.stringify(mode)}).`);
    const method = parseMethod(stringOption(values, 'method'));
    const { resolver } = resolverFromFlags(dnsFlagsOf(values));
    const options: EvaluateOptions = { resolver };
    if (method !== undefined) options.method = method;
    if (mode !== undefined) options.mode = mode;
    if (values.trace === true) options.trace = true;
    const evaluation = await evaluate(input, options);
    if (values.json === true) io.stdout.write(json(evaluation));
    else {
      let text = formatEvaluation(evaluation, out);
      if (evaluation.trace !== undefined)
        text += `\n  ${out.bold('Trace')}\n${formatTrace(evaluation.trace)
          .split('\n')
          .map((l) => `    ${printable(l)}`)
          .join('\n')}`;
      io.stdout.write(`${text}\n`);
    }
    if (evaluation.result === 'temperror') return EXIT.usage;
    return evaluation.result === 'fail' || evaluation.result === 'permerror'
      ? EXIT.findings
      : EXIT.ok;
  },
};
