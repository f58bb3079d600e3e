// The guest kernel and a user program on our machine, for the command line (`run`, `demo`,
// the kernel bench): the kernel assembled from src/kernel/ by our assembler, the program
// assembled or read from a file, both booted by bootKernelMachine (debugcore), and the run
// observed from outside: the console on port 0xE9, the power-off on port 0xF4, and, when a
// caller needs to see individual instructions, single steps checked against the kernel's and
// the program's symbols. Nothing here changes what the guest does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../asm';
import { disassemble } from '../asm/disassemble';
import { ADDRESS, BOOT_OPTION, CPU_FLAG, KIP, MECHANISM_NAMES, bootOption } from '../kernel/abi';
import { assembleKernel, assembleProgram } from '../kernel/build';
import { cachedImage, kernelSources, prebuiltImageByStamp, rememberImage, sourceStamp } from './kernelImage';
import { parseKernelConsole, type KernelConsole } from '../kernel/console';
import { KERNEL_SOURCE_FILES } from '../kernel/sources';
import { encodeArgumentBlock } from '../kernel/process';
import type { Machine } from '../emulator';
import { StopReason } from '../emulator';
import type { ModelId } from '../isa/models';
import { GuestMemory } from '../debugcore/guestMemory';
import { bootKernelMachine, type KernelHostIo } from '../debugcore/kernelMachine';
import { isElf } from '../debugcore/program';
import { isLinuxExecutableSource } from '../debugcore/linuxProgram';
import { assembleExecutable } from '../asm/executable';

export const KERNEL_MEMORY_BYTES = 64 << 20;
/** Instructions per `machine.run` call between looks at the console and the power-off port. */
const SLICE = 1_000_000;
/**
 * Block entries before a block is compiled, for a command-line run. Most of a boot and of a C
 * library's start-up runs a few times only, and compiling it costs more than interpreting it:
 * measured (CPU time of `i386-lab run`, the startup bench's programs, alternately), 64 takes
 * 13-17% off against the engine's default of 16, and 256 or never compiling gain no more for
 * the kernel-mode hello; hot loops still reach it at once. Compiled and interpreted code give
 * the same results, so this changes only the time.
 */
const RUN_COMPILE_THRESHOLD = 64;

export type Discovery = 'lock-nop' | 'shared-page';
export type MechanismChoice = 'auto' | 'int' | 'callgate' | 'sysenter' | 'syscall';

export interface BootConfig {
  model: ModelId;
  discovery: Discovery;
  mechanism: MechanismChoice;
  /** Boot option kip=ADDRESS, or undefined for the kernel's own choice. */
  kip?: number;
  /** Boot option seed= (the KIP page's entropy); host randomness when undefined. */
  seed?: number;
  /** Boot option stack= (a Linux program's stack bytes); the kernel's default when undefined. */
  stack?: number;
  /** Boot option tty=: whether the console is a terminal (fstat, TCGETS); a pipe when undefined. */
  tty?: boolean;
  /** RAM in bytes (default KERNEL_MEMORY_BYTES). */
  memoryBytes?: number;
  /**
   * The machine lives as long as the process (`i386-lab run`): its RAM is allocated where V8
   * does not count it (Machine's processLifetimeRam). Default false.
   */
  processLifetime?: boolean;
}

/** A Linux program's process image: what the argument block (module 1) carries. */
export interface ProcessSpec {
  argv0: string;
  env: string[];
  exePath: string;
}

/** An assembled image: its bytes and the addresses (and equ values) of its symbols. */
export interface BuiltImage {
  bytes: Uint8Array;
  symbols: Map<string, number>;
}

export interface UserProgram extends BuiltImage {
  /** The module string's first word (argv[0]). */
  name: string;
}

export type Built<T> =
  { ok: true; value: T; warnings: string[] } | { ok: false; message: string; diagnostics: Diagnostic[] };

