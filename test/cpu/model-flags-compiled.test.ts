// Model-dependent undefined flags inside compiled regions: SHL, SHR, SAR, ROL, ROR by every
// immediate count and by CL, BT/BTS with register and immediate offsets, SHLD/SHRD past the
// width, on 8-, 16- and 32-bit operands, run in a loop compiled at once and interpreted, on the
// 80386 model (its own undefined-flag rules) and on a later one; every flags image is summed.
import * as assert from 'node:assert/strict';
import { Machine } from '../../src/emulator/machine';
import type { ModelId } from '../../src/isa/models';

const SHIFTS = [4, 5, 7, 0, 1]; // /4 SHL, /5 SHR, /7 SAR, /0 ROL, /1 ROR

/** add eax, 9E3779B9h: a new operand each time. */
const STIR = [0x05, 0xb9, 0x79, 0x37, 0x9e];
/** pushfd; pop edx; add esi, edx; add edi, eax: the flags and the result into two sums. */
const RECORD = [0x9c, 0x5a, 0x01, 0xd6, 0x01, 0xc7];

function body(): number[] {
  const code: number[] = [];
  for (const ext of SHIFTS)
    for (const size of [8, 16, 32])
      for (let count = 1; count < 32; count++) {
        const prefix = size === 16 ? [0x66] : [];
        code.push(...STIR, ...prefix, size === 8 ? 0xc0 : 0xc1, 0xc0 | (ext << 3), count, ...RECORD);
        // the same by CL
        code.push(...STIR, 0xb1, count, ...prefix, size === 8 ? 0xd2 : 0xd3, 0xc0 | (ext << 3), ...RECORD);
      }
  for (const size of [16, 32]) {
    const prefix = size === 16 ? [0x66] : [];
    for (let bit = 0; bit < 32; bit += 3) {
      // bt eax, imm8 / bts eax, ebx (EBX = bit) / shld eax, ebx, imm8 / shrd eax, ebx, cl
      code.push(...STIR, ...prefix, 0x0f, 0xba, 0xe0, bit, ...RECORD);
      code.push(...STIR, 0xbb, ...[bit, 0, 0, 0], ...prefix, 0x0f, 0xab, 0xd8, ...RECORD);
      code.push(...STIR, 0xbb, ...[0x5a, 0xc3, 0x0f, 0xf0], ...prefix, 0x0f, 0xa4, 0xd8, bit, ...RECORD);
      code.push(...STIR, 0xb1, bit, ...prefix, 0x0f, 0xad, 0xd8, ...RECORD);
    }
  }
  return code;
}

function program(): number[] {
  const loop = body();
  // mov ebp, 40; loop: ... ; dec ebp; jnz loop (rel32); hlt
  const jump = -(loop.length + 1 + 6);
  return [0xbd, 40, 0, 0, 0, ...loop, 0x4d, 0x0f, 0x85, ...le(jump), 0xf4];
}

function le(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
}

function run(model: ModelId, compiled: boolean): { regs: number[]; eflags: number; count: number } {
  const m = new Machine({
    model,
    memoryBytes: 1 << 20,
    ...(compiled ? { compileThreshold: 1 } : { compileBlocks: false }),
  });
  m.cpu.setFlat32();
  m.memory.load(Uint8Array.from(program()), 0x1000);
  m.cpu.regs[4] = 0x80000;
  m.cpu.eip = 0x1000;
  const stop = m.run(10_000_000);
  assert.equal(stop.reason, 'halt', `${model}: ${JSON.stringify(stop)}`);
  return { regs: Array.from(m.cpu.regs), eflags: m.cpu.getEflags(), count: m.cpu.instructionCount };
}

describe('model-dependent undefined flags in compiled regions', () => {
  for (const model of ['i386', 'i486', 'pentium-ii'] as ModelId[]) {
    it(`${model}: shifts, rotates, BT, SHLD/SHRD by every count give the interpreter's flags when compiled`, () => {
      assert.deepEqual(run(model, true), run(model, false));
    });
  }

  it('the 80386 model and a later one differ on these flags (the loop exercises them)', () => {
    assert.notEqual(run('i386', false).regs[6], run('pentium-ii', false).regs[6]);
  });
});
