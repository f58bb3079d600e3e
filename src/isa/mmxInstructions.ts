// The MMX, 3DNow! and AMD MMX-extension rows of the instruction table (instructions.ts appends
// them). Encodings: MMX from the Intel SDM Vol.2 instruction pages and Appendix A (Tables A-3
// and A-6, groups 12-14 for the shift-by-immediate forms); 3DNow! from the "AMD 3DNow!
// Technology Manual" (0F 0F /r with the operation in an imm8 suffix, FEMMS 0F 0E, PREFETCH
// and PREFETCHW 0F 0D /0 /1); the Athlon's additions from "AMD Extensions to the 3DNow! and
// MMX Instruction Sets" (PF2IW PFNACC PFPNACC PI2FW PSWAPD as 3DNow! suffixes; PMINUB ...
// SFENCE with the opcodes SSE later gave them in their MMX-register forms). No MMX row
// changes EFLAGS. Each exec name is the mnemonic; mmx/ in the emulator implements them.

import type { MmxExecName } from './execNames';
import type { InstructionForm, OperandKind } from './isa';
import type { Feature } from './models';

const rows: InstructionForm[] = [];

function mmx(mnemonic: string, op: number, operands: OperandKind[], requires: Feature = 'mmx', ext?: number): void {
  rows.push({
    mnemonic,
    opcode: [0x0f, op],
    ...(ext !== undefined ? { ext } : {}),
    operands,
    requires,
    exec: mnemonic as MmxExecName,
  });
}

// MOVD/MOVQ (SDM Vol.2 MOVD/MOVQ).
mmx('movd', 0x6e, ['Pq', 'Ed']);
mmx('movd', 0x7e, ['Ed', 'Pq']);
mmx('movq', 0x6f, ['Pq', 'Qq']);
mmx('movq', 0x7f, ['Qq', 'Pq']);

// Packed operations mm, mm/m64 (SDM Vol.2 Appendix A, Table A-3, 0F 60-0F 6B, 0F 74-76, 0F D1-FE).
// The low-half unpacks read only 32 bits of memory (SDM Vol.2 PUNPCKLBW/WD/DQ: mm/m32).
const PACKED: [number, string][] = [
  [0x60, 'punpcklbw'],
  [0x61, 'punpcklwd'],
  [0x62, 'punpckldq'],
  [0x63, 'packsswb'],
  [0x64, 'pcmpgtb'],
  [0x65, 'pcmpgtw'],
  [0x66, 'pcmpgtd'],
  [0x67, 'packuswb'],
  [0x68, 'punpckhbw'],
  [0x69, 'punpckhwd'],
  [0x6a, 'punpckhdq'],
  [0x6b, 'packssdw'],
  [0x74, 'pcmpeqb'],
  [0x75, 'pcmpeqw'],
  [0x76, 'pcmpeqd'],
  [0xd1, 'psrlw'],
  [0xd2, 'psrld'],
  [0xd3, 'psrlq'],
  [0xd5, 'pmullw'],
  [0xd8, 'psubusb'],
  [0xd9, 'psubusw'],
  [0xdb, 'pand'],
  [0xdc, 'paddusb'],
  [0xdd, 'paddusw'],
  [0xdf, 'pandn'],
  [0xe1, 'psraw'],
  [0xe2, 'psrad'],
  [0xe5, 'pmulhw'],
  [0xe8, 'psubsb'],
  [0xe9, 'psubsw'],
  [0xeb, 'por'],
  [0xec, 'paddsb'],
  [0xed, 'paddsw'],
  [0xef, 'pxor'],
  [0xf1, 'psllw'],
  [0xf2, 'pslld'],
  [0xf3, 'psllq'],
  [0xf5, 'pmaddwd'],
  [0xf8, 'psubb'],
  [0xf9, 'psubw'],
  [0xfa, 'psubd'],
  [0xfc, 'paddb'],
  [0xfd, 'paddw'],
  [0xfe, 'paddd'],
];
for (const [op, name] of PACKED) mmx(name, op, ['Pq', op <= 0x62 ? 'Qd' : 'Qq']);

// Shifts by an immediate: groups 12, 13, 14 (0F 71, 0F 72, 0F 73) /2 /4 /6 with mm in r/m.
const SHIFT_IMM: [number, number, string][] = [
  [0x71, 2, 'psrlw'],
  [0x71, 4, 'psraw'],
  [0x71, 6, 'psllw'],
  [0x72, 2, 'psrld'],
  [0x72, 4, 'psrad'],
  [0x72, 6, 'pslld'],
  [0x73, 2, 'psrlq'],
  [0x73, 6, 'psllq'],
];
for (const [op, ext, name] of SHIFT_IMM) mmx(name, op, ['Nq', 'Ib'], 'mmx', ext);

mmx('emms', 0x77, []);

// --- 3DNow! (K6-2, Athlon) and extended 3DNow! (Athlon) ---------------------------------------

