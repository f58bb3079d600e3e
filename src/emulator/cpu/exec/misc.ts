// Data movement, conversions, flag instructions, bit instructions and the 486/Pentium
// additions (SDM Vol.2: XCHG CBW/CWDE CWD/CDQ LAHF SAHF XLAT BOUND CMC CLC STC CLD STD SETcc
// BT BTS BTR BTC BSF BSR BSWAP XADD CMPXCHG CMPXCHG8B MOV sreg LDS/LES/LFS/LGS/LSS WAIT UD2).

import type { Cpu } from '../cpu';
import { DS, EAX, EBX, ECX, EDX, SS } from '../constants';
import type { Instr } from '../instr';
import { Vector } from '../exceptions';
import { CF, DF, OF, ZF, getCF, setArith, testCondition } from '../flags';
import { effectiveAddress, offsetPlus, readE, readModifyE, writeE } from '../operands';
import { loadSegment } from '../segments';
import { add, sub } from './alu';

const SEG_PREFIX_FOR_LOAD: Record<number, number> = { 0xc4: 0, 0xc5: 3, 0xb2: 2, 0xb4: 4, 0xb5: 5 };

export function nop(): void {
  // No operation (SDM Vol.2 NOP). Also the i386-early `lock nop` quirk.
}

export function xchg(cpu: Cpu, ins: Instr): void {
  const kinds = ins.form!.operands;
  if (kinds[0] === 'Zv') {
    const size = ins.opsize;
    const a = cpu.getReg(ins.rm, size),
      b = cpu.getReg(EAX, size);
    cpu.setReg(ins.rm, size, b);
    cpu.setReg(EAX, size, a);
    return;
  }
  const size = kinds[0] === 'Eb' ? 8 : ins.opsize;
  const a = readModifyE(cpu, ins, size);
  const b = cpu.getReg(ins.reg, size);
  writeE(cpu, ins, size, b);
  cpu.setReg(ins.reg, size, a);
}

export function cbw(cpu: Cpu, ins: Instr): void {
  if (ins.opsize === 16) cpu.setReg16(EAX, (cpu.regs[EAX] << 24) >> 24);
  else cpu.regs[EAX] = (cpu.regs[EAX] << 16) >> 16;
}

export function cwd(cpu: Cpu, ins: Instr): void {
  if (ins.opsize === 16) cpu.setReg16(EDX, (cpu.regs[EAX] << 16) >> 31);
  else cpu.regs[EDX] = cpu.regs[EAX] >> 31;
}

/** LAHF: AH = SF:ZF:0:AF:0:PF:1:CF (SDM Vol.2 LAHF). */
export function lahf(cpu: Cpu): void {
  cpu.setReg8(4, (cpu.getEflags() & 0xd5) | 0x02);
}

export function sahf(cpu: Cpu): void {
  setArith(cpu, 0xd5, cpu.getReg8(4));
}

/** SALC (undocumented D6): AL = CF ? 0xFF : 0x00; the flags are unchanged. */
export function salc(cpu: Cpu): void {
  cpu.setReg8(0, getCF(cpu) ? 0xff : 0);
}

export function xlat(cpu: Cpu, ins: Instr): void {
  const seg = ins.segOverride >= 0 ? ins.segOverride : DS;
  const base = ins.adsize === 32 ? cpu.regs[EBX] : cpu.regs[EBX] & 0xffff;
  const off = ins.adsize === 32 ? (base + cpu.getReg8(0)) >>> 0 : (base + cpu.getReg8(0)) & 0xffff;
  cpu.setReg8(0, cpu.read8(seg, off));
}

/** BOUND r, m: #BR unless lower <= r <= upper, signed (SDM Vol.2 BOUND). */
export function bound(cpu: Cpu, ins: Instr): void {
  const size = ins.opsize;
  const off = effectiveAddress(cpu, ins);
  let lower = cpu.readSized(ins.seg, off, size);
  let upper = cpu.readSized(ins.seg, offsetPlus(ins, off, size >> 3), size);
  let index = cpu.getReg(ins.reg, size);
  if (size === 16) {
    lower = (lower << 16) >> 16;
    upper = (upper << 16) >> 16;
    index = (index << 16) >> 16;
  }
  if (index < lower || index > upper) cpu.raiseException(Vector.BR);
}

export function cmc(cpu: Cpu): void {
  setArith(cpu, CF, getCF(cpu) ^ 1);
}

export function clc(cpu: Cpu): void {
  setArith(cpu, CF, 0);
}

