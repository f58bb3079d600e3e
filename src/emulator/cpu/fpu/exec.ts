// x87 data instructions (SDM Vol.2 instruction pages; Vol.1 8.3): loads and stores of every
// memory format, exchanges, the arithmetic in its register, reversed, popping and integer
// forms, compares, FCMOVcc, the constants and the one-operand operations. Each handler is
// called the same way from the interpreter and from compiled blocks (dispatch.ts EXECS).

import type { FpuExecName } from '../../../isa/execNames';
import type { Cpu } from '../cpu';
import type { Instr, Handler } from '../instr';
import { testCondition } from '../flags';
import { CF, PF, ZF } from '../flags';
import {
  type Ext,
  DE,
  DOUBLE,
  IE,
  INDEFINITE,
  PE,
  SINGLE,
  add,
  compare,
  div,
  extract,
  fenv,
  fromBcd,
  isSNaN,
  mul,
  propagateNaN,
  remainder,
  roundInt,
  scale,
  sqrt,
  toBcd,
  toInt,
  toReal,
  zero,
  isNaN as extIsNaN,
} from './softfloat';
import {
  begin,
  complete,
  enter,
  operandOffset,
  pushOverflows,
  read16,
  read32,
  readBytes,
  recordData,
  recordInstruction,
  stackUnderflow,
  write64,
  write80,
  writeBytes,
} from './access';
import { SW_C0, SW_C1, SW_C2, SW_C3, SW_CC, TAG_EMPTY, examine, tagFor } from './state';
import { offsetPlus } from '../operands';
import {
  OP_ADD,
  OP_DIV,
  OP_DIVR,
  OP_MUL,
  OP_SUB,
  OP_SUBR,
  copyPhys,
  fastArithmetic,
  fastCompare,
  fastSquareRoot,
  fastStoreInt,
  fastStoreReal,
  memoryFormat,
  pushRaw,
  readSource,
  sourceExt,
  src,
} from './fastops';
import { constantValue, loadConstant } from './transcendental';

/** Common prologue of a waiting non-control instruction; false: no FPU, nothing to do. */
function start(cpu: Cpu, ins: Instr): boolean {
  if (!enter(cpu, true)) return false;
  recordInstruction(cpu, ins);
  begin(cpu);
  return true;
}

/** Pushes `v` with the stack-overflow rule; call after the operation's flags are final. */
function pushResult(cpu: Cpu, v: Ext, denormalLoads = false): void {
  const fpu = cpu.fpu;
  const overflow = pushOverflows(cpu);
  // FLD m32fp/m64fp of a denormal with DE unmasked still loads it (as the host CPUs do).
  const ok = complete(cpu) || (denormalLoads && (fenv.flags & ~fpu.cw & 0x3f) === DE);
  if (overflow) {
    fpu.sw |= SW_C1;
    if (ok) fpu.push(INDEFINITE);
    return;
  }
  if (ok) fpu.push(v);
}

// --- Arithmetic (SDM Vol.2 FADD/FSUB/FSUBR/FMUL/FDIV/FDIVR and their P and I forms) -----------

type Binary = (a: Ext, b: Ext) => Ext;
const BINARY: Record<string, [Binary, number]> = {
  add: [(a, b) => add(a, b), OP_ADD],
  sub: [(a, b) => add(a, b, true), OP_SUB],
  subr: [(a, b) => add(b, a, true), OP_SUBR],
  mul: [(a, b) => mul(a, b), OP_MUL],
  div: [(a, b) => div(a, b), OP_DIV],
  divr: [(a, b) => div(b, a), OP_DIVR],
};

/**
 * dest = dest op src, where the row's operands say which: ST0 with memory (integer or real),
 * ST0 with ST(i), or ST(i) with ST0; `pop` for the P forms.
 */
function arithmetic(op: string, pop: boolean, integer: boolean): Handler {
  const [fn, code] = BINARY[op];
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    if (ins.memory) readSource(cpu, ins, memoryFormat(ins, integer));
    if (fastArithmetic(cpu, ins, code, pop)) return;
    let dest = 0;
    let a: Ext, b: Ext;
    let underflow = false;
    if (ins.memory) {
      b = sourceExt();
      a = readStChecked(cpu, 0);
    } else if (ins.form!.operands[0] === 'ST0') {
      a = readStChecked(cpu, 0);
      b = readStChecked(cpu, ins.rm);
    } else {
      dest = ins.rm;
      a = readStChecked(cpu, ins.rm);
      b = readStChecked(cpu, 0);
    }
    underflow = a === EMPTY || b === EMPTY;
    const r = underflow ? INDEFINITE : fn(a, b);
    if (complete(cpu)) {
      cpu.fpu.setSt(dest, r);
      if (pop) cpu.fpu.pop();
    }
  };
}

