// The x87 vector cases: every operation form over edge operands (zeros, denormals and
// pseudo-denormals, NaNs, infinities, extremes, unsupported encodings, rounding boundaries)
// and seeded random operands, in every rounding mode and precision control.

import { Random } from '../random';
import { type FpuCase, hex } from './sequence';
import { fastPathCases } from './fastcases';
import { unmaskedCases } from './unmasked';

/** A double extended value as sign/exponent, significand high and low words. */
function ext(se: number, hi: number, lo: number): string {
  const b: number[] = [];
  for (let i = 0; i < 4; i++) b.push((lo >>> (8 * i)) & 0xff);
  for (let i = 0; i < 4; i++) b.push((hi >>> (8 * i)) & 0xff);
  b.push(se & 0xff, (se >> 8) & 0xff);
  return hex(b);
}

/** Edge operands (SDM Vol.1 4.2.2 Table 4-3, 8.2.2 Table 8-3, 8.2.3). */
export const EDGES: string[] = [
  ext(0x0000, 0, 0),
  ext(0x8000, 0, 0), // ±0
  ext(0x3fff, 0x80000000, 0),
  ext(0xbfff, 0x80000000, 0), // ±1
  ext(0x3fff, 0xc0000000, 0), // 1.5
  ext(0x4000, 0xa0000000, 0),
  ext(0xc000, 0xa0000000, 0), // ±2.5
  ext(0x3ffe, 0x80000000, 0), // 0.5
  ext(0x3ffb, 0xcccccccc, 0xcccccccd), // 0.1
  ext(0x4000, 0xc90fdaa2, 0x2168c235), // π
  ext(0x3fff, 0x80000000, 1),
  ext(0x3fff, 0xffffffff, 0xffffffff), // 1 + ulp, 2 - ulp
  ext(0x3fff, 0x80000000, 0x00000400),
  ext(0x3fff, 0x80000000, 0x00000c00), // double ties
  ext(0x3fff, 0x80000080, 0),
  ext(0x3fff, 0x80000180, 0), // single ties
  ext(0x7ffe, 0xffffffff, 0xffffffff),
  ext(0xfffe, 0xffffffff, 0xffffffff), // ±max
  ext(0x0001, 0x80000000, 0), // min normal
  ext(0x0000, 0, 1),
  ext(0x8000, 0x40000000, 0),
  ext(0x0000, 0x7fffffff, 0xffffffff), // denormals
  ext(0x0000, 0x80000000, 0), // pseudo-denormal
  ext(0x7fff, 0x80000000, 0),
  ext(0xffff, 0x80000000, 0), // ±∞
  ext(0x7fff, 0xc0000000, 0x00000001),
  ext(0xffff, 0xe0000000, 0), // QNaNs
  ext(0x7fff, 0x80000000, 0x00000001),
  ext(0xffff, 0xa0000000, 0), // SNaNs
  ext(0xffff, 0xc0000000, 0), // real indefinite
  ext(0x4000, 0x40000000, 0), // unnormal
  ext(0x7fff, 0, 0), // pseudo-infinity
  ext(0x403e, 0x80000000, 0),
  ext(0x401d, 0xffffffff, 0xffff0000), // 2^63, just below 2^31
  ext(0x400d, 0xffff0000, 0),
  ext(0xc00e, 0x80000100, 0), // 32767.5, -32768.5
  ext(0x4042, 0xde0b6b3a, 0x76400000), // 1e19 (BCD range)
  ext(0x43fe, 0x80000000, 0),
  ext(0x3c01, 0x80000000, 0), // 2^1023, 2^-1022
  ext(0x407e, 0x80000000, 0),
  ext(0x3f81, 0x80000000, 0), // 2^127, 2^-126
  ext(0x5fff, 0x9abcdef0, 0x12345678),
  ext(0x2000, 0xfedcba98, 0x76543210), // overflow/underflow in products
];

/** Smaller edge set for the binary operations (all pairs of it). */
export const PAIR_EDGES: string[] = [0, 1, 2, 3, 5, 10, 12, 16, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 42].map(
  (i) => EDGES[i],
);

