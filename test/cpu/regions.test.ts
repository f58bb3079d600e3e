import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Machine } from '../../src/emulator/machine';
import { compileSource, setCodeGeneration } from '../../src/emulator/cpu/jit/codegen';
import { xorshift32 as random } from '../../scripts/lib/random';
import { machineState } from './machineHelpers';

// The region compiler (src/emulator/cpu/jit/region.ts) against the interpreter: random loops of
// register, memory, stack and call/return instructions, compiled at their first entry
// (threshold 1), run in random slices; after every slice both machines must hold the same
// registers, EFLAGS, EIP, retired count and memory. EBX points at the data (never a
// destination), ESP/EBP are left to PUSH/POP pairs.

const SAFE = [0, 1, 2, 6, 7];
const DATA = 0x3000;
const COUNTER = 0x2ff0;
const STACK = 0x80000;

function randomInstruction(next: () => number): number[] {
  const pick = <T>(list: readonly T[]): T => list[next() % list.length];
  const d = pick(SAFE),
    s = pick(SAFE),
    op = next() % 8,
    disp = next() & 0x7f,
    b = next() & 0xff;
  const mem = (reg: number) => [0x40 | (reg << 3) | 3, disp]; // [ebx + disp8]
  switch (next() % 26) {
    case 0:
      return [op * 8 + 1, 0xc0 | (s << 3) | d]; // ALU r32, r32
    case 1:
      return [op * 8 + 1, ...mem(s)]; // ALU [ebx+d], r32
    case 2:
      return [op * 8 + 3, ...mem(d)]; // ALU r32, [ebx+d]
    case 3:
      return [op * 8 + 0, ...mem(next() & 7)]; // ALU [ebx+d], r8
    case 4:
      return [0x89, ...mem(s)]; // mov [ebx+d], r32 (some unaligned)
    case 5:
      return [0x8b, ...mem(d)]; // mov r32, [ebx+d]
    case 6:
      return [0x88, ...mem(next() & 7)]; // mov [ebx+d], r8
    case 7:
      return [0x0f, pick([0xb6, 0xbe, 0xb7, 0xbf]), ...mem(d)]; // movzx/movsx
    case 8:
      return [0xff, ...mem(next() & 1)]; // inc/dec dword [ebx+d]
    case 9:
      return [0xc1, ...mem(pick([0, 1, 4, 5, 7])), b & 31]; // rotate/shift [ebx+d], imm
    case 10:
      return [0xc1, 0xc0 | (pick([0, 1, 4, 5, 7]) << 3) | d, b & 31];
    case 11:
      return [0xd3, 0xc0 | (pick([0, 1, 2, 3, 4, 5, 7]) << 3) | d]; // shift by CL
    case 12:
      return [0x50 + s, 0x58 + d]; // push; pop
    case 13:
      return [0x9c, 0x58 + d]; // pushf; pop
    case 14:
      return [0xe8, 2, 0, 0, 0, 0xeb, 0x01, 0xc3]; // call a ret, jump over it
    case 15:
      return [pick([0x40, 0x48]) + d];
    case 16:
      return [0x70 + (next() & 15), 0x01, 0x40 + d]; // jcc over an inc
    case 17:
      return [0x0f, 0xaf, 0xc0 | (d << 3) | s];
    case 18:
      return [0x6b, 0xc0 | (d << 3) | s, b];
    case 19:
      return [0x0f, 0x90 + (next() & 15), 0xc0 | (next() & 3)]; // setcc
    case 20:
      return [0x0f, 0x40 + (next() & 15), 0xc0 | (d << 3) | s]; // cmovcc
    case 21:
      return [op * 8 + 0, 0xc0 | ((next() & 7) << 3) | pick([0, 1, 2, 4, 5, 6])]; // ALU r8, r8 (not BL/BH)
    case 22:
      return [0x8d, 0x40 | (d << 3) | pick(SAFE), b]; // lea
    case 23:
      return [pick([0x98, 0x99, 0xf5, 0xf8, 0xf9])];
    case 24:
      return [0x81, 0xc0 | (op << 3) | d, b, next() & 0xff, next() & 0xff, next() & 0xff];
    default:
      return [0x66, op * 8 + 1, 0xc0 | (s << 3) | d]; // ALU r16, r16
  }
}

