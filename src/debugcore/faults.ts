// CPU exceptions as the debugger shows them: names, decoded error codes, and the exception
// filters a user can stop on (the exception breakpoint filters).

import { EXCEPTION_INFO, Vector } from '../emulator';

export function vectorMnemonic(vector: number): string {
  return EXCEPTION_INFO[vector]?.mnemonic ?? `INT ${vector}`;
}

export function vectorDescription(vector: number): string {
  return EXCEPTION_INFO[vector]?.description ?? `software interrupt 0x${vector.toString(16)}`;
}

/** Vectors below 32 that the CPU raises itself (not `int n` traps from the program). */
export function isCpuException(vector: number): boolean {
  return vector < 32 && vector !== 3 && vector !== 4;
}

/**
 * Decodes an error code. SDM Vol.3 6.13: selector error codes (#TS #NP #SS #GP) carry EXT
 * (bit 0), IDT (bit 1), TI (bit 2) and the selector index (bits 3-15). SDM Vol.3 4.7: the #PF
 * error code carries P (bit 0), W/R (bit 1), U/S (bit 2), RSVD (bit 3), I/D (bit 4).
 */
export function describeErrorCode(vector: number, errorCode: number, cr2?: number): string {
  if (vector === Vector.PF) {
    const parts = [
      errorCode & 1 ? 'protection violation (P=1)' : 'page not present (P=0)',
      errorCode & 2 ? 'write (W=1)' : 'read (W=0)',
      errorCode & 4 ? 'user mode (U=1)' : 'supervisor mode (U=0)',
    ];
    if (errorCode & 8) parts.push('reserved bit set (RSVD=1)');
    if (errorCode & 16) parts.push('instruction fetch (I/D=1)');
    if (cr2 !== undefined) parts.push(`CR2=0x${hex32(cr2)}`);
    return parts.join(', ');
  }
  if (vector === Vector.DF || vector === Vector.AC) return `error code ${errorCode} (always 0)`;
  if (vector >= Vector.TS && vector <= Vector.GP) {
    if (errorCode === 0) return 'error code 0 (no selector: a null selector, a limit or a general check)';
    const index = errorCode >>> 3;
    const table = errorCode & 2 ? 'IDT' : errorCode & 4 ? 'LDT' : 'GDT';
    const parts = [
      errorCode & 2
        ? `IDT vector ${index}`
        : `selector 0x${(errorCode & 0xfffc).toString(16).padStart(4, '0')} (${table} index ${index})`,
    ];
    if (errorCode & 1) parts.push('EXT=1 (during delivery of an external event)');
    return parts.join(', ');
  }
  return `error code 0x${errorCode.toString(16)}`;
}

export function hex32(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}

/** The exception filters of the issue, as stable ids. */
export type ExceptionFilterId =
  'lock-nop' | 'ud' | 'gp' | 'pf' | 'de' | 'any' | 'syscall' | 'user-fault' | 'triple-fault';

export interface ExceptionFilterInfo {
  id: ExceptionFilterId;
  label: string;
  description: string;
  /** The filter is on unless the user turns it off. */
  default: boolean;
  /** Whether the filter is meaningful without the kernel (bare mode). */
  bare: boolean;
}

export const EXCEPTION_FILTERS: readonly ExceptionFilterInfo[] = [
  {
    id: 'lock-nop',
    label: 'lock nop (kernel interface query)',
    description: '#UD raised by the bytes F0 90 (lock nop): the L4-style question "how do I make a system call?"',
    default: true,
    bare: true,
  },
  {
    id: 'ud',
    label: '#UD invalid opcode',
    description: 'Any invalid-opcode fault other than lock nop',
    default: true,
    bare: true,
  },
  { id: 'gp', label: '#GP general protection', description: 'General-protection faults', default: true, bare: true },
  {
    id: 'pf',
    label: '#PF page fault',
    description: 'Page faults (with CR2 and the P/W/U error-code bits decoded)',
    default: false,
    bare: true,
  },
  {
    id: 'de',
    label: '#DE divide error',
    description: 'Division by zero or quotient overflow',
    default: true,
    bare: true,
  },
  {
    id: 'any',
    label: 'any CPU exception',
    description: 'Every exception the CPU raises (vectors 0-31 except INT3/INTO)',
    default: false,
    bare: true,
  },
  {
    id: 'syscall',
    label: 'system call entry',
    description:
      'Entry into the kernel through int 0x30, the call gate, sysenter or syscall; the condition sees the syscall number as eax',
    default: false,
    bare: false,
  },
  {
    id: 'user-fault',
    label: 'user fault ending a thread',
    description: 'A fault in user mode that the kernel answers by ending the thread',
    default: true,
    bare: false,
  },
  {
    id: 'triple-fault',
    label: 'triple fault',
    description: 'The processor shuts down (an exception while delivering a double fault)',
    default: true,
    bare: true,
  },
];

export interface FaultEvent {
  vector: number;
  errorCode?: number;
  /** EIP of the faulting instruction (the first prefix byte for faults). */
  eip: number;
  /** The faulting bytes are F0 90 (lock nop). */
  lockNop: boolean;
  /** The fault happened in user mode (CPL 3). */
  user?: boolean;
  /** A software interrupt to the kernel's system-call vector (int 0x30). */
  syscall?: boolean;
  /**
   * The kernel answers the fault and the thread goes on: #NM (the lazy FPU switch) on a
   * model with an FPU, a #PF on a demand-paged page of a Linux process's memory, a write #PF
   * on a page fork shares (copy-on-write).
   */
  answered?: boolean;
}

/** Which filters an exception matches, most specific first. */
export function matchingFilters(fault: FaultEvent): ExceptionFilterId[] {
  const ids: ExceptionFilterId[] = [];
  if (fault.vector === Vector.UD && fault.lockNop) ids.push('lock-nop');
  else if (fault.vector === Vector.UD) ids.push('ud');
  if (fault.vector === Vector.GP) ids.push('gp');
  if (fault.vector === Vector.PF) ids.push('pf');
  if (fault.vector === Vector.DE) ids.push('de');
  if (isCpuException(fault.vector)) ids.push('any');
  // The kernel answers lock nop, #NM, demand-paging and copy-on-write faults; any other fault in user mode
  // ends the faulting thread.
  if (fault.user && isCpuException(fault.vector) && !fault.lockNop && !fault.answered) ids.push('user-fault');
  if (fault.syscall) ids.push('syscall');
  return ids;
}
