import * as assert from 'node:assert/strict';
import { Machine } from '../../src/emulator/machine';
import { CS, ATTR_PRESENT, ATTR_S, ATTR_CODE, ATTR_WRITABLE } from '../../src/emulator/cpu/cpu';
import { MODEL_IDS } from '../../src/isa/models';
import { xorshift32 } from '../../scripts/lib/random';

describe('no host exception escapes run, whatever the guest bytes', () => {
  const seed = Number(process.env.CPU_FUZZ_SEED ?? 20240611);

  for (const mode of ['32-bit flat', '16-bit real'] as const) {
    it(`${mode}: 600 random programs on every model stop only with a defined reason (seed ${seed})`, function () {
      this.timeout(120_000);
      const next = xorshift32(seed);
      const reasons = new Map<string, number>();
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
        const where = `program ${p} on ${model}`;
        assert.ok(['limit', 'halt', 'exception'].includes(stop.reason), `${where}: ${stop.reason}`);
        assert.ok(stop.executed >= 0 && stop.executed <= 300, `${where}: executed ${stop.executed} of a 300 budget`);
        assert.equal(stop.reason === 'limit', stop.executed === 300, `${where}: only the budget ends a run at 300`);
        if (stop.reason === 'exception') {
          // Flat mode has no IDT: every exception or INT n is reported undelivered, with its
          // vector (0..255) and the EIP it was raised at. An emulator stop (vector -1) may
          // only be a feature the model lacks, never an internal error.
          assert.ok(
            stop.vector !== undefined && stop.vector >= -1 && stop.vector < 256,
            `${where}: vector ${stop.vector}`,
          );
          if (stop.vector === -1) assert.match(stop.message ?? '', /^not implemented yet/, `${where}: ${stop.message}`);
          else assert.equal(typeof stop.faultEip, 'number', `${where}: exception without faultEip`);
        }
        reasons.set(stop.reason, (reasons.get(stop.reason) ?? 0) + 1);
      }
      const seen = JSON.stringify([...reasons]);
      if (mode === '32-bit flat') {
        // Random bytes run into faults most of the time, and some run out the budget: a
        // harness that stopped every program the same way would not be exercising the CPU.
        assert.ok((reasons.get('exception') ?? 0) > 100, `too few exceptions: ${seen}`);
        assert.ok(
          (reasons.get('limit') ?? 0) + (reasons.get('halt') ?? 0) > 0,
          `none ran to the budget or HLT: ${seen}`,
        );
      } else {
        // Real mode always has an interrupt vector table (at 0, SDM Vol.3 20.1.4): every
        // exception and INT n is delivered, so runs end only on the budget or HLT.
        assert.equal(reasons.get('exception') ?? 0, 0, seen);
        assert.ok((reasons.get('halt') ?? 0) > 0, `no program reached HLT: ${seen}`);
      }
    });
  }
});
