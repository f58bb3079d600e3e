// Each assembly-language mnemonic's group and one-line summary, for the editor's hover and the
// grammar's scopes (mnemonics.ts has the register names and prefixes, instructions.ts the
// operand forms). A module of its own: a run of a program has no use for it, and building
// this table of several hundred entries took milliseconds of every start.
//
// Keys of MNEMONIC_INFO are exactly the mnemonics and aliases of INSTRUCTIONS (a test checks
// both directions). Keys are lower case, as NASM spells them.

import { FPU_MNEMONIC_INFO } from './fpuMnemonics';
import { CONDITION_CODES } from './mnemonics';
import { MMX_MNEMONIC_INFO } from './mmxMnemonics';

export type MnemonicGroup =
  'data' | 'arithmetic' | 'logic' | 'shift' | 'bit' | 'control' | 'string' | 'flag' | 'system' | 'io' | 'bcd' | 'sync';

export interface MnemonicInfo {
  group: MnemonicGroup;
  summary: string;
  /** What the instruction means in i386 Lab's machine and kernel, where that matters. */
  lab?: string;
}

function conditionFamily(
  prefix: string,
  group: MnemonicGroup,
  describe: (meaning: string) => string,
): Record<string, MnemonicInfo> {
  const family: Record<string, MnemonicInfo> = {};
  for (const cc of CONDITION_CODES) {
    for (const name of cc.names) family[prefix + name] = { group, summary: describe(cc.meaning) };
  }
  return family;
}

const SYSTEM_CALL_NOTE =
  'In i386 Lab the kernel advertises the fastest mechanism the CPU model supports in the ' +
  'Kernel Interface Page; `int 0x30` always works as the fallback.';

