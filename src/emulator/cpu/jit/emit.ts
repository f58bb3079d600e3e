// JavaScript source for one instruction inside a compiled region (region.ts). Guest registers
// are the locals r0..r7, EFLAGS is `fl` plus the lazy record lzOp lzA lzB lzRes lzSize lzFlags
// (flags.ts) in locals, and memory operands take an inline path (flat segments, identity or a
// TLB hit, not a page holding decoded code) with the CPU's accessor as the slow path. An
// instruction no emitter here covers is run by its handler, with the locals written back to
// the CPU before and read again after (`emitHandlerCall`).
//
// Every emitter does all of an instruction's memory accesses before it changes any local, so
// a fault part-way leaves the locals as they were before the instruction (region.ts writes
// them back in its catch block).

import type { Instr } from '../instr';
import type { OperandKind } from '../../../isa/isa';
import { ARITH_FLAGS, CF, LazyOp, OF, PF, SF, ZF } from '../flags';
import { emitRead, emitWrite, stackHit, stackIndex } from './emitMemory';

/** The last lazy record, when its op, size and mask are compile-time constants. */
export interface KnownLazy {
  op: number;
  size: number;
  mask: number;
}

export const SYNC_FLAGS_OUT =
  'cpu.flags = fl; cpu.lazyOp = lzOp; cpu.lazyA = lzA; cpu.lazyB = lzB; cpu.lazyResult = lzRes; cpu.lazySize = lzSize; cpu.lazyFlags = lzFlags;';
// `| 0`: the locals stay 32-bit integers for V8 (a field read gives it no type, and a local
// mixing that with integers outside the small-integer range is boxed on every assignment).
export const SYNC_FLAGS_IN =
  'fl = cpu.flags | 0; lzOp = cpu.lazyOp | 0; lzA = cpu.lazyA | 0; lzB = cpu.lazyB | 0; lzRes = cpu.lazyResult | 0; lzSize = cpu.lazySize | 0; lzFlags = cpu.lazyFlags | 0;';
export const SYNC_REGS_OUT = [0, 1, 2, 3, 4, 5, 6, 7].map((r) => `regs[${r}] = r${r};`).join(' ');
export function syncRegsIn(mask: number): string {
  return [0, 1, 2, 3, 4, 5, 6, 7]
    .filter((r) => (mask & (1 << r)) !== 0)
    .map((r) => `r${r} = regs[${r}];`)
    .join(' ');
}

const SZP = SF | ZF | PF;
const OCA = OF | CF | 0x10;

/** Emission state for one instruction sequence (a region block). */
export class Emitter {
  readonly out: string[] = [];
  known: KnownLazy | null = null;
  /**
   * The instruction accessed memory: its slow path may have stored into decoded code, hit a
   * watchpoint or stopped the CPU, so the region looks at cpu.leaveBlock after it.
   */
  touched = false;
  /**
   * The flags this instruction writes are all dead (written again before anything can read
   * them, region.ts liveness): its flag computations are left out.
   */
  dead = false;
  /** Statement leaving the region on a fault caught by a slow path (set per instruction). */
  faultExit = '';
  /**
   * Statements running the instruction through its handler (region.ts, set per instruction):
   * the slow path of an inline form whose fast path holds only in part of its cases.
   */
  handlerCall = '';
  private temp = 0;

  constructor(
    /** The region may use the inline memory paths (region.ts decides the segments at entry). */
    readonly stack32: boolean,
    /** The CPU model's undefined flags are the 80386's (SHL and SHR keep to exec/shift.ts). */
    readonly i386Flags = false,
    /** A completed DIV/IDIV changes SF ZF AF PF (exec/muldiv.ts divideFlags: 'later' models). */
    readonly divideFlags = false,
  ) {}

  /** A temporary of the current instruction (region.ts hoists them to the function's top). */
  name(prefix: string): string {
    return `_${prefix}${this.temp++}`;
  }

  /** A new instruction: its temporaries are numbered from 0 again (none outlives its instruction). */
  beginInstruction(): void {
    this.temp = 0;
  }

  line(s: string): void {
    this.out.push(s);
  }

  // --- Registers -------------------------------------------------------------------------

  reg(n: number, size: number): string {
    if (size === 32) return `r${n}`;
    if (size === 16) return `(r${n} & 65535)`;
    return n < 4 ? `(r${n} & 255)` : `((r${n - 4} >> 8) & 255)`;
  }

