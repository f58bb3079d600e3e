// x87 control instructions (SDM Vol.1 8.3.11-8.3.13, 8.1.10; Vol.2 FINIT/FNINIT, FCLEX/FNCLEX,
// FLDCW, FSTCW/FNSTCW, FSTSW/FNSTSW, FLDENV, FSTENV/FNSTENV, FRSTOR, FSAVE/FNSAVE, FXSAVE,
// FXRSTOR, WAIT/FWAIT) and the transcendental instructions' stack handling.

import type { FpuExecName } from '../../../isa/execNames';
import type { Cpu } from '../cpu';
import { CR0_EM, CR0_MP, CR0_NE, CR0_TS, CS } from '../constants';
import type { Instr, Handler } from '../instr';
import { Vector } from '../exceptions';
import { offsetPlus } from '../operands';
import { type Ext, INDEFINITE } from './softfloat';
import {
  begin,
  complete,
  enter,
  errorCleared,
  operandOffset,
  probeWrite,
  pushOverflows,
  read80,
  readSt,
  recordInstruction,
  signalError,
  write80,
} from './access';
import { SW_B, SW_C1, SW_C2, SW_ES, TAG_EMPTY, tagFor } from './state';
import { f2xm1, fpatan, fyl2x, fyl2xp1, trig } from './transcendental';
import { fenv } from './softfloat';

// --- Control and status words ------------------------------------------------------------

function fninit(cpu: Cpu): void {
  if (!enter(cpu, false)) return;
  cpu.fpu.init();
  errorCleared(cpu);
}

/** FNCLEX: PE UE OE ZE DE IE, SF, ES and B cleared. */
function fnclex(cpu: Cpu): void {
  if (!enter(cpu, false)) return;
  cpu.fpu.sw &= ~(0xff | SW_B);
  errorCleared(cpu);
}

/** ES (and B) follow the exception flags against the masks (SDM Vol.1 8.1.3: ES = an unmasked flag is set). */
function summarize(cpu: Cpu): void {
  const fpu = cpu.fpu;
  if ((fpu.sw & ~fpu.cw & 0x3f) !== 0) {
    const was = (fpu.sw & SW_ES) !== 0;
    fpu.sw |= SW_ES | SW_B;
    if (!was) signalError(cpu);
  } else {
    fpu.sw &= ~(SW_ES | SW_B);
    errorCleared(cpu);
  }
}

function fldcw(cpu: Cpu, ins: Instr): void {
  if (!enter(cpu, true)) return;
  const v = cpu.read16(ins.seg, operandOffset(cpu, ins));
  // Bits 6-7 and 13-15 are reserved: bit 6 reads as 1, the others as 0 (SDM Vol.1 8.1.5 Figure 8-6).
  cpu.fpu.cw = (v & 0x1f3f) | 0x40;
  summarize(cpu);
}

function fnstcw(cpu: Cpu, ins: Instr): void {
  if (!enter(cpu, false)) return;
  cpu.write16(ins.seg, operandOffset(cpu, ins), cpu.fpu.cw);
}

/** FNSTSW m16, FNSTSW AX. */
function fnstsw(cpu: Cpu, ins: Instr): void {
  if (!enter(cpu, false)) return;
  const sw = cpu.fpu.statusWord();
  if (ins.memory) cpu.write16(ins.seg, operandOffset(cpu, ins), sw);
  else cpu.regs[0] = (cpu.regs[0] & ~0xffff) | sw;
}

/** FENI, FDISI (8087) and FSETPM (80287) execute as FNOP on the 387 and later (SDM Vol.2 Appendix A.5 note). */
function legacyNop(cpu: Cpu): void {
  enter(cpu, false);
}

/** WAIT/FWAIT: #NM when CR0.MP and TS (SDM Vol.3 Table 2-2), then any pending unmasked exception. */
export function fwait(cpu: Cpu): void {
  if ((cpu.cr0 & CR0_MP) !== 0 && (cpu.cr0 & CR0_TS) !== 0) cpu.raiseException(Vector.NM);
  if (cpu.model.fpu && (cpu.fpu.sw & SW_ES) !== 0 && (cpu.cr0 & CR0_NE) !== 0 && (cpu.cr0 & CR0_EM) === 0) {
    cpu.raiseException(Vector.MF);
  }
}

// --- Environment and full state (SDM Vol.1 8.1.10, Figures 8-9 to 8-12) --------------------

