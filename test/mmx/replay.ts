// Replays the recorded MMX vectors (test/vectors/mmx/*.json, made by
// scripts/vectors/mmx/gen-mmx-vectors.ts) in the emulator: the same sequence at CODE with its
// data block at DATA, run by the interpreter or by compiled blocks.

import * as fs from 'fs';
import * as path from 'path';
import { bareCpu, CODE, type BareCpu } from '../cpu/cpuHarness';
import { StopReason } from '../../src/emulator/cpu/cpu';
import { DATA_SIZE, outcomeOf, sequenceCode, sequenceData, type MmxOutcome } from '../../scripts/vectors/mmx/sequence';
import type { MmxVector, MmxVectorFile } from '../../scripts/vectors/mmx/gen-mmx-vectors';
import type { ModelId } from '../../src/isa/models';

export const DATA = 0x4000;
const VECTOR_DIR = path.resolve(__dirname, '../../../test/vectors/mmx');

export function loadMmxVectors(file: string): MmxVectorFile {
  return JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, file), 'utf8')) as MmxVectorFile;
}

export class MmxReplayer {
  private readonly b: BareCpu;
  private lastCode = '';

  constructor(
    readonly compiled: boolean,
    model: ModelId = 'athlon',
  ) {
    this.b = bareCpu([0xf4], { model, compile: compiled });
    if (compiled) this.b.cache.compileThreshold = 1;
  }

  private once(data: number[]): { outcome: MmxOutcome; stop: string } {
    const { cpu, memory } = this.b;
    memory.load(new Uint8Array(DATA_SIZE), DATA);
    memory.load(Uint8Array.from(data), DATA);
    cpu.fpu.reset();
    cpu.regs.fill(0);
    cpu.regs[4] = 0x80000;
    cpu.regs[1] = DATA;
    cpu.eip = CODE;
    cpu.halted = false;
    cpu.cr0 |= 0x22; // MP, NE
    this.b.run(10_000);
    const block = Array.from({ length: DATA_SIZE }, (_, i) => memory.read8(DATA + i));
    return {
      outcome: outcomeOf(block),
      stop:
        cpu.stopReason === StopReason.Halt
          ? 'halt'
          : `stop ${cpu.stopReason} vector ${cpu.exceptionVector} at ${cpu.eip.toString(16)}`,
    };
  }

  /** Runs a vector's sequence (twice when compiled: the first run compiles the block). */
  run(v: MmxVector): { outcome: MmxOutcome; stop: string } {
    const code = sequenceCode(v);
    code[code.length - 1] = 0xf4; // HLT instead of RET
    const key = code.join(',');
    if (key !== this.lastCode) {
      this.b.memory.load(Uint8Array.from(code), CODE);
      this.lastCode = key;
    }
    const data = sequenceData(v);
    if (this.compiled) this.once(data);
    return this.once(data);
  }
}

/**
 * Differences between the recorded outcome and ours, as text (empty when they agree). With
 * `significandsOnly` (the qemu-i386 oracle) the registers' sign/exponent words and the tag word
 * derived from them are not compared: qemu leaves the exponent of an MMX-written register as it
 * was, where the hardware sets it to all ones (SDM Vol.1 9.5.1), which the host vectors check.
 */
export function compareMmx(expected: MmxOutcome, actual: MmxOutcome, significandsOnly = false): string[] {
  const diffs: string[] = [];
  for (const k of ['cw', 'sw', 'tw', 'gp'] as const) {
    if (k === 'tw' && significandsOnly) continue;
    if (expected[k] !== actual[k]) diffs.push(`${k} ${expected[k].toString(16)} != ${actual[k].toString(16)}`);
  }
  const width = significandsOnly ? 16 : 20;
  for (let i = 0; i < 8; i++) {
    if (expected.r[i].slice(0, width) !== actual.r[i].slice(0, width))
      diffs.push(`r${i} ${expected.r[i]} != ${actual.r[i]}`);
  }
  if (expected.mem !== actual.mem) diffs.push(`mem ${expected.mem} != ${actual.mem}`);
  return diffs;
}