rows.push({ mnemonic: 'femms', opcode: [0x0f, 0x0e], operands: [], requires: '3dnow', exec: 'femms' });
mmx('prefetch', 0x0d, ['M'], '3dnow', 0);
mmx('prefetchw', 0x0d, ['M'], '3dnow', 1);
// 0F 0D /2-/7: reserved encodings that execute as PREFETCH, /3 as PREFETCHW (AMD APM Vol.3 PREFETCH).
for (let ext = 2; ext < 8; ext++) {
  const mnemonic = ext === 3 ? 'prefetchw' : 'prefetch';
  rows.push({
    mnemonic,
    opcode: [0x0f, 0x0d],
    ext,
    operands: ['M'],
    requires: '3dnow',
    exec: mnemonic,
    decodeOnly: true,
  });
}

const SUFFIXED: [number, string, Feature][] = [
  [0x0c, 'pi2fw', '3dnowext'],
  [0x0d, 'pi2fd', '3dnow'],
  [0x1c, 'pf2iw', '3dnowext'],
  [0x1d, 'pf2id', '3dnow'],
  [0x8a, 'pfnacc', '3dnowext'],
  [0x8e, 'pfpnacc', '3dnowext'],
  [0x90, 'pfcmpge', '3dnow'],
  [0x94, 'pfmin', '3dnow'],
  [0x96, 'pfrcp', '3dnow'],
  [0x97, 'pfrsqrt', '3dnow'],
  [0x9a, 'pfsub', '3dnow'],
  [0x9e, 'pfadd', '3dnow'],
  [0xa0, 'pfcmpgt', '3dnow'],
  [0xa4, 'pfmax', '3dnow'],
  [0xa6, 'pfrcpit1', '3dnow'],
  [0xa7, 'pfrsqit1', '3dnow'],
  [0xaa, 'pfsubr', '3dnow'],
  [0xae, 'pfacc', '3dnow'],
  [0xb0, 'pfcmpeq', '3dnow'],
  [0xb4, 'pfmul', '3dnow'],
  [0xb6, 'pfrcpit2', '3dnow'],
  [0xb7, 'pmulhrw', '3dnow'],
  [0xbb, 'pswapd', '3dnowext'],
  [0xbf, 'pavgusb', '3dnow'],
];
// NASM spells 3DNow!'s PMULHRW `pmulhrwa` (its `pmulhrwc` is Cyrix's instruction, and it does not know `pmulhrw`).
for (const [suffix, name, requires] of SUFFIXED) {
  const mnemonic = name === 'pmulhrw' ? 'pmulhrwa' : name;
  rows.push({ mnemonic, opcode: [0x0f, 0x0f], suffix, operands: ['Pq', 'Qq'], requires, exec: name as MmxExecName });
}

// --- AMD's MMX extensions (Athlon) ------------------------------------------------------------

const MMXEXT: [number, string, OperandKind[]][] = [
  [0x70, 'pshufw', ['Pq', 'Qq', 'Ib']],
  [0xc4, 'pinsrw', ['Pq', 'Ed', 'Ib']],
  [0xc5, 'pextrw', ['Gd', 'Nq', 'Ib']],
  [0xd7, 'pmovmskb', ['Gd', 'Nq']],
  [0xda, 'pminub', ['Pq', 'Qq']],
  [0xde, 'pmaxub', ['Pq', 'Qq']],
  [0xe0, 'pavgb', ['Pq', 'Qq']],
  [0xe3, 'pavgw', ['Pq', 'Qq']],
  [0xe4, 'pmulhuw', ['Pq', 'Qq']],
  [0xe7, 'movntq', ['Mq', 'Pq']],
  [0xea, 'pminsw', ['Pq', 'Qq']],
  [0xee, 'pmaxsw', ['Pq', 'Qq']],
  [0xf6, 'psadbw', ['Pq', 'Qq']],
  [0xf7, 'maskmovq', ['Pq', 'Nq']],
];
// PINSRW takes r32 or m16 (SDM Vol.2 PINSRW): the memory row first, the decoder picks by mod.
mmx('pinsrw', 0xc4, ['Pq', 'Mw', 'Ib'], 'mmxext');
for (const [op, name, operands] of MMXEXT) mmx(name, op, operands, 'mmxext');
['prefetchnta', 'prefetcht0', 'prefetcht1', 'prefetcht2'].forEach((name, ext) => mmx(name, 0x18, ['M'], 'mmxext', ext));
// SFENCE is 0F AE /7 with mod = 11; the r/m bits are ignored (F8 is the encoding assemblers emit).
for (let modrm = 0xf8; modrm <= 0xff; modrm++) {
  rows.push({
    mnemonic: 'sfence',
    opcode: [0x0f, 0xae],
    ext: 7,
    modrmByte: modrm,
    operands: [],
    requires: 'mmxext',
    exec: 'sfence',
    ...(modrm !== 0xf8 ? { decodeOnly: true } : {}),
  });
}

/** The MMX, 3DNow! and MMX-extension rows. */
export const MMX_ROWS: readonly InstructionForm[] = rows;

/** The forms whose operation is the 3DNow! suffix byte, by suffix. */
export const SUFFIX_FORMS: ReadonlyMap<number, InstructionForm> = new Map(
  rows.filter((f) => f.suffix !== undefined).map((f) => [f.suffix!, f]),
);