/** Tag word for saving: empty stays empty, others are recomputed from the contents. */
function liveTag(cpu: Cpu): number {
  const fpu = cpu.fpu;
  let tw = 0;
  for (let p = 0; p < 8; p++) {
    const t = fpu.tagOf(p) === TAG_EMPTY ? TAG_EMPTY : tagFor(fpu.regExp[p], fpu.regHi[p], fpu.regLo[p]);
    tw |= t << (p * 2);
  }
  return tw;
}

/** The environment image: 14 bytes (16-bit operand size) or 28 (32-bit); real-mode layouts hold linear pointers. */
function environmentBytes(cpu: Cpu, ins: Instr): number[] {
  const fpu = cpu.fpu;
  const out: number[] = [];
  const put16 = (v: number) => out.push(v & 0xff, (v >> 8) & 0xff);
  const put32 = (v: number) => {
    put16(v & 0xffff);
    put16((v >>> 16) & 0xffff);
  };
  const real = (cpu.cr0 & 1) === 0;
  const cw = fpu.cw,
    sw = fpu.statusWord(),
    tw = liveTag(cpu);
  if (ins.opsize === 32) {
    put32(cw | 0xffff0000);
    put32(sw | 0xffff0000);
    put32(tw | 0xffff0000);
    if (real) {
      const ip = (fpu.fcs << 4) + fpu.fip,
        dp = (fpu.fds << 4) + fpu.fdp;
      put32((ip & 0xffff) | 0xffff0000);
      put32(((ip >>> 16) << 12) | fpu.fop);
      put32((dp & 0xffff) | 0xffff0000);
      put32((dp >>> 16) << 12);
    } else {
      put32(fpu.fip);
      put32(fpu.fcs | (fpu.fop << 16));
      put32(fpu.fdp);
      put32(fpu.fds | 0xffff0000);
    }
  } else {
    put16(cw);
    put16(sw);
    put16(tw);
    if (real) {
      const ip = (fpu.fcs << 4) + fpu.fip,
        dp = (fpu.fds << 4) + fpu.fdp;
      put16(ip & 0xffff);
      put16((((ip >>> 16) & 0xf) << 12) | fpu.fop);
      put16(dp & 0xffff);
      put16(((dp >>> 16) & 0xf) << 12);
    } else {
      put16(fpu.fip);
      put16(fpu.fcs);
      put16(fpu.fdp);
      put16(fpu.fds);
    }
  }
  return out;
}

function loadEnvironment(cpu: Cpu, ins: Instr, off: number): void {
  const fpu = cpu.fpu;
  const r16 = (k: number) => cpu.read16(ins.seg, offsetPlus(ins, off, k));
  const r32 = (k: number) => cpu.read32(ins.seg, offsetPlus(ins, off, k)) >>> 0;
  const real = (cpu.cr0 & 1) === 0;
  let cw: number, sw: number, tw: number, fip: number, fcs: number, fdp: number, fds: number, fop: number;
  if (ins.opsize === 32) {
    cw = r16(0);
    sw = r16(4);
    tw = r16(8);
    if (real) {
      fip = (r16(12) | ((r32(16) >>> 12) << 16)) >>> 0;
      fcs = 0;
      fop = r16(16) & 0x7ff;
      fdp = (r16(20) | ((r32(24) >>> 12) << 16)) >>> 0;
      fds = 0;
    } else {
      fip = r32(12);
      const w = r32(16);
      fcs = w & 0xffff;
      fop = (w >>> 16) & 0x7ff;
      fdp = r32(20);
      fds = r16(24);
    }
  } else {
    cw = r16(0);
    sw = r16(2);
    tw = r16(4);
    if (real) {
      const w = r16(8);
      fip = r16(6) | ((w >> 12) << 16);
      fcs = 0;
      fop = w & 0x7ff;
      fdp = r16(10) | ((r16(12) >> 12) << 16);
      fds = 0;
    } else {
      fip = r16(6);
      fcs = r16(8);
      fdp = r16(10);
      fds = r16(12);
      fop = fpu.fop;
    }
  }
  fpu.cw = (cw & 0x1f3f) | 0x40;
  fpu.setStatusWord(sw);
  fpu.fip = fip;
  fpu.fcs = fcs;
  fpu.fdp = fdp;
  fpu.fds = fds;
  fpu.fop = fop;
  // Tags: only "empty" is taken from the image; the others follow the contents (SDM Vol.2 FLDENV).
  restoreTags(cpu, (p) => ((tw >> (p * 2)) & 3) === TAG_EMPTY);
  summarize(cpu);
}