export function stc(cpu: Cpu): void {
  setArith(cpu, CF, CF);
}

export function cld(cpu: Cpu): void {
  cpu.flags &= ~DF;
}

export function std(cpu: Cpu): void {
  cpu.flags |= DF;
}

export function setcc(cpu: Cpu, ins: Instr): void {
  writeE(cpu, ins, 8, testCondition(cpu, ins.condition) ? 1 : 0);
}

export function cmovcc(cpu: Cpu, ins: Instr): void {
  // The source is read (and may fault) whatever the condition (SDM Vol.2 CMOVcc).
  const v = readE(cpu, ins, ins.opsize);
  if (testCondition(cpu, ins.condition)) cpu.setReg(ins.reg, ins.opsize, v);
}

// --- Bit test and scan (SDM Vol.2 BT/BTS/BTR/BTC, BSF/BSR) -------------------------------

/**
 * BT family: with a register bit offset and a memory operand the offset is signed and
 * selects any bit relative to the address (SDM Vol.2 BT, "Bit Base and Offset"); with an
 * immediate or a register operand it is taken modulo the operand size.
 */
function bitOperation(cpu: Cpu, ins: Instr, action: 0 | 1 | 2 | 3): void {
  const size = ins.opsize;
  const immediate = ins.form!.operands[1] === 'Ib';
  const offsetValue = immediate ? ins.imm & 0xff : cpu.getReg(ins.reg, size);
  let value: number,
    bit: number,
    seg = 0,
    off = 0;
  if (!ins.memory) {
    bit = offsetValue & (size - 1);
    value = cpu.getReg(ins.rm, size);
  } else {
    off = effectiveAddress(cpu, ins);
    seg = ins.seg;
    if (immediate) bit = offsetValue & (size - 1);
    else {
      const signed = size === 16 ? (offsetValue << 16) >> 16 : offsetValue | 0;
      const unit = Math.floor(signed / size);
      off = offsetPlus(ins, off, unit * (size >> 3));
      bit = signed - unit * size;
    }
    if (action !== 0) cpu.checkWrite(seg, off, size >> 3);
    value = cpu.readSized(seg, off, size);
  }
  const mask = 1 << bit;
  if (cpu.model.undefinedFlags === 'i386') {
    // The 80386 sets OF to the XOR of the top two bits of the operand rotated right by the bit
    // offset and leaves SF ZF AF PF alone (the hardware-captured 386EX tests of
    // SingleStepTests/80386, 0FA3/0FAB/0FB3/0FBB/0FBA; test386.asm POST E0, validated on a
    // 386SX: value 1, bits 0..3 give OF 0 1 1 0).
    const rotated = bit === 0 ? value : (value >>> bit) | (value << (size - bit));
    const of = ((rotated >>> (size - 1)) ^ (rotated >>> (size - 2))) & 1;
    setArith(cpu, CF | OF, (value & mask ? CF : 0) | (of ? OF : 0));
  } else setArith(cpu, CF, value & mask ? CF : 0);
  if (action === 0) return;
  const result = action === 1 ? value | mask : action === 2 ? value & ~mask : value ^ mask;
  if (!ins.memory) cpu.setReg(ins.rm, size, result);
  else cpu.writeSized(seg, off, size, result);
}

export function bt(cpu: Cpu, ins: Instr): void {
  bitOperation(cpu, ins, 0);
}

export function bts(cpu: Cpu, ins: Instr): void {
  bitOperation(cpu, ins, 1);
}

export function btr(cpu: Cpu, ins: Instr): void {
  bitOperation(cpu, ins, 2);
}

export function btc(cpu: Cpu, ins: Instr): void {
  bitOperation(cpu, ins, 3);
}

/** BSF/BSR: a zero source sets ZF and leaves the destination unchanged (as the parts do). */
export function bsf(cpu: Cpu, ins: Instr): void {
  const v = readE(cpu, ins, ins.opsize);
  if (v === 0) {
    setArith(cpu, ZF, ZF);
    return;
  }
  cpu.setReg(ins.reg, ins.opsize, 31 - Math.clz32(v & -v));
  setArith(cpu, ZF, 0);
}

export function bsr(cpu: Cpu, ins: Instr): void {
  const v = readE(cpu, ins, ins.opsize);
  if (v === 0) {
    setArith(cpu, ZF, ZF);
    return;
  }
  cpu.setReg(ins.reg, ins.opsize, 31 - Math.clz32(v));
  setArith(cpu, ZF, 0);
}

// --- 486 and Pentium additions --------------------------------------------------------