/** src/kernel/ next to the package root, found upward from this file (out/src/cli or dist/). */
export function findKernelDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src', 'kernel');
    if (fs.existsSync(path.join(candidate, 'kernel.asm'))) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error(`the kernel sources (src/kernel/kernel.asm) are not found above ${from}`);
  }
}

/** examples/ next to the package root. */
export function findExamplesDir(): string {
  return path.join(path.dirname(path.dirname(findKernelDir())), 'examples');
}

function symbolMap(symbols: { name: string; address: number }[]): Map<string, number> {
  return new Map(symbols.map((s) => [s.name, s.address >>> 0]));
}

let kernelCache: Built<BuiltImage> | undefined;

/** The kernel image, assembled once per process, or taken from a stored image of the same sources (kernelImage.ts). */
export function buildKernel(): Built<BuiltImage> {
  if (kernelCache) return kernelCache;
  const dir = findKernelDir();
  const missing = KERNEL_SOURCE_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (missing.length > 0)
    return {
      ok: false,
      message: `the kernel sources are incomplete in ${dir} (missing ${missing.join(', ')})`,
      diagnostics: [],
    };
  // The prebuilt image of these very files (their stamp), else any stored image of their text.
  const stamp = sourceStamp(dir);
  const prebuilt = stamp !== undefined ? prebuiltImageByStamp(stamp) : undefined;
  if (prebuilt) {
    kernelCache = { ok: true, value: prebuilt, warnings: [] };
    return kernelCache;
  }
  const { sources, key } = kernelSources(dir);
  const stored = cachedImage(key);
  if (stored) {
    kernelCache = { ok: true, value: stored, warnings: [] };
    return kernelCache;
  }
  const r = assembleKernel((name) => sources.get(name)!);
  if (!r.ok || !r.bytes) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    return {
      ok: false,
      message: `the kernel does not assemble${errors[0] ? `: ${formatDiagnostic(errors[0])}` : ''}`,
      diagnostics: errors,
    };
  }
  const image = { bytes: r.bytes, symbols: symbolMap(r.symbols) };
  rememberImage(key, image);
  kernelCache = { ok: true, value: image, warnings: [] };
  return kernelCache;
}

function readInclude(baseDir: string): (p: string) => Uint8Array | undefined {
  return (p) => {
    for (const candidate of path.isAbsolute(p) ? [p] : [path.resolve(baseDir, p), path.resolve(p)]) {
      try {
        return fs.readFileSync(candidate);
      } catch {
        // not there: try the next place
      }
    }
    return undefined;
  };
}

/**
 * PROGRAM as the kernel's module 0: .asm assembled as a flat binary at the kernel's flat load
 * address (abi.inc served from the ABI), an ELF32 executable as is, anything else flat.
 */
export function loadUserProgram(file: string): Built<UserProgram> {
  let contents: Uint8Array;
  try {
    contents = fs.readFileSync(file);
  } catch (e) {
    return {
      ok: false,
      message: `cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      diagnostics: [],
    };
  }
  const name = path.basename(file);
  if (isElf(contents) || !/\.(asm|nasm|s)$/i.test(file))
    return { ok: true, value: { name, bytes: contents, symbols: new Map() }, warnings: [] };
  const text = new TextDecoder('utf-8').decode(contents);
  if (isLinuxExecutableSource(text)) {
    // global _start: a Linux program, built into an ELF executable (nasm -f elf32 + ld) for the Linux personality.
    const linux = assembleExecutable(text, {
      fileName: file,
      readFile: readInclude(path.dirname(path.resolve(file))),
      includePaths: [path.dirname(file)],
    });
    if (!linux.ok)
      return {
        ok: false,
        message: `${file} does not build into an ELF executable: ${linux.message}`,
        diagnostics: linux.diagnostics.filter((d) => d.severity === 'error'),
      };
    return {
      ok: true,
      value: { name, bytes: linux.bytes, symbols: symbolMap(linux.symbols) },
      warnings: linux.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic),
    };
  }
  const r = assembleProgram(text, file, readInclude(path.dirname(path.resolve(file))), {
    includePaths: [path.dirname(file)],
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.ok || !r.bytes || errors.length > 0) {
    return {
      ok: false,
      message: `${file} does not assemble (${errors.length} error${errors.length === 1 ? '' : 's'})`,
      diagnostics: errors,
    };
  }
  if (r.origin >>> 0 !== ADDRESS.FLAT_LOAD) {
    return {
      ok: false,
      message: `${file}: org is 0x${(r.origin >>> 0).toString(16)}, but the kernel runs flat programs at 0x${ADDRESS.FLAT_LOAD.toString(16)} (add \`org ADDR_FLAT_LOAD\`); a Linux program (sections, _start) runs here as an ELF32 executable built with nasm -f elf32 and ld -m elf_i386`,
      diagnostics: [],
    };
  }
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic);
  return { ok: true, value: { name, bytes: r.bytes, symbols: symbolMap(r.symbols) }, warnings };
}

