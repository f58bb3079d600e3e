// What every x87 instruction does around its operation (SDM Vol.1 8.1, 8.5-8.7; Vol.3 2.5
// Table 2-2, 9.2): the CR0.EM/TS check (#NM), the pending-exception check of waiting
// instructions (#MF, or FERR#/IRQ13 with CR0.NE = 0), the last instruction/data pointers,
// operand reads and writes of each memory format, and folding an operation's exception flags
// into the status word with the masked / unmasked responses.

import type { Cpu } from '../cpu';
import { CR0_EM, CR0_NE, CR0_TS, CS } from '../constants';
import type { Instr } from '../instr';
import { Vector } from '../exceptions';
import { effectiveAddress, offsetPlus } from '../operands';
import { type Ext, DE, IE, PE, ZE, fenv, INDEFINITE } from './softfloat';
import { SW_B, SW_C1, SW_ES, SW_SF, TAG_EMPTY } from './state';

/** Precision control field (CW bits 8-9) to significand bits; 01 is reserved and acts as 64 here. */
const PRECISION = [24, 64, 53, 64];

/**
 * Entry of every x87 instruction. Returns false when the model has no FPU and CR0.EM is
 * clear: the ESC opcode then reaches no coprocessor and has no effect (a 386 or 486SX
 * without a math chip; the FNINIT/FNSTSW probe sees its memory operand unchanged).
 * `waiting`: the instruction checks for a pending unmasked exception first (all but the
 * FN- control forms, SDM Vol.1 8.3.12).
 */
export function enter(cpu: Cpu, waiting: boolean): boolean {
  const cr0 = cpu.cr0;
  // SDM Vol.3 Table 2-2: EM = 1 or TS = 1 -> #NM for x87 instructions.
  if ((cr0 & (CR0_EM | CR0_TS)) !== 0) cpu.raiseException(Vector.NM);
  if (!cpu.model.fpu) return false;
  const fpu = cpu.fpu;
  if (waiting && (fpu.sw & SW_ES) !== 0) {
    // SDM Vol.1 8.7 / Vol.3 6.15 (#MF): reported at the next waiting instruction with CR0.NE;
    // with NE = 0 the error went out on FERR# (IRQ13, raised when the exception occurred)
    // and the instruction goes on (the PC's IGNNE# logic).
    if ((cr0 & CR0_NE) !== 0) cpu.raiseException(Vector.MF);
  }
  return true;
}

/** Loads fenv from the control word before an operation. */
export function begin(cpu: Cpu): void {
  const cw = cpu.fpu.cw;
  fenv.flags = 0;
  fenv.roundedUp = false;
  fenv.masks = cw & 0x3f;
  fenv.rc = (cw >> 10) & 3;
  fenv.pc = PRECISION[(cw >> 8) & 3];
}

/** FIP/FCS/FOP (SDM Vol.1 8.1.8, 8.1.9): recorded by every non-control instruction. */
export function recordInstruction(cpu: Cpu, ins: Instr): void {
  const fpu = cpu.fpu;
  fpu.fip = cpu.eip;
  fpu.fcs = cpu.segSelector[CS];
  fpu.fop = ((ins.form!.opcode[0] & 7) << 8) | (ins.modrm & 0xff);
}

/** FDP/FDS: the memory operand's offset and segment. */
export function recordData(cpu: Cpu, ins: Instr, off: number): void {
  cpu.fpu.fdp = off;
  cpu.fpu.fds = cpu.segSelector[ins.seg];
}

/**
 * Folds fenv.flags into the status word (SDM Vol.1 8.1.3.1 C1 rule: the rounding direction
 * when PE, else cleared) and reports whether the result may be written: an unmasked invalid,
 * denormal or divide-by-zero exception leaves the destination and the stack as they were
 * (SDM Vol.1 4.9.2). An unmasked exception sets ES and B and, with CR0.NE = 0, asserts FERR#.
 */
export function complete(cpu: Cpu): boolean {
  const fpu = cpu.fpu;
  let f = fenv.flags;
  // An unmasked pre-computation exception (invalid, denormal, zero-divide) stops the operation
  // before its result is rounded: no overflow, underflow or precision (SDM Vol.1 4.9.2).
  if ((f & ~fpu.cw & (IE | DE | ZE)) !== 0) f &= IE | DE | ZE;
  let sw = (fpu.sw | f) & ~SW_C1;
  if ((f & PE) !== 0 && fenv.roundedUp) sw |= SW_C1;
  const unmasked = f & ~fpu.cw & 0x3f;
  if (unmasked !== 0) sw |= SW_ES | SW_B;
  fpu.sw = sw;
  if (unmasked !== 0) signalError(cpu);
  return (unmasked & (IE | DE | ZE)) === 0;
}

