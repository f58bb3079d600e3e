// Privilege helpers of the system layer: supervisor-mode accesses to system structures and
// the TSS I/O permission bitmap (SDM Vol.1 18.5.2).

import type { Cpu } from '../cpu';

/** Reads a dword as the processor does for its own structures (supervisor access). */
export function systemRead32(cpu: Cpu, linear: number): number {
  const saved = cpu.systemAccess;
  cpu.systemAccess = true;
  try {
    return cpu.readLinear32(linear);
  } finally {
    cpu.systemAccess = saved;
  }
}

export function systemRead16(cpu: Cpu, linear: number): number {
  const saved = cpu.systemAccess;
  cpu.systemAccess = true;
  try {
    return cpu.readLinear16(linear);
  } finally {
    cpu.systemAccess = saved;
  }
}

export function systemWrite32(cpu: Cpu, linear: number, value: number): void {
  const saved = cpu.systemAccess;
  cpu.systemAccess = true;
  try {
    cpu.writeLinear32(linear, value);
  } finally {
    cpu.systemAccess = saved;
  }
}

export function systemWrite16(cpu: Cpu, linear: number, value: number): void {
  const saved = cpu.systemAccess;
  cpu.systemAccess = true;
  try {
    cpu.writeLinear16(linear, value);
  } finally {
    cpu.systemAccess = saved;
  }
}

export function systemWrite8(cpu: Cpu, linear: number, value: number): void {
  const saved = cpu.systemAccess;
  cpu.systemAccess = true;
  try {
    cpu.writeLinear8(linear, value);
  } finally {
    cpu.systemAccess = saved;
  }
}

/**
 * SDM Vol.1 18.5.2: with CPL > IOPL (or in virtual-8086 mode) an I/O access is allowed when
 * every bit for its ports in the 32-bit TSS's I/O permission bitmap is clear. A 16-bit TSS,
 * a TSS too short to hold the map base, or bits beyond the TSS limit deny.
 */
export function ioBitmapAllows(cpu: Cpu, port: number, bytes: number): boolean {
  if (cpu.taskType !== 32 || cpu.taskLimit < 0x67) return false;
  const mapBase = systemRead16(cpu, cpu.taskBase + 0x66);
  const at = mapBase + (port >>> 3);
  if (at + 1 > cpu.taskLimit) return false;
  const bits = systemRead16(cpu, cpu.taskBase + at);
  const mask = ((1 << bytes) - 1) << (port & 7);
  return (bits & mask) === 0;
}