  setReg(n: number, size: number, v: string): void {
    if (size === 32) this.line(`r${n} = ${v};`);
    else if (size === 16) this.line(`r${n} = (r${n} & -65536) | ((${v}) & 65535);`);
    else if (n < 4) this.line(`r${n} = (r${n} & -256) | ((${v}) & 255);`);
    else this.line(`r${n - 4} = (r${n - 4} & -65281) | (((${v}) & 255) << 8);`);
  }

  // --- Memory ----------------------------------------------------------------------------

  /** The sum base + index << scale + disp, not truncated. */
  addressSum(ins: Instr): string {
    const parts: string[] = [];
    if (ins.base >= 0) parts.push(`r${ins.base}`);
    if (ins.index >= 0) parts.push(ins.scale ? `(r${ins.index} << ${ins.scale})` : `r${ins.index}`);
    parts.push(String(ins.disp));
    return parts.join(' + ');
  }

  address(ins: Instr): string {
    const sum = this.addressSum(ins);
    return ins.adsize === 32 ? `((${sum}) >>> 0)` : `((${sum}) & 65535)`;
  }

  /** Reads `size` bits at seg:o into a new local; returns its name (emitMemory.ts). */
  read(seg: number, o: string, size: number): string {
    return emitRead(this, seg, o, size);
  }

  /** Writes `value` as `size` bits at seg:o (emitMemory.ts). */
  write(seg: number, o: string, size: number, value: string): void {
    emitWrite(this, seg, o, size, value);
  }

  /**
   * A PUSH/POP/CALL/RET access at ESP - `below`: through the stack window (runtime.ts
   * computeStackWindow: sLo sEnd sD) when the dword is in it and aligned, else as `read`.
   */
  stackRead(size: number): string {
    if (size !== 32) return this.read(2, '(r4 >>> 0)', size);
    const v = this.name('v');
    this.line(`let ${v} = 0; if (${stackHit('r4')}) ${v} = m32[${stackIndex('r4')}] | 0; else {`);
    const slow = this.read(2, '(r4 >>> 0)', 32);
    this.line(`${v} = ${slow}; }`);
    return v;
  }

  stackWrite(below: number, size: number, value: string): void {
    if (size !== 32) {
      this.write(2, `((r4 - ${below}) >>> 0)`, size, value);
      return;
    }
    const a = this.name('s');
    this.line(`const ${a} = (r4 - ${below}) | 0;`);
    this.line(`if (${stackHit(a)}) m32[${stackIndex(a)}] = ${value}; else {`);
    this.write(2, `(${a} >>> 0)`, 32, value);
    this.line('}');
  }

  // --- Flags -----------------------------------------------------------------------------

  flagsOut(): void {
    this.line(SYNC_FLAGS_OUT);
  }

  flagsIn(): void {
    this.line(SYNC_FLAGS_IN);
    this.known = null;
  }

  /** Records a lazy result (flags.setLazy / the inline ALU record). */
  lazy(op: number, a: string | null, b: string | null, r: string, size: number, mask: number): void {
    if (this.dead) return;
    this.line(
      `lzOp = ${op}; ${a !== null ? `lzA = ${a}; ` : ''}${b !== null ? `lzB = ${b}; ` : ''}lzRes = ${r}; lzSize = ${size}; lzFlags = ${mask};`,
    );
    this.known = { op, size, mask };
  }

