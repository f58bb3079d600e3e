// Breakpoints on data and code: the guest's debug registers DR0-DR7 (SDM Vol.3 chapter 17)
// and the debugger's data watchpoints (cpu.setWatchpoints), which share the access check.
//
// DR7 is compiled into plain lists when it (or DR0-DR3, or CR4.DE) is written, so that with
// no breakpoint enabled the memory accessors pay the one `cpu.watching` test they always did
// and the interpreter one test per run of instructions:
// - data breakpoints (R/W = 01 write, 11 read or write) are ranges checked after each guest
//   data access; a hit records DR6.Bn in cpu.dbHits and ends the run after the instruction,
//   and the machine then delivers the #DB trap (17.3.1.2); a faulting instruction's hits are
//   dropped (it did not complete);
// - instruction breakpoints (R/W = 00) are compared with CS.base + EIP before each
//   instruction (the interpreter runs one instruction at a time while any is enabled) and
//   raise the #DB fault unless EFLAGS.RF is set (17.3.1.1);
// - I/O breakpoints (R/W = 10, only with CR4.DE on models that have it) are checked by IN,
//   OUT, INS and OUTS;
// - LEN 00/01/11 are 1, 2 and 4 bytes with the address aligned down to the length (17.2.5);
//   LEN 10 is undefined on the processors modelled here and is taken as 8 bytes, as later
//   processors define it.
// The processor's own pushes (interrupt and exception frames, call-gate and task-switch
// frames: pushFrame) are data writes seen by both; descriptor-table and TSS accesses are not.

import type { Cpu, CpuEventKind } from './cpu';
import { CS, StopReason } from './constants';
import { Vector } from './exceptions';
import { RF } from './flags';

/** DR6 status bits (SDM Vol.3 17.2.3). */
export const DR6_BD = 0x2000,
  DR6_BS = 0x4000,
  DR6_BT = 0x8000;
/** DR6 reads 1 in bits 4-11 and 16-31 (and 0 in bit 12) on these processors. */
const DR6_FIXED = 0xffff0ff0 | 0;
const DR6_WRITABLE = 0xe00f;
/** DR7.GD (general detect, 17.2.4); bit 10 reads 1; bits 11, 12, 14 and 15 are reserved 0. */
export const DR7_GD = 0x2000;
const DR7_FIXED = 0x400;
const DR7_WRITABLE = 0xffff23ff | 0;
/** CR4.DE: debugging extensions (I/O breakpoints; DR4/DR5 no longer alias DR6/DR7). */
export const CR4_DE = 0x8;

/**
 * Records a #DB's causes in DR6: BD, BS and BT accumulate (the processor never clears them);
 * B0-B3 show the breakpoints of this #DB alone when it has any ("certain debug exceptions may
 * clear bits 0-3", SDM Vol.3 17.2.3; as QEMU does), and are left as they were otherwise.
 */
export function setDr6(cpu: Cpu, causes: number): void {
  const b = causes & 0xf;
  cpu.dr[6] = (b !== 0 ? (cpu.dr[6] & ~0xf) | b : cpu.dr[6]) | (causes & ~0xf);
}

/** Writes DRn (n = 0-7 after the DR4/DR5 aliasing) and re-arms the breakpoints. */
export function writeDebugRegister(cpu: Cpu, n: number, value: number): void {
  if (n === 6) cpu.dr[6] = (value & DR6_WRITABLE) | DR6_FIXED;
  else if (n === 7) cpu.dr[7] = (value & DR7_WRITABLE) | DR7_FIXED;
  else cpu.dr[n] = value;
  armDebugRegisters(cpu);
}

/** Bytes covered by a breakpoint of LEN field `len` (17.2.5). */
function lengthOf(len: number): number {
  return len === 0 ? 1 : len === 1 ? 2 : len === 3 ? 4 : 8;
}

