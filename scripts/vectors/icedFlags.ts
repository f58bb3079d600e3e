// The flag mask of a golden vector from an independent source: iced-x86's per-instruction
// RFLAGS information (Instruction.rflagsUndefined / rflagsModified), next to the project's own
// count-dependent rule (vector.ts undefinedFlags, from the instruction table). A vector's
// EFLAGS are compared on the bits neither source calls undefined (comparedFlags); where the
// two sources disagree, the kind of disagreement must be one of DISAGREEMENTS, each resolved
// with the SDM section that decides it (listed in test/vectors/README.md).

import { Decoder, DecoderOptions, Mnemonic, RflagsBits } from 'iced-x86';
import { EFLAGS_COMPARED } from './layout';
import type { Vector } from './vector';

/** iced's RflagsBits -> EFLAGS bit positions (the arithmetic flags and DF). */
const RFLAGS_TO_EFLAGS: readonly [number, number][] = [
  [RflagsBits.OF, 0x800],
  [RflagsBits.DF, 0x400],
  [RflagsBits.SF, 0x80],
  [RflagsBits.ZF, 0x40],
  [RflagsBits.AF, 0x10],
  [RflagsBits.PF, 0x4],
  [RflagsBits.CF, 0x1],
];

function toEflags(bits: number): number {
  let out = 0;
  for (const [rflags, eflags] of RFLAGS_TO_EFLAGS) if (bits & rflags) out |= eflags;
  return out;
}

export interface IcedFlagInfo {
  /** iced's mnemonic name ('INVALID' when iced rejects the bytes, e.g. an illegal LOCK). */
  mnemonic: string;
  /** EFLAGS bits iced calls undefined after the instruction. */
  undefined: number;
  /** EFLAGS bits iced says the instruction writes (defined, cleared, set or undefined). */
  modified: number;
}

const cache = new Map<string, IcedFlagInfo>();

/** iced's flag information for the first instruction of `hex` bytes, decoded as 32-bit code. */
export function icedFlags(hex: string): IcedFlagInfo {
  const hit = cache.get(hex);
  if (hit) return hit;
  const decoder = new Decoder(32, Buffer.from(hex, 'hex'), DecoderOptions.None);
  const instruction = decoder.decode();
  const info: IcedFlagInfo = {
    mnemonic: Mnemonic[instruction.mnemonic] as string,
    undefined: toEflags(instruction.rflagsUndefined),
    modified: toEflags(instruction.rflagsModified),
  };
  instruction.free();
  decoder.free();
  cache.set(hex, info);
  return info;
}

/**
 * The instruction table's mask for a vector as run: none when it faulted (SDM Vol.3 6.5: a fault
 * restores the state from before the instruction, so no flag was written), else v.flagMask.
 */
export function ourMask(v: Vector): number {
  return v.out.fault ? 0 : v.flagMask;
}

/**
 * The EFLAGS bits a vector's result is compared on: EFLAGS_COMPARED minus every flag that
 * either the project's rule (ourMask) or iced calls undefined.
 */
export function comparedFlags(v: Vector): number {
  return EFLAGS_COMPARED & ~(ourMask(v) | icedFlags(v.bytes).undefined);
}

/** Which mask a comparison uses: both sources (the default), one of them alone, or none. */
export type MaskSource = 'both' | 'ours' | 'iced' | 'none';

export function comparedFlagsBy(v: Vector, source: MaskSource): number {
  if (source === 'ours') return EFLAGS_COMPARED & ~ourMask(v);
  if (source === 'iced') return EFLAGS_COMPARED & ~icedFlags(v.bytes).undefined;
  if (source === 'none') return EFLAGS_COMPARED;
  return comparedFlags(v);
}
