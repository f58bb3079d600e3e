// The one instruction table (docs/ARCHITECTURE.md): every opcode form the emulator knows, 80386 through
// the P6 and the AMD SYSCALL pair. Encodings and flag effects are from the Intel SDM Vol.2
// instruction pages and Appendix A (opcode map); flag letters follow isa.ts.
//
// Conventions the consumers rely on:
// - Rows that differ only in `osize` (pushaw/pushad, cbw/cwde, iretw/iretd, movsw/movsd ...)
//   may share an alias (pusha, iret, pushf): that spelling means "the current operand size".
// - A form with `implicit` has no operands in NASM syntax; its operand list still describes
//   what the instruction touches.
// - `decodeOnly` forms decode and execute but the assembler encodes the other row.
// - Exact-opcode rows take precedence over +r rows on the same byte (90 is NOP, not XCHG).

import type { FlagEffect, InstructionForm, OperandKind } from './isa';
import type { ExecName } from './execNames';
import { CONDITION_CODES } from './mnemonics';
import { MMX_ROWS } from './mmxInstructions';
import { x87Shorthands } from './x87Shorthands';

const ARITH: FlagEffect = { written: 'oszapc' };
const LOGIC: FlagEffect = { written: 'oszpc', undefined: 'a' };
const INCDEC: FlagEffect = { written: 'oszap' };
const SHIFT: FlagEffect = { written: 'oszpc', undefined: 'a', countDependent: true };
const ROTATE: FlagEffect = { written: 'oc', countDependent: true };
const MULTIPLY: FlagEffect = { written: 'oc', undefined: 'szap' };
const DIVIDE: FlagEffect = { written: '', undefined: 'oszapc' };
const BIT_TEST: FlagEffect = { written: 'c', undefined: 'osap' };
const BIT_SCAN: FlagEffect = { written: 'z', undefined: 'osapc' };
const ALL: FlagEffect = { written: 'oszapc' };
const ZF_ONLY: FlagEffect = { written: 'z' };

const rows: InstructionForm[] = [];

function row(form: InstructionForm): void {
  rows.push(form);
}

// --- ALU: 00-3F, 80-83 (SDM Vol.2 ADD/OR/ADC/SBB/AND/SUB/XOR/CMP) ---------------------------

const ALU_OPS = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'] as const;

ALU_OPS.forEach((name, i) => {
  const base = i * 8;
  const flags = name === 'and' || name === 'or' || name === 'xor' ? LOGIC : ARITH;
  const lock = name !== 'cmp';
  const forms: [number, OperandKind[], boolean][] = [
    [base + 0, ['Eb', 'Gb'], lock],
    [base + 1, ['Ev', 'Gv'], lock],
    [base + 2, ['Gb', 'Eb'], false],
    [base + 3, ['Gv', 'Ev'], false],
    [base + 4, ['AL', 'Ib'], false],
    [base + 5, ['eAX', 'Iv'], false],
  ];
  for (const [op, operands, lk] of forms) {
    row({ mnemonic: name, opcode: [op], operands, ...(lk ? { lock: true } : {}), flags, exec: name });
  }
  row({
    mnemonic: name,
    opcode: [0x80],
    ext: i,
    operands: ['Eb', 'Ib'],
    ...(lock ? { lock: true } : {}),
    flags,
    exec: name,
  });
  row({
    mnemonic: name,
    opcode: [0x81],
    ext: i,
    operands: ['Ev', 'Iv'],
    ...(lock ? { lock: true } : {}),
    flags,
    exec: name,
  });
  // 82 /n is 80 /n again in 16/32-bit code (SDM Vol.2 Appendix A, Table A-6).
  row({
    mnemonic: name,
    opcode: [0x82],
    ext: i,
    operands: ['Eb', 'Ib'],
    ...(lock ? { lock: true } : {}),
    flags,
    exec: name,
    decodeOnly: true,
  });
  row({
    mnemonic: name,
    opcode: [0x83],
    ext: i,
    operands: ['Ev', 'IbS'],
    ...(lock ? { lock: true } : {}),
    flags,
    exec: name,
  });
});

// --- Segment register push/pop, BCD adjust --------------------------------------------------

const SEG_PUSH_POP: [number[], number[] | null, OperandKind][] = [
  [[0x06], [0x07], 'ES'],
  [[0x0e], null, 'CS'],
  [[0x16], [0x17], 'SS'],
  [[0x1e], [0x1f], 'DS'],
  [[0x0f, 0xa0], [0x0f, 0xa1], 'FS'],
  [[0x0f, 0xa8], [0x0f, 0xa9], 'GS'],
];
for (const [push, pop, seg] of SEG_PUSH_POP) {
  row({ mnemonic: 'push', opcode: push, operands: [seg], exec: 'pushSeg' });
  if (pop) row({ mnemonic: 'pop', opcode: pop, operands: [seg], exec: 'popSeg' });
}

row({ mnemonic: 'daa', opcode: [0x27], operands: [], flags: { written: 'szapc', undefined: 'o' }, exec: 'daa' });
row({ mnemonic: 'das', opcode: [0x2f], operands: [], flags: { written: 'szapc', undefined: 'o' }, exec: 'das' });
row({ mnemonic: 'aaa', opcode: [0x37], operands: [], flags: { written: 'ac', undefined: 'oszp' }, exec: 'aaa' });
row({ mnemonic: 'aas', opcode: [0x3f], operands: [], flags: { written: 'ac', undefined: 'oszp' }, exec: 'aas' });
row({ mnemonic: 'aam', opcode: [0xd4], operands: ['Ib'], flags: { written: 'szp', undefined: 'oac' }, exec: 'aam' });
row({ mnemonic: 'aad', opcode: [0xd5], operands: ['Ib'], flags: { written: 'szp', undefined: 'oac' }, exec: 'aad' });

// --- INC/DEC/PUSH/POP register, PUSHA/POPA, BOUND, ARPL, PUSH imm, IMUL imm -----------------