  /** A boolean expression for one arithmetic flag. */
  flag(f: number): string {
    const k = this.known;
    if (k === null)
      return `((lzFlags & ${f}) === 0 ? (fl & ${f}) !== 0 : RT.lazyBits(${f}, lzOp, lzA, lzB, lzRes, lzSize) !== 0)`;
    if ((k.mask & f) === 0) return `((fl & ${f}) !== 0)`;
    const m = k.size === 32 ? -1 : (1 << k.size) - 1;
    const sign = k.size === 32 ? -2147483648 : 1 << (k.size - 1);
    const u = (x: string) => (k.size === 32 ? `(${x} >>> 0)` : `(${x} & ${m})`);
    switch (f) {
      case CF:
        if (k.op === LazyOp.ADD) return `(${u('lzRes')} < ${u('lzA')})`;
        if (k.op === LazyOp.SUB) return `(${u('lzA')} < ${u('lzB')})`;
        if (k.op === LazyOp.LOGIC) return 'false';
        break;
      case ZF:
        return k.size === 32 ? '(lzRes === 0)' : `((lzRes & ${m}) === 0)`;
      case SF:
        return `((lzRes & ${sign}) !== 0)`;
      case PF:
        return '(PARITY[lzRes & 255] !== 0)';
      case OF:
        if (k.op === LazyOp.ADD) return `((((lzA ^ lzRes) & (lzB ^ lzRes)) & ${sign}) !== 0)`;
        if (k.op === LazyOp.SUB) return `((((lzA ^ lzB) & (lzA ^ lzRes)) & ${sign}) !== 0)`;
        if (k.op === LazyOp.LOGIC) return 'false';
        break;
      default:
        break;
    }
    return `(RT.lazyBits(${f}, lzOp, lzA, lzB, lzRes, lzSize) !== 0)`;
  }

  /** Condition code cc (SDM Vol.1 Appendix B, Table B-1) as a boolean expression. */
  condition(cc: number): string {
    if (this.known === null) return `RT.condition(${cc}, fl, lzFlags, lzOp, lzA, lzB, lzRes, lzSize)`;
    const fused = this.fusedCondition(cc >> 1);
    if (fused !== null) return (cc & 1) === 0 ? fused : `!${fused}`;
    let t: string;
    switch (cc >> 1) {
      case 0:
        t = this.flag(OF);
        break;
      case 1:
        t = this.flag(CF);
        break;
      case 2:
        t = this.flag(ZF);
        break;
      case 3:
        t = `(${this.flag(CF)} || ${this.flag(ZF)})`;
        break;
      case 4:
        t = this.flag(SF);
        break;
      case 5:
        t = this.flag(PF);
        break;
      case 6:
        t = `(${this.flag(SF)} !== ${this.flag(OF)})`;
        break;
      default:
        t = `(${this.flag(ZF)} || ${this.flag(SF)} !== ${this.flag(OF)})`;
        break;
    }
    return (cc & 1) === 0 ? t : `!${t}`;
  }

  /**
   * Conditions B/BE, L, LE (and their negations) straight from the last lazy record's
   * operands, when the flags they read all come from it (SDM Vol.1 Appendix B, Table B-1:
   * after CMP a, b, i.e. SUB, BE is a <= b unsigned, L is a < b signed, LE is a <= b signed;
   * after a logical op, CF = OF = 0, so L is SF and LE is ZF or SF, i.e. the signed result
   * < 0 or <= 0). Null when not that case. The operands of a record smaller than 32 bits may
   * carry bits above its size, hence the masks and sign extensions.
   */
  private fusedCondition(half: number): string | null {
    const k = this.known!;
    const has = (f: number) => (k.mask & f) === f;
    const sh = 32 - k.size;
    const sx = (x: string) => (k.size === 32 ? x : `((${x} << ${sh}) >> ${sh})`);
    const ux = (x: string) => (k.size === 32 ? `(${x} >>> 0)` : `(${x} & ${(1 << k.size) - 1})`);
    if (k.op === LazyOp.SUB) {
      if (half === 1 && has(CF)) return `(${ux('lzA')} < ${ux('lzB')})`;
      if (half === 3 && has(CF | ZF)) return `(${ux('lzA')} <= ${ux('lzB')})`;
      if (half === 6 && has(SF | OF)) return `(${sx('lzA')} < ${sx('lzB')})`;
      if (half === 7 && has(SF | OF | ZF)) return `(${sx('lzA')} <= ${sx('lzB')})`;
    } else if (k.op === LazyOp.LOGIC) {
      if (half === 6 && has(SF | OF)) return `(${sx('lzRes')} < 0)`;
      if (half === 7 && has(SF | OF | ZF)) return `(${sx('lzRes')} <= 0)`;
    } else if (k.op === LazyOp.ADD && (half === 6 || half === 7) && has(SF | OF | (half === 7 ? ZF : 0))) {
      // SF != OF as one sign bit: OF's formula (flags.ts) xor the result.
      const sign = k.size === 32 ? -2147483648 : 1 << (k.size - 1);
      const lt = `(((lzRes ^ ((lzA ^ lzRes) & (lzB ^ lzRes))) & ${sign}) !== 0)`;
      return half === 6 ? lt : `(${this.flag(ZF)} || ${lt})`;
    }
    return null;
  }

