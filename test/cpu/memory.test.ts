import * as assert from 'node:assert/strict';
import { PhysicalMemory } from '../../src/emulator/memory';
import { flatMachine } from './machineHelpers';

describe('physical memory', () => {
  it('is little-endian and handles accesses that straddle a page', () => {
    const m = new PhysicalMemory(16384);
    m.write32(0xffe, 0x11223344);
    assert.deepEqual(Array.from(m.u8.subarray(0xffe, 0x1002)), [0x44, 0x33, 0x22, 0x11]);
    assert.equal(m.read32(0xffe), 0x11223344);
    assert.equal(m.read16(0xfff), 0x2233);
    m.write16(0x1fff, 0xabcd);
    assert.equal(m.read8(0x1fff), 0xcd);
    assert.equal(m.read8(0x2000), 0xab);
  });

  it('reads beyond RAM see an open bus (FFh) and writes there are dropped, also half-way', () => {
    const m = new PhysicalMemory(8192);
    m.write32(8190, 0x11223344);
    assert.equal(m.read16(8190), 0x3344);
    assert.equal(m.read32(8190), 0xffff3344);
    assert.equal(m.read32(0x10000000), 0xffffffff);
    m.write8(9000, 1);
    assert.equal(m.read8(9000), 0xff);
  });

  it('only accepts sizes that are multiples of 4 KiB', () => {
    assert.throws(() => new PhysicalMemory(5000), RangeError);
    assert.equal(new PhysicalMemory().size, 16 * 1024 * 1024);
  });

  it('the CPU reads and writes a dword across a page boundary and across a dword boundary', () => {
    // mov [ebx], eax; mov ecx, [ebx]; hlt
    const m = flatMachine([0x89, 0x03, 0x8b, 0x0b, 0xf4]);
    m.cpu.regs[0] = 0xdeadbeef | 0;
    m.cpu.regs[3] = 0x2ffd;
    assert.equal(m.run(10).reason, 'halt');
    assert.equal(m.memory.read32(0x2ffd), 0xdeadbeef);
    assert.equal(m.cpu.regs[1] >>> 0, 0xdeadbeef);
  });
});