row({ mnemonic: 'inc', opcode: [0x40], operands: ['Zv'], flags: INCDEC, exec: 'inc' });
row({ mnemonic: 'dec', opcode: [0x48], operands: ['Zv'], flags: INCDEC, exec: 'dec' });
row({ mnemonic: 'push', opcode: [0x50], operands: ['Zv'], exec: 'push' });
row({ mnemonic: 'pop', opcode: [0x58], operands: ['Zv'], exec: 'pop' });
row({ mnemonic: 'pushaw', aliases: ['pusha'], opcode: [0x60], operands: [], osize: 16, exec: 'pusha' });
row({ mnemonic: 'pushad', aliases: ['pusha'], opcode: [0x60], operands: [], osize: 32, exec: 'pusha' });
row({ mnemonic: 'popaw', aliases: ['popa'], opcode: [0x61], operands: [], osize: 16, exec: 'popa' });
row({ mnemonic: 'popad', aliases: ['popa'], opcode: [0x61], operands: [], osize: 32, exec: 'popa' });
row({ mnemonic: 'bound', opcode: [0x62], operands: ['Gv', 'Ma'], exec: 'bound' });
row({ mnemonic: 'arpl', opcode: [0x63], operands: ['Ew', 'Gw'], flags: ZF_ONLY, exec: 'arpl' });
row({ mnemonic: 'push', opcode: [0x68], operands: ['Iv'], exec: 'push' });
row({ mnemonic: 'imul', opcode: [0x69], operands: ['Gv', 'Ev', 'Iv'], flags: MULTIPLY, exec: 'imul3' });
row({ mnemonic: 'push', opcode: [0x6a], operands: ['IbS'], exec: 'push' });
row({ mnemonic: 'imul', opcode: [0x6b], operands: ['Gv', 'Ev', 'IbS'], flags: MULTIPLY, exec: 'imul3' });
row({ mnemonic: 'imul', opcode: [0x0f, 0xaf], operands: ['Gv', 'Ev'], flags: MULTIPLY, exec: 'imul2' });

// --- String instructions (SDM Vol.2 MOVS/CMPS/SCAS/LODS/STOS/INS/OUTS) ----------------------

function stringOp(
  name: ExecName,
  opByte: number,
  wordOperands: [OperandKind, OperandKind],
  byteOperands: [OperandKind, OperandKind],
  rep: 'rep' | 'repe',
  flags?: FlagEffect,
): void {
  const common = { rep, implicit: true, exec: name, ...(flags ? { flags } : {}) };
  row({ mnemonic: name + 'b', opcode: [opByte], operands: byteOperands, ...common });
  row({ mnemonic: name + 'w', opcode: [opByte + 1], operands: wordOperands, osize: 16, ...common });
  row({ mnemonic: name + 'd', opcode: [opByte + 1], operands: wordOperands, osize: 32, ...common });
}
stringOp('ins', 0x6c, ['Yv', 'DX'], ['Yb', 'DX'], 'rep');
stringOp('outs', 0x6e, ['DX', 'Xv'], ['DX', 'Xb'], 'rep');
stringOp('movs', 0xa4, ['Yv', 'Xv'], ['Yb', 'Xb'], 'rep');
stringOp('cmps', 0xa6, ['Xv', 'Yv'], ['Xb', 'Yb'], 'repe', ARITH);
stringOp('stos', 0xaa, ['Yv', 'eAX'], ['Yb', 'AL'], 'rep');
stringOp('lods', 0xac, ['eAX', 'Xv'], ['AL', 'Xb'], 'rep');
stringOp('scas', 0xae, ['eAX', 'Yv'], ['AL', 'Yb'], 'repe', ARITH);

// --- Condition-code families: Jcc, SETcc, CMOVcc (SDM Vol.1 Appendix B, Table B-1) ----------

/** The 16 conditions in encoding order, each with its NASM spellings (primary first): mnemonics.ts's list. */
export const CONDITIONS: readonly (readonly string[])[] = CONDITION_CODES.map((c) => c.names);

function conditionFamily(
  prefix: string,
  opcode: (cc: number) => number[],
  operands: OperandKind[],
  exec: ExecName,
  extra: Partial<InstructionForm> = {},
): void {
  CONDITIONS.forEach((names, cc) => {
    const aliases = names.slice(1).map((n) => prefix + n);
    row({
      mnemonic: prefix + names[0],
      ...(aliases.length ? { aliases } : {}),
      opcode: opcode(cc),
      operands,
      condition: cc,
      exec,
      ...extra,
    });
  });
}
conditionFamily('j', (cc) => [0x70 + cc], ['Jb'], 'jcc');
conditionFamily('j', (cc) => [0x0f, 0x80 + cc], ['Jv'], 'jcc');
conditionFamily('set', (cc) => [0x0f, 0x90 + cc], ['Eb'], 'setcc');
conditionFamily('cmov', (cc) => [0x0f, 0x40 + cc], ['Gv', 'Ev'], 'cmovcc', { requires: 'cmov' });

// --- TEST, XCHG, MOV, LEA, POP r/m ----------------------------------------------------------

row({ mnemonic: 'test', opcode: [0x84], operands: ['Eb', 'Gb'], flags: LOGIC, exec: 'test' });
row({ mnemonic: 'test', opcode: [0x85], operands: ['Ev', 'Gv'], flags: LOGIC, exec: 'test' });
row({ mnemonic: 'test', opcode: [0xa8], operands: ['AL', 'Ib'], flags: LOGIC, exec: 'test' });
row({ mnemonic: 'test', opcode: [0xa9], operands: ['eAX', 'Iv'], flags: LOGIC, exec: 'test' });
row({ mnemonic: 'xchg', opcode: [0x86], operands: ['Eb', 'Gb'], lock: true, exec: 'xchg' });
row({ mnemonic: 'xchg', opcode: [0x87], operands: ['Ev', 'Gv'], lock: true, exec: 'xchg' });
row({ mnemonic: 'nop', opcode: [0x90], operands: [], exec: 'nop' });
row({ mnemonic: 'xchg', opcode: [0x90], operands: ['Zv', 'eAX'], exec: 'xchg' });

row({ mnemonic: 'mov', opcode: [0x88], operands: ['Eb', 'Gb'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0x89], operands: ['Ev', 'Gv'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0x8a], operands: ['Gb', 'Eb'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0x8b], operands: ['Gv', 'Ev'], exec: 'mov' });
// 8C with a register destination writes the whole operand-sized register (SDM Vol.2 MOV).
row({ mnemonic: 'mov', opcode: [0x8c], operands: ['Ew', 'Sw'], exec: 'movFromSeg' });
row({ mnemonic: 'lea', opcode: [0x8d], operands: ['Gv', 'M'], exec: 'lea' });
row({ mnemonic: 'mov', opcode: [0x8e], operands: ['Sw', 'Ew'], exec: 'movToSeg' });
row({ mnemonic: 'pop', opcode: [0x8f], ext: 0, operands: ['Ev'], exec: 'pop' });
row({ mnemonic: 'mov', opcode: [0xa0], operands: ['AL', 'Ob'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0xa1], operands: ['eAX', 'Ov'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0xa2], operands: ['Ob', 'AL'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0xa3], operands: ['Ov', 'eAX'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0xb0], operands: ['Zb', 'Ib'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0xb8], operands: ['Zv', 'Iv'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0xc6], ext: 0, operands: ['Eb', 'Ib'], exec: 'mov' });
row({ mnemonic: 'mov', opcode: [0xc7], ext: 0, operands: ['Ev', 'Iv'], exec: 'mov' });

