// Decimal adjust (SDM Vol.2 DAA DAS AAA AAS AAM AAD), following the SDM pseudo-code.

import type { Cpu } from '../cpu';
import { EAX } from '../constants';
import { Vector } from '../exceptions';
import { AF, CF, OF, PARITY, PF, SF, ZF, getAF, getCF, setArith } from '../flags';

function szp(al: number): number {
  return PARITY[al & 0xff] | ((al & 0xff) === 0 ? ZF : 0) | (al & 0x80 ? SF : 0);
}

// The 80386's undefined flags (CpuModel.undefinedFlags === 'i386'): the adjustments are an
// 8-bit ADD or SUB of the correction to AL, and SF ZF PF OF (for AAD also CF AF) come from
// that operation on the unmasked AL. Data points: test386.asm POST E0, validated on a 386SX
// (AAA 0x7A -> CF AF SF OF; AAS 0x0680 with AF -> CF AF OF; AAD 0x0D8E -> CF AF OF;
// DAA 0x1A with CF -> CF AF SF OF; DAS 0x80 with AF -> AF OF).
function addOverflow(a: number, b: number, r: number): number {
  return ~(a ^ b) & (a ^ r) & 0x80 ? OF : 0;
}

function subOverflow(a: number, b: number, r: number): number {
  return (a ^ b) & (a ^ r) & 0x80 ? OF : 0;
}

function i386(cpu: Cpu): boolean {
  return cpu.model.undefinedFlags === 'i386';
}

export function daa(cpu: Cpu): void {
  const oldAl = cpu.getReg8(0);
  const oldCf = getCF(cpu);
  let al = oldAl,
    cf = 0,
    af = 0;
  if ((al & 0x0f) > 9 || getAF(cpu)) {
    cf = oldCf | (al + 6 > 0xff ? 1 : 0);
    al = (al + 6) & 0xff;
    af = AF;
  }
  if (oldAl > 0x99 || oldCf) {
    al = (al + 0x60) & 0xff;
    cf = 1;
  } else cf = 0;
  cpu.setReg8(0, al);
  const of = i386(cpu) ? addOverflow(oldAl, (al - oldAl) & 0xff, al) : 0;
  setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(al) | af | cf | of);
}

export function das(cpu: Cpu): void {
  const oldAl = cpu.getReg8(0);
  const oldCf = getCF(cpu);
  let al = oldAl,
    cf = 0,
    af = 0;
  if ((al & 0x0f) > 9 || getAF(cpu)) {
    cf = oldCf | (al < 6 ? 1 : 0);
    al = (al - 6) & 0xff;
    af = AF;
  }
  if (oldAl > 0x99 || oldCf) {
    al = (al - 0x60) & 0xff;
    cf = 1;
  }
  cpu.setReg8(0, al);
  const of = i386(cpu) ? subOverflow(oldAl, (oldAl - al) & 0xff, al) : 0;
  setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(al) | af | cf | of);
}

export function aaa(cpu: Cpu): void {
  if (i386(cpu)) return adjustAscii386(cpu, 6);
  let ax = cpu.regs[EAX] & 0xffff;
  let f = 0;
  if ((ax & 0x0f) > 9 || getAF(cpu)) {
    ax = (ax + 0x106) & 0xffff;
    f = AF | CF;
  }
  ax &= 0xff0f;
  cpu.setReg16(EAX, ax);
  setArith(cpu, CF | PF | AF | ZF | SF | OF, f | szp(ax));
}

export function aas(cpu: Cpu): void {
  if (i386(cpu)) return adjustAscii386(cpu, -6);
  let ax = cpu.regs[EAX] & 0xffff;
  let f = 0;
  if ((ax & 0x0f) > 9 || getAF(cpu)) {
    ax = ((ax - 6) & 0xffff) - 0x100;
    ax &= 0xffff;
    f = AF | CF;
  }
  ax &= 0xff0f;
  cpu.setReg16(EAX, ax);
  setArith(cpu, CF | PF | AF | ZF | SF | OF, f | szp(ax));
}

/** AAA (delta 6) / AAS (delta -6) on the 80386: flags from AL +/- 6, or from AL unadjusted. */
function adjustAscii386(cpu: Cpu, delta: number): void {
  const ax = cpu.regs[EAX] & 0xffff;
  const al = ax & 0xff;
  if ((al & 0x0f) > 9 || getAF(cpu)) {
    // AX + 0x106 (the carry out of AL reaches AH) / AX - 6 - 0x100, as on later parts.
    const next = delta > 0 ? (ax + 0x106) & 0xffff : (((ax - 6) & 0xffff) - 0x100) & 0xffff;
    const r = (al + delta) & 0xff;
    cpu.setReg16(EAX, next & 0xff0f);
    const of = delta > 0 ? addOverflow(al, 6, r) : subOverflow(al, 6, r);
    setArith(cpu, CF | PF | AF | ZF | SF | OF, AF | CF | szp(r) | of);
    return;
  }
  cpu.setReg16(EAX, ax & 0xff0f);
  setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(al));
}

export function aam(cpu: Cpu, base: number): void {
  if (base === 0) cpu.raiseException(Vector.DE);
  const al = cpu.getReg8(0);
  const r = ((Math.floor(al / base) & 0xff) << 8) | (al % base);
  cpu.setReg16(EAX, r);
  setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(r));
}

export function aad(cpu: Cpu, base: number): void {
  const ax = cpu.regs[EAX];
  const al = ((ax & 0xff) + ((ax >> 8) & 0xff) * base) & 0xff;
  cpu.setReg16(EAX, al);
  if (i386(cpu)) {
    // AL + (AH * imm8 mod 256) as an 8-bit ADD: all six flags from it.
    const a = ax & 0xff,
      b = (((ax >> 8) & 0xff) * base) & 0xff;
    const cf = a + b > 0xff ? CF : 0;
    const af = ((a & 0x0f) + (b & 0x0f)) & 0x10 ? AF : 0;
    setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(al) | cf | af | addOverflow(a, b, al));
    return;
  }
  setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(al));
}
