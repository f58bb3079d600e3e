// Protected-mode far transfers that involve the system layer (SDM Vol.2 JMP, CALL, RET, IRET
// "Operation"; Vol.3 5.8): call gates with the stack switch and parameter copy, task gates
// and TSS targets, far RET and IRET to an outer privilege level, IRET from a nested task and
// to virtual-8086 mode.

import type { Cpu } from '../cpu';
import {
  ATTR_ACCESSED,
  ATTR_CODE,
  ATTR_PRESENT,
  ATTR_S,
  ATTR_WRITABLE,
  CS,
  DS,
  ES,
  FS,
  GS,
  SS,
  ESP,
  dplOf,
} from '../constants';
import { Vector } from '../exceptions';
import { NT, VM } from '../flags';
import { loadCodeSegment, markAccessed, readDescriptor, type Descriptor } from '../segments';
import { writeFlagsFromStack } from '../exec/stack';
import {
  isCode,
  isConforming,
  isPresent,
  isWritableData,
  pushFrame,
  stackOf,
  systemType,
  TYPE_CALL_GATE16,
  TYPE_CALL_GATE32,
  TYPE_TASK_GATE,
  TYPE_TSS16_AVAILABLE,
  TYPE_TSS32_AVAILABLE,
} from './descriptors';
import { checkInnerStack, innerStack } from './interrupts';
import { systemRead32 } from './privilege';
import { switchTask, TaskSwitchReason } from './task';

/**
 * True when a far JMP/CALL to `selector` names a system descriptor (gate or TSS) that the
 * system layer handles; false lets the ordinary code-segment path run (and fault).
 */
export function targetsSystemDescriptor(cpu: Cpu, selector: number): boolean {
  if (!cpu.protectedMode || cpu.flags & VM || (selector & 0xfffc) === 0) return false;
  const limit = selector & 4 ? cpu.ldtLimit : cpu.gdtLimit;
  if (selector & 4 && (cpu.ldtSelector & 0xfffc) === 0) return false;
  if ((selector & 0xfff8) + 7 > limit) return false;
  const base = selector & 4 ? cpu.ldtBase : cpu.gdtBase;
  return (systemRead32(cpu, (base + (selector & 0xfff8) + 4) | 0) & ATTR_S) === 0;
}

interface Gate {
  selector: number;
  offset: number;
  params: number;
}

function readGate(cpu: Cpu, d: Descriptor, is32: boolean): Gate {
  const low = systemRead32(cpu, d.address);
  const high = systemRead32(cpu, d.address + 4);
  return {
    selector: low >>> 16,
    offset: is32 ? ((low & 0xffff) | (high & 0xffff0000)) >>> 0 : low & 0xffff,
    params: high & 0x1f,
  };
}

/** Checks for a gate or TSS named by JMP/CALL (SDM Vol.2 JMP/CALL: DPL >= CPL and RPL, present). */
function checkSystemTarget(cpu: Cpu, selector: number, d: Descriptor): number {
  const type = systemType(d.attr);
  const code = selector & 0xfffc;
  const ok =
    type === TYPE_CALL_GATE16 ||
    type === TYPE_CALL_GATE32 ||
    type === TYPE_TASK_GATE ||
    type === TYPE_TSS16_AVAILABLE ||
    type === TYPE_TSS32_AVAILABLE;
  if (!ok) cpu.raiseException(Vector.GP, code);
  if (d.dpl < cpu.cpl || d.dpl < (selector & 3)) cpu.raiseException(Vector.GP, code);
  if (!isPresent(d.attr)) cpu.raiseException(Vector.NP, code);
  return type;
}

/** The code segment a call gate points to, checked (SDM Vol.2 CALL, call-gate branch). */
function gateTarget(cpu: Cpu, gate: Gate): Descriptor {
  if ((gate.selector & 0xfffc) === 0) cpu.raiseException(Vector.GP, 0);
  const t = readDescriptor(cpu, gate.selector);
  const code = gate.selector & 0xfffc;
  if (!isCode(t.attr) || t.dpl > cpu.cpl) cpu.raiseException(Vector.GP, code);
  if (!isPresent(t.attr)) cpu.raiseException(Vector.NP, code);
  if (gate.offset > t.limit) cpu.raiseException(Vector.GP, 0);
  return t;
}

