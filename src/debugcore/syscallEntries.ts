// Where each system-call instruction enters the kernel, read from the machine as the CPU
// would read it (not from the kernel's symbols), for the "system call entry" filter: the
// SYSENTER target, the legacy-mode SYSCALL target and the targets of the DPL 3 call gates in
// the GDT. `int 0x30` needs none: the CPU offers it to the debugger before delivery.

import type { Cpu } from '../emulator';
import type { GuestMemory } from './guestMemory';

export type EntryMechanism = 'callgate' | 'sysenter' | 'syscall';

export interface SyscallEntryPoint {
  /** Linear address of the kernel's first instruction after the transfer. */
  address: number;
  mechanism: EntryMechanism;
}

/** System descriptor type 0xC: a 32-bit call gate (SDM Vol.3 Table 3-2). */
const CALL_GATE_32 = 0xc;
const EFER_SCE = 1;

export function syscallEntryPoints(cpu: Cpu, guest: GuestMemory): SyscallEntryPoint[] {
  const list: SyscallEntryPoint[] = [];
  // SDM Vol.2B SYSENTER: #GP(0) while IA32_SYSENTER_CS[15:2] is 0; otherwise EIP is loaded
  // from IA32_SYSENTER_EIP (and CS from IA32_SYSENTER_CS, flat, base 0).
  if (cpu.model.features.has('sep') && (cpu.sysenterCs & 0xfffc) !== 0)
    list.push({ address: cpu.sysenterEip >>> 0, mechanism: 'sysenter' });
  // AMD APM Vol.3 SYSCALL: #UD unless EFER.SCE; outside long mode EIP = STAR[31:0] (CS base 0).
  if (cpu.model.features.has('syscall') && (cpu.efer & EFER_SCE) !== 0)
    list.push({ address: cpu.star >>> 0, mechanism: 'syscall' });
  // SDM Vol.3 5.8.3/5.8.6: a far CALL through a call gate enters at the gate's offset in the
  // code segment its selector names; ring 3 may use only gates with DPL 3.
  if (cpu.protectedMode) {
    const entries = Math.min(Math.floor((cpu.gdtLimit + 1) / 8), 8192);
    for (let i = 1; i < entries; i++) {
      const low = guest.readValue(cpu.gdtBase + i * 8, 4);
      const high = guest.readValue(cpu.gdtBase + i * 8 + 4, 4);
      if (low === undefined || high === undefined) break;
      const present = (high & 0x8000) !== 0;
      const dpl = (high >>> 13) & 3;
      if (!present || dpl !== 3 || ((high >>> 8) & 0x1f) !== CALL_GATE_32) continue;
      const selector = low >>> 16;
      const offset = ((low & 0xffff) | (high & 0xffff0000)) >>> 0;
      const base = segmentBase(cpu, guest, selector);
      if (base !== undefined) list.push({ address: (base + offset) >>> 0, mechanism: 'callgate' });
    }
  }
  return list;
}

/** The base of the GDT code segment `selector` names (SDM Vol.3 3.4.5), or undefined. */
function segmentBase(cpu: Cpu, guest: GuestMemory, selector: number): number | undefined {
  if ((selector & 4) !== 0 || (selector & ~7) + 7 > cpu.gdtLimit) return undefined;
  const low = guest.readValue(cpu.gdtBase + (selector & ~7), 4);
  const high = guest.readValue(cpu.gdtBase + (selector & ~7) + 4, 4);
  if (low === undefined || high === undefined) return undefined;
  return ((low >>> 16) | ((high & 0xff) << 16) | (high & 0xff000000)) >>> 0;
}