export function randomExt(rng: Random, spread: number): string {
  const sign = rng.u32() & 1;
  const exp = 0x3fff + (rng.below(2 * spread + 1) - spread);
  return ext((sign << 15) | exp, (rng.u32() | 0x80000000) >>> 0, rng.u32() >>> 0);
}

/** Control words: RC (bits 10-11) x PC (bits 8-9) with every exception masked. */
export function controlWords(): number[] {
  const out: number[] = [];
  for (const pc of [3, 2, 0]) for (let rc = 0; rc < 4; rc++) out.push(0x007f | (pc << 8) | (rc << 10));
  return out;
}
const CW_DEFAULT = 0x037f;

export interface OpSpec {
  name: string;
  op: string;
  /** 'binary': ST0 op ST1; 'unary': ST0; 'mem': with a memory operand of `memKind`; 'misc': fixed inputs. */
  shape: 'binary' | 'unary' | 'mem' | 'store' | 'misc';
  memKind?: 'm16int' | 'm32int' | 'm64int' | 'm32fp' | 'm64fp' | 'm80fp' | 'm80bcd';
  /** FNSAVE's FIP, FDP and FOP are compared too (vectors with an unmasked exception). */
  pointers?: boolean;
  /** The vector file when not the shape's own (gen-fpu-vectors.ts fileFor). */
  file?: string;
  /** Transcendental: results compared to 1 ulp of the 64-bit significand, not bit for bit. */
  ulp?: boolean;
  ah?: number[];
}

const BIN: [string, string][] = [
  ['fadd st0,st1', 'd8c1'],
  ['fsub st0,st1', 'd8e1'],
  ['fsubr st0,st1', 'd8e9'],
  ['fmul st0,st1', 'd8c9'],
  ['fdiv st0,st1', 'd8f1'],
  ['fdivr st0,st1', 'd8f9'],
  ['fadd st1,st0', 'dcc1'],
  ['fsub st1,st0', 'dce9'],
  ['fsubr st1,st0', 'dce1'],
  ['fmul st1,st0', 'dcc9'],
  ['fdiv st1,st0', 'dcf9'],
  ['fdivr st1,st0', 'dcf1'],
  ['faddp', 'dec1'],
  ['fsubp', 'dee9'],
  ['fsubrp', 'dee1'],
  ['fmulp', 'dec9'],
  ['fdivp', 'def9'],
  ['fdivrp', 'def1'],
  ['fcom st1', 'd8d1'],
  ['fcomp st1', 'd8d9'],
  ['fcompp', 'ded9'],
  ['fucom st1', 'dde1'],
  ['fucomp st1', 'dde9'],
  ['fucompp', 'dae9'],
  ['fcomi st0,st1', 'dbf1'],
  ['fucomi st0,st1', 'dbe9'],
  ['fcomip st0,st1', 'dff1'],
  ['fucomip st0,st1', 'dfe9'],
  ['fxch st1', 'd9c9'],
  ['fprem', 'd9f8'],
  ['fprem1', 'd9f5'],
  ['fscale', 'd9fd'],
];
const BIN_ULP: [string, string][] = [
  ['fpatan', 'd9f3'],
  ['fyl2x', 'd9f1'],
  ['fyl2xp1', 'd9f9'],
];
const UN: [string, string][] = [
  ['fchs', 'd9e0'],
  ['fabs', 'd9e1'],
  ['fsqrt', 'd9fa'],
  ['frndint', 'd9fc'],
  ['fxtract', 'd9f4'],
  ['ftst', 'd9e4'],
  ['fxam', 'd9e5'],
  ['fst st2', 'ddd2'],
  ['fstp st1', 'ddd9'],
  ['fld st1', 'd9c1'],
  ['ffree st0', 'ddc0'],
];
const UN_ULP: [string, string][] = [
  ['fsin', 'd9fe'],
  ['fcos', 'd9ff'],
  ['fsincos', 'd9fb'],
  ['fptan', 'd9f2'],
  ['f2xm1', 'd9f0'],
];

