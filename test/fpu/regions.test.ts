import * as assert from 'node:assert/strict';
import { Machine, type StopInfo } from '../../src/emulator/machine';
import { CR0_NE, CR0_PG, CR0_TS } from '../../src/emulator/cpu/constants';
import { captureFpu } from '../../src/emulator/cpu/fpu/state';
import { xorshift32 as random } from '../../scripts/lib/random';

// x87 and MMX code in compiled regions (src/emulator/cpu/jit/emitFpu.ts) against the
// interpreter: random loops of x87 loads, stores, arithmetic in every form, compares into
// EFLAGS (FNSTSW AX + SAHF, FCOMI, FUCOMIP), FCMOVcc, control-word loads that unmask
// exceptions, FNSTENV (which stores FIP, FDP and FOP), FWAIT, MMX moves between MMX and
// general registers, mixed with integer instructions, compiled at their first entry and run
// in random slices. After every slice both machines must hold the same registers, EFLAGS,
// EIP, retired count, x87 state and memory. The faults come from the programs and from the
// test: #MF (an unmasked exception with CR0.NE, SDM Vol.1 8.7), #NM (CR0.TS set between
// slices, SDM Vol.3 Table 2-2) and #PF (operands in a page that is not present); the test
// stops on each (flat test mode: the run reports it), removes the cause in both machines
// and goes on, so a fault's EIP and count are compared where it happened.

const SAFE = [0, 1, 2, 6, 7];
const DATA = 0x3000; // EBX: 256 bytes of random data, control words at DATA + 0xC0
const CONTROL_WORDS = DATA + 0xc0;
/** Control words FLDCW picks from: all masked at PC 64, 53, 24 and chop; IE, ZE, OE+UE+PE, all unmasked. */
const CWS = [0x037f, 0x027f, 0x007f, 0x0f7f, 0x037e, 0x037b, 0x0347, 0x0340];
const FAR = 0x1000; // [EBX + FAR + d]: the page at 4000h, not present until the first #PF there
const COUNTER = 0x2ff0;
const PD = 0x10000,
  PT = 0x11000;

function randomInstruction(next: () => number): number[] {
  const pick = <T>(list: readonly T[]): T => list[next() % list.length];
  const d = pick(SAFE),
    s = pick(SAFE),
    op = next() % 8,
    i = next() % 8,
    disp = next() & 0x7f;
  const mem = (reg: number) => [0x40 | (reg << 3) | 3, disp]; // [ebx + disp8]
  const far = (reg: number) => [0x80 | (reg << 3) | 3, (FAR + disp) & 0xff, (FAR + disp) >> 8, 0, 0];
  switch (next() % 35) {
    case 0:
      return [pick([0xd9, 0xdd, 0xdb, 0xdf]), ...mem(0)]; // FLD m32/m64, FILD m32/m16
    case 1:
      return [0xdb, ...mem(5)]; // FLD m80
    case 2:
      return [pick([0xd9, 0xdd]), ...mem(pick([2, 3]))]; // FST/FSTP m32/m64
    case 3:
      return [pick([0xdb, 0xdf]), ...mem(pick([2, 3]))]; // FIST/FISTP m32/m16
    case 4:
      return [0xdb, ...mem(7)]; // FSTP m80
    case 5:
    case 6:
      return [pick([0xd8, 0xdc]), ...mem(op)]; // FADD..FDIVR, FCOM/FCOMP m32/m64
    case 7:
      return [pick([0xda, 0xde]), ...mem(op)]; // FIADD..FIDIVR m32/m16
    case 8:
    case 9:
      return [0xd8, 0xc0 | (op << 3) | i]; // op ST0, ST(i)
    case 10:
      return [pick([0xdc, 0xde]), 0xc0 | (pick([0, 1, 4, 5, 6, 7]) << 3) | i]; // op ST(i), ST0 (P)
    case 11:
      return [0xd9, 0xc0 | i]; // FLD ST(i)
    case 12:
      return [0xd9, 0xc8 | i]; // FXCH
    case 13:
      return [0xdd, pick([0xd0, 0xd8]) | i]; // FST/FSTP ST(i)
    case 14:
      return [0xd9, pick([0xe0, 0xe1, 0xe4, 0xe5, 0xe8, 0xee, 0xfa, 0xfc])]; // FCHS .. FRNDINT
    case 15:
      return [0xdf, 0xe0, 0x9e]; // FNSTSW AX; SAHF
    case 16:
      return [0xdf, 0xe0, 0x89, 0xc0 | d]; // FNSTSW AX; mov r32, eax
    case 17:
      return [pick([0xdb, 0xdf]), pick([0xf0, 0xe8]) | i]; // FCOMI, FUCOMI(P)
    case 18:
      return [0x39, 0xc0 | (s << 3) | d, pick([0xda, 0xdb]), 0xc0 | ((next() & 3) << 3) | i]; // cmp; FCMOVcc
    case 19:
      return [0xd9, 0x80 | (5 << 3) | 3, ...le32(CONTROL_WORDS - DATA + 2 * (next() % CWS.length))]; // FLDCW
    case 20:
      return [pick([0xd9, 0xdd]), ...mem(7)]; // FNSTCW, FNSTSW m16
    case 21:
      return [0xd9, ...mem(6)]; // FNSTENV (28 bytes: FIP, FDP, FOP)
    case 22:
      return [pick([0x9b, 0x90])]; // FWAIT, NOP
    case 23:
      return [0xdb, 0xe2]; // FNCLEX
    case 24:
      return [pick([0xdd, 0xdc]), ...far(pick([0, 3]))]; // FLD/FSTP m64, or FADD, in the far page
    case 25:
      return [0x0f, 0x6f, ...mem(i)]; // MOVQ mm, m64
    case 26:
      return [0x0f, 0x7f, ...mem(i)]; // MOVQ m64, mm
    case 27:
      return [0x0f, pick([0xfe, 0xef, 0xd5]), 0xc0 | (i << 3) | (next() & 7)]; // PADDD, PXOR, PMULLW mm, mm
    case 28:
      return [0x0f, 0x6e, 0xc0 | (i << 3) | s]; // MOVD mm, r32
    case 29:
      return [0x0f, 0x7e, 0xc0 | (i << 3) | d]; // MOVD r32, mm
    case 30:
      return [0x0f, 0x77]; // EMMS
    case 31:
      return [op * 8 + 1, 0xc0 | (s << 3) | d]; // ALU r32, r32
    case 32:
      return [0x8d, 0x73, disp, pick([0xdd, 0xdc]), pick([0x06, 0x1e])]; // lea esi, [ebx+d]; FLD/FSTP, FADD/FCOMP [esi]
    case 33:
      return [0x8b, ...mem(d)]; // mov r32, [ebx+d]
    default:
      return [pick([0x40, 0x48]) + d]; // inc/dec r32
  }
}

