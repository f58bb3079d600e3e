import * as assert from 'node:assert/strict';
import { flatMachine } from './machineHelpers';

describe('self-modifying code', () => {
  it('a store into the next instruction of the same block takes effect', () => {
    // mov byte [0x1007], 0x42 (inc eax -> inc edx); inc eax; hlt
    const m = flatMachine([0xc6, 0x05, 0x07, 0x10, 0x00, 0x00, 0x42, 0x40, 0xf4]);
    assert.equal(m.run(10).reason, 'halt');
    assert.equal(m.cpu.regs[0], 0);
    assert.equal(m.cpu.regs[2], 1);
  });

  it('patching a hot (compiled) loop body from guest code changes what the loop does', () => {
    const m = flatMachine([
      0xb9, 0x14, 0x00, 0x00, 0x00, //       mov ecx, 20
      0x40, //                         l:    inc eax        (patched to inc edx)
      0x49, //                               dec ecx
      0x75, 0xfc, //                         jnz l
      0x85, 0xd2, //                         test edx, edx
      0x75, 0x0e, //                         jnz done
      0xc6, 0x05, 0x05, 0x10, 0x00, 0x00, 0x42, // mov byte [0x1005], 0x42
      0xb9, 0x05, 0x00, 0x00, 0x00, //       mov ecx, 5
      0xeb, 0xea, //                         jmp l
      0xf4, //                         done: hlt
    ]);
    assert.equal(m.run(1000).reason, 'halt');
    assert.equal(m.cpu.regs[0], 20);
    assert.equal(m.cpu.regs[2], 5);
  });

  it('stores to data beside code (same page, another 64-byte line) do not hide a later patch of the code', () => {
    const m = flatMachine([
      0xb9, 0x14, 0x00, 0x00, 0x00, //       mov ecx, 20
      0xff, 0x05, 0x00, 0x18, 0x00, 0x00, // l: inc dword [0x1800]  (same page as the code)
      0x40, //                               inc eax        (patched to inc edx)
      0x49, //                               dec ecx
      0x75, 0xf6, //                         jnz l
      0x85, 0xd2, //                         test edx, edx
      0x75, 0x0e, //                         jnz done
      0xc6, 0x05, 0x0b, 0x10, 0x00, 0x00, 0x42, // mov byte [0x100b], 0x42
      0xb9, 0x05, 0x00, 0x00, 0x00, //       mov ecx, 5
      0xeb, 0xe4, //                         jmp l
      0xf4, //                         done: hlt
    ]);
    assert.equal(m.run(1000).reason, 'halt');
    assert.equal(m.cpu.regs[0], 20);
    assert.equal(m.cpu.regs[2], 5);
    assert.equal(m.memory.read32(0x1800), 25);
  });

  it('a write through PhysicalMemory (a loader, a debugger) also drops decoded code', () => {
    const m = flatMachine([0x40, 0xf4]); // inc eax; hlt
    m.run(10);
    m.memory.write8(0x1000, 0x43); // inc ebx
    m.cpu.halted = false;
    m.cpu.eip = 0x1000;
    m.run(10);
    assert.equal(m.cpu.regs[0], 1);
    assert.equal(m.cpu.regs[3], 1);
  });
});
