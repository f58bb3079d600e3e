import * as assert from 'node:assert/strict';
import { Machine } from '../../src/emulator/machine';
import type { ModelId } from '../../src/isa/models';
import { xorshift32 as random } from '../../scripts/lib/random';
import { machineState } from './machineHelpers';

// The inline forms of MUL, IMUL (one operand), DIV, IDIV, LEAVE, PUSHAD/POPAD, CLC STC CMC CLD
// STD, XCHG with memory and JCXZ/JECXZ in compiled regions (jit/emitMulDiv.ts, jit/emitStack.ts, region.ts)
// against the interpreter: random loops of them with flag consumers, compiled at their first
// entry (threshold 1), run in random slices; after every slice both machines must hold the same
// registers, EFLAGS (every bit: the undefined ones are the model's, as the interpreter leaves
// them), EIP, retired count and memory. Run on the 80386 model and on a later one (DIV/IDIV
// change SF ZF AF PF there), with the stack far from the code (PUSHAD/POPAD/LEAVE through the
// stack window) and in the code's page (no stack window: the handler and the accessors), and
// with divisions that raise #DE (the fault leaves through the region's fault exit).

const CODE = 0x1000;
const DATA = 0x3000;
const COUNTER = 0x2ff0;
/** Registers the random instructions write (EBX points at the data, ESP/EBP are the stack's). */
const SAFE = [0, 1, 2, 6, 7];
/** Divisor registers: not EAX/EDX, whose values are the dividend. */
const DIVISORS = [6, 7];
/** Operand values at the signed and unsigned edges of every size. */
const EDGES = [0, 1, 2, -1, -2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, -0x80000000];

function le(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
}

