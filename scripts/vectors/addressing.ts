// ModRM/SIB memory operands for the generator: picks an addressing form, a target address
// inside a window, and register values and a displacement that produce exactly that address
// (SDM Vol.2 2.1.5, Tables 2-1 and 2-2 for 16- and 32-bit addressing).

import { generalRegisterNames } from '../../src/isa/mnemonics';
import { DATA16_WINDOW, DATA32_WINDOW, WINDOW_SIZE } from './layout';
import type { Random } from './random';

export const REG32 = generalRegisterNames(32);
export const REG16 = generalRegisterNames(16);
export const REG8 = generalRegisterNames(8);

export interface MemoryOperand {
  mod: number;
  rm: number;
  /** SIB byte and displacement bytes that follow the ModRM byte. */
  tail: number[];
  /** NASM text without the size keyword, e.g. `[ebx+esi*4+0x10]`. */
  text: string;
  /** Effective address (offset in the flat segment). */
  address: number;
  /** Register values the form needs: [register index, value, width of the value]. */
  assignments: [number, number, 16 | 32][];
}

export interface MemoryRequest {
  addressSize: 16 | 32;
  /** Bytes the instruction accesses from the effective address on. */
  accessBytes: number;
  /** Offset range inside the window for the effective address (default: whole window). */
  minOffset?: number;
  maxOffset?: number;
  /** Registers that must not take part in the address. */
  avoid: ReadonlySet<number>;
}

function le(value: number, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push((value >>> (8 * i)) & 0xff);
  return out;
}

function signedHex(value: number): string {
  return value < 0 ? `-0x${(-value).toString(16)}` : `+0x${value.toString(16)}`;
}

/** Multiplicative inverse of an odd number modulo 2^32. */
function inverseOdd(a: number): number {
  let x = a >>> 0; // Newton iteration: correct to 3 bits, doubles each step
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x)) >>> 0;
  return x >>> 0;
}

function targetOffset(rng: Random, req: MemoryRequest): number {
  const lo = req.minOffset ?? 0;
  const hi = Math.min(req.maxOffset ?? WINDOW_SIZE - req.accessBytes, WINDOW_SIZE - req.accessBytes);
  return rng.between(lo, hi);
}

export function memoryOperand(rng: Random, req: MemoryRequest): MemoryOperand {
  return req.addressSize === 32 ? memory32(rng, req) : memory16(rng, req);
}

function memory32(rng: Random, req: MemoryRequest): MemoryOperand {
  const free = [0, 1, 2, 3, 4, 5, 6, 7].filter((r) => !req.avoid.has(r));
  for (;;) {
    const address = (DATA32_WINDOW + targetOffset(rng, req)) >>> 0;
    const mod = rng.pick([0, 0, 1, 2]);
    const useSib = rng.chance(0.45);
    let base: number | null;
    let index: number | null = null;
    let scale = 0;
    let dispBytes = mod === 1 ? 1 : mod === 2 ? 4 : 0;
    let rm: number;
    let sib: number | null = null;
    if (useSib) {
      rm = 4;
      base = rng.pick([0, 1, 2, 3, 4, 5, 6, 7]);
      const indexField = rng.pick([0, 1, 2, 3, 4, 5, 6, 7]);
      scale = rng.below(4);
      if (mod === 0 && base === 5) {
        base = null;
        dispBytes = 4;
      }
      index = indexField === 4 ? null : indexField;
      sib = (scale << 6) | (indexField << 3) | (base === null ? 5 : base);
    } else {
      rm = rng.pick([0, 1, 2, 3, 5, 6, 7]);
      base = rm;
      if (mod === 0 && rm === 5) {
        base = null;
        dispBytes = 4;
      }
    }
    if ((base !== null && !free.includes(base)) || (index !== null && !free.includes(index))) continue;

    let disp = 0;
    if (dispBytes === 1) disp = rng.between(-128, 127);
    else if (dispBytes === 4) disp = rng.chance(0.5) ? rng.between(-0x100, 0x100) : rng.u32() | 0;
    const factor = 1 << scale;
    const assignments: [number, number, 16 | 32][] = [];
    if (base === null && index === null) {
      disp = address | 0;
    } else if (base === null && index !== null) {
      const v = rng.u32();
      disp = (address - Math.imul(v, factor)) | 0;
      assignments.push([index, v, 32]);
    } else if (base !== null && index === null) {
      assignments.push([base, (address - disp) >>> 0, 32]);
    } else if (base === index) {
      const k = 1 + factor;
      let rest = (address - disp) >>> 0;
      if (k % 2 === 0) {
        if (rest % 2 !== 0) {
          if (dispBytes === 0) continue;
          disp = disp === 127 ? disp - 1 : disp + 1;
          rest = (address - disp) >>> 0;
        }
        const half = rest >>> 1;
        assignments.push([base!, (rng.chance(0.5) ? half : half + 0x80000000) >>> 0, 32]);
      } else {
        assignments.push([base!, Math.imul(rest, inverseOdd(k)) >>> 0, 32]);
      }
    } else {
      const v = rng.u32();
      assignments.push([index!, v, 32]);
      assignments.push([base!, (address - disp - Math.imul(v, factor)) >>> 0, 32]);
    }
    const parts: string[] = [];
    if (base !== null) parts.push(REG32[base]);
    if (index !== null) parts.push(`${REG32[index]}*${factor}`);
    let text = parts.join('+');
    if (dispBytes > 0 || parts.length === 0) {
      text = parts.length === 0 ? `0x${(disp >>> 0).toString(16)}` : text + signedHex(disp);
    }
    const tail = [...(sib === null ? [] : [sib]), ...le(disp, dispBytes)];
    return { mod, rm, tail, text: `[${text}]`, address, assignments };
  }
}

