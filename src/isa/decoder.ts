// Instruction decoder: bytes -> one row of the instruction table plus its prefixes, ModRM/SIB
// fields, displacement and immediates (SDM Vol.2 chapter 2, "Instruction Format"). Pure: no
// CPU state, never throws; every malformed input is a DecodeResult with ok: false.

import type { InstructionForm, OperandKind } from './isa';
import type { CpuModel } from './models';
import { OPCODE_INDEX, hasModrm } from './instructions';
import { SUFFIX_FORMS } from './mmxInstructions';
import { REGISTER_INFO, SEGMENT_REGISTERS } from './mnemonics';

/** SDM Vol.2 2.1.1 / Vol.3 6.15 #GP: an instruction longer than 15 bytes faults. */
export const MAX_INSTRUCTION_LENGTH = 15;

export interface DecodedInstruction {
  ok: true;
  length: number;
  form: InstructionForm;
  opsize: 16 | 32;
  adsize: 16 | 32;
  lock: boolean;
  rep: 'rep' | 'repne' | null;
  /** Segment override 0..5 (ES CS SS DS FS GS), -1 when none. */
  segment: number;
  /** ModRM fields, -1 when the form has no ModRM byte. */
  mod: number;
  reg: number;
  rm: number;
  /** Register number from the low bits of the opcode (+rb/+rd forms), -1 otherwise. */
  opcodeRegister: number;
  /** The instruction has a memory operand (ModRM with mod != 3, or a moffs). */
  memory: boolean;
  /**
   * Effective address parts: base and index register numbers (-1 = none), scale 0..3, disp.
   * 16-bit addressing maps onto the same fields (BX=3 BP=5 SI=6 DI=7, scale 0): the rm
   * field still tells which of the eight 16-bit forms it was.
   */
  base: number;
  index: number;
  scale: number;
  disp: number;
  /**
   * First immediate: Ib/Iw zero-extended, Iv as an int32 (16-bit: zero-extended), IbS, Jb and
   * Jv sign-extended to int32; the offset of a direct far pointer (Ap). 0 when absent.
   */
  imm: number;
  /** Second immediate: ENTER's nesting level, the selector of a direct far pointer. */
  imm2: number;
  /** Prefix bytes in the order they appeared. */
  prefixes: number[];
}

export type DecodeError = 'invalid' | 'lock' | 'truncated' | 'too-long' | 'unsupported-on-model';

export interface DecodeFailure {
  ok: false;
  length: number;
  error: DecodeError;
}

export type DecodeResult = DecodedInstruction | DecodeFailure;

/** Segment register (sreg number) of each segment-override prefix byte, -1 for other bytes. */
const SEGMENT_OF_PREFIX = new Int8Array(256).fill(-1);
SEGMENT_REGISTERS.forEach((name, sreg) => {
  const byte = REGISTER_INFO[name].overrideByte;
  if (byte === undefined) throw new Error(`mnemonics.ts REGISTER_INFO: segment register '${name}' has no overrideByte`);
  SEGMENT_OF_PREFIX[byte] = sreg;
});

/** 16-bit ModRM r/m forms (SDM Vol.2 Table 2-1): [base, index] register numbers. */
const RM16: readonly (readonly [number, number])[] = [
  [3, 6],
  [3, 7],
  [5, 6],
  [5, 7],
  [6, -1],
  [7, -1],
  [5, -1],
  [3, -1],
];

/** Operand kinds that may only be memory (mod != 3). */
const MEMORY_ONLY: ReadonlySet<OperandKind> = new Set<OperandKind>([
  'M',
  'Mw',
  'Md',
  'Mq',
  'Mp',
  'Ma',
  'Ms',
  'Mt',
  'Me',
  'Mf',
  'Mx',
]);

/**
 * Rows on one opcode byte and /digit that differ by the mod field (x87: memory forms, ST(i)
 * forms and whole-ModRM forms share D8-DF /n): does this row take this ModRM byte?
 */
function fitsModrm(f: InstructionForm, modrm: number): boolean {
  if (f.modrmByte !== undefined) return modrm === f.modrmByte;
  if (f.operands.includes('STi') || f.operands.includes('Nq')) return modrm >= 0xc0;
  // A memory-only row never takes mod = 11 (the same #UD the operand check below gives).
  if (modrm >= 0xc0 && f.operands.some((k) => MEMORY_ONLY.has(k))) return false;
  return true;
}

/**
 * The first row of `candidates` that fits the operand and address size (and the ModRM byte when
 * `modrm` >= 0). A row the model lacks yields to a later one it has (0F 18 /0 is PREFETCHNTA on
 * the Athlon, a hint NOP on the Pentium II); with none, the first such row is returned and
 * reported as unsupported on the model.
 */
