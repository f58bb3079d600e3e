// The x87 constants and transcendental instructions (SDM Vol.1 8.3.8-8.3.10; Vol.2 FSIN FCOS
// FSINCOS FPTAN FPATAN F2XM1 FYL2X FYL2XP1). Values are computed in a binary floating format
// of 200 significand bits (`Big`) and rounded once to double extended with the rounding
// mode, so every result is within half an ulp of the exact function of its (reduced)
// argument plus 2^-190 relative; the hardware's own results are within 1 ulp of the exact
// value (SDM Vol.1 8.3.10), so the two agree to 1 ulp of the 64-bit significand.
//
// Argument reduction for FSIN/FCOS/FSINCOS/FPTAN uses the 66-bit π the FPU holds (SDM Vol.1
// 8.3.10, "Pi"), as the hardware does, so results for large arguments follow the hardware
// rather than the exact function.

import {
  type Ext,
  BIAS,
  bitLength,
  exact,
  fenv,
  roundExt,
  isZero,
  isInf,
  isNaN,
  isDenormalOperand as isDenormal,
  isUnsupported,
  DE,
  ZE,
  invalid,
  propagateNaN,
  infinity,
  zero,
} from './softfloat';

const P = 200;

/** A binary float: m * 2^e with m a signed integer of at most P bits. */
export interface Big {
  m: bigint;
  e: number;
}

