// The shape of the one instruction table (docs/ARCHITECTURE.md, "One instruction table").
// The rows live in instructions.ts; the decoder, the executor's dispatch, the disassembly
// formatter, the assembler's encoder, the LOCK rule, the model gating and the test
// generator's flag masks are all derived from them.

import type { ExecName } from './execNames';
import type { Feature } from './models';
import { AF, CF, OF, PF, SF, ZF } from './eflags';

/**
 * Operand kinds, in the notation of Intel SDM Vol.2 Appendix A.2 (with a few additions for
 * fixed operands). Size letters: b = 8, w = 16, d = 32, v = 16 or 32 by operand-size
 * attribute, p = far pointer (16:16 or 16:32), q = 64 bits, a = two v-sized bounds,
 * s = 6-byte pseudo-descriptor.
 */
export type OperandKind =
  // ModRM r/m: general register or memory
  | 'Eb'
  | 'Ew'
  | 'Ed'
  | 'Ev'
  // ModRM reg field: general register
  | 'Gb'
  | 'Gw'
  | 'Gd'
  | 'Gv'
  // ModRM r/m that must be a register (mod = 11), 32-bit: MOV to/from CRn/DRn/TRn
  | 'Rd'
  // ModRM r/m that must be memory: any size (LEA, INVLPG), word, dword, qword, far pointer,
  // bound pair, pseudo-descriptor
  | 'M'
  | 'Mw'
  | 'Md'
  | 'Mq'
  | 'Mp'
  | 'Ma'
  | 'Ms'
  // Immediates: byte, word, operand-sized, byte sign-extended to operand size
  | 'Ib'
  | 'Iw'
  | 'Iv'
  | 'IbS'
  // Relative branch targets (byte, operand-sized)
  | 'Jb'
  | 'Jv'
  // Direct far pointer ptr16:16 / ptr16:32
  | 'Ap'
  // Memory offset with no ModRM (MOV AL/eAX <-> moffs), address-sized
  | 'Ob'
  | 'Ov'
  // ModRM reg field as segment / control / debug / test register
  | 'Sw'
  | 'Cd'
  | 'Dd'
  | 'Td'
  // General register in the low 3 bits of the last opcode byte (+rb / +rd)
  | 'Zb'
  | 'Zv'
  // String operands: DS:(E)SI (segment overridable), ES:(E)DI (never overridable)
  | 'Xb'
  | 'Xv'
  | 'Yb'
  | 'Yv'
  // Fixed registers; eAX is AX or EAX by operand size
  | 'AL'
  | 'CL'
  | 'DX'
  | 'AX'
  | 'eAX'
  // The constant 1 of the D0/D1 shift forms
  | 'ONE'
  // Fixed segment registers (PUSH/POP sreg)
  | 'ES'
  | 'CS'
  | 'SS'
  | 'DS'
  | 'FS'
  | 'GS'
  // x87 (SDM Vol.2 Appendix A.5): ST(0), ST(i) from ModRM rm with mod = 11, and memory
  // operands of 80 bits (m80fp, m80bcd), the 14/28-byte environment, the 94/108-byte FSAVE
  // image and the 512-byte FXSAVE image
  | 'ST0'
  | 'STi'
  | 'Mt'
  | 'Me'
  | 'Mf'
  | 'Mx'
  // MMX (SDM Vol.2 Appendix A.2.1): an MMX register in ModRM reg (P), an MMX register or
  // memory in ModRM r/m (Q: 64-bit; Qd: 32-bit memory, the low-half unpacks), an MMX register
  // in r/m with mod = 11 (N)
  | 'Pq'
  | 'Qq'
  | 'Qd'
  | 'Nq';

/** Arithmetic flag letters used by the table: o s z a p c. */
export const FLAG_BITS = {
  c: CF,
  p: PF,
  a: AF,
  z: ZF,
  s: SF,
  o: OF,
} as const;

export type FlagLetters = string; // any subset of 'oszapc', e.g. 'oszapc' or 'oc'

