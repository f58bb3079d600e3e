import * as assert from 'node:assert/strict';
import { Machine } from '../../src/emulator/machine';
import { xorshift32 } from '../../scripts/lib/random';

// Random register-only instruction mixes, looped 40 times so their blocks get compiled, must
// leave exactly the same registers, flags and instruction count as the pure interpreter.
// Destinations avoid ESP and EBP (r in 0-3, 6, 7).

const SAFE = [0, 1, 2, 3, 6, 7];

function randomInstruction(next: () => number): number[] {
  const pick = <T>(list: readonly T[]): T => list[next() % list.length];
  const d = pick(SAFE),
    s = pick(SAFE),
    op = next() % 8,
    b = next() & 0xff;
  switch (next() % 22) {
    case 0:
      return [op * 8 + 1, 0xc0 | (s << 3) | d]; // ALU r32, r32
    case 1:
      return [op * 8 + 0, 0xc0 | ((next() & 7) << 3) | (next() & 3)]; // ALU r8, r8 (AL..BL dest)
    case 2:
      return [0x66, op * 8 + 1, 0xc0 | (s << 3) | d]; // ALU r16, r16
    case 3:
      return [0x81, 0xc0 | (op << 3) | d, b, next() & 0xff, next() & 0xff, next() & 0xff];
    case 4:
      return [0x83, 0xc0 | (op << 3) | d, b];
    case 5:
      return [0xc1, 0xc0 | (pick([0, 1, 2, 3, 4, 5, 7]) << 3) | d, b & 31];
    case 6:
      return [0xd1, 0xc0 | (pick([0, 1, 2, 3, 4, 5, 7]) << 3) | d];
    case 7:
      return [pick([0x40, 0x48]) + d];
    case 8:
      return [0xf7, 0xc0 | (pick([2, 3, 4, 5]) << 3) | d]; // not neg mul imul
    case 9:
      return [0x0f, 0xaf, 0xc0 | (d << 3) | s];
    case 10:
      return [0x6b, 0xc0 | (d << 3) | s, b];
    case 11:
      return [0x0f, 0x90 + (next() & 15), 0xc0 | (next() & 3)]; // setcc AL..BL
    case 12:
      return [0x0f, 0x40 + (next() & 15), 0xc0 | (d << 3) | s];
    case 13:
      return [0x70 + (next() & 15), 0x01, 0x40 + d]; // jcc over an inc
    case 14:
      return [0x8d, 0x40 | (d << 3) | pick([0, 1, 2, 3, 6, 7]), b]; // lea r, [r + disp8]
    case 15:
      return [0x0f, 0xc8 + d];
    case 16:
      return [0x87, 0xc0 | (s << 3) | d];
    case 17:
      return [0x0f, pick([0xb6, 0xb7, 0xbe, 0xbf]), 0xc0 | (d << 3) | (next() & 3)];
    case 18:
      return [0x0f, pick([0xa3, 0xab, 0xb3, 0xbb]), 0xc0 | (s << 3) | d];
    case 19:
      return [0x0f, pick([0xa4, 0xac]), 0xc0 | (s << 3) | d, b & 31];
    case 20:
      return [pick([0x98, 0x99, 0x9e, 0x9f, 0xf5, 0xf8, 0xf9])];
    default:
      return [0x89, 0xc0 | (s << 3) | d];
  }
}

function run(
  code: number[],
  regs: number[],
  compileBlocks: boolean,
): { regs: number[]; eflags: number; executed: number } {
  const m = new Machine({ memoryBytes: 1 << 20, compileBlocks });
  m.cpu.setFlat32();
  m.memory.load(Uint8Array.from(code), 0x1000);
  m.memory.write32(0x3000, 40);
  regs.forEach((v, i) => (m.cpu.regs[i] = v));
  m.cpu.eip = 0x1000;
  const stop = m.run(1_000_000);
  assert.equal(stop.reason, 'halt');
  return { regs: Array.from(m.cpu.regs), eflags: m.cpu.getEflags(), executed: stop.executed };
}

describe('compiled blocks behave exactly like interpreted ones', () => {
  it('300 random register-only loops: same registers, EFLAGS and instruction count', function () {
    this.timeout(120_000);
    const seed = Number(process.env.CPU_FUZZ_SEED ?? 7);
    const next = xorshift32(seed);
    for (let p = 0; p < 300; p++) {
      const body: number[] = [];
      const count = 4 + (next() % 40);
      for (let i = 0; i < count; i++) body.push(...randomInstruction(next));
      // dec dword [0x3000]; jnz body (rel32); hlt
      const back = -(body.length + 6 + 6);
      const code = [
        ...body,
        0xff,
        0x0d,
        0x00,
        0x30,
        0x00,
        0x00,
        0x0f,
        0x85,
        back & 0xff,
        (back >> 8) & 0xff,
        (back >> 16) & 0xff,
        (back >>> 24) & 0xff,
        0xf4,
      ];
      const regs = Array.from({ length: 8 }, (_, i) => (i === 4 ? 0x80000 : next() | 0));
      const interpreted = run(code, regs, false);
      const compiled = run(code, regs, true);
      assert.deepEqual(
        compiled,
        interpreted,
        `program ${p} (seed ${seed}): ${code.map((x) => x.toString(16).padStart(2, '0')).join(' ')}`,
      );
    }
  });
});
