// Interrupt and exception delivery (SDM Vol.3 chapter 6; Vol.2 INT n Operation): the real-mode
// IVT, and in protected mode the IDT's interrupt, trap and task gates with the stack switch
// from the TSS, error codes with the EXT and IDT bits, virtual-8086 exits, and the double-fault
// rules of Table 6-5 ending in a shutdown (triple fault).

import type { Cpu } from '../cpu';
import { CS, DS, ES, FS, GS, SS, StopReason, ESP, dplOf } from '../constants';
import { CPU_FAULT, Vector, hasErrorCode } from '../exceptions';
import { IF, NT, RF, TF, VM } from '../flags';
import { readDescriptor } from '../segments';
import {
  currentStack,
  isCode,
  isConforming,
  isPresent,
  isWritableData,
  pushFrame,
  stackOf,
  TYPE_INT_GATE16,
  TYPE_INT_GATE32,
  TYPE_TASK_GATE,
  TYPE_TRAP_GATE16,
  TYPE_TRAP_GATE32,
} from './descriptors';
import { systemRead32 } from './privilege';
import { switchTask, TaskSwitchReason } from './task';

/** What raised the event: decides the gate DPL check, EXT and the double-fault class. */
export const enum EventKind {
  /** A processor exception (fault, trap or abort). */
  Exception = 0,
  /** INT n: gate DPL checked; IOPL-sensitive in virtual-8086 mode. */
  SoftwareInt = 1,
  /** INT3, INTO: gate DPL checked; not IOPL-sensitive. */
  SoftwareTrap = 2,
  /** An interrupt from the PIC. */
  External = 3,
}

/** SDM Vol.3 Table 6-4: contributory exceptions. */
function contributory(vector: number): boolean {
  return vector === 0 || (vector >= 10 && vector <= 13);
}

/**
 * Delivers an event. Software interrupts are delivered from inside their instruction: a fault
 * while delivering them unwinds as that instruction's fault (with EIP back at its start). The
 * other events come from outside any instruction and resolve nested faults here: serially,
 * as #DF, or as a shutdown (SDM Vol.3 6.15, Interrupt 8, Table 6-5). `rf`: RF or 0, ORed into
 * the EFLAGS image the event saves (a fault's, debug.ts faultRf).
 */
export function deliverEvent(cpu: Cpu, vector: number, errorCode: number | undefined, kind: EventKind, rf = 0): void {
  cpu.halted = false;
  cpu.eventCount++;
  cpu.eventRf = rf;
  try {
    resolveAndDeliver(cpu, vector, errorCode, kind);
  } finally {
    cpu.eventRf = 0;
  }
}

function resolveAndDeliver(cpu: Cpu, vector: number, errorCode: number | undefined, kind: EventKind): void {
  if (kind === EventKind.SoftwareInt || kind === EventKind.SoftwareTrap) {
    deliverOnce(cpu, vector, errorCode, kind, 0);
    return;
  }
  let ext = 1;
  for (;;) {
    const eip = cpu.eip;
    try {
      deliverOnce(cpu, vector, errorCode, kind, ext);
      return;
    } catch (e) {
      if (e !== CPU_FAULT) throw e;
      if (cpu.exceptionVector === -2) {
        cpu.stopReason = StopReason.Unimplemented;
        cpu.leaveBlock = true;
        return;
      }
      cpu.eip = eip;
      const second = cpu.exceptionVector;
      const first = kind === EventKind.Exception ? vector : -1;
      if (first === Vector.DF) {
        shutdown(cpu);
        return;
      }
      const firstPf = first === Vector.PF;
      if (
        (contributory(first) && contributory(second)) ||
        (firstPf && (contributory(second) || second === Vector.PF))
      ) {
        vector = Vector.DF;
        errorCode = 0;
      } else {
        vector = second;
        errorCode = cpu.exceptionErrorCode;
      }
      kind = EventKind.Exception;
      // The second event is a fault (RF set in its image) or #DF, an abort (SDM Vol.3 17.3.1.1).
      cpu.eventRf = vector === Vector.DF ? 0 : RF;
      ext = 1;
    }
  }
}

