// String instructions (SDM Vol.2 MOVS CMPS SCAS LODS STOS INS OUTS; REP/REPE/REPNE). The
// address size picks SI/DI/CX or ESI/EDI/ECX; the source segment may be overridden, ES:DI may
// not. Under REP each iteration completes (memory, then registers) before the next, so a fault
// leaves the state after the last completed iteration with EIP still at the instruction.

import type { Cpu } from '../cpu';
import { CR0_AM, CR0_PG, DS, EAX, ECX, EDI, EDX, ES, ESI, StopReason } from '../constants';
import type { Instr } from '../instr';
import { AC, DF, getZF } from '../flags';
import { sub } from './alu';
import { checkIoPermission } from './system';
import { ioBreakpointCheck } from '../debug';

function elementSize(ins: Instr): number {
  const k = ins.form!.operands[0] === 'DX' ? ins.form!.operands[1] : ins.form!.operands[0];
  return k === 'Yb' || k === 'Xb' || k === 'AL' ? 8 : ins.opsize;
}

function pointer(cpu: Cpu, ins: Instr, r: number): number {
  return ins.adsize === 32 ? cpu.regs[r] >>> 0 : cpu.regs[r] & 0xffff;
}

function advance(cpu: Cpu, ins: Instr, r: number, bytes: number): void {
  const delta = cpu.flags & DF ? -bytes : bytes;
  if (ins.adsize === 32) cpu.regs[r] = cpu.regs[r] + delta;
  else cpu.setReg16(r, cpu.regs[r] + delta);
}

function count(cpu: Cpu, ins: Instr): number {
  return ins.adsize === 32 ? cpu.regs[ECX] >>> 0 : cpu.regs[ECX] & 0xffff;
}

function decrementCount(cpu: Cpu, ins: Instr): void {
  if (ins.adsize === 32) cpu.regs[ECX] = cpu.regs[ECX] - 1;
  else cpu.setReg16(ECX, cpu.regs[ECX] - 1);
}

function sourceSegment(ins: Instr): number {
  return ins.segOverride >= 0 ? ins.segOverride : DS;
}

/** Iterations one execution of a REP instruction carries out before it yields (see repeat). */
export const REP_ITERATIONS_PER_EXECUTION = 1 << 16;

/**
 * Runs `step` once, or under REP while the count is non-zero; for CMPS/SCAS (`conditional`)
 * REPE stops when ZF = 0 and REPNE when ZF = 1. A repeated string instruction may be
 * interrupted between iterations with EIP still at it, and then resumes where it stopped
 * (SDM Vol.2, REP/REPE/REPNE); we stop after a bounded number of iterations so that one
 * instruction with a huge count cannot stall a run (budget, pause, timer interrupts).
 */
function repeat(cpu: Cpu, ins: Instr, conditional: boolean, step: (cpu: Cpu, ins: Instr) => void): void {
  if (ins.rep === 0) {
    step(cpu, ins);
    return;
  }
  let left = REP_ITERATIONS_PER_EXECUTION;
  while (count(cpu, ins) !== 0) {
    if (left-- === 0) {
      // The loop adds the instruction's length back: EIP stays on the REP instruction.
      cpu.eip = (cpu.eip - ins.length) >>> 0;
      cpu.leaveBlock = true;
      return;
    }
    step(cpu, ins);
    decrementCount(cpu, ins);
    if (conditional && getZF(cpu) !== (ins.rep === 1)) break;
    if (cpu.stopReason === StopReason.Watchpoint || cpu.dbHits !== 0) {
      // SDM Vol.3 17.3.1.2: a data breakpoint in a repeated string instruction traps after
      // the iteration that hit it; with iterations left, EIP stays on the instruction and
      // ECX/ESI/EDI say where it resumes.
      if (count(cpu, ins) !== 0) cpu.eip = (cpu.eip - ins.length) >>> 0;
      return;
    }
  }
}

