// x87 exception delivery and model gating (SDM Vol.3 Table 2-2 and 9.2 for #NM; Vol.1 8.7 and
// Vol.3 6.15 for #MF and the CR0.NE = 0 FERR#/IRQ13 path), on small hand-encoded sequences.

import * as assert from 'node:assert/strict';
import { bareCpu, CODE } from '../cpu/cpuHarness';
import { Machine } from '../../src/emulator/machine';
import { CR0_EM, CR0_MP, CR0_NE, CR0_TS, StopReason } from '../../src/emulator/cpu/cpu';
import { Vector } from '../../src/emulator/cpu/exceptions';
import { CPUID_EDX, type ModelId } from '../../src/isa/models';

const FNINIT = [0xdb, 0xe3];
const FLD1 = [0xd9, 0xe8];
const FLDZ = [0xd9, 0xee];
const FDIV = [0xd8, 0xf1]; // fdiv st0, st1
const FWAIT = [0x9b];
const FNSTSW_AX = [0xdf, 0xe0];
const HLT = [0xf4];

/** Runs until HLT or a stop; returns the stop and the CPU. */
function run(code: number[], cr0Set: number, opts: { model?: ModelId; fldcw?: number } = {}) {
  const prologue =
    opts.fldcw !== undefined
      ? [
          ...FNINIT,
          0x66,
          0xb8,
          opts.fldcw & 0xff,
          opts.fldcw >> 8,
          0x66,
          0xa3,
          0,
          0x20,
          0,
          0,
          0xd9,
          0x2d,
          0,
          0x20,
          0,
          0,
        ]
      : [];
  const b = bareCpu([...prologue, ...code, ...HLT], { model: opts.model, compile: false });
  b.cpu.cr0 |= cr0Set;
  b.run(1000);
  return { cpu: b.cpu, stop: b.cpu.stopReason, vector: b.cpu.exceptionVector, eip: b.cpu.eip - CODE - prologue.length };
}

