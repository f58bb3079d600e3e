// System instructions (SDM Vol.2; Vol.3 chapters 2 and 5): control/debug/test registers,
// descriptor-table registers, MSRs, CPUID, fast system calls, I/O and interrupt-flag
// privilege. Privilege rules: most of these need CPL 0 in protected mode (#GP(0) otherwise).

import type { Cpu } from '../cpu';
import {
  ATTR_ACCESSED,
  ATTR_CODE,
  ATTR_DB,
  ATTR_EXPAND_DOWN,
  ATTR_G,
  ATTR_PRESENT,
  ATTR_S,
  ATTR_WRITABLE,
  CR0_AM,
  CR0_CD,
  CR0_EM,
  CR0_ET,
  CR0_MP,
  CR0_NE,
  CR0_NW,
  CR0_PE,
  CR0_PG,
  CR0_TS,
  CR0_WP,
  CS,
  EAX,
  EBX,
  ECX,
  EDX,
  ESP,
  SS,
} from '../constants';
import type { Instr } from '../instr';
import { Vector } from '../exceptions';
import { IF, IOPL, RF, VM, ZF, materialize, setArith } from '../flags';
import { effectiveAddress, offsetPlus, readE, writeE } from '../operands';
import { readDescriptor } from '../segments';
import { ioBitmapAllows } from '../system/privilege';
import { armDebugRegisters, CR4_DE, DR6_BD, DR7_GD, ioBreakpointCheck, writeDebugRegister } from '../debug';

const CR4_TSD = 0x4,
  CR4_PSE = 0x10;

/** SDM Vol.3 2.8: privileged instructions fault #GP(0) unless CPL = 0. */
export function requireCpl0(cpu: Cpu): void {
  if (cpu.protectedMode && cpu.cpl !== 0) cpu.raiseException(Vector.GP, 0);
}

function requireProtectedMode(cpu: Cpu): void {
  if (!cpu.protectedMode || cpu.flags & VM) cpu.raiseException(Vector.UD);
}

/**
 * I/O privilege (SDM Vol.1 18.5): allowed when CPL <= IOPL; otherwise the TSS I/O permission
 * bitmap decides, which is the system layer's.
 */
export function checkIoPermission(cpu: Cpu, port: number, bytes: number): void {
  if (!cpu.protectedMode) return;
  if (!(cpu.flags & VM) && cpu.cpl <= (cpu.flags & IOPL) >> 12) return;
  if (!ioBitmapAllows(cpu, port, bytes)) cpu.raiseException(Vector.GP, 0);
}

export function inPort(cpu: Cpu, ins: Instr): void {
  const port = ins.form!.operands[1] === 'DX' ? cpu.regs[EDX] & 0xffff : ins.imm & 0xff;
  const size = ins.form!.operands[0] === 'AL' ? 8 : ins.opsize;
  checkIoPermission(cpu, port, size >> 3);
  cpu.ioInstructionCount = cpu.instructionCount + ins.indexInBlock;
  const v = size === 8 ? cpu.io.in8(port) : size === 16 ? cpu.io.in16(port) : cpu.io.in32(port);
  cpu.setReg(EAX, size, v);
  if (cpu.ioBreakpoints !== 0) ioBreakpointCheck(cpu, port, size >> 3);
}

export function outPort(cpu: Cpu, ins: Instr): void {
  const port = ins.form!.operands[0] === 'DX' ? cpu.regs[EDX] & 0xffff : ins.imm & 0xff;
  const size = ins.form!.operands[1] === 'AL' ? 8 : ins.opsize;
  checkIoPermission(cpu, port, size >> 3);
  cpu.ioInstructionCount = cpu.instructionCount + ins.indexInBlock;
  const v = cpu.getReg(EAX, size);
  if (size === 8) cpu.io.out8(port, v);
  else if (size === 16) cpu.io.out16(port, v);
  else cpu.io.out32(port, v);
  if (cpu.ioBreakpoints !== 0) ioBreakpointCheck(cpu, port, size >> 3);
}

// --- Interrupt flag and HLT (SDM Vol.2 CLI/STI/HLT) ---------------------------------------

function requireIopl(cpu: Cpu): void {
  if ((cpu.protectedMode || cpu.flags & VM) && cpu.cpl > (cpu.flags & IOPL) >> 12) cpu.raiseException(Vector.GP, 0);
}

export function cli(cpu: Cpu): void {
  requireIopl(cpu);
  cpu.flags &= ~IF;
}

