// From a table row's `exec` name and a decoded instruction to the handler that runs it.
//
// The frequent families (ALU, INC/DEC/NOT/NEG, shifts, MOV, LEA, Jcc) get handlers generated
// per operand shape: one small monomorphic function for, say, "add, 32-bit, register
// destination, memory source with base+index". The shape comes from the table row's operand
// kinds and the decoded ModRM; the arithmetic itself is an ordinary function from exec/ that
// the generated code calls with a constant size. Everything else runs through a hand-written
// handler per exec name (not per opcode). Compiled regions (jit/emit.ts) emit the same
// semantics with registers and flags in locals.

import type { ExecName, FpuExecName, MmxExecName } from '../../isa/execNames';
import type { InstructionForm, OperandKind } from '../../isa/isa';
import type { Cpu } from './cpu';
import { CS } from './constants';
import { Instr, type Handler } from './instr';
import { Vector } from './exceptions';
import * as flags from './flags';
import { ARITH_FLAGS } from './flags';
import * as alu from './exec/alu';
import * as shift from './exec/shift';
import * as muldiv from './exec/muldiv';
import * as bcd from './exec/bcd';
import * as control from './exec/control';
import * as stack from './exec/stack';
import * as string from './exec/string';
import * as misc from './exec/misc';
import * as system from './exec/system';
import { readE, readModifyE, writeE } from './operands';
import { codeGenerationAvailable, compileSource } from './jit/codegen';
import { closureHandler } from './closures';
import { FPU_EXECS, fwait } from './fpu';
import { MMX_ALL_EXECS } from './mmx';

/**
 * A generated handler: its shape key, and its source body, built only when the shape is
 * compiled (decoding builds the key alone); `ins.<field>` references may be replaced by
 * constants. Every instruction of one key gets the same body.
 */
export interface Generated {
  key: string;
  body: () => string;
}

interface ExecInfo {
  /** Generated per shape, or a fixed handler. */
  generate?: (ins: Instr) => Generated;
  handler?: Handler;
  /** The handler sets EIP itself (jumps, calls, returns, interrupts, HLT). */
  branch?: boolean;
  /** The basic block ends after this instruction (mode, flag or timing changes). */
  endsBlock?: boolean;
  /** A branch the block may continue past when it is not taken (it sets leaveBlock when taken). */
  sideExit?: boolean;
}

// --- Operand code generation -------------------------------------------------------------

function sizeOf(kind: OperandKind, opsize: number): number {
  switch (kind) {
    case 'Eb':
    case 'Gb':
    case 'Zb':
    case 'AL':
    case 'CL':
    case 'Ib':
    case 'Ob':
    case 'Xb':
    case 'Yb':
      return 8;
    case 'Ew':
    case 'Gw':
    case 'AX':
    case 'DX':
    case 'Iw':
    case 'Sw':
    case 'Mw':
      return 16;
    case 'Ed':
    case 'Gd':
    case 'Rd':
    case 'Md':
    case 'Cd':
    case 'Dd':
    case 'Td':
      return 32;
    default:
      return opsize;
  }
}

interface OperandCode {
  read: string;
  write: (value: string) => string;
  memory: boolean;
}

function registerCode(index: string, size: number): OperandCode {
  if (size === 32) return { read: `regs[${index}]`, write: (v) => `regs[${index}] = ${v};`, memory: false };
  if (size === 16) {
    return {
      read: `(regs[${index}] & 0xffff)`,
      write: (v) => `regs[${index}] = (regs[${index}] & ~0xffff) | ((${v}) & 0xffff);`,
      memory: false,
    };
  }
  return {
    read: `((regs[${index} & 3] >> ((${index} & 4) << 1)) & 0xff)`,
    write: (v) =>
      `{ const i8 = ${index} & 3, s8 = (${index} & 4) << 1; regs[i8] = (regs[i8] & ~(0xff << s8)) | (((${v}) & 0xff) << s8); }`,
    memory: false,
  };
}

