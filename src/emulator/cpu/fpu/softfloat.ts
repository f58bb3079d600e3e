// Exact software arithmetic on the x87 80-bit double extended format (SDM Vol.1 4.2.2 and
// 8.2): sign, 15-bit biased exponent, 64-bit significand with an explicit integer bit.
//
// Every operation computes the exact result (as an integer significand times a power of two,
// plus a sticky bit for what lies below) and rounds it once in roundPack, to the precision
// control (SDM Vol.1 8.1.5.2) and the rounding mode (SDM Vol.1 4.8.4, Table 4-8). Exceptions
// (SDM Vol.1 4.9 and 8.4) accumulate in `fenv.flags`; the instruction layer (exec.ts) applies
// the masks and decides what is stored. Values cross this module as Ext records; the register
// file keeps them as 16 + 32 + 32 bits (state.ts).
//
// The significand work uses BigInt: exact for any width, and only the arithmetic itself pays
// for it (loads, stores, exchanges and compares of tags stay on plain numbers).

/** One value in the double extended format. exp is the raw 15-bit field, sig the 64 bits. */
export interface Ext {
  sign: number;
  exp: number;
  sig: bigint;
  /**
   * Converted from a denormal single or double memory operand (now normal in this format):
   * the operation that uses it raises DE, as it would for a denormal register operand.
   */
  denormalSource?: boolean;
}

/** Exception flags, in status-word / control-word-mask bit order (SDM Vol.1 8.1.3, 8.1.5). */
export const IE = 0x01,
  DE = 0x02,
  ZE = 0x04,
  OE = 0x08,
  UE = 0x10,
  PE = 0x20;

/** Rounding control (SDM Vol.1 4.8.4 Table 4-8). */
export const RC_NEAREST = 0,
  RC_DOWN = 1,
  RC_UP = 2,
  RC_ZERO = 3;

/**
 * The environment an operation runs in and what it reports: the control word's masks and
 * modes are read, `flags` and `roundedUp` (C1 after an inexact result, SDM Vol.1 8.1.3.1)
 * are written.
 */
export const fenv = {
  /** Exceptions raised by the operations since the caller cleared it. */
  flags: 0,
  /** The last rounding increased the magnitude (reported in C1 when PE is set). */
  roundedUp: false,
  /** Exception masks (control word bits 0-5): a set bit masks. */
  masks: 0x3f,
  rc: RC_NEAREST,
  /** Precision control in significand bits: 24, 53 or 64. */
  pc: 64,
};

export const BIAS = 16383;
export const MAX_EXP = 0x7fff;
const TOP = 1n << 63n;
const SIG_MASK = (1n << 64n) - 1n;
const QUIET = 1n << 62n;
/** SDM Vol.1 4.8.3.7 Table 4-3: the real indefinite (the default QNaN). */
export const INDEFINITE: Ext = { sign: 1, exp: MAX_EXP, sig: 0xc000000000000000n };
/** SDM Vol.1 8.3.6: the bias adjust for unmasked overflow/underflow results in registers. */
const BIAS_ADJUST = 24576;

export function ext(sign: number, exp: number, sig: bigint): Ext {
  return { sign, exp, sig };
}
export const ZERO: Ext = { sign: 0, exp: 0, sig: 0n };
export const ONE: Ext = { sign: 0, exp: BIAS, sig: TOP };
export function infinity(sign: number): Ext {
  return { sign, exp: MAX_EXP, sig: TOP };
}
export function zero(sign: number): Ext {
  return { sign, exp: 0, sig: 0n };
}

// --- Classes (SDM Vol.1 8.2.2 Table 8-3, 8.2.3 unsupported encodings) --------------------------