/** Far JMP to a gate or TSS. */
export function jumpThroughSystem(cpu: Cpu, selector: number, nextEip: number): void {
  const d = readDescriptor(cpu, selector);
  const type = checkSystemTarget(cpu, selector, d);
  if (type === TYPE_TASK_GATE || type === TYPE_TSS16_AVAILABLE || type === TYPE_TSS32_AVAILABLE) {
    const tss = type === TYPE_TASK_GATE ? readGate(cpu, d, false).selector : selector;
    switchTask(cpu, tss, TaskSwitchReason.Jump, 0, nextEip);
    return;
  }
  const gate = readGate(cpu, d, type === TYPE_CALL_GATE32);
  const t = gateTarget(cpu, gate);
  // JMP through a call gate never changes privilege: nonconforming targets need DPL = CPL.
  if (!isConforming(t.attr) && t.dpl !== cpu.cpl) cpu.raiseException(Vector.GP, gate.selector & 0xfffc);
  markAccessed(cpu, t);
  cpu.setSegmentCache(CS, (gate.selector & 0xfffc) | cpu.cpl, t.base, t.limit, t.attr);
  cpu.eip = gate.offset;
  cpu.leaveBlock = true;
}

/** Far CALL to a gate or TSS; `returnEip` is the next instruction. */
export function callThroughSystem(cpu: Cpu, selector: number, returnEip: number): void {
  const d = readDescriptor(cpu, selector);
  const type = checkSystemTarget(cpu, selector, d);
  if (type === TYPE_TASK_GATE || type === TYPE_TSS16_AVAILABLE || type === TYPE_TSS32_AVAILABLE) {
    const tss = type === TYPE_TASK_GATE ? readGate(cpu, d, false).selector : selector;
    switchTask(cpu, tss, TaskSwitchReason.Call, 0, returnEip);
    return;
  }
  const is32 = type === TYPE_CALL_GATE32;
  const bytes = is32 ? 4 : 2;
  const gate = readGate(cpu, d, is32);
  const t = gateTarget(cpu, gate);
  const oldCs = cpu.segSelector[CS];
  if (!isConforming(t.attr) && t.dpl < cpu.cpl) {
    // SDM Vol.3 5.8.5: to a more privileged level, on the stack from the TSS, copying
    // `params` words or dwords from the caller's stack.
    const level = t.dpl;
    const [ss, esp] = innerStack(cpu, level, 0);
    const ssDesc = checkInnerStack(cpu, ss, level, 0);
    const values: number[] = [cpu.segSelector[SS], cpu.regs[ESP]];
    for (let i = gate.params - 1; i >= 0; i--) {
      const off = cpu.stackOffset(i * bytes);
      values.push(bytes === 4 ? cpu.read32(SS, off) : cpu.read16(SS, off));
    }
    values.push(oldCs, returnEip);
    const newEsp = pushFrame(cpu, stackOf(ssDesc), esp, bytes, values, ss & 0xfffc, true);
    markAccessed(cpu, t);
    cpu.cpl = level;
    cpu.setSegmentCache(SS, (ss & 0xfffc) | level, ssDesc.base, ssDesc.limit, ssDesc.attr);
    cpu.regs[ESP] = newEsp;
  } else {
    const stack = { base: cpu.segBase[SS], low: cpu.writeLow[SS], high: cpu.writeHigh[SS], big: cpu.stack32 };
    cpu.regs[ESP] = pushFrame(cpu, stack, cpu.regs[ESP], bytes, [oldCs, returnEip], 0, false);
    markAccessed(cpu, t);
  }
  cpu.setSegmentCache(CS, (gate.selector & 0xfffc) | cpu.cpl, t.base, t.limit, t.attr);
  cpu.eip = gate.offset;
  cpu.leaveBlock = true;
}