function memoryCode(size: number): OperandCode {
  return {
    read: `cpu.read${size}(ins.seg, off)`,
    write: (v) => `cpu.write${size}(ins.seg, off, ${v});`,
    memory: true,
  };
}

function operandCode(kind: OperandKind, ins: Instr): OperandCode {
  const size = sizeOf(kind, ins.opsize);
  switch (kind) {
    case 'Eb':
    case 'Ew':
    case 'Ed':
    case 'Ev':
      return ins.memory ? memoryCode(size) : registerCode('ins.rm', size);
    case 'Ob':
    case 'Ov':
    case 'M':
      return memoryCode(size);
    case 'Gb':
    case 'Gw':
    case 'Gd':
    case 'Gv':
      return registerCode('ins.reg', size);
    case 'Zb':
    case 'Zv':
      return registerCode('ins.rm', size);
    case 'AL':
    case 'AX':
    case 'eAX':
      return registerCode('0', size);
    case 'CL':
      return registerCode('1', 8);
    case 'DX':
      return registerCode('2', 16);
    case 'ONE':
      return { read: '1', write: () => '', memory: false };
    case 'Ib':
    case 'Iw':
    case 'Iv':
    case 'IbS':
      return { read: 'ins.imm', write: () => '', memory: false };
    default:
      throw new Error(`operand kind ${kind} has no generated access`);
  }
}

/** Effective-address expression for the instruction's memory operand shape. */
function addressCode(ins: Instr): string {
  const parts: string[] = [];
  if (ins.base >= 0) parts.push('regs[ins.base]');
  if (ins.index >= 0) parts.push(ins.scale ? '(regs[ins.index] << ins.scale)' : 'regs[ins.index]');
  parts.push('ins.disp');
  const sum = parts.join(' + ');
  return ins.adsize === 32 ? `((${sum}) >>> 0)` : `((${sum}) & 0xffff)`;
}

function shapeKey(ins: Instr, kinds: readonly OperandKind[]): string {
  const mem = ins.memory
    ? `m${ins.adsize}${ins.base >= 0 ? 'b' : ''}${ins.index >= 0 ? 'i' : ''}${ins.scale ? 's' : ''}`
    : 'r';
  return `${kinds.join(',')}|${ins.opsize}|${mem}`;
}

// Names visible to generated code: the arithmetic modules and helpers.
export const HELPER_NAMES = [
  'alu',
  'shift',
  'muldiv',
  'flags',
  'Vector',
  'CS',
  'jmpIndirect',
  'callRm',
  'pushRm',
  'popRm',
] as const;
export const HELPERS: unknown[] = [
  alu,
  shift,
  muldiv,
  flags,
  { GP: Vector.GP },
  CS,
  control.jmp,
  control.call,
  stack.push,
  stack.pop,
];

const generated = new Map<string, Handler>();

/**
 * Compiles (once per key) a generated body into a handler `(cpu, ins) => void`; null where
 * code generation is unavailable (jit/codegen.ts).
 */
function compile(g: Generated): Handler | null {
  if (!codeGenerationAvailable()) return null;
  let h = generated.get(g.key);
  if (!h) {
    const source = `"use strict"; return function ${g.key.replace(/[^A-Za-z0-9]/g, '_')}(cpu, ins) {\n const regs = cpu.regs;\n${g.body()}\n};`;
    const factory = compileSource(HELPER_NAMES, source);
    if (factory === null) return null;
    h = factory(...HELPERS) as Handler;
    generated.set(g.key, h);
  }
  return h;
}

function setup(ins: Instr, operands: OperandCode[], readModifyWrite: boolean): string {
  if (!operands.some((o) => o.memory)) return '';
  let code = ` const off = ${addressCode(ins)};\n`;
  if (readModifyWrite && operands[0].memory) {
    code += ` cpu.checkWrite(ins.seg, off, ${sizeOf(ins.form!.operands[0], ins.opsize) >> 3});\n`;
  }
  return code;
}

