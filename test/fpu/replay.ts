// Replays the host-recorded x87 vectors (test/vectors/fpu/*.json, made by
// scripts/vectors/fpu/gen-fpu-vectors.ts) in the emulator: the same sequence at CODE with its
// data block at DATA, run by the interpreter or by compiled blocks.

import * as fs from 'fs';
import * as path from 'path';
import { bareCpu, CODE, type BareCpu } from '../cpu/cpuHarness';
import { StopReason } from '../../src/emulator/cpu/cpu';
import {
  BASES_AT,
  DATA_SIZE,
  TRAP_AT,
  outcomeOf,
  sequenceCode,
  sequenceData,
  type FpuOutcome,
} from '../../scripts/vectors/fpu/sequence';
import type { FpuVector, FpuVectorFile } from '../../scripts/vectors/fpu/gen-fpu-vectors';
import type { ModelId } from '../../src/isa/models';

export const DATA = 0x4000;
const VECTOR_DIR = path.resolve(__dirname, '../../../test/vectors/fpu');

export function loadFpuVectors(file: string): FpuVectorFile {
  return JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, file), 'utf8')) as FpuVectorFile;
}

export class Replayer {
  private readonly b: BareCpu;
  private lastCode = '';

  constructor(
    readonly compiled: boolean,
    model: ModelId = 'pentium-ii',
  ) {
    this.b = bareCpu([0xf4], { model, compile: compiled });
    if (compiled) this.b.cache.compileThreshold = 1;
  }

  private once(code: number[], data: number[]): { outcome: FpuOutcome; stop: string } {
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
    // #MF at a waiting instruction: where it was taken; then the FERR# path (CR0.NE = 0) lets
    // the FWAIT go on, so the FNSAVE after it records the state as it was at the trap.
    let trap = -1;
    if (cpu.stopReason === StopReason.Exception && cpu.exceptionVector === 16) {
      trap = cpu.eip - CODE;
      cpu.cr0 &= ~0x20;
      cpu.halted = false;
      this.b.run(10_000);
    }
    const block = Array.from({ length: DATA_SIZE }, (_, i) => memory.read8(DATA + i));
    // Where the code and the block are, as host.c records them for the pointers.
    block[TRAP_AT] = trap >= 0 ? 1 : 0;
    for (let i = 0; i < 4; i++) {
      block[TRAP_AT + 4 + i] = ((CODE + trap) >>> (8 * i)) & 0xff;
      block[BASES_AT + i] = (CODE >>> (8 * i)) & 0xff;
      block[BASES_AT + 4 + i] = (DATA >>> (8 * i)) & 0xff;
    }
    return {
      outcome: outcomeOf(block),
      stop:
        cpu.stopReason === StopReason.Halt
          ? 'halt'
          : `stop ${cpu.stopReason} vector ${cpu.exceptionVector} at ${cpu.eip.toString(16)}`,
    };
  }

  /** Runs a vector's sequence (twice when compiled: the first run compiles the block). */
  run(v: FpuVector): { outcome: FpuOutcome; stop: string } {
    const code = sequenceCode(v);
    code[code.length - 1] = 0xf4; // HLT instead of RET
    const key = code.join(',');
    if (key !== this.lastCode) {
      this.b.memory.load(Uint8Array.from(code), CODE);
      // New code: a fresh cache, or the page's drop count (code patched again and again is
      // compiled later and later) would keep later sequences interpreted.
      this.b.cache.invalidateAll();
      this.lastCode = key;
    }
    const data = sequenceData({ ...v, mem: v.mem.padEnd(32, '0') });
    if (!this.compiled) return this.once(code, data);
    this.once(code, data);
    // The counters prove the sequence ran inside a compiled region, not instruction by instruction.
    const { cache } = this.b;
    const before = cache.compiledRetired + cache.compiledFaults;
    const result = this.once(code, data);
    if (cache.compiledRetired + cache.compiledFaults === before)
      return { ...result, stop: 'did not run inside a compiled region' };
    return result;
  }
}

