// `i386-lab run PROGRAM [--cpu MODEL] [--discovery lock-nop|shared-page] [--mechanism ...]
//  [--kip ADDR] [--seed N] [--memory MiB] [--stack BYTES] [--env NAME=VALUE] [--clear-env]
//  [--trace syscalls] [--max-instructions N] [--json] [-- ARGS...]`
// (DESIGN.md, "Contracts"): the guest kernel boots on our machine with PROGRAM as its user
// program. The boot seed (the KIP page's entropy) is host randomness unless --seed gives it;
// --json reports it, and the same seed with the same arguments repeats the run exactly.
// The guest console goes to stdout as written (the kernel's own "[kernel] " lines included);
// the exit status is the guest's. Exit status 2: bad arguments or a program that does not
// assemble (nothing runs); 1: the run ended without the guest's exit (instruction limit, or
// the machine stopped), with the reason on stderr.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINUX_CALLS } from '../kernel/abi';
import { elfRefusal } from '../kernel/process';
import { isElf } from '../debugcore/program';
import { formatDiagnostic } from '../asm';
import { DEFAULT_MODEL, MODEL_IDS, type ModelId } from '../emulator/cpu/models';
import { BootConfig, Discovery, KernelRun, MechanismChoice, RunEnd, buildKernel, detectedFlags, loadUserProgram, stubDisassembly } from './kernelRun';
import { countRoundTrips, type RoundTrips } from './roundTrip';
import { SyscallTrace } from './syscallTrace';

export const DEFAULT_MAX_INSTRUCTIONS = 2_000_000_000;
/** RAM of a `run` machine, MiB (--memory). */
export const DEFAULT_MEMORY_MIB = 256;

export const RUN_KERNEL_USAGE = `usage: i386-lab run PROGRAM [--cpu MODEL] [--discovery lock-nop|shared-page]
                    [--mechanism auto|int|callgate|sysenter|syscall] [--kip ADDR] [--seed N]
                    [--trace syscalls] [--max-instructions N] [--json] [-- ARGS...]
  PROGRAM                 .asm (assembled at 0x01000000 with abi.inc), ELF32 executable, or flat .bin
  --cpu MODEL             ${MODEL_IDS.join(', ')} (default ${DEFAULT_MODEL})
  --discovery MODE        lock-nop (default) or shared-page (the stub at 0x7FFE0300)
  --mechanism M           the mechanism the KIP advertises (default auto: the kernel's preference)
  --kip ADDR              where the KIP goes (page-aligned, 0x70000000..0x7FFFF000)
  --seed N                the boot seed, 0..0xFFFFFFFF (default: random; --json shows it)
  --memory MiB            RAM, 16..${LINUX_CALLS.MAX_MEMORY >>> 20} (default ${DEFAULT_MEMORY_MIB})
  --stack BYTES           a Linux program's stack (default ${LINUX_CALLS.STACK_DEFAULT >>> 20} MiB, like ulimit -s 8192)
  --env NAME=VALUE        set a variable in the program's environment (repeatable)
  --clear-env             start from an empty environment instead of this one's
  --trace syscalls        one line per system call on stderr
  --max-instructions N    stop after N guest instructions (default ${DEFAULT_MAX_INSTRUCTIONS})
  --json                  end stdout with one JSON line {cpu, mechanism, kip, seed, exitStatus, instructions, faults}
  -- ARGS...              the program's arguments (argv[1..])
Exit status: the guest's; 2 usage or assembly errors; 1 when the guest did not exit;
${LINUX_CALLS.EXEC_FAILED} when an ELF file cannot run here (dynamic, 64-bit, truncated: one line on stderr).
`;

export class UsageError extends Error {}

export interface KernelRunOptions {
  program: string;
  config: BootConfig;
  args: string[];
  traceSyscalls: boolean;
  maxInstructions: number;
  json: boolean;
  /** NAME=VALUE settings from --env, in order. */
  env: string[];
  clearEnv: boolean;
}

const DISCOVERIES: readonly Discovery[] = ['lock-nop', 'shared-page'];
const MECHANISMS: readonly MechanismChoice[] = ['auto', 'int', 'callgate', 'sysenter', 'syscall'];

function value(args: string[], i: number, flag: string): string {
  const v = args[i];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

function parseCount(flag: string, text: string, max: number): number {
  const m = /^(?:0x([0-9a-f]+)|([0-9]+)(?:e([0-9]+))?)$/i.exec(text.replace(/_/g, ''));
  const n = m ? (m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]) * 10 ** Number(m[3] ?? 0)) : NaN;
  if (!Number.isSafeInteger(n) || n > max) throw new UsageError(`${flag}: '${text}' is not a number from 0 to ${max} (decimal, 2e9 or 0x...)`);
  return n;
}

