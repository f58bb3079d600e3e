// Compares the emulator's instruction decoder with iced-x86 on random byte strings: instruction
// length, legality and mnemonic, for every string whose first instruction is an integer, MMX,
// 3DNow! or AMD MMX-extension form the instruction table covers. Used by iced-decoder.test.ts.

import { CpuidFeature, Decoder, DecoderOptions, Instruction, Mnemonic, OpKind, Register } from 'iced-x86';
import { decodeInstruction } from '../../src/isa/decoder';
import { INSTRUCTIONS } from '../../src/isa/instructions';
import { Random } from '../../scripts/vectors/random';

/** iced CPUID feature classes of the integer instruction set the table describes (80386..P6). */
const COVERED_FEATURES: ReadonlySet<string> = new Set([
  'INTEL8086',
  'INTEL186',
  'INTEL286',
  'INTEL386',
  'INTEL486',
  'CPUID',
  'TSC',
  'MSR',
  'CX8',
  'CMOV',
  'SEP',
  'SYSCALL',
  'MOV_TR',
  // MMX, 3DNow! (PREFETCH/PREFETCHW are iced's PREFETCHW class), extended 3DNow!
  'MMX',
  'D3NOW',
  'D3NOWEXT',
  'PREFETCHW',
]);

/**
 * iced classifies AMD's MMX extensions (PMINUB mm ... SFENCE, PREFETCHh) as SSE, together with the
 * XMM forms SSE brought: those with no XMM register operand are table forms and compared.
 */
function mmxExtension(instruction: Instruction, features: readonly string[]): boolean {
  if (!features.every((f) => f === 'SSE')) return false;
  for (let i = 0; i < instruction.opCount; i++) {
    if (instruction.opKind(i) !== OpKind.Register) continue;
    if ((Register[instruction.opRegister(i)] as string).startsWith('XMM')) return false;
  }
  return true;
}

const MMX_FEATURES: ReadonlySet<string> = new Set(['mmx', '3dnow', '3dnowext', 'mmxext']);

/** Every NASM spelling in the table, lower case. */
const TABLE_MNEMONICS: ReadonlySet<string> = new Set(INSTRUCTIONS.flatMap((f) => [f.mnemonic, ...(f.aliases ?? [])]));

const STRING_LENGTH = 16; // one more than the longest legal instruction
const PREFIXES = [0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];

export interface Disagreement {
  bits: 16 | 32;
  bytes: string;
  ours: string;
  iced: string;
}

export interface IcedComparison {
  strings: number;
  /** Strings whose first instruction is a table form by iced's classification, compared. */
  compared: number;
  agreed: number;
  /** iced decodes an instruction of another ISA extension (FPU, MMX, SSE, AVX, ...). */
  skippedOtherIsa: number;
  /** iced decodes an integer instruction the table does not have: mnemonic -> count. */
  notInTable: Map<string, number>;
  disagreements: Disagreement[];
  disagreementCount: number;
  /** Host exceptions thrown by our decoder (must be none). */
  thrown: { bytes: string; error: string }[];
  /** Compared strings both decoders reject because of LOCK (ours: 'lock'; iced: invalid). */
  lockRejected: number;
  /** Compared strings with a legal LOCK that both decoders accept. */
  lockAccepted: number;
  /** Cut-short copies of decodable instructions that did not decode the same or as 'truncated'. */
  truncationMismatches: Disagreement[];
}

/** Builds one string: fully random, or a table row's opcode behind random prefixes. */
function randomString(rng: Random, out: Uint8Array, at: number): void {
  for (let i = 0; i < STRING_LENGTH; i++) out[at + i] = rng.u32() & 0xff;
  if (rng.chance(0.4)) return;
  let pos = at;
  const prefixCount = rng.chance(0.5) ? 0 : rng.chance(0.8) ? rng.between(1, 3) : rng.between(4, 15);
  for (let i = 0; i < prefixCount && pos < at + STRING_LENGTH - 1; i++) out[pos++] = rng.pick(PREFIXES);
  const form = INSTRUCTIONS[rng.below(INSTRUCTIONS.length)];
  for (const [i, b] of form.opcode.entries()) {
    if (pos >= at + STRING_LENGTH) break;
    const last = i === form.opcode.length - 1;
    out[pos++] = last && form.operands.some((k) => k === 'Zb' || k === 'Zv') ? b + rng.below(8) : b;
  }
  if (form.ext !== undefined && pos < at + STRING_LENGTH) {
    out[pos] = (out[pos] & 0xc7) | (form.ext << 3);
  }
}

function describeOurs(r: ReturnType<typeof decodeInstruction>): string {
  return r.ok ? `${r.form.mnemonic} length ${r.length}` : `${r.error} (length ${r.length})`;
}

