// `i386-lab run PROGRAM [options] [-- ARGS...]` (options: runOptions.ts): the guest kernel
// boots on our machine with PROGRAM as its user program. The boot seed (the KIP page's
// entropy) is host randomness unless --seed gives it; --json reports it, and the same seed
// with the same arguments repeats the run exactly. Settings in the program's header comment
// (`; i386-lab: --discovery shared-page`) apply unless a flag overrides them.
// The program's fd 1 and 2 are this process's stdout and stderr, streamed as written, and its
// fd 0 is stdin (the host I/O device, docs/HOSTIO.md); the kernel's own log goes to stderr
// only with --verbose, or to --log FILE. The exit status is the guest's; 141 when the reader
// of the program's output went away (as SIGPIPE ends a native process). Exit status 2: bad arguments, a
// program that does not
// assemble or that the kernel cannot load (nothing runs); 1: the run ended without the
// guest's exit (instruction limit, or the machine stopped), with the reason on stderr;
// 130: Ctrl-C, with where the run stopped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINUX_CALLS } from '../kernel/abi';
import { elfRefusal } from '../kernel/process';
import { isElf } from '../debugcore/program';
import { formatDiagnostic } from '../asm';
import { DEFAULT_MODEL, type ModelId } from '../isa/models';
import { readProgramSettings, settingsText, type ProgramSettings } from '../debugcore/programSettings';
import {
  BootConfig,
  Discovery,
  KernelRun,
  MechanismChoice,
  RunEnd,
  buildKernel,
  detectedFlags,
  loadUserProgram,
  stubDisassembly,
} from './kernelRun';
import { countRoundTrips, type RoundTrips } from './roundTrip';
import { SyscallTrace } from './syscallTrace';
import { readInput } from './files';
import { isTerminal } from './terminal';
import { InterruptWatch, runInChunks } from './interrupt';
import { moduleProblem } from './moduleCheck';
import { CliError, EXIT, UsageError, type ParsedArgs } from './options';
import { writeErr, writeOut as writeStdout } from './output';
import { DEFAULT_MAX_INSTRUCTIONS, DEFAULT_MEMORY_MIB } from './runOptions';
import { hostIoOptions, type HostIoOptions } from './hostIoOptions';
import { ProcessStreams, SandboxFiles } from '../debugcore/hostFiles';

export { DEFAULT_MAX_INSTRUCTIONS };

export interface KernelRunOptions {
  program: string;
  config: BootConfig;
  args: string[];
  traceSyscalls: boolean;
  maxInstructions: number;
  json: boolean;
  /** The header comment's settings that apply (not overridden by a flag), for the report. */
  fromHeader: ProgramSettings;
  headerLine?: number;
  hostIo: HostIoOptions;
  /** NAME=VALUE settings from --env, in order. */
  env: string[];
  clearEnv: boolean;
}

/** The header comment's settings of an .asm PROGRAM; a bad header is a usage error. */
export function programHeader(program: string): { settings: ProgramSettings; line?: number } {
  if (!/\.(asm|nasm|s)$/i.test(program)) return { settings: {} };
  const header = readProgramSettings(readInput(program).toString('utf8'));
  if (header.problems.length > 0) throw new UsageError(`${program}:${header.problems[0]}`, 'fix its i386-lab: comment');
  return { settings: header.settings, line: header.line };
}

export function kernelRunOptions(args: ParsedArgs): KernelRunOptions {
  const program = args.positionals[0];
  const header = programHeader(program);
  const fromHeader: ProgramSettings = {};
  const pick = <K extends keyof ProgramSettings>(key: K, flag: string): ProgramSettings[K] | undefined => {
    if (args.has(flag)) return args.value(flag) as ProgramSettings[K];
    if (header.settings[key] !== undefined) fromHeader[key] = header.settings[key];
    return header.settings[key];
  };
  const config: BootConfig = {
    model: pick('cpu', '--cpu') ?? DEFAULT_MODEL,
    discovery: (pick('discovery', '--discovery') ?? 'lock-nop') as Discovery,
    mechanism: (pick('mechanism', '--mechanism') ?? 'auto') as MechanismChoice,
    kip: args.value<number>('--kip'),
    seed: pick('seed', '--seed'),
    stack: args.value<number>('--stack'),
    memoryBytes: (args.value<number>('--memory') ?? DEFAULT_MEMORY_MIB) * 0x100000,
  };
  return {
    program,
    config,
    args: args.rest,
    traceSyscalls: args.has('--trace'),
    maxInstructions: args.value<number>('--max-instructions') ?? DEFAULT_MAX_INSTRUCTIONS,
    json: args.flag('--json'),
    fromHeader,
    headerLine: header.line,
    hostIo: hostIoOptions(args),
    env: args.values<string>('--env'),
    clearEnv: args.flag('--clear-env'),
  };
}

