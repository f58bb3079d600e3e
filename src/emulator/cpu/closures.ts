// Handlers for the code-generated families (dispatch.ts) built without generating source,
// for hosts where `new Function` is unavailable (jit/codegen.ts): the same arithmetic from
// exec/, with operands read and written through operands.ts. Slower than generated handlers,
// and exactly as precise: a read-modify-write checks its write access before its first effect.

import type { Cpu } from './cpu';
import { CS } from './constants';
import type { Handler, Instr } from './instr';
import type { OperandKind } from '../../isa/isa';
import { Vector } from './exceptions';
import { testCondition } from './flags';
import * as alu from './exec/alu';
import * as shift from './exec/shift';
import * as control from './exec/control';
import * as stack from './exec/stack';
import { effectiveAddress, readE, readModifyE, writeE } from './operands';
import { sizeOf } from './jit/emit';

function read(cpu: Cpu, ins: Instr, kind: OperandKind, modify: boolean): number {
  const size = sizeOf(kind, ins.opsize);
  switch (kind) {
    case 'Eb':
    case 'Ew':
    case 'Ed':
    case 'Ev':
      return modify ? readModifyE(cpu, ins, size) : readE(cpu, ins, size);
    case 'Ob':
    case 'Ov':
      return cpu.readSized(ins.seg, effectiveAddress(cpu, ins), size);
    case 'Gb':
    case 'Gw':
    case 'Gd':
    case 'Gv':
      return cpu.getReg(ins.reg, size);
    case 'Zb':
    case 'Zv':
      return cpu.getReg(ins.rm, size);
    case 'AL':
    case 'AX':
    case 'eAX':
      return cpu.getReg(0, size);
    case 'CL':
      return cpu.getReg(1, 8);
    case 'ONE':
      return 1;
    default:
      return ins.imm;
  }
}

function write(cpu: Cpu, ins: Instr, kind: OperandKind, value: number): void {
  const size = sizeOf(kind, ins.opsize);
  switch (kind) {
    case 'Eb':
    case 'Ew':
    case 'Ed':
    case 'Ev':
      writeE(cpu, ins, size, value);
      return;
    case 'Ob':
    case 'Ov':
      cpu.writeSized(ins.seg, effectiveAddress(cpu, ins), size, value);
      return;
    case 'Gb':
    case 'Gw':
    case 'Gd':
    case 'Gv':
      cpu.setReg(ins.reg, size, value);
      return;
    case 'Zb':
    case 'Zv':
      cpu.setReg(ins.rm, size, value);
      return;
    case 'AL':
    case 'AX':
    case 'eAX':
      cpu.setReg(0, size, value);
      return;
    default:
      return;
  }
}

type AluFn = (cpu: Cpu, a: number, b: number, size: number) => number;
type UnaryFn = (cpu: Cpu, a: number, size: number) => number;

/** The closure handler for a generated family's exec name, or null if it has none. */
export function closureHandler(exec: string): Handler | null {
  const binary = (alu as unknown as Record<string, AluFn>)[exec];
  switch (exec) {
    case 'add':
    case 'or':
    case 'adc':
    case 'sbb':
    case 'and':
    case 'sub':
    case 'xor':
      return (cpu, ins) => {
        const k = ins.form!.operands;
        const a = read(cpu, ins, k[0], true),
          b = read(cpu, ins, k[1], false);
        write(cpu, ins, k[0], binary(cpu, a, b, sizeOf(k[0], ins.opsize)));
      };
    case 'cmp':
    case 'test':
      return (cpu, ins) => {
        const k = ins.form!.operands;
        binary(cpu, read(cpu, ins, k[0], false), read(cpu, ins, k[1], false), sizeOf(k[0], ins.opsize));
      };
    case 'inc':
    case 'dec':
    case 'not':
    case 'neg': {
      const fn = (alu as unknown as Record<string, UnaryFn>)[exec];
      return (cpu, ins) => {
        const k = ins.form!.operands;
        write(cpu, ins, k[0], fn(cpu, read(cpu, ins, k[0], true), sizeOf(k[0], ins.opsize)));
      };
    }
    case 'rol':
    case 'ror':
    case 'rcl':
    case 'rcr':
    case 'shl':
    case 'sal':
    case 'shr':
    case 'sar': {
      const fn = (shift as unknown as Record<string, AluFn>)[exec];
      return (cpu, ins) => {
        const k = ins.form!.operands;
        const a = read(cpu, ins, k[0], true);
        write(cpu, ins, k[0], fn(cpu, a, read(cpu, ins, k[1], false), sizeOf(k[0], ins.opsize)));
      };
    }
    case 'mov':
      return (cpu, ins) => {
        const k = ins.form!.operands;
        write(cpu, ins, k[0], read(cpu, ins, k[1], false));
      };
    case 'movzx':
    case 'movsx':
      return (cpu, ins) => {
        const k = ins.form!.operands;
        const v = read(cpu, ins, k[1], false);
        const s = 32 - sizeOf(k[1], ins.opsize);
        write(cpu, ins, k[0], exec === 'movsx' ? (v << s) >> s : v);
      };
    case 'lea':
      return (cpu, ins) => cpu.setReg(ins.reg, ins.opsize, effectiveAddress(cpu, ins));
    case 'jcc':
      return (cpu, ins) => {
        if (testCondition(cpu, ins.condition)) {
          control.jumpRelative(cpu, ins);
          cpu.leaveBlock = true;
        } else {
          cpu.eip = (cpu.eip + ins.length) >>> 0;
        }
      };
    case 'loop':
      return (cpu, ins) => {
        const count = ins.adsize === 32 ? (cpu.regs[1] - 1) | 0 : (cpu.regs[1] - 1) & 0xffff;
        const store = (): void => {
          if (ins.adsize === 32) cpu.regs[1] = count;
          else cpu.regs[1] = (cpu.regs[1] & ~0xffff) | count;
        };
        if (count !== 0) {
          const target =
            ins.opsize === 32 ? (cpu.eip + ins.length + ins.imm) >>> 0 : (cpu.eip + ins.length + ins.imm) & 0xffff;
          if (target > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);
          store();
          cpu.eip = target;
        } else {
          store();
          cpu.eip = (cpu.eip + ins.length) >>> 0;
        }
      };
    case 'ret':
      return (cpu, ins) => {
        const size = ins.opsize;
        const target = size === 32 ? cpu.peek(32) >>> 0 : cpu.peek(16);
        if (target > cpu.segLimit[CS]) cpu.raiseException(Vector.GP, 0);
        cpu.adjustStack((size >> 3) + (ins.form!.operands.length ? ins.imm : 0));
        cpu.eip = target;
      };
    case 'push':
      return stack.push;
    case 'pop':
      return stack.pop;
    case 'call':
      return control.call;
    case 'jmp':
      return control.jmp;
    default:
      return null;
  }
}
