// Shifts and rotates (SDM Vol.2 SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD, SHRD). The count is
// masked to 5 bits; a masked count of 0 changes nothing, flags included. Flags are set
// eagerly. OF is architecturally defined only for 1-bit shifts; for larger counts these
// compute the same formula (the SDM leaves it undefined).

import type { Cpu } from '../cpu';
import { AF, CF, OF, getCF, setArith, setResultFlags, sizeMask, signBit } from '../flags';

// The 80386's undefined flags (CpuModel.undefinedFlags === 'i386'), from test386.asm POST E0,
// validated on a 386SX: SHL/SHR set AF whenever the count is not 0; OF follows the result
// (SHL: MSB xor CF, SHR: the two top bits) for every count; RCR by a count that is 0 mod
// (width + 1) keeps CF and sets OF from the two top bits. A byte shifted by more than 8 takes
// CF only at counts 16 and 24, as at 8 (SHL: its LSB, SHR: its MSB), and clears it at every
// other count (the hardware-captured 386EX tests of SingleStepTests/80386, D2.4/D2.5; test386
// has 8, 16 and 24 only); a word shifted by 17-31 has no public data and takes CF from the
// operand as if it were repeated. SHLD/SHRD of words by 17-31 shift in the source rotated
// (the same 386EX tests, 0FA5/0FAD with 66): ROL/ROR of the source by count - 16.

/** The CF of an 80386 shift of a byte by more than 8 (`bit`: the bit counts 16 and 24 give). */
function i386ByteCarry(a: number, c: number, bit: number): number {
  return c === 16 || c === 24 ? (a >>> bit) & 1 : 0;
}

export function shl(cpu: Cpu, a: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
  if (cpu.model.undefinedFlags === 'i386') {
    const r = (a << c) & sizeMask(size);
    const cf = size === 8 && c > 8 ? i386ByteCarry(a, c, 0) : (a >>> ((size - (c % size)) % size)) & 1;
    const of = ((r & signBit(size)) !== 0 ? 1 : 0) ^ cf;
    setResultFlags(cpu, r, size, cf | AF | (of ? OF : 0));
    return r;
  }
  const r = c < 32 ? (a << c) & sizeMask(size) : 0;
  const cf = c <= size ? (a >>> (size - c)) & 1 : 0;
  const of = ((r & signBit(size)) !== 0 ? 1 : 0) ^ cf;
  setResultFlags(cpu, r, size, cf | (of ? OF : 0));
  return r;
}

export const sal = shl;

export function shr(cpu: Cpu, a: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
  const ua = (a & sizeMask(size)) >>> 0;
  const r = ua >>> c;
  if (cpu.model.undefinedFlags === 'i386') {
    const cf = size === 8 && c > 8 ? i386ByteCarry(ua, c, 7) : (ua >>> ((c - 1) % size)) & 1;
    const of = ((r >>> (size - 1)) ^ (r >>> (size - 2))) & 1;
    setResultFlags(cpu, r, size, cf | AF | (of ? OF : 0));
    return r;
  }
  const cf = (ua >>> (c - 1)) & 1;
  const of = (ua & signBit(size)) !== 0;
  setResultFlags(cpu, r, size, cf | (of ? OF : 0));
  return r;
}

export function sar(cpu: Cpu, a: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
  const sa = (a << (32 - size)) >> (32 - size);
  const r = (sa >> c) & sizeMask(size);
  const cf = (sa >> (c - 1)) & 1;
  setResultFlags(cpu, r, size, cf);
  return r;
}

export function rol(cpu: Cpu, a: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
  const m = sizeMask(size);
  const cs = c % size;
  a &= m;
  const r = ((a << cs) | (a >>> (size - cs))) & m;
  const cf = r & 1;
  const of = ((r & signBit(size)) !== 0 ? 1 : 0) ^ cf;
  setArith(cpu, CF | OF, cf | (of ? OF : 0));
  return r;
}

export function ror(cpu: Cpu, a: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
  const m = sizeMask(size);
  const cs = c % size;
  a &= m;
  const r = ((a >>> cs) | (a << (size - cs))) & m;
  const msb = (r & signBit(size)) !== 0 ? 1 : 0;
  const next = (r & (signBit(size) >>> 1)) !== 0 ? 1 : 0;
  setArith(cpu, CF | OF, msb | (msb ^ next ? OF : 0));
  return r;
}