  /** CF as 0 or 1. */
  carry(): string {
    return `(${this.flag(CF)} ? 1 : 0)`;
  }
}

// --- Operands --------------------------------------------------------------------------------

export function sizeOf(kind: OperandKind, opsize: number): number {
  switch (kind) {
    case 'Eb':
    case 'Gb':
    case 'Zb':
    case 'AL':
    case 'CL':
    case 'Ib':
    case 'Ob':
      return 8;
    case 'Ew':
    case 'Gw':
    case 'AX':
    case 'DX':
    case 'Iw':
      return 16;
    case 'Ed':
    case 'Gd':
      return 32;
    default:
      return opsize;
  }
}

/** How to read and write one operand; null when the emitters do not handle its kind. */
interface Operand {
  read(e: Emitter): string;
  write(e: Emitter, v: string): void;
  memory: boolean;
}

function registerOperand(n: number, size: number): Operand {
  return { read: (e) => e.reg(n, size), write: (e, v) => e.setReg(n, size, v), memory: false };
}

export function operand(kind: OperandKind, ins: Instr): Operand | null {
  const size = sizeOf(kind, ins.opsize);
  switch (kind) {
    case 'Eb':
    case 'Ew':
    case 'Ed':
    case 'Ev':
    case 'Ob':
    case 'Ov':
      if (!ins.memory && kind[0] === 'E') return registerOperand(ins.rm, size);
      return {
        // One address per instruction: a read-modify-write reads and writes the same offset.
        read: (e) => e.read(ins.seg, memoryOffset(e, ins), size),
        write: (e, v) => e.write(ins.seg, memoryOffset(e, ins), size, v),
        memory: true,
      };
    case 'Gb':
    case 'Gw':
    case 'Gd':
    case 'Gv':
      return registerOperand(ins.reg, size);
    case 'Zb':
    case 'Zv':
      return registerOperand(ins.rm, size);
    case 'AL':
    case 'AX':
    case 'eAX':
      return registerOperand(0, size);
    case 'CL':
      return registerOperand(1, 8);
    case 'ONE':
      return { read: () => '1', write: () => undefined, memory: false };
    case 'Ib':
    case 'Iw':
    case 'Iv':
    case 'IbS':
      return { read: () => String(ins.imm), write: () => undefined, memory: false };
    default:
      return null;
  }
}

/**
 * The memory offset of the instruction, computed once into a const: an int32 for 32-bit
 * addressing (no `>>> 0` there, which made V8 check the sum for overflow and the result for
 * the sign), returned as the unsigned expression the accessors take.
 */
const offsets = new WeakMap<Emitter, { ins: Instr; name: string }>();
function memoryOffset(e: Emitter, ins: Instr): string {
  const had = offsets.get(e);
  if (had !== undefined && had.ins === ins) return had.name;
  const o = e.name('o');
  const name = ins.adsize === 32 ? `(${o} >>> 0)` : o;
  e.line(`const ${o} = ${ins.adsize === 32 ? `(${e.addressSum(ins)}) | 0` : e.address(ins)};`);
  offsets.set(e, { ins, name });
  return name;
}

// --- Instruction families --------------------------------------------------------------------

const INLINE_BINARY: Record<string, { expr: string; op: number; logic: boolean; writeBack: boolean }> = {
  add: { expr: '(A + B) | 0', op: LazyOp.ADD, logic: false, writeBack: true },
  sub: { expr: '(A - B) | 0', op: LazyOp.SUB, logic: false, writeBack: true },
  cmp: { expr: '(A - B) | 0', op: LazyOp.SUB, logic: false, writeBack: false },
  and: { expr: 'A & B', op: LazyOp.LOGIC, logic: true, writeBack: true },
  test: { expr: 'A & B', op: LazyOp.LOGIC, logic: true, writeBack: false },
  or: { expr: 'A | B', op: LazyOp.LOGIC, logic: true, writeBack: true },
  xor: { expr: 'A ^ B', op: LazyOp.LOGIC, logic: true, writeBack: true },
};

