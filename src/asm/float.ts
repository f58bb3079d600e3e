// Floating-point constants (NASM manual 3.4.6): decimal `1.5`, `1e5`, `1.e10`, `2.5e-3`, hex
// and binary/octal with a binary exponent `0x1.8p1`, `0h1p-4`, `0b1.1p2`, `0o7.4p0`, `_`
// separators, and the special values __Infinity__, __QNaN__, __SNaN__ (also spelt
// __?Infinity?__ ...). Each is converted exactly (BigInt rationals), rounded to nearest even,
// to the IEEE 754 interchange format of the data width: db = 8-bit (1 sign, 4 exponent,
// 3 fraction bits, bias 7), dw = binary16, dd = binary32, dq = binary64, dt = x87 80-bit
// extended (explicit integer bit). Out-of-range values become infinity with a warning, tiny
// values become denormals or zero, as NASM does.

export interface FloatFormat {
  expBits: number;
  /** Fraction bits (not counting the integer bit). */
  fracBits: number;
  /** The integer bit is stored (x87 extended). */
  explicitInt: boolean;
  bytes: number;
}

export const FLOAT_FORMATS: Record<number, FloatFormat> = {
  1: { expBits: 4, fracBits: 3, explicitInt: false, bytes: 1 },
  2: { expBits: 5, fracBits: 10, explicitInt: false, bytes: 2 },
  4: { expBits: 8, fracBits: 23, explicitInt: false, bytes: 4 },
  8: { expBits: 11, fracBits: 52, explicitInt: false, bytes: 8 },
  10: { expBits: 15, fracBits: 63, explicitInt: true, bytes: 10 },
};

const SPECIALS = new Map<string, 'inf' | 'qnan' | 'snan'>([
  ['__infinity__', 'inf'],
  ['__?infinity?__', 'inf'],
  ['__qnan__', 'qnan'],
  ['__?qnan?__', 'qnan'],
  ['__nan__', 'qnan'],
  ['__?nan?__', 'qnan'],
  ['__snan__', 'snan'],
  ['__?snan?__', 'snan'],
]);

export function isFloatSpecial(name: string): boolean {
  return SPECIALS.has(name.toLowerCase());
}

/** The form of a floating-point literal (lexer): true when `text` is one. */
export function isFloatLiteral(text: string): boolean {
  return parseFloatLiteral(text) !== undefined;
}

interface Rational {
  num: bigint;
  den: bigint;
}

/** An exponent beyond this is infinity or zero in every format (x87 extended reaches 2^16384). */
const EXP_CAP = 20000;

function parseFloatLiteral(text: string): Rational | undefined {
  const t = text.replace(/_/g, '').toLowerCase();
  let m = /^(0[xh]|\$)([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?[0-9]+))?$/.exec(t);
  let bitsPerDigit = 4;
  if (!m) {
    m = /^(0[by])([01]*)(?:\.([01]*))?(?:p([+-]?[0-9]+))?$/.exec(t);
    bitsPerDigit = 1;
  }
  if (!m) {
    m = /^(0[oq])([0-7]*)(?:\.([0-7]*))?(?:p([+-]?[0-9]+))?$/.exec(t);
    bitsPerDigit = 3;
  }
  if (m) {
    const [, , int, frac, exp] = m;
    if (frac === undefined && exp === undefined) return undefined;
    if ((int + (frac ?? '')).length === 0) return undefined;
    const radix = 1 << bitsPerDigit;
    let num = 0n;
    for (const d of int + (frac ?? '')) num = num * BigInt(radix) + BigInt(parseInt(d, radix));
    const e = clampExp(exp === undefined ? 0 : parseInt(exp, 10)) - (frac ?? '').length * bitsPerDigit;
    return e >= 0 ? { num: num << BigInt(e), den: 1n } : { num, den: 1n << BigInt(-e) };
  }
  const d = /^(?:0[dt])?([0-9]+)(?:\.([0-9]*))?(?:e([+-]?[0-9]*))?$/.exec(t);
  if (!d) return undefined;
  const [, int, frac, exp] = d;
  if (frac === undefined && exp === undefined) return undefined;
  const digits = int + (frac ?? '');
  const e =
    clampExp(exp === undefined || exp === '' || exp === '+' || exp === '-' ? 0 : parseInt(exp, 10)) -
    (frac ?? '').length;
  const num = BigInt(digits);
  return e >= 0 ? { num: num * 10n ** BigInt(e), den: 1n } : { num, den: 10n ** BigInt(-e) };
}

