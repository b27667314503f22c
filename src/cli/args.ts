/**
 * Argument parsing on `node:util` `parseArgs`, with usage errors as a value the entry point
 * turns into exit code 2.
 * @module
 */
import { parseArgs } from 'node:util';
import type { CliIo, Styles } from './output.js';

/** Exit codes, documented in the README's "Command line" section. */
export const EXIT: Readonly<{ ok: 0; findings: 1; usage: 2 }> = Object.freeze({
  /** Done, nothing at error level. */
  ok: 0,
  /** Done, with findings at error level (or a DMARC fail for `evaluate`). */
  findings: 1,
  /** Usage error, unreadable file, or DNS failure that stopped the job. */
  usage: 2,
} as const);

/** A mistake in the command line: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What every command receives. */
export interface CommandContext {
  io: CliIo;
  /** Styles for stdout. */
  out: Styles;
  /** Styles for stderr. */
  err: Styles;
}

/** One subcommand. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  run(argv: readonly string[], context: CommandContext): Promise<number>;
}

/** Option descriptions in `parseArgs`'s format. */
export type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
>;

/** `parseArgs` in strict mode, with its errors turned into {@link UsageError}s. */
export function parse<T extends OptionSpec>(
  argv: readonly string[],
  options: T,
): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
} {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    return {
      values: values as Record<string, string | boolean | (string | boolean)[] | undefined>,
      positionals,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
}

/** A string option's value, or `undefined`. */
export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values. */
export function stringList(values: Record<string, unknown>, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** The options every command takes. */
export const COMMON_OPTIONS: {
  help: { type: 'boolean'; short: 'h' };
  json: { type: 'boolean' };
} = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const satisfies OptionSpec;

/** The DNS options of `check` and `evaluate`. */
export const DNS_OPTIONS: {
  server: { type: 'string' };
  doh: { type: 'string' };
  zone: { type: 'string' };
  timeout: { type: 'string' };
  method: { type: 'string' };
} = {
  server: { type: 'string' },
  doh: { type: 'string' },
  zone: { type: 'string' },
  timeout: { type: 'string' },
  method: { type: 'string' },
} as const satisfies OptionSpec;

/** Help text for the DNS options, shared by `check` and `evaluate`. */
export const DNS_HELP = `DNS (default: the system resolver):
  --server HOST[:PORT]   ask this DNS server (e.g. 127.0.0.1:5353, [::1]:53)
  --doh URL              DNS over HTTPS (RFC 8484), e.g. https://dns.google/dns-query
  --zone FILE            offline: answer from a zone file (no network)
  --timeout MS           time limit per lookup in milliseconds (default 5000)
  --method METHOD        policy discovery: tree-walk (RFC 9989, default) or psl (RFC 7489)`;
