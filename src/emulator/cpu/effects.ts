// Declared effects of a decoded instruction: what the region compiler (jit/region.ts) may
// assume about it without looking at how its handler is written. They are derived from the
// instruction table row (operand kinds, flag letters, condition) and the decoded ModRM, plus
// the implicit operands of the exec names listed in IMPLICIT below (x87 and MMX: effectsFpu.ts).
// An exec name not listed there (a hand-written handler added without a declaration) gets the
// conservative answer: it may read and write every register and flag, fault, and touch memory.

import type { Instr } from './instr';
import type { OperandKind } from '../../isa/isa';
import { flagMask } from '../../isa/isa';
import { ARITH_FLAGS, CF, OF, PF, SF, ZF } from './flags';
import { fpuEffects } from './effectsFpu';

/** All eight general registers, as a register bit set. */
export const ALL_REGISTERS = 0xff;

export interface Effects {
  /** General registers read / written, one bit per register number (EAX = bit 0). */
  regsRead: number;
  regsWritten: number;
  /** Arithmetic flags read; `otherFlags`: the handler may read or write any EFLAGS bit. */
  flagsRead: number;
  /** Arithmetic flags written with a defined value, and left undefined (SDM). */
  flagsWritten: number;
  flagsUndefined: number;
  otherFlags: boolean;
  /** May raise an exception (or stop the run) part-way. */
  mayFault: boolean;
  memory: 'none' | 'read' | 'write' | 'readWrite';
  /** Nothing may follow it in a compiled region without the interpreter looking first. */
  endsRegion: boolean;
}

/** The flags each condition pair (cc >> 1) tests (SDM Vol.1 Appendix B, Table B-1). */
export const CONDITION_FLAGS = [OF, CF, ZF, CF | ZF, SF, PF, SF | OF, ZF | SF | OF] as const;

interface Implicit {
  read?: number;
  written?: number;
  /** Reads the condition flags of ins.condition. */
  condition?: boolean;
  flagsRead?: number;
  /** Touches EFLAGS bits beyond the arithmetic six (DF, IF, TF ...). */
  otherFlags?: boolean;
  /** The first operand is only read (compare, test, push). */
  readOnly?: boolean;
  /** Writes the first operand without reading it. */
  writeOnly?: boolean;
  /** Can fault with no memory operand (divide error, stack, limit checks). */
  faults?: boolean;
}

const EAX = 1,
  ECX = 2,
  EDX = 4,
  ESP = 16,
  EBP = 32;

/** Exec names whose effects are fully described by their operands plus this. */
const IMPLICIT: Record<string, Implicit> = {
  add: {},
  or: {},
  and: {},
  sub: {},
  xor: {},
  adc: { flagsRead: CF },
  sbb: { flagsRead: CF },
  cmp: { readOnly: true },
  test: { readOnly: true },
  inc: { flagsRead: CF },
  dec: { flagsRead: CF },
  not: {},
  neg: {},
  shl: {},
  sal: {},
  shr: {},
  sar: {},
  rol: {},
  ror: {},
  rcl: { flagsRead: CF },
  rcr: { flagsRead: CF },
  mov: { writeOnly: true },
  movzx: { writeOnly: true },
  movsx: { writeOnly: true },
  lea: { writeOnly: true },
  imul2: {},
  imul3: { writeOnly: true },
  jcc: { condition: true, faults: true },
  jmp: { faults: true },
  call: { read: ESP, written: ESP, faults: true },
  ret: { read: ESP, written: ESP, faults: true },
  loop: { read: ECX, written: ECX, faults: true },
  push: { read: ESP, written: ESP, readOnly: true, faults: true },
  pop: { read: ESP, written: ESP, writeOnly: true, faults: true },
  nop: {},
  xchg: {},
  cbw: { read: EAX, written: EAX },
  cwd: { read: EAX, written: EAX | EDX },
  setcc: { condition: true, writeOnly: true },
  cmovcc: { condition: true },
  bswap: {},
  mul: { read: EAX, written: EAX | EDX },
  imul1: { read: EAX, written: EAX | EDX },
  div: { read: EAX | EDX, written: EAX | EDX, faults: true },
  idiv: { read: EAX | EDX, written: EAX | EDX, faults: true },
  leave: { read: ESP | EBP, written: ESP | EBP, faults: true },
  pusha: { read: ALL_REGISTERS, written: ESP, faults: true },
  popa: { read: ESP, written: ALL_REGISTERS, faults: true },
  jcxz: { read: ECX, faults: true },
  clc: {},
  stc: {},
  cmc: { flagsRead: CF },
  cld: { otherFlags: true },
  std: { otherFlags: true },
};