// --- Conversions, flags register, far call ---------------------------------------------------

row({ mnemonic: 'cbw', opcode: [0x98], operands: [], osize: 16, exec: 'cbw' });
row({ mnemonic: 'cwde', opcode: [0x98], operands: [], osize: 32, exec: 'cbw' });
row({ mnemonic: 'cwd', opcode: [0x99], operands: [], osize: 16, exec: 'cwd' });
row({ mnemonic: 'cdq', opcode: [0x99], operands: [], osize: 32, exec: 'cwd' });
row({ mnemonic: 'call', opcode: [0x9a], operands: ['Ap'], exec: 'callFar' });
row({ mnemonic: 'wait', aliases: ['fwait'], opcode: [0x9b], operands: [], exec: 'wait' });
row({ mnemonic: 'pushfw', aliases: ['pushf'], opcode: [0x9c], operands: [], osize: 16, exec: 'pushf' });
row({ mnemonic: 'pushfd', aliases: ['pushf'], opcode: [0x9c], operands: [], osize: 32, exec: 'pushf' });
row({ mnemonic: 'popfw', aliases: ['popf'], opcode: [0x9d], operands: [], osize: 16, flags: ALL, exec: 'popf' });
row({ mnemonic: 'popfd', aliases: ['popf'], opcode: [0x9d], operands: [], osize: 32, flags: ALL, exec: 'popf' });
row({ mnemonic: 'sahf', opcode: [0x9e], operands: [], flags: { written: 'szapc' }, exec: 'sahf' });
row({ mnemonic: 'lahf', opcode: [0x9f], operands: [], exec: 'lahf' });

// --- Shifts and rotates: C0 C1 D0-D3 /0-/7, SHLD/SHRD -----------------------------------------

const SHIFT_OPS: [ExecName | 'sal', FlagEffect, string[]?][] = [
  ['rol', ROTATE],
  ['ror', ROTATE],
  ['rcl', ROTATE],
  ['rcr', ROTATE],
  ['shl', SHIFT, ['sal']],
  ['shr', SHIFT],
  ['sal', SHIFT],
  ['sar', SHIFT],
];
SHIFT_OPS.forEach(([name, flags, aliases], ext) => {
  // /6 is an undocumented encoding of SHL that every IA-32 part decodes; NASM spells it shl.
  const decodeOnly = ext === 6;
  const mnemonic = decodeOnly ? 'shl' : name;
  const exec: ExecName = name === 'sal' ? 'shl' : name; // /6 (decodeOnly) is SAL's slot
  const forms: [number, OperandKind[]][] = [
    [0xc0, ['Eb', 'Ib']],
    [0xc1, ['Ev', 'Ib']],
    [0xd0, ['Eb', 'ONE']],
    [0xd1, ['Ev', 'ONE']],
    [0xd2, ['Eb', 'CL']],
    [0xd3, ['Ev', 'CL']],
  ];
  for (const [op, operands] of forms) {
    row({
      mnemonic,
      ...(aliases ? { aliases } : {}),
      opcode: [op],
      ext,
      operands,
      flags,
      exec,
      ...(decodeOnly ? { decodeOnly } : {}),
    });
  }
});
row({ mnemonic: 'shld', opcode: [0x0f, 0xa4], operands: ['Ev', 'Gv', 'Ib'], flags: SHIFT, exec: 'shld' });
row({ mnemonic: 'shld', opcode: [0x0f, 0xa5], operands: ['Ev', 'Gv', 'CL'], flags: SHIFT, exec: 'shld' });
row({ mnemonic: 'shrd', opcode: [0x0f, 0xac], operands: ['Ev', 'Gv', 'Ib'], flags: SHIFT, exec: 'shrd' });
row({ mnemonic: 'shrd', opcode: [0x0f, 0xad], operands: ['Ev', 'Gv', 'CL'], flags: SHIFT, exec: 'shrd' });

// --- Near/far transfers, ENTER/LEAVE, interrupts --------------------------------------------

row({ mnemonic: 'ret', aliases: ['retn'], opcode: [0xc2], operands: ['Iw'], exec: 'ret' });
row({ mnemonic: 'ret', aliases: ['retn'], opcode: [0xc3], operands: [], exec: 'ret' });
row({ mnemonic: 'les', opcode: [0xc4], operands: ['Gv', 'Mp'], exec: 'loadFarPointer' });
row({ mnemonic: 'lds', opcode: [0xc5], operands: ['Gv', 'Mp'], exec: 'loadFarPointer' });
row({ mnemonic: 'lss', opcode: [0x0f, 0xb2], operands: ['Gv', 'Mp'], exec: 'loadFarPointer' });
row({ mnemonic: 'lfs', opcode: [0x0f, 0xb4], operands: ['Gv', 'Mp'], exec: 'loadFarPointer' });
row({ mnemonic: 'lgs', opcode: [0x0f, 0xb5], operands: ['Gv', 'Mp'], exec: 'loadFarPointer' });
row({ mnemonic: 'enter', opcode: [0xc8], operands: ['Iw', 'Ib'], exec: 'enter' });
row({ mnemonic: 'leave', opcode: [0xc9], operands: [], exec: 'leave' });
row({ mnemonic: 'retf', opcode: [0xca], operands: ['Iw'], exec: 'retFar' });
row({ mnemonic: 'retf', opcode: [0xcb], operands: [], exec: 'retFar' });
row({ mnemonic: 'int3', opcode: [0xcc], operands: [], exec: 'int3' });
// INT1 / ICEBP (F1): a #DB trap delivered like a hardware event (SDM Vol.2A INT n/INTO/INT3/
// INT1: EXT = 1, no gate DPL check, not IOPL-sensitive in V86 mode); present since the 80386.
row({ mnemonic: 'int1', aliases: ['icebp', 'int01'], opcode: [0xf1], operands: [], exec: 'int1' });
row({ mnemonic: 'int', opcode: [0xcd], operands: ['Ib'], exec: 'int' });
row({ mnemonic: 'into', opcode: [0xce], operands: [], exec: 'into' });
row({ mnemonic: 'iretw', aliases: ['iret'], opcode: [0xcf], operands: [], osize: 16, flags: ALL, exec: 'iret' });
row({ mnemonic: 'iretd', aliases: ['iret'], opcode: [0xcf], operands: [], osize: 32, flags: ALL, exec: 'iret' });
// SALC (D6): AL = CF ? FF : 00, flags unchanged. Undocumented by Intel until its opcode map
// listed it as reserved, but executed by every IA-32 part from the 8086 through the P6 and
// the AMD K6/K7 (AMD APM Vol.3 Table A-1 marks D6 invalid only in 64-bit mode); QEMU runs it.
row({ mnemonic: 'salc', opcode: [0xd6], operands: [], exec: 'salc' });
row({ mnemonic: 'xlatb', aliases: ['xlat'], opcode: [0xd7], operands: [], exec: 'xlat' });

