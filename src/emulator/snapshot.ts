// The machine's state as plain data, for Machine.snapshot() and Machine.restore(): the CPU
// (registers, lazy flags, segment registers with their descriptor caches, system registers,
// MSRs, counters, stop state), the 8259A pair, the 8254 and the machine's own time base.
// RAM is not included: the caller copies and restores it (the debugger's history keeps pages).
//
// The CPU's fields are listed by name, not discovered by reflection, so the list is what
// a reviewer reads; test/machine/snapshot.test.ts fails when the Cpu (or a device) gains an
// own field that is neither listed here nor named in CPU_FIELDS_NOT_IN_STATE with a reason.
// The x87 FPU is one record, `fpu`, whose fields fpu/state.ts lists the same way.
// A state is structured-clone-able (numbers, booleans, strings, typed arrays, plain objects).

import type { Cpu } from './cpu/cpu';
import { type FpuState, captureFpu, restoreFpu } from './cpu/fpu/state';
import { armDebugRegisters } from './cpu/debug';
import type { ModelId } from '../isa/models';
import type { PicPairState } from './devices/pic';
import type { PitState } from './devices/pit';

/** CPU fields holding a number, boolean, string or undefined, copied by value. */
const CPU_SCALAR_FIELDS = [
  'eip',
  'flags',
  'lazyFlags',
  'lazyOp',
  'lazyA',
  'lazyB',
  'lazyResult',
  'lazySize',
  'code32',
  'stack32',
  'cpl',
  'cr0',
  'cr2',
  'cr3',
  'cr4',
  'gdtBase',
  'gdtLimit',
  'idtBase',
  'idtLimit',
  'ldtSelector',
  'ldtBase',
  'ldtLimit',
  'taskSelector',
  'taskBase',
  'taskLimit',
  'taskType',
  'eventsStopRun',
  'sysenterCs',
  'sysenterEsp',
  'sysenterEip',
  'efer',
  'star',
  'starHigh',
  'tscOffset',
  'systemAccess',
  'interruptShadow',
  'debugShadow',
  'eventCount',
  'eventRf',
  'instructionCount',
  'ioInstructionCount',
  'stopReason',
  'leaveBlock',
  'exceptionVector',
  'exceptionErrorCode',
  'exceptionEip',
  'exceptionIntercepted',
  'exceptionKind',
  'cr2BeforeFault',
  'unimplementedWhat',
  'halted',
  'dbHits',
  'dbDeferred',
] as const satisfies readonly (keyof Cpu)[];

/** CPU fields holding a small record of numbers and booleans (or undefined), copied field by field. */
const CPU_RECORD_FIELDS = ['watchHit', 'deferredWatchHit'] as const satisfies readonly (keyof Cpu)[];

/**
 * CPU fields holding a typed array: the general registers, the segment registers' selectors
 * and descriptor caches with the offset ranges derived from them when they were loaded (kept
 * as they are: they depend on CR0.PE at load time, not only on the cache), DR0-DR7, TR0-TR7.
 */
const CPU_ARRAY_FIELDS = [
  'regs',
  'segSelector',
  'segBase',
  'segLimit',
  'segAttr',
  'readLow',
  'readHigh',
  'writeLow',
  'writeHigh',
  'dr',
  'tr',
] as const satisfies readonly (keyof Cpu)[];

/** Own fields of a Cpu that are not part of its state, and why. */
export const CPU_FIELDS_NOT_IN_STATE: Readonly<Record<string, string>> = {
  model: 'fixed when the machine is built; a state records its id and is restored only on the same model',
  memory: "RAM is the caller's to copy and restore",
  io: 'the port bus is wiring; the devices on it are saved separately',
  tlb: 'a cache of the page tables in RAM, flushed on restore',
  interceptEvent: "the debugger's hook, not guest state: it stays as the debugger set it",
  watchRanges: "the debugger's data watchpoints (setWatchpoints), not guest state",
  watching: 'derived from watchRanges and DR7 (armDebugRegisters)',
  breakRanges: 'derived from DR0-DR3 and DR7 (armDebugRegisters, on restore)',
  codeBreakpoints: 'derived from DR7 (armDebugRegisters, on restore)',
  ioBreakpoints: 'derived from DR7 and CR4.DE (armDebugRegisters, on restore)',
  regionRetired: 'scratch of a compiled region leaving on a fault, read at once by the interpreter loop',
  pendingFault: 'scratch of a compiled region leaving on a fault, cleared at once by the interpreter loop',
  returnedFromEvent: 'a hint to the interpreter loop about which block to compile; no effect on what the guest sees',
};

