// `i386-lab`: the command line over the layers. Each command declares its options in a table
// (options.ts); this file dispatches, answers --help, --version and `help`, and guards every
// command: a usage mistake or a failure is one line `i386-lab COMMAND: what (hint)` on stderr
// with a documented exit status (EXIT), an internal error is one line too (--debug adds its
// trace), and a reader closing our stdout (EPIPE) ends the command quietly with status 0.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { abiCommand } from './abiCommand';
import { ASM_SPEC, BENCH_SPEC, DAP_SPEC, DEMO_SPEC } from './commandSpecs';
import { Interrupted } from './interrupt';
import { modelsCommand } from './models';
import {
  CliError,
  EXIT,
  ParsedArgs,
  UsageError,
  parseArgs,
  renderHelp,
  wantsHelp,
  wantsVersion,
  type CommandSpec,
} from './options';
import { isBrokenPipe, writeErr, writeOut } from './output';
import { runCommand } from './run';

export interface Command {
  spec: CommandSpec;
  /** The mode options are checked against (run: 'kernel' or 'bare'). */
  mode?: (argv: string[]) => string;
  main: (args: ParsedArgs) => number | Promise<number>;
}

const HELP_SPEC: CommandSpec = {
  name: 'help',
  summary: "the commands, or one command's options (i386-lab help run)",
  positionals: ['COMMAND?'],
  options: [],
};

const helpCommand: Command = {
  spec: HELP_SPEC,
  main: (args) => {
    const name = args.positionals[0];
    if (name === undefined) {
      writeOut(usage());
      return EXIT.OK;
    }
    const command = COMMANDS.find((c) => c.spec.name === name);
    if (!command)
      throw new UsageError(`unknown command '${name}'`, `one of ${COMMANDS.map((c) => c.spec.name).join(', ')}`);
    writeOut(renderHelp(command.spec));
    return EXIT.OK;
  },
};

/**
 * A command whose code is loaded when it runs: `run` starts without evaluating the bench,
 * the debug adapter or the demo (start-up time), and --help needs only the spec.
 */
function lazy(spec: CommandSpec, load: () => Promise<Command>): Command {
  return { spec, main: async (args) => (await load()).main(args) };
}

/** Every command, in the order `i386-lab help` lists them. */
export const COMMANDS: Command[] = [
  runCommand,
  lazy(ASM_SPEC, async () => (await import('./asm')).asmCommand),
  abiCommand,
  modelsCommand,
  lazy(DEMO_SPEC, async () => (await import('./demo')).demoCommand),
  lazy(BENCH_SPEC, async () => (await import('./bench')).benchCommand),
  lazy(DAP_SPEC, async () => (await import('./dap')).dapCommand),
  helpCommand,
];

/** The package's version, from the package.json above this file (dist/ or out/src/cli/). */
export function version(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'i386-lab' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 2;
  return [
    'usage: i386-lab <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}${c.spec.summary}`),
    '',
    "i386-lab <command> --help shows a command's options; i386-lab --version the version.",
    "Exit status: 0 done, 1 failed, 2 usage error, 70 internal error, 130 Ctrl-C; run exits with the guest's status.",
    '',
  ].join('\n');
}

/** One line on stderr: `i386-lab COMMAND: what (hint)`. */
export function errorLine(command: string | undefined, message: string, hint?: string): string {
  const first = message.split('\n')[0];
  return `i386-lab${command ? ' ' + command : ''}: ${first}${hint ? ` (${hint})` : ''}\n`;
}

/** What the guard prints for an error thrown out of a command, and the exit status. */
export function reportError(command: string | undefined, e: unknown, debug: boolean): number {
  if (e instanceof UsageError) {
    const hint = e.hint ?? (/\)$/.test(e.message) ? undefined : `see i386-lab ${command ? command + ' ' : ''}--help`);
    writeErr(errorLine(command, e.message, hint));
    return EXIT.USAGE;
  }
  if (e instanceof Interrupted) {
    writeErr(errorLine(command, e.message));
    return EXIT.INTERRUPTED;
  }
  if (e instanceof CliError) {
    writeErr(errorLine(command, e.message, e.hint));
    return e.status;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  writeErr(
    errorLine(
      command,
      `internal error: ${err.message}`,
      debug ? undefined : 'run again with --debug for the stack trace',
    ),
  );
  if (debug && err.stack) writeErr(err.stack + '\n');
  return EXIT.INTERNAL;
}

function optionsOf(argv: string[]): string[] {
  const end = argv.indexOf('--');
  return end < 0 ? argv : argv.slice(0, end);
}

/** The exit status; commands that wait (run, bench) return it as a promise. */
export async function main(argv: string[]): Promise<number> {
  const options = optionsOf(argv);
  const debug = options.includes('--debug');
  // --debug is the guard's; what follows `--` belongs to the program.
  const words = [...options.filter((a) => a !== '--debug'), ...argv.slice(options.length)];
  const [name, ...rest] = words;
  if (name === undefined) {
    writeOut(usage());
    return EXIT.USAGE;
  }
  if (name === '--help' || name === '-h') {
    writeOut(usage());
    return EXIT.OK;
  }
  if (name === '--version') {
    writeOut(`i386-lab ${version()}\n`);
    return EXIT.OK;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  try {
    if (!command) {
      if (name.startsWith('-'))
        throw new UsageError(`unknown option '${name}' before the command`, 'i386-lab help lists the commands');
      throw new UsageError(`unknown command '${name}'`, `one of ${COMMANDS.map((c) => c.spec.name).join(', ')}`);
    }
    if (wantsHelp(rest)) {
      writeOut(renderHelp(command.spec));
      return EXIT.OK;
    }
    if (wantsVersion(rest)) {
      writeOut(`i386-lab ${version()}\n`);
      return EXIT.OK;
    }
    const args = parseArgs(command.spec, rest, command.mode?.(rest));
    return await command.main(args);
  } catch (e) {
    if (isBrokenPipe(e)) return EXIT.OK;
    return reportError(command?.spec.name, e, debug);
  }
}

if (require.main === module) {
  const debug = optionsOf(process.argv.slice(2)).includes('--debug');
  // Errors outside main's promise: an EPIPE on process.stdout (bench, dap) arrives as an
  // unhandled 'error' event; anything else is an internal error.
  process.on('uncaughtException', (e) => {
    if (isBrokenPipe(e)) process.exit(EXIT.OK);
    process.exit(reportError(process.argv[2], e, debug));
  });
  void main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}
