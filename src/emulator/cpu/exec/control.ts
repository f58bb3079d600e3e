// Control transfer (SDM Vol.2 JMP Jcc JCXZ LOOP CALL RET ENTER/LEAVE are in stack.ts; INT n,
// INTO, INT3, IRET). Every handler here sets EIP itself: these are the basic-block ends.

import type { Cpu } from '../cpu';
import { CS, ECX } from '../constants';
import type { Instr } from '../instr';
import { Vector } from '../exceptions';
import { VM, getOF, getZF } from '../flags';
import { effectiveAddress, readE } from '../operands';
import { loadCodeSegment } from '../segments';
import { checkStack, writeFlagsFromStack } from './stack';
import {
  callThroughSystem,
  jumpThroughSystem,
  protectedIret,
  returnToOuterLevel,
  targetsSystemDescriptor,
} from '../system/transfers';

/** EIP of the next instruction. */
export function nextEip(cpu: Cpu, ins: Instr): number {
  return (cpu.eip + ins.length) >>> 0;
}

/**
 * Near jump to `target` (already the full new EIP before operand-size masking): 16-bit
 * operand size truncates to IP; beyond the CS limit is #GP(0) (SDM Vol.2 JMP).
 */
export function jumpNear(cpu: Cpu, ins: Instr, target: number): void {
  const eip = ins.opsize === 32 ? target >>> 0 : target & 0xffff;
  if (eip > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);
  cpu.eip = eip;
}

export function jumpRelative(cpu: Cpu, ins: Instr): void {
  jumpNear(cpu, ins, cpu.eip + ins.length + ins.imm);
}

export function jmp(cpu: Cpu, ins: Instr): void {
  if (ins.form!.operands[0] === 'Ev') jumpNear(cpu, ins, readE(cpu, ins, ins.opsize));
  else jumpRelative(cpu, ins);
}

export function call(cpu: Cpu, ins: Instr): void {
  const target = ins.form!.operands[0] === 'Ev' ? readE(cpu, ins, ins.opsize) : cpu.eip + ins.length + ins.imm;
  const masked = ins.opsize === 32 ? target >>> 0 : target & 0xffff;
  if (masked > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);
  cpu.push(ins.opsize, nextEip(cpu, ins));
  cpu.eip = masked;
}

/** Count register of LOOP/JCXZ: CX or ECX by address size. */
function counter(cpu: Cpu, ins: Instr): number {
  return ins.adsize === 32 ? cpu.regs[ECX] : cpu.regs[ECX] & 0xffff;
}

function decrementCounter(cpu: Cpu, ins: Instr): number {
  if (ins.adsize === 32) return (cpu.regs[ECX] = cpu.regs[ECX] - 1);
  cpu.setReg16(ECX, cpu.regs[ECX] - 1);
  return cpu.regs[ECX] & 0xffff;
}

function branchIf(cpu: Cpu, ins: Instr, taken: boolean): void {
  if (taken) jumpRelative(cpu, ins);
  else cpu.eip = nextEip(cpu, ins);
}

// LOOPcc decrements the count register before testing; a #GP on the jump target leaves it
// decremented on real parts, but precise faults ask for the state before: undo on fault.
function loopWith(cpu: Cpu, ins: Instr, condition: (cpu: Cpu) => boolean): void {
  const saved = cpu.regs[ECX];
  const count = decrementCounter(cpu, ins);
  try {
    branchIf(cpu, ins, count !== 0 && condition(cpu));
  } catch (e) {
    cpu.regs[ECX] = saved;
    throw e;
  }
}

export function loope(cpu: Cpu, ins: Instr): void {
  loopWith(cpu, ins, getZF);
}

export function loopne(cpu: Cpu, ins: Instr): void {
  loopWith(cpu, ins, (c) => !getZF(c));
}

export function jcxz(cpu: Cpu, ins: Instr): void {
  branchIf(cpu, ins, counter(cpu, ins) === 0);
}

// --- Far transfers ---------------------------------------------------------------------------

/** Selector and offset of a far pointer operand: Ap immediate or Mp in memory. */
function farPointer(cpu: Cpu, ins: Instr): [number, number] {
  if (ins.form!.operands[0] === 'Ap') return [ins.imm2, ins.opsize === 32 ? ins.imm >>> 0 : ins.imm & 0xffff];
  const off = effectiveAddress(cpu, ins);
  const n = ins.opsize >> 3;
  const offset = ins.opsize === 32 ? cpu.read32(ins.seg, off) >>> 0 : cpu.read16(ins.seg, off);
  const selector = cpu.read16(ins.seg, ins.adsize === 32 ? (off + n) >>> 0 : (off + n) & 0xffff);
  return [selector, offset];
}

