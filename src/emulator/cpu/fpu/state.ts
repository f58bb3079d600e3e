// The x87 FPU's programmer-visible state (SDM Vol.1 8.1, Figure 8-1): eight 80-bit data
// registers, the control, status and tag words, the last instruction and data pointers and
// the last opcode. Data registers are kept by physical number as a 16-bit sign/exponent word
// and the 64-bit significand in two 32-bit halves, so MMX (which aliases the significands,
// SDM Vol.1 9.5) and the save formats read them without conversion.

import { type Ext, MAX_EXP, isNaN as extIsNaN, isDenormal, isUnsupported } from './softfloat';

/** Status word bits (SDM Vol.1 8.1.3, Figure 8-4). TOP (bits 11-13) is kept in `top`. */
export const SW_IE = 0x0001,
  SW_DE = 0x0002,
  SW_ZE = 0x0004,
  SW_OE = 0x0008,
  SW_UE = 0x0010,
  SW_PE = 0x0020;
export const SW_SF = 0x0040,
  SW_ES = 0x0080,
  SW_C0 = 0x0100,
  SW_C1 = 0x0200,
  SW_C2 = 0x0400,
  SW_C3 = 0x4000,
  SW_B = 0x8000;
export const SW_CC = SW_C0 | SW_C1 | SW_C2 | SW_C3;

/** Tag values (SDM Vol.1 8.1.7, Figure 8-7). */
export const TAG_VALID = 0,
  TAG_ZERO = 1,
  TAG_SPECIAL = 2,
  TAG_EMPTY = 3;

/** SDM Vol.1 8.1.5: the control word after FNINIT (all exceptions masked, 64-bit precision, nearest). */
export const CW_INIT = 0x037f;

export class Fpu {
  /** Sign (bit 15) and biased exponent of each physical register R0-R7. */
  readonly regExp = new Uint16Array(8);
  /** Significand bits 63-32 and 31-0 of each physical register. */
  readonly regHi = new Uint32Array(8);
  readonly regLo = new Uint32Array(8);
  /** Control word (SDM Vol.1 8.1.5). */
  cw = 0x0040;
  /** Status word without TOP (SDM Vol.1 8.1.3). */
  sw = 0;
  /** Top-of-stack pointer 0-7. */
  top = 0;
  /** Full tag word: two bits per physical register. */
  tag = 0x5555;
  /** Last instruction pointer (CS:EIP), data pointer (DS:offset) and opcode (11 bits), SDM Vol.1 8.1.8-8.1.9. */
  fip = 0;
  fcs = 0;
  fdp = 0;
  fds = 0;
  fop = 0;
  /** FERR#: the machine routes it to IRQ13 (CR0.NE = 0 error reporting, SDM Vol.3 22.18.6). */
  onError: ((asserted: boolean) => void) | undefined = undefined;

  /**
   * Power-on state (SDM Vol.3 9.1.1 Table 9-1): control word 0040h, tags valid (0000h would
   * be after RESET on some parts; the registers are +0 with tag 5555h as the SDM lists), FNINIT
   * is what software runs first.
   */
  reset(): void {
    this.regExp.fill(0);
    this.regHi.fill(0);
    this.regLo.fill(0);
    this.cw = 0x0040;
    this.sw = 0;
    this.top = 0;
    this.tag = 0x5555;
    this.fip = this.fcs = this.fdp = this.fds = this.fop = 0;
  }

  /** FNINIT (SDM Vol.2 FINIT/FNINIT): CW 037Fh, SW 0, all tags empty, pointers cleared; registers unchanged. */
  init(): void {
    this.cw = CW_INIT;
    this.sw = 0;
    this.top = 0;
    this.tag = 0xffff;
    this.fip = this.fcs = this.fdp = this.fds = this.fop = 0;
  }

  statusWord(): number {
    return (this.sw & ~0x3800) | (this.top << 11);
  }

  setStatusWord(v: number): void {
    this.sw = v & 0xc7ff;
    this.top = (v >> 11) & 7;
  }

  /** Physical register number of ST(i). */
  phys(i: number): number {
    return (this.top + i) & 7;
  }

  tagOf(phys: number): number {
    return (this.tag >> (phys * 2)) & 3;
  }

  setTag(phys: number, t: number): void {
    this.tag = (this.tag & ~(3 << (phys * 2))) | (t << (phys * 2));
  }

  isEmpty(i: number): boolean {
    return this.tagOf(this.phys(i)) === TAG_EMPTY;
  }

