// The command line's argument parser: every command declares its options as a table (name,
// value placeholder, help text, validation) and its positional arguments; this file turns
// argv into values, rejects what the table does not allow with one line, and renders the
// command's --help from the same table. A new flag is one row in a command's table.
//
// Forms accepted: `--name VALUE`, `--name=VALUE`, `-x VALUE`, `-xVALUE` (short options with a
// value, as NASM's `-Idir`), flags without a value, positional arguments in any order, and
// `--` ending the options (what follows is the command's REST, or an error without one).

/** A mistake on the command line: the command prints one line and exits with EXIT.USAGE. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A failure that is not a usage mistake: one line and this exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The exit statuses of every command (README, "Commands"). A run also exits with the guest's status. */
export const EXIT = {
  OK: 0,
  /** The command ran and failed: assembly errors, an output file not written, a guest that did not exit. */
  FAILURE: 1,
  /** A usage error: unknown or malformed option, missing or unreadable input. */
  USAGE: 2,
  /** An internal error of i386-lab itself (sysexits EX_SOFTWARE); --debug shows the trace. */
  INTERNAL: 70,
  /** Stopped by Ctrl-C (SIGINT), as shells report 128 + 2. */
  INTERRUPTED: 130,
} as const;

export interface OptionSpec {
  /** The long name with its dashes, e.g. '--cpu'. */
  name: string;
  /** A one-letter alias, e.g. '-o'. */
  short?: string;
  /** The value's placeholder in help ('MODEL'); absent for a flag without a value. */
  value?: string;
  /** One line for --help. */
  help: string;
  /** The allowed values; any other is a usage error listing them. */
  choices?: readonly string[];
  /** Turns the text into the option's value; throws UsageError (its message follows 'NAME: '). */
  parse?: (text: string) => unknown;
  /** May be given more than once; every value is kept, in order. Otherwise a repeat is an error. */
  repeatable?: boolean;
  /** For commands with modes (run): the mode the option belongs to; others reject it. */
  mode?: string;
  /** Options that cannot be given together with this one (e.g. '--fs' with '--fs-rw'). */
  excludes?: string[];
}

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The positional arguments' placeholders, e.g. ['FILE.asm']; optional ones end with '?'. */
  positionals: string[];
  /** The placeholder for arguments after `--` (run's ARGS), or undefined when `--` is not allowed. */
  rest?: string;
  options: OptionSpec[];
  /** Lines after the options in --help. */
  notes?: string;
}

/** Options every command has. */
export const COMMON_OPTIONS: OptionSpec[] = [
  { name: '--help', short: '-h', help: 'this help' },
  { name: '--version', help: 'the version of i386-lab' },
  { name: '--debug', help: 'on an internal error, show its stack trace' },
];

export class ParsedArgs {
  /** Values by long option name; a flag holds `true` per occurrence. */
  readonly given = new Map<string, unknown[]>();
  readonly positionals: string[] = [];
  rest: string[] = [];

  has(name: string): boolean {
    return this.given.has(name);
  }

  flag(name: string): boolean {
    return this.given.has(name);
  }

  /** The value of a single-valued option, or undefined. */
  value<T = string>(name: string): T | undefined {
    return this.given.get(name)?.[0] as T | undefined;
  }

  /** Every value of a repeatable option. */
  values<T = string>(name: string): T[] {
    return (this.given.get(name) ?? []) as T[];
  }
}

function allOptions(spec: CommandSpec): OptionSpec[] {
  return [...spec.options, ...COMMON_OPTIONS];
}

/** Whether argv asks for help (before any `--`): shown even when other arguments are wrong. */
export function wantsHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

export function wantsVersion(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--version') return true;
  }
  return false;
}

function looksLikeOption(text: string): boolean {
  return text.length > 1 && text.startsWith('-');
}

function nearest(spec: CommandSpec, name: string): string | undefined {
  const bare = name.replace(/^-+/, '').split('=')[0];
  if (bare.length < 2) return undefined;
  const long = allOptions(spec).filter((o) => o.name.startsWith('--'));
  return long.find((o) => o.name.slice(2).startsWith(bare) || bare.startsWith(o.name.slice(2)))?.name;
}

