// Which rows of the instruction table the vectors run, which they skip and why, and how
// vectors are grouped into files (one family of mnemonics per file).

import type { InstructionForm } from '../../src/isa/isa';
import { FPU_EXECS } from '../../src/emulator/cpu/fpu';
import { MMX_ALL_EXECS } from '../../src/emulator/cpu/mmx';

/**
 * Rows the vectors do not run, by executor name, and why. Their LOCK-prefixed form is still
 * checked (LOCK on them raises #UD before anything else) unless listed in NO_LOCK_CHECK.
 */
export const SKIPPED: Readonly<Record<string, string>> = {
  pushSeg: "segment selector values are Linux's, not the flat emulator's",
  popSeg: 'loads a segment register from a Linux selector',
  movFromSeg: "segment selector values are Linux's, not the flat emulator's",
  movToSeg: 'loads a segment register from a Linux selector',
  loadFarPointer: 'loads a segment register from a Linux selector',
  callFar: 'loads CS from a Linux selector',
  jmpFar: 'loads CS from a Linux selector',
  retFar: 'loads CS from a Linux selector',
  iret: "loads CS and EFLAGS.IF/IOPL under Linux's CPL 3",
  in: 'I/O port access: #GP at CPL 3 natively, the emulator runs these cases at its own CPL',
  out: 'I/O port access (as in)',
  ins: 'I/O port access (as in)',
  outs: 'I/O port access (as in)',
  hlt: 'privileged (and ends every native case)',
  cli: 'IF is privileged (IOPL 0 at CPL 3 on Linux)',
  sti: 'IF is privileged (IOPL 0 at CPL 3 on Linux)',
  clts: 'privileged',
  lgdt: 'privileged',
  lidt: 'privileged',
  lldt: 'privileged',
  ltr: 'privileged',
  lmsw: 'privileged',
  invd: 'privileged',
  wbinvd: 'privileged',
  invlpg: 'privileged',
  wrmsr: 'privileged',
  rdmsr: 'privileged',
  movFromControl: 'privileged',
  movToControl: 'privileged',
  movFromDebug: 'privileged',
  movToDebug: 'privileged',
  movFromTest: 'privileged, and absent after the 486',
  movToTest: 'privileged, and absent after the 486',
  sldt: 'system state (and UMIP on the host)',
  str: 'system state (and UMIP on the host)',
  sgdt: 'system state (and UMIP on the host)',
  sidt: 'system state (and UMIP on the host)',
  smsw: 'system state (and UMIP on the host)',
  lar: "depends on Linux's descriptor tables",
  lsl: "depends on Linux's descriptor tables",
  verr: "depends on Linux's descriptor tables",
  verw: "depends on Linux's descriptor tables",
  syscall: 'system call entry: kernel-defined',
  sysret: 'privileged',
  sysenter: 'system call entry: kernel-defined',
  sysexit: 'privileged',
  cpuid: 'model-dependent',
  rdtsc: 'model-dependent (time)',
  int1: 'Linux reports INT1 as a debug trap (SIGTRAP, trap 1) that the native harness does not map to a vector',
  // The x87 rows depend on the FPU's state, which these cases do not set up: they have their
  // own host-recorded vectors (scripts/vectors/fpu, test/vectors/fpu).
  ...Object.fromEntries(Object.keys(FPU_EXECS).map((name) => [name, 'x87: own host vectors in test/vectors/fpu'])),
  // MMX, 3DNow! and AMD's MMX extensions read and write MM registers these cases do not set up
  // (and MASKMOVQ stores through DS:EDI): they have their own vectors (scripts/vectors/mmx).
  ...Object.fromEntries(
    Object.keys(MMX_ALL_EXECS).map((name) => [name, 'MMX/3DNow!: own vectors in test/vectors/mmx']),
  ),
};

/** Skipped rows whose LOCK form is not checked either, and why. */
export const NO_LOCK_CHECK: ReadonlySet<string> = new Set([
  'movFromControl',
  'movToControl', // AMD decodes LOCK MOV CR0 as MOV CR8
  'movFromDebug',
  'movToDebug',
  'movFromTest',
  'movToTest',
  'loadFarPointer', // C4/C5: VEX
  'syscall',
  'sysret',
  'sysenter',
  'sysexit',
  // The AMD EPYC host executes LOCK VERW m16 without #UD (the register form does raise #UD),
  // against SDM Vol.2 VERW and AMD APM Vol.3 1.2.5: the host is no oracle for it.
  'verw',
  // x87: LOCK is #UD on every form; the LOCK case builder does not lay out x87 operands.
  ...Object.keys(FPU_EXECS),
]);

/** Executors whose instructions use the stack implicitly. */
export const STACK_EXECS: ReadonlySet<string> = new Set([
  'push',
  'pop',
  'pusha',
  'popa',
  'pushf',
  'popf',
  'call',
  'ret',
  'enter',
  'leave',
]);
/** Executors whose target is relative to EIP or taken from an operand. */
export const BRANCH_EXECS: ReadonlySet<string> = new Set([
  'jcc',
  'jmp',
  'call',
  'ret',
  'loop',
  'loope',
  'loopne',
  'jcxz',
]);
export const STRING_EXECS: ReadonlySet<string> = new Set(['movs', 'cmps', 'stos', 'lods', 'scas']);

/** Family name of a row: the file its vectors go to. */
export function familyOf(form: InstructionForm): string {
  switch (form.exec) {
    case 'jcc':
      return 'jcc';
    case 'setcc':
      return 'setcc';
    case 'cmovcc':
      return 'cmovcc';
    case 'rol':
    case 'ror':
    case 'rcl':
    case 'rcr':
      return 'rotate';
    case 'shl':
    case 'shr':
    case 'sar':
      return 'shift';
    case 'shld':
    case 'shrd':
      return 'shld-shrd';
    case 'add':
    case 'adc':
    case 'sub':
    case 'sbb':
    case 'cmp':
    case 'neg':
      return 'arith';
    case 'and':
    case 'or':
    case 'xor':
    case 'test':
    case 'not':
      return 'logic';
    case 'inc':
    case 'dec':
      return 'incdec';
    case 'mul':
    case 'imul1':
    case 'imul2':
    case 'imul3':
      return 'multiply';
    case 'div':
    case 'idiv':
      return 'divide';
    case 'daa':
    case 'das':
    case 'aaa':
    case 'aas':
    case 'aam':
    case 'aad':
      return 'bcd';
    case 'bt':
    case 'bts':
    case 'btr':
    case 'btc':
    case 'bsf':
    case 'bsr':
      return 'bits';
    case 'movs':
    case 'cmps':
    case 'stos':
    case 'lods':
    case 'scas':
      return 'string';
    case 'push':
    case 'pop':
    case 'pusha':
    case 'popa':
    case 'pushf':
    case 'popf':
    case 'enter':
    case 'leave':
      return 'stack';
    case 'jmp':
    case 'call':
    case 'ret':
    case 'loop':
    case 'loope':
    case 'loopne':
    case 'jcxz':
      return 'branch';
    case 'cmpxchg':
    case 'cmpxchg8b':
    case 'xadd':
    case 'xchg':
    case 'bswap':
      return 'exchange';
    case 'int3':
    case 'int1':
    case 'int':
    case 'into':
    case 'bound':
    case 'ud2':
      return 'interrupt';
    default:
      return 'misc';
  }
}