row({ mnemonic: 'loopne', aliases: ['loopnz'], opcode: [0xe0], operands: ['Jb'], exec: 'loopne' });
row({ mnemonic: 'loope', aliases: ['loopz'], opcode: [0xe1], operands: ['Jb'], exec: 'loope' });
row({ mnemonic: 'loop', opcode: [0xe2], operands: ['Jb'], exec: 'loop' });
row({ mnemonic: 'jcxz', opcode: [0xe3], operands: ['Jb'], asize: 16, exec: 'jcxz' });
row({ mnemonic: 'jecxz', opcode: [0xe3], operands: ['Jb'], asize: 32, exec: 'jcxz' });
row({ mnemonic: 'call', opcode: [0xe8], operands: ['Jv'], exec: 'call' });
row({ mnemonic: 'jmp', opcode: [0xe9], operands: ['Jv'], exec: 'jmp' });
row({ mnemonic: 'jmp', opcode: [0xea], operands: ['Ap'], exec: 'jmpFar' });
row({ mnemonic: 'jmp', opcode: [0xeb], operands: ['Jb'], exec: 'jmp' });
row({ mnemonic: 'call', opcode: [0xff], ext: 2, operands: ['Ev'], exec: 'call' });
row({ mnemonic: 'call', opcode: [0xff], ext: 3, operands: ['Mp'], exec: 'callFar' });
row({ mnemonic: 'jmp', opcode: [0xff], ext: 4, operands: ['Ev'], exec: 'jmp' });
row({ mnemonic: 'jmp', opcode: [0xff], ext: 5, operands: ['Mp'], exec: 'jmpFar' });
row({ mnemonic: 'push', opcode: [0xff], ext: 6, operands: ['Ev'], exec: 'push' });

// --- I/O ports --------------------------------------------------------------------------------

row({ mnemonic: 'in', opcode: [0xe4], operands: ['AL', 'Ib'], exec: 'in' });
row({ mnemonic: 'in', opcode: [0xe5], operands: ['eAX', 'Ib'], exec: 'in' });
row({ mnemonic: 'out', opcode: [0xe6], operands: ['Ib', 'AL'], exec: 'out' });
row({ mnemonic: 'out', opcode: [0xe7], operands: ['Ib', 'eAX'], exec: 'out' });
row({ mnemonic: 'in', opcode: [0xec], operands: ['AL', 'DX'], exec: 'in' });
row({ mnemonic: 'in', opcode: [0xed], operands: ['eAX', 'DX'], exec: 'in' });
row({ mnemonic: 'out', opcode: [0xee], operands: ['DX', 'AL'], exec: 'out' });
row({ mnemonic: 'out', opcode: [0xef], operands: ['DX', 'eAX'], exec: 'out' });

// --- Group 3 (F6/F7), group 4/5 INC/DEC, flag instructions, HLT -------------------------------

for (const [op, size] of [
  [0xf6, 'b'],
  [0xf7, 'v'],
] as const) {
  const E: OperandKind = size === 'b' ? 'Eb' : 'Ev';
  const I: OperandKind = size === 'b' ? 'Ib' : 'Iv';
  row({ mnemonic: 'test', opcode: [op], ext: 0, operands: [E, I], flags: LOGIC, exec: 'test' });
  // F6/F7 /1 is an undocumented alias of /0 (SDM Vol.2 Appendix A, Table A-6 footnote).
  row({ mnemonic: 'test', opcode: [op], ext: 1, operands: [E, I], flags: LOGIC, exec: 'test', decodeOnly: true });
  row({ mnemonic: 'not', opcode: [op], ext: 2, operands: [E], lock: true, exec: 'not' });
  row({ mnemonic: 'neg', opcode: [op], ext: 3, operands: [E], lock: true, flags: ARITH, exec: 'neg' });
  row({ mnemonic: 'mul', opcode: [op], ext: 4, operands: [E], flags: MULTIPLY, exec: 'mul' });
  row({ mnemonic: 'imul', opcode: [op], ext: 5, operands: [E], flags: MULTIPLY, exec: 'imul1' });
  row({ mnemonic: 'div', opcode: [op], ext: 6, operands: [E], flags: DIVIDE, exec: 'div' });
  row({ mnemonic: 'idiv', opcode: [op], ext: 7, operands: [E], flags: DIVIDE, exec: 'idiv' });
}
row({ mnemonic: 'inc', opcode: [0xfe], ext: 0, operands: ['Eb'], lock: true, flags: INCDEC, exec: 'inc' });
row({ mnemonic: 'dec', opcode: [0xfe], ext: 1, operands: ['Eb'], lock: true, flags: INCDEC, exec: 'dec' });
row({ mnemonic: 'inc', opcode: [0xff], ext: 0, operands: ['Ev'], lock: true, flags: INCDEC, exec: 'inc' });
row({ mnemonic: 'dec', opcode: [0xff], ext: 1, operands: ['Ev'], lock: true, flags: INCDEC, exec: 'dec' });

