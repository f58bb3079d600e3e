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
