/**
 * `dmarc-kit check <domain...>`: each domain's DMARC record, rollout stage and next step,
 * report destinations, SPF, Null MX and "no mail" verdict.
 * @module
 */
import {
  type CheckDomainOptions,
  checkDomain,
  type DomainCheck,
} from '../../check/check-domain.js';
import type { DiscoveryMethod } from '../../org-domain/types.js';
import {
  COMMON_OPTIONS,
  type Command,
  DNS_HELP,
  DNS_OPTIONS,
  EXIT,
  parse,
  stringOption,
  UsageError,
} from '../args.js';
import { formatDiagnostics, hasErrors, json, printable, type Styles, table } from '../output.js';
import { dnsFlagsOf, resolverFromFlags } from '../resolver-from-flags.js';

const HELP = `Usage: dmarc-kit check [options] <domain...>

Checks each domain's email authentication posture: where its DMARC record lives
and what is wrong with it, the rollout stage (none, monitoring, quarantine,
reject) and the next step, whether external report destinations authorize
reports (RFC 9990), its SPF record, Null MX (RFC 7505), and whether a domain
that handles no mail says so in all three places.

Options:
  --json                 print the checks as a JSON array
  -h, --help             show this help

${DNS_HELP}

Exit codes: 0 no findings at error level, 1 findings at error level,
2 usage error, unreadable zone file, or a DMARC lookup that failed temporarily.

Examples:
  dmarc-kit check example.com
  dmarc-kit check --zone fixtures/example/example.zone example.com example.org
  dmarc-kit check --server 127.0.0.1:5353 --json example.com`;

/** Parses `--method`. */
export function parseMethod(value: string | undefined): DiscoveryMethod | undefined {
  if (value === undefined) return undefined;
  if (value === 'tree-walk' || value === 'psl') return value;
  throw new UsageError(`--method is tree-walk or psl (got ${JSON.stringify(value)}).`);
}

const STAGE_LABEL: Readonly<Record<DomainCheck['stage'], string>> = {
  none: 'none (no DMARC record)',
  monitoring: 'monitoring (no enforcement)',
  quarantine: 'quarantine',
  reject: 'reject (enforced)',
};

/** One domain's check as text. */
export function formatCheck(check: DomainCheck, s: Styles): string {
  const rows: string[][] = [];
  const { dmarc } = check;
  const row = (name: string, value: string): void => {
    rows.push([s.bold(name), value]);
  };
  if (dmarc.status === 'found' && dmarc.policyDomain !== undefined) {
    const where =
      dmarc.policyDomain === check.domain ? '' : s.dim(` (inherited from ${dmarc.policyDomain})`);
    row('DMARC', `_dmarc.${printable(dmarc.policyDomain)}${where}`);
    if (dmarc.text !== undefined) row('', s.dim(printable(dmarc.text)));
  } else {
    row('DMARC', dmarc.status === 'temperror' ? s.yellow('lookup failed') : s.red('no record'));
  }
  const stageColour =
    check.stage === 'reject' ? s.green : check.stage === 'none' ? s.red : s.yellow;
  row('Stage', stageColour(STAGE_LABEL[check.stage]));
  row('Next step', printable(check.nextStep));
  for (const d of check.reportDestinations) {
    let status = 'same organization';
    if (d.domain === '') status = s.yellow('no host');
    else if (d.external)
      status =
        d.authorized === true
          ? s.green('external, authorized')
          : d.authorized === false
            ? s.red('external, NOT authorized')
            : s.yellow('external, lookup failed');
    row(`Reports ${d.tag}`, `${printable(d.uri)}  ${status}`);
  }
  const spf = check.spf;
  if (spf.status === 'found' && spf.text !== undefined) {
    row(
      'SPF',
      `${printable(spf.text)}${spf.all === undefined ? '' : s.dim(`  (all: ${spf.all})`)}`,
    );
  } else {
    const label = {
      none: s.red('no record'),
      multiple: s.red('several records'),
      temperror: s.yellow('lookup failed'),
    };
    row('SPF', spf.status === 'found' ? '' : label[spf.status]);
  }
  row('Null MX', check.nullMx ? 'yes (receives no mail)' : 'no');
  if (check.noMail.declared) row('No mail', s.green('declared in MX, SPF and DMARC'));
  else if (check.diagnostics.some((d) => d.code === 'no-mail-incomplete')) {
    row('No mail', s.yellow('partly declared; also publish:'));
    for (const line of check.noMail.missing) row('', printable(line));
  }
  const body = table(rows)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `${s.bold(printable(check.domain))}\n${body}\n  ${s.bold('Findings')}\n${formatDiagnostics(check.diagnostics, s, '    ')}`;
}

/** `dmarc-kit check`. */
export const checkCommand: Command = {
  name: 'check',
  summary: "check a domain's DMARC, SPF and MX posture and get the next step",
  help: HELP,
  async run(argv, { io, out }) {
    const { values, positionals } = parse(argv, { ...COMMON_OPTIONS, ...DNS_OPTIONS });
    if (values.help === true) {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    if (positionals.length === 0) throw new UsageError('check needs at least one domain.');
    const method = parseMethod(stringOption(values, 'method'));
    const { resolver } = resolverFromFlags(dnsFlagsOf(values));
    const options: CheckDomainOptions = { resolver };
    if (method !== undefined) options.method = method;
    const checks = await mapLimited(positionals, 4, (domain) => checkDomain(domain, options));
    if (values.json === true) io.stdout.write(json(checks));
    else io.stdout.write(`${checks.map((c) => formatCheck(c, out)).join('\n\n')}\n`);
    if (checks.some((c) => c.dmarc.status === 'temperror')) return EXIT.usage;
    return checks.some((c) => hasErrors(c.diagnostics)) ? EXIT.findings : EXIT.ok;
  },
};

/** Maps with at most `limit` calls in flight, keeping the order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