/** One instruction group of the families under test, with what sets up and reads its results. */
function randomGroup(next: () => number, divideFaults: boolean): number[] {
  const pick = <T>(list: readonly T[]): T => list[next() % list.length];
  const size = pick([8, 16, 32]);
  const o16 = size === 16 ? [0x66] : [];
  const w = size === 8 ? 0xf6 : 0xf7;
  const disp = next() & 0x7c;
  const consumer = () => [0x0f, 0x90 + (next() & 15), 0xc0 | pick([0, 1, 2])]; // setcc r8
  const recordFlags = [0x9c, 0x58 + pick(SAFE)]; // pushfd; pop r32
  switch (next() % 13) {
    case 0:
    case 1: {
      // mul / imul r/m: a register (8-bit ones AL..DH, not BL/BH) or [ebx + disp]
      const ext = pick([4, 5]);
      const rm =
        next() & 1
          ? [0x43 | (ext << 3), disp]
          : [0xc0 | (ext << 3) | (size === 8 ? pick([0, 1, 2, 4, 5, 6]) : pick(SAFE))];
      const seed = next() & 1 ? [0xb8 + pick([0, 2, 6, 7]), ...le(pick(EDGES))] : [];
      return [...seed, ...o16, w, ...rm, ...(next() & 1 ? consumer() : recordFlags)];
    }
    case 2:
    case 3:
    case 4: {
      // div / idiv: a dividend that mostly fits (EDX/DX/AH cleared or sign-extended), a divisor
      // register or [ebx + disp]; with `divideFaults`, sometimes 0 or an overflowing quotient.
      const ext = pick([6, 7]);
      const signed = ext === 7;
      let setup: number[];
      if (size === 8)
        setup = signed ? [0x66, 0x98] : [0x30, 0xe4]; // cbw / xor ah, ah
      else setup = [...o16, ...(signed ? [0x99] : [0x31, 0xd2])]; // cwd, cdq / xor edx, edx
      const divisor = pick(DIVISORS);
      const special = divideFaults && next() % 6 === 0;
      const value = special ? pick([0, 0, 1, -1]) : next() & 3 ? pick(EDGES) | 3 : next() | 1;
      const load = next() & 1 ? [0xb8 + divisor, ...le(value)] : [];
      if (special && next() & 1) setup = [0xba, ...le(next() | 0)]; // mov edx, random: overflow
      if (size === 32 && !special && next() & 1) {
        // A high half that is not 0 nor a sign extension, below the divisor: the long division.
        // mov r, 40000000h or more; mov edx, below 10000000h; [not edx]
        load.splice(0, load.length, 0xb8 + divisor, ...le((next() | 0x40000000) & 0x7fffffff));
        setup = [0xba, ...le(next() & 0x0fffffff), ...(signed && next() & 1 ? [0xf7, 0xd2] : [])];
      }
      const rm =
        next() % 3 === 0 && !special && load.length === 0 ? [0x43 | (ext << 3), disp] : [0xc0 | (ext << 3) | divisor];
      return [...load, ...setup, ...o16, w, ...rm, ...(next() & 1 ? consumer() : recordFlags)];
    }
    case 5: {
      // push ebp; mov ebp, esp; push a; push b; [sub esp, 8]; leave (32- or 16-bit)
      const frame = [0x55, 0x89, 0xe5, 0x50 + pick(SAFE), 0x50 + pick(SAFE)];
      if (next() & 1) frame.push(0x83, 0xec, 0x08);
      if (next() & 3) return [...frame, 0xc9];
      // 16-bit LEAVE: BP = the low word at EBP, ESP = EBP + 2; add esp, 2 rebalances.
      return [...frame, 0x66, 0xc9, 0x83, 0xc4, 0x02];
    }
    case 6: {
      // pushad; mov [esp + slot], reg (not EBX's slot); popad, or the 16-bit forms
      if (next() % 4 === 0) return [0x66, 0x60, 0x66, 0x61];
      const slot = pick([0, 4, 8, 20, 24, 28]);
      const misalign = next() % 5 === 0;
      const pre = misalign ? [0x83, 0xec, 0x02] : [];
      const post = misalign ? [0x83, 0xc4, 0x02] : [];
      return [...pre, 0x60, 0x89, 0x44 | (pick(SAFE) << 3), 0x24, slot, 0x61, ...post];
    }
    case 7:
      // clc stc cmc cld std, then a reader of CF
      return [
        pick([0xf8, 0xf9, 0xf5, 0xfc, 0xfd]),
        ...(next() & 1 ? [0x11, 0xc0 | (pick(SAFE) << 3) | pick(SAFE)] : consumer()),
      ];
    case 8: {
      // [xor ecx, ecx]; jecxz / jcxz over an inc
      const zero = next() & 1 ? [pick([0x31, 0x29]), 0xc9] : [];
      return [...zero, ...(next() & 1 ? [0x67] : []), 0xe3, 0x01, 0x40 + pick(SAFE)];
    }
    case 9:
      // a flag producer the next group's consumer or CMC reads
      return [0x01 + (next() % 8) * 8, 0xc0 | (pick(SAFE) << 3) | pick(SAFE)];
    case 10:
      return [0x81, 0xc0 | (pick([0, 5]) << 3) | pick(SAFE), ...le(next())]; // add/sub r32, imm32
    case 11:
      return [pick([0x86, 0x87]), 0x43 | (pick([0, 1, 2]) << 3), disp]; // xchg [ebx + disp], r8/r32
    default:
      return [0x8b, 0x43 | (pick(SAFE) << 3), disp]; // mov r32, [ebx + disp]
  }
}

function program(next: () => number, divideFaults: boolean): number[] {
  const body: number[] = [];
  const count = 4 + (next() % 24);
  for (let i = 0; i < count; i++) body.push(...randomGroup(next, divideFaults));
  // dec dword [COUNTER]; jnz body (rel32); hlt
  const back = -(body.length + 6 + 6);
  return [...body, 0xff, 0x0d, ...le(COUNTER), 0x0f, 0x85, ...le(back), 0xf4];
}

/** The state compared: the data and the stack below `stack`. */
function state(m: Machine, stack: number) {
  return machineState(m, [
    [0x2000, 0x4000],
    [stack - 0x1000, stack],
  ]);
}

function machine(model: ModelId, code: number[], regs: number[], compiled: boolean): Machine {
  const m = new Machine({
    model,
    memoryBytes: 1 << 20,
    ...(compiled ? { compileThreshold: 1 } : { compileBlocks: false }),
  });
  m.cpu.setFlat32();
  m.memory.load(Uint8Array.from(code), CODE);
  m.memory.write32(COUNTER, 20);
  for (let a = DATA; a < DATA + 0x100; a += 4) m.memory.write32(a, Math.imul(a, 0x9e3779b9));
  regs.forEach((v, i) => (m.cpu.regs[i] = v));
  m.cpu.eip = CODE;
  return m;
}

