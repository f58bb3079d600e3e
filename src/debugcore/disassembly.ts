// Disassembly around an address for the Disassembly view: instructions decoded from guest
// memory, each with its label and source line when an image knows them. x86 has no fixed
// instruction length, so going backwards from an address means finding a start from which
// decoding lands exactly on it; image line maps give such starts for free.

import { decodeInstruction } from '../emulator/cpu/decoder';
import { formatDecoded } from './format';
import type { LineEntry } from './image';
import type { MachineSession } from './session';

export interface ListedInstruction {
  address: number;
  bytes: Uint8Array;
  /** NASM syntax, or `(bad)` / `??` for undecodable or unreadable bytes. */
  text: string;
  /** Label when the instruction starts at one. */
  symbol?: string;
  line?: LineEntry;
  readable: boolean;
}

function decodeAt(session: MachineSession, address: number): ListedInstruction {
  const bytes = session.guest.read(address, 15);
  if (bytes.length === 0) return { address, bytes, text: '??', readable: false };
  const d = decodeInstruction(bytes, 0, session.cpu.code32, session.cpu.model);
  const length = Math.max(1, Math.min(d.length, bytes.length));
  const text = d.ok ? formatDecoded(d, address, (target) => session.symbolAt(target)) : `(bad: ${d.error})`;
  const mine = bytes.slice(0, length);
  const line = session.lineAt(address);
  const sym = session.symbolAt(address);
  return { address, bytes: mine, text, symbol: sym, line, readable: true };
}

function forward(session: MachineSession, address: number, count: number): ListedInstruction[] {
  const out: ListedInstruction[] = [];
  let a = address >>> 0;
  for (let i = 0; i < count; i++) {
    const ins = decodeAt(session, a);
    out.push(ins);
    a = (a + (ins.readable ? ins.bytes.length : 1)) >>> 0;
  }
  return out;
}

/** A start address `count` instructions before `address` whose decoding reaches it exactly. */
function backwardStart(session: MachineSession, address: number, count: number): number {
  for (let from = address - count * 15; from < address; from++) {
    let a = from;
    let n = 0;
    const starts: number[] = [];
    while (a < address) {
      starts.push(a);
      const ins = decodeAt(session, a >>> 0);
      a += ins.readable ? ins.bytes.length : 1;
      n++;
    }
    if (a === address && n >= count) return starts[starts.length - count];
  }
  return address - count;
}

/** DAP-shaped request: `count` instructions starting `offset` instructions from `address`. */
export function disassemble(session: MachineSession, address: number, offset: number, count: number): ListedInstruction[] {
  let start = address >>> 0;
  if (offset < 0) start = backwardStart(session, address, -offset) >>> 0;
  else if (offset > 0) {
    const skipped = forward(session, address, offset);
    const last = skipped[skipped.length - 1];
    start = (last.address + (last.readable ? last.bytes.length : 1)) >>> 0;
  }
  return forward(session, start, count);
}
