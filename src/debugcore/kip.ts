// OS awareness: the Kernel Interface Page decoded through the ABI file the kernel itself is
// built from (src/kernel/abi.ts), so the field offsets are written once.

import { CPU_FLAG, KIP, MECHANISM_NAMES } from '../kernel/abi';
import { hex32 } from './faults';
import type { GuestMemory } from './guestMemory';

export interface KipField {
  name: string;
  value: string;
}

/** The KIP at `address` field by field, or an explanation when it is not a KIP. */
export function decodeKip(
  guest: GuestMemory,
  address: number,
): { ok: true; fields: KipField[] } | { ok: false; message: string } {
  const dword = (offset: number): number | undefined => guest.readValue(address + offset, 4);
  const magic = dword(KIP.MAGIC);
  if (magic === undefined) return { ok: false, message: `0x${hex32(address)} is not mapped` };
  if (magic !== KIP.MAGIC_VALUE)
    return {
      ok: false,
      message: `no KIP at 0x${hex32(address)}: magic is 0x${hex32(magic)}, expected 0x${hex32(KIP.MAGIC_VALUE)} ("KIP6")`,
    };
  const hex = (offset: number): string => {
    const v = dword(offset);
    return v === undefined ? 'unreadable' : `0x${hex32(v)}`;
  };
  const mechanism = dword(KIP.MECHANISM) ?? -1;
  const flags = dword(KIP.CPU_FLAGS) ?? 0;
  const vendorBytes = guest.read(address + KIP.VENDOR, 12);
  const vendor = String.fromCharCode(...vendorBytes).replace(/\0+$/, '');
  const flagNames = Object.entries(CPU_FLAG)
    .filter(([, bit]) => (flags & bit) !== 0)
    .map(([name]) => name.toLowerCase());
  const available = dword(KIP.MECHANISMS_AVAILABLE) ?? 0;
  return {
    ok: true,
    fields: [
      { name: 'address', value: `0x${hex32(address)}` },
      { name: 'version', value: hex(KIP.VERSION) },
      { name: 'flags', value: hex(KIP.FLAGS) },
      { name: 'kernel id', value: hex(KIP.KERNEL_ID) },
      { name: 'mechanism', value: `${MECHANISM_NAMES[mechanism] ?? 'unknown'} (${mechanism})` },
      {
        name: 'mechanisms available',
        value: MECHANISM_NAMES.filter((_, i) => (available & (1 << i)) !== 0).join(' ') || 'none',
      },
      { name: 'stub', value: `offset ${hex(KIP.STUB_OFFSET)}, ${dword(KIP.STUB_LENGTH) ?? '?'} bytes` },
      { name: 'cpu class', value: String(dword(KIP.CPU_CLASS) ?? '?') },
      { name: 'cpu flags', value: flagNames.join(' ') || 'none' },
      { name: 'vendor', value: vendor || '(no CPUID)' },
      {
        name: 'family/model/stepping',
        value: `${dword(KIP.FAMILY) ?? '?'}/${dword(KIP.MODEL) ?? '?'}/${dword(KIP.STEPPING) ?? '?'}`,
      },
      { name: 'timer', value: `${dword(KIP.TIMER_HZ) ?? '?'} Hz` },
    ],
  };
}