/** The value readSt returns for an empty register (identity marks the underflow). */
const EMPTY: Ext = { ...INDEFINITE };
function readStChecked(cpu: Cpu, i: number): Ext {
  if (cpu.fpu.isEmpty(i)) {
    stackUnderflow(cpu);
    return EMPTY;
  }
  return cpu.fpu.st(i);
}

// --- Compares (SDM Vol.2 FCOM/FCOMP/FCOMPP, FUCOM*, FICOM*, FCOMI*, FTST; Vol.1 Table 8-6) ----

const CC_OF = [SW_C0, SW_C3, 0, SW_C3 | SW_C2 | SW_C0]; // less, equal, greater, unordered

function conditionFor(r: number): number {
  return r === -1 ? CC_OF[0] : r === 0 ? CC_OF[1] : r === 1 ? CC_OF[2] : CC_OF[3];
}

/**
 * FCOM-family: ST0 against the source; C3 C2 C0 by Table 8-6 (C1 = 0), or with `eflags` ZF PF CF
 * (FCOMI: OF SF AF cleared). `quiet`: unordered compare (QNaN operands raise no IE).
 */
function comparison(pops: number, quietNaNs: boolean, integer: boolean, eflags: boolean): Handler {
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    if (ins.memory) readSource(cpu, ins, memoryFormat(ins, integer));
    const which = ins.memory ? 0 : ins.form!.mnemonic === 'ftst' ? 2 : 1;
    if (fastCompare(cpu, ins, pops, eflags, which)) return;
    let b: Ext;
    if (ins.memory) b = sourceExt();
    else if (ins.form!.mnemonic === 'ftst') b = zero(0);
    else b = readStChecked(cpu, ins.form!.operands.length === 0 ? 1 : ins.rm);
    const a = readStChecked(cpu, 0);
    const r = a === EMPTY || b === EMPTY ? 2 : compare(a, b, quietNaNs);
    if (a === EMPTY || b === EMPTY) fenv.flags |= IE;
    const ok = complete(cpu);
    const fpu = cpu.fpu;
    fpu.sw &= ~SW_C1;
    // With an unmasked invalid or denormal exception the condition (unordered for IE) is still
    // reported, in C3 C2 C0 or EFLAGS; only the pops are left out (as the host CPUs do).
    if (eflags) {
      const bits = r === -1 ? CF : r === 0 ? ZF : r === 1 ? 0 : ZF | PF | CF;
      cpu.setArithmeticFlags(bits);
    } else {
      fpu.sw = (fpu.sw & ~(SW_C0 | SW_C2 | SW_C3)) | conditionFor(r);
    }
    if (!ok) return;
    for (let i = 0; i < pops; i++) fpu.pop();
  };
}

// --- Loads and stores (SDM Vol.2 FLD, FILD, FBLD, FST/FSTP, FIST/FISTP, FBSTP) ------------

function fld(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  let v: Ext;
  const fpu = cpu.fpu;
  if (!ins.memory) {
    const p = fpu.phys(ins.rm);
    if (fpu.tagOf(p) !== TAG_EMPTY) {
      pushRaw(cpu, fpu.regExp[p], fpu.regHi[p], fpu.regLo[p]);
      return;
    }
    readStChecked(cpu, ins.rm);
    v = INDEFINITE;
  } else {
    const kind = ins.form!.operands[0];
    if (kind === 'Mt') {
      const off = operandOffset(cpu, ins);
      recordData(cpu, ins, off);
      // An m80 load converts nothing: no #IA for an SNaN, no #D (SDM Vol.2 FLD).
      const lo = read32(cpu, ins, off),
        hi = read32(cpu, ins, offsetPlus(ins, off, 4));
      pushRaw(cpu, read16(cpu, ins, offsetPlus(ins, off, 8)), hi, lo);
      return;
    } else {
      readSource(cpu, ins, memoryFormat(ins, false));
      if (src.cls !== 2) {
        pushRaw(cpu, (src.sign << 15) | src.exp, src.sh, src.sl);
        return;
      }
      v = sourceExt();
      // FLD m32/m64 of a denormal: #D; of an SNaN: #IA and the QNaN is pushed (SDM Vol.2 FLD).
      if (v.denormalSource) fenv.flags |= DE;
      if (isSNaN(v)) v = propagateNaN(v, null);
    }
  }
  pushResult(cpu, v, true);
}

