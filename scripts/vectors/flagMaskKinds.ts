// The kinds of disagreement between the two flag-mask sources of a golden vector: the project's
// count-dependent rule (vector.ts undefinedFlags, SDM Vol.2 per count) and iced-x86's static
// per-instruction information (icedFlags.ts). Every vector whose two masks differ must fall in
// one of DISAGREEMENTS; each is resolved in test/vectors/README.md, with the SDM section that
// decides it. The vectors are compared on the intersection of what both call defined.

import { Code, Decoder, DecoderOptions, OpKind } from 'iced-x86';
import { icedFlags, ourMask } from './icedFlags';
import type { Vector } from './vector';

const OF = 0x800,
  AF = 0x10,
  CF = 0x1;

export interface DisagreementKind {
  id: string;
  /** One line: what differs. */
  what: string;
}

export const DISAGREEMENTS: readonly DisagreementKind[] = [
  {
    id: 'fault',
    what: 'the vector faults: ours compares every flag (the fault restores them), iced gives the static mask of the instruction',
  },
  {
    id: 'count-zero',
    what: 'shift/rotate/SHLD/SHRD whose masked count is 0: ours masks nothing, iced masks its static OF (rotates) or OF AF (shifts)',
  },
  {
    id: 'count-one',
    what: 'shift/rotate/SHLD/SHRD by CL whose masked count is 1: ours compares OF, iced masks it',
  },
  {
    id: 'shift-past-width',
    what: 'SHL/SHR whose masked count is at least the operand width: ours masks CF, iced compares it',
  },
  {
    id: 'rotate-full-cycle',
    what: 'RCL/RCR by an immediate that is a multiple of width + 1 (masked count not 0 or 1): ours masks OF, iced masks nothing',
  },
];

const SHIFTS: ReadonlySet<string> = new Set(['Shl', 'Sal', 'Shr', 'Sar', 'Rol', 'Ror', 'Rcl', 'Rcr', 'Shld', 'Shrd']);

/** The raw count operand and operand width of a shift/rotate vector, from iced's decoding. */
function countAndWidth(v: Vector): { count: number; width: number } | undefined {
  const decoder = new Decoder(32, Buffer.from(v.bytes, 'hex'), DecoderOptions.None);
  const instruction = decoder.decode();
  try {
    const last = instruction.opCount - 1;
    const kind = instruction.opKind(last);
    const count =
      kind === OpKind.Register ? v.in.regs[1] & 0xff : kind === OpKind.Immediate8 ? instruction.immediate8 : undefined;
    const name = Code[instruction.code] as string;
    const width = /_r?m?8_|_rm8$/.test(name) ? 8 : /16/.test(name) ? 16 : 32;
    return count === undefined ? undefined : { count, width };
  } finally {
    instruction.free();
    decoder.free();
  }
}

/**
 * The disagreement kind of a vector: undefined when both sources give the same mask, a
 * DISAGREEMENTS id, or 'unclassified: ...' (a kind nobody has resolved yet).
 */
export function disagreementKind(v: Vector): string | undefined {
  const iced = icedFlags(v.bytes);
  const ours = ourMask(v) & 0x8d5;
  if (iced.undefined === ours) return undefined;
  const oursOnly = ours & ~iced.undefined;
  const icedOnly = iced.undefined & ~ours;
  const describe = `unclassified: ${iced.mnemonic} ours=${ours.toString(16)} iced=${iced.undefined.toString(16)}`;
  if (v.out.fault) return 'fault';
  if (!SHIFTS.has(iced.mnemonic)) return describe;
  const cw = countAndWidth(v);
  if (cw === undefined) return describe;
  const masked = cw.count & 0x1f;
  const logical = ['Shl', 'Sal', 'Shr'].includes(iced.mnemonic);
  if (masked === 0 && ours === 0) return 'count-zero';
  if (masked === 1 && oursOnly === 0 && icedOnly === OF) return 'count-one';
  if (logical && masked >= cw.width && oursOnly === CF && (icedOnly & ~AF) === 0) return 'shift-past-width';
  const throughCarry = iced.mnemonic === 'Rcl' || iced.mnemonic === 'Rcr';
  if (throughCarry && masked > 1 && masked % (cw.width + 1) === 0 && oursOnly === OF && icedOnly === 0)
    return 'rotate-full-cycle';
  return describe;
}