/**
 * ALU dest, src: r = fn(dest, src); written back unless CMP/TEST. ADD SUB CMP AND OR XOR TEST
 * are pasted in from alu.INLINE_BINARY with their lazy-flag record; ADC/SBB call alu.
 */
function generateBinary(fn: string, writeBack: boolean): (ins: Instr) => Generated {
  return (ins) => ({ key: `${fn}|${shapeKey(ins, ins.form!.operands)}`, body: () => binaryBody(ins, fn, writeBack) });
}

/** The store before the flags: a #PF on it leaves EFLAGS as before the instruction. */
function binaryBody(ins: Instr, fn: string, writeBack: boolean): string {
  const kinds = ins.form!.operands;
  const [d, s] = [operandCode(kinds[0], ins), operandCode(kinds[1], ins)];
  const size = sizeOf(kinds[0], ins.opsize);
  const inline = alu.INLINE_BINARY[fn];
  const store = writeBack ? ` ${d.write('r')}\n` : '';
  return inline
    ? setup(ins, [d, s], writeBack) +
        ` const a = ${d.read}, b = ${s.read};\n const r = ${inline.expression};\n` +
        store +
        ` cpu.lazyOp = ${inline.lazyOp}; ${inline.logic ? '' : 'cpu.lazyA = a; cpu.lazyB = b; '}` +
        `cpu.lazyResult = r; cpu.lazySize = ${size}; cpu.lazyFlags = ${ARITH_FLAGS};\n`
    : setup(ins, [d, s], writeBack) + ` const r = alu.${fn}(cpu, ${d.read}, ${s.read}, ${size});\n` + store;
}

function generateUnary(fn: string): (ins: Instr) => Generated {
  return (ins) => ({ key: `${fn}|${shapeKey(ins, ins.form!.operands)}`, body: () => unaryBody(ins, fn) });
}

/** The store before the flags, as binaryBody. */
function unaryBody(ins: Instr, fn: string): string {
  const kinds = ins.form!.operands;
  const d = operandCode(kinds[0], ins);
  const size = sizeOf(kinds[0], ins.opsize);
  const inline = alu.INLINE_INC_DEC[fn];
  return inline
    ? setup(ins, [d], true) +
        ` const a = ${d.read};\n const r = ${inline.expression};\n ${d.write('r')}\n` +
        ` cpu.flags = (cpu.flags & ~1) | flags.getCF(cpu);\n` +
        ` cpu.lazyOp = ${inline.lazyOp}; cpu.lazyA = a; cpu.lazyB = 1; cpu.lazyResult = r; cpu.lazySize = ${size}; cpu.lazyFlags = ${ARITH_FLAGS & ~1};\n`
    : setup(ins, [d], true) + ` const r = alu.${fn}(cpu, ${d.read}, ${size});\n ${d.write('r')}\n`;
}

function generateShift(fn: string): (ins: Instr) => Generated {
  return (ins) => ({
    key: `${fn}|${shapeKey(ins, ins.form!.operands)}`,
    body: () => {
      const kinds = ins.form!.operands;
      const [d, c] = [operandCode(kinds[0], ins), operandCode(kinds[1], ins)];
      const size = sizeOf(kinds[0], ins.opsize);
      return setup(ins, [d], true) + ` const r = shift.${fn}(cpu, ${d.read}, ${c.read}, ${size});\n ${d.write('r')}\n`;
    },
  });
}

function generateMove(ins: Instr): Generated {
  const kinds = ins.form!.operands;
  const body = (): string => {
    const [d, s] = [operandCode(kinds[0], ins), operandCode(kinds[1], ins)];
    return setup(ins, [d, s], false) + ` ${d.write(s.read)}\n`;
  };
  return { key: `mov|${shapeKey(ins, kinds)}`, body };
}