/** The command line without the seed, which bootKernelMachine adds. */
export function kernelCmdline(config: BootConfig): string {
  const words = [
    'kernel',
    bootOption(BOOT_OPTION.DISCOVERY, config.discovery),
    bootOption(BOOT_OPTION.MECHANISM, config.mechanism),
  ];
  if (config.kip !== undefined) words.push(bootOption(BOOT_OPTION.KIP, `0x${config.kip.toString(16)}`));
  if (config.stack !== undefined) words.push(bootOption(BOOT_OPTION.STACK, `0x${config.stack.toString(16)}`));
  if (config.tty !== undefined) words.push(bootOption(BOOT_OPTION.TTY, config.tty ? '1' : '0'));
  return words.join(' ');
}

/** Why a run ended. */
export type RunEnd =
  | { kind: 'exit'; status: number }
  | { kind: 'limit' }
  | { kind: 'machine'; description: string }
  /** The reader of the program's output went away (EPIPE): stopped as Linux's SIGPIPE would. */
  | { kind: 'pipe' };

/**
 * The program's connection to the host through the host I/O device (docs/HOSTIO.md): its
 * fd 1 and 2, standard input, files. Without one, the kernel writes everything, its log and
 * the program's output, to the console port, and `console` holds the mix.
 */
export interface RunIo {
  write: KernelHostIo['write'];
  readStdin: KernelHostIo['readStdin'];
  files?: KernelHostIo['files'];
  /** Each line of the kernel's log as it is completed (with its newline). */
  onLog?: (line: string) => void;
  /** Set when the program's output has no reader any more: the run stops. */
  readonly brokenPipe?: boolean;
  /** Whether stdin is a terminal (the guest's /dev/tty); process.stdin.isTTY when absent. */
  stdinIsTerminal?: boolean;
}

/** A booted kernel with its program, run from the outside. */
export class KernelRun {
  readonly machine: Machine;
  /**
   * Everything written to port 0xE9 so far; with a RunIo, the kernel's log (the program's
   * output went to the RunIo and is not kept).
   */
  console = '';
  /** The value written to port 0xF4 (the kernel's power-off), once written. */
  powerOff: number | undefined;
  private pending = '';
  private logLine = '';

  private constructor(
    machine: Machine,
    readonly kernel: BuiltImage,
    readonly program: UserProgram,
    readonly seed: number,
    private readonly io?: RunIo,
  ) {
    this.machine = machine;
    machine.io.onOut((port, value) => {
      if (port === 0xe9) {
        const c = String.fromCharCode(value & 0xff);
        this.console += c;
        this.pending += c;
      } else if (port === 0xf4) this.powerOff = value & 0xff;
    });
  }

