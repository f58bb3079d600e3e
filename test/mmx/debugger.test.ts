// The debugger's FPU scope on MMX models (src/debugcore/fpu.ts): MM0-MM7 are the significands of
// R0-R7 as an MMX instruction left them, shown after the x87 rows; models without MMX show none.

import * as assert from 'node:assert/strict';
import { describeFpu } from '../../src/debugcore/fpu';
import { bareCpu } from '../cpu/cpuHarness';

describe('MMX registers in the debugger FPU scope', () => {
  it('lists mm0-mm7 after a MOVQ and PADDW, with the x87 view of the same registers', () => {
    // movq mm3, [0x2000]; paddw mm3, mm3; hlt
    const b = bareCpu([0x0f, 0x6f, 0x1d, 0, 0x20, 0, 0, 0x0f, 0xfd, 0xdb, 0xf4], {
      model: 'pentium-ii',
      compile: false,
    });
    b.memory.write32(0x2000, 0x89abcdef);
    b.memory.write32(0x2004, 0x01234567);
    b.run(10);
    const rows = describeFpu(b.cpu.fpu, b.cpu.model.features.has('mmx'));
    const mm3 = rows.find((r) => r.name === 'mm3');
    assert.equal(mm3?.value, '0x02468ace13569bde (words 0246 8ace 1356 9bde)');
    assert.equal(mm3?.type, 'MMX: R3 significand');
    assert.equal(rows.filter((r) => r.name.startsWith('mm')).length, 8);
    // The x87 view: TOP = 0, so ST3 is R3 with the exponent field all ones (a NaN to the x87).
    const st3 = rows.find((r) => r.name === 'st3');
    assert.match(st3!.value, /\[ffff:02468ace13569bde\]$/);
    assert.equal(
      describeFpu(bareCpu([0xf4], { model: 'pentium' }).cpu.fpu, false).some((r) => r.name.startsWith('mm')),
      false,
    );
  });
});