function select(
  candidates: readonly InstructionForm[],
  opsize: number,
  adsize: number,
  model: CpuModel | undefined,
  modrm: number,
): InstructionForm | undefined {
  let lacking: InstructionForm | undefined;
  for (const f of candidates) {
    if (f.osize !== undefined && f.osize !== opsize) continue;
    if (f.asize !== undefined && f.asize !== adsize) continue;
    if (modrm >= 0) {
      if (!hasModrm(f)) continue;
      if (f.ext !== undefined && f.ext !== ((modrm >> 3) & 7)) continue;
      if (!fitsModrm(f, modrm)) continue;
    }
    if (model && f.requires && !model.features.has(f.requires)) {
      lacking ??= f;
      continue;
    }
    return f;
  }
  return lacking;
}

function fail(length: number, error: DecodeError): DecodeFailure {
  return { ok: false, length, error };
}

/**
 * Decodes the instruction at bytes[offset]. `code32` is the default operand/address size of
 * the code segment (CS.D). `model` gates forms by feature and decides the `lock nop` quirk;
 * without it every form in the table is accepted.
 */
export function decodeInstruction(bytes: Uint8Array, offset: number, code32: boolean, model?: CpuModel): DecodeResult {
  const end = Math.min(bytes.length, offset + MAX_INSTRUCTION_LENGTH);
  let pos = offset;
  const prefixes: number[] = [];
  let opsize: 16 | 32 = code32 ? 32 : 16;
  let adsize: 16 | 32 = code32 ? 32 : 16;
  let lock = false;
  let rep: 'rep' | 'repne' | null = null;
  let segment = -1;

  // Consumes one byte; -1 when the 15-byte limit or the end of the buffer is reached.
  const overrun = (): DecodeFailure =>
    pos - offset >= MAX_INSTRUCTION_LENGTH ? fail(MAX_INSTRUCTION_LENGTH, 'too-long') : fail(pos - offset, 'truncated');

  // Prefixes (SDM Vol.2 2.1.1): any number, any order, within the length limit.
  for (;;) {
    if (pos >= end) return overrun();
    const b = bytes[pos];
    if (b === 0x66) opsize = code32 ? 16 : 32;
    else if (b === 0x67) adsize = code32 ? 16 : 32;
    else if (b === 0xf0) lock = true;
    else if (b === 0xf2) rep = 'repne';
    else if (b === 0xf3) rep = 'rep';
    else if (SEGMENT_OF_PREFIX[b] >= 0) segment = SEGMENT_OF_PREFIX[b];
    else break;
    prefixes.push(b);
    pos++;
  }

  let key = bytes[pos++];
  if (key === 0x0f) {
    if (pos >= end) return overrun();
    key = 0x100 + bytes[pos++];
  }
  const candidates = OPCODE_INDEX[key];
  let form = select(candidates, opsize, adsize, model, -1);
  if (!form) return fail(pos - offset, 'invalid');

  let mod = -1,
    reg = -1,
    rm = -1;
  let memory = false;
  let base = -1,
    index = -1,
    scale = 0,
    disp = 0;
  const opcodeRegister = form.operands.some((k) => k === 'Zb' || k === 'Zv') ? key & 7 : -1;

  if (hasModrm(form)) {
    if (pos >= end) return overrun();
    const modrm = bytes[pos++];
    mod = modrm >> 6;
    reg = (modrm >> 3) & 7;
    rm = modrm & 7;
    // Rows on this byte that differ by /digit or by mod: pick the one this ModRM byte fits.
    if (form.ext !== undefined || !fitsModrm(form, modrm)) {
      form = select(candidates, opsize, adsize, model, modrm);
      if (!form) return fail(pos - offset, 'invalid');
    }
    const ops = form.operands;
    // MOV to/from CRn/DRn/TRn ignore the mod bits: the operand is always a register
    // (SDM Vol.2 MOV—Move to/from Control Registers).
    const registerOnly = ops.includes('Rd');
    if (registerOnly) mod = 3;
    if (mod !== 3) {
      memory = true;
      if (adsize === 32) {
        if (rm === 4) {
          if (pos >= end) return overrun();
          const sib = bytes[pos++];
          scale = sib >> 6;
          index = (sib >> 3) & 7;
          if (index === 4) index = -1;
          base = sib & 7;
          if (base === 5 && mod === 0) {
            base = -1;
            if (pos + 4 > end) return overrun4(pos, end, offset, bytes.length);
            disp = read32(bytes, pos);
            pos += 4;
          }
          if (index === -1 && scale !== 0 && base >= 0 && model?.sibScaleOnBase) {
            // 80386: with no index the SIB scale applies to the base (CpuModel.sibScaleOnBase);
            // the default segment is still the base's.
            if (segment < 0 && (base === 4 || base === 5)) segment = 2;
            index = base;
            base = -1;
          }
        } else if (rm === 5 && mod === 0) {
          if (pos + 4 > end) return overrun4(pos, end, offset, bytes.length);
          disp = read32(bytes, pos);
          pos += 4;
        } else {
          base = rm;
        }
        if (mod === 1) {
          if (pos >= end) return overrun();
          disp = (bytes[pos++] << 24) >> 24;
        } else if (mod === 2) {
          if (pos + 4 > end) return overrun4(pos, end, offset, bytes.length);
          disp = read32(bytes, pos);
          pos += 4;
        }
      } else {
        if (rm === 6 && mod === 0) {
          if (pos + 2 > end) return overrunN(pos, end, offset, bytes.length, 2);
          disp = bytes[pos] | (bytes[pos + 1] << 8);
          pos += 2;
        } else {
          base = RM16[rm][0];
          index = RM16[rm][1];
          if (mod === 1) {
            if (pos >= end) return overrun();
            disp = (bytes[pos++] << 24) >> 24;
          } else if (mod === 2) {
            if (pos + 2 > end) return overrunN(pos, end, offset, bytes.length, 2);
            disp = ((bytes[pos] | (bytes[pos + 1] << 8)) << 16) >> 16;
            pos += 2;
          }
        }
      }
    } else if (ops.some((k) => MEMORY_ONLY.has(k))) {
      return fail(pos - offset, 'invalid');
    }
    // Segment registers 6 and 7 do not exist, and MOV cannot load CS (SDM Vol.2 MOV: #UD).
    if (ops.includes('Sw') && (reg > 5 || (reg === 1 && ops[0] === 'Sw'))) return fail(pos - offset, 'invalid');
    // CR1, CR5-CR7 are reserved (SDM Vol.2 MOV—Move to/from Control Registers: #UD).
    if (ops.includes('Cd') && (reg === 1 || reg > 4)) return fail(pos - offset, 'invalid');
  }

  // Immediates, in operand order.
  let imm = 0,
    imm2 = 0,
    immCount = 0;
  for (const k of form.operands) {
    let size = 0;
    let signed = false;
    switch (k) {
      case 'Ib':
        size = 1;
        break;
      case 'IbS':
      case 'Jb':
        size = 1;
        signed = true;
        break;
      case 'Iw':
        size = 2;
        break;
      case 'Iv':
        size = opsize / 8;
        break;
      case 'Jv':
        size = opsize / 8;
        signed = true;
        break;
      case 'Ob':
      case 'Ov':
        if (pos + adsize / 8 > end) return overrunN(pos, end, offset, bytes.length, adsize / 8);
        disp = adsize === 32 ? read32(bytes, pos) : bytes[pos] | (bytes[pos + 1] << 8);
        pos += adsize / 8;
        memory = true;
        continue;
      case 'Ap': {
        const n = opsize / 8;
        if (pos + n + 2 > end) return overrunN(pos, end, offset, bytes.length, n + 2);
        imm = n === 4 ? read32(bytes, pos) : bytes[pos] | (bytes[pos + 1] << 8);
        imm2 = bytes[pos + n] | (bytes[pos + n + 1] << 8);
        pos += n + 2;
        continue;
      }
      default:
        continue;
    }
    if (pos + size > end) return overrunN(pos, end, offset, bytes.length, size);
    let v: number;
    if (size === 1) v = signed ? (bytes[pos] << 24) >> 24 : bytes[pos];
    else if (size === 2) {
      v = bytes[pos] | (bytes[pos + 1] << 8);
      if (signed) v = (v << 16) >> 16;
    } else v = read32(bytes, pos);
    pos += size;
    if (immCount++ === 0) imm = v;
    else imm2 = v;
  }

  // 3DNow!: the operation is the byte after the operands (AMD 3DNow! Technology Manual).
  if (form.suffix !== undefined) {
    if (pos >= end) return overrun();
    const suffixed = SUFFIX_FORMS.get(bytes[pos++]);
    if (!suffixed) return fail(pos - offset, 'invalid');
    form = suffixed;
  }

  const length = pos - offset;
  // SDM Vol.2 LOCK: #UD unless the form allows LOCK and its destination is memory.
  if (lock && !(form.lock && memory)) {
    if (!(model?.lockNopIsNop && form.exec === 'nop')) return fail(length, 'lock');
  }
  if (model && form.requires && !model.features.has(form.requires)) return fail(length, 'unsupported-on-model');

  return {
    ok: true,
    length,
    form,
    opsize,
    adsize,
    lock,
    rep,
    segment,
    mod,
    reg,
    rm,
    opcodeRegister,
    memory,
    base,
    index,
    scale,
    disp,
    imm,
    imm2,
    prefixes,
  };
}

function read32(bytes: Uint8Array, pos: number): number {
  return bytes[pos] | (bytes[pos + 1] << 8) | (bytes[pos + 2] << 16) | (bytes[pos + 3] << 24);
}

// A multi-byte field that does not fit: too long if the 15-byte window is what cut it off,
// truncated if the buffer ended first.
function overrunN(pos: number, end: number, offset: number, available: number, need: number): DecodeFailure {
  if (pos + need > offset + MAX_INSTRUCTION_LENGTH) {
    return available >= offset + MAX_INSTRUCTION_LENGTH
      ? fail(MAX_INSTRUCTION_LENGTH, 'too-long')
      : fail(available - offset, 'truncated');
  }
  return fail(end - offset, 'truncated');
}

function overrun4(pos: number, end: number, offset: number, available: number): DecodeFailure {
  return overrunN(pos, end, offset, available, 4);
}