export const MNEMONIC_INFO: Readonly<Record<string, MnemonicInfo>> = {
  // Data movement
  mov: { group: 'data', summary: 'Move: dest = src (also to and from segment, control, debug and test registers)' },
  movzx: { group: 'data', summary: 'Move with zero extension of a byte or word source' },
  movsx: { group: 'data', summary: 'Move with sign extension of a byte or word source' },
  xchg: { group: 'data', summary: 'Exchange the two operands (locked implicitly when one is memory)' },
  push: { group: 'data', summary: 'Decrement ESP and store the operand on the stack' },
  pop: { group: 'data', summary: 'Load the operand from the stack and increment ESP' },
  pusha: { group: 'data', summary: 'Push all general registers (16 or 32 bit by operand size)' },
  pushaw: { group: 'data', summary: 'Push AX, CX, DX, BX, original SP, BP, SI, DI' },
  pushad: { group: 'data', summary: 'Push EAX, ECX, EDX, EBX, original ESP, EBP, ESI, EDI' },
  popa: {
    group: 'data',
    summary: 'Pop all general registers (16 or 32 bit by operand size); the saved SP is discarded',
  },
  popaw: { group: 'data', summary: 'Pop DI, SI, BP, (skip SP), BX, DX, CX, AX' },
  popad: { group: 'data', summary: 'Pop EDI, ESI, EBP, (skip ESP), EBX, EDX, ECX, EAX' },
  lea: { group: 'data', summary: 'Load effective address: dest = offset of the memory operand, no memory access' },
  lds: { group: 'data', summary: 'Load far pointer into DS and the destination register' },
  les: { group: 'data', summary: 'Load far pointer into ES and the destination register' },
  lfs: { group: 'data', summary: 'Load far pointer into FS and the destination register' },
  lgs: { group: 'data', summary: 'Load far pointer into GS and the destination register' },
  lss: {
    group: 'data',
    summary: 'Load far pointer into SS and the destination register (interrupts held off one instruction)',
  },
  cbw: { group: 'data', summary: 'Sign-extend AL into AX' },
  cwde: { group: 'data', summary: 'Sign-extend AX into EAX' },
  cwd: { group: 'data', summary: 'Sign-extend AX into DX:AX' },
  cdq: { group: 'data', summary: 'Sign-extend EAX into EDX:EAX' },
  xlat: { group: 'data', summary: 'Table look-up: AL = byte at DS:[EBX + AL]' },
  xlatb: { group: 'data', summary: 'Table look-up: AL = byte at DS:[EBX + AL]' },
  salc: { group: 'data', summary: 'Set AL from carry: AL = FF when CF = 1, else 00 (undocumented D6)' },
  bswap: { group: 'data', summary: 'Reverse the byte order of a 32-bit register (486+)' },
  nop: {
    group: 'data',
    summary: 'No operation (the encoding of xchg eax, eax)',
    lab: '`lock nop` (F0 90) raises #UD; the kernel answers it with the Kernel Interface Page address in EAX, except on the early i386 model where it runs as a plain NOP.',
  },
  ...conditionFamily('cmov', 'data', (m) => `Move if ${m}; no move otherwise (P6+)`),

  // Flags
  lahf: { group: 'flag', summary: 'Load AH from the low byte of EFLAGS (SF ZF AF PF CF)' },
  sahf: { group: 'flag', summary: 'Store AH into SF ZF AF PF CF' },
  pushf: { group: 'flag', summary: 'Push EFLAGS (16 or 32 bit by operand size)' },
  pushfw: { group: 'flag', summary: 'Push the low 16 bits of EFLAGS' },
  pushfd: { group: 'flag', summary: 'Push EFLAGS with VM and RF cleared' },
  popf: {
    group: 'flag',
    summary: 'Pop EFLAGS (16 or 32 bit by operand size); IOPL and IF change only with enough privilege',
  },
  popfw: { group: 'flag', summary: 'Pop the low 16 bits of EFLAGS' },
  popfd: { group: 'flag', summary: 'Pop EFLAGS; IOPL and IF change only with enough privilege' },
  clc: { group: 'flag', summary: 'Clear the carry flag: CF = 0' },
  stc: { group: 'flag', summary: 'Set the carry flag: CF = 1' },
  cmc: { group: 'flag', summary: 'Complement the carry flag: CF = !CF' },
  cld: { group: 'flag', summary: 'Clear the direction flag: string operations count up' },
  std: { group: 'flag', summary: 'Set the direction flag: string operations count down' },
  cli: { group: 'flag', summary: 'Clear the interrupt flag: maskable interrupts off (needs CPL <= IOPL)' },
  sti: { group: 'flag', summary: 'Set the interrupt flag after the next instruction (needs CPL <= IOPL)' },

  // Arithmetic
  add: { group: 'arithmetic', summary: 'Add: dest = dest + src' },
  adc: { group: 'arithmetic', summary: 'Add with carry: dest = dest + src + CF' },
  sub: { group: 'arithmetic', summary: 'Subtract: dest = dest - src' },
  sbb: { group: 'arithmetic', summary: 'Subtract with borrow: dest = dest - (src + CF)' },
  cmp: { group: 'arithmetic', summary: 'Compare: set flags as for dest - src, keep dest' },
  inc: { group: 'arithmetic', summary: 'Increment: dest = dest + 1, CF unchanged' },
  dec: { group: 'arithmetic', summary: 'Decrement: dest = dest - 1, CF unchanged' },
  neg: { group: 'arithmetic', summary: "Two's complement negation: dest = 0 - dest" },
  mul: { group: 'arithmetic', summary: 'Unsigned multiply into AX, DX:AX or EDX:EAX' },
  imul: {
    group: 'arithmetic',
    summary: 'Signed multiply: one-operand into (E)DX:(E)AX, or truncated two- and three-operand forms',
  },
  div: {
    group: 'arithmetic',
    summary: 'Unsigned divide of AX, DX:AX or EDX:EAX: quotient and remainder; #DE on zero or overflow',
  },
  idiv: {
    group: 'arithmetic',
    summary: 'Signed divide of AX, DX:AX or EDX:EAX: quotient and remainder; #DE on zero or overflow',
  },

  // Logic
  and: { group: 'logic', summary: 'Bitwise AND: dest = dest & src; OF = CF = 0' },
  or: { group: 'logic', summary: 'Bitwise OR: dest = dest | src; OF = CF = 0' },
  xor: { group: 'logic', summary: 'Bitwise exclusive OR: dest = dest ^ src; OF = CF = 0' },
  not: { group: 'logic', summary: "One's complement: dest = ~dest; no flags change" },
  test: { group: 'logic', summary: 'Set flags as for dest & src, keep dest; OF = CF = 0' },

  // Shifts and rotates
  shl: { group: 'shift', summary: 'Shift left; the last bit out goes to CF' },
  sal: { group: 'shift', summary: 'Arithmetic shift left (same operation as shl)' },
  shr: { group: 'shift', summary: 'Logical shift right, zeros in from the top; the last bit out goes to CF' },
  sar: { group: 'shift', summary: 'Arithmetic shift right, the sign bit is copied in; the last bit out goes to CF' },
  rol: { group: 'shift', summary: 'Rotate left; CF = the bit rotated into bit 0' },
  ror: { group: 'shift', summary: 'Rotate right; CF = the bit rotated into the top bit' },
  rcl: { group: 'shift', summary: 'Rotate left through the carry flag' },
  rcr: { group: 'shift', summary: 'Rotate right through the carry flag' },
  shld: { group: 'shift', summary: 'Double-precision shift left: bits from src fill dest from the right' },
  shrd: { group: 'shift', summary: 'Double-precision shift right: bits from src fill dest from the left' },

  // Bit operations
  bt: { group: 'bit', summary: 'Bit test: CF = the selected bit of dest' },
  bts: { group: 'bit', summary: 'Bit test and set: CF = bit, then bit = 1' },
  btr: { group: 'bit', summary: 'Bit test and reset: CF = bit, then bit = 0' },
  btc: { group: 'bit', summary: 'Bit test and complement: CF = bit, then bit = !bit' },
  bsf: { group: 'bit', summary: 'Bit scan forward: dest = index of the lowest set bit of src; ZF = 1 if src is 0' },
  bsr: { group: 'bit', summary: 'Bit scan reverse: dest = index of the highest set bit of src; ZF = 1 if src is 0' },
  ...conditionFamily('set', 'bit', (m) => `Set byte to 1 if ${m}, else to 0`),

  // Control transfer
  jmp: { group: 'control', summary: 'Jump: near relative or indirect, or far through a pointer, call gate or TSS' },
  ...conditionFamily('j', 'control', (m) => `Jump if ${m}`),
  jcxz: { group: 'control', summary: 'Jump short if CX = 0' },
  jecxz: { group: 'control', summary: 'Jump short if ECX = 0' },
  loop: { group: 'control', summary: 'Decrement (E)CX; jump short if it is not 0' },
  loope: { group: 'control', summary: 'Decrement (E)CX; jump short if it is not 0 and ZF = 1' },
  loopz: { group: 'control', summary: 'Decrement (E)CX; jump short if it is not 0 and ZF = 1' },
  loopne: { group: 'control', summary: 'Decrement (E)CX; jump short if it is not 0 and ZF = 0' },
  loopnz: { group: 'control', summary: 'Decrement (E)CX; jump short if it is not 0 and ZF = 0' },
  call: {
    group: 'control',
    summary: 'Push the return address and jump (near, far, or through a call gate)',
    lab: "A far call through the kernel's call gate is one of the system call mechanisms. " + SYSTEM_CALL_NOTE,
  },
  ret: { group: 'control', summary: 'Near return: pop EIP, then release imm16 bytes of arguments' },
  retn: { group: 'control', summary: 'Near return: pop EIP, then release imm16 bytes of arguments' },
  retf: { group: 'control', summary: 'Far return: pop EIP and CS (and ESP/SS when returning to an outer level)' },
  enter: {
    group: 'control',
    summary: 'Make a stack frame: push EBP, copy nesting-level frame pointers, reserve imm16 bytes',
  },
  leave: { group: 'control', summary: 'Release the stack frame: ESP = EBP, pop EBP' },
  int: {
    group: 'control',
    summary: 'Software interrupt through the IDT gate of vector imm8',
    lab: '`int 0x30` is the universal system call of the i386 Lab kernel, on every CPU model. ' + SYSTEM_CALL_NOTE,
  },
  int3: { group: 'control', summary: 'Breakpoint trap (#BP, vector 3), one-byte CC' },
  int1: { group: 'control', summary: 'ICEBP: debug trap (#DB, vector 1) delivered as a hardware event, one-byte F1' },
  icebp: {
    group: 'control',
    summary: 'In-circuit emulator breakpoint (INT1): #DB, vector 1, as a hardware event, one-byte F1',
  },
  int01: { group: 'control', summary: 'INT1 (ICEBP): #DB, vector 1, as a hardware event, one-byte F1' },
  into: { group: 'control', summary: 'Overflow trap (#OF, vector 4) if OF = 1' },
  iret: { group: 'control', summary: 'Return from interrupt: pop EIP, CS, EFLAGS (and ESP, SS to an outer level)' },
  iretw: { group: 'control', summary: 'Return from interrupt with a 16-bit frame' },
  iretd: { group: 'control', summary: 'Return from interrupt with a 32-bit frame' },
  bound: { group: 'control', summary: 'Check a signed index against a bounds pair in memory; #BR when outside' },

  // String operations (SDM Vol.1 7.3.9)
  movsb: { group: 'string', summary: 'Copy byte DS:[ESI] to ES:[EDI], advance both by DF' },
  movsw: { group: 'string', summary: 'Copy word DS:[ESI] to ES:[EDI], advance both by DF' },
  movsd: { group: 'string', summary: 'Copy dword DS:[ESI] to ES:[EDI], advance both by DF' },
  cmpsb: { group: 'string', summary: 'Compare byte DS:[ESI] with ES:[EDI], advance both by DF' },
  cmpsw: { group: 'string', summary: 'Compare word DS:[ESI] with ES:[EDI], advance both by DF' },
  cmpsd: { group: 'string', summary: 'Compare dword DS:[ESI] with ES:[EDI], advance both by DF' },
  scasb: { group: 'string', summary: 'Compare AL with byte ES:[EDI], advance EDI by DF' },
  scasw: { group: 'string', summary: 'Compare AX with word ES:[EDI], advance EDI by DF' },
  scasd: { group: 'string', summary: 'Compare EAX with dword ES:[EDI], advance EDI by DF' },
  lodsb: { group: 'string', summary: 'Load AL from DS:[ESI], advance ESI by DF' },
  lodsw: { group: 'string', summary: 'Load AX from DS:[ESI], advance ESI by DF' },
  lodsd: { group: 'string', summary: 'Load EAX from DS:[ESI], advance ESI by DF' },
  stosb: { group: 'string', summary: 'Store AL to ES:[EDI], advance EDI by DF' },
  stosw: { group: 'string', summary: 'Store AX to ES:[EDI], advance EDI by DF' },
  stosd: { group: 'string', summary: 'Store EAX to ES:[EDI], advance EDI by DF' },

  // Port I/O (SDM Vol.1 18.2: I/O privilege level and permission bit map)
  in: { group: 'io', summary: 'Read AL, AX or EAX from an I/O port (imm8 or DX)' },
  out: { group: 'io', summary: 'Write AL, AX or EAX to an I/O port (imm8 or DX)' },
  insb: { group: 'io', summary: 'Read a byte from port DX into ES:[EDI], advance EDI by DF' },
  insw: { group: 'io', summary: 'Read a word from port DX into ES:[EDI], advance EDI by DF' },
  insd: { group: 'io', summary: 'Read a dword from port DX into ES:[EDI], advance EDI by DF' },
  outsb: { group: 'io', summary: 'Write the byte at DS:[ESI] to port DX, advance ESI by DF' },
  outsw: { group: 'io', summary: 'Write the word at DS:[ESI] to port DX, advance ESI by DF' },
  outsd: { group: 'io', summary: 'Write the dword at DS:[ESI] to port DX, advance ESI by DF' },

  // Decimal arithmetic
  daa: { group: 'bcd', summary: 'Decimal adjust AL after packed BCD addition' },
  das: { group: 'bcd', summary: 'Decimal adjust AL after packed BCD subtraction' },
  aaa: { group: 'bcd', summary: 'ASCII adjust AL (and AH) after unpacked BCD addition' },
  aas: { group: 'bcd', summary: 'ASCII adjust AL (and AH) after unpacked BCD subtraction' },
  aam: { group: 'bcd', summary: 'ASCII adjust after multiply: AH = AL / base, AL = AL mod base (base 10 by default)' },
  aad: { group: 'bcd', summary: 'ASCII adjust before divide: AL = AH * base + AL, AH = 0 (base 10 by default)' },

  // Synchronisation and atomics
  xadd: { group: 'sync', summary: 'Exchange and add: tmp = dest + src, src = dest, dest = tmp (486+)' },
  cmpxchg: {
    group: 'sync',
    summary: 'Compare (E)AX/AL with dest: if equal dest = src, else accumulator = dest (486+)',
  },
  cmpxchg8b: {
    group: 'sync',
    summary: 'Compare EDX:EAX with the qword at dest: if equal store ECX:EBX, else load it into EDX:EAX (Pentium+)',
  },
  wait: {
    group: 'sync',
    summary: 'Wait until the floating-point unit is idle (no FPU here: #NM only when CR0.MP and TS are set)',
  },
  fwait: {
    group: 'sync',
    summary: 'Wait until the floating-point unit is idle (no FPU here: #NM only when CR0.MP and TS are set)',
  },

  // System
  hlt: { group: 'system', summary: 'Halt until the next interrupt (CPL 0 only)' },
  lgdt: { group: 'system', summary: 'Load the GDT register from a 6-byte pseudo-descriptor (CPL 0)' },
  lidt: { group: 'system', summary: 'Load the IDT register from a 6-byte pseudo-descriptor (CPL 0)' },
  sgdt: { group: 'system', summary: 'Store the GDT register as a 6-byte pseudo-descriptor' },
  sidt: { group: 'system', summary: 'Store the IDT register as a 6-byte pseudo-descriptor' },
  lldt: { group: 'system', summary: 'Load the LDT register from a GDT selector (CPL 0)' },
  sldt: { group: 'system', summary: 'Store the LDT selector' },
  ltr: { group: 'system', summary: 'Load the task register from a TSS selector and mark the TSS busy (CPL 0)' },
  str: { group: 'system', summary: 'Store the task register selector' },
  lmsw: { group: 'system', summary: 'Load the machine status word (CR0 bits 0-3; PE cannot be cleared)' },
  smsw: { group: 'system', summary: 'Store the machine status word (low bits of CR0)' },
  clts: { group: 'system', summary: 'Clear CR0.TS, the task-switched flag (CPL 0)' },
  arpl: { group: 'system', summary: "Adjust RPL: raise dest selector's RPL to src's; ZF = 1 if it changed" },
  lar: {
    group: 'system',
    summary: 'Load the access rights of a descriptor; ZF = 1 if the selector is valid and visible',
  },
  lsl: {
    group: 'system',
    summary: 'Load the segment limit of a descriptor; ZF = 1 if the selector is valid and visible',
  },
  verr: { group: 'system', summary: 'Verify a segment is readable at the current privilege: ZF = 1 if so' },
  verw: { group: 'system', summary: 'Verify a segment is writable at the current privilege: ZF = 1 if so' },
  invd: { group: 'system', summary: 'Invalidate the caches without write-back (486+, CPL 0)' },
  wbinvd: { group: 'system', summary: 'Write back and invalidate the caches (486+, CPL 0)' },
  invlpg: { group: 'system', summary: 'Invalidate the TLB entry of the page holding the operand (486+, CPL 0)' },
  cpuid: {
    group: 'system',
    summary: 'CPU identification: leaf EAX into EAX, EBX, ECX, EDX',
    lab: "Reports the selected CPU model's vendor, signature and feature bits; models without CPUID raise #UD.",
  },
  rdtsc: { group: 'system', summary: 'Read the time-stamp counter into EDX:EAX (Pentium+)' },
  rdmsr: { group: 'system', summary: 'Read model-specific register ECX into EDX:EAX (Pentium+, CPL 0)' },
  wrmsr: { group: 'system', summary: 'Write EDX:EAX to model-specific register ECX (Pentium+, CPL 0)' },
  sysenter: {
    group: 'system',
    summary: 'Fast system call to CPL 0: CS, EIP, ESP from the SYSENTER MSRs (Pentium II+)',
    lab:
      'Runs on pentium-ii and athlon; pentium-pro reports SEP in CPUID but raises #UD, which is why the kernel checks the CPUID signature. ' +
      SYSTEM_CALL_NOTE,
  },
  sysexit: {
    group: 'system',
    summary: 'Fast return to CPL 3: CS from SYSENTER_CS + 16, EIP = EDX, ESP = ECX (Pentium II+)',
    lab: 'The kernel returns with it from a sysenter system call.',
  },
  syscall: {
    group: 'system',
    summary: 'AMD fast system call: ECX = return EIP, CS and EIP from STAR (K6-2+, needs EFER.SCE)',
    lab: 'Runs on k6-2 and athlon once the kernel has set EFER.SCE. ' + SYSTEM_CALL_NOTE,
  },
  sysret: {
    group: 'system',
    summary: 'AMD fast return: EIP = ECX, CS from STAR[63:48] at CPL 3 (K6-2+)',
    lab: 'The kernel returns with it from a syscall system call.',
  },
  ud2: { group: 'system', summary: 'Raise the invalid-opcode exception #UD on purpose (P6+)' },
  // x87 (fpu/mnemonics.ts)
  ...FPU_MNEMONIC_INFO,
  // MMX, 3DNow!, AMD's MMX extensions (mmxMnemonics.ts)
  ...MMX_MNEMONIC_INFO,
};
