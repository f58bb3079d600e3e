// Operand access for the general (not code-generated) handlers: the ModRM r/m operand,
// register or memory, the reg-field register, by operand size.

import type { Cpu } from './cpu';
import type { Instr } from './instr';

/** Effective address offset (SDM Vol.1 3.7.5), wrapped to the address size. */
export function effectiveAddress(cpu: Cpu, ins: Instr): number {
  const regs = cpu.regs;
  let ea = ins.disp;
  if (ins.base >= 0) ea += regs[ins.base];
  if (ins.index >= 0) ea += regs[ins.index] << ins.scale;
  return ins.adsize === 32 ? ea >>> 0 : ea & 0xffff;
}

/** Offset of the memory operand `delta` bytes further, wrapped to the address size. */
export function offsetPlus(ins: Instr, off: number, delta: number): number {
  return ins.adsize === 32 ? (off + delta) >>> 0 : (off + delta) & 0xffff;
}

export function readE(cpu: Cpu, ins: Instr, size: number): number {
  if (!ins.memory) return cpu.getReg(ins.rm, size);
  return cpu.readSized(ins.seg, effectiveAddress(cpu, ins), size);
}

export function writeE(cpu: Cpu, ins: Instr, size: number, value: number): void {
  if (!ins.memory) cpu.setReg(ins.rm, size, value);
  else cpu.writeSized(ins.seg, effectiveAddress(cpu, ins), size, value);
}

/**
 * Read half of a read-modify-write on the r/m operand: checks the write access up front so the
 * later write cannot fault (precise faults), and returns the value.
 */
export function readModifyE(cpu: Cpu, ins: Instr, size: number): number {
  if (!ins.memory) return cpu.getReg(ins.rm, size);
  const off = effectiveAddress(cpu, ins);
  cpu.checkWrite(ins.seg, off, size >> 3);
  return cpu.readSized(ins.seg, off, size);
}