export function isNaN(a: Ext): boolean {
  return a.exp === MAX_EXP && (a.sig & TOP) !== 0n && (a.sig & (TOP - 1n)) !== 0n;
}
export function isSNaN(a: Ext): boolean {
  return isNaN(a) && (a.sig & QUIET) === 0n;
}
export function isInf(a: Ext): boolean {
  return a.exp === MAX_EXP && a.sig === TOP;
}
export function isZero(a: Ext): boolean {
  return a.exp === 0 && a.sig === 0n;
}
/** Denormal or pseudo-denormal: exponent 0, significand non-zero. */
export function isDenormal(a: Ext): boolean {
  return a.exp === 0 && a.sig !== 0n;
}
/** A denormal operand for the DE exception (SDM Vol.1 4.9.1.2): denormal here, or converted from one. */
export function isDenormalOperand(a: Ext): boolean {
  return a.denormalSource === true || (a.exp === 0 && a.sig !== 0n);
}
/** Pseudo-NaN, pseudo-infinity, unnormal: non-zero exponent with the integer bit clear (invalid since the 387). */
export function isUnsupported(a: Ext): boolean {
  return a.exp !== 0 && (a.sig & TOP) === 0n;
}

export function bitLength(m: bigint): number {
  if (m === 0n) return 0;
  const h = m.toString(16);
  return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0], 16)));
}

/** Exact value as (m, e): a = (-1)^sign * m * 2^e. Denormals have the minimum exponent. */
function mant(a: Ext): bigint {
  return a.sig;
}
function lsbExp(a: Ext): number {
  return (a.exp === 0 ? 1 : a.exp) - BIAS - 63;
}

// --- Rounding (SDM Vol.1 4.8.4, 4.9.1.4-4.9.1.6, 8.1.5.2) ---------------------------------------

export interface Rounded {
  sign: number;
  /** Biased exponent in the target format. */
  exp: number;
  /** p-bit significand, integer bit included (clear for denormals and zero). */
  sig: bigint;
}

/**
 * Rounds (-1)^sign * (m + sticky) * 2^e2 to p significand bits in a format with the given
 * bias and all-ones exponent `maxExp`, raising PE, UE, OE as the result requires. `wrap`:
 * the destination is a register, so an unmasked overflow or underflow delivers the result
 * with its exponent adjusted by 24576 (SDM Vol.1 4.9.1.4, 4.9.1.5); otherwise the masked
 * response is returned and the caller must not store when the exception is unmasked.
 * Tininess is detected after rounding.
 */