/**
 * STI: with IF = 0 before it, interrupts stay inhibited on the boundary after it (the
 * interrupt shadow, SDM Vol.3 6.8.3), so `sti; hlt` and `sti; ret` see no interrupt in between.
 */
export function sti(cpu: Cpu): void {
  requireIopl(cpu);
  const wasOff = (cpu.flags & IF) === 0;
  cpu.flags |= IF;
  cpu.leaveBlock = true;
  if (wasOff) {
    cpu.interruptShadow = true;
    cpu.stopForEvents();
  }
}

export function hlt(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  cpu.eip = (cpu.eip + ins.length) >>> 0;
  cpu.halt();
}

// --- Control, debug and test registers (SDM Vol.2 MOV—Move to/from Control/Debug Registers) --

function controlRegisterExists(cpu: Cpu, n: number): boolean {
  return n === 0 || n === 2 || n === 3 || (n === 4 && cpu.model.generation >= 586);
}

export function movFromControl(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  const n = ins.reg;
  if (!controlRegisterExists(cpu, n)) cpu.raiseException(Vector.UD);
  cpu.regs[ins.rm] = n === 0 ? cpu.cr0 : n === 2 ? cpu.cr2 : n === 3 ? cpu.cr3 : cpu.cr4;
}

export function movToControl(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  const n = ins.reg;
  if (!controlRegisterExists(cpu, n)) cpu.raiseException(Vector.UD);
  const v = cpu.regs[ins.rm];
  if (n === 0) writeCr0(cpu, v);
  else if (n === 2) cpu.cr2 = v;
  else if (n === 3) cpu.cr3 = v & 0xfffff018;
  else {
    const allowed = CR4_DE | CR4_TSD | (cpu.model.features.has('pse') ? CR4_PSE : 0);
    if (v & ~allowed) cpu.raiseException(Vector.GP, 0);
    cpu.cr4 = v;
    armDebugRegisters(cpu);
    cpu.stopForEvents();
  }
  // SDM Vol.3 4.10.4.1: CR3 writes flush the TLB; so do changes of CR0.PG/WP and CR4.PSE.
  if (n !== 2) cpu.flushTranslation();
  cpu.leaveBlock = true;
}

/** CR0 write rules (SDM Vol.3 2.5): PG needs PE; NW without CD is #GP on the 486 and later. */
function writeCr0(cpu: Cpu, v: number): void {
  const is486 = cpu.model.generation >= 486;
  if (v & CR0_PG && !(v & CR0_PE)) cpu.raiseException(Vector.GP, 0);
  if (is486 && v & CR0_NW && !(v & CR0_CD)) cpu.raiseException(Vector.GP, 0);
  const implemented =
    CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_PG | (is486 ? CR0_NE | CR0_WP | CR0_AM | CR0_NW | CR0_CD : 0);
  let cr0 = v & implemented;
  if (is486) cr0 |= CR0_ET; // hard-wired to 1 from the 486 on
  const wasProtected = cpu.protectedMode;
  cpu.cr0 = cr0;
  // Entering or leaving protected mode keeps the segment caches; only the real-mode
  // "every segment writable" rule depends on PE, so re-derive the access ranges.
  if (wasProtected !== cpu.protectedMode) {
    for (let s = 0; s < 6; s++)
      cpu.setSegmentCache(s, cpu.segSelector[s], cpu.segBase[s], cpu.segLimit[s], cpu.segAttr[s]);
  }
}

export function lmsw(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  const v = readE(cpu, ins, 16);
  // LMSW sets PE but cannot clear it, and touches only PE MP EM TS (SDM Vol.2 LMSW).
  writeCr0(cpu, (cpu.cr0 & ~0xe) | (v & 0xf) | (cpu.cr0 & CR0_PE));
  cpu.leaveBlock = true;
}

export function smsw(cpu: Cpu, ins: Instr): void {
  if (ins.memory) writeE(cpu, ins, 16, cpu.cr0);
  else writeE(cpu, ins, ins.opsize, cpu.cr0);
}

export function clts(cpu: Cpu): void {
  requireCpl0(cpu);
  cpu.cr0 &= ~CR0_TS;
}

function debugRegisterIndex(cpu: Cpu, n: number): number {
  if (n === 4 || n === 5) {
    if (cpu.cr4 & CR4_DE) cpu.raiseException(Vector.UD);
    return n + 2;
  }
  return n;
}

/**
 * DR7.GD (SDM Vol.3 17.2.4): any MOV to or from a debug register raises a #DB fault before
 * it executes, with DR6.BD set and GD cleared so that the handler can use them.
 */