/** 16-bit r/m encodings: [base register, index register] (SDM Vol.2 Table 2-1). */
const RM16: [number | null, number | null][] = [
  [3, 6],
  [3, 7],
  [5, 6],
  [5, 7],
  [6, null],
  [7, null],
  [5, null],
  [3, null],
];

function memory16(rng: Random, req: MemoryRequest): MemoryOperand {
  for (;;) {
    const address = (DATA16_WINDOW + targetOffset(rng, req)) & 0xffff;
    const mod = rng.pick([0, 0, 1, 2]);
    const rm = rng.below(8);
    if (mod === 0 && rm === 6) {
      return { mod, rm, tail: le(address, 2), text: `[word 0x${address.toString(16)}]`, address, assignments: [] };
    }
    const [base, index] = RM16[rm];
    if ((base !== null && req.avoid.has(base)) || (index !== null && req.avoid.has(index))) continue;
    const dispBytes = mod === 1 ? 1 : mod === 2 ? 2 : 0;
    const disp = dispBytes === 1 ? rng.between(-128, 127) : dispBytes === 2 ? rng.below(0x10000) : 0;
    const assignments: [number, number, 16 | 32][] = [];
    let rest = (address - disp) & 0xffff;
    if (index !== null) {
      const v = rng.below(0x10000);
      assignments.push([index, v, 16]);
      rest = (rest - v) & 0xffff;
    }
    assignments.push([base!, rest, 16]);
    const parts = [REG16[base!], ...(index !== null ? [REG16[index]] : [])];
    let text = parts.join('+');
    if (dispBytes === 1) text += signedHex(disp);
    if (dispBytes === 2) text += `+0x${disp.toString(16)}`;
    return { mod, rm, tail: le(disp, dispBytes), text: `[${text}]`, address, assignments };
  }
}

/**
 * `[esp]` or `[esp+disp8]` (SIB base ESP, no index) for instructions that also move ESP.
 * `adjust` is added to ESP before the address is formed: POP computes the address after
 * incrementing ESP (SDM Vol.2 POP), so it passes the operand size.
 */
export function stackRelativeOperand(rng: Random, esp: number, adjust: number): MemoryOperand {
  const mod = rng.pick([0, 1]);
  const disp = mod === 1 ? rng.pick([-8, -4, -2, 0, 2, 4, 8]) : 0;
  const text = mod === 1 ? `[esp${signedHex(disp)}]` : '[esp]';
  const tail = [0x24, ...(mod === 1 ? [disp & 0xff] : [])];
  return { mod, rm: 4, tail, text, address: (esp + adjust + disp) >>> 0, assignments: [] };
}
