// Builds native cases from the rows of the instruction table: one instruction each, with
// operands, prefixes and input state chosen so that every memory access stays inside the
// windows of layout.ts and every control transfer lands on HLT or on a non-executable page.

import { hasModrm } from '../../src/isa/instructions';
import type { InstructionForm, OperandKind } from '../../src/isa/isa';
import { FLAG_BITS } from '../../src/isa/isa';
import { REG16, REG32, REG8, memoryOperand, stackRelativeOperand } from './addressing';
import { BRANCH_EXECS, NO_LOCK_CHECK, SKIPPED, STACK_EXECS, STRING_EXECS, familyOf } from './coverage';
import { CaseBuilder, divideInputs, le, readWindow, shiftCount, stackWrite, stringInputs } from './inputs';
import {
  DATA16_WINDOW,
  DATA32_WINDOW,
  EFLAGS_FIXED,
  EXEC_ENTRY,
  HARNESS_END,
  HARNESS_START,
  STACK_TOP,
  STACK_WINDOW,
  WINDOW_SIZE,
} from './layout';
import type { NativeCase } from './native';
import { Random, edgeValue, registerValue, widthMask } from './random';
import { undefinedFlags } from './vector';

const V_KINDS: ReadonlySet<OperandKind> = new Set(['Ev', 'Gv', 'Iv', 'IbS', 'eAX', 'Zv', 'Jv', 'Ov', 'Xv', 'Yv', 'Ma']);
const E_KINDS: ReadonlySet<OperandKind> = new Set(['Eb', 'Ew', 'Ed', 'Ev']);
const M_KINDS: ReadonlySet<OperandKind> = new Set(['M', 'Mw', 'Md', 'Mq', 'Mp', 'Ma', 'Ms']);
const G_KINDS: ReadonlySet<OperandKind> = new Set(['Gb', 'Gw', 'Gd', 'Gv']);

function widthOf(kind: OperandKind, opsize: 16 | 32): number {
  if (kind.endsWith('b') || kind === 'AL' || kind === 'CL') return 8;
  if (kind.endsWith('w') || kind === 'AX' || kind === 'DX') return 16;
  if (kind.endsWith('d')) return 32;
  return opsize;
}

function sizeKeyword(width: number): string {
  return width === 8 ? 'byte' : width === 16 ? 'word' : width === 32 ? 'dword' : 'qword';
}

