// Shifts and rotates (SDM Vol.2 SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD, SHRD). The count is
// masked to 5 bits; a masked count of 0 changes nothing, flags included. Flags are set
// eagerly. OF is architecturally defined only for 1-bit shifts; for larger counts these
// compute the same formula (the SDM leaves it undefined).

import type { Cpu } from '../cpu';
import { AF, CF, OF, getCF, setArith, setResultFlags, sizeMask, signBit } from '../flags';

// The 80386's undefined flags (CpuModel.undefinedFlags === 'i386'), from test386.asm POST E0,
// validated on a 386SX: SHL/SHR set AF whenever the count is not 0; OF follows the result
// (SHL: MSB xor CF, SHR: the two top bits) for every count; a byte or word count past the
// width takes CF from the operand as if it were repeated (SHR by 8/16/24 of a byte: its MSB,
// SHL: its LSB); RCR by a count that is 0 mod (width + 1) keeps CF and sets OF from the two
// top bits.

export function shl(cpu: Cpu, a: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
  if (cpu.model.undefinedFlags === 'i386') {
    const r = (a << c) & sizeMask(size);
    const cf = (a >>> ((size - (c % size)) % size)) & 1;
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
    const cf = (ua >>> ((c - 1) % size)) & 1;
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
    // Count > operand size: result and flags undefined (SDM); this is the a:b:a pattern.
    r = ((b << (c - 16)) | (a >>> (32 - c))) & m;
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
    r = ((b >>> (c - 16)) | (a << (32 - c))) & m;
    cf = (b >>> (c - 17)) & 1;
  }
  const of = ((r ^ a) & signBit(size)) !== 0;
  setResultFlags(cpu, r, size, cf | (of ? OF : 0));
  return r;
}
