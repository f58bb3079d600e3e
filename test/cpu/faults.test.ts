import * as assert from 'node:assert/strict';
import { flatMachine, regs, CODE } from './machineHelpers';
import { SS, DS, ES, ATTR_PRESENT, ATTR_S, ATTR_WRITABLE, ATTR_DB, ATTR_EXPAND_DOWN } from '../../src/emulator/cpu/cpu';

const UD = 6,
  GP = 13,
  SSF = 12,
  DE = 0;

describe('precise faults and traps', () => {
  it('lock nop (F0 90) raises #UD with EIP at the F0 byte and nothing changed', () => {
    const m = flatMachine([0xf0, 0x90, 0xf4]);
    const before = regs(m);
    const stop = m.run(10);
    assert.equal(stop.reason, 'exception');
    assert.equal(stop.vector, UD);
    assert.equal(stop.faultEip, CODE);
    assert.equal(stop.executed, 0);
    assert.deepEqual(regs(m), before);
  });

  it('on the early i386 model lock nop executes as NOP and the program reaches HLT', () => {
    const m = flatMachine([0xf0, 0x90, 0xf4], 'i386-early');
    const stop = m.run(10);
    assert.equal(stop.reason, 'halt');
    assert.equal(stop.executed, 2);
    assert.equal(m.cpu.eip, CODE + 3, 'HLT stops with EIP after it');
  });

  it('LOCK with a register destination is #UD before any side effect; with memory it executes', () => {
    // mov eax, 5; lock add eax, ebx
    const reg = flatMachine([0xb8, 5, 0, 0, 0, 0xf0, 0x01, 0xd8, 0xf4]);
    reg.cpu.regs[3] = 7;
    const s1 = reg.run(10);
    assert.equal(s1.vector, UD);
    assert.equal(s1.faultEip, CODE + 5);
    assert.equal(s1.executed, 1);
    assert.equal(reg.cpu.regs[0], 5);
    // lock add [ebx], eax
    const mem = flatMachine([0xf0, 0x01, 0x03, 0xf4]);
    mem.cpu.regs[0] = 5;
    mem.cpu.regs[3] = 0x2000;
    mem.memory.write32(0x2000, 10);
    assert.equal(mem.run(10).reason, 'halt');
    assert.equal(mem.memory.read32(0x2000), 15);
    // lock mov [ebx], eax: MOV is not on the LOCK list
    const mov = flatMachine([0xf0, 0x89, 0x03, 0xf4]);
    mov.cpu.regs[3] = 0x2000;
    assert.equal(mov.run(10).vector, UD);
    assert.equal(mov.memory.read32(0x2000), 0);
  });

  it('#DE from DIV leaves EAX/EDX alone and points at the first prefix byte, mid-block', () => {
    // mov eax, 100; inc ebx; 66 div cx (ECX = 0)
    const m = flatMachine([0xb8, 100, 0, 0, 0, 0x43, 0x66, 0xf7, 0xf1, 0xf4]);
    m.cpu.regs[2] = 0x1234;
    const stop = m.run(10);
    assert.equal(stop.vector, DE);
    assert.equal(stop.faultEip, CODE + 6);
    assert.equal(stop.executed, 2);
    assert.equal(m.cpu.regs[0], 100);
    assert.equal(m.cpu.regs[2], 0x1234);
    assert.equal(m.cpu.regs[3], 1);
  });

  it('faults stay precise when the block has been compiled (hot loop, then a fault in it)', () => {
    // l: mov eax, [esi]; add esi, 0x1000; dec ecx; jnz l; hlt -- ESI walks past DS's limit
    const m = flatMachine([0x8b, 0x06, 0x81, 0xc6, 0x00, 0x10, 0x00, 0x00, 0x49, 0x75, 0xf5, 0xf4]);
    m.cpu.setSegmentCache(DS, 0x10, 0, 0x3ffff, ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_DB);
    m.cpu.regs[1] = 1000;
    const stop = m.run(10_000);
    assert.equal(stop.vector, GP);
    assert.equal(stop.errorCode, 0);
    assert.equal(stop.faultEip, CODE);
    assert.equal(m.cpu.regs[6], 0x40000, 'ESI at the first offset past the limit');
    assert.equal(m.cpu.regs[1], 1000 - 0x40, 'ECX counts the completed iterations');
    assert.equal(stop.executed, 0x40 * 4);
  });

  it('a dword read straddling the DS limit is #GP(0); a push below an SS limit is #SS(0)', () => {
    const m = flatMachine([0x8b, 0x03, 0xf4]); // mov eax, [ebx]
    m.cpu.setSegmentCache(DS, 0x10, 0, 0x2001, ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_DB);
    m.cpu.regs[3] = 0x1fff;
    const s = m.run(5);
    assert.deepEqual([s.vector, s.errorCode, s.faultEip], [GP, 0, CODE]);

    const p = flatMachine([0x50, 0xf4]); // push eax
    // Expand-down stack: valid offsets are limit+1 .. 4 GiB-1, so ESP = limit+3 cannot push.
    p.cpu.setSegmentCache(SS, 0x10, 0, 0x7fff, ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_DB | ATTR_EXPAND_DOWN);
    p.cpu.regs[4] = 0x8003;
    const t = p.run(5);
    assert.deepEqual([t.vector, t.errorCode, t.faultEip], [SSF, 0, CODE]);
    assert.equal(p.cpu.regs[4], 0x8003);
  });

  it('REP MOVSB faulting part-way keeps the completed iterations and EIP at the REP prefix', () => {
    // rep movsb with ES limit 0x3003: the fifth byte (EDI 0x3004) is outside
    const m = flatMachine([0xf3, 0xa4, 0xf4]);
    m.cpu.setSegmentCache(ES, 0x10, 0, 0x3003, ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_DB);
    m.memory.load(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 0x2000);
    Object.assign(m.cpu.regs, { 1: 8, 6: 0x2000, 7: 0x3000 });
    const stop = m.run(5);
    assert.deepEqual([stop.vector, stop.faultEip], [GP, CODE]);
    assert.deepEqual([m.cpu.regs[1], m.cpu.regs[6], m.cpu.regs[7]], [4, 0x2004, 0x3004]);
    assert.deepEqual(Array.from(m.memory.u8.subarray(0x3000, 0x3005)), [1, 2, 3, 4, 0]);
  });

  it('an instruction longer than 15 bytes is #GP(0)', () => {
    const m = flatMachine([...Array(15).fill(0x66), 0x90, 0xf4]);
    const stop = m.run(5);
    assert.deepEqual([stop.vector, stop.errorCode, stop.faultEip], [GP, 0, CODE]);
  });

  it('INT n, INT3 and INTO (OF=1) are traps: they stop with the vector and EIP after them', () => {
    const int = flatMachine([0xcd, 0x30, 0xf4]).run(5);
    assert.deepEqual([int.reason, int.vector, int.faultEip, int.executed], ['exception', 0x30, CODE + 2, 1]);
    const bp = flatMachine([0xcc, 0xf4]).run(5);
    assert.deepEqual([bp.vector, bp.faultEip], [3, CODE + 1]);
    // mov al, 0x7f; add al, 1 (OF=1); into
    const of = flatMachine([0xb0, 0x7f, 0x04, 0x01, 0xce, 0xf4]).run(5);
    assert.deepEqual([of.vector, of.faultEip, of.executed], [4, CODE + 5, 3]);
    // INTO with OF=0 falls through to HLT
    assert.equal(flatMachine([0xce, 0xf4]).run(5).reason, 'halt');
  });
});
