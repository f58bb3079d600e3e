// The bytes of an encoding: little-endian immediates and displacements (exact past 53 bits),
// fixups for values only the linker or a later pass knows, and the ModRM/SIB/displacement of a
// memory operand (SDM Vol.2 2.1.5, Tables 2-1 to 2-3). encode.ts chooses the row; this writes it.

import { ABSOLUTE } from './expr';
import type { Value } from './expr';
import type { Operand } from './parse';
import type { Register } from './registers';
import type { EncodeContext, Fixup } from './encode';

export function pushInt(bytes: number[], n: number, size: number): void {
  let v = n;
  for (let i = 0; i < size; i++) {
    bytes.push(v & 0xff);
    v = Math.floor(v / 256);
  }
}

/** Little-endian bytes of a value, exact when it is wider than 53 bits. */
export function pushValueBytes(bytes: number[], v: Value, size: number): void {
  if (v.big === undefined) return pushInt(bytes, v.n, size);
  let b = BigInt.asUintN(64, v.big);
  for (let i = 0; i < size; i++) {
    bytes.push(Number(b & 0xffn));
    b >>= 8n;
  }
}

export function pushValue(bytes: number[], fixups: Fixup[], v: Value, size: 1 | 2 | 4, pcrel: boolean): void {
  if (v.rel !== ABSOLUTE)
    fixups.push({ offset: bytes.length, size, value: v, pcrel: pcrel || v.selfRel !== undefined });
  pushValueBytes(bytes, v, size);
}

/** Registers of a 16-bit address and their r/m encodings (SDM Vol.2 Table 2-1). */
const RM16: Record<string, number> = { 'bx+si': 0, 'bx+di': 1, 'bp+si': 2, 'bp+di': 3, si: 4, di: 5, bp: 6, bx: 7 };

/**
 * ModRM (+SIB, displacement) for a memory operand (SDM Vol.2 2.1.5, Tables 2-1 to 2-3).
 * Returns an error message or undefined.
 */
export function encodeAddress(
  mem: Extract<Operand, { kind: 'mem' }>,
  reg: number,
  asize: number,
  ctx: EncodeContext,
  bytes: number[],
  fixups: Fixup[],
): string | undefined {
  const disp = mem.disp ? ctx.value(mem.disp) : { n: 0, rel: ABSOLUTE, unknown: false };
  const dispKnownAbsolute = disp.rel === ABSOLUTE;
  const zeroValue = dispKnownAbsolute && !disp.unknown && disp.n === 0;
  // NASM truncates the displacement to the address size before choosing disp8: [bx + 0xffc8]
  // and [ebx + 0xffffffc8] are [reg - 56] with a one-byte displacement.
  const wrapped =
    disp.big !== undefined
      ? Number(BigInt.asIntN(asize, disp.big))
      : asize === 16
        ? ((disp.n & 0xffff) << 16) >> 16
        : disp.n | 0;
  const fitsByte = dispKnownAbsolute && (disp.unknown || (wrapped >= -128 && wrapped <= 127));
  const pickMod = (baseIsBp: boolean): number => {
    if (mem.dispSize === 8) return 1;
    if (mem.dispSize === 16 || mem.dispSize === 32) return 2;
    if (zeroValue && !baseIsBp) return 0;
    return fitsByte ? 1 : 2;
  };
  if (asize === 16) {
    const names = mem.regs.map((r) => r.reg.name);
    for (const r of mem.regs) if (r.scale !== 1) return `16-bit addresses cannot scale '${r.reg.name}'`;
    if (names.length === 0) {
      bytes.push((reg << 3) | 6);
      pushValue(bytes, fixups, disp, 2, false);
      return undefined;
    }
    const key =
      names.length === 2
        ? names[0] === 'bx' || names[0] === 'bp'
          ? `${names[0]}+${names[1]}`
          : `${names[1]}+${names[0]}`
        : names[0];
    const rm = RM16[key];
    if (rm === undefined) return `'[${names.join('+')}]' is not a valid 16-bit address (use bx or bp plus si or di)`;
    const mod = pickMod(rm === 6);
    bytes.push((mod << 6) | (reg << 3) | rm);
    if (mod === 1) bytes.push(disp.n & 0xff);
    else if (mod === 2) pushValue(bytes, fixups, disp, 2, false);
    return undefined;
  }
  // 32-bit addressing: choose base and index (NASM: the first unscaled register is the base;
  // ESP cannot be an index; reg*2, *3, *5, *9 split into base+index unless nosplit).
  let base: Register | undefined;
  let index: Register | undefined;
  let scale = 1;
  const regs = mem.regs;
  if (regs.length > 2) return 'an address has at most two registers';
  if (regs.length === 1) {
    const r = regs[0];
    if (r.scale === 1) base = r.reg;
    else if (!mem.nosplit && (r.scale === 2 || r.scale === 3 || r.scale === 5 || r.scale === 9)) {
      base = r.reg;
      index = r.reg;
      scale = r.scale - 1;
    } else {
      index = r.reg;
      scale = r.scale;
    }
  } else if (regs.length === 2) {
    let [a, b] = regs;
    if (a.scale !== 1 && b.scale === 1) [a, b] = [b, a];
    if (a.scale !== 1) return 'only one register of an address can be scaled';
    base = a.reg;
    index = b.reg;
    scale = b.scale;
    if (index.num === 4 && scale === 1) [base, index] = [index, base];
  }
  if (index && index.num === 4) return "'esp' cannot be an index register";
  if (index && scale !== 1 && scale !== 2 && scale !== 4 && scale !== 8) return `scale ${scale} is not 1, 2, 4 or 8`;
  const ss = scale === 8 ? 3 : scale === 4 ? 2 : scale === 2 ? 1 : 0;
  if (!base && !index) {
    bytes.push((reg << 3) | 5);
    pushValue(bytes, fixups, disp, 4, false);
    return undefined;
  }
  if (!base && index) {
    bytes.push((reg << 3) | 4, (ss << 6) | (index.num << 3) | 5);
    pushValue(bytes, fixups, disp, 4, false);
    return undefined;
  }
  const b = base!;
  const mod = pickMod(b.num === 5);
  if (index || b.num === 4) {
    bytes.push((mod << 6) | (reg << 3) | 4, (ss << 6) | ((index ? index.num : 4) << 3) | b.num);
  } else bytes.push((mod << 6) | (reg << 3) | b.num);
  if (mod === 1) bytes.push(disp.n & 0xff);
  else if (mod === 2) pushValue(bytes, fixups, disp, 4, false);
  return undefined;
}

/** `bytes` with `add` added to the little-endian field of `size` bytes at `offset`. */
export function addToField(bytes: number[], offset: number, size: number, add: number): number[] {
  let carry = add;
  for (let i = 0; i < size; i++) {
    const sum = bytes[offset + i] + (carry & 0xff);
    bytes[offset + i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
  return bytes;
}