  /**
   * Boots `program` with argv[1..] = `args`. With `io` the machine has the host I/O device:
   * the program's streams and files go there, its realtime clock is the host's (a fixed fake
   * epoch when the config gives a seed, so the run repeats). With `process`, module 1 is the
   * argument block (argv exactly, the environment, the absolute path); without, the kernel
   * splits module 0's string (the program's name and the arguments) on spaces, as on QEMU.
   */
  static boot(
    kernel: BuiltImage,
    program: UserProgram,
    config: BootConfig,
    args: string[] = [],
    io?: RunIo,
    process?: ProcessSpec,
  ): KernelRun | string {
    const modules = [{ bytes: program.bytes, string: [program.name, ...args].join(' ') }];
    if (process) {
      const block = encodeArgumentBlock({ argv: [process.argv0, ...args], env: process.env, exePath: process.exePath });
      if (typeof block === 'string') return block;
      modules.push({ bytes: block, string: 'args' });
    }
    let run: KernelRun | undefined;
    const hostIo: KernelHostIo | undefined = io && {
      write: (stream, bytes) => {
        const n = io.write(stream, bytes);
        // No reader any more: Linux's default SIGPIPE ends the program before it sees EPIPE.
        if (io.brokenPipe && run) {
          run.machine.cpu.stopReason = StopReason.Shutdown;
          run.machine.cpu.leaveBlock = true;
        }
        return n;
      },
      readStdin: (into) => io.readStdin(into),
      files: io.files,
      terminal: io.stdinIsTerminal ?? Boolean(globalThis.process.stdin.isTTY),
      log: (byte) => run?.logByte(byte),
      realtime: config.seed !== undefined ? 'fixed' : 'host',
    };
    const boot = bootKernelMachine({
      kernel: kernel.bytes,
      modules,
      cmdline: kernelCmdline(config),
      model: config.model,
      memoryBytes: config.memoryBytes ?? KERNEL_MEMORY_BYTES,
      seed: config.seed,
      hostIo,
      compileThreshold: RUN_COMPILE_THRESHOLD,
      processLifetimeRam: config.processLifetime === true,
    });
    if (!boot.ok) return `the kernel cannot be booted: ${boot.error}`;
    run = new KernelRun(boot.machine, kernel, program, boot.seed, io);
    return run;
  }

  private logByte(byte: number): void {
    const c = String.fromCharCode(byte & 0xff);
    this.console += c;
    this.logLine += c;
    if (c === '\n') this.flushLog();
  }

  /** Passes on a partial last line of the kernel's log (the run is over). */
  flushLog(): void {
    if (this.logLine.length > 0) this.io?.onLog?.(this.logLine);
    this.logLine = '';
  }

  get instructions(): number {
    return this.machine.cpu.instructionCount;
  }

  /** Console bytes written since the last call. */
  takeOutput(): string {
    const out = this.pending;
    this.pending = '';
    return out;
  }

  /**
   * Runs until the guest powers off, the machine stops, or `limit` instructions have retired
   * in all. `each` is called between slices (console output to pass on).
   */
  runFast(limit: number, each: () => void = () => {}): RunEnd {
    for (;;) {
      if (this.powerOff !== undefined) return this.exitEnd();
      const budget = Math.min(SLICE, limit - this.instructions);
      if (budget <= 0) return { kind: 'limit' };
      const stop = this.machine.run(budget);
      each();
      if (this.powerOff !== undefined) return this.exitEnd();
      if (this.io?.brokenPipe) return { kind: 'pipe' };
      if (stop.reason !== 'limit') return this.machineEnd(stop.reason, stop.vector, stop.faultEip, stop.message);
    }
  }

  /**
   * One instruction at a time until `visit` returns true (then the run is not over), the
   * guest powers off, the machine stops or `limit` is reached. `visit` sees the CPU before
   * each instruction.
   */
  runStepping(limit: number, visit: (eip: number, cpl: number) => boolean): RunEnd | 'visited' {
    const cpu = this.machine.cpu;
    for (;;) {
      if (this.powerOff !== undefined) return this.exitEnd();
      if (visit(cpu.eip >>> 0, cpu.cpl)) return 'visited';
      if (this.instructions >= limit) return { kind: 'limit' };
      const stop = this.machine.step();
      if (this.powerOff !== undefined) return this.exitEnd();
      if (stop.reason !== 'limit') return this.machineEnd(stop.reason, stop.vector, stop.faultEip, stop.message);
    }
  }

