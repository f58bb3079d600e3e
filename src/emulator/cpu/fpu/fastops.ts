// The x87 data instructions' common cases on the register file's own words (sign/exponent,
// significand high and low halves, state.ts), without building Ext values: memory operands
// decoded straight into words, register moves and exchanges as raw copies, and the arithmetic
// and compares on normal operands through fastmath.ts. Each function returns false when it
// leaves the case to the exact path in exec.ts, having changed nothing but what the exact path
// would have done first as well (reading the memory operand and recording FDP).

import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { offsetPlus } from '../operands';
import { CF, ZF } from '../flags';
import { type Ext, BIAS, DOUBLE, INDEFINITE, RC_DOWN, SINGLE, fenv, fromInt, fromReal, zero } from './softfloat';
import { complete, operandOffset, probeWrite, recordData } from './access';
import { SW_C0, SW_C1, SW_C2, SW_C3, TAG_EMPTY, TAG_VALID, TAG_ZERO, tagFor } from './state';
import { fastAdd, fastDiv, fastMul, fastNarrow, fastRound, fastSqrt, fr } from './fastmath';

/** Class of a decoded operand. */
const NORMAL = 0,
  ZERO = 1,
  OTHER = 2;

/** Operand formats of the memory forms. */
export const M16INT = 0,
  M32INT = 1,
  M64INT = 2,
  M32FP = 3,
  M64FP = 4;

/**
 * The memory operand last read: its raw words (lo, hi) and format, and decoded, when it is a
 * normal number or a zero, as sign, double extended exponent and significand halves.
 */
export const src = { format: 0, lo: 0, hi: 0, cls: 0, sign: 0, exp: 0, sh: 0, sl: 0 };

/** The row's memory format (the last operand's kind: Mw, Md, Mq). */
export function memoryFormat(ins: Instr, integer: boolean): number {
  const ops = ins.form!.operands;
  const kind = ops[ops.length - 1];
  if (integer) return kind === 'Mw' ? M16INT : kind === 'Md' ? M32INT : M64INT;
  return kind === 'Md' ? M32FP : M64FP;
}

/** Sets src to a 32-bit signed integer (every one is exact in the format). */
function decodeInt(v: number): void {
  if (v === 0) {
    src.cls = ZERO;
    src.sign = src.exp = src.sh = src.sl = 0;
    return;
  }
  src.cls = NORMAL;
  src.sign = v < 0 ? 1 : 0;
  const m = v < 0 ? -v : v;
  const n = Math.clz32(m);
  src.exp = BIAS + 31 - n;
  src.sh = (m << n) >>> 0;
  src.sl = 0;
}

