import * as assert from 'node:assert/strict';
import { decodeInstruction } from '../../src/isa/decoder';
import { findModel } from '../../src/isa/models';
import { INSTRUCTIONS } from '../../src/isa/instructions';
import { Instr } from '../../src/emulator/cpu/instr';
import { EXEC_NAMES, execFacts } from '../../src/emulator/cpu/dispatch';
import { effectsOf } from '../../src/emulator/cpu/effects';
import { declaresFpu } from '../../src/emulator/cpu/effectsFpu';
import { FPU_EXECS } from '../../src/emulator/cpu/fpu';
import { MMX_ALL_EXECS } from '../../src/emulator/cpu/mmx';
import type { ExecName } from '../../src/isa/execNames';
import { CF, OF, PF, SF, ZF } from '../../src/emulator/cpu/flags';

// The declared effects of x87 and MMX instructions (src/emulator/cpu/effectsFpu.ts), which
// the region compiler trusts to keep registers and flags in locals across their handlers.
// Encodings from nasm (bits 32); the facts from the SDM entries cited in effectsFpu.ts.

const athlon = findModel('athlon')!;

function fx(bytes: number[]) {
  const d = decodeInstruction(Uint8Array.from(bytes), 0, true, athlon);
  if (!d.ok) throw new Error(`does not decode: ${bytes.map((b) => b.toString(16)).join(' ')}`);
  const ins = Instr.fromDecoded(d, () => undefined);
  return effectsOf(ins, execFacts(ins.form!.exec));
}

const EAX = 1,
  ESI = 1 << 6,
  EDI = 1 << 7,
  EBX = 1 << 3;

describe('declared effects of x87 and MMX instructions', () => {
  it('every x87 and MMX exec name the instruction table uses is declared', () => {
    const handlers = new Set<string>(['wait', ...Object.keys(FPU_EXECS), ...Object.keys(MMX_ALL_EXECS)]);
    const fpuMmx = new Set<string>(INSTRUCTIONS.map((f) => f.exec).filter((e) => handlers.has(e)));
    assert.ok(fpuMmx.size > 150, `${fpuMmx.size}`);
    for (const e of handlers) assert.ok(fpuMmx.has(e), `${e}: no row`);
    for (const e of fpuMmx) {
      assert.ok(EXEC_NAMES.has(e), e);
      assert.ok(declaresFpu(e), `${e} has no declaration`);
      assert.equal(execFacts(e as ExecName).branch, false, e);
    }
  });

  it('memory forms read or write their operand through the address registers only', () => {
    // fld qword [ebx+esi*8+8]
    assert.deepEqual(fx([0xdd, 0x44, 0xf3, 0x08]), {
      regsRead: EBX | ESI,
      regsWritten: 0,
      flagsRead: 0,
      flagsWritten: 0,
      flagsUndefined: 0,
      otherFlags: false,
      mayFault: true,
      memory: 'read',
      endsRegion: false,
    });
    assert.equal(fx([0xdd, 0x1e]).memory, 'write'); // fstp qword [esi]
    assert.equal(fx([0xdd, 0x3e]).memory, 'write'); // fnstsw [esi]
    assert.equal(fx([0xd9, 0x36]).memory, 'write'); // fnstenv [esi]
    assert.equal(fx([0xdd, 0x36]).memory, 'write'); // fnsave [esi]
    assert.equal(fx([0x0f, 0xae, 0x06]).memory, 'write'); // fxsave [esi]
    assert.equal(fx([0xd9, 0x26]).memory, 'read'); // fldenv [esi]
    assert.equal(fx([0xdd, 0x26]).memory, 'read'); // frstor [esi]
    assert.equal(fx([0x0f, 0xae, 0x0e]).memory, 'read'); // fxrstor [esi]
    assert.equal(fx([0xd9, 0x2e]).memory, 'read'); // fldcw [esi]
    assert.equal(fx([0xde, 0x0e]).memory, 'read'); // fimul word [esi]
    assert.equal(fx([0xdb, 0x1e]).memory, 'write'); // fistp dword [esi]
    assert.deepEqual(fx([0xdd, 0x1e]).regsRead, ESI);
  });

  it('register forms touch no general register and no flag, but may fault (#NM, #MF)', () => {
    for (const bytes of [
      [0xd8, 0xc1], // fadd st0, st1
      [0xde, 0xc9], // fmulp st1, st0
      [0xd9, 0xfa], // fsqrt
      [0xd9, 0xc9], // fxch st1
      [0xdb, 0xe3], // fninit
      [0x9b], // fwait
      [0x0f, 0x77], // emms
      [0x0f, 0xfe, 0xc1], // paddd mm0, mm1
    ]) {
      const e = fx(bytes);
      assert.equal(e.regsRead | e.regsWritten | e.flagsRead | e.flagsWritten, 0, bytes.join(' '));
      assert.equal(e.mayFault, true, bytes.join(' '));
      assert.equal(e.memory, 'none', bytes.join(' '));
    }
  });

  it('FNSTSW AX writes EAX, FCOMI writes the arithmetic flags, FCMOVcc reads its condition', () => {
    const fnstsw = fx([0xdf, 0xe0]);
    assert.equal(fnstsw.regsWritten, EAX);
    const fcomi = fx([0xdb, 0xf1]); // fcomi st0, st1: ZF PF CF, OF SF AF cleared
    assert.equal(fcomi.flagsWritten & (ZF | PF | CF | OF | SF), ZF | PF | CF | OF | SF);
    assert.equal(fcomi.regsWritten, 0);
    assert.equal(fx([0xda, 0xc1]).flagsRead, CF); // fcmovb
    assert.equal(fx([0xda, 0xc9]).flagsRead, ZF); // fcmove
    assert.equal(fx([0xdb, 0xd1]).flagsRead, CF | ZF); // fcmovnbe
    assert.equal(fx([0xdb, 0xd9]).flagsRead, PF); // fcmovnu
  });

  it('MMX moves to and from general registers, MASKMOVQ, and the hints', () => {
    assert.equal(fx([0x0f, 0x7e, 0xc6]).regsWritten, ESI); // movd esi, mm0
    assert.equal(fx([0x0f, 0x6e, 0xc6]).regsRead, ESI); // movd mm0, esi
    assert.equal(fx([0x0f, 0x7e, 0x06]).memory, 'write'); // movd [esi], mm0
    assert.equal(fx([0x0f, 0x7f, 0x06]).memory, 'write'); // movq [esi], mm0
    assert.equal(fx([0x0f, 0x6f, 0x06]).memory, 'read'); // movq mm0, [esi]
    assert.equal(fx([0x0f, 0xc5, 0xf0, 0x01]).regsWritten, ESI); // pextrw esi, mm0, 1
    assert.equal(fx([0x0f, 0xd7, 0xf0]).regsWritten, ESI); // pmovmskb esi, mm0
    const maskmovq = fx([0x0f, 0xf7, 0xc1]);
    assert.equal(maskmovq.regsRead, EDI);
    assert.equal(maskmovq.memory, 'write');
    const prefetch = fx([0x0f, 0x18, 0x06]); // prefetchnta [esi]
    assert.equal(prefetch.mayFault, false);
    assert.equal(prefetch.memory, 'none');
  });
});