export function parseKernelRunArgs(args: string[]): KernelRunOptions {
  let program: string | undefined;
  let model: ModelId = DEFAULT_MODEL;
  let discovery: Discovery = 'lock-nop';
  let mechanism: MechanismChoice = 'auto';
  let kip: number | undefined;
  let seed: number | undefined;
  let traceSyscalls = false;
  let maxInstructions = DEFAULT_MAX_INSTRUCTIONS;
  let json = false;
  let programArgs: string[] = [];
  let memoryMiB = DEFAULT_MEMORY_MIB;
  let stack: number | undefined;
  const env: string[] = [];
  let clearEnv = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    switch (arg) {
      case '--cpu': {
        const id = value(args, ++i, '--cpu');
        if (!(MODEL_IDS as readonly string[]).includes(id)) throw new UsageError(`--cpu: unknown model '${id}' (one of ${MODEL_IDS.join(', ')})`);
        model = id as ModelId;
        break;
      }
      case '--discovery': {
        const d = value(args, ++i, '--discovery');
        if (!(DISCOVERIES as readonly string[]).includes(d)) throw new UsageError(`--discovery: '${d}' is not one of ${DISCOVERIES.join(', ')}`);
        discovery = d as Discovery;
        break;
      }
      case '--mechanism': {
        const m = value(args, ++i, '--mechanism');
        if (!(MECHANISMS as readonly string[]).includes(m)) throw new UsageError(`--mechanism: '${m}' is not one of ${MECHANISMS.join(', ')}`);
        mechanism = m as MechanismChoice;
        break;
      }
      case '--kip':
        kip = parseCount('--kip', value(args, ++i, '--kip'), 0xffffffff);
        if (kip % 4096 !== 0 || kip < 0x70000000 || kip >= 0x80000000) throw new UsageError(`--kip: 0x${kip.toString(16)} is not a page address in 0x70000000..0x7FFFF000`);
        break;
      case '--seed':
        seed = parseCount('--seed', value(args, ++i, '--seed'), 0xffffffff);
        break;
      case '--trace': {
        const what = value(args, ++i, '--trace');
        if (what !== 'syscalls') throw new UsageError(`--trace: '${what}' is not traceable (only 'syscalls')`);
        traceSyscalls = true;
        break;
      }
      case '--max-instructions':
        maxInstructions = parseCount('--max-instructions', value(args, ++i, '--max-instructions'), Number.MAX_SAFE_INTEGER);
        if (maxInstructions === 0) throw new UsageError('--max-instructions: must be at least 1');
        break;
      case '--json':
        json = true;
        break;
      case '--memory':
        memoryMiB = parseCount('--memory', value(args, ++i, '--memory'), LINUX_CALLS.MAX_MEMORY >>> 20);
        if (memoryMiB < 16) throw new UsageError('--memory: at least 16 (MiB)');
        break;
      case '--stack':
        stack = parseCount('--stack', value(args, ++i, '--stack'), LINUX_CALLS.STACK_MAX);
        if (stack % 4096 !== 0 || stack < 0x10000) throw new UsageError(`--stack: ${stack} is not a multiple of 4096 from 65536 to ${LINUX_CALLS.STACK_MAX}`);
        break;
      case '--env': {
        const setting = value(args, ++i, '--env');
        if (!/^[^=]+=/.test(setting)) throw new UsageError(`--env: '${setting}' is not NAME=VALUE`);
        env.push(setting);
        break;
      }
      case '--clear-env':
        clearEnv = true;
        break;
      case '--':
        programArgs = args.slice(i + 1);
        i = args.length;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
        if (program !== undefined) throw new UsageError(`unexpected argument '${arg}' (program arguments go after --)`);
        program = arg;
    }
  }
  if (program === undefined) throw new UsageError('missing PROGRAM');
  return { program, config: { model, discovery, mechanism, kip, seed, stack, memoryBytes: memoryMiB << 20 }, args: programArgs, traceSyscalls, maxInstructions, json, env, clearEnv };
}

/** The environment a program starts with: the host's (unless --clear-env), then the --env settings. */
export function programEnvironment(options: Pick<KernelRunOptions, 'env' | 'clearEnv'>, host: NodeJS.ProcessEnv = process.env): string[] {
  const vars = new Map<string, string>();
  if (!options.clearEnv) for (const [name, v] of Object.entries(host)) if (v !== undefined) vars.set(name, v);
  for (const setting of options.env) {
    const at = setting.indexOf('=');
    vars.delete(setting.slice(0, at));
    vars.set(setting.slice(0, at), setting.slice(at + 1));
  }
  return [...vars].map(([name, v]) => `${name}=${v}`);
}

function writeOut(text: string): void {
  if (text.length > 0) fs.writeSync(1, Buffer.from(text, 'latin1'));
}