row({ mnemonic: 'hlt', opcode: [0xf4], operands: [], exec: 'hlt' });
row({ mnemonic: 'cmc', opcode: [0xf5], operands: [], flags: { written: 'c' }, exec: 'cmc' });
row({ mnemonic: 'clc', opcode: [0xf8], operands: [], flags: { written: 'c' }, exec: 'clc' });
row({ mnemonic: 'stc', opcode: [0xf9], operands: [], flags: { written: 'c' }, exec: 'stc' });
row({ mnemonic: 'cli', opcode: [0xfa], operands: [], exec: 'cli' });
row({ mnemonic: 'sti', opcode: [0xfb], operands: [], exec: 'sti' });
row({ mnemonic: 'cld', opcode: [0xfc], operands: [], exec: 'cld' });
row({ mnemonic: 'std', opcode: [0xfd], operands: [], exec: 'std' });

// --- 0F: system instructions (SDM Vol.2; Vol.3 chapters 2-5) ------------------------------------

const GROUP6 = ['sldt', 'str', 'lldt', 'ltr', 'verr', 'verw'] as const;
GROUP6.forEach((name, ext) => {
  const flags = name === 'verr' || name === 'verw' ? ZF_ONLY : undefined;
  row({ mnemonic: name, opcode: [0x0f, 0x00], ext, operands: ['Ew'], ...(flags ? { flags } : {}), exec: name });
});
row({ mnemonic: 'sgdt', opcode: [0x0f, 0x01], ext: 0, operands: ['Ms'], exec: 'sgdt' });
row({ mnemonic: 'sidt', opcode: [0x0f, 0x01], ext: 1, operands: ['Ms'], exec: 'sidt' });
row({ mnemonic: 'lgdt', opcode: [0x0f, 0x01], ext: 2, operands: ['Ms'], exec: 'lgdt' });
row({ mnemonic: 'lidt', opcode: [0x0f, 0x01], ext: 3, operands: ['Ms'], exec: 'lidt' });
row({ mnemonic: 'smsw', opcode: [0x0f, 0x01], ext: 4, operands: ['Ew'], exec: 'smsw' });
row({ mnemonic: 'lmsw', opcode: [0x0f, 0x01], ext: 6, operands: ['Ew'], exec: 'lmsw' });
row({ mnemonic: 'invlpg', opcode: [0x0f, 0x01], ext: 7, operands: ['M'], requires: 'i486', exec: 'invlpg' });
row({ mnemonic: 'lar', opcode: [0x0f, 0x02], operands: ['Gv', 'Ew'], flags: ZF_ONLY, exec: 'lar' });
row({ mnemonic: 'lsl', opcode: [0x0f, 0x03], operands: ['Gv', 'Ew'], flags: ZF_ONLY, exec: 'lsl' });
row({ mnemonic: 'syscall', opcode: [0x0f, 0x05], operands: [], requires: 'syscall', exec: 'syscall' });
row({ mnemonic: 'clts', opcode: [0x0f, 0x06], operands: [], exec: 'clts' });
row({ mnemonic: 'sysret', opcode: [0x0f, 0x07], operands: [], requires: 'syscall', flags: ALL, exec: 'sysret' });
row({ mnemonic: 'invd', opcode: [0x0f, 0x08], operands: [], requires: 'i486', exec: 'invd' });
row({ mnemonic: 'wbinvd', opcode: [0x0f, 0x09], operands: [], requires: 'i486', exec: 'wbinvd' });
// MMX, 3DNow! and AMD's MMX extensions (mmxInstructions.ts), listed before the hint NOPs so that
// 0F 18 /0-/3 decode as PREFETCHh where the model has them and as NOPs where it does not.
for (const form of MMX_ROWS) row(form);

// Hint NOPs 0F 18-0F 1F /r: the SDM's NOP page gives the multi-byte form (0F 1F /0, NASM
// `nop r/m`) only to CPUID family 6 or 15 (SDM Vol.2B NOP; Appendix A Table A-3 lists 0F 18-1F
// as NOP/hint space); earlier parts raise #UD. The operand is decoded, never accessed. With an
// F3 prefix, 0F 1E FB is ENDBR32 and 0F 1E C8-CF RDSSPD on CET parts; before CET they are
// these NOPs (SDM Vol.2A ENDBR32: "treated as NOP" on processors without CET).
row({ mnemonic: 'nop', opcode: [0x0f, 0x1f], ext: 0, operands: ['Ev'], requires: 'hintNop', exec: 'nop' });
for (let op = 0x18; op <= 0x1f; op++) {
  for (let ext = 0; ext < 8; ext++) {
    if (op === 0x1f && ext === 0) continue;
    row({
      mnemonic: 'nop',
      opcode: [0x0f, op],
      ext,
      operands: ['Ev'],
      requires: 'hintNop',
      exec: 'nop',
      decodeOnly: true,
    });
  }
}
row({ mnemonic: 'ud2', opcode: [0x0f, 0x0b], operands: [], exec: 'ud2' });
row({ mnemonic: 'mov', opcode: [0x0f, 0x20], operands: ['Rd', 'Cd'], exec: 'movFromControl' });
row({ mnemonic: 'mov', opcode: [0x0f, 0x21], operands: ['Rd', 'Dd'], exec: 'movFromDebug' });
row({ mnemonic: 'mov', opcode: [0x0f, 0x22], operands: ['Cd', 'Rd'], exec: 'movToControl' });
row({ mnemonic: 'mov', opcode: [0x0f, 0x23], operands: ['Dd', 'Rd'], exec: 'movToDebug' });
row({ mnemonic: 'mov', opcode: [0x0f, 0x24], operands: ['Rd', 'Td'], requires: 'testRegisters', exec: 'movFromTest' });
row({ mnemonic: 'mov', opcode: [0x0f, 0x26], operands: ['Td', 'Rd'], requires: 'testRegisters', exec: 'movToTest' });
row({ mnemonic: 'wrmsr', opcode: [0x0f, 0x30], operands: [], requires: 'msr', exec: 'wrmsr' });
row({ mnemonic: 'rdtsc', opcode: [0x0f, 0x31], operands: [], requires: 'tsc', exec: 'rdtsc' });
row({ mnemonic: 'rdmsr', opcode: [0x0f, 0x32], operands: [], requires: 'msr', exec: 'rdmsr' });
row({ mnemonic: 'sysenter', opcode: [0x0f, 0x34], operands: [], requires: 'sep', exec: 'sysenter' });
row({ mnemonic: 'sysexit', opcode: [0x0f, 0x35], operands: [], requires: 'sep', exec: 'sysexit' });
row({ mnemonic: 'cpuid', opcode: [0x0f, 0xa2], operands: [], requires: 'cpuid', exec: 'cpuid' });

// --- 0F: bit instructions, MOVZX/MOVSX, 486 and Pentium additions -----------------------------

