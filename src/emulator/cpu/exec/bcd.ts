// Decimal adjust (SDM Vol.2 DAA DAS AAA AAS AAM AAD), following the SDM pseudo-code.

import type { Cpu } from '../cpu';
import { EAX } from '../cpu';
import { Vector } from '../exceptions';
import { AF, CF, OF, PARITY, PF, SF, ZF, getAF, getCF, setArith } from '../flags';

function szp(al: number): number {
  return PARITY[al & 0xff] | ((al & 0xff) === 0 ? ZF : 0) | (al & 0x80 ? SF : 0);
}

export function daa(cpu: Cpu): void {
  const oldAl = cpu.getReg8(0);
  const oldCf = getCF(cpu);
  let al = oldAl, cf = 0, af = 0;
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
  setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(al) | af | cf);
}

export function das(cpu: Cpu): void {
  const oldAl = cpu.getReg8(0);
  const oldCf = getCF(cpu);
  let al = oldAl, cf = 0, af = 0;
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
  setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(al) | af | cf);
}

export function aaa(cpu: Cpu): void {
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
  setArith(cpu, CF | PF | AF | ZF | SF | OF, szp(al));
}
