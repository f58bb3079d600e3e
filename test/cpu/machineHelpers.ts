// Shared helpers for the hand-written CPU tests: a flat 32-bit machine with code at 0x1000.
import { Machine } from '../../src/emulator/machine';
import type { ModelId } from '../../src/isa/models';

export const CODE = 0x1000;

export function flatMachine(code: number[], model: ModelId = 'pentium-ii'): Machine {
  const m = new Machine({ memoryBytes: 1 << 20, model });
  m.cpu.setFlat32();
  m.memory.load(Uint8Array.from(code), CODE);
  m.cpu.eip = CODE;
  m.cpu.regs.fill(0); // reset leaves the CPU signature in EDX
  m.cpu.regs[4] = 0x80000; // ESP
  return m;
}

export function regs(m: Machine): number[] {
  return Array.from(m.cpu.regs, (r) => r >>> 0);
}

/** What a compiled-vs-interpreted comparison looks at after a run. */
export interface MachineState {
  regs: number[];
  eflags: number;
  eip: number;
  count: number;
  /** FNV-1a of the memory ranges [from, to), one hex string per range. */
  memory: string;
}

/** Registers, EFLAGS, EIP, retired count and a hash of the given memory ranges. */
export function machineState(m: Machine, ranges: readonly (readonly [number, number])[]): MachineState {
  const hash = (from: number, to: number): string => {
    let h = 0x811c9dc5;
    for (let a = from; a < to; a++) h = Math.imul(h ^ m.memory.u8[a], 0x01000193);
    return (h >>> 0).toString(16);
  };
  return {
    regs: Array.from(m.cpu.regs),
    eflags: m.cpu.getEflags(),
    eip: m.cpu.eip,
    count: m.cpu.instructionCount,
    memory: ranges.map(([from, to]) => hash(from, to)).join(''),
  };
}