export function jmpFar(cpu: Cpu, ins: Instr): void {
  const [selector, offset] = farPointer(cpu, ins);
  if (targetsSystemDescriptor(cpu, selector)) return jumpThroughSystem(cpu, selector, nextEip(cpu, ins));
  loadCodeSegment(cpu, selector, offset, false);
  cpu.eip = offset;
}

export function callFar(cpu: Cpu, ins: Instr): void {
  const [selector, offset] = farPointer(cpu, ins);
  if (targetsSystemDescriptor(cpu, selector)) return callThroughSystem(cpu, selector, nextEip(cpu, ins));
  const size = ins.opsize;
  // Both pushes must fit before anything changes (precise faults).
  checkStack(cpu, -2 * (size >> 3), 2 * (size >> 3), true);
  const oldCs = cpu.segSelector[CS];
  const ret = nextEip(cpu, ins);
  const saved = [cpu.segSelector[CS], cpu.segBase[CS], cpu.segLimit[CS], cpu.segAttr[CS]] as const;
  loadCodeSegment(cpu, selector, offset, false);
  try {
    cpu.push(size, oldCs);
    cpu.push(size, ret);
  } catch (e) {
    cpu.setSegmentCache(CS, saved[0], saved[1], saved[2], saved[3]);
    throw e;
  }
  cpu.eip = offset;
}

export function retFar(cpu: Cpu, ins: Instr): void {
  const size = ins.opsize;
  const offset = size === 32 ? cpu.peek(32) >>> 0 : cpu.peek(16);
  const selector = cpu.peek(size, size >> 3) & 0xffff;
  if (cpu.protectedMode && !(cpu.flags & VM) && (selector & 3) > cpu.cpl) {
    return returnToOuterLevel(cpu, size, ins.form!.operands.length ? ins.imm & 0xffff : 0);
  }
  loadCodeSegment(cpu, selector, offset, true);
  cpu.adjustStack(2 * (size >> 3) + (ins.form!.operands.length ? ins.imm : 0));
  cpu.eip = offset;
}

// --- Interrupts ------------------------------------------------------------------------------

/**
 * INT n / INT3 / INTO are traps: EIP moves past the instruction, then the interrupt is
 * delivered (interrupts.ts decides how; until the system layer exists the run stops).
 */
export function int(cpu: Cpu, ins: Instr): void {
  cpu.eip = nextEip(cpu, ins);
  cpu.deliverInterrupt(ins.imm & 0xff, true, ins.length);
}

export function int3(cpu: Cpu, ins: Instr): void {
  cpu.eip = nextEip(cpu, ins);
  cpu.deliverInterrupt(Vector.BP, true, ins.length, true);
}

/** INT1/ICEBP: #DB as a trap after the instruction, with EXT = 1 and no DPL check. */
export function int1(cpu: Cpu, ins: Instr): void {
  cpu.eip = nextEip(cpu, ins);
  cpu.deliverException(Vector.DB, undefined, 'trap');
}

export function into(cpu: Cpu, ins: Instr): void {
  cpu.eip = nextEip(cpu, ins);
  if (getOF(cpu)) cpu.deliverInterrupt(Vector.OF, true, ins.length, true);
}

/** IRET (SDM Vol.2 IRET): real mode here; protected mode in system/transfers.ts. */
export function iret(cpu: Cpu, ins: Instr): void {
  const size = ins.opsize;
  const n = size >> 3;
  cpu.returnedFromEvent = true;
  if (cpu.protectedMode) return protectedIret(cpu, size, nextEip(cpu, ins));
  const offset = size === 32 ? cpu.peek(32) >>> 0 : cpu.peek(16);
  const selector = cpu.peek(size, n) & 0xffff;
  const flags = cpu.peek(size, 2 * n);
  loadCodeSegment(cpu, selector, offset, true);
  cpu.adjustStack(3 * n);
  const before = cpu.flags;
  writeFlagsFromStack(cpu, flags, size, true);
  cpu.eip = offset;
  cpu.eflagsLoaded(before);
}