describe('x87 exceptions and gating', () => {
  it('#NM for any x87 instruction when CR0.EM or CR0.TS is set; WAIT only with MP and TS (SDM Vol.3 Table 2-2)', () => {
    for (const cr0 of [CR0_EM, CR0_TS, CR0_EM | CR0_MP, CR0_TS | CR0_MP]) {
      const r = run(FLD1, cr0);
      assert.equal(r.stop, StopReason.Exception, `cr0 ${cr0}`);
      assert.equal(r.vector, Vector.NM, `cr0 ${cr0}`);
      assert.equal(r.eip, 0, 'the faulting instruction is reported');
    }
    assert.equal(run(FWAIT, CR0_TS).stop, StopReason.Halt, 'WAIT ignores TS without MP');
    assert.equal(run(FWAIT, CR0_EM).stop, StopReason.Halt, 'WAIT ignores EM');
    const w = run(FWAIT, CR0_TS | CR0_MP);
    assert.equal(w.vector, Vector.NM);
  });

  it('an unmasked exception is reported as #MF at the next waiting instruction with CR0.NE = 1, not at the faulting one', () => {
    // Unmask ZE (CW 037B), divide 1 by 0: the FDIV completes (ES set), the FWAIT after it faults.
    const r = run([...FLDZ, ...FLD1, ...FDIV, ...FNSTSW_AX, ...FWAIT], CR0_NE | CR0_MP, { fldcw: 0x037b });
    assert.equal(r.stop, StopReason.Exception);
    assert.equal(r.vector, Vector.MF);
    assert.equal(r.eip, 8, '#MF at the FWAIT');
    const sw = r.cpu.regs[0] & 0xffff;
    assert.equal(sw & 0x80ff, 0x8084, 'B, ES and ZE set by the FDIV (FNSTSW does not wait)');
    // Masked: no exception, the quotient is +inf.
    const m = run([...FNINIT, ...FLDZ, ...FLD1, ...FDIV, ...FWAIT], CR0_NE | CR0_MP);
    assert.equal(m.stop, StopReason.Halt);
    assert.equal(m.cpu.fpu.statusWord() & 0xff, 0x04);
    assert.equal(m.cpu.fpu.regExp[m.cpu.fpu.phys(0)], 0x7fff);
  });

  it('with CR0.NE = 0 the error goes out on FERR#: IRQ13 is requested and the FWAIT does not fault; FNCLEX drops it', () => {
    const m = new Machine({ memoryBytes: 1 << 20, model: 'pentium-ii', compileBlocks: false });
    m.cpu.setFlat32();
    m.cpu.eventsStopRun = true;
    const code = [
      0x66,
      0xb8,
      0x7b,
      0x03,
      0x66,
      0xa3,
      0,
      0x20,
      0,
      0,
      0xd9,
      0x2d,
      0,
      0x20,
      0,
      0,
      ...FNINIT,
      0xd9,
      0x2d,
      0,
      0x20,
      0,
      0,
      ...FLDZ,
      ...FLD1,
      ...FDIV,
      ...FWAIT,
      ...HLT,
    ];
    m.memory.load(Uint8Array.from(code), 0x1000);
    m.cpu.eip = 0x1000;
    m.cpu.cr0 |= CR0_MP;
    const pic = m.timers.pic;
    // Unmask IRQ2 (cascade) and IRQ13 after initialising the pair (ICW1-4), vectors 0x20/0x28.
    for (const [port, v] of [
      [0x20, 0x11],
      [0x21, 0x20],
      [0x21, 4],
      [0x21, 1],
      [0xa0, 0x11],
      [0xa1, 0x28],
      [0xa1, 2],
      [0xa1, 1],
      [0x21, 0xfb],
      [0xa1, 0xdf],
    ])
      pic.out8(port, v);
    m.cpu.cr0 &= ~CR0_NE;
    m.run(100);
    assert.notEqual(m.cpu.exceptionVector, Vector.MF, 'no #MF with NE = 0');
    assert.equal(pic.pendingVector(), 0x28 + 5, 'IRQ13 pending');
    const m2 = run([...FLDZ, ...FLD1, ...FDIV, 0xdb, 0xe2, ...FWAIT], CR0_NE | CR0_MP, { fldcw: 0x037b });
    assert.equal(m2.stop, StopReason.Halt, 'FNCLEX clears the pending exception');
    assert.equal(m2.cpu.fpu.statusWord() & 0x80ff, 0);
  });

  it('a model without an FPU (the 486SX) changes nothing on ESC with EM = 0: the FNINIT/FNSTSW probe reads back its own word', () => {
    const probe = [0x66, 0xc7, 0x05, 0, 0x20, 0, 0, 0x5a, 0x5a, ...FNINIT, 0xdd, 0x3d, 0, 0x20, 0, 0];
    const b = bareCpu([...probe, ...HLT], { model: 'i486-nocpuid' });
    b.run(100);
    assert.equal(b.cpu.stopReason, StopReason.Halt);
    assert.equal(b.memory.read16(0x2000), 0x5a5a);
    const c = bareCpu([...probe, ...HLT], { model: 'i486' });
    c.run(100);
    assert.equal(c.memory.read16(0x2000), 0, 'with an FPU the status word is stored');
  });

  it('FCOMI/FCMOVcc need a P6 (CMOV), FXSAVE needs FXSR; CPUID reports FPU, CMOV and FXSR as the models have them', () => {
    const fcomi = [...FNINIT, ...FLD1, ...FLD1, 0xdb, 0xf1];
    assert.equal(run(fcomi, 0, { model: 'pentium' }).vector, Vector.UD);
    assert.equal(run(fcomi, 0, { model: 'pentium-pro' }).stop, StopReason.Halt);
    const fxsave = [0x0f, 0xae, 0x05, 0, 0x20, 0, 0];
    assert.equal(run(fxsave, 0, { model: 'pentium-pro' }).vector, Vector.UD);
    assert.equal(run(fxsave, 0, { model: 'pentium-ii' }).vector, Vector.UD); // Klamath: no FXSR
    assert.equal(run(fxsave, 0, { model: 'athlon' }).stop, StopReason.Halt);
    const cpuid = [0xb8, 1, 0, 0, 0, 0x0f, 0xa2];
    for (const [model, fxsr] of [
      ['i486', false],
      ['pentium', false],
      ['pentium-ii', false],
      ['athlon', true],
      ['k6-2', false],
    ] as const) {
      const edx = run(cpuid, 0, { model }).cpu.regs[2];
      assert.ok((edx & CPUID_EDX.FPU) !== 0, `${model}: FPU bit`);
      assert.equal((edx & CPUID_EDX.FXSR) !== 0, fxsr, `${model}: FXSR bit`);
    }
  });

  it('FXSAVE/FXRSTOR and FNSAVE/FRSTOR round-trip the whole state; FXSAVE to a misaligned address is #GP(0)', () => {
    // fldpi; fld1; fxsave [0x2000]; fninit; fxrstor [0x2000]; fnsave [0x2400]; frstor [0x2400]
    const code = [
      ...FNINIT,
      0xd9,
      0xeb,
      ...FLD1,
      0x0f,
      0xae,
      0x05,
      0,
      0x20,
      0,
      0,
      ...FNINIT,
      0x0f,
      0xae,
      0x0d,
      0,
      0x20,
      0,
      0,
      0xdd,
      0x35,
      0,
      0x24,
      0,
      0,
      0xdd,
      0x25,
      0,
      0x24,
      0,
      0,
    ];
    const r = run(code, 0, { model: 'athlon' });
    assert.equal(r.stop, StopReason.Halt);
    const f = r.cpu.fpu;
    assert.equal(f.top, 6);
    assert.equal(f.regHi[f.phys(1)], 0xc90fdaa2);
    assert.equal(f.regExp[f.phys(0)], 0x3fff);
    assert.equal(f.tag, 0x0fff);
    assert.equal(f.cw, 0x037f);
    assert.equal(run([0x0f, 0xae, 0x05, 8, 0x20, 0, 0], 0, { model: 'athlon' }).vector, Vector.GP);
  });
});
