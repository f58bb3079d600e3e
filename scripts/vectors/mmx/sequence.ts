// The MMX vector sequence, shared by the generator (gen-mmx-vectors.ts, run natively or under
// qemu-i386 by scripts/vectors/fpu/host.c) and the replay test (test/mmx/vectors.test.ts).
// With ECX at a data block:
//
//   fninit; fld1                     R7 = 1.0, TOP = 7: MMX must alias R0-R7, set TOP = 0, tag
//   movq mm0, [ecx+16]               MM0 = a (destination of every op)
//   movq mm1, [ecx+24]               MM1 = b (register source; also the MASKMOVQ mask)
//   mov edx, [ecx+8]                 general register operand
//   lea eax, [ecx+48]                memory operand [eax] (16 bytes); MASKMOVQ stores at [edi]
//   push edi; lea edi, [ecx+48]
//   <op>
//   pop edi; mov [ecx+12], edx
//   fnsave [ecx+64]                  108-byte image: CW SW TW pointers, R0-R7 (TOP = 0)
//   ret

import { hex, unhex } from '../fpu/sequence';

export const DATA_SIZE = 256;
export const GP_AT = 8,
  GP_OUT_AT = 12,
  A_AT = 16,
  B_AT = 24,
  MEM_AT = 48,
  SAVE_AT = 64;
export const MEM_SIZE = 16;

/** One case: op bytes, MM0 and MM1 (8 bytes each, hex), EDX, memory operand (16 bytes, hex). */
export interface MmxCase {
  op: string;
  a: string;
  b: string;
  gp: number;
  mem: string;
}

export function sequenceCode(c: MmxCase): number[] {
  return [
    ...[0xdb, 0xe3, 0xd9, 0xe8],
    ...[0x0f, 0x6f, 0x41, A_AT],
    ...[0x0f, 0x6f, 0x49, B_AT],
    ...[0x8b, 0x51, GP_AT],
    ...[0x8d, 0x41, MEM_AT],
    ...[0x57, 0x8d, 0x79, MEM_AT],
    ...unhex(c.op),
    ...[0x5f, 0x89, 0x51, GP_OUT_AT],
    ...[0xdd, 0x71, SAVE_AT],
    0xc3,
  ];
}

export function sequenceData(c: MmxCase): number[] {
  const d = new Array<number>(MEM_AT + MEM_SIZE).fill(0);
  for (let i = 0; i < 4; i++) d[GP_AT + i] = (c.gp >>> (8 * i)) & 0xff;
  unhex(c.a).forEach((v, i) => (d[A_AT + i] = v));
  unhex(c.b).forEach((v, i) => (d[B_AT + i] = v));
  unhex(c.mem).forEach((v, i) => (d[MEM_AT + i] = v));
  return d;
}

/** What a vector compares: the FNSAVE image's words and registers, the memory operand, EDX. */
export interface MmxOutcome {
  cw: number;
  sw: number;
  tw: number;
  /** R0..R7 (TOP is 0 after an MMX instruction, so ST(i) = Ri) as 10-byte images. */
  r: string[];
  mem: string;
  gp: number;
}

export function outcomeOf(block: ArrayLike<number>): MmxOutcome {
  const w16 = (at: number) => block[at] | (block[at + 1] << 8);
  const r: string[] = [];
  for (let i = 0; i < 8; i++) r.push(hex(Array.from({ length: 10 }, (_, k) => block[SAVE_AT + 28 + i * 10 + k])));
  return {
    cw: w16(SAVE_AT),
    sw: w16(SAVE_AT + 4),
    tw: w16(SAVE_AT + 8),
    r,
    mem: hex(Array.from({ length: MEM_SIZE }, (_, k) => block[MEM_AT + k])),
    gp: (w16(GP_OUT_AT) | (w16(GP_OUT_AT + 2) << 16)) >>> 0,
  };
}