/** Triple fault: the processor stops and signals a shutdown (SDM Vol.3 6.15, Interrupt 8). */
export function shutdown(cpu: Cpu): void {
  cpu.stopReason = StopReason.Shutdown;
  cpu.leaveBlock = true;
}

function deliverOnce(cpu: Cpu, vector: number, errorCode: number | undefined, kind: EventKind, ext: number): void {
  if (!cpu.protectedMode) {
    deliverReal(cpu, vector);
    return;
  }
  const software = kind === EventKind.SoftwareInt || kind === EventKind.SoftwareTrap;
  // SDM Vol.3 20.3.1.1: INT n in virtual-8086 mode with IOPL < 3 is #GP(0) to the monitor.
  if (kind === EventKind.SoftwareInt && cpu.flags & VM && ((cpu.flags >> 12) & 3) < 3) cpu.raiseException(Vector.GP, 0);
  const idtCode = (vector << 3) | 2 | ext;
  if ((vector << 3) + 7 > cpu.idtLimit) cpu.raiseException(Vector.GP, idtCode);
  const gateAddr = (cpu.idtBase + (vector << 3)) | 0;
  const low = systemRead32(cpu, gateAddr);
  const high = systemRead32(cpu, gateAddr + 4);
  const type = (high >> 8) & 0x1f; // includes S, which must be 0
  if (
    type !== TYPE_TASK_GATE &&
    type !== TYPE_INT_GATE16 &&
    type !== TYPE_TRAP_GATE16 &&
    type !== TYPE_INT_GATE32 &&
    type !== TYPE_TRAP_GATE32
  ) {
    cpu.raiseException(Vector.GP, idtCode);
  }
  const gateDpl = dplOf(high);
  if (software && gateDpl < cpu.cpl) cpu.raiseException(Vector.GP, idtCode);
  if ((high & 0x8000) === 0) cpu.raiseException(Vector.NP, idtCode);
  const selector = low >>> 16;
  const pushesError = kind === EventKind.Exception && hasErrorCode(vector) && errorCode !== undefined;

  if (type === TYPE_TASK_GATE) {
    // SDM Vol.3 7.3: an interrupt through a task gate switches tasks with nesting.
    switchTask(cpu, selector, TaskSwitchReason.Interrupt, ext, cpu.eip);
    if (pushesError) {
      const bytes = cpu.taskType === 32 ? 4 : 2;
      cpu.regs[ESP] = pushFrame(cpu, currentStack(cpu), cpu.regs[ESP], bytes, [errorCode!], 0, cpu.cpl === 0);
    }
    return;
  }

  const gate32 = type === TYPE_INT_GATE32 || type === TYPE_TRAP_GATE32;
  const offset = gate32 ? ((low & 0xffff) | (high & 0xffff0000)) >>> 0 : low & 0xffff;
  if ((selector & 0xfffc) === 0) cpu.raiseException(Vector.GP, ext);
  const d = readDescriptor(cpu, selector, Vector.GP, ext);
  const selCode = (selector & 0xfffc) | ext;
  if (!isCode(d.attr) || d.dpl > cpu.cpl) cpu.raiseException(Vector.GP, selCode);
  if (!isPresent(d.attr)) cpu.raiseException(Vector.NP, selCode);
  if (offset > d.limit) cpu.raiseException(Vector.GP, ext);

  const bytes = gate32 ? 4 : 2;
  const eflags = cpu.getEflags() | cpu.eventRf;
  const oldCs = cpu.segSelector[CS];
  const v86 = (eflags & VM) !== 0;
  const values: number[] = [];
  let newCpl = cpu.cpl;
  let esp: number;
  if (!isConforming(d.attr) && d.dpl < cpu.cpl) {
    // Inter-privilege: the new stack comes from the TSS (SDM Vol.3 6.12.1).
    if (v86 && d.dpl !== 0) cpu.raiseException(Vector.GP, selCode);
    newCpl = d.dpl;
    const [ss, newEsp] = innerStack(cpu, newCpl, ext);
    const ssDesc = checkInnerStack(cpu, ss, newCpl, ext);
    const stack = stackOf(ssDesc);
    if (v86) values.push(cpu.segSelector[GS], cpu.segSelector[FS], cpu.segSelector[DS], cpu.segSelector[ES]);
    values.push(cpu.segSelector[SS], cpu.regs[ESP], eflags, oldCs, cpu.eip);
    if (pushesError) values.push(errorCode!);
    esp = pushFrame(cpu, stack, newEsp, bytes, values, (ss & 0xfffc) | ext, true);
    // Commit: nothing below can fault.
    cpu.cpl = newCpl;
    cpu.setSegmentCache(SS, (ss & 0xfffc) | newCpl, ssDesc.base, ssDesc.limit, ssDesc.attr);
    if (v86) {
      // SDM Vol.3 20.3.1.1: the data segment registers are loaded with null selectors.
      for (const s of [GS, FS, DS, ES]) cpu.setSegmentCache(s, 0, 0, 0, 0);
    }
  } else {
    if (v86) cpu.raiseException(Vector.GP, selCode);
    values.push(eflags, oldCs, cpu.eip);
    if (pushesError) values.push(errorCode!);
    esp = pushFrame(cpu, currentStack(cpu), cpu.regs[ESP], bytes, values, 0, false);
  }
  cpu.regs[ESP] = esp;
  cpu.setSegmentCache(CS, (selector & 0xfffc) | newCpl, d.base, d.limit, d.attr);
  cpu.eip = offset;
  // SDM Vol.3 6.12.1.3: TF, NT, RF, VM cleared; an interrupt gate also clears IF.
  cpu.flags &= ~(TF | NT | RF | VM);
  if (type === TYPE_INT_GATE16 || type === TYPE_INT_GATE32) cpu.flags &= ~IF;
  cpu.leaveBlock = true;
}

