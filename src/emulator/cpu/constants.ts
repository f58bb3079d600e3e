// The processor's fixed numbers, in a module of their own so that cpu.ts and the system/
// files that cpu.ts imports can both use them without an import cycle. cpu.ts re-exports them.

import { SEGMENT_REGISTERS } from '../../isa/mnemonics';

/** Segment register numbers, in ModRM/prefix order. */
export const ES = 0,
  CS = 1,
  SS = 2,
  DS = 3,
  FS = 4,
  GS = 5;
/** Their names, indexed by those numbers (mnemonics.ts lists segment registers in sreg order). */
export const SEGMENT_NAMES: readonly string[] = SEGMENT_REGISTERS;
if (SEGMENT_NAMES.length !== 6)
  throw new Error(`mnemonics.ts REGISTER_INFO lists ${SEGMENT_NAMES.length} segment registers, not 6`);
/** General register numbers (hardware order). */
export const EAX = 0,
  ECX = 1,
  EDX = 2,
  EBX = 3,
  ESP = 4,
  EBP = 5,
  ESI = 6,
  EDI = 7;

/** Descriptor-cache attribute bits, as in bits 8..23 of a descriptor's high dword. */
export const ATTR_ACCESSED = 0x100;
export const ATTR_WRITABLE = 0x200; // data: writable; code: readable
export const ATTR_EXPAND_DOWN = 0x400; // data: expand-down; code: conforming
export const ATTR_CODE = 0x800;
export const ATTR_S = 0x1000; // code/data (not system)
export const ATTR_PRESENT = 0x8000;
export const ATTR_DB = 0x400000; // default operand/address size, stack size
export const ATTR_G = 0x800000;

export const CR0_PE = 1,
  CR0_MP = 2,
  CR0_EM = 4,
  CR0_TS = 8,
  CR0_ET = 0x10,
  CR0_NE = 0x20;
export const CR0_WP = 0x10000,
  CR0_AM = 0x40000,
  CR0_NW = 0x20000000,
  CR0_CD = 0x40000000;
export const CR0_PG = 0x80000000 | 0;

/** Why the interpreter stopped; `run` turns it into a StopInfo. */
export const enum StopReason {
  None = 0,
  Halt = 1,
  Exception = 2,
  Shutdown = 3,
  Unimplemented = 4,
  InternalError = 5,
  /**
   * An event may be due (IF or TF set, a PIC line unmasked, STI): the machine looks for
   * pending interrupts and single-step traps before running on. Never reported.
   */
  Event = 6,
  /**
   * A data access hit a watched linear range (setWatchpoints); the instruction completed and
   * EIP is after it (or still on a REP string instruction with iterations left). The access
   * is in `watchHit`.
   */
  Watchpoint = 7,
}

/** Attribute bits 13-14 (a descriptor's high dword bits 13-14) hold the DPL (SDM Vol.3 3.4.5). */
export const ATTR_DPL_SHIFT = 13;
/** The DPL field of descriptor attributes or of a descriptor's high dword. */
export function dplOf(attrOrHigh: number): number {
  return (attrOrHigh >>> ATTR_DPL_SHIFT) & 3;
}

/** `exceptionVector` when no exception is being raised. */
export const NO_EXCEPTION = -1;
/**
 * `exceptionVector` when the instruction stopped on a feature the emulator does not have
 * (Cpu.unimplemented): the run stops with StopReason.Unimplemented instead of delivering.
 */
export const UNIMPLEMENTED_VECTOR = -2;
