// The common case of the x87 arithmetic on plain numbers: the 64-bit significand as two 32-bit
// halves, no BigInt and no allocation. It takes only normal operands (exponent 1-7FFEh,
// integer bit set: tag "valid", SDM Vol.1 8.1.7) and only results whose exponent before
// rounding lies in 2-7FFDh, so the result can be neither tiny (no underflow, SDM Vol.1
// 4.9.1.5) nor overflow (4.9.1.4) and the only possible exception is precision (PE, with C1
// telling whether the magnitude was rounded up, 8.1.3.1). Every function returns false when
// it does not take the case, before touching anything; the exact BigInt code in softfloat.ts
// then does the operation, so both paths give the same bits and flags by construction of the
// cases this one declines.
//
// Each operation forms the exact result truncated to 96 bits, normalised so that bit 31 of
// `hi` is the leading one: hi, lo (the 64 bits a register holds), g (the next 32 bits) and a
// sticky flag for anything non-zero below g. `finish` rounds that once to the precision
// control (24, 53 or 64 bits, SDM Vol.1 8.1.5.2) by the rounding control (4.8.4 Table 4-8).

import { BIAS, PE, RC_DOWN, RC_NEAREST, RC_UP, fenv } from './softfloat';

const TWO32 = 4294967296;
/** 2^-16, exact. */
const INV16 = 1 / 65536;

/** The result of the last operation that returned true: sign, biased exponent, significand halves. */
export const fr = { sign: 0, exp: 0, hi: 0, lo: 0 };

/** Smallest and largest pre-rounding exponent this path takes (see the header). */
const MIN_E = 2,
  MAX_E = 0x7ffd;

/**
 * Rounds (hi, lo, g, sticky) * 2^(e - BIAS - 63) to `pc` bits into `fr`; raises PE and sets
 * fenv.roundedUp. The caller has checked e against MIN_E/MAX_E.
 */
function finish(sign: number, e: number, hi: number, lo: number, g: number, sticky: boolean, pc: number): void {
  let round: number, below: boolean, odd: number;
  if (pc === 64) {
    round = g >>> 31;
    below = sticky || (g & 0x7fffffff) !== 0;
    odd = lo & 1;
  } else if (pc === 53) {
    round = (lo >>> 10) & 1;
    below = sticky || (lo & 0x3ff) !== 0 || g !== 0;
    odd = (lo >>> 11) & 1;
    lo = (lo & 0xfffff800) >>> 0;
  } else {
    round = (hi >>> 7) & 1;
    below = sticky || (hi & 0x7f) !== 0 || lo !== 0 || g !== 0;
    odd = (hi >>> 8) & 1;
    hi = (hi & 0xffffff00) >>> 0;
    lo = 0;
  }
  let up = false;
  if (round !== 0 || below) {
    fenv.flags |= PE;
    const rc = fenv.rc;
    if (rc === RC_NEAREST) up = round !== 0 && (below || odd !== 0);
    else if (rc === RC_DOWN) up = sign === 1;
    else if (rc === RC_UP) up = sign === 0;
    if (up) {
      if (pc === 64) lo += 1;
      else if (pc === 53) lo += 0x800;
      else hi += 0x100;
      if (lo >= TWO32) {
        lo -= TWO32;
        hi += 1;
      }
      if (hi >= TWO32) {
        // All ones rounded up: the next binade.
        hi = 0x80000000;
        lo = 0;
        e++;
      }
    }
  }
  fenv.roundedUp = up;
  fr.sign = sign;
  fr.exp = e;
  fr.hi = hi;
  fr.lo = lo;
}

/**
 * a + b for normal a and b (the caller flips b's sign for a subtraction). An exact zero sum
 * is +0, or -0 when rounding down (SDM Vol.1 4.8.3.1 as the exact path does it).
 */
