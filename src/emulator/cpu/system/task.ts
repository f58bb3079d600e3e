// Task switching (SDM Vol.3 7.3): through a TSS descriptor or a task gate by JMP, CALL and
// interrupts, and back by IRET with NT set. The 32-bit TSS layout is Figure 7-2, the 16-bit
// one Figure 7-11.

import type { Cpu } from '../cpu';
import { ATTR_ACCESSED, ATTR_CODE, ATTR_PRESENT, ATTR_S, ATTR_WRITABLE, CR0_PG, CR0_TS, CS, SS } from '../constants';
import { Vector } from '../exceptions';
import { NT, VM } from '../flags';
import { readDescriptor, type Descriptor } from '../segments';
import {
  isCode,
  isConforming,
  isPresent,
  isWritableData,
  systemType,
  TYPE_LDT,
  TYPE_TSS16_AVAILABLE,
  TYPE_TSS16_BUSY,
  TYPE_TSS32_AVAILABLE,
  TYPE_TSS32_BUSY,
} from './descriptors';
import { DR6_BT } from '../debug';
import { systemRead16, systemRead32, systemWrite16, systemWrite32, systemWrite8 } from './privilege';

export const enum TaskSwitchReason {
  Jump = 0,
  Call = 1,
  Interrupt = 2,
  Iret = 3,
}

/**
 * Segment register order in both TSS formats: ES CS SS DS (FS GS in a 32-bit TSS). Literal
 * register numbers: this module loads while cpu.ts is still initialising.
 */
const TSS_SEGMENTS = [0, 1, 2, 3, 4, 5];

function setBusy(cpu: Cpu, d: Descriptor, busy: boolean): void {
  const typeByte = systemRead32(cpu, d.address + 4) >> 8;
  systemWrite8(cpu, d.address + 5, busy ? typeByte | 2 : typeByte & ~2);
}

/**
 * Switches to the task whose TSS `selector` names; `outgoingEip` is the EIP saved for the old
 * task (the next instruction, or the interrupted one for a fault).
 */
export function switchTask(
  cpu: Cpu,
  selector: number,
  reason: TaskSwitchReason,
  ext: number,
  outgoingEip: number,
): void {
  const code = (selector & 0xfffc) | ext;
  if ((selector & 4) !== 0 || (selector & 0xfffc) === 0)
    cpu.raiseException(reason === TaskSwitchReason.Iret ? Vector.TS : Vector.GP, code);
  const d = readDescriptor(cpu, selector, reason === TaskSwitchReason.Iret ? Vector.TS : Vector.GP, ext);
  const type = systemType(d.attr);
  if (reason === TaskSwitchReason.Iret) {
    if (type !== TYPE_TSS16_BUSY && type !== TYPE_TSS32_BUSY) cpu.raiseException(Vector.TS, code);
  } else if (type !== TYPE_TSS16_AVAILABLE && type !== TYPE_TSS32_AVAILABLE) {
    cpu.raiseException(Vector.GP, code);
  }
  if (!isPresent(d.attr)) cpu.raiseException(Vector.NP, code);
  const new32 = (type & 8) !== 0;
  if (d.limit < (new32 ? 0x67 : 0x2b)) cpu.raiseException(Vector.TS, code);

  // Save the outgoing task (SDM Vol.3 7.3, step 8).
  const oldBase = cpu.taskBase;
  // An exception through a task gate saves the RF image a fault pushes (SDM Vol.3 17.3.1.1).
  let eflags = cpu.getEflags() | cpu.eventRf;
  if (reason === TaskSwitchReason.Iret) eflags &= ~NT;
  if (cpu.taskType === 32) {
    systemWrite32(cpu, oldBase + 0x20, outgoingEip);
    systemWrite32(cpu, oldBase + 0x24, eflags);
    for (let r = 0; r < 8; r++) systemWrite32(cpu, oldBase + 0x28 + r * 4, cpu.regs[r]);
    for (let i = 0; i < 6; i++) systemWrite16(cpu, oldBase + 0x48 + i * 4, cpu.segSelector[TSS_SEGMENTS[i]]);
  } else if (cpu.taskType === 16) {
    systemWrite16(cpu, oldBase + 0x0e, outgoingEip);
    systemWrite16(cpu, oldBase + 0x10, eflags);
    for (let r = 0; r < 8; r++) systemWrite16(cpu, oldBase + 0x12 + r * 2, cpu.regs[r]);
    for (let i = 0; i < 4; i++) systemWrite16(cpu, oldBase + 0x22 + i * 2, cpu.segSelector[TSS_SEGMENTS[i]]);
  }
  if ((reason === TaskSwitchReason.Jump || reason === TaskSwitchReason.Iret) && (cpu.taskSelector & 0xfffc) !== 0) {
    const old = readDescriptor(cpu, cpu.taskSelector);
    setBusy(cpu, old, false);
  }

  // Read the incoming task.
  const b = d.base;
  let eip: number,
    flags: number,
    ldt: number,
    cr3 = 0,
    trap = false;
  const regs: number[] = [];
  const sels: number[] = [];
  if (new32) {
    cr3 = systemRead32(cpu, b + 0x1c);
    eip = systemRead32(cpu, b + 0x20) >>> 0;
    flags = systemRead32(cpu, b + 0x24);
    for (let r = 0; r < 8; r++) regs.push(systemRead32(cpu, b + 0x28 + r * 4));
    for (let i = 0; i < 6; i++) sels.push(systemRead16(cpu, b + 0x48 + i * 4));
    ldt = systemRead16(cpu, b + 0x60);
    trap = (systemRead16(cpu, b + 0x64) & 1) !== 0;
  } else {
    eip = systemRead16(cpu, b + 0x0e);
    flags = systemRead16(cpu, b + 0x10) | (cpu.getEflags() & 0xffff0000 & ~VM);
    for (let r = 0; r < 8; r++) regs.push(systemRead16(cpu, b + 0x12 + r * 2) | (cpu.regs[r] & ~0xffff));
    for (let i = 0; i < 4; i++) sels.push(systemRead16(cpu, b + 0x22 + i * 2));
    sels.push(0, 0);
    ldt = systemRead16(cpu, b + 0x2a);
  }
  if (reason === TaskSwitchReason.Call || reason === TaskSwitchReason.Interrupt) {
    systemWrite16(cpu, b, cpu.taskSelector);
    flags |= NT;
  }
  if (reason !== TaskSwitchReason.Iret) setBusy(cpu, d, true);

  // Commit: the new TR, CR0.TS, CR3, registers (SDM Vol.3 7.3, steps 10-12).
  cpu.taskSelector = selector & 0xffff;
  cpu.taskBase = d.base;
  cpu.taskLimit = d.limit;
  cpu.taskType = new32 ? 32 : 16;
  cpu.cr0 |= CR0_TS;
  if (new32 && cpu.cr0 & CR0_PG) {
    cpu.cr3 = cr3 & 0xfffff018;
    cpu.flushTranslation();
  }
  cpu.eip = eip;
  const before = cpu.flags;
  cpu.setEflags(flags);
  for (let r = 0; r < 8; r++) cpu.regs[r] = regs[r];
  cpu.eflagsLoaded(before);

  // Segment loads after the switch fault in the context of the new task (#TS with the selector).
  loadLdt(cpu, ldt);
  if (flags & VM) {
    cpu.cpl = 3;
    for (let i = 0; i < 6; i++) {
      const s = TSS_SEGMENTS[i];
      cpu.setSegmentCache(
        s,
        sels[i],
        sels[i] << 4,
        0xffff,
        ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_ACCESSED | (s === CS ? ATTR_CODE : 0) | (3 << 13),
      );
    }
    if (trap) debugTrapOnEntry(cpu);
    return;
  }
  for (let i = 0; i < 6; i++) cpu.setSegmentCache(TSS_SEGMENTS[i], sels[i], 0, 0, 0);
  cpu.cpl = sels[1] & 3;
  loadTaskSegment(cpu, CS, sels[1]);
  loadTaskSegment(cpu, SS, sels[2]);
  for (const i of [0, 3, 4, 5]) loadTaskSegment(cpu, TSS_SEGMENTS[i], sels[i]);
  if (eip > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);
  if (trap) debugTrapOnEntry(cpu);
}