/** The environment a program starts with: the host's (unless --clear-env), then the --env settings. */
export function programEnvironment(
  options: Pick<KernelRunOptions, 'env' | 'clearEnv'>,
  host: NodeJS.ProcessEnv = process.env,
): string[] {
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
  writeStdout(text, 'latin1');
}

/**
 * The --json line: the docs/ARCHITECTURE.md keys (cpu, mechanism, kip, exitStatus, instructions, faults)
 * and the facts the demo table shows, read from the KIP in guest memory: the CPUID signature
 * the kernel read (null without CPUID), what it detected, the working mechanisms, the
 * advertised stub disassembled, and, for a program with the round_trip_loop/round_trip_done
 * labels (examples/ask-kernel.asm), the guest instructions per system-call round trip.
 */
export function runReport(
  run: KernelRun,
  model: ModelId,
  end: RunEnd,
  roundTrip?: RoundTrips,
): Record<string, unknown> {
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
    cpuid:
      kip && kip.vendor ? { vendor: kip.vendor, family: kip.family, model: kip.model, stepping: kip.stepping } : null,
    detected: kip ? { class: kip.cpuClass, flags: detectedFlags(kip) } : null,
    mechanisms: kip ? kip.mechanismsAvailable : null,
    stub: kip ? { address: hex(kip.stubAddress), code: stubDisassembly(kip) } : null,
    roundTrip: roundTrip
      ? { instructions: roundTrip.instructions, meanInstructions: roundTrip.meanInstructions, count: roundTrip.count }
      : null,
  };
}

