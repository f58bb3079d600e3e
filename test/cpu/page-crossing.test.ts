import * as assert from 'node:assert/strict';
import {
  ATTR_ACCESSED,
  ATTR_CODE,
  ATTR_DB,
  ATTR_G,
  ATTR_PRESENT,
  ATTR_S,
  ATTR_WRITABLE,
  CR0_PG,
  CS,
  SS,
  StopReason,
} from '../../src/emulator/cpu/cpu';
import { bareCpu, type BareCpu } from './cpuHarness';

// An instruction whose bytes cross into the next linear page fetches them through that page's
// translation (SDM Vol.3 4.3, 4.6, 4.7): at CPL 3 a supervisor page is a protection #PF, a
// not-present page a #PF, CR2 the first byte in the second page, EIP on the instruction and
// nothing of it retired. A remapped second page (after INVLPG) is executed with its new bytes.
// Encodings from nasm (bits 32).

const PD = 0x10000,
  PT = 0x11000;
// inc ebx at 5FFCh; mov eax, 12345678h at 5FFDh (B8 78 56 | 34 12 in page 6000h);
// cmp ebx, ecx; jne 5FFCh; hlt
const LOOP = [0x43, 0xb8, 0x78, 0x56, 0x34, 0x12, 0x39, 0xcb, 0x75, 0xf6, 0xf4];
const AT = 0x5ffc,
  CROSSING = 0x5ffd;

function pagedCpu(cpl: 0 | 3, page6: number, compile = true): BareCpu {
  const b = bareCpu([], { compile });
  b.memory.load(Uint8Array.from(LOOP), AT);
  b.memory.write32(PD, PT | 7);
  for (let i = 0; i < 256; i++) b.memory.write32(PT + i * 4, (i << 12) | 7);
  b.memory.write32(PT + 6 * 4, page6);
  b.cpu.cr3 = PD;
  b.cpu.cr0 |= CR0_PG;
  b.cpu.flushTranslation();
  if (cpl === 3) {
    const dpl3 = 3 << 13;
    b.cpu.setSegmentCache(
      CS,
      0x1b,
      0,
      0xffffffff,
      ATTR_PRESENT | ATTR_S | ATTR_CODE | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G | dpl3,
    );
    b.cpu.setSegmentCache(
      SS,
      0x23,
      0,
      0xffffffff,
      ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G | dpl3,
    );
    b.cpu.cpl = 3;
  }
  b.cpu.eip = AT;
  b.cpu.regs[1] = 3; // ECX: three rounds
  return b;
}

describe('instruction fetch across a page boundary under paging', () => {
  it('into a not-present page: #PF (user, not present), CR2 = the first byte of the second page, nothing retired', () => {
    const b = pagedCpu(3, 0);
    assert.equal(b.run(100), 1, 'only the INC before it');
    assert.equal(b.cpu.stopReason, StopReason.Exception);
    assert.equal(b.cpu.exceptionVector, 14);
    assert.equal(b.cpu.exceptionErrorCode, 4);
    assert.equal(b.cpu.cr2, 0x6000);
    assert.equal(b.cpu.exceptionEip, CROSSING);
    assert.equal(b.cpu.regs[0], 0, 'the MOV did not execute');
    assert.equal(b.cpu.regs[3], 1);
  });

  it('from CPL 3 into a supervisor page: protection #PF (P|U), CR2 = 6000h; at CPL 0 it executes', () => {
    const user = pagedCpu(3, 0x6000 | 3);
    assert.equal(user.run(100), 1);
    assert.equal(user.cpu.exceptionVector, 14);
    assert.equal(user.cpu.exceptionErrorCode, 5);
    assert.equal(user.cpu.cr2, 0x6000);
    const kernel = pagedCpu(0, 0x6000 | 3);
    kernel.run(100);
    assert.equal(kernel.cpu.stopReason, StopReason.Halt);
    assert.equal(kernel.cpu.regs[0] >>> 0, 0x12345678);
  });

  it('the second page remapped (INVLPG) between executions: the new bytes are executed, also from a hot loop', () => {
    for (const compile of [true, false]) {
      const b = pagedCpu(0, 0x6000 | 7, compile);
      b.cpu.regs[1] = 60;
      // Physical 7000h: page 6000h's bytes but the immediate's high half 9ABCh.
      b.memory.load(b.memory.u8.slice(0x6000, 0x7000), 0x7000);
      b.memory.write8(0x7000, 0x9a);
      b.memory.write8(0x7001, 0xbc);
      assert.equal(b.run(4 * 40), 4 * 40, '40 rounds: every block is hot');
      assert.equal(b.cpu.regs[0] >>> 0, 0x12345678);
      b.memory.write32(PT + 6 * 4, 0x7000 | 7);
      b.cpu.tlb.flushPage(0x6000);
      b.run(1000);
      assert.equal(b.cpu.stopReason, StopReason.Halt);
      assert.equal(b.cpu.regs[0] >>> 0, 0xbc9a5678, `compile=${compile}`);
      assert.equal(b.cpu.regs[3], 60);
    }
  });

  it('a store into the second page changes the crossing instruction the next time it runs', () => {
    const b = pagedCpu(0, 0x6000 | 7);
    b.cpu.regs[1] = 60;
    b.run(4 * 40);
    b.memory.write8(0x6001, 0x77);
    b.run(1000);
    assert.equal(b.cpu.regs[0] >>> 0, 0x77345678);
  });

  it('an instruction ending exactly at the page end does not touch the next page', () => {
    // mov eax, 1 at 5FFBh ends at 5FFFh; hlt... is in page 6000h, not present: the fetch of
    // the next instruction faults, not the MOV.
    const b = pagedCpu(3, 0);
    b.memory.load(Uint8Array.from([0xb8, 1, 0, 0, 0]), 0x5ffb);
    b.cpu.eip = 0x5ffb;
    assert.equal(b.run(100), 1);
    assert.equal(b.cpu.regs[0], 1);
    assert.equal(b.cpu.exceptionVector, 14);
    assert.equal(b.cpu.exceptionEip, 0x6000);
    assert.equal(b.cpu.cr2, 0x6000);
  });
});
