// Stack instructions (SDM Vol.2 PUSH POP PUSHA POPA PUSHF POPF ENTER LEAVE, PUSH/POP sreg).

import type { Cpu } from '../cpu';
import { EBP, ESP, SS } from '../constants';
import type { Instr } from '../instr';
import { Vector } from '../exceptions';
import { AC, ID, IF, IOPL, RF, VM, materialize } from '../flags';
import { readE, writeE } from '../operands';
import { loadSegment } from '../segments';

const SEGMENT_OF_KIND: Record<string, number> = { ES: 0, CS: 1, SS: 2, DS: 3, FS: 4, GS: 5 };

export function push(cpu: Cpu, ins: Instr): void {
  const k = ins.form!.operands[0];
  let v: number;
  if (k === 'Zv')
    v = cpu.regs[ins.rm]; // PUSH ESP pushes the value before the push (SDM)
  else if (k === 'Ev') v = readE(cpu, ins, ins.opsize);
  else v = ins.imm;
  cpu.push(ins.opsize, v);
}

export function pop(cpu: Cpu, ins: Instr): void {
  const size = ins.opsize;
  const v = cpu.peek(size);
  if (ins.form!.operands[0] === 'Zv') {
    cpu.adjustStack(size >> 3);
    cpu.setReg(ins.rm, size, v); // POP ESP: the popped value wins
    return;
  }
  // POP r/m: the address is computed after ESP is incremented (SDM Vol.2 POP).
  const saved = cpu.regs[ESP];
  cpu.adjustStack(size >> 3);
  try {
    writeE(cpu, ins, size, v);
  } catch (e) {
    cpu.regs[ESP] = saved;
    throw e;
  }
}

export function pushSeg(cpu: Cpu, ins: Instr): void {
  const selector = cpu.segSelector[SEGMENT_OF_KIND[ins.form!.operands[0]]];
  if (ins.opsize === 32 && cpu.model.pushSegmentWord) {
    // The slot is 4 bytes but only its low word is written (CpuModel.pushSegmentWord).
    const off = cpu.stackOffset(-4);
    cpu.checkWrite(SS, off, 4);
    cpu.write16(SS, off, selector);
    cpu.adjustStack(-4);
    return;
  }
  cpu.push(ins.opsize, selector);
}

export function popSeg(cpu: Cpu, ins: Instr): void {
  const seg = SEGMENT_OF_KIND[ins.form!.operands[0]];
  const v = cpu.peek(ins.opsize) & 0xffff;
  // The stack pointer moves with the size of the stack the value came from: POP SS from a
  // 16-bit stack wraps SP even when it loads a 32-bit stack (SDM Vol.2B POP: the increment
  // belongs to the pop, the load to its destination). A faulting load leaves ESP as it was.
  const saved = cpu.regs[ESP];
  cpu.adjustStack(ins.opsize >> 3);
  try {
    loadSegment(cpu, seg, v);
  } catch (e) {
    cpu.regs[ESP] = saved;
    throw e;
  }
  if (seg === SS) cpu.openStackShadow();
}

/**
 * Checks `bytes` of stack from `delta` bytes off the current top before a multi-slot access.
 * On a 16-bit stack the range wraps at 64 KiB like the slots themselves (SDM Vol.1 6.2.3), so
 * a range through offset 0 is checked as its two pieces (real mode's 64 KiB limit passes a
 * PUSHA whose SP wraps: SDM Vol.2B PUSHA faults only for an SP of 7-15 odd).
 */
export function checkStack(cpu: Cpu, delta: number, bytes: number, write: boolean): void {
  const off = cpu.stackOffset(delta);
  const first = cpu.stack32 ? bytes : Math.min(bytes, 0x10000 - off);
  if (write) cpu.checkWrite(SS, off, first);
  else cpu.checkRead(SS, off, first);
  if (first === bytes) return;
  if (write) cpu.checkWrite(SS, 0, bytes - first);
  else cpu.checkRead(SS, 0, bytes - first);
}

export function pusha(cpu: Cpu, ins: Instr): void {
  const size = ins.opsize,
    n = size >> 3;
  checkStack(cpu, -8 * n, 8 * n, true);
  const original = cpu.regs[ESP];
  for (let r = 0; r < 8; r++) cpu.push(size, r === ESP ? original : cpu.regs[r]);
}

/** POPA's scratch: the popped values (no allocation per POPA). */
const POPA_VALUES = new Int32Array(8);

export function popa(cpu: Cpu, ins: Instr): void {
  const size = ins.opsize,
    n = size >> 3;
  checkStack(cpu, 0, 8 * n, false);
  // All eight are read before any register changes (a fault leaves the registers as they were).
  const values = POPA_VALUES;
  for (let i = 0; i < 8; i++) values[i] = cpu.peek(size, i * n);
  for (let r = 7; r >= 0; r--) if (r !== ESP) cpu.setReg(r, size, values[7 - r]);
  cpu.adjustStack(8 * n);
  if (size === 32 && !cpu.stack32 && cpu.model.popadLoadsEspHigh) {
    cpu.regs[ESP] = (values[7 - ESP] & ~0xffff) | (cpu.regs[ESP] & 0xffff);
  }
}

