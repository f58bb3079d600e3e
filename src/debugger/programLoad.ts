// A launch configuration made into a running session: the program read, the kernel booted
// (kernel mode) or the program placed alone (bare mode), the notes the user should see.

import * as fs from 'fs';
import * as path from 'path';
import { launchBare, type LaunchResult } from '../debugcore/launch';
import { launchKernel } from '../debugcore/kernelLaunch';
import { isLinuxExecutableSource } from '../debugcore/linuxProgram';
import { isElf } from '../debugcore/program';
import type { MachineSession, SessionListener } from '../debugcore/session';
import type { LaunchConfig } from './launchConfig';
import type { DebugHostIo } from '../debugcore/hostIoJournal';
import { SandboxFiles } from '../debugcore/hostFiles';

/** src/kernel next to the bundle (dist/) or to the compiled session (out/src/debugger/). */
export function findKernelDir(): string {
  const candidates = [
    path.resolve(__dirname, '../src/kernel'),
    path.resolve(__dirname, '../../../src/kernel'),
    path.resolve(__dirname, '../kernel'),
  ];
  return candidates.find((d) => fs.existsSync(path.join(d, 'kernel.asm'))) ?? candidates[0];
}

export interface LoadedSession {
  session: MachineSession;
  /** Under the kernel, the program's entry (stopOnEntry runs to it). */
  programEntry?: number;
  /** Under the kernel, where the boot can run to at full speed before the program starts. */
  userModeFrom?: number;
}

/** RAM of a Linux program without launch memoryMB: `i386-lab run`'s default (a fork copies the
 *  process, a program may map tens of MiB). */
export const LINUX_MEMORY_MB = 256;
/** RAM of every other program without launch memoryMB. */
export const OTHER_MEMORY_MB = 16;

/** A Linux program (an ELF, or an .asm with `global _start` and int 0x80) under the kernel gets
 *  LINUX_MEMORY_MB; a kernel-ABI or bare program OTHER_MEMORY_MB. */
export function defaultMemoryMB(config: LaunchConfig, contents: Uint8Array): number {
  if (config.mode !== 'kernel') return OTHER_MEMORY_MB;
  if (isElf(contents)) return LINUX_MEMORY_MB;
  return isLinuxExecutableSource(Buffer.from(contents).toString('latin1')) ? LINUX_MEMORY_MB : OTHER_MEMORY_MB;
}

/**
 * Builds the machine and the session for a config. `note` receives the lines the user should
 * read (warnings on the console, diagnostics on stderr), also when the load fails.
 */
export function loadSession(
  config: LaunchConfig,
  listener: SessionListener,
  note: (text: string, category: 'console' | 'stderr') => void,
): ({ ok: true } & LoadedSession) | { ok: false; message: string } {
  const programPath = path.resolve(config.program);
  let contents: Uint8Array;
  try {
    contents = fs.readFileSync(programPath);
  } catch (e) {
    return {
      ok: false,
      message: `launch attribute 'program': cannot read ${programPath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
  const readFile = (p: string): Uint8Array | undefined => {
    const full = path.isAbsolute(p) ? p : path.resolve(path.dirname(programPath), p);
    try {
      return fs.readFileSync(full);
    } catch {
      return undefined;
    }
  };
  const source = { path: programPath, contents, readFile, loadAddress: config.loadAddress };
  const common = {
    model: config.cpu,
    memoryBytes: (config.memoryMB ?? defaultMemoryMB(config, contents)) * 1024 * 1024,
    history: config.history,
    tracePorts: config.trace.includes('ports'),
    traceTraps: config.trace.includes('traps'),
    traceSyscalls: config.trace.includes('syscalls'),
  };
  let result: LaunchResult;
  let programEntry: number | undefined;
  let userModeFrom: number | undefined;
  if (config.mode === 'kernel') {
    const hostIo = debugHostIo(config);
    if (typeof hostIo === 'string') return { ok: false, message: hostIo };
    const kernelDir = findKernelDir();
    const launched = launchKernel(
      source,
      {
        ...common,
        discovery: config.discovery,
        mechanism: config.mechanism,
        seed: config.seed,
        args: config.args,
        env: programEnvironment(config),
        hostIo,
        hostIoForEveryProgram: config.stdin !== undefined || config.fs !== undefined,
        kernelDir,
        readKernelSource: (name) => {
          try {
            return fs.readFileSync(path.join(kernelDir, name), 'utf8');
          } catch {
            return undefined;
          }
        },
      },
      listener,
    );
    result = launched.result;
    programEntry = launched.programEntry;
    userModeFrom = launched.userModeFrom;
  } else {
    result = launchBare(source, common, listener);
  }
  if (!result.ok) {
    for (const d of result.diagnostics)
      note(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`, 'stderr');
    return { ok: false, message: result.message };
  }
  for (const w of result.warnings) note(`${w}\n`, 'console');
  if (config.mode === 'bare') {
    if (config.args.length > 0)
      note(`args are passed to the program by the kernel; in bare mode they are ignored\n`, 'console');
    if (config.stopOnKernelEntry)
      note(`stopOnKernelEntry needs the kernel: in bare mode there is no kernel entry\n`, 'console');
    if (config.trace.includes('syscalls'))
      note(`trace "syscalls" needs the kernel: in bare mode there are no system calls to trace\n`, 'console');
    if (config.seed !== undefined)
      note(`seed is the kernel's boot seed: in bare mode there is no kernel, it is ignored\n`, 'console');
    const hostOnly = (['stdin', 'fs', 'env', 'clearEnv'] as const).filter((k) =>
      k === 'env' ? Object.keys(config.env).length > 0 : k === 'clearEnv' ? config.clearEnv : config[k] !== undefined,
    );
    if (hostOnly.length > 0)
      note(
        `${hostOnly.join(', ')}: a program's connection to the host needs the kernel; in bare mode ignored\n`,
        'console',
      );
  }
  return { ok: true, session: result.session, programEntry, userModeFrom };
}

/** The environment a Linux program starts with: the host's (unless clearEnv), then the `env` settings. */
export function programEnvironment(
  config: Pick<LaunchConfig, 'env' | 'clearEnv'>,
  host: NodeJS.ProcessEnv = process.env,
): string[] {
  const vars = new Map<string, string>();
  if (!config.clearEnv) for (const [name, v] of Object.entries(host)) if (v !== undefined) vars.set(name, v);
  for (const [name, v] of Object.entries(config.env)) {
    vars.delete(name);
    vars.set(name, v);
  }
  return [...vars].map(([name, v]) => `${name}=${v}`);
}

/** The host side of the host I/O device for a launch: stdin's contents, the mapped folder; or what is wrong. */
function debugHostIo(config: LaunchConfig): DebugHostIo | string {
  let stdin = new Uint8Array(0);
  if (config.stdin !== undefined) {
    const file = path.resolve(config.stdin);
    try {
      stdin = fs.readFileSync(file);
    } catch (e) {
      return `launch attribute 'stdin': cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
    }
  }
  let files: SandboxFiles | undefined;
  if (config.fs) {
    try {
      files = new SandboxFiles(path.resolve(config.fs.dir), config.fs.writable);
    } catch (e) {
      return `launch attribute '${config.fs.writable ? 'fsRw' : 'fs'}': ${(e as Error).message}`;
    }
  }
  return { stdin, files, realtime: config.seed !== undefined ? 'fixed' : 'host' };
}
