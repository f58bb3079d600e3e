// The CPU's segment-register names and the decoder's segment-override prefixes come from
// mnemonics.ts (REGISTER_INFO). NASM is the oracle for both facts they rely on: the list is in
// sreg order (MOV r/m16, Sreg puts the sreg number in ModRM.reg, SDM Vol.2 B.1.4.5) and each
// override byte is what NASM emits for that segment.
import * as assert from 'node:assert/strict';
import { SEGMENT_NAMES } from '../../src/emulator/cpu/cpu';
import { decodeInstruction } from '../../src/isa/decoder';
import { REGISTER_INFO } from '../../src/isa/mnemonics';
import { nasm } from '../machine/bare';

describe('segment registers from mnemonics.ts', () => {
  it('lists the six segment registers in sreg order, as NASM encodes MOV AX, Sreg', () => {
    assert.equal(SEGMENT_NAMES.length, 6);
    const { bytes } = nasm(SEGMENT_NAMES.map((name) => `mov ax, ${name}`).join('\n'));
    SEGMENT_NAMES.forEach((name, sreg) => {
      // 66 8C /r with mod 11, rm = AX: the reg field is the sreg number.
      const modrm = bytes[sreg * 3 + 2];
      assert.equal((modrm >> 3) & 7, sreg, `${name}: NASM encodes sreg ${(modrm >> 3) & 7}`);
    });
  });

  it('decodes each override byte NASM emits to its segment register, and only those bytes', () => {
    const { bytes } = nasm(SEGMENT_NAMES.map((name) => `mov eax, [${name}:ebx]`).join('\n'));
    const seen = new Set<number>();
    SEGMENT_NAMES.forEach((name, sreg) => {
      const insn = bytes.subarray(sreg * 3, sreg * 3 + 3);
      assert.equal(insn[0], REGISTER_INFO[name].overrideByte, `${name}: NASM emits ${insn[0].toString(16)}`);
      const d = decodeInstruction(insn, 0, true);
      assert.ok(d.ok);
      assert.equal(d.segment, sreg, name);
      seen.add(insn[0]);
    });
    for (let b = 0; b < 256; b++) {
      if (seen.has(b) || [0x66, 0x67, 0xf0, 0xf2, 0xf3].includes(b)) continue;
      const d = decodeInstruction(Uint8Array.of(b, 0x8b, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, true);
      if (d.ok) assert.equal(d.segment, -1, `byte ${b.toString(16)} decoded as a segment override`);
    }
  });
});