  readPhys(p: number): Ext {
    const e = this.regExp[p];
    return { sign: e >> 15, exp: e & 0x7fff, sig: (BigInt(this.regHi[p]) << 32n) | BigInt(this.regLo[p]) };
  }

  writePhys(p: number, v: Ext): void {
    this.regExp[p] = (v.sign << 15) | v.exp;
    this.regHi[p] = Number(v.sig >> 32n) >>> 0;
    this.regLo[p] = Number(v.sig & 0xffffffffn) >>> 0;
    this.setTag(p, tagFor(v.exp, this.regHi[p], this.regLo[p]));
  }

  /** ST(i) as a value (the caller has checked that it is not empty). */
  st(i: number): Ext {
    return this.readPhys(this.phys(i));
  }

  setSt(i: number, v: Ext): void {
    this.writePhys(this.phys(i), v);
  }

  /** Pops: ST(0) becomes empty, TOP moves up. */
  pop(): void {
    this.setTag(this.top, TAG_EMPTY);
    this.top = (this.top + 1) & 7;
  }

  /** Pushes: TOP moves down and the new ST(0) gets `v`. */
  push(v: Ext): void {
    this.top = (this.top - 1) & 7;
    this.setSt(0, v);
  }
}

/** The tag a register's contents call for (SDM Vol.1 8.1.7): zero, valid or special. */
export function tagFor(exp16: number, hi: number, lo: number): number {
  const exp = exp16 & 0x7fff;
  if (exp === 0) return hi === 0 && lo === 0 ? TAG_ZERO : TAG_SPECIAL;
  if (exp === MAX_EXP) return TAG_SPECIAL;
  return (hi & 0x80000000) !== 0 ? TAG_VALID : TAG_SPECIAL;
}

/** FXAM's class in C3 C2 C0 (SDM Vol.2 FXAM, Table 3-?): returned as the three bits in SW positions. */
export function examine(v: Ext, empty: boolean): number {
  if (empty) return SW_C3 | SW_C0;
  if (isUnsupported(v)) return 0;
  if (extIsNaN(v)) return SW_C0;
  if (v.exp === MAX_EXP) return SW_C2 | SW_C0;
  if (v.exp === 0 && v.sig === 0n) return SW_C3;
  if (isDenormal(v)) return SW_C3 | SW_C2;
  return SW_C2;
}

/** The FPU's state as plain data for the machine snapshot (src/emulator/snapshot.ts). */
export interface FpuState {
  regExp: Uint16Array;
  regHi: Uint32Array;
  regLo: Uint32Array;
  cw: number;
  sw: number;
  top: number;
  tag: number;
  fip: number;
  fcs: number;
  fdp: number;
  fds: number;
  fop: number;
}

const FPU_ARRAYS = ['regExp', 'regHi', 'regLo'] as const satisfies readonly (keyof Fpu)[];
const FPU_SCALARS = [
  'cw',
  'sw',
  'top',
  'tag',
  'fip',
  'fcs',
  'fdp',
  'fds',
  'fop',
] as const satisfies readonly (keyof Fpu)[];
/** Own fields of Fpu that are not state, and why (the snapshot test reads this). */
export const FPU_FIELDS_NOT_IN_STATE: Readonly<Record<string, string>> = {
  onError: 'wiring of FERR# to the interrupt controller, set by the machine',
};
export const FPU_STATE_FIELDS: readonly string[] = [...FPU_ARRAYS, ...FPU_SCALARS];

export function captureFpu(f: Fpu): FpuState {
  const s: Record<string, unknown> = {};
  for (const k of FPU_ARRAYS) s[k] = f[k].slice();
  for (const k of FPU_SCALARS) s[k] = f[k];
  return s as unknown as FpuState;
}

/** Checks a state whole (throws a one-line message) before writing any of it. */
export function restoreFpu(f: Fpu, s: FpuState): void {
  if (!s || typeof s !== 'object') throw new Error('a CPU state has no fpu');
  for (const k of FPU_ARRAYS) {
    const from = s[k];
    if (!from || from.length !== 8)
      throw new Error(`a CPU state's fpu.${k} has ${from ? from.length : 'no'} elements, not 8`);
  }
  for (const k of FPU_SCALARS) if (!(k in s)) throw new Error(`a CPU state's fpu has no ${k}`);
  for (const k of FPU_ARRAYS) f[k].set(s[k]);
  const t = f as unknown as Record<string, unknown>;
  for (const k of FPU_SCALARS) t[k] = s[k];
}