export function fastAdd(
  as: number,
  ae: number,
  ah: number,
  al: number,
  bs: number,
  be: number,
  bh: number,
  bl: number,
): boolean {
  if (ae < be || (ae === be && (ah < bh || (ah === bh && al < bl)))) {
    // Make a the larger magnitude.
    let t = as;
    as = bs;
    bs = t;
    t = ae;
    ae = be;
    be = t;
    t = ah;
    ah = bh;
    bh = t;
    t = al;
    al = bl;
    bl = t;
  }
  // A carry of the rounding may reach the next binade even when the exponents cancel.
  if (ae > MAX_E) return false;
  const d = ae - be;
  // b shifted right by d: (h, l, g) and a sticky for the bits below g.
  let h: number, l: number, g: number;
  let s = false;
  if (d === 0) {
    h = bh;
    l = bl;
    g = 0;
  } else if (d < 32) {
    h = bh >>> d;
    l = ((bl >>> d) | (bh << (32 - d))) >>> 0;
    g = (bl << (32 - d)) >>> 0;
  } else if (d === 32) {
    h = 0;
    l = bh;
    g = bl;
  } else if (d < 64) {
    h = 0;
    l = bh >>> (d - 32);
    g = ((bl >>> (d - 32)) | (bh << (64 - d))) >>> 0;
    s = bl << (64 - d) !== 0;
  } else if (d === 64) {
    h = 0;
    l = 0;
    g = bh;
    s = bl !== 0;
  } else if (d < 96) {
    h = 0;
    l = 0;
    g = bh >>> (d - 64);
    s = bh << (96 - d) !== 0 || bl !== 0;
  } else {
    h = 0;
    l = 0;
    g = 0;
    s = true;
  }
  let e = ae;
  if (as === bs) {
    let lo = al + l;
    let hi = ah + h;
    if (lo >= TWO32) {
      lo -= TWO32;
      hi++;
    }
    if (hi >= TWO32) {
      // Carry out of bit 63: shift right one, the lost bit going to the sticky.
      if ((g & 1) !== 0) s = true;
      g = ((g >>> 1) | (lo << 31)) >>> 0;
      lo = ((lo >>> 1) | (hi << 31)) >>> 0;
      hi = 0x80000000 | ((hi - TWO32) >>> 1);
      e++;
    }
    if (e > MAX_E) return false;
    finish(as, e, hi, lo, g, s, fenv.pc);
    return true;
  }
  // |a| >= |b|: a - b. A sticky below g stands for a fraction in (0, 1) of g's unit: the
  // difference is (a - b96 - 1) plus a fraction, so borrow one and keep the sticky.
  let gg = -g - (s ? 1 : 0);
  let borrow = 0;
  if (gg < 0) {
    gg += TWO32;
    borrow = 1;
  }
  let lo = al - l - borrow;
  borrow = 0;
  if (lo < 0) {
    lo += TWO32;
    borrow = 1;
  }
  let hi = ah - h - borrow;
  if (hi === 0 && lo === 0 && gg === 0) {
    if (s) return false; // cannot happen (|a| > |b| when b was shifted out), left to the exact path
    // Exact zero: no flags (SDM Vol.1 4.8.3.1: +0, or -0 in round down).
    fenv.roundedUp = false;
    fr.sign = fenv.rc === RC_DOWN ? 1 : 0;
    fr.exp = 0;
    fr.hi = 0;
    fr.lo = 0;
    return true;
  }
  // Normalise: at most one bit when d >= 2 (then the sticky may be set), any amount when
  // d <= 1 (then g holds every bit of b and the sticky is clear).
  while (hi === 0) {
    hi = lo;
    lo = gg;
    gg = 0;
    e -= 32;
  }
  const n = Math.clz32(hi);
  if (n !== 0) {
    hi = ((hi << n) | (lo >>> (32 - n))) >>> 0;
    lo = ((lo << n) | (gg >>> (32 - n))) >>> 0;
    gg = (gg << n) >>> 0;
    e -= n;
  }
  if (e < MIN_E) return false;
  finish(as, e, hi, lo, gg, s, fenv.pc);
  return true;
}

