import * as assert from 'node:assert/strict';
import { flatMachine } from './machineHelpers';
import { Machine } from '../../src/emulator/machine';
import { INSTRUCTIONS } from '../../src/isa/instructions';
import { EXEC_NAMES } from '../../src/emulator/cpu/dispatch';

const UD = 6,
  GP = 13;

describe('model gating and model-specific behaviour', () => {
  it('every table row names an exec the executor implements', () => {
    for (const f of INSTRUCTIONS) assert.ok(EXEC_NAMES.has(f.exec), `${f.mnemonic}: ${f.exec}`);
  });

  it('CPUID is #UD on the 386 and the CPUID-less 486, and answers from the model table elsewhere', () => {
    for (const model of ['i386', 'i486-nocpuid'] as const)
      assert.equal(flatMachine([0x0f, 0xa2, 0xf4], model).run(5).vector, UD, model);
    const m = flatMachine([0x31, 0xc0, 0x0f, 0xa2, 0xf4], 'k6-2'); // xor eax, eax; cpuid
    assert.equal(m.run(5).reason, 'halt');
    const vendor = [m.cpu.regs[3], m.cpu.regs[2], m.cpu.regs[1]]
      .map((r) => String.fromCharCode(r & 255, (r >> 8) & 255, (r >> 16) & 255, r >>> 24))
      .join('');
    assert.equal(vendor, 'AuthenticAMD');
  });

  it('CMOVcc needs a P6 (Pentium #UD, Pentium Pro executes); BSWAP and XADD need a 486', () => {
    const cmov = [0x0f, 0x44, 0xc1, 0xf4]; // cmovz eax, ecx
    assert.equal(flatMachine(cmov, 'pentium').run(5).vector, UD);
    assert.equal(flatMachine(cmov, 'pentium-pro').run(5).reason, 'halt');
    assert.equal(flatMachine([0x0f, 0xc8, 0xf4], 'i386').run(5).vector, UD);
    assert.equal(flatMachine([0x0f, 0xc1, 0xc8, 0xf4], 'i386').run(5).vector, UD);
    assert.equal(flatMachine([0x0f, 0xc8, 0xf4], 'i486').run(5).reason, 'halt');
  });

  it('SYSENTER is #UD on the Pentium Pro (SEP reported, not working) and #GP(0) on the Pentium II with SYSENTER_CS = 0', () => {
    assert.equal(flatMachine([0x0f, 0x34], 'pentium-pro').run(5).vector, UD);
    const s = flatMachine([0x0f, 0x34], 'pentium-ii').run(5);
    assert.deepEqual([s.vector, s.errorCode], [GP, 0]);
    assert.equal(flatMachine([0x0f, 0x05], 'pentium-ii').run(5).vector, UD, 'no SYSCALL on Intel');
    assert.equal(flatMachine([0x0f, 0x05], 'k6-2').run(5).vector, UD, 'SYSCALL with EFER.SCE clear');
  });

  it('SYSENTER enters CPL 0 at SYSENTER_EIP with the flat selectors SDM Vol.2 prescribes', () => {
    // mov ecx, 174h; mov eax, 8; xor edx, edx; wrmsr; mov ecx, 176h; mov eax, 2000h; wrmsr; sysenter
    const m = flatMachine([
      0xb9, 0x74, 0x01, 0x00, 0x00, 0xb8, 0x08, 0x00, 0x00, 0x00, 0x31, 0xd2, 0x0f, 0x30, 0xb9, 0x76, 0x01, 0x00, 0x00,
      0xb8, 0x00, 0x20, 0x00, 0x00, 0x0f, 0x30, 0x0f, 0x34,
    ]);
    m.memory.write8(0x2000, 0xf4);
    assert.equal(m.run(20).reason, 'halt');
    assert.equal(m.cpu.segSelector[1], 8);
    assert.equal(m.cpu.segSelector[2], 16);
    assert.equal(m.cpu.eip, 0x2001);
  });

  it('test registers exist on the 386/486 only; CR4 from the Pentium on', () => {
    const movTr6 = [0x0f, 0x24, 0xf0, 0xf4]; // mov eax, tr6
    assert.equal(flatMachine(movTr6, 'i386').run(5).reason, 'halt');
    assert.equal(flatMachine(movTr6, 'pentium').run(5).vector, UD);
    const movCr4 = [0x0f, 0x20, 0xe0, 0xf4]; // mov eax, cr4
    assert.equal(flatMachine(movCr4, 'i486').run(5).vector, UD);
    assert.equal(flatMachine(movCr4, 'pentium').run(5).reason, 'halt');
  });

  it('RDMSR of an unknown MSR is #GP(0); RDTSC counts retired instructions', () => {
    const bad = flatMachine([0xb9, 0x34, 0x12, 0x00, 0x00, 0x0f, 0x32], 'pentium').run(5);
    assert.deepEqual([bad.vector, bad.errorCode], [GP, 0]);
    const m = flatMachine([0x90, 0x90, 0x90, 0x0f, 0x31, 0xf4], 'pentium');
    m.run(10);
    assert.equal(m.cpu.regs[0], 3);
    assert.equal(m.cpu.regs[2], 0);
  });

  it('resets to real mode at F000:FFF0 with the CS base at FFFF0000 and the signature in EDX', () => {
    const m = new Machine({ model: 'pentium-ii' });
    assert.equal(m.cpu.segSelector[1], 0xf000);
    assert.equal(m.cpu.segBase[1] >>> 0, 0xffff0000);
    assert.equal(m.cpu.eip, 0xfff0);
    assert.equal(m.cpu.regs[2], 0x633);
    assert.equal(m.cpu.getEflags(), 2);
    assert.equal(m.cpu.protectedMode, false);
  });

  it('EFLAGS.AC cannot be set on the 386 and EFLAGS.ID only where CPUID exists', () => {
    // pushfd; pop eax; or eax, 240000h; push eax; popfd; pushfd; pop eax; hlt
    const code = [0x9c, 0x58, 0x0d, 0x00, 0x00, 0x24, 0x00, 0x50, 0x9d, 0x9c, 0x58, 0xf4];
    const flagsOn = (model: 'i386' | 'i486-nocpuid' | 'pentium') => {
      const m = flatMachine(code, model);
      m.run(20);
      return m.cpu.regs[0] & 0x240000;
    };
    assert.equal(flagsOn('i386'), 0);
    assert.equal(flagsOn('i486-nocpuid'), 0x40000);
    assert.equal(flagsOn('pentium'), 0x240000);
  });
});