/** SDM Vol.2 RET/IRET: data segment registers the outer level may not use become null. */
function dropInaccessibleSegments(cpu: Cpu): void {
  for (const s of [ES, DS, FS, GS]) {
    const attr = cpu.segAttr[s];
    if ((cpu.segSelector[s] & 0xfffc) === 0 && attr === 0) continue;
    const dpl = dplOf(attr);
    const conformingCode = (attr & ATTR_CODE) !== 0 && (attr & 0x400) !== 0;
    if (!conformingCode && dpl < cpu.cpl) cpu.setSegmentCache(s, 0, 0, 0, 0);
  }
}

/** Checks the outer-level CS of a far RET or IRET (SDM Vol.2 RET: return to outer level). */
function checkReturnCs(cpu: Cpu, selector: number): Descriptor {
  const code = selector & 0xfffc;
  if (code === 0) cpu.raiseException(Vector.GP, 0);
  const d = readDescriptor(cpu, selector);
  const rpl = selector & 3;
  if (!isCode(d.attr) || rpl < cpu.cpl) cpu.raiseException(Vector.GP, code);
  if (isConforming(d.attr) ? d.dpl > rpl : d.dpl !== rpl) cpu.raiseException(Vector.GP, code);
  if (!isPresent(d.attr)) cpu.raiseException(Vector.NP, code);
  return d;
}

function checkReturnSs(cpu: Cpu, selector: number, rpl: number): Descriptor {
  const code = selector & 0xfffc;
  if (code === 0) cpu.raiseException(Vector.GP, 0);
  const d = readDescriptor(cpu, selector);
  if ((selector & 3) !== rpl || !isWritableData(d.attr) || d.dpl !== rpl) cpu.raiseException(Vector.GP, code);
  if (!isPresent(d.attr)) cpu.raiseException(Vector.SS, code);
  return d;
}

/**
 * The stack pointer after a far RET or IRET to an outer level, with the outer SS loaded: all of
 * ESP from the popped value (a 16-bit one zero-extended) on a 32-bit stack; on a 16-bit stack
 * only SP, whatever the operand size, so ESP keeps the inner level's upper half (the hardware
 * behaviour Linux's espfix works around; QEMU does the same).
 */
function setOuterStackPointer(cpu: Cpu, esp: number): void {
  cpu.regs[ESP] = cpu.stack32 ? esp : (cpu.regs[ESP] & ~0xffff) | (esp & 0xffff);
}

/** Far RET to an outer level: CS:EIP, `imm` bytes of parameters, then SS:ESP. */
export function returnToOuterLevel(cpu: Cpu, size: number, imm: number): void {
  const n = size >> 3;
  const offset = size === 32 ? cpu.peek(32) >>> 0 : cpu.peek(16);
  const csSel = cpu.peek(size, n) & 0xffff;
  const esp = size === 32 ? cpu.peek(32, 2 * n + imm) : cpu.peek(16, 2 * n + imm);
  const ssSel = cpu.peek(size, 3 * n + imm) & 0xffff;
  const rpl = csSel & 3;
  const cs = checkReturnCs(cpu, csSel);
  const ss = checkReturnSs(cpu, ssSel, rpl);
  if (offset > cs.limit) cpu.raiseException(Vector.GP, 0);
  markAccessed(cpu, cs);
  markAccessed(cpu, ss);
  cpu.cpl = rpl;
  cpu.setSegmentCache(CS, csSel, cs.base, cs.limit, cs.attr);
  cpu.setSegmentCache(SS, ssSel, ss.base, ss.limit, ss.attr);
  setOuterStackPointer(cpu, esp);
  cpu.adjustStack(imm);
  cpu.eip = offset;
  dropInaccessibleSegments(cpu);
  cpu.leaveBlock = true;
}

const V86_SEGMENT = ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_ACCESSED | (3 << 13);

function loadV86Segment(cpu: Cpu, seg: number, selector: number): void {
  cpu.setSegmentCache(seg, selector, (selector & 0xffff) << 4, 0xffff, V86_SEGMENT | (seg === CS ? ATTR_CODE : 0));
}