/** The state compared: the data and the stack. */
function state(m: Machine) {
  return machineState(m, [
    [0x2000, 0x4000],
    [STACK - 0x1000, STACK],
  ]);
}

function machine(code: number[], regs: number[], compileThreshold: number | undefined): Machine {
  const m = new Machine({
    memoryBytes: 1 << 20,
    ...(compileThreshold === undefined ? { compileBlocks: false } : { compileThreshold }),
  });
  m.cpu.setFlat32();
  m.memory.load(Uint8Array.from(code), 0x1000);
  m.memory.write32(COUNTER, 25);
  for (let a = DATA; a < DATA + 0x100; a += 4) m.memory.write32(a, Math.imul(a, 0x9e3779b9));
  regs.forEach((v, i) => (m.cpu.regs[i] = v));
  m.cpu.eip = 0x1000;
  return m;
}

/**
 * A flag producer of 8, 16 or 32 bits (CMP, SUB, TEST, AND, ADD, INC, DEC, NEG on registers)
 * right before a consumer of any condition code (Jcc over an INC, SETcc, CMOVcc), so the
 * compiled comparisons on the lazy record's operands meet every size and condition.
 */
function compareInstruction(next: () => number): number[] {
  const d = SAFE[next() % SAFE.length],
    s = SAFE[next() % SAFE.length];
  const size = next() % 3; // 0: 8 bits, 1: 16, 2: 32
  const prefix = size === 1 ? [0x66] : [];
  const w = size === 0 ? 0 : 1;
  const r8 = () => [0, 1, 2, 4, 5, 6][next() % 6]; // not BL/BH: EBX points at the data
  const rm = size === 0 ? r8() : d,
    reg = size === 0 ? r8() : s;
  let producer: number[];
  switch (next() % 6) {
    case 0: // cmp, sub, test, and, add r/m, reg
      producer = [...prefix, [0x38, 0x28, 0x84, 0x20, 0x00][next() % 5] + w, 0xc0 | (reg << 3) | rm];
      break;
    case 1: // cmp r/m, imm8 (sign-extended for 16/32 bits)
      producer = [...prefix, size === 0 ? 0x80 : 0x83, 0xc0 | (7 << 3) | rm, next() & 0xff];
      break;
    case 2:
      producer = [...prefix, 0xfe + w, 0xc0 | ((next() & 1) << 3) | rm]; // inc/dec
      break;
    case 3:
      producer = [...prefix, 0xf6 + w, 0xc0 | (3 << 3) | rm]; // neg
      break;
    case 4: // cmp with equal operands
      producer = [...prefix, 0x38 + w, 0xc0 | (rm << 3) | rm];
      break;
    default:
      producer = [...prefix, size === 0 ? 0x80 : 0x83, 0xc0 | (7 << 3) | rm, [0x7f, 0x80, 0xff, 0, 1][next() % 5]];
      break;
  }
  const cc = next() & 15;
  const consumers = [
    [0x70 + cc, 0x01, 0x40 + d], // jcc over an inc
    [0x0f, 0x90 + cc, 0xc0 | r8()], // setcc
    [0x0f, 0x40 + cc, 0xc0 | (d << 3) | s], // cmovcc
  ];
  return [...producer, ...consumers[next() % consumers.length]];
}

function program(next: () => number, instruction = randomInstruction): number[] {
  const body: number[] = [];
  const count = 4 + (next() % 30);
  for (let i = 0; i < count; i++) body.push(...instruction(next));
  // dec dword [COUNTER]; jnz body (rel32); hlt
  const back = -(body.length + 6 + 6);
  return [
    ...body,
    0xff,
    0x0d,
    COUNTER & 0xff,
    COUNTER >> 8,
    0,
    0,
    0x0f,
    0x85,
    back & 0xff,
    (back >> 8) & 0xff,
    (back >> 16) & 0xff,
    (back >>> 24) & 0xff,
    0xf4,
  ];
}

