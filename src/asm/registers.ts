// The register and prefix words of the assembler, derived from the one list of them in
// src/isa/mnemonics.ts (REGISTER_INFO, PREFIX_INFO), which the editor grammar and
// hover read too. Only the encodings are computed here, from what that list says:
// - a general register's number is its place among the registers of its size, and a segment
//   register's its place among the segment registers: mnemonics.ts lists both in the hardware
//   numbering (SDM Vol.2 2.1.5, Tables 2-1 and 2-2; Vol.2 B.1.4.5, Table B-8, sreg field);
// - a control, debug or test register's number is the digit of its name (CRn, DRn and TRn are
//   n in the ModRM reg field: Vol.2 B.1.4.6, Table B-9, eee field).
// A segment override's prefix byte is REGISTER_INFO's overrideByte (SDM Vol.2 2.1.1, Group 2).

import { PREFIX_INFO, REGISTER_INFO, type RegisterInfo } from '../isa/mnemonics';

export type RegisterClass = 'r8' | 'r16' | 'r32' | 'seg' | 'cr' | 'dr' | 'tr' | 'st' | 'mm';

export interface Register {
  name: string;
  cls: RegisterClass;
  /** Encoding in the ModRM reg/rm field or the +r byte. */
  num: number;
  /** Size in bits, as REGISTER_INFO says. */
  bits: RegisterInfo['bits'];
}

function assemblerClass(info: RegisterInfo): RegisterClass {
  switch (info.class) {
    case 'general':
      return `r${info.bits as 8 | 16 | 32}`;
    case 'segment':
      return 'seg';
    case 'control':
      return 'cr';
    case 'debug':
      return 'dr';
    case 'test':
      return 'tr';
    case 'fpu':
      return 'st';
    case 'mmx':
      return 'mm';
  }
}

const REGISTERS = new Map<string, Register>();
/** Register names by class and number, for the disassembler; a hole where none exists. */
const NAMES: Record<RegisterClass, string[]> = {
  r8: [],
  r16: [],
  r32: [],
  seg: [],
  cr: [],
  dr: [],
  tr: [],
  st: [],
  mm: [],
};

for (const [name, info] of Object.entries(REGISTER_INFO)) {
  const cls = assemblerClass(info);
  const digit = /\d$/.exec(name);
  const numbered = cls === 'cr' || cls === 'dr' || cls === 'tr' || cls === 'st' || cls === 'mm';
  const num = numbered ? Number(digit?.[0] ?? NaN) : NAMES[cls].length;
  if (!(num >= 0 && num <= 7) || NAMES[cls][num] !== undefined) {
    throw new Error(`mnemonics.ts REGISTER_INFO: '${name}' gives no free ${cls} register number 0-7`);
  }
  NAMES[cls][num] = name;
  REGISTERS.set(name, { name, cls, num, bits: info.bits });
}

/** The register a name denotes (case-insensitive), if any. */
export function lookupRegister(name: string): Register | undefined {
  const r = REGISTERS.get(name);
  if (r !== undefined || name.length > 3) return r;
  return REGISTERS.get(name.toLowerCase());
}

/** The name of register `num` of a class (`registerName('r16', 3)` is 'bx'), if it exists. */
export function registerName(cls: RegisterClass, num: number): string | undefined {
  return NAMES[cls][num];
}

const OVERRIDE_BYTES = new Map<string, number>();
for (const [name, info] of Object.entries(REGISTER_INFO)) {
  if (info.class !== 'segment') continue;
  if (info.overrideByte === undefined)
    throw new Error(`mnemonics.ts REGISTER_INFO: segment register '${name}' has no overrideByte`);
  OVERRIDE_BYTES.set(name, info.overrideByte);
}

/** The segment-override prefix byte of segment register `seg` (REGISTER_INFO's overrideByte). */
export function segmentPrefix(seg: Register): number {
  return OVERRIDE_BYTES.get(seg.name)!;
}

/** A prefix word before a mnemonic, with what the encoder needs of it. */
export type PrefixWord =
  { kind: 'lock' | 'rep' | 'segment'; byte: number } | { kind: 'operandSize' | 'addressSize'; size: 16 | 32 };

const PREFIX_WORDS = new Map<string, PrefixWord>();
let operandSizeByte: number | undefined;
let addressSizeByte: number | undefined;

for (const [name, info] of Object.entries(PREFIX_INFO)) {
  if (info.kind !== 'size') {
    PREFIX_WORDS.set(name, { kind: info.kind, byte: info.byte });
    continue;
  }
  // NASM's o16/o32 and a16/a32: the operand or address size the instruction gets.
  const spelled = /^([oa])(16|32)$/.exec(name);
  if (!spelled) throw new Error(`mnemonics.ts PREFIX_INFO: size prefix '${name}' is not o16, o32, a16 or a32`);
  const size = spelled[2] === '16' ? 16 : 32;
  if (spelled[1] === 'o') {
    PREFIX_WORDS.set(name, { kind: 'operandSize', size });
    operandSizeByte = info.byte;
  } else {
    PREFIX_WORDS.set(name, { kind: 'addressSize', size });
    addressSizeByte = info.byte;
  }
}
for (const reg of REGISTERS.values()) {
  if (reg.cls === 'seg') PREFIX_WORDS.set(reg.name, { kind: 'segment', byte: segmentPrefix(reg) });
}
if (operandSizeByte === undefined || addressSizeByte === undefined) {
  throw new Error('mnemonics.ts PREFIX_INFO: the operand-size and address-size prefixes are missing');
}

/** The operand-size (0x66) and address-size (0x67) prefix bytes, from PREFIX_INFO. */
export const OPERAND_SIZE_PREFIX: number = operandSizeByte;
export const ADDRESS_SIZE_PREFIX: number = addressSizeByte;

type PrefixKind = PrefixWord['kind'];

/** What each legacy prefix byte is, for reading prefixes back (the disassembler). */
const KIND_OF_BYTE = new Map<number, PrefixKind>([
  [OPERAND_SIZE_PREFIX, 'operandSize'],
  [ADDRESS_SIZE_PREFIX, 'addressSize'],
]);
for (const word of PREFIX_WORDS.values()) if ('byte' in word) KIND_OF_BYTE.set(word.byte, word.kind);

/** The kind of prefix a byte is (0xF2 is 'rep', 0x64 'segment'), or undefined for none. */
export function prefixKindOfByte(byte: number): PrefixKind | undefined {
  return KIND_OF_BYTE.get(byte);
}

/** The prefix a lower-case word is (`lock`, `repne`, `o16`, `fs`, ...), if it is one. */
export function lookupPrefix(lower: string): PrefixWord | undefined {
  return PREFIX_WORDS.get(lower);
}