/** IRET in protected mode (SDM Vol.2 IRET Operation). `nextEip` follows the IRET. */
export function protectedIret(cpu: Cpu, size: number, nextEip: number): void {
  const n = size >> 3;
  const before = cpu.flags;
  if (cpu.flags & VM) {
    // SDM Vol.3 20.2.7: IRET in virtual-8086 mode is IOPL-sensitive.
    if (((cpu.flags >> 12) & 3) !== 3) cpu.raiseException(Vector.GP, 0);
    const offset = size === 32 ? cpu.peek(32) >>> 0 : cpu.peek(16);
    const cs = cpu.peek(size, n) & 0xffff;
    const flags = cpu.peek(size, 2 * n);
    if (offset > 0xffff) cpu.raiseException(Vector.GP, 0);
    cpu.adjustStack(3 * n);
    writeFlagsFromStack(cpu, flags & ~VM, size, false);
    loadV86Segment(cpu, CS, cs);
    cpu.eip = offset;
    cpu.leaveBlock = true;
    cpu.eflagsLoaded(before);
    return;
  }
  if (cpu.flags & NT) {
    // SDM Vol.3 7.4: return to the task named by the back link.
    const back = systemRead32(cpu, cpu.taskBase) & 0xffff;
    switchTask(cpu, back, TaskSwitchReason.Iret, 0, nextEip);
    cpu.eflagsLoaded(before);
    return;
  }
  const offset = size === 32 ? cpu.peek(32) >>> 0 : cpu.peek(16);
  const csSel = cpu.peek(size, n) & 0xffff;
  const flags = cpu.peek(size, 2 * n);
  if (size === 32 && flags & VM && cpu.cpl === 0) {
    // SDM Vol.3 20.3.3 (IRET to virtual-8086 mode): pops ESP SS ES DS FS GS as well.
    cpu.checkRead(SS, cpu.stackOffset(0), 36);
    const esp = cpu.peek(32, 12);
    const ss = cpu.peek(32, 16),
      es = cpu.peek(32, 20),
      ds = cpu.peek(32, 24),
      fs = cpu.peek(32, 28),
      gs = cpu.peek(32, 32);
    cpu.setEflags(flags);
    cpu.cpl = 3;
    loadV86Segment(cpu, CS, csSel);
    loadV86Segment(cpu, SS, ss);
    loadV86Segment(cpu, ES, es);
    loadV86Segment(cpu, DS, ds);
    loadV86Segment(cpu, FS, fs);
    loadV86Segment(cpu, GS, gs);
    cpu.regs[ESP] = esp;
    cpu.eip = offset & 0xffff;
    cpu.leaveBlock = true;
    cpu.eflagsLoaded(before);
    return;
  }
  const rpl = csSel & 3;
  if (rpl === cpu.cpl || (csSel & 0xfffc) === 0) {
    loadCodeSegment(cpu, csSel, offset, true);
    cpu.adjustStack(3 * n);
    writeFlagsFromStack(cpu, flags & ~VM, size, true);
    cpu.eip = offset;
    cpu.leaveBlock = true;
    cpu.eflagsLoaded(before);
    return;
  }
  const cs = checkReturnCs(cpu, csSel);
  const esp = size === 32 ? cpu.peek(32, 3 * n) : cpu.peek(16, 3 * n);
  const ssSel = cpu.peek(size, 4 * n) & 0xffff;
  const ss = checkReturnSs(cpu, ssSel, rpl);
  if (offset > cs.limit) cpu.raiseException(Vector.GP, 0);
  writeFlagsFromStack(cpu, flags & ~VM, size, true);
  markAccessed(cpu, cs);
  cpu.cpl = rpl;
  cpu.setSegmentCache(CS, csSel, cs.base, cs.limit, cs.attr);
  cpu.setSegmentCache(SS, ssSel, ss.base, ss.limit, ss.attr);
  setOuterStackPointer(cpu, esp);
  cpu.eip = offset;
  dropInaccessibleSegments(cpu);
  cpu.leaveBlock = true;
  cpu.eflagsLoaded(before);
}
