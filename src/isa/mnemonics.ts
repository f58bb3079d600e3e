// Facts per assembly-language NAME that are not per opcode form: the condition codes, the
// register names with their meaning, and the instruction prefixes; each mnemonic's group and
// summary are in mnemonicInfo.ts (the editor's hover and the grammar need them, running a
// program does not). Operand forms, flags written and the models that have an instruction are
// per form and live in instructions.ts, never here.

export type { MnemonicGroup, MnemonicInfo } from './mnemonicInfo';

/**
 * The sixteen condition codes of Jcc/SETcc/CMOVcc in encoding order (SDM Vol.1 Appendix B,
 * Table B-1), each with every NASM spelling; the first spelling is the one the disassembler
 * shows (instructions.ts builds the Jcc/SETcc/CMOVcc rows from this list).
 */
export const CONDITION_CODES: readonly { names: readonly string[]; meaning: string }[] = [
  { names: ['o'], meaning: 'overflow (OF=1)' },
  { names: ['no'], meaning: 'not overflow (OF=0)' },
  { names: ['b', 'c', 'nae'], meaning: 'below, unsigned less than (CF=1)' },
  { names: ['ae', 'nb', 'nc'], meaning: 'above or equal, unsigned (CF=0)' },
  { names: ['z', 'e'], meaning: 'equal / zero (ZF=1)' },
  { names: ['nz', 'ne'], meaning: 'not equal / not zero (ZF=0)' },
  { names: ['be', 'na'], meaning: 'below or equal, unsigned (CF=1 or ZF=1)' },
  { names: ['a', 'nbe'], meaning: 'above, unsigned greater than (CF=0 and ZF=0)' },
  { names: ['s'], meaning: 'sign, negative (SF=1)' },
  { names: ['ns'], meaning: 'not sign, non-negative (SF=0)' },
  { names: ['p', 'pe'], meaning: 'parity even (PF=1)' },
  { names: ['np', 'po'], meaning: 'parity odd (PF=0)' },
  { names: ['l', 'nge'], meaning: 'less, signed (SF!=OF)' },
  { names: ['ge', 'nl'], meaning: 'greater or equal, signed (SF=OF)' },
  { names: ['le', 'ng'], meaning: 'less or equal, signed (ZF=1 or SF!=OF)' },
  { names: ['g', 'nle'], meaning: 'greater, signed (ZF=0 and SF=OF)' },
];

export type RegisterClass = 'general' | 'segment' | 'control' | 'debug' | 'test' | 'fpu' | 'mmx';

export interface RegisterInfo {
  class: RegisterClass;
  bits: 8 | 16 | 32 | 64 | 80;
  summary: string;
  /** Segment registers: the segment-override prefix byte (SDM Vol.2 2.1.1, Group 2). */
  overrideByte?: number;
}

function general(bits: 8 | 16 | 32, summary: string): RegisterInfo {
  return { class: 'general', bits, summary };
}

/**
 * Every register name the assembler accepts in i386 Lab programs. General registers are in
 * the hardware numbering of each size (SDM Vol.2 2.1.5, Table 2-1); segment registers are in
 * sreg order, ES CS SS DS FS GS (Vol.2 B.1.4.5, Table B-8): the assembler takes a segment
 * register's number, and the CPU its register index and name, from its place in this list,
 * and the decoder its override prefix from `overrideByte` (26/2E/36/3E are the 8086 form
 * 001 sreg 110, FS and GS got 64/65 on the 386). Control, debug and test
 * registers are the ones the 386 to P6 define (CR1, CR5-CR7 and TR0-TR2 do not exist and are
 * left out; DR4/DR5 are kept as the aliases the CPU decodes).
 */
