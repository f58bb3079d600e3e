import * as assert from 'node:assert/strict';
import { CR0_PG, StopReason } from '../../src/emulator/cpu/cpu';
import { bareCpu, type BareCpu } from './cpuHarness';

// A compiled region may span up to four linear pages and take in the blocks an indirect CALL,
// JMP or RET has gone to (jit/region.ts). Entering it checks that each page still maps to the
// physical page it was compiled from, readable at the current privilege (SDM Vol.3 4.10.4: a
// remapping counts once its translation is invalidated), and refills a flushed TLB entry only
// when the walk would neither fault nor set an accessed bit (SDM Vol.3 4.10.2.3). Every case
// runs compiled and interpreted (compile threshold Infinity) and must end the same.
// Encodings from nasm (bits 32).

const PD = 0x10000,
  PT = 0x11000,
  TABLE = 0x9000;
/**
 * At 5000h: top: mov eax, [9000h + ebx*4]; call eax; add edi, eax; inc ebx; and ebx, 3;
 * call 6100h; add edi, eax; dec ecx; jnz top; hlt
 */
const LOOP = [
  0x8b, 0x04, 0x9d, 0x00, 0x90, 0x00, 0x00, 0xff, 0xd0, 0x01, 0xc7, 0x43, 0x83, 0xe3, 0x03, 0xe8, 0xec, 0x10, 0x00,
  0x00, 0x01, 0xc7, 0x49, 0x75, 0xe7, 0xf4,
];
/** mov eax, imm32; ret */
const fn = (v: number) => [0xb8, v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24, 0xc3];
const PTE_A = 0x20;

/** Paging on, identity-mapped user pages 0..FFh (accessed bits set), the loop and its callees. */
function machine(compile: boolean): BareCpu {
  const b = bareCpu([], { compile });
  const m = b.memory;
  m.load(Uint8Array.from(LOOP), 0x5000);
  m.load(Uint8Array.from(fn(1)), 0x6000);
  m.load(Uint8Array.from(fn(10)), 0x6010);
  m.load(Uint8Array.from(fn(1000)), 0x6100);
  m.load(Uint8Array.from(fn(100)), 0x7000);
  // Physical A000h: what page 7000h is remapped to below.
  m.load(Uint8Array.from(fn(200)), 0xa000);
  [0x6000, 0x6010, 0x7000, 0x6010].forEach((t, i) => m.write32(TABLE + i * 4, t));
  m.write32(PD, PT | 7 | PTE_A);
  for (let i = 0; i < 256; i++) m.write32(PT + i * 4, (i << 12) | 7 | PTE_A);
  b.cpu.cr3 = PD;
  b.cpu.cr0 |= CR0_PG;
  b.cpu.flushTranslation();
  b.cpu.eip = 0x5000;
  b.cpu.regs[1] = 1_000_000; // ECX: rounds
  return b;
}

/** Registers, EIP and the stop after the same steps on a compiled and an interpreted machine. */
function both(steps: (b: BareCpu) => void): { compiled: BareCpu; interpreted: BareCpu } {
  const compiled = machine(true);
  const interpreted = machine(false);
  steps(compiled);
  steps(interpreted);
  const state = (b: BareCpu) => ({
    regs: [...b.cpu.regs],
    eip: b.cpu.eip,
    stop: b.cpu.stopReason,
    vector: b.cpu.exceptionVector,
    cr2: b.cpu.cr2,
    count: b.cpu.instructionCount,
  });
  assert.deepEqual(state(compiled), state(interpreted));
  return { compiled, interpreted };
}

/** Linear pages of the region entered at the loop's first block. */
function regionPages(b: BareCpu): number[] {
  const region = b.cache.regionBlockAt(0x5000)?.region;
  assert.ok(region, 'the loop is compiled');
  return [...region.pages].filter((_, i) => i % 2 === 0).sort((x, y) => x - y);
}

describe('compiled regions over several pages', () => {
  it('a loop calling through a table into two other pages runs as one region, as interpreted', () => {
    const { compiled } = both((b) => b.run(90_000));
    assert.deepEqual(regionPages(compiled), [5, 6, 7]);
    assert.ok(compiled.cache.compiledRetired > 80_000, `${compiled.cache.compiledRetired} of 90,000 ran compiled`);
    // 13 instructions a round: 6,923 rounds (and the next MOV) add 1,730 times 1+10+100+10 and
    // 1+10+100 for the functions the table calls, 1,000 for the direct call, each round.
    assert.equal(compiled.cpu.regs[7], 1730 * 121 + 111 + 6923 * 1000);
  });

  it('a page remapped and invalidated (INVLPG) between calls: the new code runs', () => {
    const { compiled } = both((b) => {
      b.run(45_000);
      b.memory.write32(PT + 7 * 4, 0xa000 | 7 | PTE_A);
      b.cpu.tlb.flushPage(0x7000);
      b.run(45_000);
    });
    assert.ok(compiled.cache.compiledRetired > 70_000);
  });

  it('after a whole TLB flush the region is entered again (its pages refilled without a walk side effect)', () => {
    const { compiled } = both((b) => {
      b.run(30_000);
      b.cpu.flushTranslation();
      b.run(60_000);
    });
    assert.ok(compiled.cache.compiledRetired > 80_000, `${compiled.cache.compiledRetired} of 90,000 ran compiled`);
  });

  it('a page made not present: the call into it faults (#PF, CR2) at the same instruction', () => {
    const { compiled } = both((b) => {
      b.run(30_000);
      b.memory.write32(PT + 7 * 4, 0);
      b.cpu.flushTranslation();
      b.run(60_000);
    });
    assert.equal(compiled.cpu.stopReason, StopReason.Exception);
    assert.equal(compiled.cpu.exceptionVector, 14);
    assert.equal(compiled.cpu.cr2, 0x7000);
  });

  it('a page whose accessed bit was cleared is not walked before the code goes there', () => {
    both((b) => {
      b.run(30_000);
      // The table no longer leads into page 7000h, whose PTE loses its accessed bit.
      b.memory.write32(TABLE + 2 * 4, 0x6000);
      b.memory.write32(PT + 7 * 4, 0x7000 | 7);
      b.cpu.flushTranslation();
      b.run(30_000);
      assert.equal(b.memory.read32(PT + 7 * 4) & PTE_A, 0, 'nothing fetched from page 7000h');
      // Then it leads there again: the fetch sets the bit, in both.
      b.memory.write32(TABLE + 2 * 4, 0x7000);
      b.run(30_000);
      assert.equal(b.memory.read32(PT + 7 * 4) & PTE_A, PTE_A);
    });
  });
});
