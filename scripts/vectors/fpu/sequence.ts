// The x87 vector sequence, shared by the host generator (gen-fpu-vectors.ts, run natively by
// host.c) and the replay test (test/fpu/vectors.test.ts). With ECX at a data block:
//
//   mov ah, <ah>; sahf                         EFLAGS for FCMOVcc
//   fninit; fldcw [ecx]                        CW from data[0]
//   fld tword [ecx+16]; fld tword [ecx+32]     ST1 = b, ST0 = a
//   lea eax, [ecx+48]                          memory forms address [eax] (16 bytes)
//   <op>
//   fnsave [ecx+64]                            108-byte image (CW SW TW pointers ST0-ST7)
//   pushfd; pop dword [ecx+176]; ret

export const DATA_SIZE = 256;
export const CW_AT = 0,
  B_AT = 16,
  A_AT = 32,
  MEM_AT = 48,
  SAVE_AT = 64,
  EFLAGS_AT = 176;
export const SAVE_SIZE = 108;
/** host.c after a SIGFPE (#MF): 1 at TRAP_AT, the trapping EIP at TRAP_AT + 4. */
export const TRAP_AT = 240;
/** Where host.c leaves the code's and the block's addresses (the replay puts its own there). */
export const BASES_AT = 248;
export const MEM_SIZE = 16;

/** One case: op bytes, control word, ST0/ST1 as 10-byte images, memory operand, AH for SAHF. */
export interface FpuCase {
  op: string;
  cw: number;
  a: string;
  b: string;
  mem: string;
  ah: number;
}

export function hex(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] & 0xff).toString(16).padStart(2, '0');
  return s;
}

export function unhex(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < s.length; i += 2) out.push(parseInt(s.slice(i, i + 2), 16));
  return out;
}

export function sequenceCode(c: FpuCase): number[] {
  return [
    0xb4,
    c.ah & 0xff,
    0x9e,
    0xdb,
    0xe3,
    0xd9,
    0x29,
    0xdb,
    0x69,
    B_AT,
    0xdb,
    0x69,
    A_AT,
    0x8d,
    0x41,
    MEM_AT,
    ...unhex(c.op),
    0xdd,
    0x71,
    SAVE_AT,
    0x9c,
    0x8f,
    0x81,
    EFLAGS_AT,
    0,
    0,
    0,
    0xc3,
  ];
}

export function sequenceData(c: FpuCase): number[] {
  const d = new Array<number>(MEM_AT + MEM_SIZE).fill(0);
  d[CW_AT] = c.cw & 0xff;
  d[CW_AT + 1] = (c.cw >> 8) & 0xff;
  unhex(c.b).forEach((v, i) => (d[B_AT + i] = v));
  unhex(c.a).forEach((v, i) => (d[A_AT + i] = v));
  unhex(c.mem).forEach((v, i) => (d[MEM_AT + i] = v));
  return d;
}

/** What a vector compares, cut from the data block after the run. */
export interface FpuOutcome {
  cw: number;
  sw: number;
  tw: number;
  /** ST0..ST7 as 10-byte images (empty registers are compared too: their bytes are kept). */
  st: string[];
  mem: string;
  eflags: number;
  /**
   * FNSAVE's last instruction pointer and data pointer relative to the code and the block, and
   * the last opcode (SDM Vol.1 8.1.8-8.1.10): kept only for the vectors that compare them.
   */
  fip?: number;
  fdp?: number;
  fop?: number;
  /** Where #MF was taken, relative to the code, or -1 for none (kept with the pointers). */
  trap?: number;
}

export function outcomeOf(block: ArrayLike<number>): FpuOutcome {
  const w16 = (at: number) => block[at] | (block[at + 1] << 8);
  const w32 = (at: number) => (w16(at) | (w16(at + 2) << 16)) >>> 0;
  const st: string[] = [];
  for (let i = 0; i < 8; i++) st.push(hex(Array.from({ length: 10 }, (_, k) => block[SAVE_AT + 28 + i * 10 + k])));
  return {
    cw: w16(SAVE_AT),
    sw: w16(SAVE_AT + 4),
    tw: w16(SAVE_AT + 8),
    st,
    mem: hex(Array.from({ length: MEM_SIZE }, (_, k) => block[MEM_AT + k])),
    eflags:
      (block[EFLAGS_AT] | (block[EFLAGS_AT + 1] << 8) | (block[EFLAGS_AT + 2] << 16) | (block[EFLAGS_AT + 3] << 24)) >>>
      0,
    fip: (w32(SAVE_AT + 12) - w32(BASES_AT)) >>> 0,
    fdp: (w32(SAVE_AT + 20) - w32(BASES_AT + 4)) >>> 0,
    fop: (w32(SAVE_AT + 16) >>> 16) & 0x7ff,
    trap: block[TRAP_AT] === 1 ? (w32(TRAP_AT + 4) - w32(BASES_AT)) >>> 0 : -1,
  };
}