export const REGISTER_INFO: Readonly<Record<string, RegisterInfo>> = {
  eax: general(
    32,
    'Accumulator; syscall number in and result out of the kernel stub; after `lock nop`, the KIP address',
  ),
  ecx: general(32, 'Counter for loop, rep and shifts; after `lock nop`, the kernel API version'),
  edx: general(32, 'Data; high half of mul/div results, port number for in/out; after `lock nop`, the API flags'),
  ebx: general(32, 'Base; first syscall argument'),
  esp: general(32, 'Stack pointer'),
  ebp: general(32, 'Frame pointer; addresses SS by default'),
  esi: general(32, 'Source index of string operations; after `lock nop`, the kernel id'),
  edi: general(32, 'Destination index of string operations (in ES)'),
  ax: general(16, 'Low 16 bits of EAX'),
  cx: general(16, 'Low 16 bits of ECX'),
  dx: general(16, 'Low 16 bits of EDX; I/O port number'),
  bx: general(16, 'Low 16 bits of EBX'),
  sp: general(16, 'Low 16 bits of ESP'),
  bp: general(16, 'Low 16 bits of EBP'),
  si: general(16, 'Low 16 bits of ESI'),
  di: general(16, 'Low 16 bits of EDI'),
  al: general(8, 'Bits 0-7 of EAX'),
  cl: general(8, 'Bits 0-7 of ECX; the shift count register'),
  dl: general(8, 'Bits 0-7 of EDX'),
  bl: general(8, 'Bits 0-7 of EBX'),
  ah: general(8, 'Bits 8-15 of EAX'),
  ch: general(8, 'Bits 8-15 of ECX'),
  dh: general(8, 'Bits 8-15 of EDX'),
  bh: general(8, 'Bits 8-15 of EBX'),
  es: { class: 'segment', bits: 16, overrideByte: 0x26, summary: 'Extra segment; destination of string operations' },
  cs: {
    class: 'segment',
    bits: 16,
    overrideByte: 0x2e,
    summary: 'Code segment; its RPL is the current privilege level (CPL)',
  },
  ss: { class: 'segment', bits: 16, overrideByte: 0x36, summary: 'Stack segment' },
  ds: { class: 'segment', bits: 16, overrideByte: 0x3e, summary: 'Data segment, the default for memory operands' },
  fs: { class: 'segment', bits: 16, overrideByte: 0x64, summary: 'Extra data segment (386+)' },
  gs: { class: 'segment', bits: 16, overrideByte: 0x65, summary: 'Extra data segment (386+)' },
  cr0: {
    class: 'control',
    bits: 32,
    summary: 'Control register 0: PE protection, MP, EM, TS, ET, NE, WP, AM, NW, CD, PG paging',
  },
  cr2: { class: 'control', bits: 32, summary: 'Control register 2: the linear address of the last page fault' },
  cr3: {
    class: 'control',
    bits: 32,
    summary: 'Control register 3: physical address of the page directory (PDBR), PWT, PCD',
  },
  cr4: {
    class: 'control',
    bits: 32,
    summary: 'Control register 4 (Pentium+): VME, PVI, TSD, DE, PSE and later extensions',
  },
  dr0: { class: 'debug', bits: 32, summary: 'Debug register 0: breakpoint linear address 0' },
  dr1: { class: 'debug', bits: 32, summary: 'Debug register 1: breakpoint linear address 1' },
  dr2: { class: 'debug', bits: 32, summary: 'Debug register 2: breakpoint linear address 2' },
  dr3: { class: 'debug', bits: 32, summary: 'Debug register 3: breakpoint linear address 3' },
  dr4: { class: 'debug', bits: 32, summary: 'Reserved: an alias of DR6 while CR4.DE is clear (SDM Vol.3 17.2.2)' },
  dr5: { class: 'debug', bits: 32, summary: 'Reserved: an alias of DR7 while CR4.DE is clear (SDM Vol.3 17.2.2)' },
  dr6: { class: 'debug', bits: 32, summary: 'Debug status: which breakpoint or condition caused the last #DB' },
  dr7: { class: 'debug', bits: 32, summary: 'Debug control: enables, conditions and lengths of the four breakpoints' },
  tr3: { class: 'test', bits: 32, summary: 'Cache test data register (486 only)' },
  tr4: { class: 'test', bits: 32, summary: 'Cache test status register (486 only)' },
  tr5: { class: 'test', bits: 32, summary: 'Cache test control register (486 only)' },
  tr6: { class: 'test', bits: 32, summary: 'TLB test command register (386 and 486)' },
  tr7: { class: 'test', bits: 32, summary: 'TLB test data register (386 and 486)' },
  st0: {
    class: 'fpu',
    bits: 80,
    summary: 'x87 stack register ST(0): the top of the stack, physical register (TOP + 0) mod 8',
  },
  st1: { class: 'fpu', bits: 80, summary: 'x87 stack register ST(1): physical register (TOP + 1) mod 8' },
  st2: { class: 'fpu', bits: 80, summary: 'x87 stack register ST(2): physical register (TOP + 2) mod 8' },
  st3: { class: 'fpu', bits: 80, summary: 'x87 stack register ST(3): physical register (TOP + 3) mod 8' },
  st4: { class: 'fpu', bits: 80, summary: 'x87 stack register ST(4): physical register (TOP + 4) mod 8' },
  st5: { class: 'fpu', bits: 80, summary: 'x87 stack register ST(5): physical register (TOP + 5) mod 8' },
  st6: { class: 'fpu', bits: 80, summary: 'x87 stack register ST(6): physical register (TOP + 6) mod 8' },
  st7: { class: 'fpu', bits: 80, summary: 'x87 stack register ST(7): physical register (TOP + 7) mod 8' },
  mm0: { class: 'mmx', bits: 64, summary: 'MMX register 0: the significand of x87 physical register R0' },
  mm1: { class: 'mmx', bits: 64, summary: 'MMX register 1: the significand of x87 physical register R1' },
  mm2: { class: 'mmx', bits: 64, summary: 'MMX register 2: the significand of x87 physical register R2' },
  mm3: { class: 'mmx', bits: 64, summary: 'MMX register 3: the significand of x87 physical register R3' },
  mm4: { class: 'mmx', bits: 64, summary: 'MMX register 4: the significand of x87 physical register R4' },
  mm5: { class: 'mmx', bits: 64, summary: 'MMX register 5: the significand of x87 physical register R5' },
  mm6: { class: 'mmx', bits: 64, summary: 'MMX register 6: the significand of x87 physical register R6' },
  mm7: { class: 'mmx', bits: 64, summary: 'MMX register 7: the significand of x87 physical register R7' },
};