/** Runs `programs` random programs both ways; returns the instructions retired in regions. */
function compareRandom(model: ModelId, seed: number, programs: number, stack: number, divideFaults: boolean): number {
  const next = random(seed);
  let inRegions = 0;
  for (let p = 0; p < programs; p++) {
    const code = program(next, divideFaults);
    const regs = Array.from({ length: 8 }, (_, i) =>
      i === 4 ? stack : i === 3 ? DATA : next() & 1 ? EDGES[next() % EDGES.length] : next() | 0,
    );
    const a = machine(model, code, regs, true),
      b = machine(model, code, regs, false);
    const hex = code.map((x) => x.toString(16).padStart(2, '0')).join(' ');
    for (let slice = 0; ; slice++) {
      const budget = 1 + (next() % (next() & 1 ? 7 : 3000));
      const sa = a.run(budget),
        sb = b.run(budget);
      assert.deepEqual(
        { stop: sa, ...state(a, stack) },
        { stop: sb, ...state(b, stack) },
        `${model} program ${p} (seed ${seed}) slice ${slice}: [${hex}]`,
      );
      if (sa.reason !== 'limit') break;
    }
    inRegions += a.compiledStats().retired;
  }
  return inRegions;
}

describe('inline MUL/DIV, LEAVE, PUSHAD/POPAD, flag ops and JECXZ in compiled regions', () => {
  const seed = Number(process.env.CPU_FUZZ_SEED ?? 21);
  for (const model of ['i386', 'pentium-ii'] as ModelId[]) {
    it(`${model}: random loops, stack far from the code, compiled at once, in random slices`, function () {
      this.timeout(600_000);
      const retired = compareRandom(model, seed, 120, 0x80000, false);
      assert.ok(retired > 50_000, `only ${retired} instructions ran compiled`);
    });

    it(`${model}: the same with the stack in the code's page (no stack window)`, function () {
      this.timeout(600_000);
      compareRandom(model, seed + 1, 60, CODE + 0x1000, false);
    });

    it(`${model}: divisions that raise #DE part-way: same EIP, retired count and state`, function () {
      this.timeout(600_000);
      compareRandom(model, seed + 2, 120, 0x80000, true);
    });
  }
});

describe('#DE inside a compiled region', () => {
  // mov ecx, 40; xor esi, esi; L: mov eax, 100000 (or 80000000h); cdq or xor edx, edx;
  // div or idiv ecx; add esi, eax; dec ecx (or: xor ecx, ecx; dec ecx, so ECX = -1); jmp L.
  // The 41st DIV divides by 0; the IDIV form divides -2^31 by -1 on its second pass (the
  // quotient 2^31 does not fit: SDM Vol.2 IDIV, #DE).
  const cases: Array<[string, number[]]> = [
    ['DIV by 0 after 40 passes', [0xb8, ...le(100000), 0x31, 0xd2, 0xf7, 0xf1, 0x01, 0xc6, 0x49]],
    ['IDIV -2^31 / -1', [0xb8, ...le(0x80000000), 0x99, 0xf7, 0xf9, 0x01, 0xc6, 0x31, 0xc9, 0x49]],
  ];
  for (const [name, body] of cases) {
    it(`${name}: the region faults at the instruction, with the interpreter's EIP, count and state`, () => {
      const code = [0xb9, ...le(40), 0x31, 0xf6, ...body, 0xeb, -(body.length + 2) & 0xff];
      const divAt = CODE + 7 + body.indexOf(0xf7);
      const runs = [true, false].map((compiled) => {
        const m = machine('pentium-ii', code, [0, 0, 0, 0, 0x80000, 0, 0, 0], compiled);
        const stop = m.run(100_000);
        return { m, stop, state: state(m, 0x80000) };
      });
      assert.deepEqual(runs[0].stop, runs[1].stop);
      assert.deepEqual(runs[0].state, runs[1].state);
      assert.equal(runs[0].stop.reason, 'exception');
      assert.equal(runs[0].m.cpu.eip, divAt, 'EIP on the DIV/IDIV');
      assert.equal(runs[0].m.compiledStats().faults, 1, 'the fault was raised inside a region');
    });
  }
});
