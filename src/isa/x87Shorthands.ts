// NASM's x87 shorthands as assembler-only rows of the instruction table (assembleOnly: the x87
// rows decode these bytes). No operands: ST(1) (`fxch`, `fcom`, `fcomp`, `fucom`, `fucomp`) or
// ST(1), ST(0) (the popping arithmetic). The waiting forms are WAIT followed by the no-wait form
// (SDM Vol.2 FINIT/FNINIT, FCLEX/FNCLEX, FSTSW/FNSTSW, FSTCW/FNSTCW, FSAVE/FNSAVE,
// FSTENV/FNSTENV: "9B DB E3" and so on).

import type { FpuExecName } from './execNames';
import type { InstructionForm } from './isa';

const X87_SHORT: [string, number, number][] = [
  ['fxch', 0xd9, 0xc9],
  ['fcom', 0xd8, 0xd1],
  ['fcomp', 0xd8, 0xd9],
  ['fucom', 0xdd, 0xe1],
  ['fucomp', 0xdd, 0xe9],
  ['faddp', 0xde, 0xc1],
  ['fmulp', 0xde, 0xc9],
  ['fsubrp', 0xde, 0xe1],
  ['fsubp', 0xde, 0xe9],
  ['fdivrp', 0xde, 0xf1],
  ['fdivp', 0xde, 0xf9],
];

const X87_WAITING: [string, string][] = [
  ['finit', 'fninit'],
  ['fclex', 'fnclex'],
  ['fstsw', 'fnstsw'],
  ['fstcw', 'fnstcw'],
  ['fsave', 'fnsave'],
  ['fstenv', 'fnstenv'],
];

/** The shorthand rows, the waiting ones copied from the no-wait rows among `rows`. */
export function x87Shorthands(rows: readonly InstructionForm[]): InstructionForm[] {
  const out: InstructionForm[] = X87_SHORT.map(([mnemonic, op, modrm]) => ({
    mnemonic,
    opcode: [op],
    ext: (modrm >> 3) & 7,
    modrmByte: modrm,
    operands: [],
    exec: mnemonic as FpuExecName, // the shorthand's executor is the full form's
    assembleOnly: true,
  }));
  for (const [mnemonic, noWait] of X87_WAITING) {
    for (const form of rows.filter((f) => f.mnemonic === noWait && !f.assembleOnly))
      out.push({ ...form, mnemonic, assembleOnly: true, waitPrefix: true });
  }
  return out;
}
