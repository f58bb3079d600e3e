import * as assert from 'node:assert/strict';
import { Machine } from '../../src/emulator/machine';
import { CS } from '../../src/emulator/cpu/constants';
import { xorshift32 as random } from '../../scripts/lib/random';
import { machineState } from './machineHelpers';

// CALL and RET in compiled regions (src/emulator/cpu/jit/region.ts) against the interpreter:
// random programs whose main loop calls random functions (in the same page, in the next page,
// through a table in memory, recursive ones, `ret imm16` ones, and ones that change their
// return address on the stack before returning), with the stack in RAM, misaligned, across a
// page boundary, or in the code page itself; compiled at their first entry and run in random
// slices, every slice must leave both machines with the same registers, EFLAGS, EIP, retired
// count, stop and memory. And a RET to an address past the CS limit must raise #GP at the RET.

const MAIN = 0x1000;
/** Functions in the page after the main loop's (calls and returns across pages). */
const FAR = 0x2000;
const DATA = 0x6000;
const COUNTER = DATA + 0x200;
const DEPTH = DATA + 0x204;
/** Function addresses for `call [TABLE + 4k]`. */
const TABLE = DATA + 0x240;

/** Registers a random instruction may write: not ESP. */
const WRITABLE = [0, 1, 2, 3, 5, 6, 7];

function le(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
}

/** A random instruction that leaves ESP alone (pushes come with their pop). */
function op(next: () => number): number[] {
  const pick = <T>(list: readonly T[]): T => list[next() % list.length];
  const d = pick(WRITABLE),
    s = next() & 7;
  const disp = le(DATA + (next() & 0xfc));
  switch (next() % 9) {
    case 0:
      return [pick([0x01, 0x29, 0x31, 0x21, 0x09, 0x11, 0x19, 0x39]), 0xc0 | (s << 3) | d]; // ALU r32, r32
    case 1:
      return [pick([0x40, 0x48]) + d]; // inc/dec
    case 2:
      return [0x8d, 0x40 | (d << 3) | pick(WRITABLE), next() & 0xff]; // lea
    case 3:
      return [0x50 + s, 0x58 + d]; // push; pop
    case 4:
      return [0x89, 0x05 | (s << 3), ...disp]; // mov [disp32], r32
    case 5:
      return [0x03, 0x05 | (d << 3), ...disp]; // add r32, [disp32]
    case 6:
      return [0xc1, 0xc0 | (pick([0, 1, 4, 5, 7]) << 3) | d, next() & 31]; // rotate/shift
    case 7:
      return [0x0f, 0xaf, 0xc0 | (d << 3) | s]; // imul
    default:
      return [0x70 + (next() & 15), 0x01, 0x40 + d]; // jcc over an inc
  }
}

function ops(next: () => number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(...op(next));
  return out;
}

type Kind = 'plain' | 'far' | 'table' | 'recursive' | 'stdcall' | 'skip';

interface Fn {
  kind: Kind;
  at: number;
  code: number[];
  /** Bytes after its call sites that its RET skips (`skip`: it adds them to the return address). */
  skip: number;
}

/** A function of `kind` placed at `at`. */
function makeFunction(next: () => number, kind: Kind, at: number): Fn {
  const body = ops(next, next() % 5);
  let code: number[];
  let skip = 0;
  switch (kind) {
    case 'recursive': {
      // dec dword [DEPTH]; jz leaf; body; call self; leaf: inc dword [DEPTH]; ret
      const call = [0xe8, ...le(0)];
      const rest = [...body, ...call];
      code = [0xff, 0x0d, ...le(DEPTH), 0x74, rest.length, ...rest, 0xff, 0x05, ...le(DEPTH), 0xc3];
      const callAt = 6 + 2 + body.length;
      const rel = at - (at + callAt + 5);
      code.splice(callAt + 1, 4, ...le(rel));
      break;
    }
    case 'stdcall':
      code = [...body, 0xc2, 4, 0]; // ret 4: the caller pushed one argument
      break;
    case 'skip':
      skip = 1 + (next() % 2);
      code = [...body, 0x83, 0x04, 0x24, skip, ...ops(next, next() % 2), 0xc3]; // add dword [esp], skip
      break;
    default:
      code = [...body, 0xc3];
      break;
  }
  return { kind, at, code, skip };
}

interface Program {
  code: number[];
  far: number[];
  table: number[];
}

/**
 * main: { random ops; a call to a random function (with its argument or the bytes it skips) }
 * x n; dec dword [COUNTER]; jnz main; hlt. Functions follow main in its page, and in the next.
 */