function restoreTags(cpu: Cpu, empty: (phys: number) => boolean): void {
  const fpu = cpu.fpu;
  let tag = 0;
  for (let p = 0; p < 8; p++)
    tag |= (empty(p) ? TAG_EMPTY : tagFor(fpu.regExp[p], fpu.regHi[p], fpu.regLo[p])) << (p * 2);
  fpu.tag = tag;
}

function fnstenv(cpu: Cpu, ins: Instr): void {
  if (!enter(cpu, false)) return;
  const off = operandOffset(cpu, ins);
  const bytes = environmentBytes(cpu, ins);
  probeWrite(cpu, ins, off, bytes.length);
  bytes.forEach((b, i) => cpu.write8(ins.seg, offsetPlus(ins, off, i), b));
  // SDM Vol.2 FSTENV: then every exception is masked.
  cpu.fpu.cw |= 0x3f;
}

function fldenv(cpu: Cpu, ins: Instr): void {
  if (!enter(cpu, false)) return;
  loadEnvironment(cpu, ins, operandOffset(cpu, ins));
}

function fnsave(cpu: Cpu, ins: Instr): void {
  if (!enter(cpu, false)) return;
  const fpu = cpu.fpu;
  const off = operandOffset(cpu, ins);
  const env = environmentBytes(cpu, ins);
  probeWrite(cpu, ins, off, env.length + 80);
  env.forEach((b, i) => cpu.write8(ins.seg, offsetPlus(ins, off, i), b));
  for (let i = 0; i < 8; i++) write80(cpu, ins, offsetPlus(ins, off, env.length + i * 10), fpu.st(i));
  fpu.init();
  errorCleared(cpu);
}

function frstor(cpu: Cpu, ins: Instr): void {
  if (!enter(cpu, false)) return;
  const fpu = cpu.fpu;
  const off = operandOffset(cpu, ins);
  const envSize = ins.opsize === 32 ? 28 : 14;
  // Read everything before changing anything (a fault leaves the FPU as it was).
  const regs: Ext[] = [];
  for (let i = 0; i < 8; i++) regs.push(read80(cpu, ins, offsetPlus(ins, off, envSize + i * 10)));
  cpu.read16(ins.seg, offsetPlus(ins, off, envSize - 2));
  const top = (cpu.read16(ins.seg, offsetPlus(ins, off, ins.opsize === 32 ? 4 : 2)) >> 11) & 7;
  for (let i = 0; i < 8; i++) {
    const p = (top + i) & 7;
    fpu.regExp[p] = (regs[i].sign << 15) | regs[i].exp;
    fpu.regHi[p] = Number(regs[i].sig >> 32n) >>> 0;
    fpu.regLo[p] = Number(regs[i].sig & 0xffffffffn) >>> 0;
  }
  loadEnvironment(cpu, ins, off);
}

/**
 * FXSAVE (SDM Vol.2, Table 3-? 32-bit layout): #GP unless 16-byte aligned; the SSE area is left alone (no SSE
 * on these models).
 */
function fxsave(cpu: Cpu, ins: Instr): void {
  if ((cpu.cr0 & (CR0_EM | CR0_TS)) !== 0) cpu.raiseException(Vector.NM);
  const fpu = cpu.fpu;
  const off = operandOffset(cpu, ins);
  if (((cpu.segBase[ins.seg] + off) & 15) !== 0) cpu.raiseException(Vector.GP, 0);
  probeWrite(cpu, ins, off, 160);
  const w16 = (k: number, v: number) => cpu.write16(ins.seg, offsetPlus(ins, off, k), v);
  const w32 = (k: number, v: number) => cpu.write32(ins.seg, offsetPlus(ins, off, k), v | 0);
  let abridged = 0;
  for (let p = 0; p < 8; p++) if (fpu.tagOf(p) !== TAG_EMPTY) abridged |= 1 << p;
  w16(0, fpu.cw);
  w16(2, fpu.statusWord());
  w16(4, abridged);
  w16(6, fpu.fop);
  w32(8, fpu.fip);
  w32(12, fpu.fcs);
  w32(16, fpu.fdp);
  w32(20, fpu.fds);
  w32(24, 0); // MXCSR: no SSE on these models
  w32(28, 0);
  for (let i = 0; i < 8; i++) {
    const p = fpu.phys(i);
    w32(32 + i * 16, fpu.regLo[p]);
    w32(36 + i * 16, fpu.regHi[p]);
    w16(40 + i * 16, fpu.regExp[p]);
    w16(42 + i * 16, 0);
    w32(44 + i * 16, 0);
  }
}