function compare(
  programs: number,
  seed: number,
  compiled: () => Machine,
  interpreted: () => Machine,
  next: () => number,
  label: string,
  cutOff = Infinity,
): void {
  for (let p = 0; p < programs; p++) {
    const a = compiled(),
      b = interpreted();
    for (let slice = 0; a.cpu.instructionCount < cutOff; slice++) {
      const budget = 1 + (next() % (next() & 1 ? 7 : 3000));
      const sa = a.run(budget),
        sb = b.run(budget);
      assert.deepEqual(
        { stop: sa, ...state(a) },
        { stop: sb, ...state(b) },
        `${label} program ${p} (seed ${seed}), slice ${slice}`,
      );
      if (sa.reason !== 'limit') break;
    }
  }
}

const INNER = 0x2ff4;

/**
 * Nested loops with irregular jumps: an outer loop (count at COUNTER) around an inner one
 * (count at INNER), random bodies, and random conditional jumps between the labels (forward
 * out of the inner loop, back to either loop's top, into the middle of the inner body), so
 * regions get loops spanning several blocks, loops inside loops and jumps the structured
 * layout cannot express. A jump back may skip a count, so a run may not end: it is cut off.
 */
function nestedProgram(next: () => number): number[] {
  const code: number[] = [];
  const labels: Record<string, number> = {};
  const fixups: { at: number; label: string }[] = [];
  const body = (n: number) => {
    for (let i = 0; i < n; i++) code.push(...randomInstruction(next));
  };
  const jump = (label: string, always = false) => {
    code.push(...(always ? [0xe9] : [0x0f, 0x80 + (next() & 15)]));
    fixups.push({ at: code.length, label });
    code.push(0, 0, 0, 0);
  };
  const labelNames = ['outer', 'inner', 'middle', 'after', 'tail'];
  const randomJump = () => jump(labelNames[next() % labelNames.length], (next() & 7) === 0);
  labels.outer = code.length;
  body(1 + (next() % 6));
  // mov dword [INNER], 1..6
  code.push(0xc7, 0x05, INNER & 0xff, INNER >> 8, 0, 0, 1 + (next() % 6), 0, 0, 0);
  labels.inner = code.length;
  body(1 + (next() % 6));
  if (next() & 1) randomJump();
  labels.middle = code.length;
  body(1 + (next() % 6));
  if (next() & 1) randomJump();
  // dec dword [INNER]; jnz inner
  code.push(0xff, 0x0d, INNER & 0xff, INNER >> 8, 0, 0);
  code.push(0x0f, 0x85);
  fixups.push({ at: code.length, label: 'inner' });
  code.push(0, 0, 0, 0);
  labels.after = code.length;
  body(next() % 5);
  if (next() & 1) randomJump();
  // dec dword [COUNTER]; jnz outer; hlt
  code.push(0xff, 0x0d, COUNTER & 0xff, COUNTER >> 8, 0, 0);
  code.push(0x0f, 0x85);
  fixups.push({ at: code.length, label: 'outer' });
  code.push(0, 0, 0, 0);
  labels.tail = code.length;
  code.push(0xf4);
  for (const f of fixups) {
    const rel = labels[f.label] - (f.at + 4);
    for (let i = 0; i < 4; i++) code[f.at + i] = (rel >> (8 * i)) & 0xff;
  }
  return code;
}

/**
 * A loop around a diamond: a conditional jump picks one of two random paths (flag producers
 * of different kinds and sizes, or none), both meet at a block that starts by reading flags
 * (a condition, ADC, INC/DEC keeping CF then a condition) after paths that left different
 * lazy records, checked against the interpreter.
 */