export function roundPack(
  sign: number,
  m: bigint,
  e2: number,
  sticky: boolean,
  p: number,
  bias: number,
  maxExp: number,
  wrap: boolean,
): Rounded {
  if (m === 0n) {
    if (!sticky) return { sign, exp: 0, sig: 0n };
    // Only a sticky remainder: below every representable bit.
    m = 1n;
    e2 -= 4 * p + 64;
  }
  const n = bitLength(m);
  const top = e2 + n - 1; // unbiased exponent of the leading bit
  let biased = top + bias;
  const minLsb = 1 - bias - (p - 1);
  const normalLsb = top - (p - 1);
  const lsb = biased >= 1 ? normalLsb : minLsb;
  const rc = fenv.rc;

  const roundAt = (at: number): { q: bigint; inexact: boolean; up: boolean } => {
    const shift = at - e2;
    let q: bigint;
    let inexact = sticky;
    let up = false;
    if (shift > 0) {
      const s = BigInt(shift);
      q = m >> s;
      const rem = m & ((1n << s) - 1n);
      if (rem !== 0n) inexact = true;
      if (inexact) {
        if (rc === RC_NEAREST) {
          const half = 1n << (s - 1n);
          up = rem > half || (rem === half && (sticky || (q & 1n) === 1n));
        } else up = rc === RC_DOWN ? sign === 1 : rc === RC_UP ? sign === 0 : false;
      }
    } else {
      q = m << BigInt(-shift);
      if (inexact) up = rc === RC_DOWN ? sign === 1 : rc === RC_UP ? sign === 0 : false;
    }
    return { q: up ? q + 1n : q, inexact, up };
  };

  // Tininess after rounding: the result rounded with an unbounded exponent is below 2^emin.
  let tiny = false;
  if (biased < 1) {
    tiny = true;
    if (biased === 0) {
      const unbounded = roundAt(normalLsb);
      if (bitLength(unbounded.q) > p) tiny = false;
    }
  }
  const masks = fenv.masks;
  if (tiny && (masks & UE) === 0 && wrap) {
    // Unmasked underflow to a register: round normally and add the bias adjust.
    const r = roundAt(normalLsb);
    let q = r.q;
    biased = top + bias + BIAS_ADJUST;
    if (bitLength(q) > p) {
      q >>= 1n;
      biased++;
    }
    fenv.flags |= UE | (r.inexact ? PE : 0);
    fenv.roundedUp = r.inexact && r.up;
    return { sign, exp: biased, sig: q };
  }
  const r = roundAt(lsb);
  let q = r.q;
  let resultLsb = lsb;
  if (bitLength(q) > p) {
    q >>= 1n;
    resultLsb++;
  }
  const qn = bitLength(q);
  biased = qn === p ? resultLsb + (p - 1) + bias : 0;
  if (r.inexact) fenv.flags |= PE;
  fenv.roundedUp = r.inexact && r.up;
  if (tiny && (r.inexact || (masks & UE) === 0)) fenv.flags |= UE;
  if (q === 0n) return { sign, exp: 0, sig: 0n };
  if (biased >= maxExp) {
    fenv.flags |= OE;
    if ((masks & OE) === 0 && wrap) {
      // SDM Vol.1 8.5.4: the exponent wrapped by 24576, the rounding reported as usual; a result
      // still out of range after that is an infinity, rounded up (as the host CPUs do).
      if (biased - BIAS_ADJUST >= maxExp) {
        fenv.flags |= PE;
        fenv.roundedUp = true;
        return { sign, exp: maxExp, sig: 1n << BigInt(p - 1) };
      }
      return { sign, exp: biased - BIAS_ADJUST, sig: q };
    }
    fenv.flags |= PE;
    // SDM Vol.1 4.9.1.4 Table 4-10: masked overflow result by rounding mode and sign.
    const toInf = rc === RC_NEAREST || (rc === RC_DOWN && sign === 1) || (rc === RC_UP && sign === 0);
    fenv.roundedUp = toInf;
    if (toInf) return { sign, exp: maxExp, sig: 1n << BigInt(p - 1) };
    return { sign, exp: maxExp - 1, sig: (1n << BigInt(p)) - 1n };
  }
  return { sign, exp: biased, sig: q };
}

/** Rounds an exact value to the double extended format at precision `p` (register destination). */
export function roundExt(sign: number, m: bigint, e2: number, sticky: boolean, p = fenv.pc): Ext {
  const r = roundPack(sign, m, e2, sticky, p, BIAS, MAX_EXP, true);
  return { sign: r.sign, exp: r.exp, sig: r.exp === MAX_EXP && p < 64 ? TOP : r.sig << BigInt(64 - p) };
}

// --- NaN propagation (SDM Vol.1 4.8.3.5 Table 4-7) ----------------------------------------------

export function quiet(a: Ext): Ext {
  return { sign: a.sign, exp: a.exp, sig: a.sig | QUIET };
}

/** The NaN result of an operation with one or two NaN operands; IE for any SNaN. */
export function propagateNaN(a: Ext, b: Ext | null): Ext {
  const aS = isSNaN(a),
    bS = b !== null && isSNaN(b);
  if (aS || bS) fenv.flags |= IE;
  if (b === null || !isNaN(b)) return quiet(a);
  if (!isNaN(a)) return quiet(b);
  // Both NaN: a QNaN beats an SNaN; otherwise the larger significand (ties: the positive one).
  if (aS !== bS) return quiet(aS ? b : a);
  const sa = a.sig & ~QUIET & SIG_MASK,
    sb = b.sig & ~QUIET & SIG_MASK;
  if (sa < sb) return quiet(b);
  if (sb < sa) return quiet(a);
  return quiet(a.sign <= b.sign ? a : b);
}

