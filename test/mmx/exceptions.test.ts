// MMX exception delivery, model gating and CPUID (SDM Vol.3 12.1 and Table 12-2: CR0.EM -> #UD,
// CR0.TS -> #NM; 12.5.1: a pending unmasked x87 exception -> #MF before an MMX instruction;
// CPUID.1:EDX bit 23 and AMD's CPUID 80000001h EDX bits 22, 30 and 31), and the accuracy the
// AMD 3DNow! Technology Manual states for PFRCP (14 bits) and PFRSQRT (15 bits).

import * as assert from 'node:assert/strict';
import { bareCpu, CODE } from '../cpu/cpuHarness';
import { CR0_EM, CR0_MP, CR0_NE, CR0_TS, StopReason } from '../../src/emulator/cpu/cpu';
import { Vector } from '../../src/emulator/cpu/exceptions';
import { CPUID_EDX, CPUID_EXT_EDX, MODELS, type ModelId } from '../../src/isa/models';

const PADDB = [0x0f, 0xfc, 0xc1]; // paddb mm0, mm1
const EMMS = [0x0f, 0x77];
const PFADD = [0x0f, 0x0f, 0xc1, 0x9e]; // pfadd mm0, mm1
const PSWAPD = [0x0f, 0x0f, 0xc1, 0xbb]; // pswapd mm0, mm1
const PMINUB = [0x0f, 0xda, 0xc1]; // pminub mm0, mm1
const HLT = [0xf4];

function run(code: number[], cr0Set: number, model: ModelId = 'athlon') {
  const b = bareCpu([...code, ...HLT], { model, compile: false });
  b.cpu.cr0 |= cr0Set;
  b.run(1000);
  return { cpu: b.cpu, stop: b.cpu.stopReason, vector: b.cpu.exceptionVector, eip: b.cpu.eip - CODE };
}

