import * as assert from 'node:assert/strict';
import {
  ATTR_ACCESSED,
  ATTR_DB,
  ATTR_G,
  ATTR_PRESENT,
  ATTR_S,
  CR0_PG,
  ES,
  StopReason,
} from '../../src/emulator/cpu/cpu';
import { bareCpu, CODE, STACK_TOP, type BareCpu } from './cpuHarness';

// Data watchpoints (cpu.setWatchpoints): like an x86 data breakpoint (SDM Vol.3 17.3.1.2)
// the stop is trap-like, after the accessing instruction completed; a REP string instruction
// stops after the iteration that hit, with EIP still on it while iterations are left.
// Encodings from nasm (bits 32).

const HLT = 0xf4;
const MOV_EAX_FROM_2000 = [0xa1, 0x00, 0x20, 0x00, 0x00];
const MOV_2000_FROM_EAX = [0xa3, 0x00, 0x20, 0x00, 0x00];
const ADD_2000_EAX = [0x01, 0x05, 0x00, 0x20, 0x00, 0x00];

function watch(b: BareCpu, linear: number, length: number, read: boolean, write: boolean): void {
  b.cpu.setWatchpoints([{ linear, length, read, write }]);
}

for (const compile of [true, false]) {
  describe(`data watchpoints (${compile ? 'compiled blocks' : 'interpreter only'})`, () => {
    it('a read of a watched dword stops after the reading instruction, EIP after it', () => {
      const b = bareCpu([...MOV_EAX_FROM_2000, 0x90, HLT], { compile });
      b.memory.write32(0x2000, 0x11223344);
      watch(b, 0x2000, 4, true, false);
      assert.equal(b.run(100), 1);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.eip, CODE + 5);
      assert.equal(b.cpu.regs[0], 0x11223344, 'the instruction completed');
      assert.deepEqual(b.cpu.watchHit, { linear: 0x2000, size: 4, write: false, index: 0 });
      assert.equal(b.run(100), 2, 'running on goes to the HLT');
      assert.equal(b.cpu.stopReason, StopReason.Halt);
    });

    it('a write-only watchpoint ignores reads and stops on the write', () => {
      const b = bareCpu([...MOV_EAX_FROM_2000, ...MOV_2000_FROM_EAX, HLT], { compile });
      watch(b, 0x2000, 4, false, true);
      assert.equal(b.run(100), 2);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.eip, CODE + 10);
      assert.deepEqual(b.cpu.watchHit, { linear: 0x2000, size: 4, write: true, index: 0 });
    });

    it('read-modify-write: a read watchpoint sees the read half, a write watchpoint the write half', () => {
      for (const [read, write] of [
        [true, false],
        [false, true],
      ]) {
        const b = bareCpu([...ADD_2000_EAX, HLT], { compile });
        b.cpu.regs[0] = 5;
        b.memory.write32(0x2000, 10);
        watch(b, 0x2000, 4, read, write);
        assert.equal(b.run(100), 1);
        assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
        assert.equal(b.memory.read32(0x2000), 15, 'the write happened before the stop');
        assert.equal(b.cpu.watchHit?.write, write);
      }
    });

    it('an access that only partly overlaps the range hits; one beside it does not', () => {
      // mov [0x2000], eax covers 2000..2003: a one-byte watch at 2003 is hit.
      const hit = bareCpu([...MOV_2000_FROM_EAX, HLT], { compile });
      watch(hit, 0x2003, 1, false, true);
      assert.equal(hit.run(100), 1);
      assert.equal(hit.cpu.stopReason, StopReason.Watchpoint);
      assert.deepEqual(hit.cpu.watchHit, { linear: 0x2000, size: 4, write: true, index: 0 });
      // o16 mov [0x2002], ax covers 2002..2003: a watch on 2004..2007 is not.
      const miss = bareCpu([0x66, 0xa3, 0x02, 0x20, 0x00, 0x00, HLT], { compile });
      watch(miss, 0x2004, 4, true, true);
      assert.equal(miss.run(100), 2);
      assert.equal(miss.cpu.stopReason, StopReason.Halt);
      // ...and a watch starting below the access but reaching into it is hit.
      const below = bareCpu([0x66, 0xa3, 0x02, 0x20, 0x00, 0x00, HLT], { compile });
      watch(below, 0x1ff0, 0x13, false, true);
      assert.equal(below.run(100), 1);
      assert.equal(below.cpu.watchHit?.size, 2);
    });

    it('push and pop to a watched stack slot stop after the push and after the pop', () => {
      // push eax; pop ebx; hlt
      const b = bareCpu([0x50, 0x5b, HLT], { compile });
      b.cpu.regs[0] = 0x1234;
      b.cpu.setWatchpoints([{ linear: STACK_TOP - 4, length: 4, read: true, write: true }]);
      assert.equal(b.run(100), 1);
      assert.deepEqual(b.cpu.watchHit, { linear: STACK_TOP - 4, size: 4, write: true, index: 0 });
      assert.equal(b.cpu.regs[4], STACK_TOP - 4);
      assert.equal(b.run(100), 1);
      assert.deepEqual(b.cpu.watchHit, { linear: STACK_TOP - 4, size: 4, write: false, index: 0 });
      assert.equal(b.cpu.regs[3], 0x1234);
      assert.equal(b.cpu.eip, CODE + 2);
    });

    it('rep movsd stops after the iteration that wrote the watched dword, EIP on the instruction, counts updated', () => {
      // rep movsd; hlt: ESI 2000h, EDI 3000h, ECX 8; the watch is on the third destination dword.
      const b = bareCpu([0xf3, 0xa5, HLT], { compile });
      for (let i = 0; i < 8; i++) b.memory.write32(0x2000 + i * 4, 0x100 + i);
      b.cpu.regs[6] = 0x2000;
      b.cpu.regs[7] = 0x3000;
      b.cpu.regs[1] = 8;
      watch(b, 0x3008, 4, false, true);
      b.run(100);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.eip, CODE, 'iterations are left: EIP stays on rep movsd');
      assert.equal(b.cpu.regs[1], 5);
      assert.equal(b.cpu.regs[6], 0x200c);
      assert.equal(b.cpu.regs[7], 0x300c);
      assert.equal(b.memory.read32(0x3008), 0x102);
      assert.equal(b.memory.read32(0x300c), 0, 'the next element is not copied yet');
      b.run(100);
      assert.equal(b.cpu.stopReason, StopReason.Halt);
      assert.equal(b.cpu.regs[1], 0);
      for (let i = 0; i < 8; i++) assert.equal(b.memory.read32(0x3000 + i * 4), 0x100 + i);
    });

    it('rep movsd hitting on its last iteration stops with EIP after the instruction', () => {
      const b = bareCpu([0xf3, 0xa5, HLT], { compile });
      b.cpu.regs[6] = 0x2000;
      b.cpu.regs[7] = 0x3000;
      b.cpu.regs[1] = 4;
      watch(b, 0x200c, 4, true, false);
      assert.equal(b.run(100), 1);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.eip, CODE + 2);
      assert.equal(b.cpu.regs[1], 0);
    });

    it('an instruction that faults after a watched access reports the fault, not the watchpoint', () => {
      // movsd reads DS:[ESI] (watched) and then writes ES:[EDI] with ES read-only: #GP(0).
      const b = bareCpu([0xa5, HLT], { compile });
      b.cpu.setSegmentCache(ES, 0x10, 0, 0xffffffff, ATTR_PRESENT | ATTR_S | ATTR_ACCESSED | ATTR_DB | ATTR_G);
      b.cpu.regs[6] = 0x2000;
      b.cpu.regs[7] = 0x3000;
      watch(b, 0x2000, 4, true, true);
      assert.equal(b.run(100), 0);
      assert.equal(b.cpu.stopReason, StopReason.Exception);
      assert.equal(b.cpu.exceptionVector, 13);
      assert.equal(b.cpu.watchHit, undefined);
    });

    it('a loop storing through a compiled block stops at exactly the iteration that hits', () => {
      // l: mov [ebx], eax; add ebx, 4; dec ecx; jnz l; hlt  (EBX 2000h, ECX 100)
      const b = bareCpu([0x89, 0x03, 0x83, 0xc3, 0x04, 0x49, 0x75, 0xf8, HLT], { compile });
      b.cpu.regs[3] = 0x2000;
      b.cpu.regs[1] = 100;
      b.run(4 * 30); // 30 iterations: the block is hot (compiled when allowed)
      watch(b, 0x2000 + 4 * 50, 4, false, true);
      assert.equal(b.run(1000), 4 * 20 + 1);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.eip, CODE + 2);
      assert.equal(b.cpu.regs[3], 0x2000 + 4 * 50, 'stopped before the add of that iteration');
      assert.equal(b.cpu.regs[1], 50);
    });

    it('watchpoints are on linear addresses: with paging, the linear page hits, the physical alias does not', () => {
      // Identity paging for the first MiB except linear page 5000h -> physical 8000h.
      // mov eax, [0x5010]; mov eax, [0x8010]; hlt
      const b = bareCpu([0xa1, 0x10, 0x50, 0, 0, 0xa1, 0x10, 0x80, 0, 0, HLT], { compile });
      b.memory.write32(0x10000, 0x11000 | 7);
      for (let i = 0; i < 256; i++) b.memory.write32(0x11000 + i * 4, ((i === 5 ? 8 : i) << 12) | 7);
      b.memory.write32(0x8010, 0xabcd);
      b.cpu.cr3 = 0x10000;
      b.cpu.cr0 |= CR0_PG;
      b.cpu.flushTranslation();
      watch(b, 0x8010, 4, true, true);
      // The first read reaches physical 8010h through linear 5010h: no hit; the second reads linear 8010h.
      assert.equal(b.run(100), 2);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.eip, CODE + 10);
      watch(b, 0x5010, 4, true, false);
      b.cpu.eip = CODE;
      assert.equal(b.run(100), 1);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.regs[0], 0xabcd);
      assert.equal(b.cpu.watchHit?.linear, 0x5010);
    });

    it('a dword write straddling two pages mapped apart hits a watch on the second page', () => {
      // Linear 5000h -> physical 8000h, 6000h -> 6000h; mov [0x5ffe], eax writes 5FFE..6001.
      const b = bareCpu([0xa3, 0xfe, 0x5f, 0, 0, HLT], { compile });
      b.memory.write32(0x10000, 0x11000 | 7);
      for (let i = 0; i < 256; i++) b.memory.write32(0x11000 + i * 4, ((i === 5 ? 8 : i) << 12) | 7);
      b.cpu.cr3 = 0x10000;
      b.cpu.cr0 |= CR0_PG;
      b.cpu.flushTranslation();
      b.cpu.regs[0] = 0x44332211;
      watch(b, 0x6001, 1, false, true);
      assert.equal(b.run(100), 1);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.deepEqual(b.cpu.watchHit, { linear: 0x5ffe, size: 4, write: true, index: 0 });
      assert.equal(b.memory.read16(0x8ffe), 0x2211);
      assert.equal(b.memory.read16(0x6000), 0x4433);
    });

    it('instruction fetches are not data accesses, and an empty list stops nothing', () => {
      const b = bareCpu([...MOV_EAX_FROM_2000, HLT], { compile });
      watch(b, CODE, 16, true, true);
      assert.equal(b.run(100), 2);
      assert.equal(b.cpu.stopReason, StopReason.Halt);
      const c = bareCpu([...MOV_EAX_FROM_2000, HLT], { compile });
      watch(c, 0x2000, 4, true, true);
      c.cpu.setWatchpoints([]);
      assert.equal(c.run(100), 2);
      assert.equal(c.cpu.stopReason, StopReason.Halt);
    });
  });
}

describe('setWatchpoints input', () => {
  it('rejects an address or length that is not a 32-bit range, naming the entry', () => {
    const b = bareCpu([HLT]);
    assert.throws(
      () => b.cpu.setWatchpoints([{ linear: -1, length: 4, read: true, write: false }]),
      /watchpoint 0: linear address -1/,
    );
    assert.throws(
      () =>
        b.cpu.setWatchpoints([
          { linear: 0, length: 4, read: true, write: false },
          { linear: 0, length: 0, read: true, write: false },
        ]),
      /watchpoint 1: length 0/,
    );
  });
});
