// Exception vectors (SDM Vol.3 6.3.1, Table 6-1) and the one object thrown to unwind a
// faulting instruction. Faults are rare, so unwinding by `throw` keeps every fast path free
// of "did it fault?" checks; the interpreter catches it around the block loop.

export const enum Vector {
  DE = 0, // divide error
  DB = 1, // debug
  NMI = 2,
  BP = 3, // INT3
  OF = 4, // INTO
  BR = 5, // BOUND range exceeded
  UD = 6, // invalid opcode
  NM = 7, // device not available
  DF = 8, // double fault
  TS = 10, // invalid TSS
  NP = 11, // segment not present
  SS = 12, // stack-segment fault
  GP = 13, // general protection
  PF = 14, // page fault
  MF = 16, // x87 floating-point error
  AC = 17, // alignment check
}

/** SDM Vol.3 6.3.1, Table 6-1: each exception's mnemonic and description (debugger, CLI). */
export const EXCEPTION_INFO: Readonly<Record<number, { mnemonic: string; description: string }>> = {
  0: { mnemonic: '#DE', description: 'divide error' },
  1: { mnemonic: '#DB', description: 'debug exception' },
  2: { mnemonic: 'NMI', description: 'non-maskable interrupt' },
  3: { mnemonic: '#BP', description: 'breakpoint (INT3)' },
  4: { mnemonic: '#OF', description: 'overflow (INTO)' },
  5: { mnemonic: '#BR', description: 'BOUND range exceeded' },
  6: { mnemonic: '#UD', description: 'invalid opcode' },
  7: { mnemonic: '#NM', description: 'device not available' },
  8: { mnemonic: '#DF', description: 'double fault' },
  9: { mnemonic: '#MP', description: 'coprocessor segment overrun' },
  10: { mnemonic: '#TS', description: 'invalid TSS' },
  11: { mnemonic: '#NP', description: 'segment not present' },
  12: { mnemonic: '#SS', description: 'stack-segment fault' },
  13: { mnemonic: '#GP', description: 'general protection' },
  14: { mnemonic: '#PF', description: 'page fault' },
  16: { mnemonic: '#MF', description: 'x87 floating-point error' },
  17: { mnemonic: '#AC', description: 'alignment check' },
  18: { mnemonic: '#MC', description: 'machine check' },
  19: { mnemonic: '#XM', description: 'SIMD floating-point exception' },
};

/** SDM Vol.3 Table 6-1: the vectors that push an error code. */
export function hasErrorCode(vector: number): boolean {
  return vector === 8 || (vector >= 10 && vector <= 14) || vector === 17;
}

/** Thrown (a single preallocated instance) when an instruction faults; the CPU holds the details. */
export class CpuFault {
  readonly name = 'CpuFault';
}

export const CPU_FAULT = new CpuFault();
