// Shifts and rotates (SDM Vol.2 SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD, SHRD). The count is
// masked to 5 bits; a masked count of 0 changes nothing, flags included. Flags are set
// eagerly. OF is architecturally defined only for 1-bit shifts; for larger counts these
// compute the same formula (the SDM leaves it undefined).

import type { Cpu } from '../cpu';
import { CF, OF, getCF, setArith, setResultFlags, sizeMask, signBit } from '../flags';

export function shl(cpu: Cpu, a: number, count: number, size: number): number {
  const c = count & 31;
  if (c === 0) return a;
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
    const of = ((a & signBit(size)) !== 0 ? 1 : 0) ^ cin;
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
