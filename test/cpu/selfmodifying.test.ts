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
      0xb9,
      0x14,
      0x00,
      0x00,
      0x00, //       mov ecx, 20
      0x40, //                         l:    inc eax        (patched to inc edx)
      0x49, //                               dec ecx
      0x75,
      0xfc, //                         jnz l
      0x85,
      0xd2, //                         test edx, edx
      0x75,
      0x0e, //                         jnz done
      0xc6,
      0x05,
      0x05,
      0x10,
      0x00,
      0x00,
      0x42, // mov byte [0x1005], 0x42
      0xb9,
      0x05,
      0x00,
      0x00,
      0x00, //       mov ecx, 5
      0xeb,
      0xea, //                         jmp l
      0xf4, //                         done: hlt
    ]);
    assert.equal(m.run(1000).reason, 'halt');
    assert.equal(m.cpu.regs[0], 20);
    assert.equal(m.cpu.regs[2], 5);
  });

  it('stores to data beside code (same page, another 64-byte line) do not hide a later patch of the code', () => {
    const m = flatMachine([
      0xb9,
      0x14,
      0x00,
      0x00,
      0x00, //       mov ecx, 20
      0xff,
      0x05,
      0x00,
      0x18,
      0x00,
      0x00, // l: inc dword [0x1800]  (same page as the code)
      0x40, //                               inc eax        (patched to inc edx)
      0x49, //                               dec ecx
      0x75,
      0xf6, //                         jnz l
      0x85,
      0xd2, //                         test edx, edx
      0x75,
      0x0e, //                         jnz done
      0xc6,
      0x05,
      0x0b,
      0x10,
      0x00,
      0x00,
      0x42, // mov byte [0x100b], 0x42
      0xb9,
      0x05,
      0x00,
      0x00,
      0x00, //       mov ecx, 5
      0xeb,
      0xe4, //                         jmp l
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

  it('a store into a later instruction of the hot (compiled) block that is running is seen by that instruction', () => {
    // Each pass stores inc eax (0x40) or, from ecx = 10 down, inc edx (0x42) over `patch`,
    // the block's next instruction: 30 passes of inc eax, then 10 of inc edx. The block is
    // compiled long before the first store that changes the byte.
    const m = flatMachine([
      0xb9,
      0x28,
      0x00,
      0x00,
      0x00, //       mov ecx, 40
      0x83,
      0xf9,
      0x0a, //             l:    cmp ecx, 10
      0x0f,
      0x96,
      0xc3, //                   setbe bl
      0x00,
      0xdb, //                         add bl, bl
      0x80,
      0xc3,
      0x40, //                   add bl, 0x40
      0x88,
      0x1d,
      0x16,
      0x10,
      0x00,
      0x00, // mov [patch], bl
      0x40, //                         patch: inc eax
      0x49, //                               dec ecx
      0x75,
      0xeb, //                         jnz l
      0xf4, //                               hlt
    ]);
    assert.equal(m.run(1000).reason, 'halt');
    assert.equal(m.cpu.regs[0], 30);
    assert.equal(m.cpu.regs[2], 10);
    assert.equal(m.memory.read8(0x1016), 0x42);
  });

  it('a loop that patches its own immediate on every pass adds every patched value', () => {
    const passes = 1000;
    const m = flatMachine([
      0xb9,
      0xe8,
      0x03,
      0x00,
      0x00, //       mov ecx, 1000
      0x31,
      0xc0, //                         xor eax, eax
      0x83,
      0xc0,
      0x00, //             spin: add eax, imm8 (at 0x1009)
      0xfe,
      0x05,
      0x09,
      0x10,
      0x00,
      0x00, // inc byte [0x1009]
      0x49, //                               dec ecx
      0x75,
      0xf4, //                         jnz spin
      0xf4, //                               hlt
    ]);
    assert.equal(m.run(10 * passes).reason, 'halt');
    let sum = 0;
    for (let i = 0; i < passes; i++) sum = (sum + ((i << 24) >> 24)) | 0; // imm8 is sign-extended
    assert.equal(m.cpu.regs[0] | 0, sum);
    assert.equal(m.cpu.instructionCount, 2 + 4 * passes + 1);
  });

  it('stores to a variable in the same 64-byte line as the loop do not hide a later patch of the loop', () => {
    const m = flatMachine([
      0xb9,
      0x14,
      0x00,
      0x00,
      0x00, //       mov ecx, 20
      0xff,
      0x05,
      0x22,
      0x10,
      0x00,
      0x00, // l: inc dword [count] (0x1022, same line as l)
      0x40, //                               inc eax        (patched to inc edx)
      0x49, //                               dec ecx
      0x75,
      0xf6, //                         jnz l
      0x85,
      0xd2, //                         test edx, edx
      0x75,
      0x0e, //                         jnz done
      0xc6,
      0x05,
      0x0b,
      0x10,
      0x00,
      0x00,
      0x42, // mov byte [0x100b], 0x42
      0xb9,
      0x05,
      0x00,
      0x00,
      0x00, //       mov ecx, 5
      0xeb,
      0xe4, //                         jmp l
      0xf4, //                         done: hlt
      0x00,
      0x00,
      0x00,
      0x00, //       count: dd 0
    ]);
    assert.equal(m.run(1000).reason, 'halt');
    assert.equal(m.cpu.regs[0], 20);
    assert.equal(m.cpu.regs[2], 5);
    assert.equal(m.memory.read32(0x1022), 25);
  });

  it('PhysicalMemory reports each changed byte of a watched page, and no store of the bytes already there', () => {
    const m = flatMachine([0x90, 0xf4]); // nop; hlt
    m.run(10);
    const reported: [number, number][] = [];
    const cpuHandler = m.memory.onCodeWrite;
    m.memory.onCodeWrite = (page, addr) => {
      reported.push([page, addr]);
      cpuHandler(page, addr);
    };
    m.memory.write32(0x1000, 0x0000f490); // the same bytes
    assert.deepEqual(reported, []);
    m.memory.write32(0x1000, 0x0000f440); // inc eax; hlt: one byte changes
    assert.deepEqual(reported, [[1, 0x1000]]);
    m.cpu.halted = false;
    m.cpu.eip = 0x1000;
    m.run(10);
    assert.equal(m.cpu.regs[0], 1);
  });

  it("a patch that changes an instruction's length on every pass runs what the bytes say, whether reused or decoded again", () => {
    // patch toggles between inc eax (40; then nop) and mov al, 0x90 (B0 90): the instructions
    // after it move, so those decoded before cannot all be reused.
    const m = flatMachine([
      0xb9,
      0x64,
      0x00,
      0x00,
      0x00, //       mov ecx, 100
      0x80,
      0x35,
      0x0c,
      0x10,
      0x00,
      0x00,
      0xf0, // l: xor byte [patch], 0xf0
      0x40, //                         patch: inc eax  <->  mov al, 0x90
      0x90, //                               nop
      0x42, //                               inc edx
      0x49, //                               dec ecx
      0x75,
      0xf3, //                         jnz l
      0xf4, //                               hlt
    ]);
    assert.equal(m.run(10_000).reason, 'halt');
    // Even passes (0..98) set AL = 90h, odd ones increment EAX: 91h after the last.
    assert.equal(m.cpu.regs[0], 0x91);
    assert.equal(m.cpu.regs[2], 100);
    assert.equal(m.cpu.instructionCount, 1 + 50 * 5 + 50 * 6 + 1);
  });
});