function generalDetect(cpu: Cpu): void {
  if ((cpu.dr[7] & DR7_GD) === 0) return;
  cpu.dr[6] |= DR6_BD;
  cpu.dr[7] &= ~DR7_GD;
  cpu.raiseException(Vector.DB);
}

export function movFromDebug(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  const n = debugRegisterIndex(cpu, ins.reg);
  generalDetect(cpu);
  cpu.regs[ins.rm] = cpu.dr[n];
}

export function movToDebug(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  const n = debugRegisterIndex(cpu, ins.reg);
  generalDetect(cpu);
  writeDebugRegister(cpu, n, cpu.regs[ins.rm]);
  // Breakpoints armed or disarmed: the interpreter picks its loop again at this boundary.
  cpu.stopForEvents();
}

/** Test registers: TR6/TR7 on the 386, TR3-TR7 on the 486 (SDM 486 manual, chapter 10). */
function testRegisterExists(cpu: Cpu, n: number): boolean {
  return cpu.model.generation === 386 ? n === 6 || n === 7 : n >= 3;
}

export function movFromTest(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  if (!testRegisterExists(cpu, ins.reg)) cpu.raiseException(Vector.UD);
  cpu.regs[ins.rm] = cpu.tr[ins.reg];
}

export function movToTest(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  if (!testRegisterExists(cpu, ins.reg)) cpu.raiseException(Vector.UD);
  cpu.tr[ins.reg] = cpu.regs[ins.rm];
}

// --- Descriptor-table registers (SDM Vol.2 LGDT/LIDT/SGDT/SIDT) --------------------------

function loadTableRegister(cpu: Cpu, ins: Instr): [number, number] {
  requireCpl0(cpu);
  const off = effectiveAddress(cpu, ins);
  const limit = cpu.read16(ins.seg, off);
  let base = cpu.read32(ins.seg, offsetPlus(ins, off, 2));
  if (ins.opsize === 16) base &= 0xffffff;
  return [limit, base];
}

export function lgdt(cpu: Cpu, ins: Instr): void {
  [cpu.gdtLimit, cpu.gdtBase] = loadTableRegister(cpu, ins);
}

export function lidt(cpu: Cpu, ins: Instr): void {
  [cpu.idtLimit, cpu.idtBase] = loadTableRegister(cpu, ins);
  cpu.eventsStopRun = false; // a program with an IDT handles its own exceptions
}

function storeTableRegister(cpu: Cpu, ins: Instr, limit: number, base: number): void {
  const off = effectiveAddress(cpu, ins);
  cpu.checkWrite(ins.seg, off, 2);
  cpu.checkWrite(ins.seg, offsetPlus(ins, off, 2), 4);
  cpu.write16(ins.seg, off, limit);
  // 16-bit operand size stores a 24-bit base; the 386 and 486 fill the top byte with ones.
  const high = cpu.model.generation <= 486 ? 0xff000000 : 0;
  cpu.write32(ins.seg, offsetPlus(ins, off, 2), ins.opsize === 16 ? (base & 0xffffff) | high : base);
}

export function sgdt(cpu: Cpu, ins: Instr): void {
  storeTableRegister(cpu, ins, cpu.gdtLimit, cpu.gdtBase);
}

export function sidt(cpu: Cpu, ins: Instr): void {
  storeTableRegister(cpu, ins, cpu.idtLimit, cpu.idtBase);
}

export function sldt(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  writeE(cpu, ins, ins.memory ? 16 : ins.opsize, cpu.ldtSelector);
}

export function str(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  writeE(cpu, ins, ins.memory ? 16 : ins.opsize, cpu.taskSelector);
}

/** LLDT (SDM Vol.2): a null selector disables the LDT; otherwise an LDT descriptor in the GDT. */
export function lldt(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  requireCpl0(cpu);
  const selector = readE(cpu, ins, 16);
  if ((selector & 0xfffc) === 0) {
    cpu.ldtSelector = selector;
    cpu.ldtBase = 0;
    cpu.ldtLimit = 0;
    return;
  }
  if (selector & 4) cpu.raiseException(Vector.GP, selector & 0xfffc);
  const d = readDescriptor(cpu, selector);
  if (d.attr & ATTR_S || ((d.attr >> 8) & 0xf) !== 2) cpu.raiseException(Vector.GP, selector & 0xfffc);
  if (!(d.attr & ATTR_PRESENT)) cpu.raiseException(Vector.NP, selector & 0xfffc);
  cpu.ldtSelector = selector;
  cpu.ldtBase = d.base;
  cpu.ldtLimit = d.limit;
}