/** FILD: every integer of the three formats is exact in double extended (SDM Vol.2 FILD). */
function fild(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  readSource(cpu, ins, memoryFormat(ins, true));
  pushRaw(cpu, (src.sign << 15) | src.exp, src.sh, src.sl);
}

function fbld(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  const off = operandOffset(cpu, ins);
  recordData(cpu, ins, off);
  pushResult(cpu, fromBcd(readBytes(cpu, ins, off, 10)));
}

/** FST/FSTP to memory or a register; the unmasked overflow/underflow/invalid responses store nothing. */
function fst(pop: boolean): Handler {
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    const fpu = cpu.fpu;
    if (!ins.memory && !fpu.isEmpty(0)) {
      if (complete(cpu)) {
        copyPhys(cpu, fpu.top, fpu.phys(ins.rm));
        if (pop) fpu.pop();
      }
      return;
    }
    if (ins.memory && ins.form!.operands[0] !== 'Mt' && !fpu.isEmpty(0)) {
      const off = operandOffset(cpu, ins);
      recordData(cpu, ins, off);
      if (fastStoreReal(cpu, ins, off, ins.form!.operands[0] === 'Md', pop)) return;
    }
    const src = readStChecked(cpu, 0);
    const v = src === EMPTY ? INDEFINITE : src;
    if (!ins.memory) {
      if (complete(cpu)) {
        fpu.setSt(ins.rm, v);
        if (pop) fpu.pop();
      }
      return;
    }
    const off = operandOffset(cpu, ins);
    recordData(cpu, ins, off);
    const kind = ins.form!.operands[0];
    if (kind === 'Mt') {
      if (!complete(cpu)) return;
      write80(cpu, ins, off, v);
    } else {
      const bits = toReal(v, kind === 'Md' ? SINGLE : DOUBLE);
      const unmasked = fenv.flags & ~fpu.cw & 0x3f;
      // Unmasked overflow or underflow to memory stores nothing and reports no precision (as the
      // host CPUs do).
      if ((unmasked & 0x18) !== 0) {
        fenv.flags &= ~PE;
        fenv.roundedUp = false;
      }
      // Probe first: a fault leaves the status word as it was.
      if (kind === 'Md') cpu.checkWrite(ins.seg, off, 4);
      else cpu.checkWrite(ins.seg, off, 8);
      const ok = complete(cpu);
      // SDM Vol.1 4.9.1.4/4.9.1.5: unmasked overflow or underflow to memory stores nothing.
      if (!ok || (unmasked & 0x18) !== 0) return;
      if (kind === 'Md') cpu.write32(ins.seg, off, Number(bits) | 0);
      else write64(cpu, ins, off, bits);
    }
    if (pop) fpu.pop();
  };
}

function fist(pop: boolean): Handler {
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    const kind = ins.form!.operands[0];
    const bits = kind === 'Mw' ? 16 : kind === 'Md' ? 32 : 64;
    if (!cpu.fpu.isEmpty(0)) {
      const off = operandOffset(cpu, ins);
      recordData(cpu, ins, off);
      if (fastStoreInt(cpu, ins, off, bits, pop)) return;
    }
    const src = readStChecked(cpu, 0);
    const off = operandOffset(cpu, ins);
    recordData(cpu, ins, off);
    const v = src === EMPTY ? -(1n << BigInt(bits - 1)) : toInt(src, bits);
    if (src !== EMPTY && extIsNaN(src) && isSNaN(src)) fenv.flags |= IE;
    cpu.checkWrite(ins.seg, off, bits >> 3);
    if (!complete(cpu)) return;
    if (bits === 16) cpu.write16(ins.seg, off, Number(v) & 0xffff);
    else if (bits === 32) cpu.write32(ins.seg, off, Number(BigInt.asIntN(32, v)));
    else write64(cpu, ins, off, BigInt.asUintN(64, v));
    if (pop) cpu.fpu.pop();
  };
}

function fbstp(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  const src = readStChecked(cpu, 0);
  const off = operandOffset(cpu, ins);
  recordData(cpu, ins, off);
  const bytes = src === EMPTY ? [0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff] : toBcd(src);
  cpu.checkWrite(ins.seg, off, 10);
  if (!complete(cpu)) return;
  writeBytes(cpu, ins, off, bytes);
  cpu.fpu.pop();
}

