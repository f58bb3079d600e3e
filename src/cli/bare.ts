// The machine without the kernel: a flat image in physical memory, entered in flat 32-bit
// mode at an address or at the reset vector, run until it stops. Shared by `run --bare` and
// the cpu bench.
import { Machine, StopInfo } from '../emulator';
import { CS } from '../emulator';
import type { ModelId } from '../isa/models';
import type { OutListener } from '../emulator';
import { vectorMnemonic } from '../debugcore/faults';

/** Memory of a bare machine unless the image needs more. */
export const BARE_MEMORY_BYTES = 16 * 1024 * 1024;
/** The largest memory a bare run allocates to hold an image. */
export const BARE_MEMORY_LIMIT = 512 * 1024 * 1024;
/** The interpreter gets at most this many instructions per `run` call. */
const RUN_CHUNK = 50_000_000;

export interface BareImage {
  bytes: Uint8Array;
  loadAt: number;
  model?: ModelId;
}

/** Memory size for an image: the default, or enough whole MiB to hold it. */
export function bareMemoryBytes(image: BareImage): number {
  const mib = 1024 * 1024;
  return Math.max(BARE_MEMORY_BYTES, Math.ceil((image.loadAt + image.bytes.length) / mib) * mib);
}

function createMachine(image: BareImage): Machine {
  const memoryBytes = bareMemoryBytes(image);
  if (memoryBytes > BARE_MEMORY_LIMIT) {
    throw new Error(
      `an image loaded at 0x${image.loadAt.toString(16)} needs ${memoryBytes >> 20} MiB of memory; a bare machine has at most ${BARE_MEMORY_LIMIT >> 20} MiB`,
    );
  }
  const machine = new Machine({ memoryBytes, model: image.model });
  machine.memory.load(image.bytes, image.loadAt);
  return machine;
}

/** A machine with the image loaded, CPU in flat 32-bit mode at CPL0 with EIP = entry. */
export function createFlatMachine(image: BareImage, entry: number): Machine {
  const machine = createMachine(image);
  machine.cpu.setFlat32();
  machine.cpu.eip = entry >>> 0;
  return machine;
}

export interface BareStop extends StopInfo {
  /** Instructions executed over the whole run (StopInfo.executed counts one `run` call). */
  total: number;
}

/** Runs until the machine stops, or until `limit` instructions in all (Infinity: no limit). */
export function runUntilStop(machine: Machine, limit: number): BareStop {
  let total = 0;
  for (;;) {
    const stop = machine.run(Math.min(RUN_CHUNK, limit - total));
    total += stop.executed;
    if (stop.reason !== 'limit' || total >= limit) return { ...stop, total };
  }
}

export interface BareRunOptions {
  image: BareImage;
  entry: number | 'reset';
  maxInstructions: number;
  tracePorts: boolean;
}

export interface BareRunReport {
  reason: StopInfo['reason'];
  /** Linear address of the next instruction (CS base + EIP). */
  address: number;
  instructions: number;
  /** EFLAGS.IF at the stop: a HLT with IF = 1 ends the run only when nothing can interrupt it. */
  interruptsEnabled: boolean;
  vector?: number;
  exceptionName?: string;
  errorCode?: number;
  /** Set when the emulator itself stopped (vector -1): what it does not implement, or its defect. */
  message?: string;
}

/**
 * The machine `run --bare` runs: the image loaded, entered at `entry` or the reset vector. Throws for a
 * host-side problem.
 */
export function createBareMachine(options: BareRunOptions, onOut: OutListener): Machine {
  const machine =
    options.entry === 'reset' ? createResetMachine(options.image) : createFlatMachine(options.image, options.entry);
  machine.io.onOut(onOut);
  return machine;
}

/** Why and where a bare run stopped, from the last stop and the instructions run in all. */
export function bareReport(machine: Machine, stop: StopInfo, total: number): BareRunReport {
  const cpu = machine.cpu;
  // A fault reports the faulting instruction; any other stop the next one (CS base + EIP).
  const report: BareRunReport = {
    reason: stop.reason,
    address: (cpu.segBase[CS] + (stop.faultEip ?? cpu.eip)) >>> 0,
    instructions: total,
    interruptsEnabled: (cpu.getEflags() & EFLAGS_IF) !== 0,
  };
  if (stop.vector !== undefined && stop.vector >= 0) {
    report.vector = stop.vector;
    report.exceptionName = vectorMnemonic(stop.vector);
  }
  if (stop.errorCode !== undefined) report.errorCode = stop.errorCode;
  if (stop.message !== undefined) report.message = stop.message;
  return report;
}

/** Runs an image as `run --bare` does, to its end; every OUT goes to `onOut`. Throws for a host-side problem. */
export function runBare(options: BareRunOptions, onOut: OutListener): BareRunReport {
  const machine = createBareMachine(options, onOut);
  const stop = runUntilStop(machine, options.maxInstructions);
  return bareReport(machine, stop, stop.total);
}

/** EFLAGS.IF (SDM Vol.1 3.4.3.3). */
const EFLAGS_IF = 0x200;

/** The reset vector's 64 KiB: a ROM image there is also seen below 4 GiB (docs/ARCHITECTURE.md, "Contracts"). */
const ROM_START = 0xf0000;
const ROM_END = 0x100000;

function createResetMachine(image: BareImage): Machine {
  if (image.loadAt < ROM_START || image.loadAt + image.bytes.length > ROM_END) {
    throw new Error(
      `--entry reset needs the image within 0xf0000..0xfffff (the reset vector F000:FFF0 is at 0xffff0); it is at 0x${image.loadAt.toString(16)}..0x${(image.loadAt + image.bytes.length - 1).toString(16)}`,
    );
  }
  const machine = createMachine(image);
  // The first fetch is at physical FFFFFFF0 (CS base FFFF0000, SDM Vol.3 9.1.4), where
  // PhysicalMemory shows the last 64 KiB below 1 MiB again.
  machine.cpu.reset();
  return machine;
}