function writeErr(text: string): void {
  fs.writeSync(2, text);
}

/**
 * The --json line: the DESIGN.md keys (cpu, mechanism, kip, exitStatus, instructions, faults)
 * and the facts the demo table shows, read from the KIP in guest memory: the CPUID signature
 * the kernel read (null without CPUID), what it detected, the working mechanisms, the
 * advertised stub disassembled, and, for a program with the round_trip_loop/round_trip_done
 * labels (examples/ask-kernel.asm), the guest instructions per system-call round trip.
 */
export function runReport(run: KernelRun, model: ModelId, end: RunEnd, roundTrip?: RoundTrips): Record<string, unknown> {
  const console = run.report();
  const kip = console.kipAddress !== undefined ? run.readKip(console.kipAddress) : undefined;
  const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
  return {
    cpu: model,
    mechanism: kip?.mechanism ?? console.mechanism ?? null,
    kip: kip ? hex(kip.address) : null,
    seed: hex(run.seed),
    exitStatus: end.kind === 'exit' ? end.status : null,
    instructions: run.instructions,
    faults: console.faults.map((f) => ({ ...f, eip: hex(f.eip), cr2: hex(f.cr2) })),
    cpuid: kip && kip.vendor ? { vendor: kip.vendor, family: kip.family, model: kip.model, stepping: kip.stepping } : null,
    detected: kip ? { class: kip.cpuClass, flags: detectedFlags(kip) } : null,
    mechanisms: kip ? kip.mechanismsAvailable : null,
    stub: kip ? { address: hex(kip.stubAddress), code: stubDisassembly(kip) } : null,
    roundTrip: roundTrip ? { instructions: roundTrip.instructions, meanInstructions: roundTrip.meanInstructions, count: roundTrip.count } : null,
  };
}

export function runKernelCommand(args: string[]): number {
  let options: KernelRunOptions;
  try {
    options = parseKernelRunArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    writeErr(`i386-lab run: ${e.message}\n(i386-lab run --help for usage)\n`);
    return 2;
  }
  const program = loadUserProgram(options.program);
  if (!program.ok) {
    for (const d of program.diagnostics) writeErr(formatDiagnostic(d) + '\n');
    writeErr(`i386-lab run: ${program.message}\n`);
    return 2;
  }
  for (const w of program.warnings) writeErr(w + '\n');
  const refusal = elfRefusal(program.value.bytes);
  if (refusal) {
    writeErr(`i386-lab run: ${options.program}: ${refusal}\n`);
    return LINUX_CALLS.EXEC_FAILED;
  }
  const kernel = buildKernel();
  if (!kernel.ok) {
    writeErr(`i386-lab run: ${kernel.message}\n`);
    return 1;
  }
  // A Linux (ELF) program gets its process image: argv exactly, the environment, whether the
  // console is a terminal. A flat program boots as the debugger boots it (module string).
  const linux = isElf(program.value.bytes);
  const config = linux ? { ...options.config, tty: Boolean(process.stdout.isTTY) } : options.config;
  const spec = linux ? { argv0: options.program, env: programEnvironment(options), exePath: path.resolve(options.program) } : undefined;
  const run = KernelRun.boot(kernel.value, program.value, config, options.args, spec);
  if (typeof run === 'string') {
    writeErr(`i386-lab run: ${run}\n`);
    return 2;
  }
  const flush = (): void => writeOut(run.takeOutput());
  let end: RunEnd;
  if (options.traceSyscalls) {
    const trace = SyscallTrace.create(kernel.value, run, (line) => {
      flush();
      writeErr(line + '\n');
    });
    if (typeof trace === 'string') {
      writeErr(`i386-lab run: --trace syscalls: ${trace}\n`);
      return 1;
    }
    end = trace.runFast(options.maxInstructions, flush);
    flush();
    trace.finish();
  } else {
    end = run.runFast(options.maxInstructions, flush);
  }
  flush();
  if (end.kind === 'limit') writeErr(`i386-lab run: stopped after ${run.instructions} instructions (--max-instructions ${options.maxInstructions}): the guest did not exit\n`);
  if (end.kind === 'machine') writeErr(`i386-lab run: ${end.description} after ${run.instructions} instructions\n`);
  if (options.json) {
    if (!run.console.endsWith('\n') && run.console.length > 0) writeOut('\n');
    // A round-trip loop (ask-kernel's labels) is measured on a second boot with the same seed,
    // single-stepped to count the instructions of each iteration exactly.
    const trips = countRoundTrips(kernel.value, program.value, { ...options.config, seed: run.seed }, options.maxInstructions);
    writeOut(JSON.stringify(runReport(run, options.config.model, end, trips.ok ? trips.value : undefined)) + '\n');
  }
  return end.kind === 'exit' ? end.status : 1;
}