row({ mnemonic: 'bt', opcode: [0x0f, 0xa3], operands: ['Ev', 'Gv'], flags: BIT_TEST, exec: 'bt' });
row({ mnemonic: 'bts', opcode: [0x0f, 0xab], operands: ['Ev', 'Gv'], lock: true, flags: BIT_TEST, exec: 'bts' });
row({ mnemonic: 'btr', opcode: [0x0f, 0xb3], operands: ['Ev', 'Gv'], lock: true, flags: BIT_TEST, exec: 'btr' });
row({ mnemonic: 'btc', opcode: [0x0f, 0xbb], operands: ['Ev', 'Gv'], lock: true, flags: BIT_TEST, exec: 'btc' });
row({ mnemonic: 'bt', opcode: [0x0f, 0xba], ext: 4, operands: ['Ev', 'Ib'], flags: BIT_TEST, exec: 'bt' });
row({
  mnemonic: 'bts',
  opcode: [0x0f, 0xba],
  ext: 5,
  operands: ['Ev', 'Ib'],
  lock: true,
  flags: BIT_TEST,
  exec: 'bts',
});
row({
  mnemonic: 'btr',
  opcode: [0x0f, 0xba],
  ext: 6,
  operands: ['Ev', 'Ib'],
  lock: true,
  flags: BIT_TEST,
  exec: 'btr',
});
row({
  mnemonic: 'btc',
  opcode: [0x0f, 0xba],
  ext: 7,
  operands: ['Ev', 'Ib'],
  lock: true,
  flags: BIT_TEST,
  exec: 'btc',
});
row({ mnemonic: 'bsf', opcode: [0x0f, 0xbc], operands: ['Gv', 'Ev'], flags: BIT_SCAN, exec: 'bsf' });
row({ mnemonic: 'bsr', opcode: [0x0f, 0xbd], operands: ['Gv', 'Ev'], flags: BIT_SCAN, exec: 'bsr' });
row({ mnemonic: 'movzx', opcode: [0x0f, 0xb6], operands: ['Gv', 'Eb'], exec: 'movzx' });
row({ mnemonic: 'movzx', opcode: [0x0f, 0xb7], operands: ['Gv', 'Ew'], exec: 'movzx' });
row({ mnemonic: 'movsx', opcode: [0x0f, 0xbe], operands: ['Gv', 'Eb'], exec: 'movsx' });
row({ mnemonic: 'movsx', opcode: [0x0f, 0xbf], operands: ['Gv', 'Ew'], exec: 'movsx' });
row({
  mnemonic: 'cmpxchg',
  opcode: [0x0f, 0xb0],
  operands: ['Eb', 'Gb'],
  lock: true,
  requires: 'i486',
  flags: ARITH,
  exec: 'cmpxchg',
});
row({
  mnemonic: 'cmpxchg',
  opcode: [0x0f, 0xb1],
  operands: ['Ev', 'Gv'],
  lock: true,
  requires: 'i486',
  flags: ARITH,
  exec: 'cmpxchg',
});
row({
  mnemonic: 'xadd',
  opcode: [0x0f, 0xc0],
  operands: ['Eb', 'Gb'],
  lock: true,
  requires: 'i486',
  flags: ARITH,
  exec: 'xadd',
});
row({
  mnemonic: 'xadd',
  opcode: [0x0f, 0xc1],
  operands: ['Ev', 'Gv'],
  lock: true,
  requires: 'i486',
  flags: ARITH,
  exec: 'xadd',
});
row({
  mnemonic: 'cmpxchg8b',
  opcode: [0x0f, 0xc7],
  ext: 1,
  operands: ['Mq'],
  lock: true,
  requires: 'cx8',
  flags: ZF_ONLY,
  exec: 'cmpxchg8b',
});
row({ mnemonic: 'bswap', opcode: [0x0f, 0xc8], operands: ['Zv'], requires: 'i486', exec: 'bswap' });

// --- x87 FPU: D8-DF (SDM Vol.2 Appendix A.5, Tables ), FXSAVE/FXRSTOR -------------
// Memory forms by /digit; register forms take ST(i) from ModRM rm with mod = 11; some take the
// whole ModRM byte (modrmByte). Every model decodes them: without an FPU they do nothing (EM =
// 0) or raise #NM (EM = 1), see fpu/access.ts. FCMOVcc and FCOMI/FUCOMI(P) came with the P6
// and are gated like CMOVcc; FXSAVE/FXRSTOR need FXSR.

const X87_ARITH = ['fadd', 'fmul', 'fcom', 'fcomp', 'fsub', 'fsubr', 'fdiv', 'fdivr'] as const;
X87_ARITH.forEach((name, ext) => {
  const integer = ('fi' + name.slice(1)) as ExecName; // fiadd ... fidivr
  row({ mnemonic: name, opcode: [0xd8], ext, operands: ['Md'], exec: name });
  row({ mnemonic: name, opcode: [0xdc], ext, operands: ['Mq'], exec: name });
  row({ mnemonic: integer, opcode: [0xda], ext, operands: ['Md'], exec: integer });
  row({ mnemonic: integer, opcode: [0xde], ext, operands: ['Mw'], exec: integer });
  if (name === 'fcom' || name === 'fcomp') {
    // D8: FCOM/FCOMP ST(i). DC D0+i / DC D8+i / DE D0+i: undocumented aliases (SDM Vol.2 A.5 footnotes).
    row({ mnemonic: name, opcode: [0xd8], ext, operands: ['STi'], exec: name });
    row({ mnemonic: name, opcode: [0xdc], ext, operands: ['STi'], exec: name, decodeOnly: true });
    if (name === 'fcomp')
      row({ mnemonic: name, opcode: [0xde], ext: 2, operands: ['STi'], exec: name, decodeOnly: true });
    return;
  }
  // DC and DE: ST(i) = ST(i) op ST(0); the reversed pair swaps its /digit (DC E0+i is FSUBR).
  // Listed before D8 so that `fadd st0, st0` encodes as NASM does (DC C0).
  const swapped = name === 'fsub' ? 5 : name === 'fsubr' ? 4 : name === 'fdiv' ? 7 : name === 'fdivr' ? 6 : ext;
  row({ mnemonic: name, opcode: [0xdc], ext: swapped, operands: ['STi', 'ST0'], exec: name });
  row({ mnemonic: name + 'p', opcode: [0xde], ext: swapped, operands: ['STi', 'ST0'], exec: (name + 'p') as ExecName });
  // D8: ST(0) = ST(0) op ST(i).
  row({ mnemonic: name, opcode: [0xd8], ext, operands: ['ST0', 'STi'], exec: name });
});
row({ mnemonic: 'fcompp', opcode: [0xde], ext: 3, modrmByte: 0xd9, operands: [], exec: 'fcompp' });