function binary(e: Emitter, ins: Instr, exec: string): boolean {
  const kinds = ins.form!.operands;
  const d = operand(kinds[0], ins),
    s = operand(kinds[1], ins);
  if (d === null || s === null) return false;
  const size = sizeOf(kinds[0], ins.opsize);
  const a = e.name('a'),
    b = e.name('b'),
    r = e.name('r');
  e.line(`const ${a} = ${d.read(e)}, ${b} = ${s.read(e)};`);
  const inline = INLINE_BINARY[exec];
  if (inline) {
    e.line(`const ${r} = ${inline.expr.replace('A', a).replace('B', b)};`);
    if (inline.writeBack) d.write(e, r);
    e.lazy(inline.op, inline.logic ? null : a, inline.logic ? null : b, r, size, ARITH_FLAGS);
    return true;
  }
  // ADC / SBB (alu.adc, alu.sbb): the carry in picks the lazy op.
  const c = e.name('c');
  const add = exec === 'adc';
  e.line(`const ${c} = ${e.carry()};`);
  e.line(`const ${r} = (${a} ${add ? '+' : '-'} ${b} ${add ? '+' : '-'} ${c}) | 0;`);
  d.write(e, r);
  if (e.dead) return true;
  e.line(
    `lzOp = ${c} !== 0 ? ${add ? LazyOp.ADC : LazyOp.SBB} : ${add ? LazyOp.ADD : LazyOp.SUB}; lzA = ${a}; lzB = ${b}; lzRes = ${r}; lzSize = ${size}; lzFlags = ${ARITH_FLAGS};`,
  );
  e.known = null;
  return true;
}

function unary(e: Emitter, ins: Instr, exec: string): boolean {
  const kind = ins.form!.operands[0];
  const d = operand(kind, ins);
  if (d === null) return false;
  const size = sizeOf(kind, ins.opsize);
  const a = e.name('a'),
    r = e.name('r');
  e.line(`const ${a} = ${d.read(e)};`);
  switch (exec) {
    case 'inc':
    case 'dec': {
      // INC/DEC keep CF (alu.ts keepCarry): it is folded into fl, the rest is lazy.
      const c = e.name('c');
      if (!e.dead) e.line(`const ${c} = ${e.carry()};`);
      e.line(`const ${r} = (${a} ${exec === 'inc' ? '+' : '-'} 1) | 0;`);
      d.write(e, r);
      if (!e.dead) e.line(`fl = (fl & -2) | ${c};`);
      e.lazy(exec === 'inc' ? LazyOp.ADD : LazyOp.SUB, a, '1', r, size, ARITH_FLAGS & ~CF);
      return true;
    }
    case 'not':
      e.line(`const ${r} = ~${a};`);
      d.write(e, r);
      return true;
    default: // neg
      e.line(`const ${r} = (0 - ${a}) | 0;`);
      d.write(e, r);
      e.lazy(LazyOp.SUB, '0', a, r, size, ARITH_FLAGS);
      return true;
  }
}

/**
 * SHL SHR SAR ROL ROR by an immediate (exec/shift.ts, same formulas); others call shift.*, and
 * so do SHL and SHR under the 80386's undefined-flag rules.
 */
