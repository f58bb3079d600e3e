// The MMX instructions (SDM Vol.2 instruction pages MOVD/MOVQ ... PXOR, EMMS): packed integer
// arithmetic with wrap-around, signed and unsigned saturation, compares, multiplies, logic,
// shifts, packs and unpacks. Each handler reads its operands, computes, and only then writes the
// destination and the aliasing effects (touch), so a faulting memory operand changes nothing.

import type { MmxExecName } from '../../../isa/execNames';
import type { Cpu } from '../cpu';
import type { Handler, Instr } from '../instr';
import { readE, writeE } from '../operands';
import { type Q, enterMmx, fromLanes, lane, map2, readMm, readQ, signed, touch, writeM64, writeMm } from './access';

const sat = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);
const sSat = (bits: number) => (x: number) => sat(x, -(2 ** (bits - 1)), 2 ** (bits - 1) - 1);
const uSat = (bits: number) => (x: number) => sat(x, 0, 2 ** bits - 1);

/** dest = fn(dest, source) with the source from Qq (or Qd: 32-bit memory). */
function binary(fn: (a: Q, b: Q) => Q): Handler {
  return (cpu: Cpu, ins: Instr) => {
    enterMmx(cpu);
    const b = readQ(cpu, ins, ins.form!.operands[1] === 'Qd' ? 4 : 8);
    const r = fn(readMm(cpu, ins.reg), b);
    writeMm(cpu, ins.reg, r);
    touch(cpu);
  };
}

function lanes(bits: number, fn: (x: number, y: number) => number): Handler {
  return binary((a, b) => map2(a, b, bits, fn));
}

function signedLanes(bits: number, fn: (x: number, y: number) => number): Handler {
  return lanes(bits, (x, y) => fn(signed(x, bits), signed(y, bits)));
}

/** PACKSS/PACKUS: the destination's lanes then the source's, narrowed with saturation. */
function pack(bits: number, narrow: (x: number) => number): Handler {
  return binary((a, b) => {
    const n = 64 / bits;
    const out: number[] = [];
    for (const v of [a, b]) for (let i = 0; i < n; i++) out.push(narrow(signed(lane(v, bits, i), bits)));
    return fromLanes(bits / 2, out);
  });
}

/** PUNPCKL/PUNPCKH: interleave the low (or high) halves, destination lane first. */
function unpack(bits: number, high: boolean): Handler {
  return binary((a, b) => {
    const n = 32 / bits;
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(lane(a, bits, i + (high ? n : 0)), lane(b, bits, i + (high ? n : 0)));
    return fromLanes(bits, out);
  });
}

/** 64-bit value as a bigint and back. */
const big = (v: Q): bigint => (BigInt(v.hi) << 32n) | BigInt(v.lo);
const unbig = (v: bigint): Q => ({ lo: Number(v & 0xffffffffn), hi: Number((v >> 32n) & 0xffffffffn) });

/**
 * PSLL/PSRL/PSRA: by mm/m64 (Pq, Qq) or by imm8 (Nq, Ib). A count above the lane's width - 1
 * clears the lane (logical) or fills it with the sign (arithmetic) (SDM Vol.2 PSLLW/PSRLW/PSRAW).
 */
function shift(bits: number, kind: 'l' | 'rl' | 'ra'): Handler {
  return (cpu: Cpu, ins: Instr) => {
    enterMmx(cpu);
    const byImmediate = ins.form!.operands[1] === 'Ib';
    const dest = byImmediate ? ins.rm : ins.reg;
    let count: number;
    if (byImmediate) count = ins.imm & 0xff;
    else {
      const c = readQ(cpu, ins);
      count = c.hi !== 0 || c.lo > 0xff ? 0xff : c.lo;
    }
    const a = readMm(cpu, dest);
    let r: Q;
    if (bits === 64) {
      const v = big(a);
      r =
        count > 63
          ? { lo: 0, hi: 0 }
          : unbig(kind === 'l' ? (v << BigInt(count)) & 0xffffffffffffffffn : v >> BigInt(count));
    } else {
      const n = 64 / bits;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const x = lane(a, bits, i);
        if (kind === 'ra') out.push(signed(x, bits) >> Math.min(count, bits - 1));
        else if (count >= bits) out.push(0);
        else out.push(kind === 'l' ? x << count : x >>> count);
      }
      r = fromLanes(bits, out);
    }
    writeMm(cpu, dest, r);
    touch(cpu);
  };
}

