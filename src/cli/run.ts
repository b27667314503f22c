/**
 * The CLI's dispatcher: picks the command, prints help and version, and turns usage and I/O
 * errors into messages on stderr with exit code 2. No `process` here: the entry point passes
 * the streams and environment in.
 * @module
 */
import { type Command, EXIT, UsageError } from './args.js';
import { checkCommand } from './commands/check.js';
import { evaluateCommand } from './commands/evaluate.js';
import { recordCommand } from './commands/record.js';
import { reportCommand } from './commands/report.js';
import { type CliIo, printable, styles, useColour } from './output.js';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  recordCommand,
  reportCommand,
  evaluateCommand,
];

/** The top-level `--help` text. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: dmarc-kit <command> [options]

Commands:
${list}

Run "dmarc-kit <command> --help" for a command's options.

Options:
  -h, --help      show this help
  -v, --version   print the version

Exit codes:
  0  done, no findings at error level
  1  findings at error level (check, record, report) or a DMARC fail (evaluate)
  2  usage error, unreadable file, or a DNS failure that stopped the job

Colour is used only when the output is a terminal and NO_COLOR is not set.`;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const out = styles(useColour(io.stdout, io.env));
  const err = styles(useColour(io.stderr, io.env));
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    io.stdout.write(`${mainHelp()}\n`);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  let name = first;
  let args = rest;
  if (first === 'help') {
    if (rest[0] === undefined) {
      io.stdout.write(`${mainHelp()}\n`);
      return EXIT.ok;
    }
    name = rest[0];
    args = ['--help'];
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (command === undefined) throw new UsageError(`Unknown command "${printable(name)}".`);
    return await command.run(args, { io, out, err });
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = command === undefined ? 'dmarc-kit --help' : `dmarc-kit ${command.name} --help`;
      io.stderr.write(`${err.red('error')}: ${error.message}\nRun "${hint}" for usage.\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${err.red('error')}: ${printable(message)}\n`);
    return EXIT.usage;
  }
}