function program(next: () => number): number[] {
  const body: number[] = [];
  const count = 4 + (next() % 30);
  for (let i = 0; i < count; i++) body.push(...randomInstruction(next));
  // dec dword [COUNTER]; jnz body (rel32); hlt
  const back = -(body.length + 6 + 6);
  return [...body, 0xff, 0x0d, COUNTER & 0xff, COUNTER >> 8, 0, 0, 0x0f, 0x85, ...le32(back), 0xf4];
}

function le32(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
}

function machine(code: number[], seed: number, paged: boolean, compiled: boolean): Machine {
  const m = new Machine({ memoryBytes: 1 << 20, ...(compiled ? { compileThreshold: 1 } : { compileBlocks: false }) });
  m.cpu.setFlat32();
  m.cpu.fpu.init(); // FNINIT: exceptions masked until an FLDCW unmasks some
  m.memory.load(Uint8Array.from(code), 0x1000);
  m.memory.write32(COUNTER, 12);
  const next = random(seed);
  for (let a = DATA; a < DATA + 0xc0; a += 4) {
    // Random words, some of them small integers and exact doubles (the word path's operands).
    const kind = next() & 3;
    m.memory.write32(a, kind === 0 ? next() & 0xff : kind === 1 ? 0x3ff00000 | (next() & 0xfffff) : next());
  }
  CWS.forEach((cw, k) => m.memory.write16(CONTROL_WORDS + 2 * k, cw));
  m.cpu.regs[3] = DATA;
  m.cpu.regs[4] = 0x80000;
  m.cpu.cr0 |= CR0_NE;
  if (paged) {
    m.memory.write32(PD, PT | 7);
    for (let p = 0; p < 256; p++) m.memory.write32(PT + p * 4, (p << 12) | (p === 4 ? 0 : 7));
    m.cpu.cr3 = PD;
    m.cpu.cr0 |= CR0_PG;
    m.cpu.flushTranslation();
  }
  m.cpu.eip = 0x1000;
  return m;
}

