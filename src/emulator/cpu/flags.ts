// EFLAGS (SDM Vol.1 3.4.3) with lazy evaluation of the six arithmetic flags: ALU
// instructions record their operands and result, and OF SF ZF AF PF CF are computed only when
// something reads them (a Jcc usually needs one or two of them, PUSHF all).

import type { Cpu } from './cpu';

import { AF, CF, OF, PF, SF, ZF } from '../../isa/eflags';
export { AC, AF, CF, DF, ID, IF, IOPL, NT, OF, PF, RF, SF, TF, VIF, VIP, VM, ZF } from '../../isa/eflags';

export const ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;
/** Bit 1 of EFLAGS always reads as 1 (SDM Vol.1 Figure 3-8). */
export const FIXED_ONE = 0x2;

/** How the pending lazy flags were produced. */
export const enum LazyOp {
  ADD = 0,
  ADC = 1, // add with carry-in 1 (ADC with CF=0 is recorded as ADD)
  SUB = 2,
  SBB = 3, // subtract with borrow-in 1
  LOGIC = 4, // AND OR XOR TEST: CF = OF = 0
}

/** PF is set when the low byte of the result has an even number of one bits. */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let ones = 0;
  for (let b = i; b; b >>= 1) ones += b & 1;
  PARITY[i] = ones & 1 ? 0 : PF;
}

export function sizeMask(size: number): number {
  return size === 32 ? -1 : (1 << size) - 1;
}

export function signBit(size: number): number {
  return 1 << (size - 1);
}

/** The value of the flags in `mask` that are pending evaluation. */
export function computeLazy(cpu: Cpu, mask: number): number {
  const size = cpu.lazySize;
  const m = sizeMask(size);
  const r = cpu.lazyResult;
  const a = cpu.lazyA;
  const b = cpu.lazyB;
  const op = cpu.lazyOp;
  let out = 0;
  if (mask & CF) {
    const ua = (a & m) >>> 0,
      ub = (b & m) >>> 0,
      ur = (r & m) >>> 0;
    switch (op) {
      case LazyOp.ADD:
        if (ur < ua) out |= CF;
        break;
      case LazyOp.ADC:
        if (ur <= ua) out |= CF;
        break;
      case LazyOp.SUB:
        if (ua < ub) out |= CF;
        break;
      case LazyOp.SBB:
        if (ua <= ub) out |= CF;
        break;
      default:
        break;
    }
  }
  if (mask & PF) out |= PARITY[r & 0xff];
  if (mask & AF && op !== LazyOp.LOGIC) out |= (a ^ b ^ r) & AF;
  if (mask & ZF && (r & m) === 0) out |= ZF;
  if (mask & SF && (r & signBit(size)) !== 0) out |= SF;
  if (mask & OF) {
    const s = signBit(size);
    if (op === LazyOp.ADD || op === LazyOp.ADC) {
      if ((a ^ r) & (b ^ r) & s) out |= OF;
    } else if (op === LazyOp.SUB || op === LazyOp.SBB) {
      if ((a ^ b) & (a ^ r) & s) out |= OF;
    }
  }
  return out;
}

/** CF as 0 or 1. Kept small: INC/DEC and ADC/SBB read it on the fast path. */
export function getCF(cpu: Cpu): number {
  if ((cpu.lazyFlags & CF) === 0) return cpu.flags & CF;
  const op = cpu.lazyOp;
  if (op === LazyOp.LOGIC) return 0;
  const m = sizeMask(cpu.lazySize);
  const ua = (cpu.lazyA & m) >>> 0;
  switch (op) {
    case LazyOp.ADD:
      return (cpu.lazyResult & m) >>> 0 < ua ? 1 : 0;
    case LazyOp.ADC:
      return (cpu.lazyResult & m) >>> 0 <= ua ? 1 : 0;
    case LazyOp.SUB:
      return ua < (cpu.lazyB & m) >>> 0 ? 1 : 0;
    default:
      return ua <= (cpu.lazyB & m) >>> 0 ? 1 : 0;
  }
}

export function getZF(cpu: Cpu): boolean {
  if (cpu.lazyFlags & ZF) return (cpu.lazyResult & sizeMask(cpu.lazySize)) === 0;
  return (cpu.flags & ZF) !== 0;
}

