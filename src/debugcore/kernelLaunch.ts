// Kernel-mode launch (the default of the launch configuration): the guest microkernel of
// src/kernel, assembled by our assembler, boots on the machine the way QEMU's -kernel/-initrd
// does it (planMultibootBoot), with the program as Multiboot module 0 and the boot options
// on the command line. Both are images with line maps and symbols, so breakpoints work in the
// kernel's sources and in the program's.
//
// Exceptions and the debugger's INT3s reach the kernel's IDT; MachineSession intercepts the
// ones the user wants to see first (exceptionFilters.ts, interceptEvents).

import * as abi from '../kernel/abi';
import { assembleKernel, assembleProgram } from '../kernel/build';
import { KERNEL_LINE_PREFIX } from '../kernel/console';
import { KERNEL_SOURCE_FILES } from '../kernel/sources';
import type { ModelId } from '../isa/models';
import { formatDiagnostic } from '../asm/index';
import { LoadedImage } from './image';
import { bootKernelMachine } from './kernelMachine';
import { KernelView } from './kernelView';
import { SyscallTracer } from './syscallTrace';
import { EBP } from '../emulator';
import { isElf, loadProgram, type ProgramSource } from './program';
import { isLinuxExecutableSource, linuxExecutable } from './linuxProgram';
import { DEFAULT_SESSION_OPTIONS, MachineSession, type SessionListener } from './session';
import type { LaunchResult } from './launch';
import { type DebugHostIo, HostIoJournal } from './hostIoJournal';
import { encodeArgumentBlock } from '../kernel/process';

export interface KernelLaunchOptions {
  model: ModelId;
  memoryBytes: number;
  history: number;
  tracePorts: boolean;
  traceTraps: boolean;
  traceSyscalls: boolean;
  /** The boot seed (boot option seed=); random when undefined. */
  seed: number | undefined;
  discovery: 'lock-nop' | 'shared-page';
  mechanism: 'auto' | 'int' | 'callgate' | 'sysenter' | 'syscall';
  args: string[];
  /** A Linux (ELF) program's environment, NAME=VALUE strings in order (argv[0] is the program's path). */
  env?: string[];
  /**
   * The host I/O device (docs/HOSTIO.md): the program's stdout and stderr as such, stdin, a
   * mapped folder, the host's clock; its requests are journaled for replay (hostIoJournal.ts).
   * Without it the kernel keeps the program's output on the console, as on QEMU.
   */
  hostIo?: DebugHostIo;
  /**
   * Attach the device for a program of the kernel's own ABI too (the launch gave stdin or a
   * folder). A Linux program always gets it; a kernel-ABI program otherwise keeps the console,
   * where the kernel's write() copies the user's buffer with CPU reads a watchpoint sees.
   */
  hostIoForEveryProgram?: boolean;
  /** Reads a file of src/kernel/ by name; undefined when missing. */
  readKernelSource: (name: string) => string | undefined;
  /** Absolute directory of the kernel sources, for breakpoints in them. */
  kernelDir: string;
}

export interface KernelLaunch {
  result: LaunchResult;
  /** The program's entry (a user-space address), for stopOnEntry. */
  programEntry?: number;
  /** The kernel's start_first_thread: the program is in place when the kernel gets there. */
  userModeFrom?: number;
}

function fail(message: string): KernelLaunch {
  return { result: { ok: false, message, diagnostics: [] } };
}

/** The last kernel build, by its sources: a restart (or a new session in the same process) reuses it. */
let lastKernel: { sources: string; result: ReturnType<typeof assembleKernel> } | undefined;

function assembledKernel(read: (name: string) => string | undefined): ReturnType<typeof assembleKernel> {
  const sources = KERNEL_SOURCE_FILES.map((f) => `${f}\0${read(f) ?? ''}`).join('\0');
  if (lastKernel?.sources === sources) return lastKernel.result;
  const result = assembleKernel((name) => read(name) ?? '');
  lastKernel = { sources, result };
  return result;
}