/** BSWAP r32; with a 16-bit operand the result is undefined (the parts clear the register half). */
export function bswap(cpu: Cpu, ins: Instr): void {
  const v = cpu.regs[ins.rm];
  if (ins.opsize === 16) {
    cpu.setReg16(ins.rm, 0);
    return;
  }
  cpu.regs[ins.rm] = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

export function xadd(cpu: Cpu, ins: Instr): void {
  const size = ins.form!.operands[0] === 'Eb' ? 8 : ins.opsize;
  const dest = readModifyE(cpu, ins, size);
  const src = cpu.getReg(ins.reg, size);
  const sum = add(cpu, dest, src, size);
  if (ins.memory) {
    // Memory first: the address may use the source register.
    writeE(cpu, ins, size, sum);
    cpu.setReg(ins.reg, size, dest);
  } else {
    // SRC := DEST, then DEST := TEMP: with the same register the sum wins (SDM Vol.2 XADD).
    cpu.setReg(ins.reg, size, dest);
    cpu.setReg(ins.rm, size, sum);
  }
}

/**
 * CMPXCHG r/m, r: compare the accumulator with the destination; equal: ZF=1 and dest = src;
 * else ZF=0 and accumulator = dest. A memory destination is always written (SDM Vol.2).
 */
export function cmpxchg(cpu: Cpu, ins: Instr): void {
  const size = ins.form!.operands[0] === 'Eb' ? 8 : ins.opsize;
  const dest = readModifyE(cpu, ins, size);
  const acc = cpu.getReg(EAX, size);
  sub(cpu, acc, dest, size);
  if (acc === dest) writeE(cpu, ins, size, cpu.getReg(ins.reg, size));
  else {
    if (ins.memory) writeE(cpu, ins, size, dest);
    cpu.setReg(EAX, size, dest);
  }
}

export function cmpxchg8b(cpu: Cpu, ins: Instr): void {
  const off = effectiveAddress(cpu, ins);
  const high = offsetPlus(ins, off, 4);
  cpu.checkWrite(ins.seg, off, 4);
  cpu.checkWrite(ins.seg, high, 4);
  const lo = cpu.read32(ins.seg, off),
    hi = cpu.read32(ins.seg, high);
  const regs = cpu.regs;
  if (lo === regs[EAX] && hi === regs[EDX]) {
    cpu.write32(ins.seg, off, regs[EBX]);
    cpu.write32(ins.seg, high, regs[ECX]);
    setArith(cpu, ZF, ZF);
  } else {
    cpu.write32(ins.seg, off, lo);
    cpu.write32(ins.seg, high, hi);
    regs[EAX] = lo;
    regs[EDX] = hi;
    setArith(cpu, ZF, 0);
  }
}

// --- Segment registers ----------------------------------------------------------------

/** MOV r/m16, Sreg: a register destination receives the whole operand size, zero-extended. */
export function movFromSeg(cpu: Cpu, ins: Instr): void {
  const v = cpu.segSelector[ins.reg];
  if (ins.memory) writeE(cpu, ins, 16, v);
  else cpu.setReg(ins.rm, ins.opsize, v);
}

/** MOV Sreg, r/m16: CS is not a valid destination (#UD, SDM Vol.2 MOV). */
export function movToSeg(cpu: Cpu, ins: Instr): void {
  if (ins.reg === 1) cpu.raiseException(Vector.UD);
  loadSegment(cpu, ins.reg, readE(cpu, ins, 16));
  if (ins.reg === SS) cpu.openStackShadow();
}

/** LDS LES LFS LGS LSS: offset then selector from memory; the segment load comes first. */
export function loadFarPointer(cpu: Cpu, ins: Instr): void {
  const opcode = ins.form!.opcode;
  const seg = SEG_PREFIX_FOR_LOAD[opcode[opcode.length - 1]];
  const off = effectiveAddress(cpu, ins);
  const offset = cpu.readSized(ins.seg, off, ins.opsize);
  const selector = cpu.read16(ins.seg, offsetPlus(ins, off, ins.opsize >> 3));
  loadSegment(cpu, seg, selector);
  cpu.setReg(ins.reg, ins.opsize, offset);
  if (seg === SS) cpu.leaveBlock = true;
}

// --- No-FPU coprocessor checks and UD2 ------------------------------------------------

/** WAIT: #NM when CR0.MP and CR0.TS are both set (SDM Vol.2 WAIT/FWAIT); no x87 otherwise. */
export function ud2(cpu: Cpu): void {
  cpu.raiseException(Vector.UD);
}