function fxrstor(cpu: Cpu, ins: Instr): void {
  if ((cpu.cr0 & (CR0_EM | CR0_TS)) !== 0) cpu.raiseException(Vector.NM);
  const fpu = cpu.fpu;
  const off = operandOffset(cpu, ins);
  if (((cpu.segBase[ins.seg] + off) & 15) !== 0) cpu.raiseException(Vector.GP, 0);
  const r16 = (k: number) => cpu.read16(ins.seg, offsetPlus(ins, off, k));
  const r32 = (k: number) => cpu.read32(ins.seg, offsetPlus(ins, off, k)) >>> 0;
  const cw = r16(0),
    sw = r16(2),
    abridged = r16(4) & 0xff,
    fop = r16(6);
  const fip = r32(8),
    fcs = r16(12),
    fdp = r32(16),
    fds = r16(20);
  const regs: [number, number, number][] = [];
  for (let i = 0; i < 8; i++) regs.push([r16(40 + i * 16), r32(36 + i * 16), r32(32 + i * 16)]);
  fpu.cw = (cw & 0x1f3f) | 0x40;
  fpu.setStatusWord(sw);
  fpu.fop = fop & 0x7ff;
  fpu.fip = fip;
  fpu.fcs = fcs;
  fpu.fdp = fdp;
  fpu.fds = fds;
  for (let i = 0; i < 8; i++) {
    const p = fpu.phys(i);
    [fpu.regExp[p], fpu.regHi[p], fpu.regLo[p]] = regs[i];
  }
  restoreTags(cpu, (p) => (abridged & (1 << p)) === 0);
  summarize(cpu);
}

// --- Transcendental instructions: stack handling around transcendental.ts ----------------------

function start(cpu: Cpu, ins: Instr): boolean {
  if (!enter(cpu, true)) return false;
  recordInstruction(cpu, ins);
  begin(cpu);
  return true;
}

function readPair(cpu: Cpu): { a: Ext; b: Ext; empty: boolean } {
  const fpu = cpu.fpu;
  const empty = fpu.isEmpty(0) || fpu.isEmpty(1);
  const a = readSt(cpu, 0);
  const b = readSt(cpu, 1);
  return { a, b, empty };
}

/** FYL2X, FYL2XP1, FPATAN: ST1 = f(ST0, ST1), then pop. */
function binaryPop(fn: (x: Ext, y: Ext) => Ext): Handler {
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    const { a, b, empty } = readPair(cpu);
    const r = empty ? INDEFINITE : fn(a, b);
    if (!complete(cpu)) return;
    cpu.fpu.setSt(1, r);
    cpu.fpu.pop();
  };
}

function f2xm1Handler(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  const empty = cpu.fpu.isEmpty(0);
  const a = readSt(cpu, 0);
  const r = empty ? INDEFINITE : f2xm1(a);
  if (complete(cpu)) cpu.fpu.setSt(0, r);
}

/** FSIN, FCOS (replace ST0), FSINCOS, FPTAN (replace and push); out of range: C2 = 1, nothing changes. */
function trigHandler(kind: 'sin' | 'cos' | 'sincos' | 'tan'): Handler {
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    const fpu = cpu.fpu;
    const empty = fpu.isEmpty(0);
    const a = readSt(cpu, 0);
    const pushes = kind === 'sincos' || kind === 'tan';
    const overflow = pushes && !empty && pushOverflows(cpu);
    if (empty || overflow) {
      if (!complete(cpu)) return;
      if (overflow) fpu.sw |= SW_C1;
      fpu.sw &= ~SW_C2;
      fpu.setSt(0, INDEFINITE);
      if (pushes) fpu.push(INDEFINITE);
      return;
    }
    const res = trig(a, kind);
    if (res.outOfRange) {
      fenv.flags = 0;
      complete(cpu);
      fpu.sw |= SW_C2;
      return;
    }
    if (!complete(cpu)) return;
    fpu.sw &= ~SW_C2;
    fpu.setSt(0, res.values[0]);
    if (pushes) fpu.push(res.values[1]);
  };
}

export const FPU_CONTROL_EXECS: Partial<Record<FpuExecName, Handler>> = {
  fninit,
  fnclex,
  fldcw,
  fnstcw,
  fnstsw,
  fnstenv,
  fldenv,
  fnsave,
  frstor,
  fxsave,
  fxrstor,
  fpuLegacyNop: legacyNop,
  f2xm1: f2xm1Handler,
  fyl2x: binaryPop(fyl2x),
  fyl2xp1: binaryPop(fyl2xp1),
  fpatan: binaryPop(fpatan),
  fsin: trigHandler('sin'),
  fcos: trigHandler('cos'),
  fsincos: trigHandler('sincos'),
  fptan: trigHandler('tan'),
};

export { CS };
