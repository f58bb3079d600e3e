// The hint-NOP space 0F 18-0F 1F /r (NOPL 0F 1F /0; ENDBR32 F3 0F 1E FB and F3 0F 1E C8-CF on
// CPUs without CET): the SDM's NOP page gives the multi-byte NOP to CPUID family 6 and later
// only (SDM Vol.2B NOP: "available on processors with model encoding CPUID.01H.EAX[11:8] =
// 0110B or 1111B"); the 386, 486, Pentium and K6-2 (family 5) raise #UD. glibc's static
// programs are full of ENDBR32 and NOPL padding.
import * as assert from 'node:assert/strict';
import { flatMachine } from './machineHelpers';
import { EAX, ECX } from '../../src/emulator/cpu/cpu';

const UD = 6;

const FORMS: Array<[string, number[]]> = [
  ['nop dword [eax+eax*1+0]', [0x0f, 0x1f, 0x44, 0x00, 0x00]],
  ['nop eax', [0x0f, 0x1f, 0xc0]],
  ['nop word [ecx]', [0x66, 0x0f, 0x1f, 0x01]],
  ['0F 18 /0 (prefetch hint space)', [0x0f, 0x18, 0x00]],
  ['0F 1D /7', [0x0f, 0x1d, 0x38]],
  ['endbr32', [0xf3, 0x0f, 0x1e, 0xfb]],
  ['rdsspd eax without CET', [0xf3, 0x0f, 0x1e, 0xc8]],
];

describe('hint NOPs (0F 18-0F 1F)', () => {
  for (const [name, bytes] of FORMS) {
    it(`${name}: a NOP on P6-class models, #UD before`, () => {
      for (const model of ['pentium-pro', 'pentium-ii', 'athlon'] as const) {
        const m = flatMachine([0xb8, 0x44, 0x33, 0x22, 0x11, 0xb9, 0x00, 0x10, 0x00, 0x00, ...bytes, 0xf4], model);
        const end = m.run(10);
        assert.equal(end.reason, 'halt', `${model}: ${JSON.stringify(end)}`);
        assert.equal(m.cpu.regs[EAX], 0x11223344, model);
        assert.equal(m.cpu.regs[ECX], 0x1000, model);
        assert.equal(m.cpu.instructionCount, 4, model);
      }
      for (const model of ['i386', 'i486', 'pentium', 'k6-2'] as const) {
        const m = flatMachine([...bytes, 0xf4], model);
        assert.equal(m.run(5).vector, UD, model);
      }
    });
  }
});