/** MOVZX/MOVSX r, r/m8 or r/m16: the source read is zero-extended; MOVSX sign-extends it. */
function generateExtend(signed: boolean): (ins: Instr) => Generated {
  return (ins) => {
    const kinds = ins.form!.operands;
    const body = (): string => {
      const [d, s] = [operandCode(kinds[0], ins), operandCode(kinds[1], ins)];
      const shift = 32 - sizeOf(kinds[1], ins.opsize);
      const value = signed ? `((${s.read}) << ${shift}) >> ${shift}` : s.read;
      return setup(ins, [d, s], false) + ` ${d.write(value)}\n`;
    };
    return { key: `${signed ? 'movsx' : 'movzx'}|${shapeKey(ins, kinds)}`, body };
  };
}

/**
 * LOOP rel8: the count register (CX or ECX by address size) is decremented and the jump taken
 * while it is non-zero; a faulting target leaves the count as it was (precise).
 */
function generateLoop(ins: Instr): Generated {
  const mask = ins.opsize === 32 ? '>>> 0' : '& 0xffff';
  const count = ins.adsize === 32 ? '(regs[1] - 1) | 0' : '(regs[1] - 1) & 0xffff';
  const store = ins.adsize === 32 ? 'regs[1] = count;' : 'regs[1] = (regs[1] & ~0xffff) | count;';
  const body = (): string =>
    ` const count = ${count};\n` +
    ` if (count !== 0) {\n` +
    `  const target = (cpu.eip + ${ins.length} + ins.imm) ${mask};\n` +
    `  if (target > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);\n` +
    `  ${store}\n` +
    `  cpu.eip = target;\n` +
    ` } else {\n  ${store}\n  cpu.eip = (cpu.eip + ${ins.length}) >>> 0;\n }\n`;
  return { key: `loop|${ins.opsize}|${ins.adsize}|${ins.length}`, body };
}

function generateLea(ins: Instr): Generated {
  const d = registerCode('ins.reg', ins.opsize);
  return { key: `lea|${shapeKey(ins, ins.form!.operands)}`, body: () => ` ${d.write(addressCode(ins))}\n` };
}

/**
 * Jcc: a taken branch also asks to leave the block, because blocks continue past a Jcc that
 * falls through (the block is a superblock with side exits).
 */
function generateJcc(ins: Instr): Generated {
  const mask = ins.opsize === 32 ? '>>> 0' : '& 0xffff';
  const body = (): string =>
    ` if (${ins.condition & 1 ? '!' : ''}flags.${flags.CONDITION_TEST_NAMES[ins.condition >> 1]}(cpu)) {\n` +
    `  const target = (cpu.eip + ${ins.length} + ins.imm) ${mask};\n` +
    `  if (target > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);\n` +
    `  cpu.eip = target;\n` +
    `  cpu.leaveBlock = true;\n` +
    ` } else cpu.eip = (cpu.eip + ${ins.length}) >>> 0;\n`;
  return { key: `jcc${ins.condition}|${ins.opsize}|${ins.length}`, body };
}

/** PUSH r / PUSH imm (PUSH r/m stays hand-written). PUSH ESP pushes the old value. */
function generatePush(ins: Instr): Generated {
  const kind = ins.form!.operands[0];
  if (kind === 'Ev') return { key: 'push-rm', body: () => ' pushRm(cpu, ins);\n' };
  const value = kind === 'Zv' ? 'regs[ins.rm]' : 'ins.imm';
  return { key: `push|${kind}|${ins.opsize}`, body: () => ` cpu.push(${ins.opsize}, ${value});\n` };
}

/** POP r (POP r/m stays hand-written). POP ESP: the popped value wins. */
function generatePop(ins: Instr): Generated {
  if (ins.form!.operands[0] !== 'Zv') return { key: 'pop-rm', body: () => ' popRm(cpu, ins);\n' };
  const size = ins.opsize;
  return {
    key: `pop|${size}`,
    body: () => ` const v = cpu.peek(${size});\n cpu.adjustStack(${size >> 3});\n cpu.setReg(ins.rm, ${size}, v);\n`,
  };
}

