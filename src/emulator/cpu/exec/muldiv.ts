// Multiply and divide (SDM Vol.2 MUL, IMUL, DIV, IDIV). MUL/IMUL set CF = OF = "the upper
// half is significant"; SF ZF AF PF are undefined (here: from the low half, AF clear).
// DIV/IDIV (all flags undefined) raise #DE on a zero divisor or a quotient that does not fit;
// their flags are divideFlags'.

import type { Cpu } from '../cpu';
import { EAX, EDX } from '../constants';
import { Vector } from '../exceptions';
import { AF, CF, OF, PF, SF, ZF, setArith, setResultFlags, sizeMask } from '../flags';

function mulFlags(cpu: Cpu, low: number, size: number, overflow: boolean): void {
  setResultFlags(cpu, low, size, overflow ? CF | OF : 0);
}

/** Unsigned 32x32 -> 64 product as [low, high] uint32 halves. */
function mulU32(a: number, b: number): [number, number] {
  const al = a & 0xffff,
    ah = a >>> 16,
    bl = b & 0xffff,
    bh = b >>> 16;
  const ll = al * bl,
    lh = al * bh,
    hl = ah * bl,
    hh = ah * bh;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  const low = ((mid << 16) | (ll & 0xffff)) >>> 0;
  const high = (hh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 65536)) >>> 0;
  return [low, high];
}

/** MUL r/m: AX = AL*src, DX:AX = AX*src, EDX:EAX = EAX*src. */
export function mul(cpu: Cpu, src: number, size: number): void {
  const regs = cpu.regs;
  if (size === 8) {
    const r = (regs[EAX] & 0xff) * (src & 0xff);
    cpu.setReg16(EAX, r);
    mulFlags(cpu, r, 8, r > 0xff);
  } else if (size === 16) {
    const r = (regs[EAX] & 0xffff) * (src & 0xffff);
    cpu.setReg16(EAX, r);
    cpu.setReg16(EDX, r >>> 16);
    mulFlags(cpu, r, 16, r > 0xffff);
  } else {
    const [low, high] = mulU32(regs[EAX] >>> 0, src >>> 0);
    regs[EAX] = low;
    regs[EDX] = high;
    mulFlags(cpu, low, 32, high !== 0);
  }
}

/** IMUL r/m (one operand): signed double-width product into AX, DX:AX or EDX:EAX. */
export function imul1(cpu: Cpu, src: number, size: number): void {
  const regs = cpu.regs;
  if (size === 8) {
    const r = ((regs[EAX] << 24) >> 24) * ((src << 24) >> 24);
    cpu.setReg16(EAX, r);
    mulFlags(cpu, r, 8, r !== (r << 24) >> 24);
  } else if (size === 16) {
    const r = ((regs[EAX] << 16) >> 16) * ((src << 16) >> 16);
    cpu.setReg16(EAX, r);
    cpu.setReg16(EDX, r >> 16);
    mulFlags(cpu, r, 16, r !== (r << 16) >> 16);
  } else {
    const a = regs[EAX],
      b = src | 0;
    const [low, uhigh] = mulU32(a >>> 0, b >>> 0);
    // Signed high half = unsigned high half minus the two's-complement corrections.
    const high = (uhigh - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
    regs[EAX] = low;
    regs[EDX] = high;
    mulFlags(cpu, low, 32, high !== (low | 0) >> 31);
  }
}

/** IMUL r, r/m[, imm]: truncated signed product; CF = OF = truncation lost significance. */
export function imulTruncating(cpu: Cpu, a: number, b: number, size: number): number {
  if (size === 16) {
    const r = ((a << 16) >> 16) * ((b << 16) >> 16);
    mulFlags(cpu, r, 16, r !== (r << 16) >> 16);
    return r & 0xffff;
  }
  const low = Math.imul(a, b);
  mulFlags(cpu, low, 32, (a | 0) * (b | 0) !== low);
  return low;
}

/**
 * The flags a completed DIV or IDIV leaves. Models whose undefined flags follow the host the golden
 * vectors were recorded on (CpuModel.undefinedFlags 'later'): as every DIV/IDIV of
 * test/vectors/divide.json, OF and CF kept, AF set, SF ZF PF cleared. Intel and AMD 486s change
 * the flags here, which is how the "5/2 test" of Cyrix's CPU detection guide (Application Note
 * 112) tells them from Cyrix parts, which leave them; the 80386's values are unknown: unchanged.
 */
function divideFlags(cpu: Cpu): void {
  if (cpu.model.undefinedFlags === 'later') setArith(cpu, SF | ZF | PF | AF, AF);
}

export function div(cpu: Cpu, src: number, size: number): void {
  const regs = cpu.regs;
  const divisor = (src & sizeMask(size)) >>> 0;
  if (divisor === 0) cpu.raiseException(Vector.DE);
  if (size === 8) {
    const dividend = regs[EAX] & 0xffff;
    const q = Math.floor(dividend / divisor);
    if (q > 0xff) cpu.raiseException(Vector.DE);
    cpu.setReg16(EAX, ((dividend % divisor) << 8) | q);
  } else if (size === 16) {
    const dividend = (((regs[EDX] & 0xffff) << 16) | (regs[EAX] & 0xffff)) >>> 0;
    const q = Math.floor(dividend / divisor);
    if (q > 0xffff) cpu.raiseException(Vector.DE);
    cpu.setReg16(EAX, q);
    cpu.setReg16(EDX, dividend % divisor);
  } else {
    const high = regs[EDX] >>> 0,
      low = regs[EAX] >>> 0;
    // The quotient fits in 32 bits exactly when the high half is below the divisor.
    if (high >= divisor) cpu.raiseException(Vector.DE);
    if (high === 0) {
      regs[EAX] = Math.floor(low / divisor);
      regs[EDX] = low % divisor;
    } else {
      const dividend = (BigInt(high) << 32n) | BigInt(low);
      const d = BigInt(divisor);
      regs[EAX] = Number(dividend / d);
      regs[EDX] = Number(dividend % d);
    }
  }
  divideFlags(cpu);
}

export function idiv(cpu: Cpu, src: number, size: number): void {
  const regs = cpu.regs;
  if ((src & sizeMask(size)) === 0) cpu.raiseException(Vector.DE);
  if (size === 8) {
    const dividend = (regs[EAX] << 16) >> 16;
    const divisor = (src << 24) >> 24;
    const q = Math.trunc(dividend / divisor);
    if (q > 127 || q < -128) cpu.raiseException(Vector.DE);
    cpu.setReg16(EAX, (((dividend % divisor) & 0xff) << 8) | (q & 0xff));
  } else if (size === 16) {
    const dividend = ((regs[EDX] & 0xffff) << 16) | (regs[EAX] & 0xffff);
    const divisor = (src << 16) >> 16;
    const q = Math.trunc(dividend / divisor);
    if (q > 32767 || q < -32768) cpu.raiseException(Vector.DE);
    cpu.setReg16(EAX, q);
    cpu.setReg16(EDX, dividend % divisor);
  } else {
    const dividend = (BigInt(regs[EDX]) << 32n) | BigInt(regs[EAX] >>> 0);
    const divisor = BigInt(src | 0);
    const q = dividend / divisor; // BigInt division truncates toward zero, like IDIV
    if (q > 0x7fffffffn || q < -0x80000000n) cpu.raiseException(Vector.DE);
    regs[EAX] = Number(q);
    regs[EDX] = Number(dividend % divisor);
  }
  divideFlags(cpu);
}
