// Bare-mode launch: the program alone on the machine, no kernel. The image is loaded at its
// address (an .asm file's org, a .bin's loadAddress, an ELF's segments), the CPU is put in
// flat 32-bit protected mode (every segment base 0, limit 4 GiB, CPL 0, paging off), ESP at
// the top of RAM, EIP at the entry (the label `_start` or `start`, else the first byte).
// The console is port 0xE9; HLT ends the run. Kernel mode (the default of the launch
// configuration) boots src/kernel once the system layer exists; it is not faked here.

import { Machine } from '../emulator';
import type { ModelId } from '../isa/models';
import { ESP } from '../emulator';
import type { Diagnostic } from '../asm/index';
import { formatDiagnostic } from '../asm/index';
import { loadProgram, type ProgramSource } from './program';
import { DEFAULT_SESSION_OPTIONS, MachineSession, type SessionListener } from './session';

export interface BareOptions {
  model: ModelId;
  memoryBytes: number;
  /** Reverse-execution history in instructions (0: off). */
  history: number;
  /** Print every OUT as a `port value` line on the console. */
  tracePorts: boolean;
  /** Print every exception and software interrupt on the console. */
  traceTraps: boolean;
}

export type LaunchResult =
  { ok: true; session: MachineSession; warnings: string[] } | { ok: false; message: string; diagnostics: Diagnostic[] };

export function launchBare(source: ProgramSource, options: BareOptions, listener: SessionListener): LaunchResult {
  const program = loadProgram(source);
  if (!program.ok) return { ok: false, message: program.message, diagnostics: program.diagnostics };
  const image = program.image;
  if (image.bytes.length === 0) return { ok: false, message: `${source.path} produced no bytes`, diagnostics: [] };
  if (image.end > options.memoryBytes) {
    return {
      ok: false,
      message: `${source.path} loads at 0x${image.loadAddress.toString(16)}..0x${(image.end - 1).toString(16)}, beyond the ${options.memoryBytes / 1048576} MiB of RAM (launch attribute 'memoryMB')`,
      diagnostics: [],
    };
  }
  const machine = new Machine({ memoryBytes: options.memoryBytes, model: options.model });
  machine.cpu.setFlat32();
  machine.memory.load(image.bytes, image.loadAddress);
  machine.cpu.eip = image.entry;
  machine.cpu.regs[ESP] = options.memoryBytes;
  const session = new MachineSession(machine, [image], listener, {
    ...DEFAULT_SESSION_OPTIONS,
    historyBudget: options.history,
  });
  session.tracePorts = options.tracePorts;
  session.traceTraps = options.traceTraps;
  return { ok: true, session, warnings: program.warnings.map(formatDiagnostic) };
}