function movsStep(cpu: Cpu, ins: Instr): void {
  const size = elementSize(ins);
  const v = cpu.readSized(sourceSegment(ins), pointer(cpu, ins, ESI), size);
  cpu.writeSized(ES, pointer(cpu, ins, EDI), size, v);
  advance(cpu, ins, ESI, size >> 3);
  advance(cpu, ins, EDI, size >> 3);
}

function cmpsStep(cpu: Cpu, ins: Instr): void {
  const size = elementSize(ins);
  const a = cpu.readSized(sourceSegment(ins), pointer(cpu, ins, ESI), size);
  const b = cpu.readSized(ES, pointer(cpu, ins, EDI), size);
  sub(cpu, a, b, size);
  advance(cpu, ins, ESI, size >> 3);
  advance(cpu, ins, EDI, size >> 3);
}

function scasStep(cpu: Cpu, ins: Instr): void {
  const size = elementSize(ins);
  const b = cpu.readSized(ES, pointer(cpu, ins, EDI), size);
  sub(cpu, cpu.getReg(EAX, size), b, size);
  advance(cpu, ins, EDI, size >> 3);
}

function lodsStep(cpu: Cpu, ins: Instr): void {
  const size = elementSize(ins);
  const v = cpu.readSized(sourceSegment(ins), pointer(cpu, ins, ESI), size);
  cpu.setReg(EAX, size, v);
  advance(cpu, ins, ESI, size >> 3);
}

function stosStep(cpu: Cpu, ins: Instr): void {
  const size = elementSize(ins);
  cpu.writeSized(ES, pointer(cpu, ins, EDI), size, cpu.getReg(EAX, size));
  advance(cpu, ins, EDI, size >> 3);
}

function insStep(cpu: Cpu, ins: Instr): void {
  const size = elementSize(ins);
  const port = cpu.regs[EDX] & 0xffff;
  const off = pointer(cpu, ins, EDI);
  cpu.checkWrite(ES, off, size >> 3); // the port is read only when the store can complete
  const v = size === 8 ? cpu.io.in8(port) : size === 16 ? cpu.io.in16(port) : cpu.io.in32(port);
  if (cpu.ioBreakpoints !== 0) ioBreakpointCheck(cpu, port, size >> 3);
  cpu.writeSized(ES, off, size, v);
  advance(cpu, ins, EDI, size >> 3);
}

function outsStep(cpu: Cpu, ins: Instr): void {
  const size = elementSize(ins);
  const port = cpu.regs[EDX] & 0xffff;
  const v = cpu.readSized(sourceSegment(ins), pointer(cpu, ins, ESI), size);
  if (size === 8) cpu.io.out8(port, v);
  else if (size === 16) cpu.io.out16(port, v);
  else cpu.io.out32(port, v);
  if (cpu.ioBreakpoints !== 0) ioBreakpointCheck(cpu, port, size >> 3);
  advance(cpu, ins, ESI, size >> 3);
}

/**
 * REP MOVS/STOS as one bulk copy or fill when the outcome is the same as element by element:
 * 32-bit addressing, DF = 0, paging off, both ranges inside their segment limits and inside
 * RAM, no overlap in which a forward copy would read bytes it has already written, and no
 * data watchpoint set (those see every element).
 * Decoded code in the destination is dropped afterwards, as a store would.
 */
function bulkRange(cpu: Cpu, ins: Instr, bytes: number, srcSeg: number): [number, number] | null {
  if (ins.adsize !== 32 || cpu.flags & DF || cpu.cr0 & CR0_PG || bytes === 0 || cpu.watching) return null;
  const dst = cpu.regs[EDI] >>> 0,
    src = cpu.regs[ESI] >>> 0;
  if (dst < cpu.writeLow[ES] || dst + bytes - 1 > cpu.writeHigh[ES]) return null;
  const dstLinear = (cpu.segBase[ES] + dst) >>> 0;
  if (dstLinear + bytes > cpu.memory.size) return null;
  let srcLinear = 0;
  if (srcSeg >= 0) {
    if (src < cpu.readLow[srcSeg] || src + bytes - 1 > cpu.readHigh[srcSeg]) return null;
    srcLinear = (cpu.segBase[srcSeg] + src) >>> 0;
    if (srcLinear + bytes > cpu.memory.size) return null;
    if (dstLinear > srcLinear && dstLinear < srcLinear + bytes) return null;
  }
  return [dstLinear, srcLinear];
}

