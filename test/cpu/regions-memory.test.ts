import * as assert from 'node:assert/strict';
import { CR0_PG, StopReason } from '../../src/emulator/cpu/cpu';
import { CR0_WP } from '../../src/emulator/cpu/constants';
import { writeDebugRegister } from '../../src/emulator/cpu/debug';
import { xorshift32 } from '../../scripts/lib/random';
import { CODE, bareCpu, type BareCpu } from './cpuHarness';

// The memory side of compiled regions (src/emulator/cpu/jit/emitMemory.ts: the read and write
// windows, refilled from the identity or the TLB) against the interpreter. Random loops of
// loads and stores of 8, 16 and 32 bits through pointers that start near page ends and walk
// across pages, read-modify-writes, PUSH/POP, loads from the code page and a store that
// patches an instruction of the loop, run with paging off (up to the end of RAM) and under
// random page tables (pages remapped, aliasing the code page, not present, read-only,
// supervisor-only) at CPL 0 with CR0.WP and at CPL 3. Between random slices, watchpoints and
// DR0-DR3 data breakpoints are set on the data the pointers walk over. Compiled (threshold 1)
// and interpreted, after every slice: registers, EFLAGS, EIP, the retired count, the stop, the
// vector and CR2 of a fault, and every byte of RAM (so the page tables' accessed and dirty
// bits too).

const PD = 0x80000,
  PT = 0x81000;
/** Linear pages 0x10..0x7e are the data area; under paging they are shuffled and spoiled. */
const DATA_FIRST = 0x10,
  DATA_LAST = 0x7e;
const RAM = 1 << 20;
/** Pointer registers: EBX, EBP, ESI, EDI. */
const POINTERS = [3, 5, 6, 7];
/** Value registers: EAX, EDX (ECX counts the loop). */
const VALUES = [0, 2];

interface Program {
  code: number[];
  /** Offset in `code` of the imm32 the patching store rewrites. */
  patched: number;
}

function randomProgram(random: () => number, iterations: number): Program {
  const pick = <T>(list: readonly T[]): T => list[random() % list.length];
  const body: number[][] = [];
  const disp = () => random() & 0xff; // disp8, sign-extended: -128..127
  const mem = (reg: number, ptr: number) => [0x40 | (reg << 3) | ptr, disp()];
  const count = 4 + (random() % 10);
  for (let k = 0; k < count; k++) {
    const p = pick(POINTERS),
      v = pick(VALUES);
    switch (random() % 14) {
      case 0:
        body.push([0x8b, ...mem(v, p)]); // mov r32, [p+d]
        break;
      case 1:
        body.push([0x89, ...mem(v, p)]); // mov [p+d], r32
        break;
      case 2:
        body.push([0x66, pick([0x8b, 0x89]), ...mem(v, p)]); // mov r16 <-> [p+d]
        break;
      case 3:
        body.push([pick([0x8a, 0x88]), ...mem(v, p)]); // mov r8 <-> [p+d]
        break;
      case 4:
        body.push([0x0f, pick([0xb6, 0xb7, 0xbe, 0xbf]), ...mem(v, p)]); // movzx/movsx
        break;
      case 5:
        body.push([pick([0x01, 0x29, 0x31]), ...mem(v, p)]); // add/sub/xor [p+d], r32
        break;
      case 6:
        body.push([0x66, 0x01, ...mem(v, p)]); // add [p+d], r16
        break;
      case 7:
        body.push([0x83, 0xc0 | p, pick([1, 2, 3, 4, 7, 60, 0xfc, 0xc4])]); // add p, imm8: walk
        break;
      case 8:
        body.push([0x50 + v, 0x58 + v]); // push; pop (the stack window)
        break;
      case 9:
        body.push([0x8b, 0x05 | (v << 3), ...le32(CODE + (random() % 64))]); // mov r32, [code]
        break;
      case 10:
        body.push([0x8b, 0x04 | (v << 3), (2 << 6) | (VALUES[0] << 3) | p]); // mov r32, [p+eax*4]: far
        break;
      case 11:
        body.push([0xff, ...mem(random() & 1, p)]); // inc/dec dword [p+d]
        break;
      default:
        body.push([0x8b, ...mem(v, p)], [0x89, ...mem(v, pick(POINTERS))]); // a copy
        break;
    }
  }
  // mov edx, imm32, whose imm32 the store below patches with ECX (self-modifying code).
  const code: number[] = [0xb9, ...le32(iterations)];
  const loop = code.length;
  const at = random() % (body.length + 1);
  body.splice(at, 0, [0xba, 0, 0, 0, 0]);
  let patched = -1;
  for (const ins of body) {
    if (ins[0] === 0xba && ins.length === 5) patched = code.length + 1;
    code.push(...ins);
  }
  if (random() % 3 === 0) code.push(0x89, 0x0d, ...le32(CODE + patched)); // mov [imm32], ecx
  code.push(0x49); // dec ecx
  const back = loop - (code.length + 2);
  if (back < -128) code.push(0x0f, 0x85, ...le32(loop - (code.length + 6)));
  else code.push(0x75, back & 0xff);
  code.push(0xf4);
  return { code, patched };
}