/** FXCH (SDM Vol.2): an empty register takes the real indefinite when IE is masked. */
function fxch(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  const fpu = cpu.fpu;
  const p0 = fpu.top,
    pi = fpu.phys(ins.rm);
  if (fpu.tagOf(p0) !== TAG_EMPTY && fpu.tagOf(pi) !== TAG_EMPTY) {
    if (!complete(cpu)) return;
    fpu.sw &= ~SW_C1;
    const se = fpu.regExp[p0],
      hi = fpu.regHi[p0],
      lo = fpu.regLo[p0];
    copyPhys(cpu, pi, p0);
    fpu.regExp[pi] = se;
    fpu.regHi[pi] = hi;
    fpu.regLo[pi] = lo;
    fpu.setTag(pi, tagFor(se, hi, lo));
    return;
  }
  const a = readStChecked(cpu, 0),
    b = readStChecked(cpu, ins.rm);
  if (!complete(cpu)) return;
  fpu.sw &= ~SW_C1;
  fpu.setSt(0, b === EMPTY ? INDEFINITE : b);
  fpu.setSt(ins.rm, a === EMPTY ? INDEFINITE : a);
}

function ffree(pop: boolean): Handler {
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    const fpu = cpu.fpu;
    fpu.setTag(fpu.phys(ins.rm), TAG_EMPTY);
    if (pop) fpu.pop();
  };
}

/** FCMOVcc ST0, ST(i) (SDM Vol.2; P6 family): the condition is the row's EFLAGS condition code. */
function fcmov(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  if (!testCondition(cpu, ins.condition)) {
    complete(cpu);
    return;
  }
  if (!cpu.fpu.isEmpty(ins.rm)) {
    if (complete(cpu)) copyPhys(cpu, cpu.fpu.phys(ins.rm), cpu.fpu.top);
    return;
  }
  const v = readStChecked(cpu, ins.rm);
  if (complete(cpu)) cpu.fpu.setSt(0, v === EMPTY ? INDEFINITE : v);
}

// --- One-operand operations on ST0 ---------------------------------------------------------

/** ST0 = fn(ST0); FCHS/FABS raise nothing but the stack underflow (SDM Vol.2). */
function unary(fn: (a: Ext) => Ext): Handler {
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    const a = readStChecked(cpu, 0);
    const r = a === EMPTY ? INDEFINITE : fn(a);
    if (complete(cpu)) cpu.fpu.setSt(0, r);
  };
}

/** FCHS (`negate`) / FABS: on a non-empty ST0 only the sign bit changes; the tag stays. */
function signOp(fn: (a: Ext) => Ext, negate: boolean): Handler {
  const slow = unary(fn);
  return (cpu, ins) => {
    const fpu = cpu.fpu;
    if (fpu.isEmpty(0)) return slow(cpu, ins);
    if (!start(cpu, ins)) return;
    if (complete(cpu)) fpu.regExp[fpu.top] = negate ? fpu.regExp[fpu.top] ^ 0x8000 : fpu.regExp[fpu.top] & 0x7fff;
  };
}

/** FSQRT: a positive normal ST0 on words, everything else exactly. */
function fsqrt(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  if (fastSquareRoot(cpu)) return;
  const a = readStChecked(cpu, 0);
  const r = a === EMPTY ? INDEFINITE : sqrt(a);
  if (complete(cpu)) cpu.fpu.setSt(0, r);
}

/** ST0 op ST1 into ST0, both kept (FSCALE), or FPREM/FPREM1 with the quotient bits in C0 C3 C1. */
function fscale(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  const a = readStChecked(cpu, 0),
    b = readStChecked(cpu, 1);
  const r = a === EMPTY || b === EMPTY ? INDEFINITE : scale(a, b);
  if (complete(cpu)) cpu.fpu.setSt(0, r);
}

function fprem(ieee: boolean): Handler {
  return (cpu, ins) => {
    if (!start(cpu, ins)) return;
    const a = readStChecked(cpu, 0),
      b = readStChecked(cpu, 1);
    const res = a === EMPTY || b === EMPTY ? { r: INDEFINITE, c2: false, q: 0 } : remainder(a, b, ieee);
    const ok = complete(cpu);
    if (!ok) return;
    const fpu = cpu.fpu;
    fpu.setSt(0, res.r);
    let cc = res.c2 ? SW_C2 : 0;
    if (!res.c2) {
      if (res.q & 4) cc |= SW_C0;
      if (res.q & 2) cc |= SW_C3;
      if (res.q & 1) cc |= SW_C1;
    }
    fpu.sw = (fpu.sw & ~SW_CC) | cc;
  };
}

