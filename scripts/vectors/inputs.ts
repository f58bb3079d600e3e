// The input state of one case while it is built (registers, EFLAGS, the three memory
// windows) and the instruction-specific input choices: dividends that do or do not overflow,
// string pointers and counts, shift counts.

import {
  DATA16_WINDOW,
  DATA32_WINDOW,
  EFLAGS_FIXED,
  STACK_TOP,
  STACK_WINDOW,
  WINDOW_SIZE,
  type WindowName,
} from './layout';
import type { MemoryOperand } from './addressing';
import { Random, edgeValue, registerValue, widthMask } from './random';

export function le(value: number, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push((value >>> (8 * i)) & 0xff);
  return out;
}

/** Mutable state of one case while it is being built. */
export class CaseBuilder {
  regs: number[] = [];
  eflags = EFLAGS_FIXED;
  windows: Record<WindowName, Uint8Array>;
  used = new Set<WindowName>();
  prefixes: number[] = [];
  prefixText: string[] = [];
  lock = false;
  segment: number | null = null;
  body: number[] = [];
  memory: MemoryOperand | null = null;

  constructor(
    rng: Random,
    opsize: 16 | 32,
    readonly asize: 16 | 32,
  ) {
    for (let i = 0; i < 8; i++) this.regs.push(registerValue(rng, rng.pick([8, 16, 32, opsize])));
    this.regs[4] = STACK_TOP;
    this.eflags = (rng.u32() & 0x08d5) | (rng.chance(0.3) ? 0x400 : 0) | EFLAGS_FIXED;
    this.windows = { data32: windowBytes(rng), data16: windowBytes(rng), stack: windowBytes(rng) };
  }

  setReg(index: number, value: number, width: number): void {
    if (width === 8) {
      const shift = index >= 4 ? 8 : 0;
      const r = index & 3;
      this.regs[r] = ((this.regs[r] & ~(0xff << shift)) | ((value & 0xff) << shift)) >>> 0;
    } else if (width === 16) {
      this.regs[index] = ((this.regs[index] & 0xffff0000) | (value & 0xffff)) >>> 0;
    } else {
      this.regs[index] = value >>> 0;
    }
  }

  getReg(index: number, width: number): number {
    if (width === 8) return (this.regs[index & 3] >>> (index >= 4 ? 8 : 0)) & 0xff;
    return (this.regs[index] & widthMask(width)) >>> 0;
  }

  /** Writes little-endian bytes at a linear address inside a window. */
  poke(address: number, bytes: number[]): void {
    for (const [name, base] of [
      ['data32', DATA32_WINDOW],
      ['data16', DATA16_WINDOW],
      ['stack', STACK_WINDOW],
    ] as const) {
      if (address >= base && address + bytes.length <= base + WINDOW_SIZE) {
        this.windows[name].set(bytes, address - base);
        return;
      }
    }
    throw new Error(`generator bug: poke outside the windows at 0x${address.toString(16)}`);
  }

  useMemory(m: MemoryOperand): void {
    this.memory = m;
    this.used.add(this.asize === 16 ? 'data16' : 'data32');
    for (const [reg, value, width] of m.assignments) this.setReg(reg, value, width);
  }
}

export function windowBytes(rng: Random): Uint8Array {
  const bytes = rng.bytes(WINDOW_SIZE);
  if (rng.chance(0.3)) {
    // runs of equal bytes make REPE/REPNE compares and scans go further
    const fill = rng.pick([0x00, 0xff, 0x80, 0x7f, rng.below(256)]);
    const from = rng.below(WINDOW_SIZE);
    bytes.fill(fill, from, Math.min(WINDOW_SIZE, from + rng.between(4, 40)));
  }
  return bytes;
}

export function readWindow(b: CaseBuilder, address: number, bytes: number): number {
  for (const [name, base] of [
    ['data32', DATA32_WINDOW],
    ['data16', DATA16_WINDOW],
    ['stack', STACK_WINDOW],
  ] as const) {
    if (address >= base && address + bytes <= base + WINDOW_SIZE) {
      let value = 0;
      for (let i = Math.min(bytes, 4) - 1; i >= 0; i--)
        value = (value * 256 + b.windows[name][address - base + i]) >>> 0;
      return value;
    }
  }
  throw new Error('generator bug: read outside the windows');
}

export function stackWrite(b: CaseBuilder, offset: number, value: number, opsize: 16 | 32): void {
  b.poke(b.regs[4] + offset, le(value, opsize / 8));
}

export function shiftCount(rng: Random): number {
  return rng.pick([0, 1, 1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 63, 64, 255, rng.below(256)]);
}

export function divideInputs(
  b: CaseBuilder,
  rng: Random,
  signed: boolean,
  width: number,
  write: (v: number) => void,
): void {
  const mode = rng.below(10);
  let divisor: bigint;
  if (mode === 0) divisor = 0n;
  else divisor = BigInt(rng.chance(0.5) ? edgeValue(rng, width) : rng.u32() & widthMask(width)) || 1n;
  const bits = BigInt(width);
  const wrap = 1n << bits;
  write(Number(divisor));
  const sdivisor = signed && divisor >= wrap / 2n ? divisor - wrap : divisor;
  let dividend: bigint;
  if (mode === 1) {
    dividend = (BigInt(rng.u32()) * BigInt(rng.u32())) % (wrap * wrap); // usually overflows
  } else if (mode === 2 && signed) {
    dividend = -(1n << (2n * bits - 1n)); // most negative dividend, often with divisor -1
    if (rng.chance(0.5)) write(Number(wrap - 1n));
  } else {
    const qmax = signed ? wrap / 2n : wrap;
    let q = BigInt(rng.u32()) % qmax;
    if (signed && rng.chance(0.5)) q = -q;
    const absd = sdivisor < 0n ? -sdivisor : sdivisor;
    let r = absd === 0n ? 0n : BigInt(rng.u32()) % absd;
    const product = q * sdivisor;
    if (signed && product < 0n) r = -r;
    dividend = product + r;
  }
  const total = 2n * bits;
  const unsignedDividend = ((dividend % (1n << total)) + (1n << total)) % (1n << total);
  const low = Number(unsignedDividend & (wrap - 1n));
  const high = Number(unsignedDividend >> bits);
  if (width === 8) b.setReg(0, (high << 8) | low, 16);
  else {
    b.setReg(0, low, width);
    b.setReg(2, high, width);
  }
}

export function stringInputs(b: CaseBuilder, rng: Random, asize: 16 | 32): void {
  const window = asize === 32 ? DATA32_WINDOW : DATA16_WINDOW;
  b.used.add(asize === 32 ? 'data32' : 'data16');
  const si = window + rng.between(20, 43);
  const di = window + rng.between(20, 43);
  const cx = rng.pick([0, 1, 2, 3, 4]);
  if (asize === 32) {
    b.regs[6] = si >>> 0;
    b.regs[7] = di >>> 0;
    b.regs[1] = cx;
  } else {
    b.setReg(6, si, 16);
    b.setReg(7, di, 16);
    b.setReg(1, cx, 16);
  }
  if (rng.chance(0.4)) {
    // equal data under ESI and EDI (and AL/AX/EAX) so that REPE compares run on
    const offset = si - window;
    const target = di - window;
    const w = b.windows[asize === 32 ? 'data32' : 'data16'];
    const len = Math.min(16, WINDOW_SIZE - Math.max(offset, target));
    w.copyWithin(target, offset, offset + len);
    b.regs[0] = readWindow(b, di, 4);
  }
}
