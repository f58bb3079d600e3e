// Vector cases for the unmasked exception responses (SDM Vol.1 4.9.2 and 8.5.1-8.5.6): each
// exception unmasked alone and all of them together, over operands that raise it. The host's
// FNSAVE right after the operation is a no-wait instruction, so it records the state the
// exception left (no #MF yet): the status word with ES and B, what was or was not written (the
// destination unchanged for invalid, zero-divide and denormal; for overflow and underflow to a
// register the result with its exponent adjusted by 24576, 8.5.4/8.5.5; to memory nothing), and
// FIP, FOP and FDP, which the vectors of this file compare too (cases.ts OpSpec.pointers).

import type { Random } from '../random';
import type { FpuCase } from './sequence';
import type { OpSpec } from './cases';

type Make = (op: string, cw: number, a: string, b: string, mem?: string) => FpuCase;

const FILE = 'unmasked.json';

function ext(se: number, hi: number, lo: number): string {
  const b: number[] = [];
  for (let i = 0; i < 4; i++) b.push((lo >>> (8 * i)) & 0xff);
  for (let i = 0; i < 4; i++) b.push((hi >>> (8 * i)) & 0xff);
  b.push(se & 0xff, (se >> 8) & 0xff);
  return b.map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** IE DE ZE OE UE PE unmasked one at a time (PC 64, nearest), then all, at PC 64/53/24 and RC chop. */
const CWS = [0x037e, 0x037d, 0x037b, 0x0377, 0x036f, 0x035f, 0x0340, 0x0240, 0x0040, 0x0f40];

/** Operands that raise each exception in some operation. */
const OPERANDS = [
  ext(0x7ffe, 0xffffffff, 0xffffffff), // max: overflow
  ext(0x0001, 0x80000000, 0x00000000), // min normal: underflow
  ext(0x0000, 0x00000000, 0x00000400), // denormal
  ext(0x0000, 0x80000000, 0x00000001), // pseudo-denormal
  ext(0x3fff, 0x80000000, 0x00000000), // 1
  ext(0xc000, 0xc0000000, 0x00000000), // -3: inexact quotients
  ext(0x0000, 0x00000000, 0x00000000), // 0: zero-divide, 0/0
  ext(0x7fff, 0x80000000, 0x00000000), // inf
  ext(0x7fff, 0xa0000000, 0x00000000), // SNaN
  ext(0x4000, 0x40000000, 0x00000000), // unnormal
  ext(0x7e7f, 0xb504f333, 0xf9de6484), // huge (products overflow)
  ext(0x0180, 0xb504f333, 0xf9de6484), // tiny (products underflow)
];

const BINARY: [string, string][] = [
  ['fadd st0,st1', 'd8c1'],
  ['fsub st0,st1', 'd8e1'],
  ['fmul st0,st1', 'd8c9'],
  ['fdiv st0,st1', 'd8f1'],
  ['fdivr st1,st0', 'dcf1'],
  ['fmulp', 'dec9'],
  ['fcom st1', 'd8d1'],
  ['fucomi st0,st1', 'dbe9'],
  ['fscale', 'd9fd'],
  ['fprem1', 'd9f5'],
];
const UNARY: [string, string][] = [
  ['fsqrt', 'd9fa'],
  ['frndint', 'd9fc'],
  ['fxtract', 'd9f4'],
  ['ftst', 'd9e4'],
  ['fst st2', 'ddd2'],
];
/** Memory forms with the m64/m32 operands that raise something (SNaN, denormal, max, zero, 3). */
const MEMORY: [string, string, string[]][] = [
  ['fadd qword [eax]', 'dc00', ['0100000000000000', '000000000000f47f', 'ffffffffffffef7f', '0000000000000840']],
  ['fdiv dword [eax]', 'd830', ['00000000', '01000000', '0000a07f', '00004040']],
  ['fcomp qword [eax]', 'dc18', ['0100000000000000', '000000000000f47f', '0000000000000000']],
  ['fld dword [eax]', 'd900', ['01000000', '0000a07f', '00004040']],
  ['fld qword [eax]', 'dd00', ['0100000000000000', '000000000000f47f']],
  ['fimul dword [eax]', 'da08', ['ffffff7f', '03000000']],
];
const STORES: [string, string][] = [
  ['fst dword [eax]', 'd910'],
  ['fstp qword [eax]', 'dd18'],
  ['fist word [eax]', 'df10'],
  ['fistp dword [eax]', 'db18'],
  ['fbstp tword [eax]', 'df30'],
];

export function unmaskedCases(_rng: Random, make: Make): { spec: OpSpec; cases: FpuCase[] }[] {
  const out: { spec: OpSpec; cases: FpuCase[] }[] = [];
  const one = OPERANDS[4];
  for (const [name, op] of BINARY) {
    const cases: FpuCase[] = [];
    for (const cw of CWS) for (const a of OPERANDS) for (const b of OPERANDS) cases.push(make(op, cw, a, b));
    out.push({ spec: { name: 'unmasked ' + name, op, shape: 'binary', file: FILE, pointers: true }, cases });
  }
  for (const [name, op] of UNARY) {
    const cases: FpuCase[] = [];
    for (const cw of CWS) for (const a of OPERANDS) cases.push(make(op, cw, a, one));
    out.push({ spec: { name: 'unmasked ' + name, op, shape: 'unary', file: FILE, pointers: true }, cases });
  }
  for (const [name, op, mems] of MEMORY) {
    const cases: FpuCase[] = [];
    for (const cw of CWS)
      for (const a of OPERANDS.slice(0, 8)) for (const m of mems) cases.push(make(op, cw, a, one, m));
    out.push({ spec: { name: 'unmasked ' + name, op, shape: 'mem', file: FILE, pointers: true }, cases });
  }
  for (const [name, op] of STORES) {
    const cases: FpuCase[] = [];
    for (const cw of CWS) for (const a of OPERANDS) cases.push(make(op, cw, a, one));
    out.push({ spec: { name: 'unmasked ' + name, op, shape: 'store', file: FILE, pointers: true }, cases });
  }
  // #MF: the same operations followed by FWAIT, which takes the pending exception (SDM Vol.1
  // 8.6, Vol.3 6.15 interrupt 16): the host's SIGFPE handler records the state at the trap.
  const trapped: [string, string, OpSpec['shape'], string[] | null][] = [
    ['fadd st0,st1', 'd8c1', 'binary', null],
    ['fdiv st0,st1', 'd8f1', 'binary', null],
    ['fmul st0,st1', 'd8c9', 'binary', null],
    ['fsqrt', 'd9fa', 'unary', null],
    ['fadd qword [eax]', 'dc00', 'mem', MEMORY[0][2]],
    ['fld dword [eax]', 'd900', 'mem', MEMORY[3][2]],
    ['fstp qword [eax]', 'dd18', 'store', null],
    ['fistp dword [eax]', 'db18', 'store', null],
  ];
  for (const [name, op, shape, mems] of trapped) {
    const cases: FpuCase[] = [];
    const bs = shape === 'binary' ? OPERANDS : [one];
    for (const cw of CWS)
      for (const a of OPERANDS)
        for (const b of bs) for (const m of mems ?? ['']) cases.push(make(op + '9b', cw, a, b, m));
    out.push({ spec: { name: `#MF ${name}; fwait`, op: op + '9b', shape, file: FILE, pointers: true }, cases });
  }
  return out;
}
