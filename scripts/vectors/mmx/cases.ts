// The MMX vector cases: every MMX, 3DNow! and MMX-extension row of the instruction table in its
// register and memory forms, over edge operands per lane width (0, 1, -1, the signed and
// unsigned extremes and their neighbours, saturation boundaries), float edges for 3DNow!, every
// interesting shift count, and seeded random operands.

import type { InstructionForm } from '../../../src/isa/isa';
import { MMX_ROWS } from '../../../src/isa/mmxInstructions';
import type { Random } from '../random';
import { hex } from '../fpu/sequence';
import type { MmxCase } from './sequence';

/** Edge 64-bit patterns (hex, little endian) covering byte, word and dword lane extremes. */
const EDGE_QWORDS: bigint[] = [
  0n,
  1n,
  0xffffffffffffffffn,
  0x7f7f7f7f7f7f7f7fn,
  0x8080808080808080n,
  0x7fff7fff7fff7fffn,
  0x8000800080008000n,
  0x7fffffff7fffffffn,
  0x8000000080000000n,
  0x00ff00ff00ff00ffn,
  0xff00ff00ff00ff00n,
  0x0123456789abcdefn,
  0xfedcba9876543210n,
  0x017f80fe7fff8001n,
  0x0000ffff0000ffffn,
  0x00000000ffffffffn,
  0x8001800180018001n,
  0x7ffe7ffe00010001n,
];

/** Single-precision edges (bits) for the 3DNow! lanes: zeros, ones, fractions, extremes, integers. */
const FLOAT_EDGES: number[] = [
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0xbfc00000, 0x40490fdb, 0x3eaaaaab, 0x7f7fffff,
  0xff7fffff, 0x00800000, 0x80800000, 0x4f000000, 0xcf000000, 0x4effffff, 0x46fffe00, 0xc7000000, 0x47000100,
  0x3f000000, 0xbf000000, 0x3f7fffff, 0x4b000001, 0x42f6e979, 0x5f800000, 0xdf800000, 0x3dcccccd,
];

const SHIFT_COUNTS = [0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255];

function q(v: bigint): string {
  const out: number[] = [];
  for (let i = 0; i < 8; i++) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
  return hex(out);
}

function randomQ(rng: Random): bigint {
  return (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
}

function floatQ(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

export interface MmxGroup {
  name: string;
  /** Where the vectors come from: the host CPU, or qemu-i386 -cpu athlon (3DNow!). */
  oracle: 'host' | 'qemu';
  cases: MmxCase[];
}

/** ModRM bytes and immediates of a row: [name suffix, op bytes without the 0F prefix][] */
function encodings(f: InstructionForm, rng: Random): [string, number[]][] {
  const k = f.operands;
  const op = f.opcode;
  const tail = (modrm: number, imm?: number): number[] => [
    ...op,
    modrm,
    ...(imm !== undefined ? [imm] : []),
    ...(f.suffix !== undefined ? [f.suffix] : []),
  ];
  const ext = (f.ext ?? 0) << 3;
  if (f.modrmByte !== undefined) return [['', [...op, f.modrmByte]]];
  if (k.length === 0) return [['', [...op]]];
  if (k[0] === 'M') return [['mem', tail(ext)]];
  if (k[0] === 'Nq' && k[1] === 'Ib') return SHIFT_COUNTS.map((n) => [`imm ${n}`, tail(0xc0 | ext, n)]);
  const imms = k[k.length - 1] === 'Ib' ? [0, 1, 2, 3, 0x1b, 0xe4, rng.below(256), rng.below(256)] : [undefined];
  const out: [string, number[]][] = [];
  for (const imm of imms) {
    const at = imm === undefined ? '' : ` imm ${imm}`;
    if (k[0] === 'Pq' && (k[1] === 'Qq' || k[1] === 'Qd'))
      out.push(['reg' + at, tail(0xc1, imm)], ['mem' + at, tail(0x00, imm)]);
    else if (k[0] === 'Qq') out.push(['reg', tail(0xc8)], ['mem', tail(0x08)]);
    else if (k[0] === 'Pq' && k[1] === 'Ed') out.push(['reg' + at, tail(0xc2, imm)]);
    else if (k[0] === 'Pq' && k[1] === 'Mw') out.push(['mem' + at, tail(0x00, imm)]);
    else if (k[0] === 'Ed') out.push(['reg', tail(0xc2)], ['mem', tail(0x00)]);
    else if (k[0] === 'Gd') out.push(['reg' + at, tail(0xd0, imm)]);
    else if (k[0] === 'Mq') out.push(['mem', tail(0x08)]);
    else if (k[0] === 'Pq' && k[1] === 'Nq') out.push(['reg', tail(0xc1)]);
    else throw new Error(`mmx cases: no encoding for ${f.mnemonic} ${k.join(',')}`);
  }
  // MOVD mm, m32 also from memory.
  if (k[0] === 'Pq' && k[1] === 'Ed' && k.length === 2) out.push(['mem', tail(0x00)]);
  return out;
}

export function buildCases(rng: Random, perForm = 24): MmxGroup[] {
  const groups: MmxGroup[] = [];
  for (const f of MMX_ROWS) {
    const amd3d = f.requires === '3dnow' || f.requires === '3dnowext';
    const float = amd3d && !['pavgusb', 'pmulhrw', 'pswapd', 'pi2fd', 'pi2fw'].includes(f.exec);
    for (const [form, bytes] of encodings(f, rng)) {
      const cases: MmxCase[] = [];
      const n = form.startsWith('imm') ? 6 : perForm;
      for (let i = 0; i < n; i++) {
        let a: bigint, b: bigint;
        if (float) {
          const pick = () => (rng.chance(0.7) ? FLOAT_EDGES[rng.below(FLOAT_EDGES.length)] : rng.u32());
          a = floatQ(pick(), pick());
          b = floatQ(pick(), pick());
        } else if (i < EDGE_QWORDS.length) {
          a = EDGE_QWORDS[i];
          b = EDGE_QWORDS[(i * 7 + 3) % EDGE_QWORDS.length];
        } else {
          a = randomQ(rng);
          b = rng.chance(0.5) ? randomQ(rng) : EDGE_QWORDS[rng.below(EDGE_QWORDS.length)];
        }
        const mem = q(rng.chance(0.5) ? b : randomQ(rng)) + q(randomQ(rng));
        cases.push({
          op: hex(bytes.length && bytes[0] === 0x0f ? bytes : bytes),
          a: q(a),
          b: q(b),
          gp: rng.u32(),
          mem,
        });
      }
      groups.push({
        name: `${f.mnemonic} ${f.operands.join(',')} ${form}`.trim(),
        oracle: amd3d ? 'qemu' : 'host',
        cases,
      });
    }
  }
  return groups;
}