export type PrefixKind = 'lock' | 'rep' | 'size';

export interface PrefixInfo {
  kind: PrefixKind;
  /** The prefix byte NASM emits. */
  byte: number;
  summary: string;
  lab?: string;
}

/** Instruction prefixes written as words (SDM Vol.2 2.1.1); segment overrides are registers. */
export const PREFIX_INFO: Readonly<Record<string, PrefixInfo>> = {
  lock: {
    kind: 'lock',
    byte: 0xf0,
    summary: 'Assert the bus lock for the read-modify-write of a memory destination; #UD on any other instruction',
    lab: '`lock nop` is the i386 Lab way to ask the kernel for its interface without a system call: the #UD handler sees F0 90 and returns the KIP address in EAX. On the early i386 model it executes as a NOP, so preset EAX to 0 and fall back to `int 0x30`.',
  },
  rep: { kind: 'rep', byte: 0xf3, summary: 'Repeat the string instruction (E)CX times' },
  repe: { kind: 'rep', byte: 0xf3, summary: 'Repeat cmps/scas while (E)CX != 0 and ZF = 1' },
  repz: { kind: 'rep', byte: 0xf3, summary: 'Repeat cmps/scas while (E)CX != 0 and ZF = 1' },
  repne: { kind: 'rep', byte: 0xf2, summary: 'Repeat cmps/scas while (E)CX != 0 and ZF = 0' },
  repnz: { kind: 'rep', byte: 0xf2, summary: 'Repeat cmps/scas while (E)CX != 0 and ZF = 0' },
  o16: { kind: 'size', byte: 0x66, summary: 'Force 16-bit operand size (0x66 in 32-bit code)' },
  o32: { kind: 'size', byte: 0x66, summary: 'Force 32-bit operand size (0x66 in 16-bit code)' },
  a16: { kind: 'size', byte: 0x67, summary: 'Force 16-bit address size (0x67 in 32-bit code)' },
  a32: { kind: 'size', byte: 0x67, summary: 'Force 32-bit address size (0x67 in 16-bit code)' },
};

/** The segment registers' names in sreg order (ES CS SS DS FS GS), from REGISTER_INFO. */
export const SEGMENT_REGISTERS: readonly string[] = Object.keys(REGISTER_INFO).filter(
  (name) => REGISTER_INFO[name].class === 'segment',
);

/** The general registers of one size in hardware numbering (index = ModRM reg field), from REGISTER_INFO. */
export function generalRegisterNames(bits: 8 | 16 | 32): string[] {
  return Object.entries(REGISTER_INFO)
    .filter(([, r]) => r.class === 'general' && r.bits === bits)
    .map(([name]) => name);
}