/** SS:ESP for privilege level `level` from the current TSS (SDM Vol.3 7.2.1). */
export function innerStack(cpu: Cpu, level: number, ext: number): [number, number] {
  const tsCode = (cpu.taskSelector & 0xfffc) | ext;
  if (cpu.taskType === 32) {
    const at = 4 + level * 8;
    if (at + 7 > cpu.taskLimit) cpu.raiseException(Vector.TS, tsCode);
    return [systemRead32(cpu, cpu.taskBase + at + 4) & 0xffff, systemRead32(cpu, cpu.taskBase + at)];
  }
  const at = 2 + level * 4;
  if (at + 3 > cpu.taskLimit) cpu.raiseException(Vector.TS, tsCode);
  const v = systemRead32(cpu, cpu.taskBase + at);
  return [v >>> 16, v & 0xffff];
}

/** The checks on a stack segment from the TSS (SDM Vol.2 INT n: #TS, #SS with its selector). */
export function checkInnerStack(cpu: Cpu, ss: number, level: number, ext: number): ReturnType<typeof readDescriptor> {
  const code = (ss & 0xfffc) | ext;
  if ((ss & 0xfffc) === 0) cpu.raiseException(Vector.TS, ext);
  if ((ss & 3) !== level) cpu.raiseException(Vector.TS, code);
  const d = readDescriptor(cpu, ss, Vector.TS, ext);
  if (d.dpl !== level || !isWritableData(d.attr)) cpu.raiseException(Vector.TS, code);
  if (!isPresent(d.attr)) cpu.raiseException(Vector.SS, code);
  return d;
}

/** Real-address mode: the IVT at IDTR.base (SDM Vol.3 20.1.4). */
function deliverReal(cpu: Cpu, vector: number): void {
  if (vector * 4 + 3 > cpu.idtLimit) cpu.raiseException(Vector.GP, 0);
  const entry = cpu.readLinear32((cpu.idtBase + vector * 4) | 0);
  const flags = cpu.getEflags();
  const stack = currentStack(cpu);
  cpu.regs[ESP] = pushFrame(
    cpu,
    { ...stack, low: 0, high: cpu.segLimit[SS] },
    cpu.regs[ESP],
    2,
    [flags, cpu.segSelector[CS], cpu.eip],
    0,
    false,
  );
  cpu.setSegmentCache(CS, entry >>> 16, (entry >>> 16) << 4, cpu.segLimit[CS], cpu.segAttr[CS]);
  cpu.eip = entry & 0xffff;
  cpu.flags &= ~(IF | TF | 0x40000); // IF, TF, AC
  cpu.leaveBlock = true;
}