/** CALL rel16/rel32 (CALL r/m stays hand-written). */
function generateCall(ins: Instr): Generated {
  if (ins.form!.operands[0] === 'Ev') return { key: 'call-rm', body: () => ' callRm(cpu, ins);\n' };
  const mask = ins.opsize === 32 ? '>>> 0' : '& 0xffff';
  const body = (): string =>
    ` const target = (cpu.eip + ${ins.length} + ins.imm) ${mask};\n` +
    ` if (target > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);\n` +
    ` cpu.push(${ins.opsize}, (cpu.eip + ${ins.length}) >>> 0);\n` +
    ` cpu.eip = target;\n`;
  return { key: `call|${ins.opsize}|${ins.length}`, body };
}

/** RET / RET imm16 (near). */
function generateRet(ins: Instr): Generated {
  const size = ins.opsize;
  const release = (size >> 3) + (ins.form!.operands.length ? ins.imm : 0);
  const body = (): string =>
    ` const target = ${size === 32 ? 'cpu.peek(32) >>> 0' : 'cpu.peek(16)'};\n` +
    ` if (target > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);\n` +
    ` cpu.adjustStack(${release});\n` +
    ` cpu.eip = target;\n`;
  return { key: `ret|${size}|${release}`, body };
}

/** JMP rel8/rel16/rel32 (JMP r/m stays hand-written). */
function generateJmp(ins: Instr): Generated {
  if (ins.form!.operands[0] === 'Ev') return { key: 'jmp-indirect', body: () => ' jmpIndirect(cpu, ins);\n' };
  const mask = ins.opsize === 32 ? '>>> 0' : '& 0xffff';
  const body = (): string =>
    ` const target = (cpu.eip + ${ins.length} + ins.imm) ${mask};\n` +
    ` if (target > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);\n` +
    ` cpu.eip = target;\n`;
  return { key: `jmp|${ins.opsize}|${ins.length}`, body };
}

// --- Handlers over operand helpers --------------------------------------------------------

function operandSize(ins: Instr): number {
  return sizeOf(ins.form!.operands[0], ins.opsize);
}

function unaryOperand(fn: (cpu: Cpu, src: number, size: number) => void): Handler {
  return (cpu, ins) => fn(cpu, readE(cpu, ins, operandSize(ins)), operandSize(ins));
}

function shiftDouble(fn: typeof shift.shld): Handler {
  return (cpu, ins) => {
    const size = ins.opsize;
    const count = ins.form!.operands[2] === 'CL' ? cpu.regs[1] & 0xff : ins.imm;
    const a = readModifyE(cpu, ins, size);
    writeE(cpu, ins, size, fn(cpu, a, cpu.getReg(ins.reg, size), count, size));
  };
}

