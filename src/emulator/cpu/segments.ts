// Loading segment registers (SDM Vol.3 3.4, 5.x; Vol.2 MOV/POP/LDS "Operation" for the
// protected-mode checks). Real mode: base = selector * 16, the rest of the cache is kept.

import type { Cpu } from './cpu';
import {
  ATTR_ACCESSED,
  ATTR_CODE,
  ATTR_EXPAND_DOWN,
  ATTR_G,
  ATTR_PRESENT,
  ATTR_S,
  ATTR_WRITABLE,
  CS,
  SS,
  dplOf,
} from './constants';
import { Vector } from './exceptions';
import { systemRead32, systemWrite8 } from './system/privilege';

export interface Descriptor {
  base: number;
  limit: number;
  /** Bits 8..23 of the high dword (type, S, DPL, P, AVL, D/B, G). */
  attr: number;
  dpl: number;
  /** Linear address of the descriptor (to set the accessed bit). */
  address: number;
}

/** Reads the GDT/LDT entry a selector names, or faults #GP(selector) when outside the table. */
export function readDescriptor(cpu: Cpu, selector: number, faultVector: number = Vector.GP, ext = 0): Descriptor {
  const index = selector & 0xfff8;
  const ldt = (selector & 4) !== 0;
  const tableBase = ldt ? cpu.ldtBase : cpu.gdtBase;
  const tableLimit = ldt ? cpu.ldtLimit : cpu.gdtLimit;
  if (ldt && (cpu.ldtSelector & 0xfffc) === 0) cpu.raiseException(faultVector, (selector & 0xfffc) | ext);
  if (index + 7 > tableLimit) cpu.raiseException(faultVector, (selector & 0xfffc) | ext);
  const address = (tableBase + index) | 0;
  // Descriptor-table reads are supervisor accesses at any CPL (SDM Vol.3 4.6).
  const low = systemRead32(cpu, address);
  const high = systemRead32(cpu, address + 4);
  const attr = high & 0x00f0ff00;
  let limit = (low & 0xffff) | (high & 0x000f0000);
  if (attr & ATTR_G) limit = ((limit << 12) | 0xfff) >>> 0;
  const base = (low >>> 16) | ((high & 0xff) << 16) | (high & 0xff000000) | 0;
  return { base, limit, attr, dpl: dplOf(attr), address };
}

export function markAccessed(cpu: Cpu, d: Descriptor): void {
  if ((d.attr & ATTR_ACCESSED) === 0) {
    d.attr |= ATTR_ACCESSED;
    systemWrite8(cpu, d.address + 5, (systemRead32(cpu, d.address + 4) >> 8) | 1);
  }
}

/**
 * MOV/POP/LxS to a data segment register or SS. CS is loaded only by far transfers
 * (loadCodeSegment).
 */
export function loadSegment(cpu: Cpu, seg: number, selector: number): void {
  selector &= 0xffff;
  if (!cpu.protectedMode || (cpu.flags & 0x20000) !== 0) {
    cpu.setSegmentCache(seg, selector, selector << 4, cpu.segLimit[seg], cpu.segAttr[seg] | ATTR_PRESENT);
    return;
  }
  const rpl = selector & 3;
  const cpl = cpu.cpl;
  if ((selector & 0xfffc) === 0) {
    // SDM Vol.3 5.4.1: a null selector may be loaded into DS ES FS GS (any use faults), not SS.
    if (seg === SS) cpu.raiseException(Vector.GP, 0);
    cpu.setSegmentCache(seg, selector, 0, 0, 0);
    return;
  }
  const d = readDescriptor(cpu, selector);
  const code = (d.attr & ATTR_CODE) !== 0;
  const sys = (d.attr & ATTR_S) === 0;
  if (seg === SS) {
    if (rpl !== cpl || d.dpl !== cpl || sys || code || (d.attr & ATTR_WRITABLE) === 0) {
      cpu.raiseException(Vector.GP, selector & 0xfffc);
    }
    if ((d.attr & ATTR_PRESENT) === 0) cpu.raiseException(Vector.SS, selector & 0xfffc);
  } else {
    if (sys || (code && (d.attr & ATTR_WRITABLE) === 0)) cpu.raiseException(Vector.GP, selector & 0xfffc);
    const conformingCode = code && (d.attr & ATTR_EXPAND_DOWN) !== 0;
    if (!conformingCode && (rpl > d.dpl || cpl > d.dpl)) cpu.raiseException(Vector.GP, selector & 0xfffc);
    if ((d.attr & ATTR_PRESENT) === 0) cpu.raiseException(Vector.NP, selector & 0xfffc);
  }
  markAccessed(cpu, d);
  cpu.setSegmentCache(seg, selector, d.base, d.limit, d.attr);
}

/**
 * Far JMP/CALL/RET target in protected mode, same privilege or conforming (SDM Vol.3 5.8.1,
 * 5.8.2). Gates, task switches and privilege changes are in system/transfers.ts.
 * Returns after CS is loaded; the caller sets EIP (it was limit-checked here).
 */
export function loadCodeSegment(cpu: Cpu, selector: number, eip: number, forReturn: boolean): void {
  selector &= 0xffff;
  if (!cpu.protectedMode || (cpu.flags & 0x20000) !== 0) {
    if (eip > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);
    cpu.setSegmentCache(CS, selector, selector << 4, cpu.segLimit[CS], cpu.segAttr[CS]);
    return;
  }
  if ((selector & 0xfffc) === 0) cpu.raiseException(Vector.GP, 0);
  const d = readDescriptor(cpu, selector);
  const rpl = selector & 3;
  // Gates and TSSs for JMP/CALL are system/transfers.ts's; RET and IRET to one is #GP(selector).
  if ((d.attr & ATTR_S) === 0) cpu.raiseException(Vector.GP, selector & 0xfffc);
  if ((d.attr & ATTR_CODE) === 0) cpu.raiseException(Vector.GP, selector & 0xfffc);
  const conforming = (d.attr & ATTR_EXPAND_DOWN) !== 0;
  if (forReturn) {
    if (rpl < cpu.cpl) cpu.raiseException(Vector.GP, selector & 0xfffc);
    if (rpl > cpu.cpl) cpu.raiseException(Vector.GP, selector & 0xfffc); // outer levels: system/transfers.ts
  }
  if (conforming ? d.dpl > cpu.cpl : d.dpl !== cpu.cpl || (!forReturn && rpl > cpu.cpl)) {
    cpu.raiseException(Vector.GP, selector & 0xfffc);
  }
  if ((d.attr & ATTR_PRESENT) === 0) cpu.raiseException(Vector.NP, selector & 0xfffc);
  if (eip > d.limit) cpu.raiseException(Vector.GP, 0);
  markAccessed(cpu, d);
  cpu.setSegmentCache(CS, (selector & 0xfffc) | cpu.cpl, d.base, d.limit, d.attr);
}
