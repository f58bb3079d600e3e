// Segment and gate descriptors decoded for display (SDM Vol.3 3.4.5 "Segment Descriptors",
// 3.5 "System Descriptor Types", 6.11 "IDT Descriptors"), and the descriptor tables read
// from guest memory through GDTR/IDTR.

import { hex32 } from './faults';
import type { GuestMemory } from './guestMemory';

export interface DecodedDescriptor {
  /** One-line summary: "code 32-bit base=0 limit=ffffffff DPL0 P". */
  summary: string;
  present: boolean;
  dpl: number;
  /** Segment descriptors. */
  base?: number;
  limit?: number;
  /** Gates: target selector and offset. */
  selector?: number;
  offset?: number;
}

/** SDM Vol.3 Table 3-2: system-segment and gate types. */
const SYSTEM_TYPES: Record<number, string> = {
  1: '16-bit TSS (available)',
  2: 'LDT',
  3: '16-bit TSS (busy)',
  4: '16-bit call gate',
  5: 'task gate',
  6: '16-bit interrupt gate',
  7: '16-bit trap gate',
  9: '32-bit TSS (available)',
  11: '32-bit TSS (busy)',
  12: '32-bit call gate',
  14: '32-bit interrupt gate',
  15: '32-bit trap gate',
};

export function decodeDescriptor(low: number, high: number): DecodedDescriptor {
  low >>>= 0;
  high >>>= 0;
  const present = (high & 0x8000) !== 0;
  const dpl = (high >>> 13) & 3;
  const s = (high & 0x1000) !== 0;
  const type = (high >>> 8) & 0xf;
  if (low === 0 && high === 0) return { summary: 'null descriptor', present: false, dpl: 0 };
  const tail = `DPL${dpl}${present ? ' P' : ' not present'}`;
  if (!s && (type === 4 || type === 5 || type === 6 || type === 7 || type === 12 || type === 14 || type === 15)) {
    const selector = low >>> 16;
    const offset = type === 5 ? 0 : ((low & 0xffff) | (high & 0xffff0000)) >>> 0;
    const params = type === 4 || type === 12 ? ` params=${high & 0x1f}` : '';
    const target = type === 5 ? `TSS selector ${hex16(selector)}` : `${hex16(selector)}:${hex32(offset)}`;
    return { summary: `${SYSTEM_TYPES[type]} -> ${target}${params} ${tail}`, present, dpl, selector, offset };
  }
  const base = ((low >>> 16) | ((high & 0xff) << 16) | (high & 0xff000000)) >>> 0;
  let limit = (low & 0xffff) | (high & 0xf0000);
  const granular = (high & 0x800000) !== 0;
  if (granular) limit = ((limit << 12) | 0xfff) >>> 0;
  let kind: string;
  if (!s) kind = SYSTEM_TYPES[type] ?? `reserved system type ${type}`;
  else if (type & 8)
    kind = `code ${high & 0x400000 ? '32' : '16'}-bit${type & 2 ? ' readable' : ' execute-only'}${type & 4 ? ' conforming' : ''}`;
  else
    kind = `data ${high & 0x400000 ? '32' : '16'}-bit${type & 2 ? ' writable' : ' read-only'}${type & 4 ? ' expand-down' : ''}`;
  return { summary: `${kind} base=${hex32(base)} limit=${hex32(limit)} ${tail}`, present, dpl, base, limit };
}

export function hex16(v: number): string {
  return (v & 0xffff).toString(16).padStart(4, '0');
}

/** The entries of a descriptor table (8 bytes each), up to `max`; unreadable ones are marked. */
export function readDescriptorTable(
  guest: GuestMemory,
  base: number,
  limit: number,
  max: number,
): { index: number; text: string }[] {
  const count = Math.min(Math.floor((limit + 1) / 8), max);
  const out: { index: number; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const lo = guest.readValue(base + i * 8, 4);
    const hi = guest.readValue(base + i * 8 + 4, 4);
    if (lo === undefined || hi === undefined) out.push({ index: i, text: 'unreadable (not mapped)' });
    else out.push({ index: i, text: decodeDescriptor(lo, hi).summary });
  }
  return out;
}

/** Describes a descriptor-cache attribute word (bits 8..23 of the descriptor's high dword). */
export function describeSegmentAttributes(attr: number): string {
  const d = decodeDescriptor(0, (attr & 0x00f0ff00) >>> 0);
  // decodeDescriptor prints base/limit too; the cache shows those separately.
  return d.summary.replace(/ base=\S+ limit=\S+/, '');
}
