// MUL, IMUL (one operand), DIV and IDIV inside a compiled region (emit.ts emitInstruction), with
// the formulas and flags of their handlers (exec/muldiv.ts): MUL/IMUL set CF = OF = "the upper
// half is significant" and leave SF ZF PF lazy on the low half with AF clear (SDM Vol.2 MUL,
// IMUL: SF ZF AF PF undefined); DIV/IDIV change the flags as exec/muldiv.ts divideFlags does for
// the CPU model (Emitter.divideFlags), and raise #DE (SDM Vol.2 DIV, IDIV: a zero divisor or a
// quotient too large for its destination) through the region's fault exit, with every local
// as it was before the instruction and EIP on it, like a faulting memory access.
//
// 32x32 -> 64-bit products and 64/32-bit divisions use doubles on 16-bit pieces, all exact
// (every intermediate stays below 2^53; floor(x / d) of integers below 2^53 is exact):
// - product: a * b = p0 + p1 * 2^16 with p0 = a * lo16(b), p1 = a * hi16(b) (both < 2^48), so
//   its high half is floor(p1 / 2^16) + floor((p0 + (p1 mod 2^16) * 2^16) / 2^32);
// - quotient (high half below the divisor, so it fits 32 bits): long division by 16-bit digits,
//   x1 = high * 2^16 + hi16(low) (< d * 2^16), then x0 = (x1 mod d) * 2^16 + lo16(low).
// The signed forms take the unsigned ones with the two's-complement corrections (product) or
// on magnitudes (quotient truncated toward zero, remainder with the dividend's sign).

import type { Instr } from '../instr';
import { Vector } from '../exceptions';
import { AF, LazyOp, PF, SF, ZF, CF, OF } from '../flags';
import { type Emitter, OCA, SZP, operand, sizeOf } from './emit';

/** The flags a completed DIV/IDIV clears and sets under 'later' undefined flags (muldiv.ts). */
const DIVIDE_CLEARED = SF | ZF | PF | AF;

function multiply(e: Emitter, size: number, signed: boolean, b: string): void {
  const r = e.name('r');
  let overflow: string;
  let low: string;
  if (size === 8) {
    e.line(
      signed ? `const ${r} = ((r0 << 24) >> 24) * ((${b} << 24) >> 24);` : `const ${r} = (r0 & 255) * (${b} & 255);`,
    );
    e.line(`r0 = (r0 & -65536) | (${r} & 65535);`);
    overflow = signed ? `${r} !== (${r} << 24) >> 24` : `${r} > 255`;
    low = r;
  } else if (size === 16) {
    // Unsigned, the product reaches 2^32 - 2^17 + 1: `>>> 16` and `| 0` take its bits.
    e.line(
      signed
        ? `const ${r} = ((r0 << 16) >> 16) * ((${b} << 16) >> 16);`
        : `const ${r} = (r0 & 65535) * (${b} & 65535);`,
    );
    e.line(`r0 = (r0 & -65536) | (${r} & 65535); r2 = (r2 & -65536) | ((${r} ${signed ? '>>' : '>>>'} 16) & 65535);`);
    overflow = signed ? `${r} !== (${r} << 16) >> 16` : `${r} > 65535`;
    low = signed ? r : `(${r} | 0)`;
  } else {
    const ua = e.name('u'),
      p0 = e.name('p'),
      p1 = e.name('p'),
      ph = e.name('p'),
      hi = e.name('h');
    e.line(`const ${ua} = r0 >>> 0, ${p0} = ${ua} * (${b} & 65535), ${p1} = ${ua} * (${b} >>> 16);`);
    e.line(`const ${ph} = Math.floor(${p1} / 65536);`);
    const high = `(${ph} + Math.floor((${p0} + (${p1} - ${ph} * 65536) * 65536) / 4294967296))`;
    // Signed: minus b when a < 0 and a when b < 0 (mod 2^32), as muldiv.imul1.
    e.line(
      signed
        ? `const ${hi} = (${high} - (r0 < 0 ? ${b} : 0) - (${b} < 0 ? r0 : 0)) | 0;`
        : `const ${hi} = ${high} | 0;`,
    );
    e.line(`const ${r} = Math.imul(r0, ${b});`);
    e.line(`r0 = ${r}; r2 = ${hi};`);
    overflow = signed ? `${hi} !== (${r} >> 31)` : `${hi} !== 0`;
    low = r;
  }
  if (!e.dead) e.line(`fl = (fl & ${~OCA}) | (${overflow} ? ${CF | OF} : 0);`);
  e.lazy(LazyOp.LOGIC, null, null, low, size, SZP);
}

/**
 * Unsigned 64/32 division of hi:lo (uint32 values, hi < d) by d into new locals q and m
 * (quotient and remainder, uint32 as doubles).
 */
