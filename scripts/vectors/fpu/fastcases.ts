// Vector cases aimed at the emulator's word arithmetic (src/emulator/cpu/fpu/fastmath.ts): the
// 64-bit significand as two 32-bit halves, so carries and borrows across the halves, alignment
// shifts at the word boundaries, sticky bits far below the result, exact halfway points of
// every precision control in every rounding mode, results at the edges of the exponent range
// (where the word path hands over to the exact one), denormal and pseudo-denormal operands and
// unnormals. Recorded on the host like the other cases (gen-fpu-vectors.ts), into fastpath.json.

import type { Random } from '../random';
import type { FpuCase } from './sequence';
import type { OpSpec } from './cases';

type Make = (op: string, cw: number, a: string, b: string, mem?: string) => FpuCase;

const FILE = 'fastpath.json';

/** A double extended image (sign/exponent word, significand halves) as the sequence's 10 bytes. */
function ext(se: number, hi: number, lo: number): string {
  const b: number[] = [];
  for (let i = 0; i < 4; i++) b.push((lo >>> (8 * i)) & 0xff);
  for (let i = 0; i < 4; i++) b.push((hi >>> (8 * i)) & 0xff);
  b.push(se & 0xff, (se >> 8) & 0xff);
  return b.map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** Significand patterns with the integer bit set: all ones, lone low bits, bits at the rounding positions. */
function significand(rng: Random): [number, number] {
  const r = () => rng.u32() >>> 0;
  switch (rng.below(12)) {
    case 0:
      return [0xffffffff, 0xffffffff];
    case 1:
      return [0x80000000, 0x00000001];
    case 2:
      return [0xffffffff, 0x00000000];
    case 3:
      return [0x80000000, 0xffffffff];
    case 4:
      return [(0x80000000 | r()) >>> 0, 0x80000000]; // half of a 64-bit ulp when shifted by 32
    case 5:
      return [(0x80000000 | r()) >>> 0, (r() & ~0x7ff) | 0x400]; // a 53-bit tie
    case 6:
      return [((0x80000000 | r()) & ~0xff) | 0x80, 0]; // a 24-bit tie
    case 7:
      return [(0x80000000 | (r() & 0xff)) >>> 0, r() | 1];
    case 8:
      return [0xfffffffe, 0xffffffff];
    default:
      return [(0x80000000 | r()) >>> 0, r()];
  }
}

/** Exponent gaps across the alignment boundaries of a 96-bit shift. */
const GAPS = [0, 1, 2, 11, 12, 23, 24, 25, 31, 32, 33, 40, 52, 53, 54, 63, 64, 65, 66, 80, 95, 96, 97, 98, 130, 200];

/** Control words: RC x PC, every exception masked (as controlWords() in cases.ts). */
function controlWords(): number[] {
  const out: number[] = [];
  for (const pc of [3, 2, 0]) for (let rc = 0; rc < 4; rc++) out.push(0x007f | (pc << 8) | (rc << 10));
  return out;
}

/** Exponent near a range edge: the last normal results, the first tiny ones, the first overflows. */
function edgeExponent(rng: Random): number {
  const low = [1, 2, 3, 4, 0x3fff - 8190, 0x3fff - 8191];
  return rng.below(2) === 0 ? low[rng.below(low.length)] : 0x7ffe - rng.below(4);
}

export function fastPathCases(rng: Random, make: Make): { spec: OpSpec; cases: FpuCase[] }[] {
  const out: { spec: OpSpec; cases: FpuCase[] }[] = [];
  const cws = controlWords();
  const sign = () => (rng.u32() & 1) << 15;
  const binary: [string, string][] = [
    ['fadd st0,st1', 'd8c1'],
    ['fsub st0,st1', 'd8e1'],
    ['fsubr st0,st1', 'd8e9'],
    ['fmul st0,st1', 'd8c9'],
    ['fdiv st0,st1', 'd8f1'],
    ['fdivr st0,st1', 'd8f9'],
    ['fcomi st0,st1', 'dbf1'],
  ];
  for (const [name, op] of binary) {
    const cases: FpuCase[] = [];
    for (const cw of cws) {
      // Same and opposite signs at every alignment gap (the add/sub carries and borrows).
      for (const gap of GAPS) {
        const [ah, al] = significand(rng);
        const [bh, bl] = significand(rng);
        const ea = 0x3fff + rng.below(5) - 2;
        cases.push(make(op, cw, ext(sign() | ea, ah, al), ext(sign() | (ea - gap), bh, bl)));
      }
      // Sums: b's lone leading bit, leading bit and a low bit, all ones, at every gap (the
      // rounding bit and the sticky falling on each word of the alignment).
      if (/^d8[ce]/.test(op))
        for (const gap of GAPS)
          for (const [bh, bl] of [
            [0x80000000, 0],
            [0x80000000, 1],
            [0xffffffff, 0xffffffff],
            [0x80000001, 0x80000000],
          ])
            for (const odd of [0, 1]) {
              // a's last bit even and odd: the ties of round-to-nearest go both ways.
              const ah = (0x80000000 | rng.u32()) >>> 0,
                al = ((rng.u32() & ~1) | odd) >>> 0;
              cases.push(make(op, cw, ext(sign() | 0x3fff, ah, al), ext(sign() | (0x3fff - gap), bh, bl)));
            }
      // Exact ties: 1.x plus half an ulp of the precision (and three halves), either sign.
      for (const p of [24, 53, 64]) {
        const [ah, al] = significand(rng);
        const s = sign();
        cases.push(make(op, cw, ext(s | 0x3fff, ah, al), ext(s | (0x3fff - p), 0x80000000, 0)));
        cases.push(make(op, cw, ext(s | 0x3fff, ah, al), ext((s ^ 0x8000) | (0x3fff - p), 0x80000000, 0)));
        cases.push(make(op, cw, ext(s | 0x3fff, ah, al), ext(s | (0x3fff - p + 1), 0xc0000000, 0)));
      }
      // Results at the ends of the exponent range (products, quotients, near-cancellations).
      for (let i = 0; i < 6; i++) {
        const [ah, al] = significand(rng);
        const [bh, bl] = significand(rng);
        const ea = edgeExponent(rng);
        const eb =
          op === 'd8c9' ? 0x3fff + rng.below(5) - 2 : op === 'd8f1' || op === 'd8f9' ? 0x3fff + rng.below(3) - 1 : ea;
        cases.push(make(op, cw, ext(sign() | ea, ah, al), ext(sign() | eb, bh, bl)));
      }
      // Denormal, pseudo-denormal and unnormal operands against normal ones.
      for (const [se, h, l] of [
        [0x0000, 0x00000000, 0x00000001],
        [0x0000, 0x7fffffff, 0xffffffff],
        [0x0000, 0x80000000, 0x00000000],
        [0x0000, 0xc0000000, 0x00000001],
        [0x4000, 0x40000000, 0x00000000],
        [0x0001, 0x7fffffff, 0x00000000],
      ]) {
        const [ah, al] = significand(rng);
        cases.push(make(op, cw, ext(sign() | (0x0001 + rng.below(3)), ah, al), ext(sign() | se, h, l)));
        cases.push(make(op, cw, ext(sign() | se, h, l), ext(sign() | 0x3fff, ah, al)));
      }
    }
    out.push({ spec: { name: 'words ' + name, op, shape: 'binary', file: FILE }, cases });
  }
  // FSQRT: every pattern, both exponent parities, the edges.
  const sq: FpuCase[] = [];
  for (const cw of cws)
    for (let i = 0; i < 24; i++) {
      const [h, l] = significand(rng);
      const e = i < 16 ? 0x3fff + rng.below(9) - 4 : i < 20 ? edgeExponent(rng) : 0;
      const se = (i === 23 ? 0x8000 : 0) | e;
      sq.push(make('d9fa', cw, ext(se, e === 0 ? h >>> rng.below(3) : h, l), ext(0x3fff, 0x80000000, 0)));
    }
  out.push({ spec: { name: 'words fsqrt', op: 'd9fa', shape: 'unary', file: FILE }, cases: sq });
  // Stores to m32fp/m64fp at the rounding positions and the format's exponent edges; integer
  // stores around halves and the destination's range.
  const stores: [string, string, number[]][] = [
    ['fst dword [eax]', 'd910', [0x3fff - 126, 0x3fff - 127, 0x3fff - 125, 0x3fff + 127, 0x3fff + 126, 0x3fff + 128]],
    [
      'fstp qword [eax]',
      'dd18',
      [0x3fff - 1022, 0x3fff - 1023, 0x3fff - 1021, 0x3fff + 1023, 0x3fff + 1022, 0x3fff + 1024],
    ],
    ['fist dword [eax]', 'db10', [0x3fff + 30, 0x3fff + 31, 0x3fff - 1, 0x3fff - 2, 0x3fff, 0x3fff + 1]],
    ['fistp word [eax]', 'df18', [0x3fff + 14, 0x3fff + 15, 0x3fff - 1, 0x3fff - 2, 0x3fff, 0x3fff + 3]],
    ['fistp qword [eax]', 'df38', [0x3fff + 30, 0x3fff + 31, 0x3fff + 62, 0x3fff + 63, 0x3fff - 1, 0x3fff]],
  ];
  for (const [name, op, exps] of stores) {
    const cases: FpuCase[] = [];
    for (const cw of cws.slice(0, 4))
      for (const e of exps)
        for (let i = 0; i < 6; i++) {
          const [h, l] = significand(rng);
          cases.push(make(op, cw, ext(sign() | e, h, l), ext(0x3fff, 0x80000000, 0)));
        }
    out.push({ spec: { name: 'words ' + name, op, shape: 'store', file: FILE }, cases });
  }
  // Memory operands: doubles with random fractions against patterned ST0, and m64int loads.
  const memOps: [string, string][] = [
    ['fadd qword [eax]', 'dc00'],
    ['fmul qword [eax]', 'dc08'],
    ['fdivr qword [eax]', 'dc38'],
    ['fild qword [eax]', 'df28'],
  ];
  for (const [name, op] of memOps) {
    const cases: FpuCase[] = [];
    for (const cw of cws)
      for (let i = 0; i < 12; i++) {
        const [h, l] = significand(rng);
        const lo = rng.u32() >>> 0;
        const hi =
          op === 'df28'
            ? rng.u32() >>> (rng.below(32) & 31)
            : ((rng.u32() & 0x800fffff) | ((1023 + rng.below(61) - 30) << 20)) >>> 0;
        const mem = ext(0, op === 'df28' && rng.below(2) === 1 ? ~hi >>> 0 : hi, lo).slice(0, 16);
        cases.push(make(op, cw, ext(sign() | (0x3fff + rng.below(61) - 30), h, l), ext(0x3fff, 0x80000000, 0), mem));
      }
    out.push({
      spec: { name: 'words ' + name, op, shape: 'mem', memKind: op === 'df28' ? 'm64int' : 'm64fp', file: FILE },
      cases,
    });
  }
  return out;
}
