// Integer arithmetic and logic (SDM Vol.2: ADD ADC SUB SBB CMP AND OR XOR TEST INC DEC NEG
// NOT). Each takes operands already masked to `size` bits (int32 for 32) and returns the
// unmasked result; flags are recorded lazily (flags.ts).

import type { Cpu } from '../cpu';
import { ARITH_FLAGS, CF, LazyOp, getCF, setLazy } from '../flags';

export function add(cpu: Cpu, a: number, b: number, size: number): number {
  const r = (a + b) | 0;
  setLazy(cpu, LazyOp.ADD, a, b, r, size);
  return r;
}

export function adc(cpu: Cpu, a: number, b: number, size: number): number {
  const c = getCF(cpu);
  const r = (a + b + c) | 0;
  setLazy(cpu, c ? LazyOp.ADC : LazyOp.ADD, a, b, r, size);
  return r;
}

export function sub(cpu: Cpu, a: number, b: number, size: number): number {
  const r = (a - b) | 0;
  setLazy(cpu, LazyOp.SUB, a, b, r, size);
  return r;
}

export function sbb(cpu: Cpu, a: number, b: number, size: number): number {
  const c = getCF(cpu);
  const r = (a - b - c) | 0;
  setLazy(cpu, c ? LazyOp.SBB : LazyOp.SUB, a, b, r, size);
  return r;
}

export const cmp = sub;

export function and(cpu: Cpu, a: number, b: number, size: number): number {
  const r = a & b;
  setLazy(cpu, LazyOp.LOGIC, a, b, r, size);
  return r;
}

export const test = and;

export function or(cpu: Cpu, a: number, b: number, size: number): number {
  const r = a | b;
  setLazy(cpu, LazyOp.LOGIC, a, b, r, size);
  return r;
}

export function xor(cpu: Cpu, a: number, b: number, size: number): number {
  const r = a ^ b;
  setLazy(cpu, LazyOp.LOGIC, a, b, r, size);
  return r;
}

// INC and DEC leave CF alone (SDM Vol.2 INC/DEC): fold the current CF into cpu.flags, then
// make only OF SF ZF AF PF lazy.
function keepCarry(cpu: Cpu): void {
  const c = getCF(cpu);
  cpu.flags = (cpu.flags & ~CF) | c;
}

export function inc(cpu: Cpu, a: number, size: number): number {
  keepCarry(cpu);
  const r = (a + 1) | 0;
  setLazy(cpu, LazyOp.ADD, a, 1, r, size);
  cpu.lazyFlags = ARITH_FLAGS & ~CF;
  return r;
}

export function dec(cpu: Cpu, a: number, size: number): number {
  keepCarry(cpu);
  const r = (a - 1) | 0;
  setLazy(cpu, LazyOp.SUB, a, 1, r, size);
  cpu.lazyFlags = ARITH_FLAGS & ~CF;
  return r;
}

/** NEG: 0 - a; CF = (a != 0), which the SUB rule gives. */
export function neg(cpu: Cpu, a: number, size: number): number {
  const r = (0 - a) | 0;
  setLazy(cpu, LazyOp.SUB, 0, a, r, size);
  return r;
}

export function not(_cpu: Cpu, a: number, _size: number): number {
  return ~a;
}

/**
 * The same operations as source for generated handlers (dispatch.ts), which
 * pastes them in instead of calling the functions above, so the hottest instructions compile
 * to straight-line code. `a` and `b` are the operands, the expression is the unmasked result;
 * `logic` operations need no operands for their flags (CF = OF = 0, AF undefined).
 */
export const INLINE_BINARY: Record<string, { expression: string; lazyOp: LazyOp; logic: boolean }> = {
  add: { expression: '(a + b) | 0', lazyOp: LazyOp.ADD, logic: false },
  sub: { expression: '(a - b) | 0', lazyOp: LazyOp.SUB, logic: false },
  cmp: { expression: '(a - b) | 0', lazyOp: LazyOp.SUB, logic: false },
  and: { expression: 'a & b', lazyOp: LazyOp.LOGIC, logic: true },
  test: { expression: 'a & b', lazyOp: LazyOp.LOGIC, logic: true },
  or: { expression: 'a | b', lazyOp: LazyOp.LOGIC, logic: true },
  xor: { expression: 'a ^ b', lazyOp: LazyOp.LOGIC, logic: true },
};

/** INC and DEC as source: the operand is `a`; CF is folded into cpu.flags first. */
export const INLINE_INC_DEC: Record<string, { expression: string; lazyOp: LazyOp }> = {
  inc: { expression: '(a + 1) | 0', lazyOp: LazyOp.ADD },
  dec: { expression: '(a - 1) | 0', lazyOp: LazyOp.SUB },
};