function bit(n: number): number {
  return n >= 0 ? 1 << n : 0;
}

/** Register bits an operand of this kind names (8-bit registers 4..7 are AH..BH of 0..3). */
function operandRegisters(kind: OperandKind, ins: Instr): number {
  switch (kind) {
    case 'Eb':
      return ins.memory ? 0 : bit(ins.rm & 3);
    case 'Ew':
    case 'Ed':
    case 'Ev':
      return ins.memory ? 0 : bit(ins.rm);
    case 'Gb':
      return bit(ins.reg & 3);
    case 'Gw':
    case 'Gd':
    case 'Gv':
      return bit(ins.reg);
    case 'Zb':
      return bit(ins.rm & 3);
    case 'Zv':
      return bit(ins.rm);
    case 'AL':
    case 'AX':
    case 'eAX':
      return EAX;
    case 'CL':
      return ECX;
    case 'DX':
      return EDX;
    default:
      return 0;
  }
}

const MEMORY_KINDS = new Set<OperandKind>([
  'M',
  'Mw',
  'Md',
  'Mq',
  'Mp',
  'Ma',
  'Ms',
  'Ob',
  'Ov',
  'Xb',
  'Xv',
  'Yb',
  'Yv',
]);

/** The effects of `ins`, given its dispatch facts (dispatch.ts execFacts). */
export function effectsOf(ins: Instr, facts: { branch: boolean; endsBlock: boolean }): Effects {
  const form = ins.form;
  const endsRegion =
    facts.endsBlock ||
    (facts.branch &&
      form?.exec !== 'jcc' &&
      form?.exec !== 'jmp' &&
      form?.exec !== 'call' &&
      form?.exec !== 'ret' &&
      form?.exec !== 'loop' &&
      form?.exec !== 'jcxz');
  // x87 and MMX: effectsFpu.ts.
  const fpu = form ? fpuEffects(ins, form.exec, endsRegion) : undefined;
  if (fpu !== undefined) return fpu;
  const imp = form ? IMPLICIT[form.exec] : undefined;
  if (!form || !imp) {
    return {
      regsRead: ALL_REGISTERS,
      regsWritten: ALL_REGISTERS,
      flagsRead: ARITH_FLAGS,
      flagsWritten: ARITH_FLAGS,
      flagsUndefined: 0,
      otherFlags: true,
      mayFault: true,
      memory: 'readWrite',
      endsRegion,
    };
  }
  const kinds = form.operands;
  let read = imp.read ?? 0,
    written = imp.written ?? 0;
  const lea = form.exec === 'lea';
  let memory = false;
  kinds.forEach((k, i) => {
    const regs = operandRegisters(k, ins);
    if (i === 0 && !imp.readOnly) written |= regs;
    if (i !== 0 || !imp.writeOnly) read |= regs;
    if ((((k[0] === 'E' || k[0] === 'Q') && ins.memory) || MEMORY_KINDS.has(k)) && !lea) memory = true;
  });
  if (ins.memory) read |= bit(ins.base) | bit(ins.index);
  // XCHG writes both operands; CMOVcc writes its destination only when the condition holds.
  // (Its register operands, also when one is the base or index of the memory operand.)
  if (form.exec === 'xchg') for (const k of kinds) written |= operandRegisters(k, ins);
  const stack = (imp.read ?? 0) & ESP;
  const firstMemory = kinds.length > 0 && ins.memory && (kinds[0][0] === 'E' || kinds[0] === 'Qq' || kinds[0] === 'Mq');
  const access: Effects['memory'] = stack
    ? form.exec === 'push' || form.exec === 'call' || form.exec === 'pusha'
      ? memory
        ? 'readWrite'
        : 'write'
      : 'read'
    : !memory
      ? 'none'
      : !firstMemory
        ? 'read'
        : imp.readOnly
          ? 'read'
          : imp.writeOnly
            ? 'write'
            : 'readWrite';
  const fx = form.flags;
  return {
    regsRead: read,
    regsWritten: written,
    flagsRead: (imp.flagsRead ?? 0) | (imp.condition ? CONDITION_FLAGS[ins.condition >> 1] : 0),
    flagsWritten: flagMask(fx?.written),
    flagsUndefined: flagMask(fx?.undefined),
    otherFlags: imp.otherFlags === true,
    mayFault: access !== 'none' || imp.faults === true,
    memory: access,
    endsRegion,
  };
}
