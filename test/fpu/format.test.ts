// The debugger's x87 text (src/debugcore/fpu.ts): decimal values from the exact bits, class
// names for the specials, control/status word fields.

import * as assert from 'node:assert/strict';
import { describeFpu, extendedToString } from '../../src/debugcore/fpu';
import { Fpu } from '../../src/emulator/cpu/fpu/state';

describe('x87 state as the debugger shows it', () => {
  it('prints double extended values with 17 significant digits, and names the special classes', () => {
    assert.equal(extendedToString(0x4000, 0xc90fdaa2, 0x2168c235), '3.1415926535897932e+0');
    assert.equal(extendedToString(0x3fff, 0x80000000, 0), '1.0e+0');
    assert.equal(extendedToString(0xbffb, 0xcccccccc, 0xcccccccd), '-1.0e-1');
    assert.equal(extendedToString(0x7ffe, 0xffffffff, 0xffffffff), '1.1897314953572318e+4932');
    assert.equal(extendedToString(0x0000, 0, 1), '3.6451995318824746e-4951 (denormal)');
    assert.equal(extendedToString(0x8000, 0, 0), '-0');
    assert.equal(extendedToString(0x7fff, 0x80000000, 0), 'inf');
    assert.equal(extendedToString(0xffff, 0xc0000000, 0), '-QNaN');
    assert.equal(extendedToString(0x7fff, 0x80000000, 1), 'SNaN');
    assert.equal(extendedToString(0x4000, 0x40000000, 0), 'unnormal (unsupported)');
  });

  it('lists ST0-ST7 from TOP with tags and raw bits, then CW and SW fields', () => {
    const f = new Fpu();
    f.init();
    f.push({ sign: 0, exp: 0x3fff, sig: 1n << 63n });
    const rows = describeFpu(f);
    assert.equal(rows[0].value, '1.0e+0 [3fff:8000000000000000]');
    assert.equal(rows[0].type, 'R7, tag valid');
    assert.equal(rows[1].value.startsWith('empty'), true);
    assert.equal(rows.find((r) => r.name === 'cw')?.value, '0x037f (64-bit, round nearest, masked: IE DE ZE OE UE PE)');
    assert.equal(rows.find((r) => r.name === 'sw')?.value, '0x3800 (TOP=7 C0=0 C1=0 C2=0 C3=0 no exceptions)');
  });
});
