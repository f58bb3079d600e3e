import * as assert from 'node:assert/strict';
import { Machine } from '../../src/emulator/machine';
import { CS, ATTR_PRESENT, ATTR_S, ATTR_CODE, ATTR_WRITABLE } from '../../src/emulator/cpu/cpu';
import { MODEL_IDS } from '../../src/emulator/cpu/models';

// xorshift32, seeded so a failure can be replayed
function random(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

describe('no host exception escapes run, whatever the guest bytes', () => {
  const seed = Number(process.env.CPU_FUZZ_SEED ?? 20240611);

  for (const mode of ['32-bit flat', '16-bit real'] as const) {
    it(`${mode}: 600 random programs on every model stop only with a defined reason (seed ${seed})`, function () {
      this.timeout(120_000);
      const next = random(seed);
      let stops = 0;
      for (let p = 0; p < 600; p++) {
        const model = MODEL_IDS[p % MODEL_IDS.length];
        const m = new Machine({ memoryBytes: 1 << 20, model });
        if (mode === '32-bit flat') m.cpu.setFlat32();
        else m.cpu.setSegmentCache(CS, 0, 0, 0xffff, ATTR_PRESENT | ATTR_S | ATTR_CODE | ATTR_WRITABLE);
        const code = new Uint8Array(96);
        for (let i = 0; i < code.length; i++) code[i] = next() & 0xff;
        m.memory.load(code, 0x1000);
        // ECX stays small so REP forms end quickly; ESP points into RAM.
        for (let i = 0; i < 8; i++) m.cpu.regs[i] = next() & (i === 1 ? 0xfff : i === 4 ? 0xffff0 : 0xfffff);
        m.cpu.eip = 0x1000;
        const stop = m.run(300);
        assert.ok(['limit', 'halt', 'exception'].includes(stop.reason), `program ${p}: ${stop.reason}`);
        if (stop.reason === 'exception' && stop.vector === -1) {
          assert.match(stop.message ?? '', /^not implemented yet/, `program ${p} on ${model}: ${stop.message}`);
        }
        stops++;
      }
      assert.equal(stops, 600);
    });
  }
});
