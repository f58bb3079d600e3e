// What the kernel tests need from a machine: boot the kernel image with a program as
// Multiboot module 0 and a command line, on a CPU model, and hand back the console. Two
// machines implement it: QEMU, the oracle (qemu.ts), and our emulator (ours.ts).

import { KernelConsole, parseKernelConsole } from '../../src/kernel/console';

export interface BootRequest {
  kernel: Uint8Array;
  program: Uint8Array;
  /** Words after the program's name in its module string: the program's argv[1..]. */
  programArgs?: string[];
  /** Boot options (abi.ts BOOT_OPTION), e.g. "mechanism=sysenter discovery=lock-nop"; not seed=. */
  cmdline: string;
  /** The boot seed the loader passes (seed=); host randomness when absent. */
  seed?: number;
  /** A model id of docs/ARCHITECTURE.md ("pentium-ii", ...), or a machine-specific extra model. */
  model: string;
  timeoutMs?: number;
  /** Count time in guest instructions, so the time-stamp counter counts instructions. */
  instructionClock?: boolean;
}

/** The console as the kernel's reports read it (src/kernel/console.ts), plus the machine's view. */
export interface BootResult extends KernelConsole {
  /** Everything written to the console port. */
  console: string;
  /** The machine's own idea of the status (QEMU: 7 bits through isa-debug-exit). */
  machineStatus: number | undefined;
  timedOut: boolean;
  /** The seed the loader put on the command line. */
  givenSeed: number;
  /** Instructions retired, where the machine counts them. */
  instructions?: number;
}

export interface KernelMachine {
  readonly name: string;
  /** The same request boots the same way every time (a clock that counts instructions). */
  readonly deterministic: boolean;
  /** Why the machine cannot run here (missing binary), or undefined when it can. */
  unavailable(): string | undefined;
  /** The models this machine can play. */
  models(): string[];
  boot(request: BootRequest): Promise<BootResult>;
}

export function parseConsole(
  text: string,
  machineStatus: number | undefined,
  timedOut: boolean,
): Omit<BootResult, 'givenSeed'> {
  return { ...parseKernelConsole(text), console: text, machineStatus, timedOut };
}