/** a * b for normal a and b: the 128-bit product of the significands from 16-bit pieces. */
export function fastMul(
  as: number,
  ae: number,
  ah: number,
  al: number,
  bs: number,
  be: number,
  bh: number,
  bl: number,
): boolean {
  let e = ae + be - BIAS + 1;
  if (e < MIN_E || e - 1 > MAX_E) return false;
  const a0 = al & 0xffff,
    a1 = al >>> 16,
    a2 = ah & 0xffff,
    a3 = ah >>> 16;
  const b0 = bl & 0xffff,
    b1 = bl >>> 16,
    b2 = bh & 0xffff,
    b3 = bh >>> 16;
  // Column sums are below 4 * 2^32 plus the carry: exact in a double. Their low 16 bits are
  // those of ToInt32 (c & 65535: c modulo 2^32 keeps them), and the carry (c - p) * 2^-16 is
  // exact; a double `%` or `/` here would cost a floating-point remainder call per column.
  let c = a0 * b0;
  const p0 = c & 0xffff;
  c = (c - p0) * INV16 + a0 * b1 + a1 * b0;
  const p1 = c & 0xffff;
  c = (c - p1) * INV16 + a0 * b2 + a1 * b1 + a2 * b0;
  const p2 = c & 0xffff;
  c = (c - p2) * INV16 + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  const p3 = c & 0xffff;
  c = (c - p3) * INV16 + a1 * b3 + a2 * b2 + a3 * b1;
  const p4 = c & 0xffff;
  c = (c - p4) * INV16 + a2 * b3 + a3 * b2;
  const p5 = c & 0xffff;
  c = (c - p5) * INV16 + a3 * b3;
  const p6 = c & 0xffff;
  const p7 = (c - p6) * INV16;
  let hi = p7 * 65536 + p6,
    lo = p5 * 65536 + p4,
    g = p3 * 65536 + p2;
  const w0 = p1 * 65536 + p0;
  let s = w0 !== 0;
  if (hi < 0x80000000) {
    // Product in [2^126, 2^127): one bit to the left.
    hi = ((hi << 1) | (lo >>> 31)) >>> 0;
    lo = ((lo << 1) | (g >>> 31)) >>> 0;
    g = ((g << 1) | (w0 >>> 31)) >>> 0;
    s = (w0 & 0x7fffffff) !== 0;
    e--;
    if (e < MIN_E) return false;
  } else if (e > MAX_E) return false;
  finish(as ^ bs, e, hi, lo, g, s, fenv.pc);
  return true;
}

/**
 * a / b for normal a and b: the 66 quotient bits floor(A * 2^65 / B) of the significands A, B,
 * and the remainder as the sticky, by long division in doubles: a chunk of 2 bits, then four
 * of 16. The remainder R < B < 2^64 shifted left by a chunk is H * 2^32 + L with H < 2^48, so
 * it and the products q * (B's halves) are exact doubles; the chunk q = floor(R / B) is
 * estimated from the doubles nearest R and B (relative error below 2^-51, i.e. off by at most
 * one for q < 2^16) and corrected until 0 <= R - qB < B.
 */
export function fastDiv(
  as: number,
  ae: number,
  ah: number,
  al: number,
  bs: number,
  be: number,
  bh: number,
  bl: number,
): boolean {
  let e = ae - be + BIAS;
  if (e - 1 < MIN_E || e > MAX_E) return false;
  const bd = bh * TWO32 + bl;
  let rh = ah,
    rl = al;
  let high = 0,
    mid = 0,
    low = 0;
  for (let chunk = 0; chunk < 5; chunk++) {
    const sh = chunk === 0 ? 1 : 16;
    let h = rh * (1 << sh) + (rl >>> (32 - sh));
    let l = (rl << sh) >>> 0;
    let q = Math.floor((h * TWO32 + l) / bd);
    // R - qB, the low half's borrow moved into the high half.
    let t = l - q * bl;
    let c = Math.floor(t / TWO32);
    l = t - c * TWO32;
    h = h - q * bh + c;
    while (h < 0) {
      q--;
      l += bl;
      h += bh;
      if (l >= TWO32) {
        l -= TWO32;
        h++;
      }
    }
    while (h > bh || (h === bh && l >= bl)) {
      q++;
      t = l - bl;
      c = t < 0 ? 1 : 0;
      l = t + c * TWO32;
      h = h - bh - c;
    }
    rh = h;
    rl = l;
    if (chunk < 2) high = high * 65536 + q;
    else if (chunk < 4) mid = mid * 65536 + q;
    else low = q;
  }
  // Quotient bits 65-48 in high, 47-16 in mid, 15-0 in low: the top 96 bits as q0 q1 q2.
  let q0 = ((high << 14) | (mid >>> 18)) >>> 0,
    q1 = (((mid & 0x3ffff) << 14) | (low >>> 2)) >>> 0,
    q2 = ((low & 3) << 30) >>> 0;
  const s = rh !== 0 || rl !== 0;
  if (q0 < 0x80000000) {
    // a's significand below b's: quotient in (1/2, 1).
    q0 = ((q0 << 1) | (q1 >>> 31)) >>> 0;
    q1 = ((q1 << 1) | (q2 >>> 31)) >>> 0;
    q2 = (q2 << 1) >>> 0;
    e--;
  }
  finish(as ^ bs, e, q0, q1, q2, s, fenv.pc);
  return true;
}