/** Invalid operation: IE and the masked response, the real indefinite. */
export function invalid(): Ext {
  fenv.flags |= IE;
  return INDEFINITE;
}

function nanOf(a: Ext, b: Ext): Ext {
  if (isNaN(a) && isNaN(b)) return propagateNaN(a, b);
  return propagateNaN(isNaN(a) ? a : b, null);
}

// --- Add, subtract, multiply, divide, square root (SDM Vol.1 8.3.5, Vol.2 FADD FMUL FDIV FSQRT) -

export function add(a: Ext, b: Ext, negateB = false): Ext {
  const bs = negateB ? b.sign ^ 1 : b.sign;
  if (isUnsupported(a) || isUnsupported(b)) return invalid();
  if (isNaN(a) || isNaN(b)) {
    // SNaN checks look at both operands even when only one is a NaN.
    if (isNaN(a) && isNaN(b)) return propagateNaN(a, b);
    const n = isNaN(a) ? a : b;
    return propagateNaN(n, null);
  }
  if (isDenormalOperand(a) || isDenormalOperand(b)) fenv.flags |= DE;
  if (isInf(a) || isInf(b)) {
    if (isInf(a) && isInf(b) && a.sign !== bs) return invalid();
    return isInf(a) ? a : infinity(bs);
  }
  if (isZero(a) && isZero(b)) {
    // SDM Vol.1 4.8.3.1/Table 4-? : exact zero sums are +0 except in round down; equal signs keep theirs.
    if (a.sign === bs) return zero(a.sign);
    return zero(fenv.rc === RC_DOWN ? 1 : 0);
  }
  let ma = mant(a),
    ea = lsbExp(a);
  let mb = mant(b),
    eb = lsbExp(b);
  if (isZero(a)) return roundExt(bs, mb, eb, false);
  if (isZero(b)) return roundExt(a.sign, ma, ea, false);
  let sa = a.sign,
    sb = bs;
  if (ea < eb) {
    [ma, mb, ea, eb, sa, sb] = [mb, ma, eb, ea, sb, sa];
  }
  const d = ea - eb;
  let e: number;
  if (d > 160) {
    // b lies entirely below the rounding position of a: a nonzero stand-in keeps the sticky.
    ma <<= 160n;
    mb = 1n;
    e = ea - 160;
  } else {
    ma <<= BigInt(d);
    e = eb;
  }
  let m: bigint;
  let sign: number;
  if (sa === sb) {
    m = ma + mb;
    sign = sa;
  } else if (ma >= mb) {
    m = ma - mb;
    sign = sa;
  } else {
    m = mb - ma;
    sign = sb;
  }
  if (m === 0n) return zero(fenv.rc === RC_DOWN ? 1 : 0);
  return roundExt(sign, m, e, false);
}

export function mul(a: Ext, b: Ext): Ext {
  if (isUnsupported(a) || isUnsupported(b)) return invalid();
  if (isNaN(a) || isNaN(b)) return nanOf(a, b);
  const sign = a.sign ^ b.sign;
  if (isDenormalOperand(a) || isDenormalOperand(b)) fenv.flags |= DE;
  if (isInf(a) || isInf(b)) {
    if (isZero(a) || isZero(b)) return invalid();
    return infinity(sign);
  }
  if (isZero(a) || isZero(b)) return zero(sign);
  return roundExt(sign, mant(a) * mant(b), lsbExp(a) + lsbExp(b), false);
}