// Loads and stores.
row({ mnemonic: 'fld', opcode: [0xd9], ext: 0, operands: ['Md'], exec: 'fld' });
row({ mnemonic: 'fld', opcode: [0xdd], ext: 0, operands: ['Mq'], exec: 'fld' });
row({ mnemonic: 'fld', opcode: [0xdb], ext: 5, operands: ['Mt'], exec: 'fld' });
row({ mnemonic: 'fld', opcode: [0xd9], ext: 0, operands: ['STi'], exec: 'fld' });
row({ mnemonic: 'fst', opcode: [0xd9], ext: 2, operands: ['Md'], exec: 'fst' });
row({ mnemonic: 'fst', opcode: [0xdd], ext: 2, operands: ['Mq'], exec: 'fst' });
row({ mnemonic: 'fst', opcode: [0xdd], ext: 2, operands: ['STi'], exec: 'fst' });
row({ mnemonic: 'fstp', opcode: [0xd9], ext: 3, operands: ['Md'], exec: 'fstp' });
row({ mnemonic: 'fstp', opcode: [0xdd], ext: 3, operands: ['Mq'], exec: 'fstp' });
row({ mnemonic: 'fstp', opcode: [0xdb], ext: 7, operands: ['Mt'], exec: 'fstp' });
row({ mnemonic: 'fstp', opcode: [0xdd], ext: 3, operands: ['STi'], exec: 'fstp' });
// D9 D8+i, DF D0+i, DF D8+i: undocumented aliases of FSTP ST(i).
row({ mnemonic: 'fstp', opcode: [0xd9], ext: 3, operands: ['STi'], exec: 'fstp', decodeOnly: true });
row({ mnemonic: 'fstp', opcode: [0xdf], ext: 2, operands: ['STi'], exec: 'fstp', decodeOnly: true });
row({ mnemonic: 'fstp', opcode: [0xdf], ext: 3, operands: ['STi'], exec: 'fstp', decodeOnly: true });
row({ mnemonic: 'fild', opcode: [0xdf], ext: 0, operands: ['Mw'], exec: 'fild' });
row({ mnemonic: 'fild', opcode: [0xdb], ext: 0, operands: ['Md'], exec: 'fild' });
row({ mnemonic: 'fild', opcode: [0xdf], ext: 5, operands: ['Mq'], exec: 'fild' });
row({ mnemonic: 'fist', opcode: [0xdf], ext: 2, operands: ['Mw'], exec: 'fist' });
row({ mnemonic: 'fist', opcode: [0xdb], ext: 2, operands: ['Md'], exec: 'fist' });
row({ mnemonic: 'fistp', opcode: [0xdf], ext: 3, operands: ['Mw'], exec: 'fistp' });
row({ mnemonic: 'fistp', opcode: [0xdb], ext: 3, operands: ['Md'], exec: 'fistp' });
row({ mnemonic: 'fistp', opcode: [0xdf], ext: 7, operands: ['Mq'], exec: 'fistp' });
row({ mnemonic: 'fbld', opcode: [0xdf], ext: 4, operands: ['Mt'], exec: 'fbld' });
row({ mnemonic: 'fbstp', opcode: [0xdf], ext: 6, operands: ['Mt'], exec: 'fbstp' });
row({ mnemonic: 'fxch', opcode: [0xd9], ext: 1, operands: ['STi'], exec: 'fxch' });
// DD C8+i and DF C8+i: undocumented aliases of FXCH.
row({ mnemonic: 'fxch', opcode: [0xdd], ext: 1, operands: ['STi'], exec: 'fxch', decodeOnly: true });
row({ mnemonic: 'fxch', opcode: [0xdf], ext: 1, operands: ['STi'], exec: 'fxch', decodeOnly: true });
row({ mnemonic: 'ffree', opcode: [0xdd], ext: 0, operands: ['STi'], exec: 'ffree' });
row({ mnemonic: 'ffreep', opcode: [0xdf], ext: 0, operands: ['STi'], exec: 'ffreep' });

// Compares.
row({ mnemonic: 'fucom', opcode: [0xdd], ext: 4, operands: ['STi'], exec: 'fucom' });
row({ mnemonic: 'fucomp', opcode: [0xdd], ext: 5, operands: ['STi'], exec: 'fucomp' });
row({ mnemonic: 'fucompp', opcode: [0xda], ext: 5, modrmByte: 0xe9, operands: [], exec: 'fucompp' });
row({
  mnemonic: 'fucomi',
  opcode: [0xdb],
  ext: 5,
  operands: ['ST0', 'STi'],
  requires: 'cmov',
  flags: ALL,
  exec: 'fucomi',
});
row({
  mnemonic: 'fcomi',
  opcode: [0xdb],
  ext: 6,
  operands: ['ST0', 'STi'],
  requires: 'cmov',
  flags: ALL,
  exec: 'fcomi',
});
row({
  mnemonic: 'fucomip',
  opcode: [0xdf],
  ext: 5,
  operands: ['ST0', 'STi'],
  requires: 'cmov',
  flags: ALL,
  exec: 'fucomip',
});
row({
  mnemonic: 'fcomip',
  opcode: [0xdf],
  ext: 6,
  operands: ['ST0', 'STi'],
  requires: 'cmov',
  flags: ALL,
  exec: 'fcomip',
});

// FCMOVcc (P6): DA for b e be u, DB for the negations; `condition` is the Jcc code tested.
(
  [
    ['b', 2],
    ['e', 4],
    ['be', 6],
    ['u', 10],
  ] as const
).forEach(([cc, code], ext) => {
  row({
    mnemonic: 'fcmov' + cc,
    opcode: [0xda],
    ext,
    operands: ['ST0', 'STi'],
    condition: code,
    requires: 'cmov',
    exec: 'fcmov',
  });
  row({
    mnemonic: 'fcmovn' + cc,
    opcode: [0xdb],
    ext,
    operands: ['ST0', 'STi'],
    condition: code + 1,
    requires: 'cmov',
    exec: 'fcmov',
  });
});