export function launchKernel(
  source: ProgramSource,
  options: KernelLaunchOptions,
  listener: SessionListener,
): KernelLaunch {
  const missing = KERNEL_SOURCE_FILES.filter((f) => options.readKernelSource(f) === undefined);
  if (missing.length > 0)
    return fail(`the kernel sources are not found in ${options.kernelDir} (missing ${missing.join(', ')})`);
  const kernel = assembledKernel(options.readKernelSource);
  if (!kernel.ok || !kernel.bytes) {
    const first = kernel.diagnostics.find((d) => d.severity === 'error');
    return fail(`the kernel does not assemble: ${first ? formatDiagnostic(first) : 'no bytes'}`);
  }
  const kernelPath = (file: string): string => `${options.kernelDir}/${file.slice(file.lastIndexOf('/') + 1)}`;
  const kernelImage = new LoadedImage(
    'kernel',
    kernel.origin >>> 0,
    kernel.bytes,
    kernel.origin >>> 0,
    kernel.lineMap.entries.map((e) => ({ ...e, file: kernelPath(e.file) })),
    kernel.symbols.map((s) => ({
      name: s.name,
      address: s.address >>> 0,
      file: kernelPath(s.file),
      line: s.line,
      kind: s.kind,
    })),
  );

  // The program: assembled with abi.inc served from the ABI, or a flat binary / ELF32 as is.
  let program: LoadedImage;
  const warnings: string[] = [];
  const lower = source.path.toLowerCase();
  let moduleBytes: Uint8Array | undefined;
  const assemblySource =
    !isElf(source.contents) && (lower.endsWith('.asm') || lower.endsWith('.nasm') || lower.endsWith('.s'));
  const text = assemblySource ? new TextDecoder('utf-8').decode(source.contents) : '';
  if (assemblySource && isLinuxExecutableSource(text)) {
    // A Linux program (global _start, int 0x80): built into an ELF executable, as nasm and ld would.
    const linux = linuxExecutable(text, source.path, source.readFile);
    if (!linux.ok) return { result: { ok: false, message: linux.message, diagnostics: linux.diagnostics } };
    warnings.push(...linux.warnings);
    program = linux.image;
    moduleBytes = linux.bytes;
  } else if (assemblySource) {
    const r = assembleProgram(text, source.path, source.readFile);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (!r.ok || !r.bytes) {
      return {
        result: {
          ok: false,
          message: `${source.path} does not assemble (${errors.length} error${errors.length === 1 ? '' : 's'}); first: ${errors[0] ? formatDiagnostic(errors[0]) : 'no bytes'}`,
          diagnostics: r.diagnostics,
        },
      };
    }
    if (r.origin !== abi.ADDRESS.FLAT_LOAD) {
      warnings.push(
        `${source.path}: org is 0x${r.origin.toString(16)}, but the kernel loads flat programs at 0x${abi.ADDRESS.FLAT_LOAD.toString(16)}: source lines will not match addresses (add \`org 0x${abi.ADDRESS.FLAT_LOAD.toString(16)}\`)`,
      );
    }
    warnings.push(...r.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic));
    program = new LoadedImage(
      'program',
      r.origin >>> 0,
      r.bytes,
      abi.ADDRESS.FLAT_LOAD,
      r.lineMap.entries,
      r.symbols.map((s) => ({ name: s.name, address: s.address >>> 0, file: s.file, line: s.line, kind: s.kind })),
      source.path,
    );
  } else if (isElf(source.contents)) {
    const r = loadProgram(source);
    if (!r.ok) return { result: { ok: false, message: r.message, diagnostics: r.diagnostics } };
    program = r.image;
  } else {
    program = new LoadedImage('program', abi.ADDRESS.FLAT_LOAD, source.contents, abi.ADDRESS.FLAT_LOAD, [], []);
  }
  program.userSpace = true;

  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  const modules = [
    {
      bytes: moduleBytes ?? (isElf(source.contents) ? source.contents : program.bytes),
      string: [name, ...options.args].join(' '),
    },
  ];
  // A Linux program gets its process image as Linux builds it (module 1, the argument block):
  // argv exactly as given, the environment, the absolute path. A flat program's arguments are
  // the module string, which the kernel splits on spaces.
  const linuxProgram = moduleBytes !== undefined || isElf(source.contents);
  if (linuxProgram) {
    const block = encodeArgumentBlock({
      argv: [source.path, ...options.args],
      env: options.env ?? [],
      exePath: source.path,
    });
    if (typeof block === 'string') return fail(`launch attributes 'args' and 'env': ${block}`);
    modules.push({ bytes: block, string: 'args' });
  }
  const boot = bootKernelMachine({
    kernel: kernel.bytes,
    modules,
    cmdline: `kernel discovery=${options.discovery} mechanism=${options.mechanism}`,
    model: options.model,
    memoryBytes: options.memoryBytes,
    seed: options.seed,
  });
  if (!boot.ok) return fail(`the kernel cannot be booted: ${boot.error}`);
  const machine = boot.machine;
  // The seed decides the KIP's address and with it the timing of everything after: given
  // again (launch attribute 'seed'), the session repeats exactly.
  if (options.seed === undefined)
    warnings.push(
      `boot seed 0x${boot.seed.toString(16).padStart(8, '0')} (launch attribute "seed" repeats this boot exactly)`,
    );

  const vdso = vdsoImage(kernelImage);
  const images = vdso ? [program, kernelImage, vdso] : [program, kernelImage];
  const session = new MachineSession(machine, images, listener, {
    ...DEFAULT_SESSION_OPTIONS,
    historyBudget: options.history,
  });
  session.tracePorts = options.tracePorts;
  session.traceTraps = options.traceTraps;
  session.consoleKernelPrefix = KERNEL_LINE_PREFIX;
  if (options.hostIo && (linuxProgram || options.hostIoForEveryProgram)) {
    // Attached before the first instruction: the kernel probes for the device as it boots.
    const journal = new HostIoJournal(machine, options.hostIo, {
      stream: (stream, bytes) => session.programOutput(stream, bytes),
      log: (byte, position) => session.kernelLogByte(byte, position),
    });
    session.onEdit.push((instruction) => journal.dropAfter(instruction));
  }
  const lookup = (name: string): number | undefined => kernelImage.symbol(name)?.address;
  const view = KernelView.create(lookup, (linear) => session.guest.readValue(linear, 4));
  if (typeof view === 'string') warnings.push(`kernel threads and the system-call trace are not available: ${view}`);
  else session.kernel = view;
  // Breakpoints in the program wait until the kernel has mapped and copied it; the first
  // entry to ring 3 is where that has happened, so a run stops there once to patch them (a
  // short program may otherwise run to its end within the slice it was loaded in).
  const firstThread = lookup('start_first_thread');
  if (firstThread !== undefined) session.addInternalBreakpoint(firstThread, () => undefined);
  if (options.traceSyscalls && session.kernel) {
    const tracer = SyscallTracer.create(session.kernel, (call) =>
      session.traceLine(`[thread ${call.thread}] ${call.text}`),
    );
    if (typeof tracer === 'string') warnings.push(`trace "syscalls" is not available: ${tracer}`);
    else {
      for (const a of tracer.addresses)
        session.addInternalBreakpoint(a, () => {
          if (session.cpu.cpl === 0) tracer.arrive(a, session.cpu.regs[EBP]);
          return undefined;
        });
      session.onEnd.push(() => tracer.finish());
    }
  }
  return { result: { ok: true, session, warnings }, programEntry: program.entry, userModeFrom: firstThread };
}

/**
 * The vDSO page a Linux program sees (src/kernel/linux_vdso.asm): its one export,
 * `__kernel_vsyscall`, at the page's address plus the code's offset in the template the
 * kernel copies there, read from the kernel's symbols. The code is the stub of the
 * advertised mechanism, copied at boot, so the image has no source lines.
 */
/** The vDSO is one 4 KiB page (32-bit paging, SDM Vol.3 4.3). */
const VDSO_PAGE_BYTES = 0x1000;

function vdsoImage(kernel: LoadedImage): LoadedImage | undefined {
  const start = kernel.symbol('vdso_image')?.address;
  const code = kernel.symbol('vdso_code')?.address;
  if (start === undefined || code === undefined) return undefined;
  const base = abi.LINUX_CALLS.VDSO;
  const entry = (base + (code - start)) >>> 0;
  // The stub is copied after the template, within the vDSO's one page.
  const image = new LoadedImage(
    'vdso',
    base,
    new Uint8Array(VDSO_PAGE_BYTES),
    entry,
    [],
    [{ name: '__kernel_vsyscall', address: entry, kind: 'label' }],
  );
  image.userSpace = true;
  return image;
}