function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

interface Case {
  program: Program;
  paging: boolean;
  cpl: 0 | 3;
  pages: number[];
  regs: number[];
  /** Slice lengths; before slice k, `watch[k]` (if any) is set. */
  slices: number[];
  /** At the address in a pointer register plus an offset, when set (both runs hold the same registers then). */
  watch: ({ kind: 'watchpoint' | 'dr'; reg: number; offset: number; length: number; write: boolean } | undefined)[];
}

function pageTable(random: () => number): number[] {
  const physical = Array.from({ length: 256 }, (_, i) => i);
  for (let i = DATA_LAST; i > DATA_FIRST; i--) {
    const j = DATA_FIRST + (random() % (i - DATA_FIRST + 1));
    [physical[i], physical[j]] = [physical[j], physical[i]];
  }
  return physical.map((frame, page) => {
    let pte = (frame << 12) | 7; // present, writable, user
    if (page >= DATA_FIRST && page <= DATA_LAST) {
      const r = random() % 48;
      if (r === 0) pte &= ~1;
      else if (r === 1) pte &= ~2;
      else if (r === 2) pte &= ~4;
      else if (r === 3) pte = (CODE & ~0xfff) | 7; // an alias of the code page
    }
    return pte;
  });
}

function randomCase(random: () => number): Case {
  const paging = random() % 3 !== 0;
  // Near a page end, or (paging off) near the end of RAM.
  const pointer = (): number => {
    const page = !paging && random() % 4 === 0 ? 0xff : DATA_FIRST + 1 + (random() % (DATA_LAST - DATA_FIRST - 2));
    const offset = random() % 2 ? 0x1000 - (random() % 12) : random() % 0x1000;
    return ((page << 12) + offset) & (RAM - 1);
  };
  const regs = [random() & 0x3f, 0, random(), pointer(), 0x7f000, pointer(), pointer(), pointer()];
  if (random() % 2) regs[5] = regs[6] + (random() % 16); // EBP next to ESI: loads and stores meet
  const slices: Case['slices'] = [];
  const watch: Case['watch'] = [];
  for (let k = 0; k < 12; k++) {
    slices.push(1 + (random() % (random() % 2 ? 40 : 600)));
    if (k > 0 && random() % 3 === 0) {
      watch.push({
        kind: random() % 2 ? 'watchpoint' : 'dr',
        reg: POINTERS[random() % POINTERS.length],
        offset: (random() % 160) - 80,
        length: [1, 2, 4][random() % 3],
        write: random() % 2 === 0,
      });
    } else watch.push(undefined);
  }
  return {
    program: randomProgram(random, 20 + (random() % 300)),
    paging,
    cpl: paging && random() % 2 ? 3 : 0,
    pages: paging ? pageTable(random) : [],
    regs,
    slices,
    watch,
  };
}

function setUp(c: Case, compile: boolean): BareCpu {
  const b = bareCpu(c.program.code, { compile });
  if (compile) b.cache.compileThreshold = 1;
  const m = b.memory;
  for (let a = DATA_FIRST << 12; a < RAM; a += 4)
    if (a < PD || a >= PT + 0x1000) m.write32(a, Math.imul(a, 0x9e3779b1));
  const cpu = b.cpu;
  if (c.paging) {
    m.write32(PD, PT | 7);
    c.pages.forEach((pte, i) => m.write32(PT + i * 4, pte));
    for (const page of [CODE >>> 12, 0x7e, 0x7f, PD >>> 12, PT >>> 12]) m.write32(PT + page * 4, (page << 12) | 7);
    cpu.cr3 = PD;
    cpu.cr0 |= CR0_PG | CR0_WP;
    cpu.flushTranslation();
    if (c.cpl === 3) cpu.cpl = 3;
  }
  c.regs.forEach((v, i) => (cpu.regs[i] = v));
  cpu.leaveBlock = false;
  return b;
}

