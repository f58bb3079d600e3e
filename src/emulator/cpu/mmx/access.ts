// What every MMX instruction does around its operation (SDM Vol.1 9.5-9.6; Vol.3 12.1-12.5):
// CR0.EM = 1 -> #UD, CR0.TS = 1 -> #NM (the lazy FPU switch then saves MMX state with the x87
// state), a pending unmasked x87 exception -> #MF (SDM Vol.3 12.5.1 "Effect of MMX
// Instructions on Pending x87 Floating-Point Exceptions"), and the aliasing of MM0-MM7 onto
// the significands of the x87 physical registers R0-R7 (SDM Vol.1 9.5.1; Vol.3 12.2 Table
// 12-1): after any MMX instruction but EMMS, TOP = 0 and every tag is valid (00B); a write of
// MMi sets the sign/exponent field of Ri to all ones. The x87 FIP, FDP and FOP stay as they
// were (SDM Vol.1 Table 9-3).

import type { Cpu } from '../cpu';
import { CR0_EM, CR0_NE, CR0_TS } from '../constants';
import { Vector } from '../exceptions';
import type { Instr } from '../instr';
import { effectiveAddress, offsetPlus } from '../operands';
import { SW_ES, tagFor } from '../fpu/state';
import { probeWrite } from '../fpu/access';

/** A 64-bit MMX value as two unsigned 32-bit halves. */
export interface Q {
  lo: number;
  hi: number;
}

/** The entry check of every MMX, 3DNow! and MMX-extension instruction that touches MMX state. */
export function enterMmx(cpu: Cpu): void {
  const cr0 = cpu.cr0;
  // SDM Vol.3 12.1 / Table 12-2: EM = 1 -> #UD; TS = 1 -> #NM.
  if ((cr0 & CR0_EM) !== 0) cpu.raiseException(Vector.UD);
  if ((cr0 & CR0_TS) !== 0) cpu.raiseException(Vector.NM);
  // SDM Vol.3 12.5.1: a pending unmasked x87 exception is reported (#MF) before the MMX
  // instruction; with CR0.NE = 0 it went out on FERR# (x87 access.ts does the same).
  if ((cpu.fpu.sw & SW_ES) !== 0 && (cr0 & CR0_NE) !== 0) cpu.raiseException(Vector.MF);
}

/**
 * SDM Vol.3 Table 12-1: any MMX instruction but EMMS leaves TOP = 0 and no register empty. The
 * full tag word FNSTENV/FNSAVE store is derived from each register's contents (SDM Vol.1 8.1.7),
 * which is how the emulator's full tag word is kept: an MMX-written register (exponent all
 * ones) reads back as special (10B), as on the host CPU.
 */
export function touch(cpu: Cpu): void {
  const fpu = cpu.fpu;
  fpu.top = 0;
  let tag = 0;
  for (let p = 0; p < 8; p++) tag |= tagFor(fpu.regExp[p], fpu.regHi[p], fpu.regLo[p]) << (p * 2);
  fpu.tag = tag;
}

export function readMm(cpu: Cpu, n: number): Q {
  return { lo: cpu.fpu.regLo[n], hi: cpu.fpu.regHi[n] };
}

/** Writes MMn: the significand of Rn, with the sign/exponent field all ones (SDM Vol.1 9.5.1); then touch(). */
export function writeMm(cpu: Cpu, n: number, v: Q): void {
  const fpu = cpu.fpu;
  fpu.regLo[n] = v.lo >>> 0;
  fpu.regHi[n] = v.hi >>> 0;
  fpu.regExp[n] = 0xffff;
}

/** The r/m operand as 64 bits: MMX register, m64, or (for `bytes` = 4) m32 zero-extended. */
export function readQ(cpu: Cpu, ins: Instr, bytes = 8): Q {
  if (!ins.memory) return readMm(cpu, ins.rm);
  const off = effectiveAddress(cpu, ins);
  const lo = cpu.read32(ins.seg, off) >>> 0;
  const hi = bytes === 8 ? cpu.read32(ins.seg, offsetPlus(ins, off, 4)) >>> 0 : 0;
  return { lo, hi };
}

/** Stores 64 bits to the memory operand; every byte is checked writable before the first is written. */
export function writeM64(cpu: Cpu, ins: Instr, v: Q): void {
  const off = effectiveAddress(cpu, ins);
  probeWrite(cpu, ins, off, 8);
  cpu.write32(ins.seg, off, v.lo | 0);
  cpu.write32(ins.seg, offsetPlus(ins, off, 4), v.hi | 0);
}

/** Lane `i` (unsigned) of a value split into lanes of `bits` (8, 16 or 32). */
export function lane(v: Q, bits: number, i: number): number {
  const per = 32 / bits;
  const word = i < per ? v.lo : v.hi;
  if (bits === 32) return word >>> 0;
  return (word >>> ((i % per) * bits)) & ((1 << bits) - 1);
}

/** Builds a value from lanes (each masked to `bits`). */
export function fromLanes(bits: number, values: readonly number[]): Q {
  const per = 32 / bits;
  let lo = 0,
    hi = 0;
  const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  for (let i = 0; i < values.length; i++) {
    const part = (values[i] & mask) << ((i % per) * bits);
    if (i < per) lo |= part;
    else hi |= part;
  }
  return { lo: lo >>> 0, hi: hi >>> 0 };
}

/** Sign-extends an unsigned lane value of `bits`. */
export function signed(x: number, bits: number): number {
  return bits === 32 ? x | 0 : (x << (32 - bits)) >> (32 - bits);
}

/** Lane-wise `fn` over two operands. */
export function map2(a: Q, b: Q, bits: number, fn: (x: number, y: number) => number): Q {
  const n = 64 / bits;
  const out: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = fn(lane(a, bits, i), lane(b, bits, i));
  return fromLanes(bits, out);
}