export interface FlagEffect {
  /** Flags the instruction writes with a defined value. */
  written: FlagLetters;
  /** Flags the SDM calls undefined after the instruction (never compared by tests). */
  undefined?: FlagLetters;
  /**
   * Shift/rotate rule (SDM Vol.2, SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD/SHRD): a masked
   * count of 0 changes no flags, OF is defined only for a count of 1.
   */
  countDependent?: boolean;
}

export interface InstructionForm {
  /** Mnemonic as NASM spells it, lower case. */
  mnemonic: string;
  /** Other NASM spellings of the same form (je for jz, sal for shl ...). */
  aliases?: readonly string[];
  /** Opcode bytes after the prefixes, e.g. [0x0F, 0xAF]. A +r form gives the base byte. */
  opcode: readonly number[];
  /** ModRM.reg used as an opcode extension (/digit). Implies a ModRM byte. */
  ext?: number;
  /**
   * The whole ModRM byte is part of the opcode (x87 forms such as D9 E0 FCHS, DE D9 FCOMPP):
   * the row matches only that byte; `ext` is its reg field.
   */
  modrmByte?: number;
  /** The form has a ModRM byte (implied by ext or by an E/G/M/R/S/C/D/T operand). */
  modrm?: boolean;
  /** Operands in Intel order (destination first). */
  operands: readonly OperandKind[];
  /**
   * The row applies only at this operand size: CBW (16) vs CWDE (32), PUSHAW vs PUSHAD,
   * IRETW vs IRETD. Rows without it apply at both sizes.
   */
  osize?: 16 | 32;
  /** LOCK is legal (with a memory destination); otherwise LOCK raises #UD. */
  lock?: boolean;
  /** String instruction: 'rep' honours F3 as REP; 'repe' honours F3/F2 as REPE/REPNE. */
  rep?: 'rep' | 'repe';
  /**
   * 3DNow! (AMD 3DNow! Technology Manual, "Instruction Formats"): the opcode byte that follows
   * the ModRM byte, SIB and displacement of 0F 0F and selects the operation.
   */
  suffix?: number;
  /** Model capability the form needs; on models without it the opcode raises #UD. */
  requires?: Feature;
  /** Arithmetic flags written / left undefined. Absent: no arithmetic flag changes. */
  flags?: FlagEffect;
  /** Name of the executor function that carries out this form. */
  exec: ExecName;
  /**
   * The row applies only at this address size: JCXZ (16) vs JECXZ (32). Rows without it
   * apply at both sizes.
   */
  asize?: 16 | 32;
  /** Condition code 0..15 (SDM Vol.1 B.1 order: o no b ae e ne be a s ns p np l ge le g). */
  condition?: number;
  /**
   * The operands are implied by the mnemonic: NASM writes none (string instructions, whose
   * X/Y/DX operands are carried by movsb/insd/...).
   */
  implicit?: boolean;
  /**
   * The decoder accepts the form but the assembler never emits it (82 /n, F6 /1 TEST,
   * C0-D3 /6 SAL): another row encodes the same instruction.
   */
  decodeOnly?: boolean;
  /**
   * The opposite: an assembler spelling the decoder never matches (another row decodes the bytes).
   * NASM's x87 shorthands: `fxch` for `fxch st1`, `faddp` for `faddp st1, st0`, and the waiting
   * forms (`finit` = WAIT + FNINIT), whose bytes decode as two instructions.
   */
  assembleOnly?: boolean;
  /** The assembler emits 9B (WAIT) before the instruction (`finit`, `fstsw`, ...). */
  waitPrefix?: boolean;
}

export function flagMask(letters: FlagLetters | undefined): number {
  let mask = 0;
  for (const ch of letters ?? '') mask |= FLAG_BITS[ch as keyof typeof FLAG_BITS];
  return mask;
}

/**
 * Exec names whose 16-bit r/m destination is operand-sized when it is a register (SDM Vol.2
 * SLDT, STR, SMSW, MOV r/m16, Sreg: "with a 32-bit register destination the upper bits are ...").
 * The encoder and the disassembler both size such operands by it.
 */
export const OPERAND_SIZED_WORD_DESTINATION: ReadonlySet<string> = new Set(['sldt', 'str', 'smsw', 'movFromSeg']);
