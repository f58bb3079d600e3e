import * as assert from 'node:assert/strict';
import {
  ATTR_ACCESSED,
  ATTR_DB,
  ATTR_G,
  ATTR_PRESENT,
  ATTR_S,
  ATTR_WRITABLE,
  CR0_PG,
  DS,
  ES,
  StopReason,
} from '../../src/emulator/cpu/cpu';
import { CR0_WP } from '../../src/emulator/cpu/constants';
import { REP_ITERATIONS_PER_EXECUTION } from '../../src/emulator/cpu/exec/string';
import { xorshift32 } from '../../scripts/lib/random';
import { CODE, bareCpu, type BareCpu } from './cpuHarness';

// REP MOVS and REP STOS with paging on move a run of elements at a time (one translation per
// page). The element-by-element loop is the reference: with any watchpoint set (here one on
// an address no case touches) the CPU takes it for every element. Random programs under
// random page tables (pages remapped, not present, read-only, supervisor-only), at CPL 0 with
// CR0.WP and at CPL 3, must end the same both ways: registers, EFLAGS, EIP, the instruction
// count, the stop (a #PF with its CR2, or a #GP/#SS from a segment limit) and every byte of RAM,
// the page tables' accessed and dirty bits included.

const PD = 0x80000,
  PT = 0x81000;
/** Linear pages 0..255 are mapped by the one page table; the data area is pages 0x10..0x7e. */
const DATA_FIRST = 0x10,
  DATA_LAST = 0x7e;
const FAR_AWAY = { linear: 0xfff00000, length: 1, read: true, write: true };

// Encodings (nasm, bits 32): rep movsb/movsw/movsd, rep stosb/stosw/stosd, each then hlt;
// a16 rep movsb (address size 16: the element loop), and a segment-override source (FS).
const PROGRAMS: Record<string, number[]> = {
  'rep movsb': [0xf3, 0xa4],
  'rep movsw': [0x66, 0xf3, 0xa5],
  'rep movsd': [0xf3, 0xa5],
  'rep stosb': [0xf3, 0xaa],
  'rep stosw': [0x66, 0xf3, 0xab],
  'rep stosd': [0xf3, 0xab],
  'rep movsd (fs source)': [0x64, 0xf3, 0xa5],
};

interface Case {
  program: string;
  cpl: 0 | 3;
  esi: number;
  edi: number;
  ecx: number;
  eax: number;
  pages: number[];
  /** A data segment limit below 4 GiB for DS or ES (a #GP partway), or undefined. */
  limit?: { seg: number; limit: number };
  /** Direction flag set: the element loop either way. */
  df: boolean;
}

function pageTable(random: () => number): number[] {
  const physical = Array.from({ length: 256 }, (_, i) => i);
  // Remap the data area with a shuffle, so that linear neighbours are not physical neighbours.
  for (let i = DATA_LAST; i > DATA_FIRST; i--) {
    const j = DATA_FIRST + (random() % (i - DATA_FIRST + 1));
    [physical[i], physical[j]] = [physical[j], physical[i]];
  }
  return physical.map((frame, page) => {
    let pte = (frame << 12) | 7; // present, writable, user
    if (page >= DATA_FIRST && page <= DATA_LAST) {
      const r = random() % 40;
      if (r === 0) pte &= ~1;
      else if (r === 1) pte &= ~2;
      else if (r === 2) pte &= ~4;
    }
    return pte;
  });
}