/** LTR (SDM Vol.2): an available 286/386 TSS in the GDT, which becomes busy. */
export function ltr(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  requireCpl0(cpu);
  const selector = readE(cpu, ins, 16);
  if ((selector & 0xfffc) === 0) cpu.raiseException(Vector.GP, 0);
  if (selector & 4) cpu.raiseException(Vector.GP, selector & 0xfffc);
  const d = readDescriptor(cpu, selector);
  const type = (d.attr >> 8) & 0xf;
  if (d.attr & ATTR_S || (type !== 1 && type !== 9)) cpu.raiseException(Vector.GP, selector & 0xfffc);
  if (!(d.attr & ATTR_PRESENT)) cpu.raiseException(Vector.NP, selector & 0xfffc);
  cpu.writeLinear8(d.address + 5, cpu.readLinear8(d.address + 5) | 2);
  cpu.taskSelector = selector;
  cpu.taskBase = d.base;
  cpu.taskLimit = d.limit;
  cpu.taskType = type === 9 ? 32 : 16;
}

// --- Descriptor inspection (SDM Vol.2 LAR LSL VERR VERW ARPL) -----------------------------

/**
 * The descriptor a selector names when it is visible at the current CPL and RPL, or null
 * (the instruction then clears ZF). `types` lists the system types that qualify.
 */
function visibleDescriptor(
  cpu: Cpu,
  selector: number,
  systemTypes: readonly number[],
): ReturnType<typeof readDescriptor> | null {
  if ((selector & 0xfffc) === 0) return null;
  const index = selector & 0xfff8;
  const limit = selector & 4 ? cpu.ldtLimit : cpu.gdtLimit;
  if (index + 7 > limit) return null;
  const d = readDescriptor(cpu, selector);
  if (!(d.attr & ATTR_S)) {
    if (!systemTypes.includes((d.attr >> 8) & 0xf)) return null;
  }
  const conformingCode = d.attr & ATTR_S && d.attr & ATTR_CODE && d.attr & ATTR_EXPAND_DOWN;
  if (!conformingCode && (d.dpl < cpu.cpl || d.dpl < (selector & 3))) return null;
  return d;
}

function setZf(cpu: Cpu, on: boolean): void {
  setArith(cpu, ZF, on ? ZF : 0);
}

export function lar(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  const d = visibleDescriptor(cpu, readE(cpu, ins, 16), [1, 2, 3, 4, 5, 9, 11, 12]);
  if (d) cpu.setReg(ins.reg, ins.opsize, d.attr & 0x00f0ff00 & (ins.opsize === 16 ? 0xff00 : -1));
  setZf(cpu, d !== null);
}

export function lsl(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  const d = visibleDescriptor(cpu, readE(cpu, ins, 16), [1, 2, 3, 9, 11]);
  if (d) cpu.setReg(ins.reg, ins.opsize, d.limit);
  setZf(cpu, d !== null);
}

export function verr(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  const d = visibleDescriptor(cpu, readE(cpu, ins, 16), []);
  const ok = d !== null && (d.attr & ATTR_S) !== 0 && (!(d.attr & ATTR_CODE) || (d.attr & ATTR_WRITABLE) !== 0);
  setZf(cpu, ok);
}

export function verw(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  const d = visibleDescriptor(cpu, readE(cpu, ins, 16), []);
  const ok = d !== null && (d.attr & ATTR_S) !== 0 && !(d.attr & ATTR_CODE) && (d.attr & ATTR_WRITABLE) !== 0;
  setZf(cpu, ok);
}

export function arpl(cpu: Cpu, ins: Instr): void {
  requireProtectedMode(cpu);
  const dest = ins.memory ? cpu.read16(ins.seg, effectiveAddress(cpu, ins)) : cpu.getReg16(ins.rm);
  const src = cpu.getReg16(ins.reg);
  if ((dest & 3) < (src & 3)) {
    writeE(cpu, ins, 16, (dest & ~3) | (src & 3));
    setZf(cpu, true);
  } else setZf(cpu, false);
}

// --- Caches and TLB: the emulator has neither, so these only check privilege -------------

export function invd(cpu: Cpu): void {
  requireCpl0(cpu);
}

export function wbinvd(cpu: Cpu): void {
  requireCpl0(cpu);
}