type MemKind = NonNullable<OpSpec['memKind']>;
const MEM_ARITH: [string, string, MemKind][] = [];
(['fadd', 'fmul', 'fcom', 'fcomp', 'fsub', 'fsubr', 'fdiv', 'fdivr'] as const).forEach((n, ext3) => {
  const modrm = (ext3 << 3).toString(16).padStart(2, '0');
  MEM_ARITH.push([`${n} dword [eax]`, 'd8' + modrm, 'm32fp'], [`${n} qword [eax]`, 'dc' + modrm, 'm64fp']);
  const i = 'fi' + n.slice(1);
  MEM_ARITH.push([`${i} dword [eax]`, 'da' + modrm, 'm32int'], [`${i} word [eax]`, 'de' + modrm, 'm16int']);
});
const LOADS: [string, string, MemKind][] = [
  ['fld dword [eax]', 'd900', 'm32fp'],
  ['fld qword [eax]', 'dd00', 'm64fp'],
  ['fld tword [eax]', 'db28', 'm80fp'],
  ['fild word [eax]', 'df00', 'm16int'],
  ['fild dword [eax]', 'db00', 'm32int'],
  ['fild qword [eax]', 'df28', 'm64int'],
  ['fbld tword [eax]', 'df20', 'm80bcd'],
];
const STORES: [string, string][] = [
  ['fst dword [eax]', 'd910'],
  ['fstp dword [eax]', 'd918'],
  ['fst qword [eax]', 'dd10'],
  ['fstp qword [eax]', 'dd18'],
  ['fstp tword [eax]', 'db38'],
  ['fist word [eax]', 'df10'],
  ['fistp word [eax]', 'df18'],
  ['fist dword [eax]', 'db10'],
  ['fistp dword [eax]', 'db18'],
  ['fistp qword [eax]', 'df38'],
  ['fbstp tword [eax]', 'df30'],
];

export function memoryEdges(kind: MemKind, rng: Random): string[] {
  const le = (v: bigint, n: number) =>
    hex(Array.from({ length: n }, (_, i) => Number((BigInt.asUintN(n * 8, v) >> BigInt(8 * i)) & 0xffn)));
  switch (kind) {
    case 'm16int':
      return [0n, 1n, -1n, 32767n, -32768n, 12345n, -300n].map((v) => le(v, 2));
    case 'm32int':
      return [0n, 1n, -1n, 2147483647n, -2147483648n, 16777217n, -99999999n].map((v) => le(v, 4));
    case 'm64int':
      return [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n), (1n << 53n) + 1n, 1234567890123456789n].map((v) => le(v, 8));
    case 'm32fp':
      return [
        0x00000000,
        0x80000000,
        0x3f800000,
        0xbfc00000,
        0x7f7fffff,
        0x00800000,
        0x00000001,
        0x807fffff,
        0x7f800000,
        0xff800000,
        0x7fc00000,
        0x7f800001,
        0xffa00000,
        0x3dcccccd,
        (rng.u32() >>> 0) & 0x7fffffff,
      ].map((v) => le(BigInt(v >>> 0), 4));
    case 'm64fp':
      return [
        0n,
        0x8000000000000000n,
        0x3ff0000000000000n,
        0xbff8000000000000n,
        0x7fefffffffffffffn,
        0x0010000000000000n,
        1n,
        0x800fffffffffffffn,
        0x7ff0000000000000n,
        0xfff0000000000000n,
        0x7ff8000000000000n,
        0x7ff0000000000001n,
        0xfff4000000000000n,
        0x3fb999999999999an,
      ].map((v) => le(v, 8));
    case 'm80fp':
      return EDGES.slice(0, 40);
    case 'm80bcd':
      return [
        '00000000000000000000',
        '01000000000000000000',
        '99999999999999999900',
        '99999999999999999980',
        '45230100000000000080',
        '00000000000000000080',
      ];
  }
}

