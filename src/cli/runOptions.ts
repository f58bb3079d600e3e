// The options of `i386-lab run`, one row each: kernel mode (PROGRAM under the guest kernel,
// runKernel.ts) and bare mode (`--bare`, the machine alone, run.ts). A row with `mode` belongs
// to that mode only; the parser rejects it in the other. To add a flag: add its row here
// (name, value placeholder, help, choices or parse), then read it where the mode runs
// (`args.value('--name')`, `args.flag('--name')`, `args.values('--name')` for repeatable ones).
import { DEFAULT_MODEL, MODEL_IDS, type ModelId } from '../isa/models';
import { DISCOVERY_NAMES, MECHANISM_CHOICES } from '../debugcore/programSettings';
import { LINUX_CALLS } from '../kernel/abi';
import { HOST_IO_OPTIONS } from './hostIoOptions';
import { UsageError, parseNumberText, type CommandSpec } from './options';

/** Both modes stop the guest after this many instructions unless --max-instructions says otherwise. */
export const DEFAULT_MAX_INSTRUCTIONS = 2_000_000_000;
/** RAM of a kernel-mode machine, MiB (--memory). */
export const DEFAULT_MEMORY_MIB = 256;

function memoryMiB(text: string): number {
  const n = parseNumberText(text, LINUX_CALLS.MAX_MEMORY >>> 20);
  if (n < 16) throw new UsageError('at least 16 (MiB)');
  return n;
}

function stackBytes(text: string): number {
  const n = parseNumberText(text, LINUX_CALLS.STACK_MAX);
  if (n % 4096 !== 0 || n < 0x10000)
    throw new UsageError(`${n} is not a multiple of 4096 from 65536 to ${LINUX_CALLS.STACK_MAX}`);
  return n;
}

function environmentSetting(text: string): string {
  if (!/^[^=]+=/.test(text)) throw new UsageError(`'${text}' is not NAME=VALUE`);
  return text;
}

function model(text: string): ModelId {
  if (!(MODEL_IDS as readonly string[]).includes(text))
    throw new UsageError(`unknown model '${text}' (one of ${MODEL_IDS.join(', ')})`);
  return text as ModelId;
}

function instructionCount(text: string): number {
  const n = parseNumberText(text, Number.MAX_SAFE_INTEGER);
  if (n === 0) throw new UsageError('must be at least 1');
  return n;
}

function kipAddress(text: string): number {
  const kip = parseNumberText(text, 0xffffffff);
  if (kip % 4096 !== 0 || kip < 0x70000000 || kip >= 0x80000000)
    throw new UsageError(`0x${kip.toString(16)} is not a page address in 0x70000000..0x7FFFF000`);
  return kip;
}

function trace(text: string): 'syscalls' {
  if (text !== 'syscalls') throw new UsageError(`'${text}' is not traceable (only 'syscalls')`);
  return text;
}

function entry(text: string): number | 'reset' {
  return text === 'reset' ? 'reset' : parseNumberText(text, 0xffffffff);
}