describe('MMX exceptions, gating and CPUID', () => {
  it('#UD with CR0.EM = 1, #NM with CR0.TS = 1 (EM wins), for MMX, EMMS, 3DNow! and the MMX extensions', () => {
    for (const code of [PADDB, EMMS, PFADD, PMINUB]) {
      const ud = run(code, CR0_EM | CR0_TS);
      assert.equal(ud.vector, Vector.UD, `${code} with EM`);
      assert.equal(ud.eip, 0, 'the faulting instruction is reported');
      const nm = run(code, CR0_TS | CR0_MP);
      assert.equal(nm.vector, Vector.NM, `${code} with TS`);
      assert.equal(run(code, CR0_MP | CR0_NE).stop, StopReason.Halt, `${code} runs with EM = TS = 0`);
    }
  });

  it('a pending unmasked x87 exception raises #MF at the MMX instruction (CR0.NE = 1), before any MMX effect', () => {
    // fninit; fldcw [0x2000] (CW 037B: ZE unmasked); fldz; fld1; fdiv st0, st1 -> ES pending; paddb.
    const setup = [0xdb, 0xe3, 0xd9, 0x2d, 0, 0x20, 0, 0, 0xd9, 0xee, 0xd9, 0xe8, 0xd8, 0xf1];
    const b = bareCpu([...setup, ...PADDB, ...HLT], { model: 'pentium-ii', compile: false });
    b.memory.write16(0x2000, 0x037b);
    b.cpu.cr0 |= CR0_NE | CR0_MP;
    b.run(1000);
    assert.equal(b.cpu.exceptionVector, Vector.MF);
    assert.equal(b.cpu.eip - CODE, setup.length, '#MF at the PADDB');
    assert.equal(b.cpu.fpu.top, 6, 'TOP unchanged: the MMX instruction had no effect');
  });

  it('models without the feature raise #UD: no MMX on the Pentium, no 3DNow! on the Pentium II, no extensions on the K6-2', () => {
    assert.equal(run(PADDB, 0, 'pentium').vector, Vector.UD);
    assert.equal(run(PADDB, 0, 'pentium-ii').stop, StopReason.Halt);
    assert.equal(run(PFADD, 0, 'pentium-ii').vector, Vector.UD);
    assert.equal(run(PFADD, 0, 'k6-2').stop, StopReason.Halt);
    assert.equal(run(PSWAPD, 0, 'k6-2').vector, Vector.UD);
    assert.equal(run(PMINUB, 0, 'k6-2').vector, Vector.UD);
    assert.equal(run(PSWAPD, 0, 'athlon').stop, StopReason.Halt);
  });

  it('0F 18 /0 is PREFETCHNTA on the Athlon and a hint NOP on the Pentium II; #UD on the K6-2 (family 5)', () => {
    const prefetchnta = [0x0f, 0x18, 0x00];
    assert.equal(run(prefetchnta, 0, 'athlon').stop, StopReason.Halt);
    assert.equal(run(prefetchnta, 0, 'pentium-ii').stop, StopReason.Halt);
    assert.equal(run(prefetchnta, 0, 'k6-2').vector, Vector.UD);
  });

  it('CPUID.1:EDX bit 23 (MMX) exactly on pentium-ii, k6-2, athlon; 80000001h EDX 31/30/22 as on the K6-2 and Athlon', () => {
    for (const m of MODELS) {
      const mmx = ((m.cpuid?.features ?? 0) & CPUID_EDX.MMX) !== 0;
      assert.equal(mmx, ['pentium-ii', 'k6-2', 'athlon'].includes(m.id), m.id);
      assert.equal(mmx, m.features.has('mmx'), `${m.id}: CPUID and feature agree`);
      const ext = m.cpuid?.extendedFeatures ?? 0;
      assert.equal((ext & CPUID_EXT_EDX.AMD3DNOW) !== 0, m.features.has('3dnow'), `${m.id} 3DNow!`);
      assert.equal((ext & CPUID_EXT_EDX.EXT3DNOW) !== 0, m.features.has('3dnowext'), `${m.id} extended 3DNow!`);
      assert.equal((ext & CPUID_EXT_EDX.MMXEXT) !== 0, m.features.has('mmxext'), `${m.id} MMX extensions`);
    }
    // The CPUID instruction itself on the Athlon: leaf 1 and leaf 80000001h.
    const cpuid = (leaf: number) => {
      const b = bareCpu([0x0f, 0xa2, ...HLT], { model: 'athlon', compile: false });
      b.cpu.regs[0] = leaf;
      b.run(10);
      return b.cpu.regs[2] >>> 0;
    };
    assert.ok((cpuid(1) & CPUID_EDX.MMX) !== 0);
    const bits = CPUID_EXT_EDX.AMD3DNOW | CPUID_EXT_EDX.EXT3DNOW | CPUID_EXT_EDX.MMXEXT;
    assert.equal(cpuid(0x80000001) & bits, bits, 'bits 31, 30 and 22');
  });

  it('PFRCP and PFRSQRT are at least as accurate as the AMD manual states (14 and 15 bits)', () => {
    const f32 = new Float32Array(2);
    const u32 = new Uint32Array(f32.buffer);
    let worstRcp = 0,
      worstRsqrt = 0;
    const b = bareCpu(HLT, { model: 'athlon', compile: false });
    for (let i = 0; i < 500; i++) {
      const x = (1 + i / 247) * 2 ** ((i % 40) - 20) * (i % 3 === 0 ? -1 : 1);
      f32[0] = x;
      const bitsOfX = u32[0];
      for (const [suffix, exact] of [
        [0x96, 1 / f32[0]],
        [0x97, Math.sign(f32[0]) / Math.sqrt(Math.abs(f32[0]))],
      ] as const) {
        // movq mm1, [0x2000]; pfrcp/pfrsqrt mm0, mm1; movq [0x2008], mm0
        const code = [0x0f, 0x6f, 0x0d, 0, 0x20, 0, 0, 0x0f, 0x0f, 0xc1, suffix, 0x0f, 0x7f, 0x05, 8, 0x20, 0, 0];
        b.memory.load(Uint8Array.from([...code, ...HLT]), CODE);
        b.cpu.eip = CODE;
        b.cpu.halted = false;
        b.memory.write32(0x2000, bitsOfX);
        b.memory.write32(0x2004, bitsOfX);
        b.run(10);
        u32[0] = b.memory.read32(0x2008);
        const rel = Math.abs((f32[0] - exact) / exact);
        if (suffix === 0x96) worstRcp = Math.max(worstRcp, rel);
        else worstRsqrt = Math.max(worstRsqrt, rel);
        assert.equal(b.memory.read32(0x200c), b.memory.read32(0x2008), 'both halves hold the result');
      }
    }
    assert.ok(worstRcp <= 2 ** -14, `PFRCP relative error ${worstRcp}`);
    assert.ok(worstRsqrt <= 2 ** -15, `PFRSQRT relative error ${worstRsqrt}`);
    assert.ok(worstRcp <= 2 ** -24 && worstRsqrt <= 2 ** -23, 'the precision documented in mmx/amd.ts');
  });
});