function randomCase(random: () => number): Case {
  const names = Object.keys(PROGRAMS);
  const program = names[random() % names.length];
  const inData = (): number => ((DATA_FIRST + (random() % (DATA_LAST - DATA_FIRST))) << 12) + (random() % 0x1000);
  const near = random() % 4 === 0;
  const esi = inData();
  // Now and then the destination is the code's page, from the HLT on: decoded code is overwritten.
  const overCode = random() % 16 === 0;
  const edi = overCode ? CODE + PROGRAMS[program].length : near ? esi + (random() % 64) - 32 : inData();
  const long = random() % 8 === 0;
  const ecx = long ? REP_ITERATIONS_PER_EXECUTION - 8 + (random() % 32) : random() % (random() % 2 ? 64 : 0x3000);
  const eax = random() % 3 === 0 ? 0 : random();
  const limit = random() % 10 === 0 ? { seg: random() % 2 ? DS : ES, limit: inData() } : undefined;
  return {
    program,
    cpl: random() % 2 ? 3 : 0,
    esi,
    edi,
    ecx,
    eax,
    pages: pageTable(random),
    limit,
    df: random() % 12 === 0,
  };
}

function setUp(c: Case, reference: boolean): BareCpu {
  const b = bareCpu([...PROGRAMS[c.program], 0xf4]);
  const m = b.memory;
  // Recognisable data in every page (the stores and copies must be seen).
  for (let a = DATA_FIRST << 12; a < (DATA_LAST + 1) << 12; a += 4) m.write32(a, (a * 0x9e3779b1) >>> 0);
  m.write32(PD, PT | 7);
  c.pages.forEach((pte, i) => m.write32(PT + i * 4, pte));
  // The code, stack and tables stay identity-mapped and user-accessible.
  for (const page of [CODE >>> 12, 0x7f, PD >>> 12, PT >>> 12]) m.write32(PT + page * 4, (page << 12) | 7);
  const cpu = b.cpu;
  cpu.cr3 = PD;
  cpu.cr0 |= CR0_PG | CR0_WP;
  cpu.flushTranslation();
  const data = ATTR_PRESENT | ATTR_S | ATTR_WRITABLE | ATTR_ACCESSED | ATTR_DB | ATTR_G;
  if (c.cpl === 3) cpu.cpl = 3;
  if (c.limit) cpu.setSegmentCache(c.limit.seg, 0x10, 0, c.limit.limit, data & ~ATTR_G);
  cpu.setSegmentCache(4 /* FS */, 0x10, 0x1000, 0xffffffff - 0x1000, data);
  Object.assign(cpu.regs, { 0: c.eax, 1: c.ecx, 6: c.esi, 7: c.edi });
  if (c.df) cpu.flags |= 0x400;
  if (reference) cpu.setWatchpoints([FAR_AWAY]);
  return b;
}

function outcome(b: BareCpu): Record<string, unknown> {
  const cpu = b.cpu;
  const retired: number[] = [];
  for (let i = 0; i < 8 && cpu.stopReason !== StopReason.Halt; i++) {
    retired.push(b.run(1));
    if (cpu.exceptionVector >= 0) break;
  }
  return {
    retired,
    regs: Array.from(cpu.regs, (r) => r >>> 0),
    eip: cpu.eip >>> 0,
    flags: cpu.flags >>> 0,
    count: cpu.instructionCount,
    stop: cpu.stopReason,
    vector: cpu.exceptionVector,
    cr2: cpu.cr2 >>> 0,
    memory: Buffer.from(b.memory.u8),
  };
}

describe('REP MOVS/STOS under paging: a page at a time, as element by element', function () {
  this.timeout(120_000);
  it('random programs, page tables and registers end the same both ways', () => {
    const random = xorshift32(0x5712a9e);
    for (let i = 0; i < 300; i++) {
      const c = randomCase(random);
      const fast = outcome(setUp(c, false));
      const reference = outcome(setUp(c, true));
      const { memory: fastMemory, ...fastRest } = fast;
      const { memory: referenceMemory, ...referenceRest } = reference;
      const what = `case ${i}: ${c.program} CPL ${c.cpl} ESI ${c.esi.toString(16)} EDI ${c.edi.toString(16)} ECX ${c.ecx}`;
      assert.deepEqual(fastRest, referenceRest, what);
      assert.ok((fastMemory as Buffer).equals(referenceMemory as Buffer), `${what}: RAM differs`);
    }
  });
});