  private exitEnd(): RunEnd {
    const fromConsole = parseKernelConsole(this.console).exitStatus;
    return { kind: 'exit', status: fromConsole ?? this.powerOff! };
  }

  private machineEnd(
    reason: string,
    vector: number | undefined,
    eip: number | undefined,
    message: string | undefined,
  ): RunEnd {
    const at = eip !== undefined ? ` at 0x${(eip >>> 0).toString(16).padStart(8, '0')}` : '';
    // An emulator defect's message carries a host stack trace: its first line says what.
    if (message) return { kind: 'machine', description: `the machine stopped${at}: ${message.split('\n')[0]}` };
    if (reason === 'exception')
      return {
        kind: 'machine',
        description: `the machine stopped on exception vector ${vector}${at}, which the kernel did not handle`,
      };
    return { kind: 'machine', description: `the machine stopped (${reason})${at} before the kernel powered off` };
  }

  /** The kernel's console, read the way the host reads it (src/kernel/console.ts). */
  report(): KernelConsole {
    return parseKernelConsole(this.console);
  }

  /** A dword of guest memory at a linear address in the current address space. */
  readLinear(linear: number, size: 1 | 2 | 4 = 4): number | undefined {
    return new GuestMemory(this.machine.cpu, this.machine.memory).readValue(linear, size);
  }

  readBytes(linear: number, length: number): Uint8Array {
    return new GuestMemory(this.machine.cpu, this.machine.memory).read(linear, length);
  }

  /** The KIP's facts, read from guest memory through the ABI's layout, or undefined. */
  readKip(address: number): KipFacts | undefined {
    if (this.readLinear(address + KIP.MAGIC) !== KIP.MAGIC_VALUE) return undefined;
    const d = (offset: number): number => this.readLinear(address + offset) ?? 0;
    const vendor = String.fromCharCode(...this.readBytes(address + KIP.VENDOR, 12)).replace(/\0+$/, '');
    const stubOffset = d(KIP.STUB_OFFSET);
    const stubLength = Math.min(d(KIP.STUB_LENGTH), KIP.STUB_MAX);
    return {
      address,
      mechanism: MECHANISM_NAMES[d(KIP.MECHANISM)] ?? `unknown (${d(KIP.MECHANISM)})`,
      mechanismsAvailable: MECHANISM_NAMES.filter((_, i) => (d(KIP.MECHANISMS_AVAILABLE) & (1 << i)) !== 0),
      cpuClass: d(KIP.CPU_CLASS),
      cpuFlags: d(KIP.CPU_FLAGS),
      vendor,
      family: d(KIP.FAMILY),
      model: d(KIP.MODEL),
      stepping: d(KIP.STEPPING),
      stubAddress: (address + stubOffset) >>> 0,
      stub: this.readBytes(address + stubOffset, stubLength),
    };
  }
}

/** The kernel's detection flags (KIP CPU_FLAGS) by name, e.g. ['ac-toggles', 'id-toggles', 'intel']. */
export function detectedFlags(kip: KipFacts): string[] {
  return Object.entries(CPU_FLAG)
    .filter(([, b]) => (kip.cpuFlags & b) !== 0)
    .map(([n]) => n.toLowerCase().replace(/_/g, '-'));
}

/** The advertised stub, disassembled from the bytes read out of the KIP, one string per instruction. */
export function stubDisassembly(kip: KipFacts): string[] {
  return disassemble(kip.stub, 0, kip.stub.length, true, kip.stubAddress).map((l) => l.text);
}

export interface KipFacts {
  address: number;
  mechanism: string;
  mechanismsAvailable: string[];
  cpuClass: number;
  cpuFlags: number;
  vendor: string;
  family: number;
  model: number;
  stepping: number;
  stubAddress: number;
  stub: Uint8Array;
}