function norm(m: bigint, e: number): Big {
  const n = bitLength(m < 0n ? -m : m);
  if (n > P) {
    const s = n - P;
    return { m: m >> BigInt(s), e: e + s };
  }
  return { m, e };
}
function big(m: bigint, e = 0): Big {
  return norm(m, e);
}
function bAdd(a: Big, b: Big): Big {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  if (a.e < b.e) [a, b] = [b, a];
  const d = a.e - b.e;
  if (d > 2 * P + 8) {
    // b is far below a's precision: keep the sign of its contribution in a guard bit.
    return norm((a.m << BigInt(P + 8)) + (b.m < 0n ? -1n : 1n), a.e - P - 8);
  }
  return norm((a.m << BigInt(d)) + b.m, b.e);
}
function bNeg(a: Big): Big {
  return { m: -a.m, e: a.e };
}
function bSub(a: Big, b: Big): Big {
  return bAdd(a, bNeg(b));
}
function bMul(a: Big, b: Big): Big {
  return norm(a.m * b.m, a.e + b.e);
}
function bDiv(a: Big, b: Big): Big {
  const s = P + 4 + bitLength(b.m < 0n ? -b.m : b.m) - bitLength(a.m < 0n ? -a.m : a.m);
  const sh = s > 0 ? s : 0;
  return norm((a.m << BigInt(sh)) / b.m, a.e - b.e - sh);
}
function bSqrt(a: Big): Big {
  let m = a.m,
    e = a.e;
  const need = 2 * P + 4 - bitLength(m);
  let s = need > 0 ? need : 0;
  if (((e - s) & 1) !== 0) s++;
  m <<= BigInt(s);
  e -= s;
  let x = 1n << BigInt((bitLength(m) >> 1) + 1);
  for (;;) {
    const y = (x + m / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  return norm(x, e / 2);
}
function bHalf(a: Big, k = 1): Big {
  return { m: a.m, e: a.e - k };
}
function bSmall(a: Big, bits: number): boolean {
  // |a| < 2^-bits
  return a.m === 0n || bitLength(a.m < 0n ? -a.m : a.m) + a.e < -bits;
}
function fromExt(a: Ext): Big {
  const x = exact(a);
  return norm(a.sign ? -x.m : x.m, x.e);
}
const ONE_B = big(1n);

/** Rounds a Big to double extended (64 bits, PC does not apply to these instructions); always inexact. */
function toExt(a: Big): Ext {
  if (a.m === 0n) return zero(0);
  const neg = a.m < 0n;
  return roundExt(neg ? 1 : 0, neg ? -a.m : a.m, a.e, true, 64);
}

// --- Series ---------------------------------------------------------------------------------

/** atanh(z) = z + z^3/3 + z^5/5 + ... for |z| <= 1/3. */
function atanhSeries(z: Big): Big {
  const z2 = bMul(z, z);
  let term = z,
    sum = z;
  for (let k = 3; ; k += 2) {
    term = bMul(term, z2);
    const t = bDiv(term, big(BigInt(k)));
    if (bSmall(t, P + 20 + magnitude(sum))) break;
    sum = bAdd(sum, t);
  }
  return sum;
}

/** atan(z) = z - z^3/3 + ... for small |z|. */
function atanSeries(z: Big): Big {
  const z2 = bMul(z, z);
  let term = z,
    sum = z;
  for (let k = 3; k < 400; k += 2) {
    term = bNeg(bMul(term, z2));
    const t = bDiv(term, big(BigInt(k)));
    if (bSmall(t, P + 20 + magnitude(sum))) break;
    sum = bAdd(sum, t);
  }
  return sum;
}

function magnitude(a: Big): number {
  // -log2 |a| (how far below 1), at least 0
  const top = bitLength(a.m < 0n ? -a.m : a.m) + a.e;
  return top > 0 ? 0 : -top;
}

/** exp(t) - 1 by its Taylor series (|t| <= 1). */
function expm1Series(t: Big): Big {
  let term = t,
    sum = t;
  for (let k = 2; k < 200; k++) {
    term = bDiv(bMul(term, t), big(BigInt(k)));
    if (bSmall(term, P + 20 + magnitude(sum))) break;
    sum = bAdd(sum, term);
  }
  return sum;
}

/** sin and cos of |x| <= π/4 by Taylor series. */
function sinSeries(x: Big): Big {
  const x2 = bMul(x, x);
  let term = x,
    sum = x;
  for (let k = 2; k < 200; k += 2) {
    term = bNeg(bDiv(bMul(term, x2), big(BigInt(k * (k + 1)))));
    if (bSmall(term, P + 20 + magnitude(sum))) break;
    sum = bAdd(sum, term);
  }
  return sum;
}
function cosSeries(x: Big): Big {
  const x2 = bMul(x, x);
  let term = ONE_B,
    sum = ONE_B;
  for (let k = 1; k < 200; k += 2) {
    term = bNeg(bDiv(bMul(term, x2), big(BigInt(k * (k + 1)))));
    if (bSmall(term, P + 20)) break;
    sum = bAdd(sum, term);
  }
  return sum;
}

// --- Constants ------------------------------------------------------------------------------

/** SDM Vol.1 8.3.10: the FPU's π for argument reduction, 0.C90FDAA22168C234C (hex) x 4. */
const PI66 = big(0xc90fdaa22168c234cn, 2 - 68);

interface SeriesConstants {
  sqrt2: Big;
  ln2: Big;
  pi: Big;
  /** The seven constants in D9 E8..EE order (ModRM rm): 1, log2 10, log2 e, π, log10 2, ln 2, +0. */
  loads: readonly (Big | null)[];
}
let series: SeriesConstants | undefined;

/**
 * √2, ln 2, ln 10 and π by their series, computed at the first instruction that needs one
 * rather than when the module loads (a few milliseconds of bigint arithmetic at every start).
 */
function constants(): SeriesConstants {
  if (series) return series;
  const ln2 = bHalf(atanhSeries(bDiv(ONE_B, big(3n))), -1); // 2 atanh(1/3)
  const ln10 = bAdd(bMul(big(3n), ln2), bHalf(atanhSeries(bDiv(ONE_B, big(9n))), -1)); // 3 ln2 + ln(5/4)
  const pi = bSub(bMul(big(16n), atanSeries(bDiv(ONE_B, big(5n)))), bMul(big(4n), atanSeries(bDiv(ONE_B, big(239n)))));
  series = {
    sqrt2: bSqrt(big(2n)),
    ln2,
    pi,
    loads: [ONE_B, bDiv(ln10, ln2), bDiv(ONE_B, ln2), pi, bDiv(ln2, ln10), ln2, null],
  };
  return series;
}

/** The constant FLD1..FLDZ (D9 E8..EE) loads, by ModRM rm: 1, log2 10, log2 e, π, log10 2, ln 2, +0 (null). */
export function loadConstant(rm: number): Big | null {
  return constants().loads[rm];
}

/** A constant rounded to 64 bits by `rc` (SDM Vol.1 8.3.8: the rounding control applies). */
export function constantValue(c: Big | null, rc: number): Ext {
  if (c === null) return zero(0);
  if (c === ONE_B) return { sign: 0, exp: BIAS, sig: 1n << 63n };
  const saved = fenv.rc,
    flags = fenv.flags,
    up = fenv.roundedUp;
  fenv.rc = rc;
  const v = toExt(c);
  fenv.rc = saved;
  fenv.flags = flags;
  fenv.roundedUp = up;
  return v;
}

// --- Logarithms and exponential ----------------------------------------------------------------

/** ln(x) for x > 0. */
function ln(x: Big): Big {
  // x = y * 2^k with y in [1, 2); ln x = k ln2 + 2 atanh((y-1)/(y+1)).
  const n = bitLength(x.m);
  let k = n + x.e - 1;
  let y: Big = { m: x.m, e: -(n - 1) };
  // Centre y in [sqrt(1/2), sqrt(2)) so |z| <= 0.172.
  if (bSub(y, constants().sqrt2).m > 0n) {
    y = bHalf(y);
    k += 1;
  }
  const z = bDiv(bSub(y, ONE_B), bAdd(y, ONE_B));
  return bAdd(bMul(big(BigInt(k)), constants().ln2), bHalf(atanhSeries(z), -1));
}

/** ln(1 + x) for small |x|, with relative precision. */
function ln1p(x: Big): Big {
  const z = bDiv(x, bAdd(big(2n), x));
  return bHalf(atanhSeries(z), -1);
}

// --- Instruction operations (special cases from the SDM Vol.2 tables of each instruction) ------

function nanOrUnsupported(a: Ext, b: Ext | null): Ext | null {
  if (isUnsupported(a) || (b !== null && isUnsupported(b))) return invalid();
  if (isNaN(a) || (b !== null && isNaN(b))) {
    if (b !== null && isNaN(a) && isNaN(b)) return propagateNaN(a, b);
    return propagateNaN(isNaN(a) ? a : b!, null);
  }
  if (isDenormal(a) || (b !== null && isDenormal(b))) fenv.flags |= DE;
  return null;
}

/** F2XM1: 2^x - 1 for -1 <= x <= 1 (outside, undefined: computed the same way). */
export function f2xm1(a: Ext): Ext {
  const s = nanOrUnsupported(a, null);
  if (s) return s;
  if (isZero(a)) return a;
  if (isInf(a)) return a.sign ? { sign: 1, exp: BIAS, sig: 1n << 63n } : a;
  // Outside -1..+1 the result is undefined (SDM Vol.2 F2XM1); the host CPUs leave ST0 as it was.
  if (a.exp >= BIAS && !(a.exp === BIAS && a.sig === 1n << 63n)) return a;
  return toExt(expm1Series(bMul(fromExt(a), constants().ln2)));
}

/** FYL2X: y * log2(x). Special cases and their flags as the host CPUs give them (SDM Vol.2 FYL2X table). */
export function fyl2x(x: Ext, y: Ext): Ext {
  if (isUnsupported(x) || isUnsupported(y)) return invalid();
  if (isNaN(x) || isNaN(y)) return isNaN(x) && isNaN(y) ? propagateNaN(x, y) : propagateNaN(isNaN(x) ? x : y, null);
  if (x.sign && !isZero(x)) return invalid();
  if (isZero(x)) {
    if (isZero(y)) return invalid();
    if (!isInf(y)) fenv.flags |= ZE;
    return infinity(y.sign ^ 1);
  }
  if (isInf(x)) {
    if (isZero(y)) return invalid();
    if (isDenormal(y)) fenv.flags |= DE;
    return infinity(y.sign);
  }
  if (isDenormal(x) || isDenormal(y)) fenv.flags |= DE;
  const ex = exact(x);
  const tz = bitLength(ex.m & -ex.m) - 1;
  if (ex.m >> BigInt(tz) === 1n && ex.e + tz === 0) {
    // log2(1) = 0 exactly.
    if (isInf(y)) return invalid();
    return zero(y.sign);
  }
  const l = bDiv(ln(fromExt(x)), constants().ln2);
  if (isInf(y)) return infinity(y.sign ^ (l.m < 0n ? 1 : 0));
  if (isZero(y)) return zero(y.sign ^ (l.m < 0n ? 1 : 0));
  return toExt(bMul(l, fromExt(y)));
}

/** FYL2XP1: y * log2(x + 1) for |x| < 1 - sqrt(2)/2. */
export function fyl2xp1(x: Ext, y: Ext): Ext {
  const s = nanOrUnsupported(x, y);
  if (s) return s;
  if (isZero(x)) {
    if (isInf(y)) return invalid();
    return zero(x.sign ^ y.sign);
  }
  if (isInf(x)) return invalid();
  if (isInf(y)) return infinity(x.sign ^ y.sign);
  if (isZero(y)) return zero(x.sign ^ y.sign);
  // Outside the defined range (SDM Vol.2 FYL2XP1: |x| < 1 - sqrt(2)/2) the result is undefined;
  // it is computed as y * log2(1 + x) where that exists.
  const xb = fromExt(x);
  const small = x.exp < BIAS - 2;
  if (!small) {
    const onePlus = bAdd(ONE_B, xb);
    if (onePlus.m <= 0n) return invalid();
    return toExt(bMul(bDiv(ln(onePlus), constants().ln2), fromExt(y)));
  }
  return toExt(bMul(bDiv(ln1p(xb), constants().ln2), fromExt(y)));
}

/**
 * Reduces x by the FPU's π/2 (PI66): returns the remainder in [-π/4, π/4] and the quadrant
 * (0-3), or null when |x| >= 2^63 (C2 = 1: out of range, operand unchanged).
 */
function reduce(a: Ext): { r: Big; q: number } | null {
  if (a.exp >= BIAS + 63) return null;
  const x = fromExt(a);
  const halfPi = bHalf(PI66);
  // q = round(x / (π/2))
  const ratio = bDiv(x, halfPi);
  let q: bigint;
  if (ratio.e >= 0) q = ratio.m << BigInt(ratio.e);
  else {
    const sh = BigInt(-ratio.e);
    q = (ratio.m + (1n << (sh - 1n))) >> sh;
  }
  // Exact product q * PI66/2: PI66 has 66 bits, so the subtraction is exact at this precision.
  const r = bSub(x, { m: q * halfPi.m, e: halfPi.e });
  return { r, q: Number(BigInt.asUintN(2, q)) };
}

function sinCosReduced(a: Ext): { sin: Big; cos: Big } | null {
  const red = reduce(a);
  if (red === null) return null;
  const s = sinSeries(red.r),
    c = cosSeries(red.r);
  switch (red.q) {
    case 0:
      return { sin: s, cos: c };
    case 1:
      return { sin: c, cos: bNeg(s) };
    case 2:
      return { sin: bNeg(s), cos: bNeg(c) };
    default:
      return { sin: bNeg(c), cos: s };
  }
}

export type TrigResult = { outOfRange: true } | { outOfRange: false; values: Ext[] };

/** FSIN, FCOS, FSINCOS ([sin, cos]), FPTAN ([tan, 1]). */
export function trig(a: Ext, kind: 'sin' | 'cos' | 'sincos' | 'tan'): TrigResult {
  const s = nanOrUnsupported(a, null);
  const count = kind === 'sincos' || kind === 'tan' ? 2 : 1;
  if (s) return { outOfRange: false, values: Array(count).fill(s) };
  if (isInf(a)) {
    const i = invalid();
    return { outOfRange: false, values: Array(count).fill(i) };
  }
  const one: Ext = { sign: 0, exp: BIAS, sig: 1n << 63n };
  if (isZero(a)) {
    if (kind === 'sin') return { outOfRange: false, values: [a] };
    if (kind === 'cos') return { outOfRange: false, values: [one] };
    if (kind === 'sincos') return { outOfRange: false, values: [a, one] };
    return { outOfRange: false, values: [a, one] };
  }
  const sc = sinCosReduced(a);
  if (sc === null) return { outOfRange: true };
  // Tiny arguments: sin x and tan x round to x (inexact), cos x to 1 (inexact).
  switch (kind) {
    case 'sin':
      return { outOfRange: false, values: [toExt(sc.sin)] };
    case 'cos':
      return { outOfRange: false, values: [toExt(sc.cos)] };
    case 'sincos':
      return { outOfRange: false, values: [toExt(sc.sin), toExt(sc.cos)] };
    default:
      return { outOfRange: false, values: [toExt(bDiv(sc.sin, sc.cos)), one] };
  }
}

/** atan(z) for any z, by halving the argument until the series converges fast. */
function atan(z: Big): Big {
  let neg = false;
  if (z.m < 0n) {
    neg = true;
    z = bNeg(z);
  }
  let invert = false;
  if (bitLength(z.m) + z.e > 0 && bSub(z, ONE_B).m > 0n) {
    invert = true;
    z = bDiv(ONE_B, z);
  }
  let doublings = 0;
  while (!bSmall(z, 4)) {
    z = bDiv(z, bAdd(ONE_B, bSqrt(bAdd(ONE_B, bMul(z, z)))));
    doublings++;
  }
  let r = bHalf(atanSeries(z), -doublings);
  if (invert) r = bSub(bHalf(constants().pi), r);
  return neg ? bNeg(r) : r;
}

/** FPATAN: atan2(y = ST1, x = ST0) (SDM Vol.2 FPATAN Table 3-?). */
export function fpatan(x: Ext, y: Ext): Ext {
  const s = nanOrUnsupported(x, y);
  if (s) return s;
  const pi = (sign: number): Ext => toExtSigned(constants().pi, sign);
  if (isZero(y)) {
    if (x.sign === 0) return zero(y.sign);
    return pi(y.sign);
  }
  if (isInf(y)) {
    if (isInf(x))
      return toExtSigned(x.sign ? bMul(big(3n), bHalf(constants().pi, 2)) : bHalf(constants().pi, 2), y.sign);
    return toExtSigned(bHalf(constants().pi), y.sign);
  }
  if (isZero(x)) return toExtSigned(bHalf(constants().pi), y.sign);
  if (isInf(x)) return x.sign ? pi(y.sign) : zero(y.sign);
  const yb = fromExt(y),
    xb = fromExt(x);
  let r = atan(bDiv(yb, xb));
  if (x.sign) r = y.sign ? bSub(r, constants().pi) : bAdd(r, constants().pi);
  return toExt(r);
}

function toExtSigned(v: Big, sign: number): Ext {
  return toExt(sign ? bNeg(v) : v);
}