export function invlpg(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  cpu.tlb.flushPage((cpu.segBase[ins.seg] + effectiveAddress(cpu, ins)) | 0);
  cpu.leaveBlock = true;
}

// --- MSRs, TSC, CPUID -------------------------------------------------------------------

export const MSR_TSC = 0x10;
export const MSR_SYSENTER_CS = 0x174;
export const MSR_SYSENTER_ESP = 0x175;
export const MSR_SYSENTER_EIP = 0x176;
export const MSR_EFER = 0xc0000080 | 0;
export const MSR_STAR = 0xc0000081 | 0;
const EFER_SCE = 1;

function hasSysenterMsrs(cpu: Cpu): boolean {
  // The Pentium Pro has the MSRs (and reports SEP) even though SYSENTER itself faults.
  return cpu.model.generation >= 686;
}

export function timeStampCounter(cpu: Cpu, ins: Instr): number {
  return cpu.instructionCount + ins.indexInBlock + cpu.tscOffset;
}

export function rdtsc(cpu: Cpu, ins: Instr): void {
  if (cpu.cr4 & CR4_TSD && cpu.protectedMode && cpu.cpl !== 0) cpu.raiseException(Vector.GP, 0);
  const t = timeStampCounter(cpu, ins);
  cpu.regs[EAX] = t % 0x100000000;
  cpu.regs[EDX] = Math.floor(t / 0x100000000);
}

export function rdmsr(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  const msr = cpu.regs[ECX];
  let low = 0,
    high = 0;
  if (msr === MSR_TSC) {
    const t = timeStampCounter(cpu, ins);
    low = t % 0x100000000;
    high = Math.floor(t / 0x100000000);
  } else if (msr === MSR_SYSENTER_CS && hasSysenterMsrs(cpu)) low = cpu.sysenterCs;
  else if (msr === MSR_SYSENTER_ESP && hasSysenterMsrs(cpu)) low = cpu.sysenterEsp;
  else if (msr === MSR_SYSENTER_EIP && hasSysenterMsrs(cpu)) low = cpu.sysenterEip;
  else if (msr === MSR_EFER && cpu.model.features.has('syscall')) low = cpu.efer;
  else if (msr === MSR_STAR && cpu.model.features.has('syscall')) {
    low = cpu.star;
    high = cpu.starHigh;
  } else cpu.raiseException(Vector.GP, 0);
  cpu.regs[EAX] = low;
  cpu.regs[EDX] = high;
}

export function wrmsr(cpu: Cpu, ins: Instr): void {
  requireCpl0(cpu);
  const msr = cpu.regs[ECX];
  const low = cpu.regs[EAX],
    high = cpu.regs[EDX];
  if (msr === MSR_TSC) {
    cpu.tscOffset = (high >>> 0) * 0x100000000 + (low >>> 0) - (cpu.instructionCount + ins.indexInBlock);
  } else if (msr === MSR_SYSENTER_CS && hasSysenterMsrs(cpu)) cpu.sysenterCs = low & 0xffff;
  else if (msr === MSR_SYSENTER_ESP && hasSysenterMsrs(cpu)) cpu.sysenterEsp = low;
  else if (msr === MSR_SYSENTER_EIP && hasSysenterMsrs(cpu)) cpu.sysenterEip = low;
  else if (msr === MSR_EFER && cpu.model.features.has('syscall')) {
    if (low & ~EFER_SCE) cpu.raiseException(Vector.GP, 0);
    cpu.efer = low;
  } else if (msr === MSR_STAR && cpu.model.features.has('syscall')) {
    cpu.star = low;
    cpu.starHigh = high;
  } else cpu.raiseException(Vector.GP, 0);
}

function vendorWords(vendor: string): [number, number, number] {
  const word = (i: number) =>
    vendor.charCodeAt(i) |
    (vendor.charCodeAt(i + 1) << 8) |
    (vendor.charCodeAt(i + 2) << 16) |
    (vendor.charCodeAt(i + 3) << 24);
  return [word(0), word(4), word(8)]; // EBX, EDX, ECX
}