export function div(a: Ext, b: Ext): Ext {
  if (isUnsupported(a) || isUnsupported(b)) return invalid();
  if (isNaN(a) || isNaN(b)) return nanOf(a, b);
  const sign = a.sign ^ b.sign;
  if (isInf(a)) {
    if (isInf(b)) return invalid();
    if (isDenormalOperand(b)) fenv.flags |= DE;
    return infinity(sign);
  }
  if (isInf(b)) {
    if (isDenormalOperand(a)) fenv.flags |= DE;
    return zero(sign);
  }
  if (isZero(b)) {
    // A zero divisor decides before the dividend is looked at: no DE for a denormal dividend
    // (as the host CPUs do).
    if (isZero(a)) return invalid();
    fenv.flags |= ZE;
    return infinity(sign);
  }
  if (isDenormalOperand(a) || isDenormalOperand(b)) fenv.flags |= DE;
  if (isZero(a)) return zero(sign);
  const ma = mant(a),
    mb = mant(b);
  // Quotient with at least 66 + 64 significant bits; the remainder only matters as sticky.
  const shift = 130 + bitLength(mb) - bitLength(ma);
  const num = ma << BigInt(shift);
  const q = num / mb;
  const r = num - q * mb;
  return roundExt(sign, q, lsbExp(a) - lsbExp(b) - shift, r !== 0n);
}

/** Integer square root (floor). */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export function sqrt(a: Ext): Ext {
  if (isUnsupported(a)) return invalid();
  if (isNaN(a)) return propagateNaN(a, null);
  if (isZero(a)) return a;
  if (a.sign === 1) return invalid();
  if (isInf(a)) return a;
  if (isDenormalOperand(a)) fenv.flags |= DE;
  let m = mant(a);
  let e = lsbExp(a);
  // Make the exponent even and give the root 66 + 64 bits.
  let s = 264 - bitLength(m);
  if (((e - s) & 1) !== 0) s++;
  m <<= BigInt(s);
  e -= s;
  const r = isqrt(m);
  return roundExt(0, r, e / 2, r * r !== m);
}

// --- Compare (SDM Vol.2 FCOM/FUCOM/FCOMI, Vol.1 8.1.3.2 Table 8-5) -------------------------------