function convert(option: OptionSpec, text: string): unknown {
  if (option.choices && !option.choices.includes(text)) {
    throw new UsageError(`${option.name}: '${text}' is not one of ${option.choices.join(', ')}`);
  }
  if (!option.parse) return text;
  try {
    return option.parse(text);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${option.name}: ${e.message}`, e.hint);
    throw e;
  }
}

/**
 * argv (after the command name) by the command's table. `mode` restricts the options that
 * have one to that mode. Throws UsageError for anything the table does not allow.
 */
export function parseArgs(spec: CommandSpec, argv: string[], mode?: string): ParsedArgs {
  const parsed = new ParsedArgs();
  const options = allOptions(spec);
  const byName = new Map<string, OptionSpec>();
  for (const o of options) {
    byName.set(o.name, o);
    if (o.short) byName.set(o.short, o);
  }
  const add = (option: OptionSpec, value: unknown): void => {
    const list = parsed.given.get(option.name);
    if (list && !option.repeatable) throw new UsageError(`${option.name} is given twice`, 'give it once');
    if (option.mode !== undefined && mode !== undefined && option.mode !== mode) {
      throw new UsageError(`${option.name} is for ${option.mode} mode, not ${mode} mode`);
    }
    if (list) list.push(value);
    else parsed.given.set(option.name, [value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      if (spec.rest === undefined)
        throw new UsageError(`'--' is not expected (${spec.name} takes no program arguments)`);
      parsed.rest = argv.slice(i + 1);
      break;
    }
    if (!looksLikeOption(arg)) {
      parsed.positionals.push(arg);
      continue;
    }
    let name = arg;
    let attached: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.slice(0, eq);
        attached = arg.slice(eq + 1);
      }
    } else if (arg.length > 2) {
      name = arg.slice(0, 2);
      attached = arg.slice(2);
    }
    const option = byName.get(name);
    if (!option) {
      const guess = nearest(spec, arg);
      throw new UsageError(
        `unknown option '${arg}'`,
        guess ? `did you mean ${guess}? see i386-lab ${spec.name} --help` : undefined,
      );
    }
    if (option.value === undefined) {
      if (attached !== undefined) throw new UsageError(`${option.name} takes no value (got '${arg}')`);
      add(option, true);
      continue;
    }
    let text = attached;
    if (text === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (looksLikeOption(next) && byName.has(next.split('=')[0])) || next === '--') {
        throw new UsageError(
          `${option.name} needs a value ${option.value}`,
          option.choices ? `one of ${option.choices.join(', ')}` : undefined,
        );
      }
      text = next;
      i++;
    }
    if (text === '') throw new UsageError(`${option.name} needs a value ${option.value} (got an empty one)`);
    add(option, convert(option, text));
  }
  for (const option of options) {
    for (const other of option.excludes ?? []) {
      if (parsed.has(option.name) && parsed.has(other))
        throw new UsageError(`${option.name} and ${other} cannot be given together`);
    }
  }
  const required = spec.positionals.filter((p) => !p.endsWith('?'));
  if (parsed.positionals.length < required.length) {
    throw new UsageError(`missing ${required[parsed.positionals.length]}`);
  }
  if (parsed.positionals.length > spec.positionals.length) {
    const extra = parsed.positionals[spec.positionals.length];
    const takes =
      spec.positionals.length === 0
        ? 'no arguments'
        : `one ${spec.positionals.map((p) => p.replace(/\?$/, '')).join(' and one ')}`;
    const more = spec.rest !== undefined ? `; ${spec.rest.toLowerCase()} go after --` : '';
    throw new UsageError(`unexpected argument '${extra}' (${spec.name} takes ${takes}${more})`);
  }
  return parsed;
}

/** A command's --help, from its table. */
export function renderHelp(spec: CommandSpec): string {
  const positionals = spec.positionals.map((p) => (p.endsWith('?') ? `[${p.slice(0, -1)}]` : p));
  const synopsis = [
    'i386-lab',
    spec.name,
    ...positionals,
    '[options]',
    ...(spec.rest ? [`[-- ${spec.rest}...]`] : []),
  ].join(' ');
  const rows = allOptions(spec).map((o) => {
    const names = [o.short, o.name].filter(Boolean).join(', ');
    const value = o.value ? ` ${o.value}` : '';
    const tags = [o.mode ? `(${o.mode} mode)` : '', o.repeatable ? '(repeatable)' : ''].filter(Boolean).join(' ');
    return [`${names}${value}`, `${o.help}${tags ? ' ' + tags : ''}`];
  });
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  const lines = [
    `usage: ${synopsis}`,
    '',
    spec.summary,
    '',
    'options:',
    ...rows.map(([l, r]) => `  ${l.padEnd(width)}${r}`),
  ];
  if (spec.notes) lines.push('', spec.notes.trimEnd());
  return lines.join('\n') + '\n';
}

/** Text forms of numbers: 0x-prefixed or h-suffixed hex, decimal, with _ separators. */
export function parseNumberText(text: string, max: number, maxInHex = max === 0xffffffff): number {
  const m = /^(?:0x([0-9a-f]+)|([0-9][0-9a-f]*)h|([0-9]+)(?:e([0-9]+))?)$/i.exec(text.replace(/_/g, ''));
  let n = NaN;
  if (m) {
    if (m[1] !== undefined) n = parseInt(m[1], 16);
    else if (m[2] !== undefined) n = parseInt(m[2], 16);
    else n = Number(m[3]) * 10 ** Number(m[4] ?? 0);
  }
  if (!Number.isSafeInteger(n) || n > max) {
    throw new UsageError(
      `'${text}' is not a number from 0 to ${maxInHex ? '0x' + max.toString(16) : max} (hex 0x... or decimal)`,
    );
  }
  return n;
}
