// Memory layout and record formats shared by the native harness (harness.asm), the generator
// and the replay tests. The addresses are linear addresses in both worlds: the harness maps
// them in its own process, the emulator uses them in a flat 16 MiB memory.

/** The instruction under test always starts here; the 64 KiB around it is filled with HLT. */
export const EXEC_BASE = 0x00400000;
export const EXEC_SIZE = 0x10000;
export const EXEC_ENTRY = 0x00408000;

/** Memory windows: the only memory a case may read or write. */
export const WINDOW_SIZE = 64;
export const DATA32_WINDOW = 0x00200800; // target of 32-bit address forms
export const DATA16_WINDOW = 0x00008800; // target of 16-bit address forms (below 64 KiB)
export const STACK_WINDOW = 0x00300800; // the stack; ESP starts in its middle
export const STACK_TOP = STACK_WINDOW + 32;

export type WindowName = 'data32' | 'data16' | 'stack';
export const WINDOWS: readonly { name: WindowName; address: number }[] = [
  { name: 'data32', address: DATA32_WINDOW },
  { name: 'data16', address: DATA16_WINDOW },
  { name: 'stack', address: STACK_WINDOW },
];

/**
 * The harness itself (code, data and its signal stack, linked at 0x100000). No case starts
 * with ESP in here, so that nothing the instruction pushes can land on the harness.
 */
export const HARNESS_START = 0x000ff000;
export const HARNESS_END = 0x00120000;

/** Both record kinds are 256 bytes, little endian. */
export const RECORD_SIZE = 256;
export const MAX_INSTRUCTION_LENGTH = 16;

/** Input record offsets (harness.asm IN_*). */
export const IN = { regs: 0, eflags: 32, length: 36, bytes: 40, data32: 56, data16: 120, stack: 184 } as const;
/** Result record offsets (harness.asm OUT_*). */
export const OUT = {
  regs: 0,
  eflags: 32,
  eip: 36,
  trapno: 40,
  err: 44,
  signal: 48,
  cr2: 52,
  data32: 56,
  data16: 120,
  stack: 184,
} as const;

/** EFLAGS bits a vector compares: the six arithmetic flags and DF. */
export const EFLAGS_COMPARED = 0x0cd5;
/** Bits every input EFLAGS carries: reserved bit 1 and IF (user code always runs with IF=1). */
export const EFLAGS_FIXED = 0x0202;