/** Rebuilds the breakpoint lists from DR0-DR3, DR7 and CR4.DE (after any of them changes). */
export function armDebugRegisters(cpu: Cpu): void {
  const dr7 = cpu.dr[7];
  const data: number[] = [];
  let code = 0,
    io = 0;
  for (let n = 0; n < 4; n++) {
    if (((dr7 >> (n * 2)) & 3) === 0) continue;
    const rw = (dr7 >>> (16 + n * 4)) & 3;
    const bytes = lengthOf((dr7 >>> (18 + n * 4)) & 3);
    if (rw === 0) code |= 1 << n;
    else if (rw === 2) {
      // Undefined without CR4.DE, and on models without debugging extensions (17.2.4).
      if (cpu.cr4 & CR4_DE) io |= 1 << n;
    } else data.push((cpu.dr[n] & ~(bytes - 1)) >>> 0, bytes, rw === 3 ? 1 : 0, n);
  }
  cpu.breakRanges = new Float64Array(data);
  cpu.codeBreakpoints = code;
  cpu.ioBreakpoints = io;
  cpu.watching = cpu.watchRanges.length > 0 || data.length > 0;
}

/**
 * Called after a data access of `bytes` at `linear` completed without a fault. `frame`: a
 * push the processor makes itself (pushFrame), seen even though it is a system access. The
 * first debugger watchpoint hit of an instruction is the one reported; the stop waits for
 * the instruction to finish (leaveBlock), and a fault later in the same instruction cancels
 * it (interpreter.ts). Guest breakpoint hits accumulate in cpu.dbHits.
 */
export function watchAccess(cpu: Cpu, linear: number, bytes: number, write: boolean, frame = false): void {
  if (cpu.systemAccess && !frame) return;
  const a = linear >>> 0;
  const b = cpu.breakRanges;
  for (let i = 0; i < b.length; i += 4) {
    if (!write && b[i + 2] === 0) continue;
    if ((a - b[i]) >>> 0 < b[i + 1] || (b[i] - a) >>> 0 < bytes) {
      cpu.dbHits |= 1 << b[i + 3];
      cpu.stopForEvents();
    }
  }
  if (cpu.stopReason === StopReason.Watchpoint) return;
  const r = cpu.watchRanges;
  const kind = write ? 3 : 2;
  for (let i = 0; i < r.length; i += 4) {
    if (r[i + kind] === 0) continue;
    // Overlap with wrap-around at 4 GiB: either start lies inside the other range.
    if ((a - r[i]) >>> 0 < r[i + 1] || (r[i] - a) >>> 0 < bytes) {
      cpu.watchHit = { linear: a, size: bytes, write, index: i >> 2 };
      cpu.stopReason = StopReason.Watchpoint;
      cpu.leaveBlock = true;
      return;
    }
  }
}

/** DR6.Bn bits of the enabled instruction breakpoints at CS.base + EIP (0: none). */
export function codeBreakpointHits(cpu: Cpu): number {
  const linear = (cpu.segBase[CS] + cpu.eip) | 0;
  let hits = 0;
  for (let n = 0; n < 4; n++) if (cpu.codeBreakpoints & (1 << n) && cpu.dr[n] === linear) hits |= 1 << n;
  return hits;
}

/** An I/O access to `bytes` ports from `port`: enabled I/O breakpoints it overlaps trap after it. */
export function ioBreakpointCheck(cpu: Cpu, port: number, bytes: number): void {
  const dr7 = cpu.dr[7];
  for (let n = 0; n < 4; n++) {
    if ((cpu.ioBreakpoints & (1 << n)) === 0) continue;
    const len = lengthOf((dr7 >>> (18 + n * 4)) & 3);
    const start = cpu.dr[n] & 0xffff & ~(len - 1);
    if (port < start + len && start < port + bytes) {
      cpu.dbHits |= 1 << n;
      cpu.stopForEvents();
    }
  }
}

/**
 * RF (or 0) for the EFLAGS image an exception saves. SDM Vol.3 17.3.1.1: 1 for every fault-class
 * exception except the #DB of an instruction breakpoint, which (like traps and aborts) saves
 * the current RF, so that a handler's IRETD back to a faulting instruction does not fault again
 * on its instruction breakpoint. The 80386 sets it for every fault, that #DB included
 * (80386 Programmer's Reference Manual 12.3.1.1), and never for traps and aborts.
 */
export function faultRf(cpu: Cpu, vector: number, kind: CpuEventKind, instructionBreakpoint: boolean): number {
  if (kind !== 'fault' || vector === Vector.DF) return 0;
  if (instructionBreakpoint && cpu.model.generation !== 386) return 0;
  return RF;
}