/** Ext image (10 bytes hex, little endian) -> [sign/exponent, significand]. */
function parts(h: string): [number, bigint] {
  const bytes = h.match(/../g)!.map((x) => parseInt(x, 16));
  let sig = 0n;
  for (let i = 7; i >= 0; i--) sig = (sig << 8n) | BigInt(bytes[i]);
  return [bytes[8] | (bytes[9] << 8), sig];
}

/** Within one unit in the last place of the 64-bit significand (adjacent values across a binade count). */
export function withinUlp(a: string, b: string): boolean {
  if (a === b) return true;
  const [ea, sa] = parts(a),
    [eb, sb] = parts(b);
  if ((ea & 0x8000) !== (eb & 0x8000)) return false;
  const key = (e: number, s: bigint) => (BigInt(e & 0x7fff) << 63n) + (s & ((1n << 63n) - 1n));
  const d = key(ea, sa) - key(eb, sb);
  return d <= 1n && d >= -1n;
}

const SW_C1 = 0x200,
  PE = 0x20;

/** Differences between the host's outcome and ours, as text lines (empty when they agree). */
export function compareOutcome(
  name: string,
  expected: FpuOutcome,
  actual: FpuOutcome,
  ulp: boolean,
  memoryForm = false,
): string[] {
  const diffs: string[] = [];
  if (expected.fip !== undefined) {
    // FIP always; FOP and FDP (memory forms) when an unmasked exception happened: CPUs with
    // FDP_EXCPTN_ONLY and without FOP compatibility update them only then (SDM Vol.1 8.1.8, 8.1.10).
    if (expected.fip !== actual.fip) diffs.push(`fip +${expected.fip} != +${actual.fip}`);
    if (expected.trap !== undefined && expected.trap !== actual.trap)
      diffs.push(`#MF at +${expected.trap} != +${actual.trap}`);
    if ((expected.sw & 0x80) !== 0) {
      // FOP from a trap's signal frame: a 64-bit Linux builds the 32-bit frame's FNSAVE image
      // from FXSAVE's and leaves FOP out (0); the vectors without a trap check FOP from FNSAVE.
      if (!(expected.trap !== undefined && expected.trap >= 0) && expected.fop !== actual.fop)
        diffs.push(`fop ${expected.fop?.toString(16)} != ${actual.fop?.toString(16)}`);
      if (memoryForm && expected.fdp !== actual.fdp) diffs.push(`fdp +${expected.fdp} != +${actual.fdp}`);
    }
  }
  const swMask = ulp ? ~(SW_C1 | PE) & 0xffff : 0xffff;
  if (expected.cw !== actual.cw) diffs.push(`cw ${expected.cw.toString(16)} != ${actual.cw.toString(16)}`);
  if ((expected.sw & swMask) !== (actual.sw & swMask))
    diffs.push(`sw ${expected.sw.toString(16)} != ${actual.sw.toString(16)}`);
  if (expected.tw !== actual.tw) diffs.push(`tw ${expected.tw.toString(16)} != ${actual.tw.toString(16)}`);
  const top = (expected.sw >> 11) & 7;
  for (let i = 0; i < 8; i++) {
    const tag = (expected.tw >> (((top + i) & 7) * 2)) & 3;
    if (tag === 3) continue;
    const same = ulp ? withinUlp(expected.st[i], actual.st[i]) : expected.st[i] === actual.st[i];
    if (!same) diffs.push(`st${i} ${expected.st[i]} != ${actual.st[i]}`);
  }
  if (expected.mem !== '' && expected.mem !== actual.mem) diffs.push(`mem ${expected.mem} != ${actual.mem}`);
  if (/comi/.test(name) && (expected.eflags & 0x8d5) !== (actual.eflags & 0x8d5)) {
    diffs.push(`eflags ${(expected.eflags & 0x8d5).toString(16)} != ${(actual.eflags & 0x8d5).toString(16)}`);
  }
  return diffs;
}
