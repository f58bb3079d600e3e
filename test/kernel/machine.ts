// What the kernel tests need from a machine: boot the kernel image with a program as
// Multiboot module 0 and a command line, on a CPU model, and hand back the console. QEMU
// is the machine today (qemu.ts); our own emulator plugs in behind the same interface.

export interface BootRequest {
  kernel: Uint8Array;
  program: Uint8Array;
  /** Boot options (src/kernel/cmdline.asm), e.g. "mechanism=sysenter discovery=lock-nop". */
  cmdline: string;
  /** A model id of DESIGN.md ("pentium-ii", ...), or a machine-specific extra model. */
  model: string;
  timeoutMs?: number;
  /** Count time in guest instructions, so the time-stamp counter counts instructions. */
  instructionClock?: boolean;
}

export interface FaultReport {
  thread: number;
  name: string;
  vector: number;
  error: number;
  eip: number;
  cr2: number;
}

export interface BootResult {
  /** Everything written to the console port. */
  console: string;
  /** The console without the kernel's own "[kernel] ..." lines. */
  programOutput: string;
  kernelLines: string[];
  /** From the kernel's "exit status N" line. */
  exitStatus: number | undefined;
  /** The machine's own idea of the status (QEMU: 7 bits through isa-debug-exit). */
  machineStatus: number | undefined;
  faults: FaultReport[];
  /** The mechanism the kernel advertised, from its boot report. */
  mechanism: string | undefined;
  /** The mechanisms the kernel found working. */
  mechanismsAvailable: string[];
  kipAddress: number | undefined;
  panic: string | undefined;
  timedOut: boolean;
}

export interface KernelMachine {
  readonly name: string;
  /** Why the machine cannot run here (missing binary), or undefined when it can. */
  unavailable(): string | undefined;
  /** The models this machine can play. */
  models(): string[];
  boot(request: BootRequest): Promise<BootResult>;
}

const KERNEL_LINE = /\[kernel\] [^\n]*\n?/g;

/** Splits the console into kernel lines and program output and reads the kernel's reports. */
export function parseConsole(text: string, machineStatus: number | undefined, timedOut: boolean): BootResult {
  const kernelLines = (text.match(KERNEL_LINE) ?? []).map((l) => l.replace(/\n$/, ''));
  const programOutput = text.replace(KERNEL_LINE, '');
  const faults: FaultReport[] = [];
  let exitStatus: number | undefined;
  let mechanism: string | undefined;
  let mechanismsAvailable: string[] = [];
  let kipAddress: number | undefined;
  let panic: string | undefined;
  for (const line of kernelLines) {
    const fault = /fault: thread (\d+) (\S+) vector 0x([0-9A-F]+) error 0x([0-9A-F]+) eip 0x([0-9A-F]+) cr2 0x([0-9A-F]+)/.exec(line);
    if (fault) {
      faults.push({
        thread: Number(fault[1]), name: fault[2], vector: parseInt(fault[3], 16), error: parseInt(fault[4], 16),
        eip: parseInt(fault[5], 16), cr2: parseInt(fault[6], 16),
      });
    }
    const exit = /exit status (\d+)/.exec(line);
    if (exit) exitStatus = Number(exit[1]);
    const mechanisms = /mechanisms:([a-z ]*); advertised (\w+)/.exec(line);
    if (mechanisms) {
      mechanismsAvailable = mechanisms[1].trim().split(/\s+/);
      mechanism = mechanisms[2];
    }
    const kip = /discovery \S+ kip 0x([0-9A-F]+)/.exec(line);
    if (kip) kipAddress = parseInt(kip[1], 16);
    if (line.includes('panic')) panic = line;
  }
  return {
    console: text, programOutput, kernelLines, exitStatus, machineStatus, faults, mechanism,
    mechanismsAvailable, kipAddress, panic, timedOut,
  };
}