function shiftOp(e: Emitter, ins: Instr, exec: string): boolean {
  const kinds = ins.form!.operands;
  const d = operand(kinds[0], ins),
    cnt = operand(kinds[1], ins);
  if (d === null || cnt === null) return false;
  const size = sizeOf(kinds[0], ins.opsize);
  const m = size === 32 ? -1 : (1 << size) - 1;
  const a = e.name('a'),
    r = e.name('r');
  e.line(`const ${a} = ${d.read(e)};`);
  const constant = kinds[1] === 'ONE' || kinds[1] === 'Ib';
  const c = constant ? (kinds[1] === 'ONE' ? 1 : ins.imm) & 31 : -1;
  const name = exec === 'sal' ? 'shl' : exec;
  const i386Shift = e.i386Flags && (name === 'shl' || name === 'shr');
  const inline = ['shl', 'shr', 'sar', 'rol', 'ror'].includes(name) && !i386Shift;
  if (!constant || !inline) {
    e.flagsOut();
    e.line(`const ${r} = shift.${name}(cpu, ${a}, ${cnt.read(e)}, ${size});`);
    d.write(e, r);
    e.flagsIn();
    return true;
  }
  if (c === 0) {
    d.write(e, a);
    return true;
  }
  const cf = e.name('f');
  switch (name) {
    case 'shl':
      e.line(`const ${r} = (${a} << ${c}) & ${m};`);
      e.line(`const ${cf} = ${c <= size ? `(${a} >>> ${size - c}) & 1` : '0'};`);
      d.write(e, r);
      if (!e.dead) e.line(`fl = (fl & ${~OCA}) | ${cf} | ((((${r} >>> ${size - 1}) & 1) ^ ${cf}) << 11);`);
      e.lazy(LazyOp.LOGIC, null, null, r, size, SZP);
      return true;
    case 'shr': {
      const ua = size === 32 ? `(${a} >>> 0)` : a;
      e.line(`const ${r} = ${ua} >>> ${c};`);
      e.line(`const ${cf} = (${ua} >>> ${c - 1}) & 1;`);
      d.write(e, r);
      if (!e.dead) e.line(`fl = (fl & ${~OCA}) | ${cf} | (((${ua} >>> ${size - 1}) & 1) << 11);`);
      e.lazy(LazyOp.LOGIC, null, null, r, size, SZP);
      return true;
    }
    case 'sar': {
      const sa = size === 32 ? a : `((${a} << ${32 - size}) >> ${32 - size})`;
      e.line(`const ${r} = (${sa} >> ${c}) & ${m};`);
      e.line(`const ${cf} = (${sa} >> ${c - 1}) & 1;`);
      d.write(e, r);
      if (!e.dead) e.line(`fl = (fl & ${~OCA}) | ${cf};`);
      e.lazy(LazyOp.LOGIC, null, null, r, size, SZP);
      return true;
    }
    default: {
      const cs = c % size;
      if (name === 'rol') {
        e.line(`const ${r} = ${cs === 0 ? a : `((${a} << ${cs}) | (${a} >>> ${size - cs})) & ${m}`};`);
        d.write(e, r);
        if (!e.dead) e.line(`fl = (fl & ${~(CF | OF)}) | (${r} & 1) | ((((${r} >>> ${size - 1}) ^ ${r}) & 1) << 11);`);
      } else {
        e.line(`const ${r} = ${cs === 0 ? a : `((${a} >>> ${cs}) | (${a} << ${size - cs})) & ${m}`};`);
        d.write(e, r);
        if (!e.dead)
          e.line(
            `fl = (fl & ${~(CF | OF)}) | ((${r} >>> ${size - 1}) & 1) | ((((${r} >>> ${size - 1}) ^ (${r} >>> ${size - 2})) & 1) << 11);`,
          );
      }
      if (e.dead) return true;
      e.line(`lzFlags &= ${~(CF | OF)};`);
      if (e.known !== null) e.known = { ...e.known, mask: e.known.mask & ~(CF | OF) };
      return true;
    }
  }
}

function move(e: Emitter, ins: Instr): boolean {
  const kinds = ins.form!.operands;
  const d = operand(kinds[0], ins),
    s = operand(kinds[1], ins);
  if (d === null || s === null) return false;
  const v = e.name('v');
  e.line(`const ${v} = ${s.read(e)};`);
  d.write(e, v);
  return true;
}

function extend(e: Emitter, ins: Instr, signed: boolean): boolean {
  const kinds = ins.form!.operands;
  const d = operand(kinds[0], ins),
    s = operand(kinds[1], ins);
  if (d === null || s === null) return false;
  const shift = 32 - sizeOf(kinds[1], ins.opsize);
  const v = e.name('v');
  e.line(`const ${v} = ${s.read(e)};`);
  d.write(e, signed ? `((${v} << ${shift}) >> ${shift})` : v);
  return true;
}

function imul(e: Emitter, ins: Instr, three: boolean): boolean {
  const kinds = ins.form!.operands;
  const src = operand(kinds[1], ins);
  if (src === null || ins.opsize !== 32) return false;
  const a = e.name('a'),
    b = e.name('b'),
    r = e.name('r');
  // muldiv.imulTruncating (32-bit): low product, CF = OF = the product does not fit.
  e.line(`const ${a} = ${three ? src.read(e) : e.reg(ins.reg, 32)}, ${b} = ${three ? String(ins.imm) : src.read(e)};`);
  e.line(`const ${r} = Math.imul(${a}, ${b});`);
  e.setReg(ins.reg, 32, r);
  if (!e.dead) e.line(`fl = (fl & ${~OCA}) | ((${a} * ${b}) !== ${r} ? ${CF | OF} : 0);`);
  e.lazy(LazyOp.LOGIC, null, null, r, 32, SZP);
  return true;
}

