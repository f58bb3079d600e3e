// Disassembly around an address for the Disassembly view: instructions decoded from guest
// memory and written by the assembler's formatter (src/asm/disassemble.ts, the one NASM-syntax
// formatter), each with its label and source line when an image knows them; relative branches
// also name their absolute target. x86 has no fixed instruction length, so going backwards
// means finding a start from which decoding lands exactly on the address.

import { decodeInstruction } from '../isa/decoder';
import { formatInstruction } from '../asm/disassemble';
import { hex32 } from './faults';
import type { LineEntry } from './image';
import type { MachineSession } from './session';

export interface ListedInstruction {
  address: number;
  bytes: Uint8Array;
  /** NASM syntax, or `(bad: why)` / `??` for undecodable or unreadable bytes. */
  text: string;
  /** Label when the instruction starts at one. */
  symbol?: string;
  line?: LineEntry;
  readable: boolean;
}

function decodeAt(session: MachineSession, address: number): ListedInstruction {
  const bytes = session.guest.read(address, 15);
  if (bytes.length === 0) return { address, bytes, text: '??', readable: false };
  const code32 = session.cpu.code32;
  const d = decodeInstruction(bytes, 0, code32, session.cpu.model);
  const length = Math.max(1, Math.min(d.length, bytes.length));
  let text: string;
  if (!d.ok && d.error === 'lock' && bytes[0] === 0xf0) {
    // SDM Vol.2 LOCK: the prefix on an instruction that cannot take it raises #UD.
    const rest = decodeInstruction(bytes, 1, code32, session.cpu.model);
    text = rest.ok
      ? `lock ${formatInstruction(rest, bytes, 1, code32)}  ; #UD: LOCK is not allowed here`
      : `(bad: ${d.error})`;
  } else if (!d.ok) text = `(bad: ${d.error})`;
  else {
    text = formatInstruction(d, bytes, 0, code32);
    if (d.form.operands.includes('Jb') || d.form.operands.includes('Jv')) {
      let target = (address + d.length + d.imm) >>> 0;
      if (d.opsize === 16) target &= 0xffff;
      const name = session.symbolAt(target);
      text += `  ; 0x${hex32(target)}${name ? ` <${name}>` : ''}`;
    }
  }
  return {
    address,
    bytes: bytes.slice(0, length),
    text,
    symbol: session.symbolAt(address),
    line: session.lineAt(address),
    readable: true,
  };
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

/** The length of the instruction at `address` as `forward` steps over it (1 for unreadable bytes). */
function lengthAt(session: MachineSession, address: number): number {
  const bytes = session.guest.read(address >>> 0, 15);
  if (bytes.length === 0) return 1;
  const d = decodeInstruction(bytes, 0, session.cpu.code32, session.cpu.model);
  return Math.max(1, Math.min(d.length, bytes.length));
}

/** Instructions found per backward step; the walk back goes in steps of this many. */
const BACKWARD_STEP = 64;

/**
 * A start address `count` instructions (at most BACKWARD_STEP) before `address` whose
 * decoding reaches it exactly. x86 decoding falls into step within a few instructions, so
 * one of the first 15 candidate starts does it; when none does, `count` bytes before it.
 */
function backwardStep(session: MachineSession, address: number, count: number): number {
  const first = address - count * 15;
  for (let from = first; from < address && from < first + 15; from++) {
    let a = from;
    const starts: number[] = [];
    while (a < address) {
      starts.push(a);
      a += lengthAt(session, a);
    }
    if (a === address && starts.length >= count) return starts[starts.length - count];
  }
  return address - count;
}

/** `count` instructions before `address`, found BACKWARD_STEP at a time (linear in count). */
function backwardStart(session: MachineSession, address: number, count: number): number {
  let at = address;
  for (let left = count; left > 0; left -= BACKWARD_STEP) at = backwardStep(session, at, Math.min(left, BACKWARD_STEP));
  return at;
}

/** DAP-shaped request: `count` instructions starting `offset` instructions from `address`. */
export function disassemble(
  session: MachineSession,
  address: number,
  offset: number,
  count: number,
): ListedInstruction[] {
  let start = address >>> 0;
  if (offset < 0) start = backwardStart(session, address, -offset) >>> 0;
  else if (offset > 0) {
    for (let i = 0; i < offset; i++) start = (start + lengthAt(session, start)) >>> 0;
  }
  return forward(session, start, count);
}
