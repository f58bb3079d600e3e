// AMD's additions to MMX (Athlon and K6-2): 3DNow! ("AMD 3DNow! Technology Manual"), the
// extended 3DNow! instructions and AMD's MMX extensions ("AMD Extensions to the 3DNow! and MMX
// Instruction Sets"), FEMMS, the prefetches and SFENCE.
//
// 3DNow! arithmetic here is IEEE single precision with round to nearest on each lane
// (Math.fround of the exact double result, which is the correctly rounded single), as
// qemu-i386 computes it; the test vectors are recorded under qemu-i386 -cpu athlon. PFRCP
// returns the correctly rounded single of 1/x, PFRSQRT the rounded reciprocal of the rounded
// sqrt(|x|) with the sign of x (within 1 ulp of 1/sqrt(|x|)): far inside the 14 and 15 bits of
// the AMD manual's stated accuracy (a test checks both); PFRCPIT1, PFRSQIT1 and PFRCPIT2
// pass the full-precision estimate through (the first operand of the manual's iteration
// sequence ends holding 1/x or 1/sqrt(x) to 24 bits, the manual's final accuracy).

import type { MmxExecName } from '../../../isa/execNames';
import type { Cpu } from '../cpu';
import type { Handler, Instr } from '../instr';
import { readE } from '../operands';
import { type Q, enterMmx, fromLanes, lane, map2, readMm, readQ, signed, touch, writeM64, writeMm } from './access';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function toFloat(bits: number): number {
  u32[0] = bits;
  return f32[0];
}

function toBits(x: number): number {
  f32[0] = x;
  return u32[0];
}

function op(fn: (a: Q, b: Q) => Q): Handler {
  return (cpu: Cpu, ins: Instr) => {
    enterMmx(cpu);
    const b = readQ(cpu, ins);
    writeMm(cpu, ins.reg, fn(readMm(cpu, ins.reg), b));
    touch(cpu);
  };
}

/** Lane-wise single-precision operation. */
function floats(fn: (x: number, y: number) => number): Handler {
  return op((a, b) => map2(a, b, 32, (x, y) => toBits(fn(toFloat(x), toFloat(y)))));
}

/** The two lanes of `v` as floats. */
const pair = (v: Q): [number, number] => [toFloat(v.lo), toFloat(v.hi)];

/** Truncation to a signed integer of `bits`, saturating (AMD 3DNow! manual, PF2ID / PF2IW). */
function truncate(x: number, bits: number): number {
  const max = 2 ** (bits - 1) - 1;
  if (Number.isNaN(x)) return -(2 ** (bits - 1));
  const t = Math.trunc(x);
  return t > max ? max : t < -max - 1 ? -max - 1 : t;
}

const ALL = -1;

function femms(cpu: Cpu): void {
  enterMmx(cpu);
  cpu.fpu.top = 0;
  cpu.fpu.tag = 0xffff;
}

/** PREFETCH*, SFENCE: hints and ordering with no architectural effect in a one-CPU, in-order machine. */
function hint(): void {}

function pinsrw(cpu: Cpu, ins: Instr): void {
  enterMmx(cpu);
  const w = readE(cpu, ins, ins.memory ? 16 : 32) & 0xffff;
  const a = readMm(cpu, ins.reg);
  const words = [0, 1, 2, 3].map((i) => lane(a, 16, i));
  words[ins.imm & 3] = w;
  writeMm(cpu, ins.reg, fromLanes(16, words));
  touch(cpu);
}

function pextrw(cpu: Cpu, ins: Instr): void {
  enterMmx(cpu);
  cpu.setReg(ins.reg, 32, lane(readMm(cpu, ins.rm), 16, ins.imm & 3));
  touch(cpu);
}

function pmovmskb(cpu: Cpu, ins: Instr): void {
  enterMmx(cpu);
  const v = readMm(cpu, ins.rm);
  let mask = 0;
  for (let i = 0; i < 8; i++) mask |= (lane(v, 8, i) >> 7) << i;
  cpu.setReg(ins.reg, 32, mask);
  touch(cpu);
}

function pshufw(cpu: Cpu, ins: Instr): void {
  enterMmx(cpu);
  const s = readQ(cpu, ins);
  const words = [0, 1, 2, 3].map((i) => lane(s, 16, (ins.imm >> (2 * i)) & 3));
  writeMm(cpu, ins.reg, fromLanes(16, words));
  touch(cpu);
}

function movntq(cpu: Cpu, ins: Instr): void {
  enterMmx(cpu);
  writeM64(cpu, ins, readMm(cpu, ins.reg));
  touch(cpu);
}