const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export async function runKernelCommand(args: ParsedArgs): Promise<number> {
  const options = kernelRunOptions(args);
  const program = loadUserProgram(options.program);
  if (!program.ok) {
    for (const d of program.diagnostics) writeErr(formatDiagnostic(d) + '\n');
    throw new CliError(program.message, EXIT.USAGE);
  }
  for (const w of program.warnings) writeErr(w + '\n');
  // An ELF the Linux personality cannot run (dynamic, 64-bit, truncated) exits as execve's
  // failure would in a shell, with the reason.
  const refusal = elfRefusal(program.value.bytes);
  if (refusal) {
    writeErr(`i386-lab run: ${options.program}: ${refusal}\n`);
    return LINUX_CALLS.EXEC_FAILED;
  }
  // A static-PIE (ET_DYN) passed the Linux loader's check above; the debugger's ELF check that
  // moduleProblem applies knows only ET_EXEC.
  const staticPie = isElf(program.value.bytes) && program.value.bytes.length >= 18 && program.value.bytes[16] === 3;
  const problem = staticPie ? undefined : moduleProblem(options.program, program.value.bytes);
  if (problem)
    throw new CliError(problem.message, EXIT.USAGE, problem.hint ?? 'the kernel would refuse it as its program module');
  if (Object.keys(options.fromHeader).length > 0) {
    writeErr(
      `i386-lab run: ${settingsText(options.fromHeader)} (from the i386-lab: comment on line ${options.headerLine} of ${options.program})\n`,
    );
  }
  const kernel = buildKernel();
  if (!kernel.ok) throw new CliError(kernel.message, EXIT.FAILURE);
  // The program's streams are this process's (docs/HOSTIO.md); the kernel's log goes to
  // stderr only with --verbose, and to the --log file.
  let files: SandboxFiles | undefined;
  let logFd: number | undefined;
  try {
    if (options.hostIo.fs) files = new SandboxFiles(options.hostIo.fs.dir, options.hostIo.fs.writable);
    if (options.hostIo.logFile !== undefined) logFd = fs.openSync(options.hostIo.logFile, 'w');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError(
      err.code ? `cannot write the log '${options.hostIo.logFile}': ${err.code}` : err.message,
      EXIT.USAGE,
    );
  }
  const toLog = (text: string): void => {
    if (options.hostIo.verbose) writeErr(text);
    if (logFd !== undefined) fs.writeSync(logFd, Buffer.from(text, 'latin1'));
  };
  const streams = new ProcessStreams({ stdout: 1, stderr: 2, stdin: 0 });
  // A Linux (ELF) program gets its process image: argv exactly, the environment, whether the
  // console is a terminal. A flat program boots as the debugger boots it (module string).
  const linux = isElf(program.value.bytes);
  // The machine is this process's only one and ends with it.
  const config = { ...options.config, processLifetime: true, ...(linux ? { tty: isTerminal(1) } : {}) };
  const spec = linux
    ? { argv0: options.program, env: programEnvironment(options), exePath: path.resolve(options.program) }
    : undefined;
  const run = KernelRun.boot(
    kernel.value,
    program.value,
    config,
    options.args,
    {
      write: (stream, bytes) => streams.write(stream, bytes),
      readStdin: (into) => streams.readStdin(into),
      files,
      onLog: toLog,
      stdinIsTerminal: isTerminal(0),
      get brokenPipe() {
        return streams.brokenPipe;
      },
    },
    spec,
  );
  if (typeof run === 'string') throw new CliError(run, EXIT.USAGE);
  const flush = (): void => writeOut(run.takeOutput());
  let trace: SyscallTrace | undefined;
  if (options.traceSyscalls) {
    const created = SyscallTrace.create(kernel.value, run, (line) => {
      flush();
      writeErr(line + '\n');
    });
    if (typeof created === 'string') throw new CliError(`--trace syscalls: ${created}`, EXIT.FAILURE);
    trace = created;
  }
  const watch = new InterruptWatch();
  let outcome: RunEnd | 'interrupted';
  try {
    outcome = await runInChunks(
      (target) => (trace ? trace.runFast(target, flush) : run.runFast(target, flush)),
      () => run.instructions,
      options.maxInstructions,
      (end) => end.kind === 'limit',
      watch,
    );
  } finally {
    watch.dispose();
    flush();
    trace?.finish();
  }
  flush();
  run.flushLog();
  const end: RunEnd = outcome === 'interrupted' ? { kind: 'limit' } : outcome;
  const cpu = run.machine.cpu;
  if (outcome === 'interrupted') {
    writeErr(
      `i386-lab run: interrupted (Ctrl-C) after ${run.instructions} instructions, at ${hex8(cpu.eip)} in ${cpu.cpl === 3 ? 'the program' : 'the kernel'} (CPL ${cpu.cpl})\n`,
    );
  } else if (end.kind === 'limit') {
    writeErr(
      `i386-lab run: stopped after ${run.instructions} instructions (--max-instructions ${options.maxInstructions}): the guest did not exit\n`,
    );
  } else if (end.kind === 'machine') {
    writeErr(`i386-lab run: ${end.description} after ${run.instructions} instructions\n`);
  } else if (end.kind === 'exit' && end.status === 0xff) {
    const why = run.console.split('\n').find((l) => /^\[kernel\] (no usable|panic)/.test(l));
    if (why) writeErr(`i386-lab run: the kernel gave up: ${why.replace('[kernel] ', '')} (exit status 255)\n`);
  }
  if (options.json) {
    // A round-trip loop (ask-kernel's labels) is measured on a second boot with the same seed,
    // single-stepped to count the instructions of each iteration exactly.
    const trips =
      outcome === 'interrupted'
        ? undefined
        : countRoundTrips(kernel.value, program.value, { ...options.config, seed: run.seed }, options.maxInstructions);
    const line = JSON.stringify(runReport(run, options.config.model, end, trips?.ok ? trips.value : undefined)) + '\n';
    if (logFd !== undefined) fs.writeSync(logFd, line);
    else writeErr(line);
  }
  if (logFd !== undefined) fs.closeSync(logFd);
  if (outcome === 'interrupted') return EXIT.INTERRUPTED;
  // A program whose reader went away ends as if killed by SIGPIPE (128 + 13, as shells say).
  return end.kind === 'exit' ? end.status : end.kind === 'pipe' ? 141 : EXIT.FAILURE;
}