function state(m: Machine) {
  let h = 0x811c9dc5;
  for (let a = 0x2000; a < 0x5000; a++) h = Math.imul(h ^ m.memory.u8[a], 0x01000193);
  return {
    regs: Array.from(m.cpu.regs),
    eflags: m.cpu.getEflags(),
    eip: m.cpu.eip,
    cr0: m.cpu.cr0,
    count: m.cpu.instructionCount,
    fpu: captureFpu(m.cpu.fpu),
    memory: h >>> 0,
  };
}

/** Removes the cause of a fault the run stopped on; false when it is not one the test expects. */
function resolve(m: Machine, stop: StopInfo): boolean {
  switch (stop.vector) {
    case 7: // #NM: CR0.TS
      m.cpu.cr0 &= ~CR0_TS;
      return true;
    case 16: // #MF: clear the pending exception (what a handler's FNCLEX does)
      m.cpu.fpu.sw &= ~0x80ff;
      return true;
    case 14: // #PF: the far page becomes present
      m.memory.write32(PT + 4 * 4, 0x4000 | 7);
      m.cpu.flushTranslation();
      return true;
    default:
      return false;
  }
}

describe('x87 and MMX in compiled regions', () => {
  it('random x87/MMX loops compiled at once match the interpreter in random slices, with #MF, #NM and #PF', function () {
    this.timeout(600_000);
    const seed = Number(process.env.CPU_FUZZ_SEED ?? 87);
    const next = random(seed);
    const faults = new Map<number, number>();
    let compiledRetired = 0,
      retired = 0;
    for (let p = 0; p < 150; p++) {
      const code = program(next);
      const dataSeed = next();
      const paged = (p & 1) === 1;
      const a = machine(code, dataSeed, paged, true),
        b = machine(code, dataSeed, paged, false);
      for (let slice = 0; slice < 5000; slice++) {
        if ((next() & 15) === 0) {
          a.cpu.cr0 |= CR0_TS;
          b.cpu.cr0 |= CR0_TS;
        }
        const budget = 1 + (next() % (next() & 1 ? 7 : 2000));
        const sa = a.run(budget),
          sb = b.run(budget);
        assert.deepEqual(
          { stop: sa, ...state(a) },
          { stop: sb, ...state(b) },
          `program ${p} (seed ${seed}, ${paged ? 'paged' : 'flat'}), slice ${slice}`,
        );
        if (sa.reason === 'exception') {
          faults.set(sa.vector!, (faults.get(sa.vector!) ?? 0) + 1);
          assert.ok(resolve(a, sa) && resolve(b, sb), `program ${p}: unexpected vector ${sa.vector}`);
        } else if (sa.reason !== 'limit') break;
      }
      compiledRetired += a.compiledStats().retired;
      retired += a.cpu.instructionCount;
    }
    // Every kind of fault happened, and most instructions retired inside regions.
    for (const v of [7, 14, 16]) assert.ok((faults.get(v) ?? 0) > 0, `no fault with vector ${v}`);
    if (process.env.FPU_FUZZ_VERBOSE) console.log(faults, compiledRetired, retired);
    assert.ok(compiledRetired > retired * 0.5, `${compiledRetired} of ${retired} retired in regions`);
  });

  it('an x87 loop runs inside its region, not around it', () => {
    // fld qword [ebx]; fmul st0, st0; fadd qword [ebx+8]; fcomp qword [ebx+16]; fnstsw ax; sahf;
    // fld qword [ebx+8]; fsqrt; fstp qword [ebx+24]; dec dword [COUNTER]; jnz; hlt
    const body = [0xdd, 0x03, 0xd8, 0xc8, 0xdc, 0x43, 8, 0xdc, 0x5b, 16, 0xdf, 0xe0, 0x9e];
    body.push(0xdd, 0x43, 8, 0xd9, 0xfa, 0xdd, 0x5b, 24);
    const back = -(body.length + 12);
    const code = [...body, 0xff, 0x0d, COUNTER & 0xff, COUNTER >> 8, 0, 0, 0x0f, 0x85, ...le32(back), 0xf4];
    const a = machine(code, 5, false, true),
      b = machine(code, 5, false, false);
    a.memory.write32(COUNTER, 1000);
    b.memory.write32(COUNTER, 1000);
    const sa = a.run(1e6),
      sb = b.run(1e6);
    assert.equal(sa.reason, 'halt');
    assert.deepEqual({ stop: sa, ...state(a) }, { stop: sb, ...state(b) });
    // Every instruction, the HLT included, retired inside the compiled region.
    assert.equal(a.compiledStats().retired, a.cpu.instructionCount);
  });
});