// Complete over the integer executors (the compiler checks it); the x87 and MMX ones come from
// fpu/ and mmx/, whose tables are checked against the rows by the instruction-table test.
const INTEGER_EXECS: Record<Exclude<ExecName, FpuExecName | MmxExecName>, ExecInfo> = {
  add: { generate: generateBinary('add', true) },
  or: { generate: generateBinary('or', true) },
  adc: { generate: generateBinary('adc', true) },
  sbb: { generate: generateBinary('sbb', true) },
  and: { generate: generateBinary('and', true) },
  sub: { generate: generateBinary('sub', true) },
  xor: { generate: generateBinary('xor', true) },
  cmp: { generate: generateBinary('cmp', false) },
  test: { generate: generateBinary('test', false) },
  inc: { generate: generateUnary('inc') },
  dec: { generate: generateUnary('dec') },
  not: { generate: generateUnary('not') },
  neg: { generate: generateUnary('neg') },
  rol: { generate: generateShift('rol') },
  ror: { generate: generateShift('ror') },
  rcl: { generate: generateShift('rcl') },
  rcr: { generate: generateShift('rcr') },
  shl: { generate: generateShift('shl') },
  shr: { generate: generateShift('shr') },
  sar: { generate: generateShift('sar') },
  shld: { handler: shiftDouble(shift.shld) },
  shrd: { handler: shiftDouble(shift.shrd) },
  mov: { generate: generateMove },
  lea: { generate: generateLea },
  jcc: { generate: generateJcc, branch: true, sideExit: true },

  mul: { handler: unaryOperand(muldiv.mul) },
  imul1: { handler: unaryOperand(muldiv.imul1) },
  div: { handler: unaryOperand(muldiv.div) },
  idiv: { handler: unaryOperand(muldiv.idiv) },
  imul2: {
    handler: (cpu, ins) =>
      cpu.setReg(
        ins.reg,
        ins.opsize,
        muldiv.imulTruncating(cpu, cpu.getReg(ins.reg, ins.opsize), readE(cpu, ins, ins.opsize), ins.opsize),
      ),
  },
  imul3: {
    handler: (cpu, ins) =>
      cpu.setReg(ins.reg, ins.opsize, muldiv.imulTruncating(cpu, readE(cpu, ins, ins.opsize), ins.imm, ins.opsize)),
  },
  daa: { handler: bcd.daa },
  das: { handler: bcd.das },
  aaa: { handler: bcd.aaa },
  aas: { handler: bcd.aas },
  aam: { handler: (cpu, ins) => bcd.aam(cpu, ins.imm & 0xff) },
  aad: { handler: (cpu, ins) => bcd.aad(cpu, ins.imm & 0xff) },

  jmp: { generate: generateJmp, branch: true },
  call: { generate: generateCall, branch: true },
  ret: { generate: generateRet, branch: true },
  jmpFar: { handler: control.jmpFar, branch: true },
  callFar: { handler: control.callFar, branch: true },
  retFar: { handler: control.retFar, branch: true },
  loop: { generate: generateLoop, branch: true },
  loope: { handler: control.loope, branch: true },
  loopne: { handler: control.loopne, branch: true },
  jcxz: { handler: control.jcxz, branch: true },
  int: { handler: control.int, branch: true },
  int3: { handler: control.int3, branch: true },
  int1: { handler: control.int1, branch: true },
  into: { handler: control.into, branch: true },
  iret: { handler: control.iret, branch: true },
  hlt: { handler: system.hlt, branch: true },
  sysenter: { handler: system.sysenter, branch: true },
  sysexit: { handler: system.sysexit, branch: true },
  syscall: { handler: system.syscall, branch: true },
  sysret: { handler: system.sysret, branch: true },

  push: { generate: generatePush },
  pop: { generate: generatePop },
  pushSeg: { handler: stack.pushSeg },
  popSeg: { handler: stack.popSeg, endsBlock: true },
  pusha: { handler: stack.pusha },
  popa: { handler: stack.popa },
  pushf: { handler: stack.pushf },
  popf: { handler: stack.popf, endsBlock: true },
  enter: { handler: stack.enter },
  leave: { handler: stack.leave },

  movs: { handler: string.movs },
  cmps: { handler: string.cmps },
  scas: { handler: string.scas },
  lods: { handler: string.lods },
  stos: { handler: string.stos },
  ins: { handler: string.ins },
  outs: { handler: string.outs },

  nop: { handler: misc.nop },
  xchg: { handler: misc.xchg },
  cbw: { handler: misc.cbw },
  cwd: { handler: misc.cwd },
  lahf: { handler: misc.lahf },
  sahf: { handler: misc.sahf },
  xlat: { handler: misc.xlat },
  salc: { handler: misc.salc },
  bound: { handler: misc.bound },
  cmc: { handler: misc.cmc },
  clc: { handler: misc.clc },
  stc: { handler: misc.stc },
  cld: { handler: misc.cld },
  std: { handler: misc.std },
  setcc: { handler: misc.setcc },
  cmovcc: { handler: misc.cmovcc },
  movzx: { generate: generateExtend(false) },
  movsx: { generate: generateExtend(true) },
  bt: { handler: misc.bt },
  bts: { handler: misc.bts },
  btr: { handler: misc.btr },
  btc: { handler: misc.btc },
  bsf: { handler: misc.bsf },
  bsr: { handler: misc.bsr },
  bswap: { handler: misc.bswap },
  xadd: { handler: misc.xadd },
  cmpxchg: { handler: misc.cmpxchg },
  cmpxchg8b: { handler: misc.cmpxchg8b },
  movFromSeg: { handler: misc.movFromSeg },
  movToSeg: { handler: misc.movToSeg, endsBlock: true },
  loadFarPointer: { handler: misc.loadFarPointer, endsBlock: true },
  wait: { handler: fwait },
  ud2: { handler: misc.ud2 },

  in: { handler: system.inPort },
  out: { handler: system.outPort },
  cli: { handler: system.cli, endsBlock: true },
  sti: { handler: system.sti, endsBlock: true },
  movFromControl: { handler: system.movFromControl },
  movToControl: { handler: system.movToControl, endsBlock: true },
  movFromDebug: { handler: system.movFromDebug },
  movToDebug: { handler: system.movToDebug },
  movFromTest: { handler: system.movFromTest },
  movToTest: { handler: system.movToTest },
  lmsw: { handler: system.lmsw, endsBlock: true },
  smsw: { handler: system.smsw },
  clts: { handler: system.clts },
  lgdt: { handler: system.lgdt },
  lidt: { handler: system.lidt },
  sgdt: { handler: system.sgdt },
  sidt: { handler: system.sidt },
  sldt: { handler: system.sldt },
  str: { handler: system.str },
  lldt: { handler: system.lldt },
  ltr: { handler: system.ltr },
  lar: { handler: system.lar },
  lsl: { handler: system.lsl },
  verr: { handler: system.verr },
  verw: { handler: system.verw },
  arpl: { handler: system.arpl },
  invd: { handler: system.invd },
  wbinvd: { handler: system.wbinvd },
  invlpg: { handler: system.invlpg, endsBlock: true },
  rdtsc: { handler: system.rdtsc },
  rdmsr: { handler: system.rdmsr },
  wrmsr: { handler: system.wrmsr, endsBlock: true },
  cpuid: { handler: system.cpuid },
};