/** iced's name is one of the row's spellings (SAL is iced's name for the /6 alias of SHL). */
function sameMnemonic(ours: readonly string[], iced: string): boolean {
  return (
    ours.includes(iced) || (iced === 'sal' && ours.includes('shl')) || (iced === 'pmulhrw' && ours.includes('pmulhrwa'))
  );
}

export function compareWithIced(count: number, seed: number, bits: 16 | 32, maxListed = 50): IcedComparison {
  const rng = new Random(seed ^ bits);
  const buffer = new Uint8Array(count * STRING_LENGTH);
  for (let i = 0; i < count; i++) randomString(rng, buffer, i * STRING_LENGTH);
  // Default options: iced reports LOCK on a form that does not allow it as an invalid
  // instruction (Code.INVALID), which is what our 'lock' error means. MovTr: MOV to/from test
  // registers are table rows (80386/80486).
  const decoder = new Decoder(bits, buffer, DecoderOptions.MovTr);
  const instruction = new Instruction();
  const result: IcedComparison = {
    strings: count,
    compared: 0,
    agreed: 0,
    skippedOtherIsa: 0,
    notInTable: new Map(),
    disagreements: [],
    disagreementCount: 0,
    thrown: [],
    truncationMismatches: [],
    lockRejected: 0,
    lockAccepted: 0,
  };
  const code32 = bits === 32;
  const hexAt = (at: number) => Buffer.from(buffer.subarray(at, at + STRING_LENGTH)).toString('hex');
  for (let i = 0; i < count; i++) {
    const at = i * STRING_LENGTH;
    const view = buffer.subarray(at, at + STRING_LENGTH);
    let ours: ReturnType<typeof decodeInstruction>;
    try {
      ours = decodeInstruction(view, 0, code32);
      // The same bytes cut short: a decodable instruction decodes identically when it fits,
      // and as 'truncated' when it does not.
      const cut = rng.below(STRING_LENGTH);
      const shorter = decodeInstruction(view.subarray(0, cut), 0, code32);
      const consistent =
        !ours.ok ||
        (ours.length <= cut
          ? shorter.ok && shorter.length === ours.length
          : !shorter.ok && shorter.error === 'truncated');
      if (!consistent && result.truncationMismatches.length < maxListed) {
        result.truncationMismatches.push({
          bits,
          bytes: hexAt(at),
          ours: `full: ${describeOurs(ours)}; first ${cut}: ${describeOurs(shorter)}`,
          iced: '',
        });
      }
    } catch (e) {
      result.thrown.push({ bytes: hexAt(at), error: String(e) });
      continue;
    }

    decoder.position = at;
    decoder.ip = BigInt(at);
    decoder.decodeOut(instruction);
    const icedValid = !instruction.isInvalid;
    // 66/F2/F3 0F AE: later parts give these encodings meanings of their own (iced decodes for
    // them); on the models here the prefix is ignored and the row is FXSAVE/FXRSTOR.
    // The same holds for the MMX, 3DNow! and MMX-extension rows: 66/F2/F3 are SSE's mandatory
    // prefixes to iced; the MMX-era parts modelled here ignore them.
    if (
      ours.ok &&
      (ours.form.exec === 'fxsave' || ours.form.exec === 'fxrstor' || MMX_FEATURES.has(ours.form.requires ?? '')) &&
      ours.prefixes.some((p) => p === 0x66 || p === 0xf2 || p === 0xf3)
    ) {
      result.skippedOtherIsa++;
      continue;
    }
    let icedText: string;
    if (icedValid) {
      const features = [...instruction.cpuidFeatures()].map((f) => CpuidFeature[f] as string);
      if (!features.every((f) => COVERED_FEATURES.has(f)) && !mmxExtension(instruction, features)) {
        result.skippedOtherIsa++;
        continue;
      }
      const mnemonic = (Mnemonic[instruction.mnemonic] as string).toLowerCase();
      if (!TABLE_MNEMONICS.has(mnemonic) && mnemonic !== 'pmulhrw') {
        result.notInTable.set(mnemonic, (result.notInTable.get(mnemonic) ?? 0) + 1);
        continue;
      }
      icedText = `${mnemonic} length ${instruction.length}`;
    } else {
      icedText = 'invalid';
    }
    result.compared++;
    const icedMnemonic = icedValid ? (Mnemonic[instruction.mnemonic] as string).toLowerCase() : '';
    const agree = icedValid
      ? ours.ok &&
        ours.length === instruction.length &&
        sameMnemonic([ours.form.mnemonic, ...(ours.form.aliases ?? [])], icedMnemonic)
      : !ours.ok;
    if (agree) {
      result.agreed++;
      if (!ours.ok && ours.error === 'lock') result.lockRejected++;
      if (ours.ok && ours.lock) result.lockAccepted++;
    } else {
      result.disagreementCount++;
      if (result.disagreements.length < maxListed) {
        result.disagreements.push({ bits, bytes: hexAt(at), ours: describeOurs(ours), iced: icedText });
      }
    }
  }
  decoder.free();
  instruction.free();
  return result;
}
