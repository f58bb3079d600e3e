// Reading the kernel's console: its own lines start with "[kernel] " (console.asm and the
// report routines in boot.asm and traps.asm), everything else is the program's output.
// The host (CLI --json, tests) reads faults, the exit status and the boot report from here.
// With the host I/O device (docs/HOSTIO.md) the kernel's lines come alone on its log
// channel, and the program's output never passes through here; without it (QEMU, the
// debugger, demo and bench) port 0xE9 carries both, told apart by the prefix.

export interface KernelFault {
  thread: number;
  /** "#PF", "#GP", ... */
  name: string;
  vector: number;
  error: number;
  eip: number;
  cr2: number;
}

export interface KernelConsole {
  /** The console without the kernel's own lines. */
  programOutput: string;
  kernelLines: string[];
  faults: KernelFault[];
  /** From "[kernel] exit status N", once the program has ended. */
  exitStatus: number | undefined;
  /** The advertised mechanism and the ones detection found working. */
  mechanism: string | undefined;
  mechanismsAvailable: string[];
  kipAddress: number | undefined;
  /** The panic line, if the kernel itself failed. */
  panic: string | undefined;
}

export const KERNEL_LINE_PREFIX = '[kernel] ';

const KERNEL_LINE = /\[kernel\] [^\n]*\n?/g;
const FAULT = /fault: thread (\d+) (\S+) vector 0x([0-9A-F]+) error 0x([0-9A-F]+) eip 0x([0-9A-F]+) cr2 0x([0-9A-F]+)/;
const EXIT = /exit status (\d+)/;
const MECHANISMS = /mechanisms:([a-z ]*); advertised (\w+)/;
const KIP = /discovery \S+ kip 0x([0-9A-F]+)/;

export function parseKernelConsole(text: string): KernelConsole {
  const kernelLines = (text.match(KERNEL_LINE) ?? []).map((l) => l.replace(/\n$/, ''));
  const result: KernelConsole = {
    programOutput: text.replace(KERNEL_LINE, ''),
    kernelLines,
    faults: [],
    exitStatus: undefined,
    mechanism: undefined,
    mechanismsAvailable: [],
    kipAddress: undefined,
    panic: undefined,
  };
  for (const line of kernelLines) {
    const fault = FAULT.exec(line);
    if (fault) {
      result.faults.push({
        thread: Number(fault[1]),
        name: fault[2],
        vector: parseInt(fault[3], 16),
        error: parseInt(fault[4], 16),
        eip: parseInt(fault[5], 16),
        cr2: parseInt(fault[6], 16),
      });
      continue;
    }
    const exit = EXIT.exec(line);
    if (exit) result.exitStatus = Number(exit[1]);
    const mechanisms = MECHANISMS.exec(line);
    if (mechanisms) {
      result.mechanismsAvailable = mechanisms[1].trim().split(/\s+/);
      result.mechanism = mechanisms[2];
    }
    const kip = KIP.exec(line);
    if (kip) result.kipAddress = parseInt(kip[1], 16);
    if (line.startsWith(KERNEL_LINE_PREFIX + 'panic')) result.panic = line;
  }
  return result;
}
