// The golden vector format (test/vectors/*.json) and the flag mask rule derived from the
// instruction table.

import { FLAG_BITS, flagMask, type InstructionForm } from '../../src/isa/isa';

export interface MachineState {
  /** EAX ECX EDX EBX ESP EBP ESI EDI, unsigned. */
  regs: number[];
  eflags: number;
  /** [linear address, hex bytes] */
  mem: [number, string][];
}

export interface Vector {
  /** NASM-style text of the instruction, for messages. */
  asm: string;
  /** Instruction bytes, hex. */
  bytes: string;
  opsize: 16 | 32;
  /** Input state; the instruction starts at `eip`. */
  in: MachineState & { eip: number };
  /**
   * State after the instruction (or at the fault). `mem` lists only the windows whose bytes
   * changed; every other window of `in.mem` must be unchanged.
   */
  out: MachineState & { eip: number; fault?: { vector: number; errorCode: number } };
  /** EFLAGS bits not compared (undefined after this instruction with these inputs). */
  flagMask: number;
}

/** A file of test/vectors/: one mnemonic family. */
export interface VectorFile {
  family: string;
  /** Which CPU produced the file (from /proc/cpuinfo), for the record. */
  cpu: string;
  vectors: Vector[];
}

/**
 * The EFLAGS bits left undefined by `form` for one execution (SDM Vol.2, each instruction's
 * "Flags Affected"). `count` is the raw shift/rotate count operand; `width` the operand width.
 * For count-dependent forms (SDM Vol.2 SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR, SHLD/SHRD):
 * - a masked count of 0 affects no flag, so nothing is masked;
 * - OF is defined only for a masked count of 1;
 * - SHL/SHR (not SAR, not the rotates) leave CF undefined when the count is at least the
 *   operand width.
 */
export function undefinedFlags(form: InstructionForm, count?: number, width?: number): number {
  const effect = form.flags;
  if (!effect) return 0;
  let mask = flagMask(effect.undefined);
  if (effect.countDependent && count !== undefined) {
    const masked = count & 0x1f;
    if (masked === 0) return 0;
    if (masked !== 1) mask |= FLAG_BITS.o;
    const logicalShift = form.exec === 'shl' || form.exec === 'shr';
    if (logicalShift && width !== undefined && masked >= width) mask |= FLAG_BITS.c;
  }
  return mask;
}