function program(next: () => number): Program {
  const kinds: Kind[] = ['plain', 'far', 'table', 'recursive', 'stdcall', 'skip'];
  const fns: Fn[] = [];
  // Main is at most about 40 calls of 16 bytes: functions start 0x400 into the page.
  let near = MAIN + 0x400,
    far = FAR + 0x10;
  const code: number[] = [];
  const farCode: number[] = [];
  for (const kind of kinds) {
    const at = kind === 'far' ? far : near;
    const fn = makeFunction(next, kind, at);
    fns.push(fn);
    if (kind === 'far') far += fn.code.length;
    else near += fn.code.length;
  }
  const table = fns.map((f) => f.at);
  const calls = 2 + (next() % 6);
  for (let c = 0; c < calls; c++) {
    code.push(...ops(next, next() % 3));
    const k = next() % fns.length;
    const fn = fns[k];
    if (fn.kind === 'stdcall') code.push(0x50 + (next() & 7)); // push r32 (the argument)
    if (next() % 4 === 0) {
      code.push(0xff, 0x15, ...le(TABLE + 4 * k)); // call [TABLE + 4k]
    } else {
      const at = MAIN + code.length;
      code.push(0xe8, ...le(fn.at - (at + 5)));
    }
    // What a `skip` function returns past: INC EDX bytes, visible in EDX if they ran.
    for (let i = 0; i < fn.skip; i++) code.push(0x42);
  }
  const back = -(code.length + 6 + 6);
  code.push(0xff, 0x0d, ...le(COUNTER), 0x0f, 0x85, ...le(back), 0xf4);
  if (code.length > 0x400) throw new Error('main loop too long');
  const image = code.concat(new Array<number>(0x400 - code.length).fill(0x90));
  for (const fn of fns) if (fn.kind !== 'far') image.push(...fn.code);
  for (const fn of fns) if (fn.kind === 'far') farCode.push(...fn.code);
  return { code: image, far: farCode, table };
}

/** The state compared: code, data and the stack around `stack`. */
function state(m: Machine, stack: number) {
  return machineState(m, [
    [MAIN, FAR + 0x1000],
    [DATA, DATA + 0x400],
    [stack - 0x1000, stack + 0x10],
  ]);
}

function machine(p: Program, regs: number[], threshold: number | undefined, csLimit?: number): Machine {
  const m = new Machine({
    memoryBytes: 1 << 20,
    ...(threshold === undefined ? { compileBlocks: false } : { compileThreshold: threshold }),
  });
  m.cpu.setFlat32();
  if (csLimit !== undefined) m.cpu.setSegmentCache(CS, m.cpu.segSelector[CS], 0, csLimit, m.cpu.segAttr[CS]);
  m.memory.load(Uint8Array.from(p.code), MAIN);
  m.memory.load(Uint8Array.from(p.far), FAR + 0x10);
  for (let a = DATA; a < DATA + 0x100; a += 4) m.memory.write32(a, Math.imul(a, 0x9e3779b9));
  m.memory.write32(COUNTER, 20);
  m.memory.write32(DEPTH, 6);
  p.table.forEach((at, k) => m.memory.write32(TABLE + 4 * k, at));
  regs.forEach((v, i) => (m.cpu.regs[i] = v));
  m.cpu.eip = MAIN;
  return m;
}

/** Stacks: in RAM, misaligned, pushing across a page boundary, in the code page. */
const STACKS = [0x80000, 0x80002, 0x80010, MAIN + 0xff8];

describe('compiled regions: CALL and RET against the interpreter', () => {
  it('random calls (near, far, through a table, recursive, ret imm16, a changed return address) in random slices', function () {
    this.timeout(600_000);
    const seed = Number(process.env.CPU_FUZZ_SEED ?? 21);
    const next = random(seed);
    let compiledRetired = 0,
      total = 0;
    for (let p = 0; p < 160; p++) {
      const prog = program(next);
      const stack = STACKS[p % STACKS.length];
      const regs = Array.from({ length: 8 }, (_, i) => (i === 4 ? stack : next() | 0));
      const a = machine(prog, regs, 1),
        b = machine(prog, regs, undefined);
      for (let slice = 0; ; slice++) {
        const budget = 1 + (next() % (next() & 1 ? 7 : 3000));
        const sa = a.run(budget),
          sb = b.run(budget);
        assert.deepEqual(
          { stop: sa, ...state(a, stack) },
          { stop: sb, ...state(b, stack) },
          `program ${p} (seed ${seed}, stack ${stack.toString(16)}), slice ${slice}`,
        );
        if (sa.reason !== 'limit') {
          assert.equal(sa.reason, 'halt', `program ${p}: ${JSON.stringify(sa)}`);
          break;
        }
      }
      compiledRetired += a.compiledStats().retired;
      total += a.cpu.instructionCount;
    }
    assert.ok(total > 100_000 && compiledRetired > 0.9 * total, `${compiledRetired} of ${total} ran compiled`);
  });

  it('a RET to a return address past the CS limit raises #GP at the RET, with ESP unchanged', () => {
    // main: call f; hlt. f: mov dword [esp], FAR; ret (FAR is past the limit).
    const f = MAIN + 0x40;
    const code = [0xe8, ...le(f - (MAIN + 5)), 0xf4];
    while (code.length < 0x40) code.push(0x90);
    code.push(0xc7, 0x04, 0x24, ...le(FAR), 0xc3);
    const prog: Program = { code, far: [0xf4], table: [] };
    const ret = f + 7;
    for (const threshold of [1, undefined]) {
      const m = machine(prog, [0, 0, 0, 0, 0x80000, 0, 0, 0], threshold, FAR - 1);
      const stop = m.run(1000);
      assert.equal(stop.reason, 'exception', `threshold ${threshold}`);
      assert.equal(stop.vector, 13);
      assert.equal(stop.faultEip, ret);
      assert.equal(m.cpu.regs[4], 0x80000 - 4, 'ESP as before the RET');
      assert.equal(m.cpu.instructionCount, 2);
      if (threshold === 1) assert.equal(m.compiledStats().faults, 1, 'the #GP was raised in a region');
    }
  });
});