/** Sets src to a 64-bit signed integer (hi:lo, two's complement). */
function decodeInt64(lo: number, hi: number): void {
  if (lo === 0 && hi === 0) {
    src.cls = ZERO;
    src.sign = src.exp = src.sh = src.sl = 0;
    return;
  }
  src.cls = NORMAL;
  src.sign = hi >>> 31;
  if (src.sign !== 0) {
    // Negate: ~x + 1.
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
  let e = BIAS + 63;
  if (hi === 0) {
    hi = lo;
    lo = 0;
    e -= 32;
  }
  const n = Math.clz32(hi);
  if (n !== 0) {
    hi = ((hi << n) | (lo >>> (32 - n))) >>> 0;
    lo = (lo << n) >>> 0;
  }
  src.exp = e - n;
  src.sh = hi;
  src.sl = lo;
}

/** Reads the memory source of an arithmetic or compare row into src (FDP recorded first). */
export function readSource(cpu: Cpu, ins: Instr, format: number): void {
  const off = operandOffset(cpu, ins);
  recordData(cpu, ins, off);
  src.format = format;
  if (format === M16INT) decodeInt((cpu.read16(ins.seg, off) << 16) >> 16);
  else if (format === M32INT) decodeInt(cpu.read32(ins.seg, off) | 0);
  else if (format === M32FP) {
    const w = cpu.read32(ins.seg, off) >>> 0;
    src.lo = w;
    const e = (w >>> 23) & 0xff;
    src.sign = w >>> 31;
    if (e === 0 && (w & 0x7fffff) === 0) {
      src.cls = ZERO;
      src.exp = src.sh = src.sl = 0;
    } else if (e === 0 || e === 0xff) src.cls = OTHER;
    else {
      src.cls = NORMAL;
      src.exp = e - 127 + BIAS;
      src.sh = (0x80000000 | ((w & 0x7fffff) << 8)) >>> 0;
      src.sl = 0;
    }
  } else {
    const lo = cpu.read32(ins.seg, off) >>> 0;
    const hi = cpu.read32(ins.seg, offsetPlus(ins, off, 4)) >>> 0;
    src.lo = lo;
    src.hi = hi;
    if (format === M64INT) {
      decodeInt64(lo, hi);
      return;
    }
    const e = (hi >>> 20) & 0x7ff;
    src.sign = hi >>> 31;
    if (e === 0 && (hi & 0xfffff) === 0 && lo === 0) {
      src.cls = ZERO;
      src.exp = src.sh = src.sl = 0;
    } else if (e === 0 || e === 0x7ff) src.cls = OTHER;
    else {
      src.cls = NORMAL;
      src.exp = e - 1023 + BIAS;
      src.sh = (0x80000000 | ((hi & 0xfffff) << 11) | (lo >>> 21)) >>> 0;
      src.sl = (lo << 11) >>> 0;
    }
  }
}

/** The memory source in src as an Ext, for the exact path. */
export function sourceExt(): Ext {
  if (src.cls !== OTHER) {
    if (src.cls === ZERO) return zero(src.sign);
    return { sign: src.sign, exp: src.exp, sig: (BigInt(src.sh) << 32n) | BigInt(src.sl) };
  }
  if (src.format === M32FP) return fromReal(BigInt(src.lo), SINGLE);
  if (src.format === M64FP) return fromReal((BigInt(src.hi) << 32n) | BigInt(src.lo), DOUBLE);
  return fromInt(BigInt.asIntN(64, (BigInt(src.hi) << 32n) | BigInt(src.lo)));
}

/** Writes fr (a normal result or a zero) to physical register p. */
function writeResult(cpu: Cpu, p: number): void {
  const fpu = cpu.fpu;
  fpu.regExp[p] = (fr.sign << 15) | fr.exp;
  fpu.regHi[p] = fr.hi;
  fpu.regLo[p] = fr.lo;
  fpu.setTag(p, fr.exp === 0 ? TAG_ZERO : TAG_VALID);
}

const normalOrZero = (t: number) => t === TAG_VALID || t === TAG_ZERO;

/** Arithmetic codes: dest = dest op src, or src op dest for the reversed forms. */
export const OP_ADD = 0,
  OP_SUB = 1,
  OP_SUBR = 2,
  OP_MUL = 3,
  OP_DIV = 4,
  OP_DIVR = 5;

function operate(
  code: number,
  as: number,
  ae: number,
  ah: number,
  al: number,
  bs: number,
  be: number,
  bh: number,
  bl: number,
) {
  if (ae === 0 || be === 0) return withZero(code, as, ae, ah, al, bs, be, bh, bl);
  switch (code) {
    case OP_ADD:
      return fastAdd(as, ae, ah, al, bs, be, bh, bl);
    case OP_SUB:
      return fastAdd(as, ae, ah, al, bs ^ 1, be, bh, bl);
    case OP_SUBR:
      return fastAdd(bs, be, bh, bl, as ^ 1, ae, ah, al);
    case OP_MUL:
      return fastMul(as, ae, ah, al, bs, be, bh, bl);
    case OP_DIV:
      return fastDiv(as, ae, ah, al, bs, be, bh, bl);
    default:
      return fastDiv(bs, be, bh, bl, as, ae, ah, al);
  }
}

function setZero(sign: number): boolean {
  fenv.roundedUp = false;
  fr.sign = sign;
  fr.exp = fr.hi = fr.lo = 0;
  return true;
}

/**
 * An operation with a zero operand, the other normal or zero (SDM Vol.1 4.8.3.1 and Vol.2
 * FADD/FMUL/FDIV tables): x + 0 is x rounded to the precision control (PE possible), a sum of
 * zeros keeps a common sign and is otherwise +0 (-0 rounding down), products and 0 / x are
 * zeros with the xor of the signs; a zero divisor (ZE or IE) is left to the exact path.
 */
function withZero(
  code: number,
  as: number,
  ae: number,
  ah: number,
  al: number,
  bs: number,
  be: number,
  bh: number,
  bl: number,
) {
  if (code === OP_MUL) return setZero(as ^ bs);
  if (code === OP_DIV) return be === 0 ? false : setZero(as ^ bs);
  if (code === OP_DIVR) return ae === 0 ? false : setZero(as ^ bs);
  // Sums: dest op src with b's sign flipped for SUB, a's for SUBR.
  if (code === OP_SUB) bs ^= 1;
  else if (code === OP_SUBR) as ^= 1;
  if (ae === 0 && be === 0) return setZero(as === bs ? as : fenv.rc === RC_DOWN ? 1 : 0);
  const s = ae === 0 ? bs : as,
    e = ae === 0 ? be : ae,
    h = ae === 0 ? bh : ah,
    l = ae === 0 ? bl : al;
  return fastRound(s, e, h, l);
}

/**
 * FADD/FSUB/FSUBR/FMUL/FDIV/FDIVR (and P, I forms) on normal or zero operands with a normal or
 * zero result;
 * memory forms have read src already.
 */
export function fastArithmetic(cpu: Cpu, ins: Instr, code: number, pop: boolean): boolean {
  const fpu = cpu.fpu;
  const top = fpu.top;
  const tag = fpu.tag;
  let pd: number;
  let ok: boolean;
  if (ins.memory) {
    if (src.cls === OTHER || !normalOrZero((tag >> (top * 2)) & 3)) return false;
    pd = top;
    const e = fpu.regExp[top];
    ok = operate(code, e >> 15, e & 0x7fff, fpu.regHi[top], fpu.regLo[top], src.sign, src.exp, src.sh, src.sl);
  } else {
    const pi = (top + ins.rm) & 7;
    if (!normalOrZero((tag >> (top * 2)) & 3) || !normalOrZero((tag >> (pi * 2)) & 3)) return false;
    let pa: number, pb: number;
    if (ins.form!.operands[0] === 'ST0') {
      pa = pd = top;
      pb = pi;
    } else {
      pa = pd = pi;
      pb = top;
    }
    const ea = fpu.regExp[pa],
      eb = fpu.regExp[pb];
    ok = operate(
      code,
      ea >> 15,
      ea & 0x7fff,
      fpu.regHi[pa],
      fpu.regLo[pa],
      eb >> 15,
      eb & 0x7fff,
      fpu.regHi[pb],
      fpu.regLo[pb],
    );
  }
  if (!ok) return false;
  if (complete(cpu)) {
    writeResult(cpu, pd);
    if (pop) fpu.pop();
  }
  return true;
}

/** FSQRT of a positive normal ST0 (SDM Vol.2 FSQRT): only PE is possible. */
export function fastSquareRoot(cpu: Cpu): boolean {
  const fpu = cpu.fpu;
  const p = fpu.top;
  const se = fpu.regExp[p];
  if (fpu.tagOf(p) !== TAG_VALID || se >> 15 !== 0) return false;
  if (!fastSqrt(se, fpu.regHi[p], fpu.regLo[p])) return false;
  if (complete(cpu)) writeResult(cpu, p);
  return true;
}

/** -1, 0, 1: order of two values that are normal or zero (SDM Vol.2 FCOM: -0 = +0). */
function order(as: number, ae: number, ah: number, al: number, bs: number, be: number, bh: number, bl: number) {
  if (ae === 0 && be === 0) return 0;
  if (as !== bs) return as ? -1 : 1;
  const m = ae !== be ? (ae < be ? -1 : 1) : ah !== bh ? (ah < bh ? -1 : 1) : al !== bl ? (al < bl ? -1 : 1) : 0;
  return as ? -m : m;
}

/**
 * FCOM/FUCOM/FICOM/FCOMI/FUCOMI/FTST (and popping forms) when both operands are normal or
 * zero: no exception is possible (SDM Vol.2 FCOM, FUCOM: IE only for NaNs and unsupported
 * encodings, DE only for denormals). `which`: 0 memory (src read), 1 ST(1) or ST(i), 2 zero.
 */
export function fastCompare(cpu: Cpu, ins: Instr, pops: number, eflags: boolean, which: number): boolean {
  const fpu = cpu.fpu;
  const top = fpu.top;
  if (!normalOrZero(fpu.tagOf(top))) return false;
  let bs = 0,
    be = 0,
    bh = 0,
    bl = 0;
  if (which === 0) {
    if (src.cls === OTHER) return false;
    bs = src.sign;
    be = src.exp;
    bh = src.sh;
    bl = src.sl;
  } else if (which === 1) {
    const p = (top + (ins.form!.operands.length === 0 ? 1 : ins.rm)) & 7;
    if (!normalOrZero(fpu.tagOf(p))) return false;
    const e = fpu.regExp[p];
    bs = e >> 15;
    be = e & 0x7fff;
    bh = fpu.regHi[p];
    bl = fpu.regLo[p];
  }
  const e = fpu.regExp[top];
  const r = order(e >> 15, e & 0x7fff, fpu.regHi[top], fpu.regLo[top], bs, be, bh, bl);
  const ok = complete(cpu);
  fpu.sw &= ~SW_C1;
  if (!ok) return true;
  if (eflags) cpu.setArithmeticFlags(r === -1 ? CF : r === 0 ? ZF : 0);
  else fpu.sw = (fpu.sw & ~(SW_C0 | SW_C2 | SW_C3)) | (r === -1 ? SW_C0 : r === 0 ? SW_C3 : 0);
  for (let i = 0; i < pops; i++) fpu.pop();
  return true;
}

/**
 * Pushes a raw value (sign/exponent word, significand halves) with the stack-overflow rule
 * (SDM Vol.1 8.5.1.1: with IE masked the real indefinite is pushed, C1 = 1).
 */
export function pushRaw(cpu: Cpu, se: number, hi: number, lo: number): void {
  const fpu = cpu.fpu;
  const full = fpu.tagOf((fpu.top + 7) & 7) !== TAG_EMPTY;
  if (full) {
    fenv.flags |= 1;
    fpu.sw |= 0x40; // SF
  }
  const ok = complete(cpu);
  if (full) {
    fpu.sw |= SW_C1;
    if (!ok) return;
    se = (INDEFINITE.sign << 15) | INDEFINITE.exp;
    hi = 0xc0000000;
    lo = 0;
  } else if (!ok) return;
  const p = (fpu.top - 1) & 7;
  fpu.top = p;
  fpu.regExp[p] = se;
  fpu.regHi[p] = hi;
  fpu.regLo[p] = lo;
  fpu.setTag(p, tagFor(se, hi, lo));
}

/** Copies physical register `from` to `to` as raw words (FLD ST(i), FST ST(i), FXCH, FCMOVcc). */
export function copyPhys(cpu: Cpu, from: number, to: number): void {
  const fpu = cpu.fpu;
  const se = fpu.regExp[from],
    hi = fpu.regHi[from],
    lo = fpu.regLo[from];
  fpu.regExp[to] = se;
  fpu.regHi[to] = hi;
  fpu.regLo[to] = lo;
  fpu.setTag(to, tagFor(se, hi, lo));
}

/**
 * FST/FSTP m32fp/m64fp of a normal ST0 whose rounded value is a normal number of the format
 * (no overflow, no underflow: only PE). Returns false to leave it to the exact path.
 */
export function fastStoreReal(cpu: Cpu, ins: Instr, off: number, single: boolean, pop: boolean): boolean {
  const fpu = cpu.fpu;
  const p = fpu.top;
  if (fpu.tagOf(p) !== TAG_VALID) return false;
  const se = fpu.regExp[p];
  const e = se & 0x7fff;
  const ok = single
    ? fastNarrow(se >> 15, e, fpu.regHi[p], fpu.regLo[p], 24, BIAS - 126, BIAS + 126)
    : fastNarrow(se >> 15, e, fpu.regHi[p], fpu.regLo[p], 53, BIAS - 1022, BIAS + 1022);
  if (!ok) return false;
  cpu.checkWrite(ins.seg, off, single ? 4 : 8);
  if (!complete(cpu)) return true;
  if (single) {
    const w = (fr.sign << 31) | ((fr.exp - BIAS + 127) << 23) | ((fr.hi >>> 8) & 0x7fffff);
    cpu.write32(ins.seg, off, w);
  } else {
    const hi = (fr.sign << 31) | ((fr.exp - BIAS + 1023) << 20) | ((fr.hi >>> 11) & 0xfffff);
    const lo = (fr.hi << 21) | (fr.lo >>> 11);
    probeWrite(cpu, ins, off, 8);
    cpu.write32(ins.seg, off, lo);
    cpu.write32(ins.seg, offsetPlus(ins, off, 4), hi);
  }
  if (pop) fpu.pop();
  return true;
}

/**
 * FIST/FISTP of a normal ST0 below 2^31 in magnitude: rounded by RC (SDM Vol.2 FIST), PE and
 * C1 as the exact path gives them. Returns false (nothing done) when out of that range or
 * when the integer does not fit the destination; the exact path then raises IE as it must.
 */
export function fastStoreInt(cpu: Cpu, ins: Instr, off: number, bits: number, pop: boolean): boolean {
  const fpu = cpu.fpu;
  const p = fpu.top;
  if (fpu.tagOf(p) !== TAG_VALID) return false;
  const se = fpu.regExp[p];
  const k = (se & 0x7fff) - BIAS;
  if (k > 30) return false;
  const sign = se >> 15;
  const hi = fpu.regHi[p],
    lo = fpu.regLo[p];
  let q: number, round: number, below: boolean;
  if (k >= 0) {
    q = hi >>> (31 - k);
    // Bits below the integer: the rounding bit and the rest.
    const fracHi = k === 31 ? 0 : (hi << (k + 1)) >>> 0;
    round = fracHi >>> 31;
    below = (fracHi & 0x7fffffff) !== 0 || lo !== 0;
  } else {
    q = 0;
    round = k === -1 ? 1 : 0;
    below = k === -1 ? (hi & 0x7fffffff) !== 0 || lo !== 0 : true;
  }
  let up = false;
  if (round !== 0 || below) {
    fenv.flags |= 0x20; // PE
    const rc = fenv.rc;
    if (rc === 0) up = round !== 0 && (below || (q & 1) !== 0);
    else if (rc === 1) up = sign === 1;
    else if (rc === 2) up = sign === 0;
    if (up) q++;
  }
  const v = sign ? -q : q;
  if (bits === 16 ? v < -32768 || v > 32767 : v < -2147483648 || v > 2147483647) {
    fenv.flags = 0;
    return false;
  }
  fenv.roundedUp = up;
  cpu.checkWrite(ins.seg, off, bits >> 3);
  if (!complete(cpu)) return true;
  if (bits === 16) cpu.write16(ins.seg, off, v & 0xffff);
  else if (bits === 32) cpu.write32(ins.seg, off, v | 0);
  else {
    probeWrite(cpu, ins, off, 8);
    cpu.write32(ins.seg, off, v | 0);
    cpu.write32(ins.seg, offsetPlus(ins, off, 4), v < 0 ? -1 : 0);
  }
  if (pop) fpu.pop();
  return true;
}