/** Compare result: -1 less, 0 equal, 1 greater, 2 unordered. */
export function compare(a: Ext, b: Ext, quietNaNsOk: boolean): number {
  if (isUnsupported(a) || isUnsupported(b)) {
    fenv.flags |= IE;
    return 2;
  }
  if (isNaN(a) || isNaN(b)) {
    if (!quietNaNsOk || isSNaN(a) || isSNaN(b)) fenv.flags |= IE;
    return 2;
  }
  if (isDenormalOperand(a) || isDenormalOperand(b)) fenv.flags |= DE;
  if (isZero(a) && isZero(b)) return 0;
  const ka = orderKey(a),
    kb = orderKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A totally ordered key of a non-NaN value (pseudo-denormals compare by value). */
function orderKey(a: Ext): bigint {
  if (isZero(a)) return 0n;
  let e = a.exp,
    m = a.sig;
  if (e === 0) {
    // Denormal or pseudo-denormal: value m * 2^(1-bias-63); normalise into the (e, m) order.
    e = 1;
    while ((m & TOP) === 0n) {
      m <<= 1n;
      e--;
    }
  }
  const k = (BigInt(e + 64) << 64n) | (m & SIG_MASK);
  return a.sign ? -k : k;
}

// --- Integer conversions (SDM Vol.2 FILD, FIST/FISTP, FBLD, FBSTP) -------------------------------

/** A signed integer to double extended: always exact. */
export function fromInt(v: bigint): Ext {
  if (v === 0n) return zero(0);
  const sign = v < 0n ? 1 : 0;
  const m = sign ? -v : v;
  const n = bitLength(m);
  return { sign, exp: BIAS + n - 1, sig: m << BigInt(64 - n) };
}

/**
 * Rounds to an integer by the rounding mode (FRNDINT, FIST): returns the integer, or null for
 * a NaN, an infinity or an unsupported encoding. Raises PE when inexact (roundedUp for C1).
 */
export function roundToInteger(a: Ext, rc = fenv.rc, reportDenormal = true): bigint | null {
  if (isUnsupported(a) || a.exp === MAX_EXP) return null;
  if (isZero(a)) return 0n;
  // FRNDINT reports a denormal operand; the integer stores do not (as the host CPUs do).
  if (reportDenormal && isDenormalOperand(a)) fenv.flags |= DE;
  const m = mant(a),
    e = lsbExp(a);
  if (e >= 0) return (a.sign ? -1n : 1n) * (m << BigInt(e));
  const s = BigInt(-e);
  let q = -e >= 200 ? 0n : m >> s;
  const rem = -e >= 200 ? m : m & ((1n << s) - 1n);
  let up = false;
  if (rem !== 0n) {
    fenv.flags |= PE;
    if (rc === RC_NEAREST) {
      const half = -e >= 200 ? -1n : 1n << (s - 1n);
      up = half >= 0n && (rem > half || (rem === half && (q & 1n) === 1n));
    } else up = rc === RC_DOWN ? a.sign === 1 : rc === RC_UP ? a.sign === 0 : false;
    if (up) q += 1n;
  }
  fenv.roundedUp = up;
  return a.sign ? -q : q;
}

/** FRNDINT: round to an integral value in the double extended format. */
export function roundInt(a: Ext): Ext {
  if (isUnsupported(a)) return invalid();
  if (isNaN(a)) return propagateNaN(a, null);
  if (isInf(a) || isZero(a)) return a;
  const i = roundToInteger(a);
  if (i === 0n) return zero(a.sign);
  return fromInt(i!);
}

/**
 * FIST/FISTP to a `bits`-wide signed integer: the integer, or the integer indefinite
 * (most negative value) with IE for NaN, infinity or out of range.
 */
export function toInt(a: Ext, bits: number): bigint {
  const indefinite = -(1n << BigInt(bits - 1));
  const saved = fenv.flags,
    savedUp = fenv.roundedUp;
  const i = roundToInteger(a, fenv.rc, false);
  if (i === null || i < indefinite || i > -indefinite - 1n) {
    fenv.flags = saved | IE;
    fenv.roundedUp = savedUp;
    return indefinite;
  }
  return i;
}

// --- Memory real formats (SDM Vol.1 4.2.2 Table 4-3) -----------------------------------------

export interface RealFormat {
  expBits: number;
  /** Stored fraction bits (no integer bit). */
  fracBits: number;
}
export const SINGLE: RealFormat = { expBits: 8, fracBits: 23 };
export const DOUBLE: RealFormat = { expBits: 11, fracBits: 52 };

/** Unpacks a single or double real (bits as a BigInt) to double extended, exactly. */
export function fromReal(bits: bigint, f: RealFormat): Ext {
  const fb = BigInt(f.fracBits);
  const maxE = (1 << f.expBits) - 1;
  const bias = (1 << (f.expBits - 1)) - 1;
  const sign = Number((bits >> (fb + BigInt(f.expBits))) & 1n);
  const e = Number((bits >> fb) & BigInt(maxE));
  const frac = bits & ((1n << fb) - 1n);
  const shift = BigInt(63 - f.fracBits);
  if (e === maxE) {
    if (frac === 0n) return infinity(sign);
    // An SNaN stays signaling here: the operation using it raises IE and quiets it (FLD does so
    // itself), so NaN selection (Table 4-7) sees it as an SNaN.
    return { sign, exp: MAX_EXP, sig: TOP | (frac << shift) };
  }
  if (e === 0) {
    if (frac === 0n) return zero(sign);
    const n = bitLength(frac);
    return { sign, exp: BIAS - bias - f.fracBits + n, sig: frac << BigInt(64 - n), denormalSource: true };
  }
  return { sign, exp: e - bias + BIAS, sig: TOP | (frac << shift) };
}

/** Rounds double extended to a single or double real (FST m32/m64); returns the bits. */
export function toReal(a: Ext, f: RealFormat): bigint {
  const fb = BigInt(f.fracBits);
  const eb = BigInt(f.expBits);
  const maxE = (1 << f.expBits) - 1;
  const bias = (1 << (f.expBits - 1)) - 1;
  const signBit = BigInt(a.sign) << (fb + eb);
  const pack = (e: number, frac: bigint): bigint => signBit | (BigInt(e) << fb) | frac;
  if (isUnsupported(a)) {
    invalid();
    return pack(maxE, 1n << (fb - 1n)) | (1n << (fb + eb));
  }
  if (isNaN(a)) {
    const q = propagateNaN(a, null);
    return pack(maxE, (q.sig & (TOP - 1n)) >> BigInt(63 - f.fracBits));
  }
  if (isInf(a)) return pack(maxE, 0n);
  if (isZero(a)) return pack(0, 0n);
  // No DE for a denormal source here (FST m32/m64 on the host CPUs raise none).
  const r = roundPack(a.sign, mant(a), lsbExp(a), false, f.fracBits + 1, bias, maxE, false);
  if (r.exp >= maxE) return pack(maxE, 0n);
  return pack(r.exp, r.sig & ((1n << fb) - 1n));
}

// --- Packed BCD (SDM Vol.1 4.7, Vol.2 FBLD/FBSTP) ------------------------------------------------

/** 10 bytes of packed BCD to double extended (digits above 9 give an undefined value; computed as binary-weighted). */
export function fromBcd(bytes: ArrayLike<number>): Ext {
  let v = 0n;
  for (let i = 8; i >= 0; i--) {
    v = v * 100n + BigInt(((bytes[i] >> 4) & 15) * 10 + (bytes[i] & 15));
  }
  const r = fromInt(v);
  if (bytes[9] & 0x80) r.sign = 1;
  return r;
}

/** FBSTP: rounds by RC and returns 10 bytes; the BCD indefinite with IE when out of range. */
export function toBcd(a: Ext): number[] {
  const saved = fenv.flags;
  const i = roundToInteger(a, fenv.rc, false);
  const limit = 10n ** 18n;
  if (i === null || i <= -limit || i >= limit) {
    fenv.flags = saved | IE;
    // SDM Vol.1 4.7 Table 4-4: the packed BCD integer indefinite.
    return [0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff];
  }
  let v = i < 0n ? -i : i;
  const out: number[] = [];
  for (let k = 0; k < 9; k++) {
    const lo = Number(v % 10n);
    v /= 10n;
    const hi = Number(v % 10n);
    v /= 10n;
    out.push((hi << 4) | lo);
  }
  out.push(a.sign ? 0x80 : 0);
  return out;
}

// --- FSCALE, FXTRACT, FPREM/FPREM1 -----------------------------------------------------------

/** FSCALE (SDM Vol.2): ST0 * 2^trunc(ST1). */
export function scale(a: Ext, b: Ext): Ext {
  if (isUnsupported(a) || isUnsupported(b)) return invalid();
  if (isNaN(a) || isNaN(b)) return nanOf(a, b);
  if (isDenormalOperand(a) || isDenormalOperand(b)) fenv.flags |= DE;
  if (isInf(b)) {
    if (b.sign === 0) {
      if (isZero(a)) return invalid();
      return infinity(a.sign);
    }
    if (isInf(a)) return invalid();
    return zero(a.sign);
  }
  if (isInf(a) || isZero(a)) return a;
  // Truncate ST1 toward zero; beyond the exponent range any larger scale behaves the same.
  let n: number;
  if (b.exp < BIAS) n = 0;
  else if (b.exp > BIAS + 30) n = b.sign ? -0x40000 : 0x40000;
  else {
    n = Number(b.sig >> BigInt(63 - (b.exp - BIAS)));
    if (b.sign) n = -n;
  }
  return roundExt(a.sign, mant(a), lsbExp(a) + n, false, 64);
}

/** FXTRACT: [exponent, significand] of ST0 (SDM Vol.2 FXTRACT). */
export function extract(a: Ext): [Ext, Ext] {
  if (isUnsupported(a)) {
    const i = invalid();
    return [i, i];
  }
  if (isNaN(a)) {
    const q = propagateNaN(a, null);
    return [q, q];
  }
  if (isInf(a)) return [infinity(0), a];
  if (isZero(a)) {
    fenv.flags |= ZE;
    return [infinity(1), a];
  }
  let e = a.exp,
    m = a.sig;
  if (e === 0) {
    fenv.flags |= DE;
    e = 1;
    while ((m & TOP) === 0n) {
      m <<= 1n;
      e--;
    }
  }
  return [fromInt(BigInt(e - BIAS)), { sign: a.sign, exp: BIAS, sig: m }];
}

/**
 * FPREM (truncating quotient) / FPREM1 (IEEE, nearest-even quotient): SDM Vol.2. Returns the
 * partial remainder and C0 C3 C1 (quotient bits Q2 Q1 Q0) and C2 (incomplete reduction).
 */
export function remainder(a: Ext, b: Ext, ieee: boolean): { r: Ext; c2: boolean; q: number } {
  const done = (r: Ext) => ({ r, c2: false, q: 0 });
  if (isUnsupported(a) || isUnsupported(b)) return done(invalid());
  if (isNaN(a) || isNaN(b)) return done(nanOf(a, b));
  if (isZero(b) || isInf(a)) return done(invalid());
  if (isDenormalOperand(a) || isDenormalOperand(b)) fenv.flags |= DE;
  // The dividend comes back unchanged, a pseudo-denormal in its normal encoding.
  // A denormal dividend goes through the rounding: a tiny result, so with UE unmasked it is
  // delivered with the exponent adjusted (SDM Vol.1 8.5.5), as the host CPUs do.
  if (isInf(b) && isDenormal(a)) return done(roundExt(a.sign, mant(a), lsbExp(a), false, 64));
  if (isZero(a) || isInf(b)) return done(a);
  const ma = mant(a),
    ea = lsbExp(a);
  const mb = mant(b),
    eb = lsbExp(b);
  const topA = ea + bitLength(ma),
    topB = eb + bitLength(mb);
  const d = topA - topB;
  if (d >= 64) {
    // Partial reduction (SDM Vol.2 FPREM: the exponent drops by 32..63): reduce by b * 2^(d-n).
    const n = (d & 31) | 32;
    const shift = d - n; // b scaled so the quotient is about n bits
    // Exact: a - q * b * 2^shift with q = trunc(a / (b * 2^shift)).
    const lo = Math.min(ea, eb + shift);
    const A = ma << BigInt(ea - lo);
    const B = mb << BigInt(eb + shift - lo);
    const q = A / B;
    const r = A - q * B;
    if (r === 0n) return { r: zero(a.sign), c2: true, q: 0 };
    return { r: roundExt(a.sign, r, lo, false, 64), c2: true, q: 0 };
  }
  const lo = Math.min(ea, eb);
  const A = ma << BigInt(ea - lo);
  const B = mb << BigInt(eb - lo);
  let q = A / B;
  let r = A - q * B;
  let sign = a.sign;
  if (ieee) {
    const twice = r << 1n;
    if (twice > B || (twice === B && (q & 1n) === 1n)) {
      q += 1n;
      r = B - r;
      sign ^= 1;
    }
  }
  const qbits = Number(q & 7n);
  if (r === 0n) return { r: zero(a.sign), c2: false, q: qbits };
  return { r: roundExt(sign, r, lo, false, 64), c2: false, q: qbits };
}

/** Exact value of a finite Ext as m * 2^e (for the transcendental code). */
export function exact(a: Ext): { m: bigint; e: number } {
  return { m: mant(a), e: lsbExp(a) };
}