function snapshot(b: BareCpu, retired: number): Record<string, unknown> {
  const cpu = b.cpu;
  return {
    retired,
    regs: Array.from(cpu.regs, (r) => r >>> 0),
    eip: cpu.eip >>> 0,
    eflags: cpu.getEflags() >>> 0,
    count: cpu.instructionCount,
    stop: cpu.stopReason,
    vector: cpu.exceptionVector,
    cr2: cpu.cr2 >>> 0,
    hit: cpu.watchHit ? { ...cpu.watchHit } : undefined,
  };
}

/** Runs the case's slices: the state and the RAM after each, and the instructions retired in regions. */
function run(c: Case, compile: boolean): { states: Record<string, unknown>[]; rams: Buffer[]; inRegions: number } {
  const b = setUp(c, compile);
  const states: Record<string, unknown>[] = [];
  const rams: Buffer[] = [];
  c.slices.forEach((n, k) => {
    const w = c.watch[k];
    const linear = w ? (b.cpu.regs[w.reg] + w.offset) >>> 0 : 0;
    if (w?.kind === 'watchpoint') b.cpu.setWatchpoints([{ linear, length: w.length, read: !w.write, write: true }]);
    else if (w?.kind === 'dr') {
      // DR0 at the address; DR7: L0, R/W0 = 01 (writes) or 11 (reads and writes), LEN0 (SDM Vol.3 17.2.4).
      const len = w.length === 1 ? 0 : w.length === 2 ? 1 : 3;
      writeDebugRegister(b.cpu, 0, linear & ~(w.length - 1));
      writeDebugRegister(b.cpu, 7, 1 | ((w.write ? 1 : 3) << 16) | (len << 18));
    }
    if (b.cpu.stopReason === StopReason.Halt || b.cpu.exceptionVector >= 0) return;
    states.push(snapshot(b, b.run(n)));
    rams.push(Buffer.from(b.memory.u8));
  });
  return { states, rams, inRegions: b.cache.compiledRetired };
}

describe('compiled regions: loads and stores (data windows) against the interpreter', function () {
  this.timeout(600_000);
  it('random loops over page ends, code pages and random page tables, with watchpoints set between slices', () => {
    const random = xorshift32(0x3e6a11d);
    let faults = 0,
      stops = 0,
      halts = 0,
      retired = 0,
      inRegions = 0;
    for (let i = 0; i < 160; i++) {
      const c = randomCase(random);
      const compiled = run(c, true);
      const interpreted = run(c, false);
      const what = `case ${i}: paging ${c.paging} CPL ${c.cpl} regs ${c.regs.map((r) => (r >>> 0).toString(16)).join(' ')}`;
      assert.deepEqual(compiled.states, interpreted.states, what);
      compiled.rams.forEach((ram, k) =>
        assert.ok(ram.equals(interpreted.rams[k]), `${what}: RAM differs after slice ${k}`),
      );
      const last = interpreted.states[interpreted.states.length - 1];
      retired += last.count as number;
      inRegions += compiled.inRegions;
      if ((last.vector as number) >= 0) faults++;
      // A watchpoint stops the run; a DR0 data breakpoint raises #DB (no IDT here: the run stops).
      if (interpreted.states.some((s) => s.stop === StopReason.Watchpoint || s.vector === 1)) stops++;
      if (last.stop === StopReason.Halt) halts++;
    }
    // The cases must reach every ending: a fault, a watchpoint stop, the HLT after the loop.
    assert.ok(faults > 10 && stops > 5 && halts > 10, `faults ${faults}, watchpoint stops ${stops}, halts ${halts}`);
    // And most of the work must have run compiled.
    assert.ok(inRegions > retired / 3, `${inRegions} of ${retired} instructions retired in regions`);
  });
});