/** FERR#: with CR0.NE = 0 the PC routes the error to IRQ13 (SDM Vol.3 22.18.6; the machine wires onError). */
export function signalError(cpu: Cpu): void {
  if ((cpu.cr0 & CR0_NE) === 0 && cpu.fpu.onError !== undefined) cpu.fpu.onError(true);
}

/** Clears ES and B (FNCLEX, FNINIT, loads of the status word): FERR# drops. */
export function errorCleared(cpu: Cpu): void {
  if (cpu.fpu.onError !== undefined) cpu.fpu.onError(false);
}

/**
 * ST(i) for reading. An empty register is a stack underflow (SDM Vol.1 8.5.1.1): IE and SF,
 * C1 = 0, and the masked response operates on the real indefinite.
 */
export function readSt(cpu: Cpu, i: number): Ext {
  const fpu = cpu.fpu;
  const p = fpu.phys(i);
  if (fpu.tagOf(p) === TAG_EMPTY) {
    stackUnderflow(cpu);
    return INDEFINITE;
  }
  return fpu.readPhys(p);
}

export function stackUnderflow(cpu: Cpu): void {
  fenv.flags |= IE;
  cpu.fpu.sw = (cpu.fpu.sw | SW_SF) & ~SW_C1;
  fenv.roundedUp = false;
}

/**
 * A push onto a full stack (ST(7) not empty) is a stack overflow: IE, SF, C1 = 1 (SDM Vol.1
 * 8.5.1.1). Returns true when it happened; then the caller pushes the real indefinite if IE is
 * masked, nothing otherwise.
 */
export function pushOverflows(cpu: Cpu): boolean {
  const fpu = cpu.fpu;
  if (fpu.tagOf(fpu.phys(7)) === TAG_EMPTY) return false;
  fenv.flags |= IE;
  fpu.sw |= SW_SF;
  return true;
}

/** Status word after a stack overflow: C1 = 1 (complete() clears C1 unless PE says otherwise). */
export function markOverflowC1(cpu: Cpu): void {
  cpu.fpu.sw |= SW_C1;
}

// --- Memory operands ------------------------------------------------------------------------

export function operandOffset(cpu: Cpu, ins: Instr): number {
  const off = effectiveAddress(cpu, ins);
  return off;
}

/** Every byte of a multi-part store must be writable before the first is written (precise faults). */
export function probeWrite(cpu: Cpu, ins: Instr, off: number, bytes: number): void {
  cpu.checkWrite(ins.seg, off, bytes);
  const first = (cpu.segBase[ins.seg] + off) | 0;
  const last = (cpu.segBase[ins.seg] + offsetPlus(ins, off, bytes - 1)) | 0;
  cpu.translateWrite(first);
  if ((first ^ last) >>> 12 !== 0) cpu.translateWrite(last);
}

export function read16(cpu: Cpu, ins: Instr, off: number): number {
  return cpu.read16(ins.seg, off);
}
export function read32(cpu: Cpu, ins: Instr, off: number): number {
  return cpu.read32(ins.seg, off) >>> 0;
}
export function read64(cpu: Cpu, ins: Instr, off: number): bigint {
  const lo = cpu.read32(ins.seg, off) >>> 0;
  const hi = cpu.read32(ins.seg, offsetPlus(ins, off, 4)) >>> 0;
  return (BigInt(hi) << 32n) | BigInt(lo);
}
export function readBytes(cpu: Cpu, ins: Instr, off: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(cpu.read8(ins.seg, offsetPlus(ins, off, i)));
  return out;
}
export function read80(cpu: Cpu, ins: Instr, off: number): Ext {
  const sig = read64(cpu, ins, off);
  const se = cpu.read16(ins.seg, offsetPlus(ins, off, 8));
  return { sign: se >> 15, exp: se & 0x7fff, sig };
}

export function write64(cpu: Cpu, ins: Instr, off: number, v: bigint): void {
  probeWrite(cpu, ins, off, 8);
  cpu.write32(ins.seg, off, Number(v & 0xffffffffn) | 0);
  cpu.write32(ins.seg, offsetPlus(ins, off, 4), Number((v >> 32n) & 0xffffffffn) | 0);
}
export function write80(cpu: Cpu, ins: Instr, off: number, v: Ext): void {
  probeWrite(cpu, ins, off, 10);
  cpu.write32(ins.seg, off, Number(v.sig & 0xffffffffn) | 0);
  cpu.write32(ins.seg, offsetPlus(ins, off, 4), Number(v.sig >> 32n) | 0);
  cpu.write16(ins.seg, offsetPlus(ins, off, 8), (v.sign << 15) | v.exp);
}
export function writeBytes(cpu: Cpu, ins: Instr, off: number, bytes: readonly number[]): void {
  probeWrite(cpu, ins, off, bytes.length);
  bytes.forEach((b, i) => cpu.write8(ins.seg, offsetPlus(ins, off, i), b));
}