function dropDecodedCode(cpu: Cpu, from: number, bytes: number): void {
  const pages = cpu.memory.codePages;
  for (let p = from >>> 12; p <= (from + bytes - 1) >>> 12; p++) if (pages[p]) cpu.memory.onCodeWrite(p, -1);
}

/**
 * REP MOVS and REP STOS with paging on, as repeat() runs them but a run of elements at a time:
 * each run stays inside one destination page (and one source page), within the segment
 * limits, in RAM and off pages holding decoded code, and is translated once, the source for
 * a read and then the destination for a write, as its first element would be (a fault there
 * leaves the state after the last completed element, EIP at the instruction), then copied or
 * filled at once. An element that does not fit such a run goes through `step` alone. Like
 * repeat(), at most REP_ITERATIONS_PER_EXECUTION elements per execution. Returns false when
 * this path does not apply (address size 16, DF set, watchpoints or debug registers armed,
 * alignment checking possible): then repeat() does the work.
 */
function repeatPaged(
  cpu: Cpu,
  ins: Instr,
  srcSeg: number,
  step: (cpu: Cpu, ins: Instr) => void,
  bulk: (dst: number, src: number, bytes: number) => void,
): boolean {
  const n = elementSize(ins) >> 3;
  if (ins.adsize !== 32 || cpu.flags & DF || cpu.watching) return false;
  if (n > 1 && cpu.cr0 & CR0_AM && cpu.flags & AC && cpu.cpl === 3) return false;
  const memory = cpu.memory;
  let left = REP_ITERATIONS_PER_EXECUTION;
  for (;;) {
    const remaining = cpu.regs[ECX] >>> 0;
    if (remaining === 0) return true;
    if (left === 0) {
      cpu.eip = (cpu.eip - ins.length) >>> 0;
      cpu.leaveBlock = true;
      return true;
    }
    const dst = cpu.regs[EDI] >>> 0;
    const dstLinear = (cpu.segBase[ES] + dst) >>> 0;
    let elements = Math.min(remaining, left, ((0x1000 - (dstLinear & 0xfff)) / n) | 0);
    const src = cpu.regs[ESI] >>> 0;
    const srcLinear = srcSeg >= 0 ? (cpu.segBase[srcSeg] + src) >>> 0 : 0;
    if (srcSeg >= 0) elements = Math.min(elements, ((0x1000 - (srcLinear & 0xfff)) / n) | 0);
    const bytes = elements * n;
    let done = false;
    if (
      elements > 0 &&
      dst >= cpu.writeLow[ES] &&
      dst + bytes - 1 <= cpu.writeHigh[ES] &&
      (srcSeg < 0 || (src >= cpu.readLow[srcSeg] && src + bytes - 1 <= cpu.readHigh[srcSeg]))
    ) {
      const srcPhysical = srcSeg >= 0 ? cpu.translate(srcLinear) : 0;
      const dstPhysical = cpu.translateWrite(dstLinear);
      if (
        dstPhysical + bytes <= memory.size &&
        memory.codePages[dstPhysical >>> 12] === 0 &&
        (srcSeg < 0 ||
          (srcPhysical + bytes <= memory.size && (dstPhysical <= srcPhysical || dstPhysical >= srcPhysical + bytes)))
      ) {
        bulk(dstPhysical, srcPhysical, bytes);
        cpu.regs[EDI] = dst + bytes;
        if (srcSeg >= 0) cpu.regs[ESI] = src + bytes;
        cpu.regs[ECX] = remaining - elements;
        left -= elements;
        done = true;
      }
    }
    if (!done) {
      step(cpu, ins);
      decrementCount(cpu, ins);
      left--;
    }
  }
}