/** The EFLAGS image PUSHF stores: VM and RF read as 0 (SDM Vol.2 PUSHF). */
export function pushf(cpu: Cpu, ins: Instr): void {
  if (cpu.flags & VM && (cpu.flags & IOPL) >> 12 < 3) cpu.raiseException(Vector.GP, 0);
  cpu.push(ins.opsize, cpu.getEflags() & ~(VM | RF));
}

/**
 * Loads EFLAGS from a POPF/IRET image (SDM Vol.2 POPF Operation): IOPL changes only at CPL 0,
 * IF only when CPL <= IOPL; VM is the callers'; RF is loaded by a 32-bit IRET, never by POPF;
 * AC/ID only where the model has them; a 16-bit image leaves the upper half alone.
 */
export function writeFlagsFromStack(cpu: Cpu, image: number, size: number, isIret: boolean): void {
  materialize(cpu);
  let mask = 0x00007fd5 | AC | ID; // CF PF AF ZF SF TF IF DF OF IOPL NT, AC, ID
  const cpl = cpu.protectedMode ? cpu.cpl : 0;
  const iopl = (cpu.flags & IOPL) >> 12;
  if (cpl > 0) mask &= ~IOPL;
  if (cpl > iopl) mask &= ~IF;
  if (!cpu.model.acFlag) mask &= ~AC;
  if (!cpu.model.idFlag) mask &= ~ID;
  if (size === 16) mask &= 0xffff;
  // IRETD loads RF (SDM Vol.2A IRET Operation); POPF never changes it.
  if (isIret && size === 32) mask |= RF;
  cpu.flags = (cpu.flags & ~mask) | (image & mask) | 0x2;
  cpu.flags &= ~0x8028; // reserved bits 3, 5, 15 read as 0
}

export function popf(cpu: Cpu, ins: Instr): void {
  if (cpu.flags & VM && (cpu.flags & IOPL) >> 12 < 3) cpu.raiseException(Vector.GP, 0);
  const v = cpu.peek(ins.opsize);
  const before = cpu.flags;
  writeFlagsFromStack(cpu, v, ins.opsize, false);
  cpu.adjustStack(ins.opsize >> 3);
  cpu.eflagsLoaded(before);
}

/**
 * ENTER imm16, imm8 (SDM Vol.2A ENTER Operation): FrameTemp is ESP after pushing EBP with a
 * 32-bit operand size (all of ESP, although a 16-bit stack only moved SP) and SP with a 16-bit
 * one; the level is taken mod 32; the level-1 frame pointers are read at [EBP-n] (BP-n on a
 * 16-bit stack) and pushed; EBP (BP) <- FrameTemp; the stack pointer then drops by imm16.
 */
export function enter(cpu: Cpu, ins: Instr): void {
  const size = ins.opsize,
    n = size >> 3;
  const frameSize = ins.imm & 0xffff;
  const level = ins.imm2 & 31;
  // Every store happens below the current top: check the whole area first (precise faults).
  checkStack(cpu, -n * (1 + level), n * (1 + level), true);
  // SDM Vol.2A ENTER, #PF: also when a write at the final stack pointer would fault, before
  // anything is written.
  const finalOffset = cpu.stackOffset(-n * (1 + level) - frameSize);
  cpu.checkWrite(SS, finalOffset, 1);
  cpu.translateWrite((cpu.segBase[SS] + finalOffset) | 0);
  const savedEsp = cpu.regs[ESP],
    savedEbp = cpu.regs[EBP];
  try {
    cpu.push(size, cpu.regs[EBP]);
    const frameTemp = size === 32 ? cpu.regs[ESP] : cpu.regs[ESP] & 0xffff;
    let ebp = cpu.stack32 ? cpu.regs[EBP] : cpu.regs[EBP] & 0xffff;
    for (let i = 1; i < level; i++) {
      ebp = cpu.stack32 ? (ebp - n) >>> 0 : (ebp - n) & 0xffff;
      const v = size === 32 ? cpu.read32(SS, ebp) : cpu.read16(SS, ebp);
      cpu.push(size, v);
    }
    if (level > 0) cpu.push(size, frameTemp);
    cpu.setReg(EBP, size, frameTemp);
    cpu.adjustStack(-frameSize);
  } catch (e) {
    cpu.regs[ESP] = savedEsp;
    cpu.regs[EBP] = savedEbp;
    throw e;
  }
}

export function leave(cpu: Cpu, ins: Instr): void {
  const savedEsp = cpu.regs[ESP];
  if (cpu.stack32) cpu.regs[ESP] = cpu.regs[EBP];
  else cpu.setReg16(ESP, cpu.regs[EBP]);
  try {
    cpu.setReg(EBP, ins.opsize, cpu.pop(ins.opsize));
  } catch (e) {
    cpu.regs[ESP] = savedEsp;
    throw e;
  }
}
