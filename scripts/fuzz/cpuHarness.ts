// The CPU on random instruction streams, two ways, alternating: (1) random bytes run on every
// model in 32-bit flat and 16-bit real mode must stop only with a defined reason (the budget,
// HLT, or an exception; a host exception or an undefined stop is a finding), and (2) fresh
// random cases of the instruction table compared with the host CPU running the same
// instructions natively (scripts/vectors: needs nasm, ld and a host that runs 32-bit code;
// without them only (1) runs, and a note says why). A difference from the host is a finding.

import { Machine } from '../../src/emulator/machine';
import { CS, ATTR_PRESENT, ATTR_S, ATTR_CODE, ATTR_WRITABLE } from '../../src/emulator/cpu/cpu';
import { MODEL_IDS } from '../../src/isa/models';
import { generate } from '../vectors/gen-vectors';
import { probeNative } from '../vectors/native';
import { describeFailure, replayMachine, replayVector } from '../vectors/replay';
import type { FuzzContext, Harness } from './harness';

/** Table cases per native round relative to the committed set (about 900 cases). */
const NATIVE_SCALE = 0.05;

function randomStreams(ctx: FuzzContext, count: number): void {
  for (let p = 0; p < count && ctx.timeLeft(); p++) {
    const model = ctx.rng.pick(MODEL_IDS);
    const real = ctx.rng.chance(0.3);
    const m = new Machine({ memoryBytes: 1 << 20, model });
    if (real) m.cpu.setSegmentCache(CS, 0, 0, 0xffff, ATTR_PRESENT | ATTR_S | ATTR_CODE | ATTR_WRITABLE);
    else m.cpu.setFlat32();
    const code = ctx.rng.bytes(32 + ctx.rng.below(224));
    m.memory.load(code, 0x1000);
    // ECX small so that REP forms end; ESP inside RAM.
    for (let i = 0; i < 8; i++) m.cpu.regs[i] = ctx.rng.u32() & (i === 1 ? 0xfff : i === 4 ? 0xffff0 : 0xfffff);
    m.cpu.eip = 0x1000;
    let problem: string | undefined;
    try {
      const stop = m.run(500);
      // Random code may load the IDTR (LIDT) with a short limit: an event then faults again
      // while delivering (#DF) and the processor shuts down (SDM Vol.3 6.15, interrupt 8):
      // a defined end of the run like the others.
      if (!['limit', 'halt', 'exception', 'shutdown'].includes(stop.reason))
        problem = `stopped with reason '${stop.reason}'`;
      else if (stop.reason === 'exception' && stop.vector === -1 && !/^not implemented yet/.test(stop.message ?? ''))
        problem = `undefined stop: ${stop.message?.split('\n')[0]}`;
    } catch (e) {
      problem = `host exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    }
    ctx.tried();
    if (problem) {
      ctx.fail({
        why: `${model} ${real ? '16-bit real' : '32-bit flat'} regs ${Array.from(m.cpu.regs, (r) => (r >>> 0).toString(16)).join(' ')}: ${problem}`,
        input: code,
        ext: `${model}.${real ? 'real' : 'flat'}.bin`,
      });
    }
  }
}

export const cpuHarness: Harness = {
  name: 'cpu',
  description:
    'random byte streams on every model (defined stops only) and fresh random instruction-table cases against the host CPU (scripts/vectors)',
  async run(ctx: FuzzContext): Promise<void> {
    const native = probeNative();
    if ('reason' in native) ctx.note(`no host comparison: ${native.reason}`);
    const machine = replayMachine();
    let compared = 0;
    while (ctx.timeLeft()) {
      randomStreams(ctx, 300);
      if ('reason' in native || !ctx.timeLeft()) continue;
      const generated = generate(ctx.rng.u32() & 0x7fffffff, NATIVE_SCALE, native.binary);
      for (const r of generated.rejected)
        ctx.fail({
          why: `the host could not run a generated case: ${JSON.stringify(r).slice(0, 300)}`,
          input: JSON.stringify(r),
          ext: 'json',
        });
      for (const [, vectors] of generated.byFamily) {
        for (const v of vectors) {
          const diffs = replayVector(machine, v);
          compared++;
          ctx.tried();
          if (diffs.length > 0)
            ctx.fail({
              why: `differs from the host: ${describeFailure(v, diffs).split('\n').join(' | ')}`,
              input: JSON.stringify(v, null, 1),
              ext: 'vector.json',
            });
        }
      }
      await new Promise((r) => setImmediate(r));
    }
    ctx.note(`${compared} cases compared with the host CPU`);
  },
};