function movd(cpu: Cpu, ins: Instr): void {
  enterMmx(cpu);
  if (ins.form!.operands[0] === 'Pq') {
    const v = readE(cpu, ins, 32) >>> 0;
    writeMm(cpu, ins.reg, { lo: v, hi: 0 });
  } else {
    writeE(cpu, ins, 32, readMm(cpu, ins.reg).lo | 0);
  }
  touch(cpu);
}

function movq(cpu: Cpu, ins: Instr): void {
  enterMmx(cpu);
  if (ins.form!.operands[0] === 'Pq') writeMm(cpu, ins.reg, readQ(cpu, ins));
  else if (ins.memory) writeM64(cpu, ins, readMm(cpu, ins.reg));
  else writeMm(cpu, ins.rm, readMm(cpu, ins.reg));
  touch(cpu);
}

/** EMMS (SDM Vol.2 EMMS): every tag empty; TOP is 0 afterwards as after any MMX instruction (host CPU). */
function emms(cpu: Cpu): void {
  enterMmx(cpu);
  cpu.fpu.top = 0;
  cpu.fpu.tag = 0xffff;
}

const and = (a: Q, b: Q): Q => ({ lo: (a.lo & b.lo) >>> 0, hi: (a.hi & b.hi) >>> 0 });

export const MMX_EXECS: Readonly<Partial<Record<MmxExecName, Handler>>> = {
  movd,
  movq,
  emms,
  paddb: lanes(8, (x, y) => x + y),
  paddw: lanes(16, (x, y) => x + y),
  paddd: lanes(32, (x, y) => x + y),
  paddsb: signedLanes(8, (x, y) => sSat(8)(x + y)),
  paddsw: signedLanes(16, (x, y) => sSat(16)(x + y)),
  paddusb: lanes(8, (x, y) => uSat(8)(x + y)),
  paddusw: lanes(16, (x, y) => uSat(16)(x + y)),
  psubb: lanes(8, (x, y) => x - y),
  psubw: lanes(16, (x, y) => x - y),
  psubd: lanes(32, (x, y) => x - y),
  psubsb: signedLanes(8, (x, y) => sSat(8)(x - y)),
  psubsw: signedLanes(16, (x, y) => sSat(16)(x - y)),
  psubusb: lanes(8, (x, y) => uSat(8)(x - y)),
  psubusw: lanes(16, (x, y) => uSat(16)(x - y)),
  pcmpeqb: lanes(8, (x, y) => (x === y ? -1 : 0)),
  pcmpeqw: lanes(16, (x, y) => (x === y ? -1 : 0)),
  pcmpeqd: lanes(32, (x, y) => (x === y ? -1 : 0)),
  pcmpgtb: signedLanes(8, (x, y) => (x > y ? -1 : 0)),
  pcmpgtw: signedLanes(16, (x, y) => (x > y ? -1 : 0)),
  pcmpgtd: signedLanes(32, (x, y) => (x > y ? -1 : 0)),
  pmullw: signedLanes(16, (x, y) => Math.imul(x, y)),
  pmulhw: signedLanes(16, (x, y) => Math.imul(x, y) >> 16),
  pmaddwd: binary((a, b) => {
    const s = (v: Q, i: number) => signed(lane(v, 16, i), 16);
    const d = (i: number) => (Math.imul(s(a, 2 * i), s(b, 2 * i)) + Math.imul(s(a, 2 * i + 1), s(b, 2 * i + 1))) | 0;
    return fromLanes(32, [d(0), d(1)]);
  }),
  pand: binary(and),
  pandn: binary((a, b) => ({ lo: (~a.lo & b.lo) >>> 0, hi: (~a.hi & b.hi) >>> 0 })),
  por: binary((a, b) => ({ lo: (a.lo | b.lo) >>> 0, hi: (a.hi | b.hi) >>> 0 })),
  pxor: binary((a, b) => ({ lo: (a.lo ^ b.lo) >>> 0, hi: (a.hi ^ b.hi) >>> 0 })),
  packsswb: pack(16, sSat(8)),
  packssdw: pack(32, sSat(16)),
  packuswb: pack(16, uSat(8)),
  punpcklbw: unpack(8, false),
  punpcklwd: unpack(16, false),
  punpckldq: unpack(32, false),
  punpckhbw: unpack(8, true),
  punpckhwd: unpack(16, true),
  punpckhdq: unpack(32, true),
  psllw: shift(16, 'l'),
  pslld: shift(32, 'l'),
  psllq: shift(64, 'l'),
  psrlw: shift(16, 'rl'),
  psrld: shift(32, 'rl'),
  psrlq: shift(64, 'rl'),
  psraw: shift(16, 'ra'),
  psrad: shift(32, 'ra'),
};