export function rcl(cpu: Cpu, a: number, count: number, size: number): number {
  // SDM Vol.2 RCL: tempCOUNT = (COUNT AND 1FH) MOD (size + 1) for 8/16-bit operands.
  const masked = count & 31;
  if (masked === 0) return a;
  const c = size === 32 ? masked : masked % (size + 1);
  const m = sizeMask(size);
  a &= m;
  const cin = getCF(cpu);
  if (c === 0) {
    const of = ((a & signBit(size)) !== 0 ? 1 : 0) ^ cin;
    setArith(cpu, OF, of ? OF : 0);
    return a;
  }
  const r = ((a << c) | (cin << (c - 1)) | ((a >>> (size - c)) >>> 1)) & m;
  const cf = (a >>> (size - c)) & 1;
  const of = ((r & signBit(size)) !== 0 ? 1 : 0) ^ cf;
  setArith(cpu, CF | OF, cf | (of ? OF : 0));
  return r;
}

export function rcr(cpu: Cpu, a: number, count: number, size: number): number {
  const masked = count & 31;
  if (masked === 0) return a;
  const c = size === 32 ? masked : masked % (size + 1);
  const m = sizeMask(size);
  a &= m;
  const cin = getCF(cpu);
  if (c === 0) {
    const of =
      cpu.model.undefinedFlags === 'i386'
        ? ((a >>> (size - 1)) ^ (a >>> (size - 2))) & 1
        : ((a & signBit(size)) !== 0 ? 1 : 0) ^ cin;
    setArith(cpu, OF, of ? OF : 0);
    return a;
  }
  const r = ((a >>> c) | (cin << (size - c)) | ((a << (size - c)) << 1)) & m;
  const cf = (a >>> (c - 1)) & 1;
  const msb = (r & signBit(size)) !== 0 ? 1 : 0;
  const next = (r & (signBit(size) >>> 1)) !== 0 ? 1 : 0;
  setArith(cpu, CF | OF, cf | (msb ^ next ? OF : 0));
  return r;
}

/** SHLD dest, src, count: dest shifted left, vacated bits filled from the top of src. */
export function shld(cpu: Cpu, a: number, b: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
  const m = sizeMask(size);
  a &= m;
  b &= m;
  let r: number, cf: number;
  if (size === 32) {
    r = (a << c) | (b >>> (32 - c));
    cf = (a >>> (32 - c)) & 1;
  } else if (c <= 16) {
    r = ((a << c) | (b >>> (16 - c))) & m;
    cf = (a >>> (16 - c)) & 1;
  } else {
    // Count > operand size: result and flags undefined (SDM); later parts give the a:b:a
    // pattern, the 80386 the source rotated left (above).
    const fill = cpu.model.undefinedFlags === 'i386' ? b : a;
    r = ((b << (c - 16)) | (fill >>> (32 - c))) & m;
    cf = (b >>> (32 - c)) & 1;
  }
  const of = ((r ^ a) & signBit(size)) !== 0;
  setResultFlags(cpu, r, size, cf | (of ? OF : 0));
  return r;
}

/** SHRD dest, src, count: dest shifted right, vacated bits filled from the bottom of src. */
export function shrd(cpu: Cpu, a: number, b: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
  const m = sizeMask(size);
  a &= m;
  b &= m;
  let r: number, cf: number;
  if (size === 32) {
    r = (a >>> c) | (b << (32 - c));
    cf = (a >>> (c - 1)) & 1;
  } else if (c <= 16) {
    r = ((a >>> c) | (b << (16 - c))) & m;
    cf = (a >>> (c - 1)) & 1;
  } else {
    const fill = cpu.model.undefinedFlags === 'i386' ? b : a;
    r = ((b >>> (c - 16)) | (fill << (32 - c))) & m;
    cf = (b >>> (c - 17)) & 1;
  }
  const of = ((r ^ a) & signBit(size)) !== 0;
  setResultFlags(cpu, r, size, cf | (of ? OF : 0));
  return r;
}