/** Own fields of a Machine that are not in MachineState.machine, and where they are saved or why not. */
export const MACHINE_FIELDS_NOT_IN_STATE: Readonly<Record<string, string>> = {
  cpu: 'saved as MachineState.cpu',
  timers: 'saved as MachineState.pic and MachineState.pit',
  memory: "RAM is the caller's to copy and restore",
  io: 'the port bus is wiring; its devices are the PIC pair and the PIT',
  code: 'decoded blocks, derived from RAM and dropped by PhysicalMemory.load where it rewrites code',
};

type CpuScalarField = (typeof CPU_SCALAR_FIELDS)[number];
type CpuArrayField = (typeof CPU_ARRAY_FIELDS)[number];
type CpuRecordField = (typeof CPU_RECORD_FIELDS)[number];

export type CpuState = { [K in CpuScalarField | CpuArrayField | CpuRecordField]: Cpu[K] } & { fpu: FpuState };

/** Everything in a Machine except RAM contents. */
export interface MachineState {
  /** The CPU model the state was taken on; restore refuses another. */
  model: ModelId;
  /** RAM size in bytes of the machine the state was taken on; restore refuses another. */
  memoryBytes: number;
  cpu: CpuState;
  pic: PicPairState;
  pit: PitState;
  /** The Machine's own fields. */
  machine: MachineOwnState;
}

/** The Machine's fields beyond its parts. */
export interface MachineOwnState {
  /** PIT input clocks skipped while halted: PIT time = instructionCount + idleTicks. */
  idleTicks: number;
  /** A single-step #DB is due before the next instruction (claimed by interceptEvent, or after a watchpoint stop). */
  singleStepPending: boolean;
}

export function captureCpu(cpu: Cpu): CpuState {
  const state: Record<string, unknown> = {};
  for (const k of CPU_SCALAR_FIELDS) state[k] = cpu[k];
  // The bits of `flags` under `lazyFlags` are never read (getEflags computes them): saved as 0,
  // so two runs with the same EFLAGS save the same state whichever path last wrote them.
  state.flags = (cpu.flags & ~cpu.lazyFlags) >>> 0;
  for (const k of CPU_ARRAY_FIELDS) state[k] = cpu[k].slice();
  for (const k of CPU_RECORD_FIELDS) state[k] = copyRecord(cpu[k]);
  state.fpu = captureFpu(cpu.fpu);
  return state as CpuState;
}

/**
 * Writes a captured state back (checked whole first, so a malformed state changes nothing);
 * the TLB is flushed (its entries may describe other tables).
 */
export function restoreCpu(cpu: Cpu, state: CpuState): void {
  for (const k of CPU_ARRAY_FIELDS) {
    const from = state[k];
    if (!from || from.length !== cpu[k].length)
      throw new Error(`a CPU state's ${k} has ${from ? from.length : 'no'} elements, not ${cpu[k].length}`);
  }
  for (const k of [...CPU_SCALAR_FIELDS, ...CPU_RECORD_FIELDS]) {
    if (!(k in state)) throw new Error(`a CPU state has no ${k}`);
  }
  if (!state.fpu) throw new Error('a CPU state has no fpu');
  restoreFpu(cpu.fpu, state.fpu);
  for (const k of CPU_ARRAY_FIELDS) (cpu[k] as { set(a: ArrayLike<number>): void }).set(state[k]);
  const target = cpu as unknown as Record<string, unknown>;
  for (const k of CPU_SCALAR_FIELDS) target[k] = state[k];
  for (const k of CPU_RECORD_FIELDS) target[k] = copyRecord(state[k]);
  armDebugRegisters(cpu);
  cpu.tlb.flushAll();
}

function copyRecord<T extends object>(record: T | undefined): T | undefined {
  return record === undefined ? undefined : { ...record };
}

/** The names captureCpu copies (for the coverage test). */
export const CPU_STATE_FIELDS: readonly string[] = [
  ...CPU_SCALAR_FIELDS,
  ...CPU_ARRAY_FIELDS,
  ...CPU_RECORD_FIELDS,
  'fpu',
];