export function movs(cpu: Cpu, ins: Instr): void {
  if (ins.rep !== 0 && cpu.cr0 & CR0_PG) {
    const u8 = cpu.memory.u8;
    const copy = (dst: number, src: number, bytes: number): void => void u8.copyWithin(dst, src, src + bytes);
    if (repeatPaged(cpu, ins, sourceSegment(ins), movsStep, copy)) return;
  }
  if (ins.rep !== 0) {
    const n = elementSize(ins) >> 3;
    const count = count32(cpu, ins);
    const range = bulkRange(cpu, ins, count * n, sourceSegment(ins));
    if (range) {
      const [dst, src] = range;
      cpu.memory.u8.copyWithin(dst, src, src + count * n);
      dropDecodedCode(cpu, dst, count * n);
      cpu.regs[ESI] = cpu.regs[ESI] + count * n;
      cpu.regs[EDI] = cpu.regs[EDI] + count * n;
      cpu.regs[ECX] = 0;
      return;
    }
  }
  repeat(cpu, ins, false, movsStep);
}

function count32(cpu: Cpu, ins: Instr): number {
  return ins.adsize === 32 ? cpu.regs[ECX] >>> 0 : cpu.regs[ECX] & 0xffff;
}

export function cmps(cpu: Cpu, ins: Instr): void {
  repeat(cpu, ins, true, cmpsStep);
}

export function scas(cpu: Cpu, ins: Instr): void {
  repeat(cpu, ins, true, scasStep);
}

export function lods(cpu: Cpu, ins: Instr): void {
  repeat(cpu, ins, false, lodsStep);
}

export function stos(cpu: Cpu, ins: Instr): void {
  if (ins.rep !== 0 && cpu.cr0 & CR0_PG) {
    const n = elementSize(ins) >> 3;
    const value = cpu.getReg(EAX, n << 3) >>> 0;
    const memory = cpu.memory;
    // A value whose bytes are all the same (zero, most often) is a byte fill.
    const uniform = n === 1 || value === (value & 0xff) * (n === 2 ? 0x101 : 0x1010101);
    const store = (dst: number, _src: number, bytes: number): void => {
      if (uniform) memory.u8.fill(value & 0xff, dst, dst + bytes);
      else if (n === 4 && (dst & 3) === 0) memory.u32.fill(value, dst >>> 2, (dst + bytes) >>> 2);
      else for (let i = 0; i < bytes; i++) memory.u8[dst + i] = value >>> ((i % n) * 8);
    };
    if (repeatPaged(cpu, ins, -1, stosStep, store)) return;
  }
  if (ins.rep !== 0) {
    const size = elementSize(ins),
      n = size >> 3;
    const count = count32(cpu, ins);
    const range = bulkRange(cpu, ins, count * n, -1);
    if (range) {
      const [dst] = range;
      const u8 = cpu.memory.u8;
      const value = cpu.getReg(EAX, size);
      if (n === 1) u8.fill(value, dst, dst + count);
      else for (let i = 0; i < count * n; i++) u8[dst + i] = value >>> ((i % n) * 8);
      dropDecodedCode(cpu, dst, count * n);
      cpu.regs[EDI] = cpu.regs[EDI] + count * n;
      cpu.regs[ECX] = 0;
      return;
    }
  }
  repeat(cpu, ins, false, stosStep);
}

export function ins(cpu: Cpu, instr: Instr): void {
  checkIoPermission(cpu, cpu.regs[EDX] & 0xffff, elementSize(instr) >> 3);
  cpu.ioInstructionCount = cpu.instructionCount + instr.indexInBlock;
  repeat(cpu, instr, false, insStep);
}

export function outs(cpu: Cpu, instr: Instr): void {
  checkIoPermission(cpu, cpu.regs[EDX] & 0xffff, elementSize(instr) >> 3);
  cpu.ioInstructionCount = cpu.instructionCount + instr.indexInBlock;
  repeat(cpu, instr, false, outsStep);
}
