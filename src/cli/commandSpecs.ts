// The specs (options, help) of the commands whose code cli.ts loads only when they run
// (asm, demo, bench, dap): `--help` and argument checks need the table, not the command.
import { UsageError, parseNumberText, type CommandSpec } from './options';
import { LONG_SUITE_IDS, SUITE_IDS } from './benchSuite';

/** The soak suite's guest instructions unless --soak-instructions gives them. */
export const DEFAULT_SOAK_INSTRUCTIONS = 10_000_000_000;

function instructionCount(text: string): number {
  const n = parseNumberText(text, Number.MAX_SAFE_INTEGER);
  if (n === 0) throw new UsageError('must be at least 1');
  return n;
}

function define(text: string): [string, string] {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  if (!/^[A-Za-z_.?$][A-Za-z0-9_.?$@#~]*$/.test(name)) throw new UsageError(`'${text}' is not NAME or NAME=VALUE`);
  return [name, eq < 0 ? '' : text.slice(eq + 1)];
}

export const ASM_SPEC: CommandSpec = {
  name: 'asm',
  summary: 'assemble (NASM dialect): flat binary or ELF32 object; errors as file:line:col: error: message',
  positionals: ['FILE.asm'],
  options: [
    { name: '-o', value: 'OUT', help: 'the output file (default: FILE with .bin, or .o for -f elf32)' },
    {
      name: '-f',
      value: 'FORMAT',
      choices: ['bin', 'elf32'],
      help: 'bin (default, NASM -f bin) or elf32 (a relocatable object, NASM -f elf32)',
    },
    { name: '--listing', short: '-l', help: "also write OUT.lst in NASM's -l layout" },
    { name: '-I', value: 'DIR', repeatable: true, help: 'look for %include files in DIR too' },
    {
      name: '-D',
      value: 'NAME[=VALUE]',
      repeatable: true,
      parse: define,
      help: 'define a single-line macro, as %define NAME VALUE',
    },
  ],
  notes:
    '%include "abi.inc" is the kernel ABI, as run serves it (i386-lab abi writes it for nasm).\nExit status: 0 assembled, 1 assembly errors or OUT not written, 2 usage error.',
};

export const DEMO_SPEC: CommandSpec = {
  name: 'demo',
  summary: 'every model: lock nop, CPUID, the mechanism the kernel advertises, its stub, round-trip cost',
  positionals: [],
  options: [],
};

export const BENCH_SPEC: CommandSpec = {
  name: 'bench',
  summary: 'benchmarks: emulator MIPS against native and qemu-i386, assembler against nasm, kernel, debugger',
  positionals: [],
  options: [
    { name: '--json', help: 'one JSON object {"results":[{suite,name,value,unit,baseline}]} instead of a table' },
    {
      name: '--suite',
      value: 'SUITE',
      choices: SUITE_IDS,
      help: `only this suite (${SUITE_IDS.join(', ')}; default: all but ${LONG_SUITE_IDS.join(', ')})`,
    },
    { name: '--quick', help: 'fewer passes and one timed run (for tests; figures are not comparable)' },
    {
      name: '--soak-instructions',
      value: 'N',
      parse: instructionCount,
      help: `guest instructions of the soak suite (default ${DEFAULT_SOAK_INSTRUCTIONS.toExponential()}; 1e9 and 0x... work)`,
    },
  ],
  notes: 'Each figure is the best of 3 timed runs after a warm-up run (wall clock); progress goes to stderr.',
};

export const DAP_SPEC: CommandSpec = {
  name: 'dap',
  summary: 'the debug adapter: Debug Adapter Protocol on stdin/stdout (launch attributes as in the README)',
  positionals: [],
  options: [],
};