function diamondProgram(next: () => number): number[] {
  const path = (): number[] => {
    const out: number[] = [];
    for (let i = next() % 3; i > 0; i--) out.push(...(next() & 1 ? compareInstruction(next) : randomInstruction(next)));
    return out;
  };
  const d = SAFE[next() % SAFE.length],
    s = SAFE[next() % SAFE.length];
  const cc = next() & 15;
  const consumers = [
    [0x70 + cc, 0x01, 0x40 + d], // jcc over an inc
    [0x0f, 0x90 + cc, 0xc0 | [0, 1, 2][next() % 3]], // setcc
    [0x11, 0xc0 | (s << 3) | d], // adc
    [0x40 + (next() & 8) + d, 0x0f, 0x92, 0xc0 | [0, 1, 2][next() % 3]], // inc/dec; setc
  ];
  const a = path(),
    b = path();
  const join = [...consumers[next() % consumers.length], ...consumers[next() % consumers.length]];
  // top: jcc B (rel32); A; jmp J (rel32); B: B; J: join; dec dword [COUNTER]; jnz top (rel32); hlt
  const body = [0x0f, 0x80 + (next() & 15), ...le(a.length + 5), ...a, 0xe9, ...le(b.length), ...b, ...join];
  const back = -(body.length + 6 + 6);
  return [...body, 0xff, 0x0d, COUNTER & 0xff, COUNTER >> 8, 0, 0, 0x0f, 0x85, ...le(back), 0xf4];
}

/** Registers for a random program: ESP at STACK, EBX at DATA, the others random. */
function randomRegs(next: () => number): number[] {
  return Array.from({ length: 8 }, (_, i) => (i === 4 ? STACK : i === 3 ? DATA : next() | 0));
}

/** `code` compiled at its first entry (threshold 1) against the interpreter, in random slices;
 *  returns the compiled machine. */
function compareCompiled(seed: number, next: () => number, code: number[], regs: number[], cutOff = Infinity): Machine {
  let compiled: Machine | undefined;
  const hex = code.map((x) => x.toString(16).padStart(2, '0')).join(' ');
  const make = (): Machine => (compiled = machine(code, regs, 1));
  compare(1, seed, make, () => machine(code, regs, undefined), next, `[${hex}]`, cutOff);
  return compiled!;
}

function le(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
}