/** MASKMOVQ: the bytes of the first operand whose mask byte has bit 7 set go to DS:(E)DI (override allowed). */
function maskmovq(cpu: Cpu, ins: Instr): void {
  enterMmx(cpu);
  const data = readMm(cpu, ins.reg);
  const mask = readMm(cpu, ins.rm);
  const seg = ins.segOverride >= 0 ? ins.segOverride : 3;
  const edi = ins.adsize === 32 ? cpu.regs[7] >>> 0 : cpu.regs[7] & 0xffff;
  for (let i = 0; i < 8; i++) {
    if ((lane(mask, 8, i) & 0x80) === 0) continue;
    const off = ins.adsize === 32 ? (edi + i) >>> 0 : (edi + i) & 0xffff;
    cpu.write8(seg, off, lane(data, 8, i));
  }
  touch(cpu);
}

const unsignedLanes = (bits: number, fn: (x: number, y: number) => number) => op((a, b) => map2(a, b, bits, fn));
const signedLanes = (bits: number, fn: (x: number, y: number) => number) =>
  op((a, b) => map2(a, b, bits, (x, y) => fn(signed(x, bits), signed(y, bits))));

export const AMD_EXECS: Readonly<Partial<Record<MmxExecName, Handler>>> = {
  femms,
  prefetch: hint,
  prefetchw: hint,
  prefetchnta: hint,
  prefetcht0: hint,
  prefetcht1: hint,
  prefetcht2: hint,
  sfence: hint,
  // 3DNow!
  pfadd: floats((x, y) => x + y),
  pfsub: floats((x, y) => x - y),
  pfsubr: floats((x, y) => y - x),
  pfmul: floats((x, y) => x * y),
  pfmax: floats((x, y) => (y > x ? y : x)),
  pfmin: floats((x, y) => (y < x ? y : x)),
  pfcmpeq: op((a, b) => map2(a, b, 32, (x, y) => (toFloat(x) === toFloat(y) ? ALL : 0))),
  pfcmpge: op((a, b) => map2(a, b, 32, (x, y) => (toFloat(x) >= toFloat(y) ? ALL : 0))),
  pfcmpgt: op((a, b) => map2(a, b, 32, (x, y) => (toFloat(x) > toFloat(y) ? ALL : 0))),
  pfacc: op((a, b) => fromLanes(32, [toBits(pair(a)[0] + pair(a)[1]), toBits(pair(b)[0] + pair(b)[1])])),
  pfnacc: op((a, b) => fromLanes(32, [toBits(pair(a)[0] - pair(a)[1]), toBits(pair(b)[0] - pair(b)[1])])),
  pfpnacc: op((a, b) => fromLanes(32, [toBits(pair(a)[0] - pair(a)[1]), toBits(pair(b)[0] + pair(b)[1])])),
  pi2fd: op((_a, b) => fromLanes(32, [toBits(b.lo | 0), toBits(b.hi | 0)])),
  pi2fw: op((_a, b) => fromLanes(32, [toBits(signed(b.lo & 0xffff, 16)), toBits(signed(b.hi & 0xffff, 16))])),
  pf2id: op((_a, b) => fromLanes(32, [truncate(toFloat(b.lo), 32), truncate(toFloat(b.hi), 32)])),
  pf2iw: op((_a, b) => fromLanes(32, [truncate(toFloat(b.lo), 16), truncate(toFloat(b.hi), 16)])),
  pfrcp: op((_a, b) => {
    const r = toBits(1 / toFloat(b.lo));
    return { lo: r, hi: r };
  }),
  pfrsqrt: op((_a, b) => {
    const x = toFloat(b.lo);
    // The single-rounded square root, then the single-rounded reciprocal, with the sign of x.
    const r = toBits(Math.sign(1 / x) * Math.fround(1 / Math.fround(Math.sqrt(Math.abs(x)))));
    return { lo: r, hi: r };
  }),
  pfrcpit1: op((_a, b) => b),
  pfrsqit1: op((_a, b) => b),
  pfrcpit2: op((_a, b) => b),
  pmulhrw: signedLanes(16, (x, y) => (Math.imul(x, y) + 0x8000) >> 16),
  pavgusb: unsignedLanes(8, (x, y) => (x + y + 1) >> 1),
  pswapd: op((_a, b) => ({ lo: b.hi, hi: b.lo })),
  // AMD's MMX extensions
  pminub: unsignedLanes(8, Math.min),
  pmaxub: unsignedLanes(8, Math.max),
  pminsw: signedLanes(16, Math.min),
  pmaxsw: signedLanes(16, Math.max),
  pavgb: unsignedLanes(8, (x, y) => (x + y + 1) >> 1),
  pavgw: unsignedLanes(16, (x, y) => (x + y + 1) >> 1),
  pmulhuw: unsignedLanes(16, (x, y) => (x * y) >>> 16),
  psadbw: op((a, b) => {
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Math.abs(lane(a, 8, i) - lane(b, 8, i));
    return { lo: sum, hi: 0 };
  }),
  pinsrw,
  pextrw,
  pmovmskb,
  pshufw,
  movntq,
  maskmovq,
};