function clampExp(e: number): number {
  return Math.max(-EXP_CAP, Math.min(EXP_CAP, e));
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

export interface EncodedFloat {
  bytes: number[];
  overflow: boolean;
}

/*
 * NASM's conversion, reproduced so that every constant encodes to NASM's bytes: the value
 * is first held as a 192-bit mantissa M (top bit set) and a binary exponent E, value =
 * M / 2^192 * 2^E, then rounded to nearest even at the format's width. A decimal constant
 * keeps at most 52 significant digits; their fraction is truncated to 192 bits and scaled by
 * 5^tenpwr through square-and-multiply on truncated 192-bit products, so a decimal constant
 * halfway between two floats can round down where an exact conversion rounds to even
 * (dd 16777219.0 = 0x4B800001). Binary-radix constants are exact (truncated at 192 bits).
 */
const MANT_BITS = 192;
const MANT_MASK = (1n << 192n) - 1n;
const TOP = 1n << 191n;

interface Mantissa {
  m: bigint;
  e: number;
}

/** NASM's truncating product of two 192-bit fractions in [0.5, 1): the product and its exponent adjustment. */
function mulTrunc(a: bigint, b: bigint): [bigint, number] {
  const p = a * b;
  if (p >> 383n) return [p >> 192n, 0];
  return [(p >> 191n) & MANT_MASK, -1];
}

const MULT_FIVE = 5n << 189n; // 0.101b: 5 = 0.625 * 2^3
const MULT_FIFTH = (() => {
  let v = 0n;
  for (let i = 0; i < 6; i++) v = (v << 32n) | 0xccccccccn;
  return v + 1n; // 0.2 = 0.8 * 2^-2, last limb rounded up
})();

function decimalMantissa(text: string): Mantissa {
  let t = text.toLowerCase().replace(/_/g, '');
  if (t.startsWith('0d') || t.startsWith('0t')) t = t.slice(2);
  const ePos = t.indexOf('e');
  const sig = ePos < 0 ? t : t.slice(0, ePos);
  const expText = ePos < 0 ? '' : t.slice(ePos + 1);
  const digits: number[] = [];
  let tenpwr = 0;
  let started = false;
  let seenDot = false;
  for (const ch of sig) {
    if (ch === '.') {
      seenDot = true;
      continue;
    }
    const d = ch.charCodeAt(0) - 48;
    if (d === 0 && !started) {
      if (seenDot) tenpwr--;
    } else {
      started = true;
      if (digits.length < 52) digits.push(d);
      if (!seenDot) tenpwr++;
    }
  }
  if (ePos >= 0) {
    let e = 0;
    const neg = expText.startsWith('-');
    for (const ch of expText.replace(/^[+-]/, '')) e = Math.min(e * 10 + (ch.charCodeAt(0) - 48), 5000);
    tenpwr += neg ? -e : e;
  }
  while (digits.length > 0 && digits[digits.length - 1] === 0) digits.pop();
  if (digits.length === 0) return { m: 0n, e: 0 };
  // 0.digits in binary: the first 192 bits from the first 1 bit, truncated.
  const num = BigInt(digits.join(''));
  const den = 10n ** BigInt(digits.length);
  let z = 0;
  while (num << BigInt(z + 1) < den) z++;
  let m = (num << BigInt(MANT_BITS + z)) / den;
  let twopwr = -z + tenpwr;
  let mult: bigint;
  let extratwos: number;
  let p = tenpwr;
  if (p < 0) {
    mult = MULT_FIFTH;
    extratwos = -2;
    p = -p;
  } else if (p > 0) {
    mult = MULT_FIVE;
    extratwos = 3;
  } else {
    mult = 0n;
    extratwos = 0;
  }
  while (p) {
    if (p & 1) {
      const [r, adj] = mulTrunc(m, mult);
      m = r;
      twopwr += extratwos + adj;
    }
    const [sq, adj] = mulTrunc(mult, mult);
    mult = sq;
    extratwos = extratwos * 2 + adj;
    p >>= 1;
  }
  return { m, e: twopwr };
}

function binaryMantissa(r: Rational): Mantissa {
  if (r.num === 0n) return { m: 0n, e: 0 };
  // value in [2^(e-1), 2^e): M = floor(value * 2^(192 - e))
  let e = bitLength(r.num) - bitLength(r.den) + 1;
  const fits = (k: number): boolean => (k >= 0 ? r.num < r.den << BigInt(k) : r.num << BigInt(-k) < r.den);
  while (!fits(e)) e++;
  while (fits(e - 1)) e--;
  const s = MANT_BITS - e;
  const m = s >= 0 ? (r.num << BigInt(s)) / r.den : r.num / (r.den << BigInt(-s));
  return { m, e };
}

/** Round the 192-bit mantissa to its top `bits` bits, to nearest even; NASM's ieee_round. */
function roundAt(m: bigint, bits: number): bigint {
  const s = BigInt(MANT_BITS - bits);
  const roundBit = 1n << (s - 1n);
  const kept = (m >> s) << s;
  if (!(m & roundBit)) return kept;
  const sticky = m & (roundBit - 1n);
  if (sticky || (m >> s) & 1n) return (kept + (1n << s)) & MANT_MASK;
  return kept;
}

/** Big-endian bit `i` (0 = most significant) of the 192-bit mantissa. */
function bitAt(i: number): bigint {
  return 1n << BigInt(MANT_BITS - 1 - i);
}

/**
 * Encodes a literal (or special name), negated when `negative`, in the format of `width`
 * bytes; undefined when `text` is not a floating-point constant.
 */
export function encodeFloat(text: string, negative: boolean, width: number): EncodedFloat | undefined {
  const f = FLOAT_FORMATS[width];
  if (!f) return undefined;
  const explicit = f.explicitInt ? 1 : 0;
  const expmax = 1 << (f.expBits - 1);
  const bits = f.bytes * 8;
  const special = SPECIALS.get(text.toLowerCase());
  let overflow = false;
  let type: 'zero' | 'denormal' | 'normal' | 'inf' | 'qnan' | 'snan';
  let m = 0n;
  let exponent = 0;
  if (special) type = special;
  else {
    const r = parseFloatLiteral(text);
    if (!r) return undefined;
    const t = text.toLowerCase();
    const mant = /^(0[xhboqy]|\$)/.test(t) ? binaryMantissa(r) : decimalMantissa(text);
    m = mant.m;
    exponent = mant.e;
    if (m & TOP) {
      exponent--;
      if (exponent >= 2 - expmax && exponent <= expmax) type = 'normal';
      else if (exponent > 0) {
        overflow = true;
        type = 'inf';
      } else type = 'denormal';
    } else type = 'zero';
  }
  const onePos = f.expBits + explicit;
  if (type === 'denormal') {
    const shift = -(exponent + expmax - 2 - f.expBits) + explicit;
    m = shift >= MANT_BITS ? 0n : m >> BigInt(shift);
    m = roundAt(m, bits);
    if (m & bitAt(onePos)) {
      if (!explicit) m &= ~bitAt(onePos);
      m |= 1n << BigInt(MANT_BITS - 1 - f.expBits);
    } else if (m === 0n) type = 'zero';
  } else if (type === 'normal') {
    exponent += expmax - 1;
    m >>= BigInt(onePos);
    m = roundAt(m, bits);
    if (m & bitAt(onePos - 1)) {
      m >>= 1n;
      exponent++;
      if (exponent >= (expmax << 1) - 1) {
        overflow = true;
        type = 'inf';
      }
    }
    if (type === 'normal') {
      if (!explicit) m &= ~bitAt(onePos);
      m |= BigInt(exponent) << BigInt(MANT_BITS - 1 - f.expBits);
    }
  }
  if (type === 'zero') m = 0n;
  if (type === 'inf' || type === 'qnan' || type === 'snan') {
    m = BigInt((1 << f.expBits) - 1) << BigInt(MANT_BITS - 1 - f.expBits);
    if (explicit) m |= bitAt(onePos);
    if (type === 'qnan') m |= bitAt(onePos + 1);
    else if (type === 'snan') m |= bitAt(onePos + f.fracBits);
  }
  if (negative) m |= TOP;
  const bytes: number[] = [];
  for (let i = 0; i < f.bytes; i++) bytes.push(Number((m >> BigInt(MANT_BITS - 8 * (i + 1))) & 0xffn));
  bytes.reverse();
  return { bytes, overflow };
}

/**
 * NASM's __floatNN__() functions (manual 3.4.6): the integer made of the encoded bytes:
 * 8, 16, 32, 64 = the whole value; 80m / 80e = the 64-bit mantissa / the 16-bit sign and
 * exponent of the extended format. Undefined for an unknown function name.
 */
export function floatFunction(
  name: string,
  text: string,
  negative: boolean,
): { value: bigint; overflow: boolean } | undefined {
  const m = /^__\??float(8|16|32|64|80m|80e)\??__$/i.exec(name);
  if (!m) return undefined;
  const kind = m[1].toLowerCase();
  const width = kind === '80m' || kind === '80e' ? 10 : Number(kind) / 8;
  const enc = encodeFloat(text, negative, width);
  if (!enc) return undefined;
  let bytes = enc.bytes;
  if (kind === '80m') bytes = bytes.slice(0, 8);
  else if (kind === '80e') bytes = bytes.slice(8);
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return { value: v, overflow: enc.overflow };
}

export function isFloatFunction(name: string): boolean {
  return /^__\??float(8|16|32|64|80m|80e)\??__$/i.test(name);
}
