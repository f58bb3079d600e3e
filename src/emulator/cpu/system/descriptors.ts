// Descriptor helpers of the system layer (SDM Vol.3 3.4.5, 5.x): decoding the attribute
// bits held in the descriptor caches, and the offset ranges a stack segment allows.

import type { Cpu } from '../cpu';
import { ATTR_CODE, ATTR_DB, ATTR_EXPAND_DOWN, ATTR_PRESENT, ATTR_S, ATTR_WRITABLE } from '../constants';
import type { Descriptor } from '../segments';
import { watchAccess } from '../debug';

/** System descriptor types (SDM Vol.3 Table 3-2). */
export const TYPE_TSS16_AVAILABLE = 1,
  TYPE_LDT = 2,
  TYPE_TSS16_BUSY = 3,
  TYPE_CALL_GATE16 = 4,
  TYPE_TASK_GATE = 5;
export const TYPE_INT_GATE16 = 6,
  TYPE_TRAP_GATE16 = 7,
  TYPE_TSS32_AVAILABLE = 9,
  TYPE_TSS32_BUSY = 11;
export const TYPE_CALL_GATE32 = 12,
  TYPE_INT_GATE32 = 14,
  TYPE_TRAP_GATE32 = 15;

export function systemType(attr: number): number {
  return (attr & ATTR_S) !== 0 ? -1 : (attr >> 8) & 0xf;
}

export function isCode(attr: number): boolean {
  return (attr & (ATTR_S | ATTR_CODE)) === (ATTR_S | ATTR_CODE);
}

export function isConforming(attr: number): boolean {
  return isCode(attr) && (attr & ATTR_EXPAND_DOWN) !== 0;
}

export function isWritableData(attr: number): boolean {
  return (attr & (ATTR_S | ATTR_CODE | ATTR_WRITABLE)) === (ATTR_S | ATTR_WRITABLE);
}

export function isPresent(attr: number): boolean {
  return (attr & ATTR_PRESENT) !== 0;
}

/** A stack segment about to be loaded: where pushes may go (SDM Vol.3 3.4.5.1). */
export interface StackSegment {
  base: number;
  low: number;
  high: number;
  big: boolean;
}

export function stackOf(d: Descriptor): StackSegment {
  const big = (d.attr & ATTR_DB) !== 0;
  if (d.attr & ATTR_EXPAND_DOWN) return { base: d.base, low: d.limit + 1, high: big ? 0xffffffff : 0xffff, big };
  return { base: d.base, low: 0, high: d.limit, big };
}

/** The current SS as a StackSegment. */
export function currentStack(cpu: Cpu): StackSegment {
  return { base: cpu.segBase[2], low: cpu.writeLow[2], high: cpu.writeHigh[2], big: cpu.stack32 };
}

/**
 * Writes `values` as successive pushes of `bytes` each onto `stack` from `esp`, checking the
 * whole frame against the segment first (supervisor: written for an inner level) (#SS(errorCode) when it
 * does not fit) so that nothing
 * is written on a fault; returns the new ESP (wrapped to SP on a 16-bit stack).
 */
/** pushFrame's scratch: each slot's offset (a frame has at most 10 slots: V86 GS..EIP, error code). */
const FRAME_OFFSETS = new Float64Array(16);

export function pushFrame(
  cpu: Cpu,
  stack: StackSegment,
  esp: number,
  bytes: number,
  values: readonly number[],
  errorCode: number,
  supervisor: boolean,
): number {
  // Each slot is checked on its own: a 16-bit stack pointer wraps within the segment.
  const offsets = FRAME_OFFSETS;
  if (values.length > offsets.length) throw new Error(`pushFrame: ${values.length} slots`);
  let sp = esp;
  for (let i = 0; i < values.length; i++) {
    sp = stack.big ? (sp - bytes) >>> 0 : (sp - bytes) & 0xffff;
    const end = sp + bytes - 1;
    if (sp < stack.low || end > stack.high || (!stack.big && end > 0xffff)) cpu.raiseException(12, errorCode);
    offsets[i] = sp;
  }
  const saved = cpu.systemAccess;
  cpu.systemAccess = supervisor || saved;
  try {
    // Probe every slot for page faults before the first write.
    for (let i = 0; i < values.length; i++) {
      const off = offsets[i];
      cpu.translateWrite((stack.base + off) | 0);
      cpu.translateWrite((stack.base + off + bytes - 1) | 0);
    }
    for (let i = 0; i < values.length; i++) {
      if (bytes === 4) cpu.writeLinear32((stack.base + offsets[i]) | 0, values[i]);
      else cpu.writeLinear16((stack.base + offsets[i]) | 0, values[i]);
    }
    // The frame is data written by the processor: watchpoints and data breakpoints see it.
    if (cpu.watching)
      for (let i = 0; i < values.length; i++) watchAccess(cpu, stack.base + offsets[i], bytes, true, true);
  } finally {
    cpu.systemAccess = saved;
  }
  return stack.big ? sp : (esp & ~0xffff) | sp;
}