describe('compiled regions behave exactly like the interpreter', () => {
  it('random diamonds in a loop whose join block reads the flags, compiled at once, in random slices', function () {
    this.timeout(600_000);
    const seed = Number(process.env.CPU_FUZZ_SEED ?? 15);
    const next = random(seed);
    for (let p = 0; p < 200; p++) {
      const code = diamondProgram(next);
      const regs = randomRegs(next);
      compareCompiled(seed, next, code, regs);
    }
  });

  it('random loops with memory, stack and calls, compiled at once, in random slices', function () {
    this.timeout(600_000);
    const seed = Number(process.env.CPU_FUZZ_SEED ?? 11);
    const next = random(seed);
    for (let p = 0; p < 120; p++) {
      const code = program(next);
      const regs = randomRegs(next);
      compareCompiled(seed, next, code, regs);
    }
  });

  it('random nested loops with irregular jumps, compiled at once, in random slices', function () {
    this.timeout(600_000);
    const seed = Number(process.env.CPU_FUZZ_SEED ?? 13);
    const next = random(seed);
    let compiledRetired = 0;
    for (let p = 0; p < 150; p++) {
      const code = nestedProgram(next);
      const regs = randomRegs(next);
      compiledRetired += compareCompiled(seed, next, code, regs, 200_000).compiledStats().retired;
    }
    assert.ok(compiledRetired > 100_000, `only ${compiledRetired} instructions ran compiled`);
  });

  it('random compare-and-branch pairs of every size and condition, compiled at once, in random slices', function () {
    this.timeout(600_000);
    const seed = Number(process.env.CPU_FUZZ_SEED ?? 14);
    const next = random(seed);
    for (let p = 0; p < 150; p++) {
      const code = program(next, (n) => (n() % 4 === 0 ? randomInstruction(n) : compareInstruction(n)));
      // Registers near the signed and unsigned boundaries of every size, and random ones.
      const edges = [0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, -0x80000000];
      const regs = Array.from({ length: 8 }, (_, i) =>
        i === 4 ? STACK : i === 3 ? DATA : next() & 1 ? edges[next() % edges.length] : next() | 0,
      );
      compareCompiled(seed, next, code, regs);
    }
  });

  it('PUSH into the code page it runs from patches the next instruction (the stack window skips code pages)', () => {
    // nop x3; mov ecx, N; L: mov esp, X + 4; push ecx; X - 2: add ebx, imm32 (X: its
    // immediate, aligned, rewritten by the PUSH just before it); dec ecx; jnz L; hlt.
    // EBX sums N .. 1.
    const n = 200;
    const x = 0x1000 + 16;
    const code = [0x90, 0x90, 0x90, 0xb9, n, 0, 0, 0];
    code.push(0xbc, (x + 4) & 0xff, (x + 4) >> 8, 0, 0, 0x51, 0x81, 0xc3, 0, 0, 0, 0, 0x49, 0x75, 8 - 23, 0xf4);
    for (const threshold of [1, undefined]) {
      const m = machine(code, [0, 0, 0, 0, STACK, 0, 0, 0], threshold);
      const stop = m.run(10_000);
      assert.equal(stop.reason, 'halt');
      assert.equal(m.cpu.regs[3], (n * (n + 1)) / 2, `threshold ${threshold}`);
      if (threshold === 1) assert.ok(m.compiledStats().retired > 0, 'nothing ran compiled');
    }
  });

  it('the same programs under a watchpoint on the data: same stops, same state', function () {
    this.timeout(600_000);
    const seed = Number(process.env.CPU_FUZZ_SEED ?? 12);
    const next = random(seed);
    for (let p = 0; p < 40; p++) {
      const code = program(next);
      const regs = randomRegs(next);
      const w = next();
      const mk = (t: number | undefined) => () => {
        const m = machine(code, regs, t);
        m.cpu.setWatchpoints([{ linear: DATA + (w & 0x7c), length: 4, read: false, write: true }]);
        return m;
      };
      compare(1, seed, mk(1), mk(undefined), next, `watched program ${p}`);
    }
  });
});

describe('code generation switched off (a host without new Function)', () => {
  after(() => setCodeGeneration(true));

  it('compiles nothing, and runs the same programs to the same state through closure handlers', function () {
    this.timeout(600_000);
    setCodeGeneration(false);
    assert.equal(compileSource([], 'return 1'), null);
    const next = random(13);
    for (let p = 0; p < 30; p++) {
      const code = program(next);
      const regs = randomRegs(next);
      setCodeGeneration(false);
      const a = machine(code, regs, 1);
      const sa = a.run(1_000_000);
      setCodeGeneration(true);
      const b = machine(code, regs, undefined);
      const sb = b.run(1_000_000);
      assert.deepEqual({ stop: sa, ...state(a) }, { stop: sb, ...state(b) }, `program ${p}`);
    }
  });
});

describe('bounded code cache', () => {
  it('10 million straight-line instructions over fresh addresses stay under 400 MiB peak RSS', function () {
    this.timeout(600_000);
    // Zeroed RAM decodes as ADD [EAX], AL (2 bytes): EIP walks 20 MB of never-seen code.
    const machineModule = path.resolve(__dirname, '../../src/emulator/machine.js');
    const script = `
      const { Machine } = require(${JSON.stringify(machineModule)});
      const m = new Machine({ memoryBytes: 32 << 20 });
      m.cpu.setFlat32();
      m.cpu.eip = 0x100000;
      let executed = 0;
      while (executed < 10000000) { const s = m.run(10000000 - executed); executed += s.executed; if (s.reason !== 'limit') break; }
      console.log(JSON.stringify({ executed, eip: m.cpu.eip, maxRss: process.resourceUsage().maxRSS }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { executed: number; eip: number; maxRss: number };
    assert.equal(out.executed, 10_000_000);
    assert.equal(out.eip, 0x100000 + 2 * 10_000_000);
    assert.ok(out.maxRss < 400 * 1024, `peak RSS ${(out.maxRss / 1024).toFixed(0)} MiB`);
  });
});