function setcc(e: Emitter, ins: Instr): boolean {
  if (ins.memory) return false;
  e.setReg(ins.rm, 8, `${e.condition(ins.condition)} ? 1 : 0`);
  return true;
}

function cmovcc(e: Emitter, ins: Instr): boolean {
  const s = operand(ins.form!.operands[1], ins);
  if (s === null) return false;
  const v = e.name('v');
  e.line(`const ${v} = ${s.read(e)};`);
  e.line(`if (${e.condition(ins.condition)}) {`);
  e.setReg(ins.reg, ins.opsize, v);
  e.line('}');
  return true;
}

function xchg(e: Emitter, ins: Instr): boolean {
  const kinds = ins.form!.operands;
  const size = kinds[0] === 'Eb' ? 8 : ins.opsize;
  if (ins.memory) {
    // XCHG r/m, r with memory (misc.xchg): the load and the store before any local changes.
    const m = operand(kinds[0], ins)!;
    const v = e.name('v');
    e.line(`const ${v} = ${m.read(e)};`);
    m.write(e, e.reg(ins.reg, size));
    e.setReg(ins.reg, size, v);
    return true;
  }
  const x = ins.rm,
    y = kinds[0] === 'Zv' ? 0 : ins.reg;
  const t = e.name('t'),
    u = e.name('u');
  e.line(`const ${t} = ${e.reg(x, size)}, ${u} = ${e.reg(y, size)};`);
  e.setReg(x, size, u);
  e.setReg(y, size, t);
  return true;
}

/**
 * Straight-line (non-branch) instructions. Returns false when the instruction must run
 * through its handler instead.
 */
export function emitInstruction(e: Emitter, ins: Instr): boolean {
  const exec = ins.form?.exec;
  if (exec === undefined || ins.lock) return false;
  switch (exec) {
    case 'add':
    case 'or':
    case 'and':
    case 'sub':
    case 'xor':
    case 'cmp':
    case 'test':
    case 'adc':
    case 'sbb':
      return binary(e, ins, exec);
    case 'inc':
    case 'dec':
    case 'not':
    case 'neg':
      return unary(e, ins, exec);
    case 'shl':
    case 'shr':
    case 'sar':
    case 'rol':
    case 'ror':
    case 'rcl':
    case 'rcr':
      return shiftOp(e, ins, exec);
    case 'mov':
      return move(e, ins);
    case 'movzx':
      return extend(e, ins, false);
    case 'movsx':
      return extend(e, ins, true);
    case 'lea':
      if (ins.opsize === 32) e.line(`r${ins.reg} = ${e.address(ins)} | 0;`);
      else e.setReg(ins.reg, 16, e.address(ins));
      return true;
    case 'imul2':
      return imul(e, ins, false);
    case 'imul3':
      return imul(e, ins, true);
    case 'setcc':
      return setcc(e, ins);
    case 'cmovcc':
      return cmovcc(e, ins);
    case 'xchg':
      return xchg(e, ins);
    case 'nop':
      return true;
    case 'cwd': // CDQ, CWD (misc.cwd)
      if (ins.opsize === 32) e.line('r2 = r0 >> 31;');
      else e.setReg(2, 16, '(r0 << 16) >> 31');
      return true;
    case 'cbw': // CWDE, CBW (misc.cbw)
      if (ins.opsize === 32) e.line('r0 = (r0 << 16) >> 16;');
      else e.setReg(0, 16, '(r0 << 24) >> 24');
      return true;
    case 'push': {
      if (!e.stack32) return false;
      const s = operand(ins.form!.operands[0], ins);
      if (s === null) return false;
      const size = ins.opsize,
        bytes = size >> 3;
      const v = e.name('v');
      e.line(`const ${v} = ${s.read(e)};`);
      e.stackWrite(bytes, size, v);
      e.line(`r4 = (r4 - ${bytes}) | 0;`);
      return true;
    }
    case 'pop': {
      if (!e.stack32 || ins.form!.operands[0] !== 'Zv') return false;
      const size = ins.opsize;
      const v = e.stackRead(size);
      e.line(`r4 = (r4 + ${size >> 3}) | 0;`);
      e.setReg(ins.rm, size, v);
      return true;
    }
    default:
      return false;
  }
}

export { SZP, OCA };
