// Pure flag helpers for compiled regions (region.ts): the lazy-flag record (flags.ts) lives
// in JavaScript locals there, so these take its fields as arguments instead of the CPU. They
// compute exactly what flags.ts computes from the same record.

import type { Cpu } from '../cpu';
import type { Handler, Instr } from '../instr';
import { AF, CF, LazyOp, OF, PARITY, PF, SF, ZF, sizeMask, signBit } from '../flags';
import { TLB_SUP_READ, TLB_SUP_WRITE, TLB_USER_READ, TLB_USER_WRITE } from '../system/paging';

/** flags.computeLazy over a record given as arguments. */
export function lazyBits(mask: number, op: number, a: number, b: number, r: number, size: number): number {
  const m = sizeMask(size);
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

/** The arithmetic flags in `mask` of EFLAGS held as `fl` plus a lazy record over `lazy`. */
export function flagBits(
  mask: number,
  fl: number,
  lazy: number,
  op: number,
  a: number,
  b: number,
  r: number,
  size: number,
): number {
  const pending = lazy & mask;
  return (fl & mask & ~pending) | (pending !== 0 ? lazyBits(pending, op, a, b, r, size) : 0);
}

/** Condition code cc (SDM Vol.1 Appendix B, Table B-1) over the same state. */
export function condition(
  cc: number,
  fl: number,
  lazy: number,
  op: number,
  a: number,
  b: number,
  r: number,
  size: number,
): boolean {
  let t: boolean;
  switch (cc >> 1) {
    case 0:
      t = flagBits(OF, fl, lazy, op, a, b, r, size) !== 0;
      break;
    case 1:
      t = flagBits(CF, fl, lazy, op, a, b, r, size) !== 0;
      break;
    case 2:
      t = flagBits(ZF, fl, lazy, op, a, b, r, size) !== 0;
      break;
    case 3:
      t = flagBits(CF | ZF, fl, lazy, op, a, b, r, size) !== 0;
      break;
    case 4:
      t = flagBits(SF, fl, lazy, op, a, b, r, size) !== 0;
      break;
    case 5:
      t = flagBits(PF, fl, lazy, op, a, b, r, size) !== 0;
      break;
    case 6: {
      const f = flagBits(SF | OF, fl, lazy, op, a, b, r, size);
      t = ((f & SF) !== 0) !== ((f & OF) !== 0);
      break;
    }
    default: {
      const f = flagBits(SF | OF | ZF, fl, lazy, op, a, b, r, size);
      t = (f & ZF) !== 0 || ((f & SF) !== 0) !== ((f & OF) !== 0);
      break;
    }
  }
  return (cc & 1) === 0 ? t : !t;
}

// Slow paths of compiled regions. A region has no try/catch of its own (one around the whole
// function costs V8 much of its register allocation): these catch a fault, leave it in
// cpu.pendingFault, and the region then leaves with the fault's position (region.ts).

export function read8(cpu: Cpu, seg: number, off: number): number {
  try {
    return cpu.read8(seg, off);
  } catch (e) {
    cpu.pendingFault = e;
    return 0;
  }
}
export function read16(cpu: Cpu, seg: number, off: number): number {
  try {
    return cpu.read16(seg, off);
  } catch (e) {
    cpu.pendingFault = e;
    return 0;
  }
}
export function read32(cpu: Cpu, seg: number, off: number): number {
  try {
    return cpu.read32(seg, off);
  } catch (e) {
    cpu.pendingFault = e;
    return 0;
  }
}
export function write8(cpu: Cpu, seg: number, off: number, v: number): void {
  try {
    cpu.write8(seg, off, v);
  } catch (e) {
    cpu.pendingFault = e;
  }
}
export function write16(cpu: Cpu, seg: number, off: number, v: number): void {
  try {
    cpu.write16(seg, off, v);
  } catch (e) {
    cpu.pendingFault = e;
  }
}
export function write32(cpu: Cpu, seg: number, off: number, v: number): void {
  try {
    cpu.write32(seg, off, v);
  } catch (e) {
    cpu.pendingFault = e;
  }
}
/** cpu.raiseException, caught. */
export function raise(cpu: Cpu, vector: number, code?: number): void {
  try {
    cpu.raiseException(vector, code);
  } catch (e) {
    cpu.pendingFault = e;
  }
}
/** Runs a handler; false when it faulted (the fault is in cpu.pendingFault). */
export function call(h: Handler, cpu: Cpu, ins: Instr): boolean {
  try {
    h(cpu, ins);
    return true;
  } catch (e) {
    cpu.pendingFault = e;
    return false;
  }
}

// The stack window of a region call: a range of linear addresses around ESP where a 32-bit
// stack access may go straight to RAM, found once at entry (and again after a handler call)
// instead of at every PUSH, POP, CALL and RET: an aligned dword at linear address a with
// (a - lo) / 4 < dwords (unsigned; dwords 0: no window) is at physical address a + delta. It holds only
// pages with no decoded code (so stores into code still reach the code cache through the slow
// path), inside RAM, and under paging only ESP's page through a TLB entry allowing the access
// at the current privilege both ways (the same entry the inline probe would use). Pages get
// decoded code only when the interpreter decodes a block, never during a region call.

/** lo, dwords, delta of the last computed window (read by the region right after the call). */
export const stackWindow = new Int32Array(3);
/** Pages on either side of ESP's page a window covers at most with paging off. */
const WINDOW_PAGES = 16;

/**
 * The stack window for ESP `esp` in memory mode `mode` (region.ts: 0 none, 1 identity, 2 TLB).
 * With paging off the delta is 0 (regions compiled for that mode leave it out).
 */
export function computeStackWindow(cpu: Cpu, mode: number, esp: number): void {
  const w = stackWindow;
  w[0] = 0;
  w[1] = 0;
  w[2] = 0;
  const cpg = cpu.memory.codePages;
  const pages = cpu.memory.size >>> 12;
  const page = esp >>> 12;
  if (mode === 1) {
    if (page >= pages || cpg[page] !== 0) return;
    let lo = page,
      hi = page;
    while (lo > 0 && page - lo < WINDOW_PAGES && cpg[lo - 1] === 0) lo--;
    while (hi + 1 < pages && hi - page < WINDOW_PAGES && cpg[hi + 1] === 0) hi++;
    w[0] = lo << 12;
    w[1] = (hi - lo + 1) << 10;
  } else if (mode === 2) {
    const e = cpu.tlb.entries[page];
    // The read and write bits the inline probe tests (region.ts RD, WR).
    const need = cpu.cpl === 3 ? TLB_USER_READ | TLB_USER_WRITE : TLB_SUP_READ | TLB_SUP_WRITE;
    if ((e & need) !== need) return;
    const phys = (e & -4096) >>> 12;
    if (phys >= pages || cpg[phys] !== 0) return;
    w[0] = page << 12;
    w[1] = 1024;
    w[2] = (phys << 12) - (page << 12);
  }
}