/**
 * Every exec name's facts: the integer executors, then the x87 (fpu/) and MMX, 3DNow! and AMD
 * MMX-extension (mmx/) handlers, called from compiled blocks like the others. A Map: spreading
 * those 200 entries into the object above made V8 add them one by one to a 300-property
 * object, milliseconds at every start.
 */
const EXECS = new Map<string, ExecInfo>(Object.entries(INTEGER_EXECS));
for (const [name, handler] of Object.entries(FPU_EXECS)) EXECS.set(name, { handler });
for (const [name, handler] of Object.entries(MMX_ALL_EXECS)) EXECS.set(name, { handler });

/** Every exec name the executor implements (the table test checks each row against it). */
export const EXEC_NAMES: ReadonlySet<string> = new Set(EXECS.keys());

/** Handler, branch and block-end facts for a decoded instruction. */
export function handlerFor(ins: Instr): { handler: Handler; branch: boolean; endsBlock: boolean } {
  // A block ends at every branch except a conditional one, which exits the block only when taken.
  const form: InstructionForm = ins.form!;
  const info = EXECS.get(form.exec);
  if (!info) throw new Error(`instruction table row ${form.mnemonic} names unknown exec '${form.exec}'`);
  const g = info.generate ? info.generate(ins) : null;
  const handler = g ? (compile(g) ?? closureHandler(form.exec)!) : info.handler!;
  const endsBlock = (info.branch === true && info.sideExit !== true) || info.endsBlock === true;
  return { handler, branch: info.branch === true, endsBlock };
}

/** The dispatch facts of an exec name (the region compiler's effect declarations use them). */
export function execFacts(exec: ExecName): { branch: boolean; endsBlock: boolean } {
  const info = EXECS.get(exec);
  if (!info) return { branch: true, endsBlock: true };
  return {
    branch: info.branch === true,
    endsBlock: (info.branch === true && info.sideExit !== true) || info.endsBlock === true,
  };
}
