// `i386-lab run PROGRAM [--cpu MODEL] [--discovery lock-nop|shared-page] [--mechanism ...]
//  [--kip ADDR] [--seed N] [--trace syscalls] [--max-instructions N] [--json] [-- ARGS...]`
// (DESIGN.md, "Contracts"): the guest kernel boots on our machine with PROGRAM as its user
// program. The boot seed (the KIP page's entropy) is host randomness unless --seed gives it;
// --json reports it, and the same seed with the same arguments repeats the run exactly.
// The program's fd 1 and 2 are this process's stdout and stderr, streamed as written, and
// its fd 0 is stdin (the host I/O device, docs/HOSTIO.md); the kernel's own log goes to
// stderr only with --verbose, or to --log FILE. The exit status is the guest's. Exit status 2: bad arguments or a program that does not
// assemble (nothing runs); 1: the run ended without the guest's exit (instruction limit, or
// the machine stopped), with the reason on stderr.
import * as fs from 'node:fs';
import { formatDiagnostic } from '../asm';
import { DEFAULT_MODEL, MODEL_IDS, type ModelId } from '../emulator/cpu/models';
import { BootConfig, Discovery, KernelRun, MechanismChoice, RunEnd, buildKernel, detectedFlags, loadUserProgram, stubDisassembly } from './kernelRun';
import { countRoundTrips, type RoundTrips } from './roundTrip';
import { SyscallTrace } from './syscallTrace';
import { HOST_IO_USAGE, defaultHostIoOptions, parseHostIoOption, type HostIoOptions } from './hostIoOptions';
import { ProcessStreams, SandboxFiles } from './hostFiles';

export const DEFAULT_MAX_INSTRUCTIONS = 2_000_000_000;

export const RUN_KERNEL_USAGE = `usage: i386-lab run PROGRAM [--cpu MODEL] [--discovery lock-nop|shared-page]
                    [--mechanism auto|int|callgate|sysenter|syscall] [--kip ADDR] [--seed N]
                    [--trace syscalls] [--max-instructions N] [--json]
                    [--fs DIR | --fs-rw DIR] [--verbose] [--log FILE] [-- ARGS...]
  PROGRAM                 .asm (assembled at 0x01000000 with abi.inc), ELF32 executable, or flat .bin
  --cpu MODEL             ${MODEL_IDS.join(', ')} (default ${DEFAULT_MODEL})
  --discovery MODE        lock-nop (default) or shared-page (the stub at 0x7FFE0300)
  --mechanism M           the mechanism the KIP advertises (default auto: the kernel's preference)
  --kip ADDR              where the KIP goes (page-aligned, 0x70000000..0x7FFFF000)
  --seed N                the boot seed, 0..0xFFFFFFFF (default: random; --json shows it)
  --trace syscalls        one line per system call on stderr
  --max-instructions N    stop after N guest instructions (default ${DEFAULT_MAX_INSTRUCTIONS})
  --json                  one JSON line on stderr (or in the --log file) {cpu, mechanism, kip, seed, exitStatus, instructions, faults}
${HOST_IO_USAGE}  -- ARGS...              the program's arguments (argv[1..])
stdout and stderr are the program's fd 1 and 2, stdin its fd 0.
Exit status: the guest's; 2 usage or assembly errors; 1 when the guest did not exit;
141 when the reader of its output went away (as SIGPIPE would end it).
`;

export class UsageError extends Error {}

export interface KernelRunOptions {
  program: string;
  config: BootConfig;
  args: string[];
  traceSyscalls: boolean;
  maxInstructions: number;
  json: boolean;
  hostIo: HostIoOptions;
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
  const hostIo = defaultHostIoOptions();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    // The host I/O options (hostIoOptions.ts) first.
    const took = parseHostIoOption(args, i, hostIo);
    if (typeof took === 'string') throw new UsageError(took);
    if (took > 0) {
      i += took - 1;
      continue;
    }
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
  return { program, config: { model, discovery, mechanism, kip, seed }, args: programArgs, traceSyscalls, maxInstructions, json, hostIo };
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
  const kernel = buildKernel();
  if (!kernel.ok) {
    writeErr(`i386-lab run: ${kernel.message}\n`);
    return 1;
  }
  // The program's streams are this process's (docs/HOSTIO.md); the kernel's log goes to
  // stderr only with --verbose, and to the --log file.
  let files: SandboxFiles | undefined;
  let logFd: number | undefined;
  try {
    if (options.hostIo.fs) files = new SandboxFiles(options.hostIo.fs.dir, options.hostIo.fs.writable);
    if (options.hostIo.logFile !== undefined) logFd = fs.openSync(options.hostIo.logFile, 'w');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    writeErr(`i386-lab run: ${err.code ? `cannot write the log '${options.hostIo.logFile}': ${err.code}` : err.message}\n`);
    return 2;
  }
  const toLog = (text: string): void => {
    if (options.hostIo.verbose) writeErr(text);
    if (logFd !== undefined) fs.writeSync(logFd, Buffer.from(text, 'latin1'));
  };
  const streams = new ProcessStreams({ stdout: 1, stderr: 2, stdin: 0 });
  const run = KernelRun.boot(kernel.value, program.value, options.config, options.args, {
    write: (stream, bytes) => streams.write(stream, bytes),
    readStdin: (into) => streams.readStdin(into),
    files,
    onLog: toLog,
    get brokenPipe() {
      return streams.brokenPipe;
    },
  });
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
  run.flushLog();
  if (end.kind === 'limit') writeErr(`i386-lab run: stopped after ${run.instructions} instructions (--max-instructions ${options.maxInstructions}): the guest did not exit\n`);
  if (end.kind === 'machine') writeErr(`i386-lab run: ${end.description} after ${run.instructions} instructions\n`);
  if (options.json) {
    // A round-trip loop (ask-kernel's labels) is measured on a second boot with the same seed,
    // single-stepped to count the instructions of each iteration exactly.
    const trips = countRoundTrips(kernel.value, program.value, { ...options.config, seed: run.seed }, options.maxInstructions);
    const line = JSON.stringify(runReport(run, options.config.model, end, trips.ok ? trips.value : undefined)) + '\n';
    if (logFd !== undefined) fs.writeSync(logFd, line);
    else writeErr(line);
  }
  if (logFd !== undefined) fs.closeSync(logFd);
  // A program whose reader went away ends as if killed by SIGPIPE (128 + 13, as shells say).
  return end.kind === 'exit' ? end.status : end.kind === 'pipe' ? 141 : 1;
}