function hexImm(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

function regName(index: number, width: number): string {
  return width === 8 ? REG8[index] : width === 16 ? REG16[index] : REG32[index];
}

/** Operand sizes a row is run at. */
function operandSizes(form: InstructionForm): (16 | 32)[] {
  if (form.osize) return [form.osize];
  if (form.exec === 'bswap') return [32]; // BSWAP of a 16-bit register is undefined (SDM Vol.2 BSWAP)
  if (form.operands.some((k) => V_KINDS.has(k)) || STACK_EXECS.has(form.exec) || BRANCH_EXECS.has(form.exec))
    return [16, 32];
  return [32];
}

function usesAddressSize(form: InstructionForm): boolean {
  return (
    hasModrm(form) ||
    STRING_EXECS.has(form.exec) ||
    form.exec === 'xlat' ||
    form.operands.includes('Ob') ||
    form.operands.includes('Ov') ||
    ['loop', 'loope', 'loopne'].includes(form.exec)
  );
}

/** A near branch target for this case: on HLT in the exec area, or on a non-executable page. */
function branchTarget(rng: Random, instructionLength: number): number {
  if (rng.chance(0.7)) {
    let delta: number;
    do delta = rng.between(-0x7000, 0x7000);
    while (delta >= 0 && delta < instructionLength + 1);
    return (EXEC_ENTRY + delta) >>> 0;
  }
  return rng.pick([0x00e00000 + rng.below(0x100000), STACK_TOP, DATA32_WINDOW + 0x100]) >>> 0;
}

/** Decides what ModRM operand this case uses: a register or a memory form. */
interface ModrmPlan {
  rmKind: OperandKind | null;
  regKind: OperandKind | null;
  rmIsMemory: boolean;
}

function planModrm(form: InstructionForm, rng: Random): ModrmPlan {
  const rmKind = form.operands.find((k) => E_KINDS.has(k) || M_KINDS.has(k) || k === 'Rd') ?? null;
  const regKind =
    form.operands.find((k) => G_KINDS.has(k) || k === 'Sw' || k === 'Cd' || k === 'Dd' || k === 'Td') ?? null;
  let rmIsMemory: boolean;
  if (rmKind === null) rmIsMemory = rng.chance(0.5);
  // A register form of a memory-only operand is #UD: checked for LEA and CMPXCHG8B (for BOUND
  // and LES/LDS the register forms are EVEX/VEX prefixes on current hosts).
  else if (M_KINDS.has(rmKind)) rmIsMemory = !((form.exec === 'lea' || form.exec === 'cmpxchg8b') && rng.chance(0.1));
  else if (rmKind === 'Rd') rmIsMemory = false;
  else rmIsMemory = rng.chance(0.5);
  return { rmKind, regKind, rmIsMemory };
}

/** Bytes the memory operand of a row accesses (for choosing an address inside a window). */
function accessBytes(rmKind: OperandKind | null, opsize: 16 | 32): number {
  if (rmKind === 'Mq') return 8;
  if (rmKind === 'Ma') return opsize / 4;
  if (rmKind === null || rmKind === 'M') return opsize / 8;
  return widthOf(rmKind, opsize) / 8;
}

export interface RowCases {
  cases: NativeCase[];
  /** Why the row is skipped, when it is. */
  skipped?: string;
}

/** Number of cases per row; condition-code rows get one per flag combination and size. */
const CASES_PER_ROW = 64;

export function casesForRow(form: InstructionForm, rng: Random, scale = 1): RowCases {
  const cases: NativeCase[] = [];
  const family = familyOf(form);
  const skipped = SKIPPED[form.exec];
  if (skipped !== undefined) {
    if (!NO_LOCK_CHECK.has(form.exec)) {
      for (let i = 0; i < Math.max(1, Math.round(2 * scale)); i++) {
        const c = buildCase(form, rng, family, { forceLock: true });
        if (c) cases.push(c);
      }
    }
    return { cases, skipped };
  }
  let count = Math.round(CASES_PER_ROW * scale);
  if (form.condition !== undefined || form.exec === 'into') count = Math.round(80 * scale);
  if (family === 'shift' || family === 'rotate' || family === 'shld-shrd' || family === 'divide')
    count = Math.round(96 * scale);
  for (let i = 0; i < count; i++) {
    const c = buildCase(form, rng, family, { flagCombination: i });
    if (c) cases.push(c);
  }
  return { cases };
}

interface CaseOptions {
  forceLock?: boolean;
  flagCombination?: number;
}

/** The OF SF ZF PF CF combination number n (0..31) as EFLAGS bits. */
function conditionFlags(n: number): number {
  const bits = [FLAG_BITS.o, FLAG_BITS.s, FLAG_BITS.z, FLAG_BITS.p, FLAG_BITS.c];
  let flags = 0;
  bits.forEach((bit, i) => {
    if (n & (1 << i)) flags |= bit;
  });
  return flags;
}

function buildCase(form: InstructionForm, rng: Random, family: string, options: CaseOptions): NativeCase | null {
  const opsize = rng.pick(operandSizes(form));
  let asize: 16 | 32 = 32;
  if (form.asize) asize = form.asize;
  else if (usesAddressSize(form) && rng.chance(0.3)) asize = 16;
  const b = new CaseBuilder(rng, opsize, asize);
  const exec = form.exec;
  if (options.flagCombination !== undefined && (form.condition !== undefined || exec === 'into')) {
    b.eflags = (b.eflags & ~0x08c5) | conditionFlags(options.flagCombination % 32);
  }
  const isStack = STACK_EXECS.has(exec) && !(exec === 'call' && form.operands[0] === 'Mp');
  if (isStack) {
    // PUSHA writes 32 bytes below ESP, POPA reads 32 above: both stay inside the window
    const offsets = exec === 'pusha' ? [0, 2, 4, 8] : exec === 'popa' ? [0, -2, -4, -8] : [0, 0, 0, 4, -4, 2, 8];
    b.regs[4] = (STACK_TOP + rng.pick(offsets)) >>> 0;
    b.used.add('stack');
  } else if (rng.chance(0.3)) {
    b.regs[4] = registerValue(rng, opsize);
  }

  // --- ModRM operand -----------------------------------------------------------------------
  const withModrm = hasModrm(form);
  const plan = planModrm(form, rng);
  let reg = form.ext ?? rng.below(8);
  let rmRegister = rng.below(8);
  const avoid = new Set<number>();
  if (isStack) avoid.add(4);
  const isBitOffset = ['bt', 'bts', 'btr', 'btc'].includes(exec) && form.operands[1] === 'Gv';
  if (isBitOffset) avoid.add(reg);
  if (exec === 'xlat') avoid.add(3);
  if (form.operands.includes('CL')) avoid.add(1);
  if (exec === 'div' || exec === 'idiv' || exec === 'cmpxchg8b') {
    avoid.add(0);
    avoid.add(2);
  }
  if (exec === 'cmpxchg') avoid.add(0);
  if (withModrm && plan.rmIsMemory && isStack && asize === 32 && rng.chance(0.3)) {
    b.memory = stackRelativeOperand(rng, b.regs[4], exec === 'pop' ? opsize / 8 : 0);
  } else if (withModrm && plan.rmIsMemory) {
    const access = accessBytes(plan.rmKind, opsize);
    const m = memoryOperand(rng, {
      addressSize: asize,
      accessBytes: access,
      avoid,
      ...(isBitOffset ? { minOffset: 20, maxOffset: 36 } : {}),
    });
    if (exec === 'lea') {
      b.memory = m;
      for (const [r, value, width] of m.assignments) b.setReg(r, value, width);
    } else {
      b.useMemory(m);
      // edge values in memory operands too, not only in registers
      for (let at = 0; at < access && rng.chance(0.6); at += 4) {
        const size = Math.min(4, access - at);
        b.poke(m.address + at, le(edgeValue(rng, size * 8), size));
      }
    }
  }

  // --- prefixes ------------------------------------------------------------------------------
  const lockLegalHere = form.lock === true && b.memory !== null && exec !== 'lea';
  if (options.forceLock) b.lock = true;
  else if (lockLegalHere) b.lock = rng.chance(0.35);
  else b.lock = rng.chance(0.04);
  if (STRING_EXECS.has(exec)) {
    const rep = rng.pick([null, 0xf3, 0xf3, 0xf2]);
    if (rep !== null) {
      b.prefixes.push(rep);
      b.prefixText.push(form.rep === 'repe' ? (rep === 0xf3 ? 'repe' : 'repne') : 'rep');
    }
  }
  const memoryUse =
    (b.memory !== null && exec !== 'lea') ||
    STRING_EXECS.has(exec) ||
    exec === 'xlat' ||
    form.operands.includes('Ob') ||
    form.operands.includes('Ov');
  if (memoryUse && rng.chance(0.25)) b.segment = rng.pick([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65]);
  if (b.segment !== null) b.prefixes.push(b.segment);
  if (opsize === 16) b.prefixes.push(0x66);
  if (asize === 16) b.prefixes.push(0x67);
  if (b.lock) b.prefixes.unshift(0xf0);
  if (b.prefixes.length > 1 && rng.chance(0.3)) {
    for (let i = b.prefixes.length - 1; i > 0; i--) {
      const j = rng.below(i + 1);
      [b.prefixes[i], b.prefixes[j]] = [b.prefixes[j], b.prefixes[i]];
    }
  }

  // --- opcode, ModRM, operands -------------------------------------------------------------
  const opcode = [...form.opcode];
  const zIndex = form.operands.findIndex((k) => k === 'Zb' || k === 'Zv');
  let zReg = 0;
  if (zIndex >= 0) {
    zReg = rng.below(8);
    if (form.exec === 'xchg' && zReg === 0) zReg = rng.between(1, 7); // 90 is NOP
    if (isStack && zReg === 4 && rng.chance(0.5)) zReg = rng.below(4);
    opcode[opcode.length - 1] += zReg;
  }
  b.body.push(...opcode);
  if (withModrm) {
    if (plan.regKind !== null && form.ext === undefined) reg = reg & 7;
    if (b.memory) {
      b.body.push((b.memory.mod << 6) | (reg << 3) | b.memory.rm, ...b.memory.tail);
    } else {
      if (isStack && rmRegister === 4) rmRegister = rng.below(4);
      b.body.push(0xc0 | (reg << 3) | rmRegister);
    }
  }

  const segmentNames: Record<number, string> = {
    0x26: 'es',
    0x2e: 'cs',
    0x36: 'ss',
    0x3e: 'ds',
    0x64: 'fs',
    0x65: 'gs',
  };
  const segmentText = b.segment === null ? '' : `${segmentNames[b.segment]}:`;
  const immediates: number[] = [];
  let count: number | undefined;
  const texts: string[] = [];
  let branchLengthFix: (() => void) | null = null;
  for (const kind of form.operands) {
    const width = widthOf(kind, opsize);
    if (E_KINDS.has(kind) || M_KINDS.has(kind) || kind === 'Rd') {
      if (b.memory) {
        const keyword = kind === 'M' ? '' : kind === 'Mq' ? 'qword ' : kind === 'Ma' ? '' : `${sizeKeyword(width)} `;
        texts.push(`${keyword}${b.memory.text.replace('[', '[' + segmentText)}`);
      } else {
        texts.push(regName(rmRegister, width));
      }
    } else if (G_KINDS.has(kind)) {
      texts.push(regName(reg, width));
    } else if (kind === 'Zb' || kind === 'Zv') {
      texts.push(regName(zReg, width));
    } else if (kind === 'Ib' || kind === 'IbS' || kind === 'Iw' || kind === 'Iv') {
      const bytes = kind === 'Iv' ? opsize / 8 : kind === 'Iw' ? 2 : 1;
      let value = edgeValue(rng, bytes * 8);
      const shifting = family === 'shift' || family === 'rotate' || family === 'shld-shrd';
      if (shifting && kind === 'Ib') value = shiftCount(rng);
      if (exec === 'aam' || exec === 'aad') value = rng.pick([10, 10, 10, 0, 1, 16, rng.below(256)]);
      if (exec === 'int') value = rng.pick([3, 4]);
      if (exec === 'enter' && kind === 'Ib') value = rng.pick([0, 0, 1, 2, 3, 4, 32, 33]);
      // ENTER probes a write at the final ESP (SDM Vol.2 ENTER, #PF): stay inside the stack page
      if (exec === 'enter' && kind === 'Iw') value = rng.pick([0, 4, 8, 0x10, rng.below(0x7c0)]);
      if (exec === 'ret') value = rng.pick([0, 2, 4, 8, rng.below(0x10000)]);
      if (['bt', 'bts', 'btr', 'btc'].includes(exec))
        value = rng.pick([0, 1, 7, 8, 15, 16, 31, 32, 63, rng.below(256)]);
      if (shifting && kind === 'Ib') count = value & 0xff;
      immediates.push(...le(value, bytes));
      const shown = kind === 'IbS' ? (value << 24) >> 24 : value;
      texts.push(shown < 0 ? `-${hexImm(-shown)}` : hexImm(shown));
    } else if (kind === 'Jb' || kind === 'Jv') {
      const bytes = kind === 'Jb' ? 1 : opsize / 8;
      const at = b.body.length + immediates.length;
      immediates.push(...new Array<number>(bytes).fill(0));
      branchLengthFix = () => {
        const length = b.prefixes.length + b.body.length;
        let rel: number;
        if (bytes === 1) {
          do rel = rng.between(-128, 127);
          while (rel < 0 && rel >= -length - 1);
        } else if (bytes === 2) {
          rel = rng.below(0x10000);
        } else {
          const target = branchTarget(rng, length);
          rel = (target - (EXEC_ENTRY + length)) | 0;
        }
        b.body.splice(at, bytes, ...le(rel, bytes));
        const target = opsize === 16 ? (EXEC_ENTRY + length + rel) & 0xffff : (EXEC_ENTRY + length + rel) >>> 0;
        texts.push(hexImm(target));
      };
    } else if (kind === 'Ap') {
      const offset = rng.u32() & widthMask(opsize);
      immediates.push(...le(offset, opsize / 8), ...le(rng.below(0x10000), 2));
      texts.push(`far ${hexImm(offset)}`);
    } else if (kind === 'Ob' || kind === 'Ov') {
      const bytes = asize / 8;
      const size = width / 8;
      const address =
        asize === 32
          ? DATA32_WINDOW + rng.below(WINDOW_SIZE - size + 1)
          : DATA16_WINDOW + rng.below(WINDOW_SIZE - size + 1);
      immediates.push(...le(address, bytes));
      b.used.add(asize === 32 ? 'data32' : 'data16');
      texts.push(`[${segmentText}${hexImm(address)}]`);
    } else if (kind === 'AL' || kind === 'AX' || kind === 'eAX' || kind === 'CL' || kind === 'DX') {
      if (!form.implicit) texts.push(kind === 'CL' ? 'cl' : kind === 'DX' ? 'dx' : regName(0, width));
    } else if (kind === 'ONE') {
      texts.push('1');
      count = 1;
    }
  }
  b.body.push(...immediates);
  if (branchLengthFix) (branchLengthFix as () => void)();

  // --- semantics-specific inputs -------------------------------------------------------------
  const width = form.operands.length > 0 ? widthOf(form.operands[0], opsize) : opsize;
  const memWidth = b.memory ? accessBytes(plan.rmKind, opsize) : 0;
  const readOperand = (): number => {
    if (b.memory) return readWindow(b, b.memory.address, memWidth);
    return b.getReg(rmRegister, width);
  };
  const writeOperand = (value: number): void => {
    if (b.memory) b.poke(b.memory.address, le(value, Math.min(memWidth, 4)));
    else b.setReg(rmRegister, value, width);
  };

  if (form.operands.includes('CL')) {
    b.setReg(1, shiftCount(rng), 8);
  }
  if (isBitOffset) {
    const offset = rng.between(-128, 160);
    b.setReg(reg, offset, opsize);
  }
  if (exec === 'div' || exec === 'idiv') divideInputs(b, rng, exec === 'idiv', width, writeOperand);
  if (exec === 'cmpxchg' && rng.chance(0.5)) b.setReg(0, readOperand(), width);
  if (exec === 'cmpxchg8b' && b.memory && rng.chance(0.5)) {
    b.regs[0] = readWindow(b, b.memory.address, 4);
    b.regs[2] = readWindow(b, b.memory.address + 4, 4);
  }
  if ((exec === 'bsf' || exec === 'bsr') && rng.chance(0.2)) writeOperand(0);
  if (exec === 'bound' && b.memory) {
    const half = opsize / 8;
    const lo = edgeValue(rng, opsize);
    const hi = rng.chance(0.7) ? (lo + rng.below(1000)) & widthMask(opsize) : edgeValue(rng, opsize);
    b.poke(b.memory.address, [...le(lo, half), ...le(hi, half)]);
    const choice = rng.below(4);
    const index =
      choice === 0
        ? lo
        : choice === 1
          ? hi
          : choice === 2
            ? (lo - 1) & widthMask(opsize)
            : (hi + 1) & widthMask(opsize);
    if (!b.memory.assignments.some(([r]) => r === reg)) b.setReg(reg, index, opsize);
  }
  if (STRING_EXECS.has(exec)) stringInputs(b, rng, asize);
  if (exec === 'xlat') {
    const al = rng.below(256);
    b.setReg(0, al, 8);
    const table = (asize === 32 ? DATA32_WINDOW : DATA16_WINDOW) + rng.below(WINDOW_SIZE) - al;
    b.setReg(3, table, asize);
    b.used.add(asize === 32 ? 'data32' : 'data16');
  }
  if (['loop', 'loope', 'loopne', 'jcxz'].includes(exec)) {
    const cx = rng.pick([0, 1, 2, 0x10000, 0x10001, rng.u32()]);
    b.regs[1] = (asize === 16 ? (rng.u32() & 0xffff0000) | (cx & 0xffff) : cx) >>> 0;
  }
  if (exec === 'ret') {
    const target = branchTarget(rng, b.prefixes.length + b.body.length);
    stackWrite(b, 0, target, opsize);
  }
  if ((exec === 'jmp' || exec === 'call') && form.operands[0] === 'Ev') {
    const target = branchTarget(rng, b.prefixes.length + b.body.length);
    writeOperand(opsize === 16 ? (target & 0xffff) | (rng.u32() & 0xffff0000) : target);
  }
  if (exec === 'popf') {
    const flags = (rng.u32() & 0x0cd5) | EFLAGS_FIXED;
    stackWrite(b, 0, opsize === 16 ? flags & 0xffff : flags, opsize);
  }
  if (exec === 'enter') b.regs[5] = (STACK_WINDOW + rng.between(44, 60)) >>> 0;
  if (exec === 'leave') b.regs[5] = (STACK_WINDOW + rng.between(8, 56)) >>> 0;

  // --- shift count and the flag mask ---------------------------------------------------------
  if (form.operands.includes('CL')) count = b.regs[1] & 0xff;
  if (family === 'shld-shrd' && opsize === 16 && count !== undefined && (count & 0x1f) > 16) return null; // undefined result
  const flagMask = undefinedFlags(form, count, width);

  if (b.regs[4] >= HARNESS_START && b.regs[4] < HARNESS_END) return null;
  const bytes = [...b.prefixes, ...b.body];
  if (bytes.length > 15) return null; // longer than the architectural limit: #GP natively
  const lockText = b.lock ? 'lock ' : '';
  const sizeText = opsize === 16 && !form.osize && form.operands.length === 0 ? 'o16 ' : '';
  const addrText = asize === 16 && !b.memory ? 'a16 ' : '';
  const mnemonic = form.mnemonic;
  const asm = `${lockText}${b.prefixText.map((p) => p + ' ').join('')}${addrText}${sizeText}${mnemonic}${texts.length ? ' ' + texts.join(', ') : ''}`;
  return {
    family,
    asm,
    bytes,
    opsize,
    regs: [...b.regs],
    eflags: b.eflags,
    windows: b.windows,
    used: [...b.used],
    flagMask,
  };
}