export function getSF(cpu: Cpu): boolean {
  if (cpu.lazyFlags & SF) return (cpu.lazyResult & signBit(cpu.lazySize)) !== 0;
  return (cpu.flags & SF) !== 0;
}

export function getOF(cpu: Cpu): boolean {
  return (cpu.lazyFlags & OF ? computeLazy(cpu, OF) : cpu.flags & OF) !== 0;
}

export function getPF(cpu: Cpu): boolean {
  return (cpu.lazyFlags & PF ? computeLazy(cpu, PF) : cpu.flags & PF) !== 0;
}

export function getAF(cpu: Cpu): boolean {
  return (cpu.lazyFlags & AF ? computeLazy(cpu, AF) : cpu.flags & AF) !== 0;
}

/** Folds pending lazy flags into cpu.flags (before an instruction sets some flags eagerly). */
export function materialize(cpu: Cpu): void {
  if (cpu.lazyFlags !== 0) {
    cpu.flags = (cpu.flags & ~cpu.lazyFlags) | computeLazy(cpu, cpu.lazyFlags);
    cpu.lazyFlags = 0;
  }
}

/**
 * Sets the arithmetic flags in `mask` to `bits` (eagerly computed). The other flags keep
 * their value: if they are lazy they stay lazy, since the lazy record still describes them.
 */
export function setArith(cpu: Cpu, mask: number, bits: number): void {
  cpu.flags = (cpu.flags & ~mask) | (bits & mask);
  cpu.lazyFlags &= ~mask;
}

/**
 * Flags of a result whose SF ZF PF follow the result and whose OF CF AF were computed here
 * (shifts, multiplies): SF ZF PF are left lazy on the result.
 */
export function setResultFlags(cpu: Cpu, result: number, size: number, ofCfAf: number): void {
  cpu.flags = (cpu.flags & ~(OF | CF | AF)) | ofCfAf;
  cpu.lazyOp = LazyOp.LOGIC;
  cpu.lazyResult = result;
  cpu.lazySize = size;
  cpu.lazyFlags = SF | ZF | PF;
}

/** Records a lazy result for all six flags. */
export function setLazy(cpu: Cpu, op: LazyOp, a: number, b: number, r: number, size: number): void {
  cpu.lazyOp = op;
  cpu.lazyA = a;
  cpu.lazyB = b;
  cpu.lazyResult = r;
  cpu.lazySize = size;
  cpu.lazyFlags = ARITH_FLAGS;
}

// Condition codes 0..15 (SDM Vol.1 Appendix B, Table B-1), one small function per pair so
// generated Jcc/SETcc code calls exactly the test it needs.
export function conditionO(cpu: Cpu): boolean {
  return getOF(cpu);
}
export function conditionB(cpu: Cpu): boolean {
  return getCF(cpu) !== 0;
}
export function conditionZ(cpu: Cpu): boolean {
  return getZF(cpu);
}
export function conditionBE(cpu: Cpu): boolean {
  return getCF(cpu) !== 0 || getZF(cpu);
}
export function conditionS(cpu: Cpu): boolean {
  return getSF(cpu);
}
export function conditionP(cpu: Cpu): boolean {
  return getPF(cpu);
}
export function conditionL(cpu: Cpu): boolean {
  return getSF(cpu) !== getOF(cpu);
}
export function conditionLE(cpu: Cpu): boolean {
  return getZF(cpu) || getSF(cpu) !== getOF(cpu);
}

/** The function testing condition pair cc >> 1 (the odd codes are its negation). */
export const CONDITION_TESTS = [
  conditionO,
  conditionB,
  conditionZ,
  conditionBE,
  conditionS,
  conditionP,
  conditionL,
  conditionLE,
] as const;
/** Their export names, for generated code (function names do not survive minification). */
export const CONDITION_TEST_NAMES = [
  'conditionO',
  'conditionB',
  'conditionZ',
  'conditionBE',
  'conditionS',
  'conditionP',
  'conditionL',
  'conditionLE',
] as const;

export function testCondition(cpu: Cpu, cc: number): boolean {
  const result = CONDITION_TESTS[cc >> 1](cpu);
  return (cc & 1) === 0 ? result : !result;
}