/** FXTRACT: ST0 = exponent, then push the significand (SDM Vol.2). */
function fxtract(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  const a = readStChecked(cpu, 0);
  const [e, s] = a === EMPTY ? [INDEFINITE, INDEFINITE] : extract(a);
  const fpu = cpu.fpu;
  const overflow = pushOverflows(cpu);
  if (!complete(cpu)) return;
  if (overflow) {
    fpu.sw |= SW_C1;
    fpu.setSt(0, INDEFINITE);
    fpu.push(INDEFINITE);
    return;
  }
  fpu.setSt(0, e);
  fpu.push(s);
}

/** FXAM: the class of ST0 in C3 C2 C0 and its sign in C1; an empty register says so (SDM Vol.2 FXAM). */
function fxam(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  const fpu = cpu.fpu;
  const p = fpu.phys(0);
  const empty = fpu.tagOf(p) === TAG_EMPTY;
  const v = fpu.readPhys(p);
  let cc = examine(v, empty);
  if (v.sign) cc |= SW_C1;
  fpu.sw = (fpu.sw & ~SW_CC) | cc;
}

/** FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ: rounded by RC (SDM Vol.1 8.3.8), no PE. */
function fldConstant(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  const v = constantValue(loadConstant(ins.rm), fenv.rc);
  fenv.flags = 0;
  pushResult(cpu, v);
}

function fincstp(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  cpu.fpu.top = (cpu.fpu.top + 1) & 7;
  cpu.fpu.sw &= ~SW_C1;
}

function fdecstp(cpu: Cpu, ins: Instr): void {
  if (!start(cpu, ins)) return;
  cpu.fpu.top = (cpu.fpu.top - 1) & 7;
  cpu.fpu.sw &= ~SW_C1;
}

function fnop(cpu: Cpu, ins: Instr): void {
  start(cpu, ins);
}

const abs = (a: Ext): Ext => ({ sign: 0, exp: a.exp, sig: a.sig });
const chs = (a: Ext): Ext => ({ sign: a.sign ^ 1, exp: a.exp, sig: a.sig });

/** Handlers by exec name (the instruction table's `exec` column for the D8-DF rows). */
export const FPU_DATA_EXECS: Partial<Record<FpuExecName, Handler>> = {
  fadd: arithmetic('add', false, false),
  faddp: arithmetic('add', true, false),
  fiadd: arithmetic('add', false, true),
  fmul: arithmetic('mul', false, false),
  fmulp: arithmetic('mul', true, false),
  fimul: arithmetic('mul', false, true),
  fsub: arithmetic('sub', false, false),
  fsubp: arithmetic('sub', true, false),
  fisub: arithmetic('sub', false, true),
  fsubr: arithmetic('subr', false, false),
  fsubrp: arithmetic('subr', true, false),
  fisubr: arithmetic('subr', false, true),
  fdiv: arithmetic('div', false, false),
  fdivp: arithmetic('div', true, false),
  fidiv: arithmetic('div', false, true),
  fdivr: arithmetic('divr', false, false),
  fdivrp: arithmetic('divr', true, false),
  fidivr: arithmetic('divr', false, true),
  fcom: comparison(0, false, false, false),
  fcomp: comparison(1, false, false, false),
  fcompp: comparison(2, false, false, false),
  fucom: comparison(0, true, false, false),
  fucomp: comparison(1, true, false, false),
  fucompp: comparison(2, true, false, false),
  ficom: comparison(0, false, true, false),
  ficomp: comparison(1, false, true, false),
  fcomi: comparison(0, false, false, true),
  fcomip: comparison(1, false, false, true),
  fucomi: comparison(0, true, false, true),
  fucomip: comparison(1, true, false, true),
  ftst: comparison(0, false, false, false),
  fld,
  fild,
  fbld,
  fst: fst(false),
  fstp: fst(true),
  fist: fist(false),
  fistp: fist(true),
  fbstp,
  fxch,
  ffree: ffree(false),
  ffreep: ffree(true),
  fcmov,
  fchs: signOp(chs, true),
  fabs: signOp(abs, false),
  fsqrt,
  frndint: unary(roundInt),
  fscale,
  fprem: fprem(false),
  fprem1: fprem(true),
  fxtract,
  fxam,
  fldConstant,
  fincstp,
  fdecstp,
  fnop,
};