function divide64(e: Emitter, hi: string, lo: string, d: string): { q: string; m: string } {
  const q = e.name('q'),
    m = e.name('m');
  e.line(`let ${q} = 0, ${m} = 0;`);
  e.line(`if (${hi} === 0) { ${q} = Math.floor(${lo} / ${d}); ${m} = ${lo} - ${q} * ${d}; } else {`);
  e.line(`const x1 = ${hi} * 65536 + (${lo} >>> 16), q1 = Math.floor(x1 / ${d});`);
  e.line(`const x0 = (x1 - q1 * ${d}) * 65536 + (${lo} & 65535), q0 = Math.floor(x0 / ${d});`);
  e.line(`${q} = q1 * 65536 + q0; ${m} = x0 - q0 * ${d}; }`);
  return { q, m };
}

function division(e: Emitter, size: number, signed: boolean, b: string): void {
  const de = `{ S.raise(cpu, ${Vector.DE}); ${e.faultExit} }`;
  const q = e.name('q'),
    m = e.name('m'),
    x = e.name('x'),
    d = e.name('d');
  if (size === 8 || size === 16) {
    const mask = size === 8 ? 255 : 65535;
    const limit = size === 8 ? 255 : 65535;
    if (size === 8) {
      e.line(
        `const ${x} = ${signed ? '(r0 << 16) >> 16' : 'r0 & 65535'}, ${d} = ${signed ? `(${b} << 24) >> 24` : `${b} & 255`};`,
      );
    } else {
      e.line(
        `const ${x} = ${signed ? '((r2 & 65535) << 16) | (r0 & 65535)' : '(((r2 & 65535) << 16) | (r0 & 65535)) >>> 0'}, ${d} = ${signed ? `(${b} << 16) >> 16` : `${b} & 65535`};`,
      );
    }
    e.line(`if (${d} === 0) ${de}`);
    e.line(`const ${q} = ${signed ? 'Math.trunc' : 'Math.floor'}(${x} / ${d});`);
    const half = (limit + 1) / 2;
    e.line(`if (${signed ? `${q} > ${half - 1} || ${q} < ${-half}` : `${q} > ${limit}`}) ${de}`);
    e.line(`const ${m} = ${x} % ${d};`);
    if (size === 8) e.line(`r0 = (r0 & -65536) | ((${m} & 255) << 8) | (${q} & 255);`);
    else e.line(`r0 = (r0 & -65536) | (${q} & ${mask}); r2 = (r2 & -65536) | (${m} & ${mask});`);
  } else if (!signed) {
    const hi = e.name('h'),
      lo = e.name('l');
    e.line(`const ${d} = ${b} >>> 0, ${hi} = r2 >>> 0, ${lo} = r0 >>> 0;`);
    // The quotient fits 32 bits exactly when the high half is below the divisor (a zero
    // divisor included).
    e.line(`if (${hi} >= ${d}) ${de}`);
    const r = divide64(e, hi, lo, d);
    e.line(`r0 = ${r.q} | 0; r2 = ${r.m} | 0;`);
  } else {
    // Magnitudes: |EDX:EAX| as hi:lo, |divisor| as d (2^31 at most).
    const hi = e.name('h'),
      lo = e.name('l'),
      neg = e.name('n');
    e.line(`if ((${b} | 0) === 0) ${de}`);
    e.line(`const ${neg} = r2 < 0, ${d} = Math.abs(${b} | 0);`);
    e.line(
      `const ${lo} = ${neg} ? (0 - r0) >>> 0 : r0 >>> 0, ${hi} = ${neg} ? (~r2 + (r0 === 0 ? 1 : 0)) >>> 0 : r2 >>> 0;`,
    );
    e.line(`if (${hi} >= ${d}) ${de}`);
    const r = divide64(e, hi, lo, d);
    e.line(`const ${q} = ${neg} !== (${b} | 0) < 0 ? -${r.q} : ${r.q};`);
    e.line(`if (${q} > 2147483647 || ${q} < -2147483648) ${de}`);
    e.line(`r0 = ${q} | 0; r2 = (${neg} ? -${r.m} : ${r.m}) | 0;`);
  }
  if (e.divideFlags && !e.dead) {
    e.line(`fl = (fl & ${~DIVIDE_CLEARED}) | ${AF}; lzFlags &= ${~DIVIDE_CLEARED};`);
    if (e.known !== null) e.known = { ...e.known, mask: e.known.mask & ~DIVIDE_CLEARED };
  }
}

/** MUL, IMUL r/m (one operand), DIV, IDIV: AL/AX/EAX (and AH/DX/EDX) with r/m 8, 16 or 32. */
export function mulDiv(e: Emitter, ins: Instr, exec: string): boolean {
  const kind = ins.form!.operands[0];
  const s = operand(kind, ins);
  if (s === null) return false;
  const size = sizeOf(kind, ins.opsize);
  const b = e.name('b');
  // The operand is read first: a fault there leaves every local as it was.
  e.line(`const ${b} = ${s.read(e)};`);
  if (exec === 'mul' || exec === 'imul1') multiply(e, size, exec === 'imul1', b);
  else division(e, size, exec === 'idiv', b);
  return true;
}