export function buildCases(rng: Random): { spec: OpSpec; cases: FpuCase[] }[] {
  const out: { spec: OpSpec; cases: FpuCase[] }[] = [];
  const cws = controlWords();
  const zero10 = '00000000000000000000';
  const make = (op: string, cw: number, a: string, b: string, mem = '', ah = 0x02): FpuCase => ({
    op,
    cw,
    a,
    b,
    mem: mem.padEnd(32, '0'),
    ah,
  });
  const randomPairs = (n: number, spread: number) =>
    Array.from({ length: n }, () => [randomExt(rng, spread), randomExt(rng, spread)] as const);

  for (const [name, op] of BIN) {
    const cases: FpuCase[] = [];
    for (const a of PAIR_EDGES) for (const b of PAIR_EDGES) cases.push(make(op, CW_DEFAULT, a, b));
    for (const cw of cws)
      for (const [a, b] of randomPairs(8, name.startsWith('fprem') || name === 'fscale' ? 4 : 70))
        cases.push(make(op, cw, a, b));
    // Near-cancellation for add/sub and boundaries for the others in every rounding mode.
    for (const cw of cws) for (let i = 0; i < 4; i++) cases.push(make(op, cw, randomExt(rng, 1), randomExt(rng, 1)));
    out.push({ spec: { name, op, shape: 'binary' }, cases });
  }
  for (const [name, op] of BIN_ULP) {
    const cases: FpuCase[] = [];
    // FYL2XP1 is undefined for |x| >= 1 - sqrt(2)/2 (SDM Vol.2): only edges inside the domain.
    const inDomain = (a: string) =>
      name !== 'fyl2xp1' || (parseInt(a.slice(16, 20).replace(/(..)(..)/, '$2$1'), 16) & 0x7fff) < 0x3ffd;
    for (const a of PAIR_EDGES.filter(inDomain)) for (const b of PAIR_EDGES) cases.push(make(op, CW_DEFAULT, a, b));
    for (let i = 0; i < 150; i++) {
      // fyl2xp1 wants |x| < 1 - sqrt(2)/2: exponents below 0x3ffd.
      const a =
        name === 'fyl2xp1'
          ? randomExt(rng, 40).replace(
              /....$/,
              (0x3ff0 - (i % 60) + ((rng.u32() & 1) << 15))
                .toString(16)
                .padStart(4, '0')
                .replace(/(..)(..)/, '$2$1'),
            )
          : randomExt(rng, 30);
      cases.push(
        make(
          op,
          CW_DEFAULT,
          name === 'fyl2x' ? a.replace(/..$/, (parseInt(a.slice(18), 16) & 0x7f).toString(16).padStart(2, '0')) : a,
          randomExt(rng, 10),
        ),
      );
    }
    out.push({ spec: { name, op, shape: 'binary', ulp: true }, cases });
  }
  for (const [name, op] of UN) {
    const cases: FpuCase[] = [];
    for (const cw of name === 'fsqrt' || name === 'frndint' ? cws : [CW_DEFAULT])
      for (const a of EDGES) cases.push(make(op, cw, a, EDGES[2]));
    for (const cw of cws)
      for (let i = 0; i < 10; i++) cases.push(make(op, cw, randomExt(rng, name === 'frndint' ? 70 : 200), EDGES[2]));
    out.push({ spec: { name, op, shape: 'unary' }, cases });
  }
  for (const [name, op] of UN_ULP) {
    const cases: FpuCase[] = [];
    for (const a of EDGES) cases.push(make(op, CW_DEFAULT, a, EDGES[2]));
    for (let i = 0; i < 150; i++) {
      // Arguments from 2^-20 to 2^20 (f2xm1: |x| <= 1).
      const spread = name === 'f2xm1' ? 0 : 20;
      let a = randomExt(rng, spread);
      if (name === 'f2xm1')
        a =
          a.slice(0, 16) +
          ((0x3ffe - (i % 40)) | ((rng.u32() & 1) << 15))
            .toString(16)
            .padStart(4, '0')
            .replace(/(..)(..)/, '$2$1');
      cases.push(make(op, CW_DEFAULT, a, EDGES[2]));
    }
    out.push({ spec: { name, op, shape: 'unary', ulp: true }, cases });
  }
  for (const [name, op, kind] of [...MEM_ARITH, ...LOADS]) {
    const cases: FpuCase[] = [];
    const mems = memoryEdges(kind, rng);
    const sts =
      kind === 'm80fp' || LOADS.some((l) => l[1] === op)
        ? [EDGES[2]]
        : [0, 2, 5, 18, 19, 22, 24, 25, 26, 42].map((i) => EDGES[i]);
    for (const m of mems) for (const a of sts) cases.push(make(op, CW_DEFAULT, a, EDGES[2], m));
    if (!LOADS.some((l) => l[1] === op))
      for (const cw of cws) for (const m of mems.slice(2, 5)) cases.push(make(op, cw, randomExt(rng, 40), EDGES[2], m));
    out.push({ spec: { name, op, shape: 'mem', memKind: kind }, cases });
  }
  for (const [name, op] of STORES) {
    const cases: FpuCase[] = [];
    // Stores round by RC only (precision control does not apply to them).
    for (const cw of cws.slice(0, 4)) for (const a of EDGES) cases.push(make(op, cw, a, EDGES[2]));
    for (const cw of cws)
      for (let i = 0; i < 8; i++)
        cases.push(
          make(
            op,
            cw,
            randomExt(
              rng,
              name.includes('qword') && name.startsWith('fist')
                ? 62
                : name.includes('word') && name.startsWith('fi')
                  ? 20
                  : 200,
            ),
            EDGES[2],
          ),
        );
    out.push({ spec: { name, op, shape: 'store' }, cases });
  }
  // Constants in every rounding mode.
  const consts: FpuCase[] = [];
  for (const byte of ['e8', 'e9', 'ea', 'eb', 'ec', 'ed', 'ee'])
    for (const cw of cws) consts.push(make('d9' + byte, cw, zero10, zero10));
  out.push({ spec: { name: 'fld constants', op: 'd9e8', shape: 'misc' }, cases: consts });
  // FCMOVcc with each EFLAGS combination of CF ZF PF (AH: SF ZF 0 AF 0 PF 1 CF).
  const fcmov: FpuCase[] = [];
  for (const op of ['dac1', 'dac9', 'dad1', 'dad9', 'dbc1', 'dbc9', 'dbd1', 'dbd9']) {
    for (const ah of [0x02, 0x03, 0x42, 0x06, 0x47]) fcmov.push(make(op, CW_DEFAULT, EDGES[2], EDGES[9], '', ah));
  }
  out.push({ spec: { name: 'fcmovcc', op: 'dac1', shape: 'misc' }, cases: fcmov });
  // Stack: overflow (8 pushes then one more), underflow (empty operands), FINCSTP/FDECSTP, FFREE.
  const fld1x6 = 'd9e8'.repeat(6);
  const stack: FpuCase[] = [
    make(fld1x6 + 'd9e8', CW_DEFAULT, EDGES[9], EDGES[3]),
    make(fld1x6 + 'd9eb', CW_DEFAULT | 0x0c00, EDGES[9], EDGES[3]),
    make(fld1x6 + 'd9c3', CW_DEFAULT, EDGES[9], EDGES[3]),
    make(fld1x6 + 'd900', CW_DEFAULT, EDGES[9], EDGES[3], '0000803f'),
    make(fld1x6 + 'd9fb', CW_DEFAULT, EDGES[9], EDGES[3]),
    make(fld1x6 + 'd9f2', CW_DEFAULT, EDGES[9], EDGES[3]),
    make(fld1x6 + 'd9f4', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc0d8c1', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc1d8c1', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc1dec1', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc0d9e0', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc0d9fa', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc0d918', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc0df18', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc0d8d1', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc1dbf1', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc0d9c9', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc0d9e5', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('d9f7', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('d9f6d9f6', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('ddc1d9f7d9e8', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('dfc0', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('d9d0', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('dbe2', CW_DEFAULT, EDGES[9], EDGES[3]),
    make('d8f0dbe2', CW_DEFAULT, EDGES[9], EDGES[1]),
  ];
  out.push({ spec: { name: 'stack', op: '', shape: 'misc' }, cases: stack });
  // Last, so the cases above keep their random operands.
  out.push(...fastPathCases(rng, make));
  out.push(...unmaskedCases(rng, make));
  return out;
}