/**
 * sqrt(a) for a normal positive a: the integer root of the significand scaled to 129 or 130
 * bits, two radicand bits per step; the root has 65 bits (64 and the rounding bit), the
 * remainder is the sticky (a root of an integer is never exactly halfway).
 */
export function fastSqrt(ae: number, ah: number, al: number): boolean {
  const k = ae - BIAS;
  // Radicand N = sig * 2^(65 + odd), value = N * 2^(2 * (kk - 64)) with kk = (k - odd) / 2.
  const odd = k & 1;
  const kk = (k - odd) / 2;
  // Remainder and root as three 32-bit words each (both below 2^67).
  let r2 = 0,
    r1 = 0,
    r0 = 0;
  let y2 = 0,
    y1 = 0,
    y0 = 0;
  // The radicand's bits from the top, two at a time: N has 129 bits when odd = 0 (its first
  // pair is 0 and the leading bit) and 130 when odd = 1.
  let sh = ah,
    sl = al;
  let first = odd === 0;
  for (let i = 0; i < 65; i++) {
    let pair: number;
    if (first) {
      pair = sh >>> 31; // the pair (0, leading bit)
      sh = ((sh << 1) | (sl >>> 31)) >>> 0;
      sl = (sl << 1) >>> 0;
      first = false;
    } else {
      pair = sh >>> 30;
      sh = ((sh << 2) | (sl >>> 30)) >>> 0;
      sl = (sl << 2) >>> 0;
    }
    // rem = rem * 4 + pair
    r2 = ((r2 << 2) | (r1 >>> 30)) >>> 0;
    r1 = ((r1 << 2) | (r0 >>> 30)) >>> 0;
    r0 = ((r0 << 2) | pair) >>> 0;
    // t = 4 * root + 1
    const t2 = ((y2 << 2) | (y1 >>> 30)) >>> 0;
    const t1 = ((y1 << 2) | (y0 >>> 30)) >>> 0;
    const t0 = ((y0 << 2) | 1) >>> 0;
    // root = root * 2
    y2 = ((y2 << 1) | (y1 >>> 31)) >>> 0;
    y1 = ((y1 << 1) | (y0 >>> 31)) >>> 0;
    y0 = (y0 << 1) >>> 0;
    if (r2 > t2 || (r2 === t2 && (r1 > t1 || (r1 === t1 && r0 >= t0)))) {
      let w = r0 - t0,
        borrow = 0;
      if (w < 0) {
        w += TWO32;
        borrow = 1;
      }
      r0 = w;
      w = r1 - t1 - borrow;
      borrow = 0;
      if (w < 0) {
        w += TWO32;
        borrow = 1;
      }
      r1 = w;
      r2 = r2 - t2 - borrow;
      y0 = (y0 | 1) >>> 0;
    }
  }
  // Root: 65 bits, y2 bit 0 the leading one; y1 y0 the rest.
  const hi = ((y2 << 31) | (y1 >>> 1)) >>> 0;
  const lo = ((y1 << 31) | (y0 >>> 1)) >>> 0;
  const g = (y0 << 31) >>> 0;
  const s = r2 !== 0 || r1 !== 0 || r0 !== 0;
  const e = kk + BIAS;
  if (e < MIN_E || e > MAX_E) return false;
  finish(0, e, hi, lo, g, s, fenv.pc);
  return true;
}

/** A normal value rounded to the precision control (x + 0, x - 0). */
export function fastRound(sign: number, e: number, hi: number, lo: number): boolean {
  if (e < MIN_E || e > MAX_E) return false;
  finish(sign, e, hi, lo, 0, false, fenv.pc);
  return true;
}

/**
 * Rounds a normal value to `p` bits (24 or 53) for a store to m32fp/m64fp, returning false
 * unless the result is a normal number of that format: `fr` gets the rounded significand and
 * the exponent still biased for the double extended format.
 */
export function fastNarrow(sign: number, e: number, hi: number, lo: number, p: number, minE: number, maxE: number) {
  if (e < minE || e > maxE) return false;
  finish(sign, e, hi, lo, 0, false, p);
  return true;
}