/**
 * The T flag of the new 32-bit TSS (SDM Vol.3 7.2.1, 17.2.3): a #DB trap with DR6.BT is
 * raised once the switch has completed, before the task's first instruction.
 */
function debugTrapOnEntry(cpu: Cpu): void {
  cpu.dbHits |= DR6_BT;
  cpu.stopForEvents();
}

function loadLdt(cpu: Cpu, selector: number): void {
  cpu.ldtSelector = selector;
  cpu.ldtBase = 0;
  cpu.ldtLimit = 0;
  if ((selector & 0xfffc) === 0) return;
  if (selector & 4) cpu.raiseException(Vector.TS, selector & 0xfffc);
  const d = readDescriptor(cpu, selector, Vector.TS);
  if (systemType(d.attr) !== TYPE_LDT) cpu.raiseException(Vector.TS, selector & 0xfffc);
  if (!isPresent(d.attr)) cpu.raiseException(Vector.TS, selector & 0xfffc);
  cpu.ldtBase = d.base;
  cpu.ldtLimit = d.limit;
}

/** SDM Vol.3 7.3 step 12 and Table 7-1: segment checks during a task switch raise #TS. */
function loadTaskSegment(cpu: Cpu, seg: number, selector: number): void {
  const code = selector & 0xfffc;
  if (code === 0) {
    if (seg === CS || seg === SS) cpu.raiseException(Vector.TS, 0);
    cpu.setSegmentCache(seg, selector, 0, 0, 0);
    return;
  }
  const d = readDescriptor(cpu, selector, Vector.TS);
  const cpl = cpu.cpl;
  if (seg === CS) {
    if (!isCode(d.attr)) cpu.raiseException(Vector.TS, code);
    if (isConforming(d.attr) ? d.dpl > cpl : d.dpl !== cpl) cpu.raiseException(Vector.TS, code);
    if (!isPresent(d.attr)) cpu.raiseException(Vector.NP, code);
  } else if (seg === SS) {
    if (!isWritableData(d.attr) || d.dpl !== cpl || (selector & 3) !== cpl) cpu.raiseException(Vector.TS, code);
    if (!isPresent(d.attr)) cpu.raiseException(Vector.SS, code);
  } else {
    const readable = (d.attr & ATTR_S) !== 0 && (!(d.attr & ATTR_CODE) || (d.attr & ATTR_WRITABLE) !== 0);
    if (!readable) cpu.raiseException(Vector.TS, code);
    if (!isConforming(d.attr) && (d.dpl < cpl || d.dpl < (selector & 3))) cpu.raiseException(Vector.TS, code);
    if (!isPresent(d.attr)) cpu.raiseException(Vector.NP, code);
  }
  cpu.setSegmentCache(seg, selector, d.base, d.limit, d.attr);
}