export const RUN_SPEC: CommandSpec = {
  name: 'run',
  summary: 'run a program (.asm, ELF32, flat .bin) under the guest kernel, or alone on the machine with --bare',
  positionals: ['PROGRAM'],
  rest: 'ARGS',
  options: [
    {
      name: '--bare',
      help: 'run PROGRAM alone on the machine, without the kernel: flat 32-bit mode, console on port 0xE9, ends on HLT',
    },
    {
      name: '--cpu',
      value: 'MODEL',
      parse: model,
      help: `the CPU model: ${MODEL_IDS.join(', ')} (default ${DEFAULT_MODEL})`,
    },
    {
      name: '--max-instructions',
      value: 'N',
      parse: instructionCount,
      help: `stop after N instructions (default ${DEFAULT_MAX_INSTRUCTIONS}; 2e9 and 0x... work)`,
    },
    {
      name: '--discovery',
      value: 'MODE',
      mode: 'kernel',
      choices: DISCOVERY_NAMES,
      help: 'lock-nop (default) or shared-page (the stub at 0x7FFE0300)',
    },
    {
      name: '--mechanism',
      value: 'M',
      mode: 'kernel',
      choices: MECHANISM_CHOICES,
      help: "the mechanism the KIP advertises (default auto: the kernel's preference)",
    },
    {
      name: '--kip',
      value: 'ADDR',
      mode: 'kernel',
      parse: kipAddress,
      help: 'where the KIP goes (page-aligned, 0x70000000..0x7FFFF000)',
    },
    {
      name: '--seed',
      value: 'N',
      mode: 'kernel',
      parse: (t) => parseNumberText(t, 0xffffffff, false),
      help: 'the boot seed, 0..0xFFFFFFFF (default: random; --json shows it)',
    },
    { name: '--trace', value: 'syscalls', mode: 'kernel', parse: trace, help: 'one line per system call on stderr' },
    {
      name: '--json',
      mode: 'kernel',
      help: 'one JSON line on stderr (or in the --log file) {cpu, mechanism, kip, seed, exitStatus, instructions, faults, ...}',
    },
    ...HOST_IO_OPTIONS,
    {
      name: '--memory',
      value: 'MiB',
      mode: 'kernel',
      parse: memoryMiB,
      help: `RAM, 16..${LINUX_CALLS.MAX_MEMORY >>> 20} MiB (default ${DEFAULT_MEMORY_MIB})`,
    },
    {
      name: '--stack',
      value: 'BYTES',
      mode: 'kernel',
      parse: stackBytes,
      help: `a Linux program's stack (default ${LINUX_CALLS.STACK_DEFAULT >>> 20} MiB, like ulimit -s 8192)`,
    },
    {
      name: '--env',
      value: 'NAME=VALUE',
      mode: 'kernel',
      repeatable: true,
      parse: environmentSetting,
      help: "set a variable in a Linux program's environment (repeatable; the host's environment is passed through)",
    },
    {
      name: '--clear-env',
      mode: 'kernel',
      help: "start a Linux program from an empty environment instead of this one's",
    },
    {
      name: '--load-at',
      value: 'ADDR',
      mode: 'bare',
      parse: (t) => parseNumberText(t, 0xffffffff),
      help: "physical address of a flat image's first byte (an .asm file uses its org, an ELF its program headers)",
    },
    {
      name: '--entry',
      value: 'reset|ADDR',
      mode: 'bare',
      parse: entry,
      help: 'start at ADDR in flat 32-bit mode (default: _start, start or the load address), or at the reset vector F000:FFF0 in real mode',
    },
    { name: '--trace-ports', mode: 'bare', help: "print every OUT as a 'port value' line (hex) on stdout" },
  ],
  notes: [
    'PROGRAM: an .asm source (kernel mode: assembled at 0x01000000 with abi.inc), an ELF32 executable, or a flat .bin.',
    'A program can carry its settings in a comment at its top: ; i386-lab: --discovery shared-page --cpu athlon',
    '(--cpu, --discovery, --mechanism, --seed); a flag given here wins over the header.',
    "ARGS after -- are the program's arguments (argv[1..], kernel mode).",
    "Kernel mode: stdout and stderr are the program's fd 1 and 2, stdin its fd 0 (the kernel's log only with --verbose or --log).",
    'Ctrl-C stops the run and prints where it stopped.',
    "Exit status: the guest's (0x80 + vector when a fault killed it, 255 when the kernel could not run it);",
    '1 when the guest did not exit (instruction limit, machine stopped); 2 usage or assembly errors; 130 Ctrl-C;',
    "141 when the reader of the program's output went away (as SIGPIPE would end it);",
    `${LINUX_CALLS.EXEC_FAILED} when an ELF file cannot run here (dynamic, 64-bit, truncated), with the reason.`,
    'Bare mode: 0 on HLT, 1 exception, shutdown or limit.',
  ].join('\n'),
};

/** The mode argv asks for: 'bare' with --bare before any `--`, else 'kernel'. */
export function runMode(argv: string[]): 'kernel' | 'bare' {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--bare') ? 'bare' : 'kernel';
}