/** CPUID (SDM Vol.2 CPUID; AMD APM Vol.3 E) answered from the model table. */
export function cpuid(cpu: Cpu): void {
  const c = cpu.model.cpuid!;
  const regs = cpu.regs;
  let leaf = regs[EAX] >>> 0;
  const signature = (c.family << 8) | (c.model << 4) | c.stepping;
  const amd = c.vendor === 'AuthenticAMD';
  let a = 0,
    b = 0,
    cc = 0,
    d = 0;
  if (leaf >= 0x80000000 && c.maxExtendedLeaf === 0) leaf = amd ? -1 : c.maxLeaf;
  else if (leaf >= 0x80000000 && leaf > c.maxExtendedLeaf) leaf = amd ? -1 : c.maxLeaf;
  else if (leaf < 0x80000000 && leaf > c.maxLeaf) leaf = amd ? -1 : c.maxLeaf;
  if (leaf === 0) {
    a = c.maxLeaf;
    [b, d, cc] = vendorWords(c.vendor);
  } else if (leaf === 1) {
    a = signature;
    d = c.features;
  } else if (leaf === 0x80000000) {
    a = c.maxExtendedLeaf;
    [b, d, cc] = vendorWords(c.vendor);
  } else if (leaf === 0x80000001) {
    a = signature;
    d = c.extendedFeatures;
  } else if (leaf >= 0x80000002 && leaf <= 0x80000004) {
    const part = c.brand.padEnd(48, '\0').slice((leaf - 0x80000002) * 16, (leaf - 0x80000002) * 16 + 16);
    const w = (i: number) =>
      part.charCodeAt(i) |
      (part.charCodeAt(i + 1) << 8) |
      (part.charCodeAt(i + 2) << 16) |
      (part.charCodeAt(i + 3) << 24);
    [a, b, cc, d] = [w(0), w(4), w(8), w(12)];
  }
  regs[EAX] = a;
  regs[EBX] = b;
  regs[ECX] = cc;
  regs[EDX] = d;
}

// --- Fast system calls (SDM Vol.2 SYSENTER/SYSEXIT; AMD APM Vol.3 SYSCALL/SYSRET legacy mode) --

const FLAT_CODE = ATTR_PRESENT | ATTR_S | ATTR_CODE | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G;
const FLAT_DATA = ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G;

function loadFlat(cpu: Cpu, cs: number, ss: number, cpl: number): void {
  cpu.cpl = cpl;
  cpu.setSegmentCache(CS, cs, 0, 0xffffffff, FLAT_CODE | (cpl << 13));
  cpu.setSegmentCache(SS, ss, 0, 0xffffffff, FLAT_DATA | (cpl << 13));
}

export function sysenter(cpu: Cpu): void {
  if (!cpu.protectedMode) cpu.raiseException(Vector.GP, 0);
  if ((cpu.sysenterCs & 0xfffc) === 0) cpu.raiseException(Vector.GP, 0);
  materialize(cpu);
  cpu.flags &= ~(VM | IF | RF);
  const cs = cpu.sysenterCs & 0xfffc;
  loadFlat(cpu, cs, cs + 8, 0);
  cpu.regs[ESP] = cpu.sysenterEsp;
  cpu.eip = cpu.sysenterEip >>> 0;
}

export function sysexit(cpu: Cpu): void {
  if (!cpu.protectedMode || cpu.cpl !== 0 || (cpu.sysenterCs & 0xfffc) === 0) cpu.raiseException(Vector.GP, 0);
  const cs = cpu.sysenterCs & 0xfffc;
  loadFlat(cpu, (cs + 16) | 3, (cs + 24) | 3, 3);
  cpu.regs[ESP] = cpu.regs[ECX];
  cpu.eip = cpu.regs[EDX] >>> 0;
}

export function syscall(cpu: Cpu, ins: Instr): void {
  if (!(cpu.efer & EFER_SCE)) cpu.raiseException(Vector.UD);
  if (!cpu.protectedMode) cpu.raiseException(Vector.GP, 0);
  cpu.regs[ECX] = (cpu.eip + ins.length) | 0;
  materialize(cpu);
  cpu.flags &= ~(VM | IF | RF);
  const cs = cpu.starHigh & 0xfffc;
  loadFlat(cpu, cs, cs + 8, 0);
  cpu.eip = cpu.star >>> 0;
}

export function sysret(cpu: Cpu): void {
  if (!(cpu.efer & EFER_SCE)) cpu.raiseException(Vector.UD);
  if (!cpu.protectedMode || cpu.cpl !== 0) cpu.raiseException(Vector.GP, 0);
  const cs = (cpu.starHigh >>> 16) & 0xfffc;
  loadFlat(cpu, cs | 3, (cs + 8) | 3, 3);
  const before = cpu.flags;
  cpu.flags |= IF;
  cpu.eip = cpu.regs[ECX] >>> 0;
  cpu.eflagsLoaded(before);
}