// D9 E0-FF and DB E0-E4: whole-ModRM forms.
const X87_D9: [number, string, ExecName][] = [
  [0xd0, 'fnop', 'fnop'],
  [0xe0, 'fchs', 'fchs'],
  [0xe1, 'fabs', 'fabs'],
  [0xe4, 'ftst', 'ftst'],
  [0xe5, 'fxam', 'fxam'],
  [0xe8, 'fld1', 'fldConstant'],
  [0xe9, 'fldl2t', 'fldConstant'],
  [0xea, 'fldl2e', 'fldConstant'],
  [0xeb, 'fldpi', 'fldConstant'],
  [0xec, 'fldlg2', 'fldConstant'],
  [0xed, 'fldln2', 'fldConstant'],
  [0xee, 'fldz', 'fldConstant'],
  [0xf0, 'f2xm1', 'f2xm1'],
  [0xf1, 'fyl2x', 'fyl2x'],
  [0xf2, 'fptan', 'fptan'],
  [0xf3, 'fpatan', 'fpatan'],
  [0xf4, 'fxtract', 'fxtract'],
  [0xf5, 'fprem1', 'fprem1'],
  [0xf6, 'fdecstp', 'fdecstp'],
  [0xf7, 'fincstp', 'fincstp'],
  [0xf8, 'fprem', 'fprem'],
  [0xf9, 'fyl2xp1', 'fyl2xp1'],
  [0xfa, 'fsqrt', 'fsqrt'],
  [0xfb, 'fsincos', 'fsincos'],
  [0xfc, 'frndint', 'frndint'],
  [0xfd, 'fscale', 'fscale'],
  [0xfe, 'fsin', 'fsin'],
  [0xff, 'fcos', 'fcos'],
];
for (const [byte, mnemonic, exec] of X87_D9)
  row({ mnemonic, opcode: [0xd9], ext: (byte >> 3) & 7, modrmByte: byte, operands: [], exec });
row({ mnemonic: 'fneni', opcode: [0xdb], ext: 4, modrmByte: 0xe0, operands: [], exec: 'fpuLegacyNop' });
row({ mnemonic: 'fndisi', opcode: [0xdb], ext: 4, modrmByte: 0xe1, operands: [], exec: 'fpuLegacyNop' });
row({ mnemonic: 'fnclex', opcode: [0xdb], ext: 4, modrmByte: 0xe2, operands: [], exec: 'fnclex' });
row({ mnemonic: 'fninit', opcode: [0xdb], ext: 4, modrmByte: 0xe3, operands: [], exec: 'fninit' });
row({ mnemonic: 'fsetpm', opcode: [0xdb], ext: 4, modrmByte: 0xe4, operands: [], exec: 'fpuLegacyNop' });

// Control words, environment, state.
row({ mnemonic: 'fldcw', opcode: [0xd9], ext: 5, operands: ['Mw'], exec: 'fldcw' });
row({ mnemonic: 'fnstcw', opcode: [0xd9], ext: 7, operands: ['Mw'], exec: 'fnstcw' });
row({ mnemonic: 'fnstsw', opcode: [0xdd], ext: 7, operands: ['Mw'], exec: 'fnstsw' });
row({ mnemonic: 'fnstsw', opcode: [0xdf], ext: 4, modrmByte: 0xe0, operands: ['AX'], exec: 'fnstsw' });
row({ mnemonic: 'fldenv', opcode: [0xd9], ext: 4, operands: ['Me'], exec: 'fldenv' });
row({ mnemonic: 'fnstenv', opcode: [0xd9], ext: 6, operands: ['Me'], exec: 'fnstenv' });
row({ mnemonic: 'frstor', opcode: [0xdd], ext: 4, operands: ['Mf'], exec: 'frstor' });
row({ mnemonic: 'fnsave', opcode: [0xdd], ext: 6, operands: ['Mf'], exec: 'fnsave' });
row({ mnemonic: 'fxsave', opcode: [0x0f, 0xae], ext: 0, operands: ['Mx'], requires: 'fxsr', exec: 'fxsave' });
row({ mnemonic: 'fxrstor', opcode: [0x0f, 0xae], ext: 1, operands: ['Mx'], requires: 'fxsr', exec: 'fxrstor' });

// NASM's x87 shorthands: assembler-only rows (x87Shorthands.ts).
for (const form of x87Shorthands(rows)) row(form);

/** Every opcode form, in no particular order. */
export const INSTRUCTIONS: readonly InstructionForm[] = rows;

/** Operand kinds that are encoded in a ModRM byte. */
const MODRM_KINDS: ReadonlySet<OperandKind> = new Set<OperandKind>([
  'Eb',
  'Ew',
  'Ed',
  'Ev',
  'Gb',
  'Gw',
  'Gd',
  'Gv',
  'Rd',
  'M',
  'Mw',
  'Md',
  'Mq',
  'Mp',
  'Ma',
  'Ms',
  'Sw',
  'Cd',
  'Dd',
  'Td',
  'STi',
  'Mt',
  'Me',
  'Mf',
  'Mx',
  'Pq',
  'Qq',
  'Qd',
  'Nq',
]);

/** The form has a ModRM byte: explicit, an /digit extension, or a ModRM operand. */
export function hasModrm(form: InstructionForm): boolean {
  return form.modrm === true || form.ext !== undefined || form.operands.some((k) => MODRM_KINDS.has(k));
}

/** The form encodes a register in the low three bits of its last opcode byte (+rb/+rd). */
export function hasRegisterInOpcode(form: InstructionForm): boolean {
  return form.operands.some((k) => k === 'Zb' || k === 'Zv');
}

/**
 * Decoder index: for each opcode byte (one-byte map 0..255, two-byte map 0x100 + second byte),
 * the rows that can start there. +r rows appear under all eight bytes, after exact rows.
 */
export const OPCODE_INDEX: readonly (readonly InstructionForm[])[] = buildIndex();

function buildIndex(): InstructionForm[][] {
  const index: InstructionForm[][] = Array.from({ length: 512 }, () => []);
  const plusR: [number, InstructionForm][] = [];
  for (const form of rows) {
    if (form.assembleOnly) continue;
    const key = form.opcode.length === 1 ? form.opcode[0] : 0x100 + form.opcode[1];
    if (hasRegisterInOpcode(form)) {
      for (let r = 0; r < 8; r++) plusR.push([key + r, form]);
    } else {
      index[key].push(form);
    }
  }
  for (const [key, form] of plusR) index[key].push(form);
  return index;
}
