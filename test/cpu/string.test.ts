import * as assert from 'node:assert/strict';
import { flatMachine } from './machineHelpers';
import { REP_ITERATIONS_PER_EXECUTION } from '../../src/emulator/cpu/exec/string';

function repMovsb(src: number, dst: number, count: number, init: number[]): number[] {
  const m = flatMachine([0xf3, 0xa4, 0xf4]); // rep movsb; hlt
  m.memory.load(Uint8Array.from(init), 0x2000);
  Object.assign(m.cpu.regs, { 1: count, 6: src, 7: dst });
  assert.equal(m.run(5).reason, 'halt');
  assert.deepEqual([m.cpu.regs[1], m.cpu.regs[6], m.cpu.regs[7]], [0, src + count, dst + count]);
  return Array.from(m.memory.u8.subarray(0x2000, 0x2000 + init.length));
}

describe('REP string instructions', () => {
  it('REPNE SCASB with ECX = FFFFFFFFh is interruptible: it yields with EIP on it and resumes where it stopped', () => {
    const m = flatMachine([0xf2, 0xae, 0xf4]); // repne scasb; hlt
    const found = 200000;
    m.memory.write8(0x2000 + found, 0x55);
    Object.assign(m.cpu.regs, { 0: 0x55, 1: -1, 7: 0x2000 });
    const first = m.run(1);
    assert.equal(first.reason, 'limit');
    assert.equal(m.cpu.eip, 0x1000);
    assert.equal(m.cpu.regs[7], 0x2000 + REP_ITERATIONS_PER_EXECUTION);
    assert.equal(m.cpu.regs[1] >>> 0, 0xffffffff - REP_ITERATIONS_PER_EXECUTION);
    assert.equal(m.run(100).reason, 'halt');
    assert.equal(m.cpu.regs[7], 0x2000 + found + 1);
    assert.equal(m.cpu.regs[1] >>> 0, 0xffffffff - (found + 1));
  });

  it('REP MOVSB with the destination one byte above the source repeats the first byte (element order)', () => {
    assert.deepEqual(repMovsb(0x2000, 0x2001, 4, [9, 1, 2, 3, 4, 5]), [9, 9, 9, 9, 9, 5]);
  });

  it('REP MOVSB copying downwards over itself and between disjoint blocks', () => {
    assert.deepEqual(repMovsb(0x2002, 0x2000, 4, [0, 0, 1, 2, 3, 4]), [1, 2, 3, 4, 3, 4]);
    assert.deepEqual(repMovsb(0x2000, 0x2004, 3, [7, 8, 9, 0, 0, 0, 0]), [7, 8, 9, 0, 7, 8, 9]);
  });

  it('REP STOSD fills dwords little-endian and REP MOVSD over decoded code changes that code', () => {
    // rep stosd (EAX = 40404040h, two dwords at 3000h); mov esi, 3000h; mov edi, 1013h;
    // mov ecx, 1; rep movsd (copies 40 40 40 40 = inc eax x4 over the NOPs); nop x4; hlt
    const m = flatMachine([
      0xf3, 0xab, 0xbe, 0x00, 0x30, 0x00, 0x00, 0xbf, 0x13, 0x10, 0x00, 0x00, 0xb9, 0x01, 0x00, 0x00, 0x00, 0xf3, 0xa5,
      0x90, 0x90, 0x90, 0x90, 0xf4,
    ]);
    Object.assign(m.cpu.regs, { 0: 0x40404040, 1: 2, 7: 0x3000 });
    assert.equal(m.run(50).reason, 'halt');
    assert.deepEqual(
      Array.from(m.memory.u8.subarray(0x3000, 0x3008)),
      [0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40],
    );
    assert.equal(m.cpu.regs[0], 0x40404044, 'the four NOPs became INC EAX');
  });
});
