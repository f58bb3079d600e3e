// A predecoded instruction: the decoder's fields flattened into one fixed-shape object plus
// the handler chosen for its form and operand shape. Built once per instruction address
// (interpreter.ts caches them by physical address), executed many times.

import type { InstructionForm } from '../../isa/isa';
import type { DecodedInstruction } from '../../isa/decoder';
import type { Cpu } from './cpu';
import { DS, SS } from './constants';

export type Handler = (cpu: Cpu, ins: Instr) => void;

export class Instr {
  handler: Handler;
  /** Bytes, prefixes included. */
  length = 0;
  /** What the interpreter adds to EIP after the handler: the length, or 0 for branches. */
  advance = 0;
  opsize = 32;
  adsize = 32;
  /** ModRM reg field (or -1); the 8-bit register number for byte forms. */
  reg = -1;
  /** ModRM rm field for register operands, or the +r register of the opcode. */
  rm = -1;
  /** The r/m operand (or moffs) is memory. */
  memory = false;
  base = -1;
  index = -1;
  scale = 0;
  disp = 0;
  /** Segment of the memory operand: the override, else DS, or SS for EBP/ESP/BP bases. */
  seg = DS;
  /** Segment override prefix, -1 when none (string sources honour it). */
  segOverride = -1;
  imm = 0;
  imm2 = 0;
  /** 0 = none, 1 = REP/REPE (F3), 2 = REPNE (F2). */
  rep = 0;
  lock = false;
  condition = 0;
  /** The ModRM byte, -1 when none (the x87 last-opcode register FOP records it). */
  modrm = -1;
  /** Position in its basic block: RDTSC counts the instructions before it. */
  indexInBlock = 0;
  /** Byte offset from the start of its basic block. */
  offsetInBlock = 0;
  form: InstructionForm | null = null;

  constructor(handler: Handler) {
    this.handler = handler;
  }

  static fromDecoded(d: DecodedInstruction, handler: Handler): Instr {
    const ins = new Instr(handler);
    ins.length = d.length;
    ins.opsize = d.opsize;
    ins.adsize = d.adsize;
    ins.reg = d.reg;
    ins.rm = d.opcodeRegister >= 0 ? d.opcodeRegister : d.rm;
    ins.memory = d.memory;
    ins.base = d.base;
    ins.index = d.index;
    ins.scale = d.scale;
    ins.disp = d.disp;
    ins.segOverride = d.segment;
    // SDM Vol.1 3.7.5: EBP or ESP as base (BP in 16-bit forms) selects SS by default.
    ins.seg = d.segment >= 0 ? d.segment : d.base === 4 || d.base === 5 ? SS : DS;
    ins.imm = d.imm;
    ins.imm2 = d.imm2;
    ins.rep = d.rep === 'rep' ? 1 : d.rep === 'repne' ? 2 : 0;
    ins.lock = d.lock;
    ins.condition = d.form.condition ?? 0;
    ins.modrm = d.mod >= 0 ? (d.mod << 6) | (d.reg << 3) | d.rm : -1;
    ins.form = d.form;
    return ins;
  }
}
