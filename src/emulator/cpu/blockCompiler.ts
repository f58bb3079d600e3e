// Compiles a hot basic block into one JavaScript function. Generated handler bodies are
// pasted in with the instruction's fields as constants (so `regs[ins.rm]` becomes `regs[1]`
// and the arithmetic helper calls inline); hand-written handlers are called from a call site
// of their own, which the engine can inline too. The function returns how many instructions
// retired: the whole block, or fewer when an instruction asked to leave the block (a store
// into decoded code, a mode change).
//
// Precise faults: before every instruction that can fault, EIP is set to its first byte, so a
// fault unwinding out of the function leaves EIP there and the interpreter counts the
// instructions before it as retired. Register-only generated instructions cannot fault and
// skip the store.

import type { Cpu } from './cpu';
import type { Instr } from './instr';
import { HELPERS, HELPER_NAMES } from './dispatch';

export type CompiledBlock = (cpu: Cpu) => number;

/** Generated bodies that touch memory, check limits or raise can fault. */
function mayFault(body: string): boolean {
  return /cpu\.(read|write|check|raise)/.test(body);
}

function inlineFields(body: string, ins: Instr): string {
  return body.replace(/\bins\.(\w+)/g, (_, field: string) => {
    const v = (ins as unknown as Record<string, unknown>)[field];
    if (typeof v !== 'number') throw new Error(`block compiler: field ins.${field} is not a number`);
    return `(${v})`;
  });
}

export function compileBlock(instrs: readonly Instr[], byteLength: number): CompiledBlock {
  const lines: string[] = ['const regs = cpu.regs;', 'const e0 = cpu.eip;'];
  const n = instrs.length;
  instrs.forEach((ins, k) => {
    const last = k === n - 1;
    const eipHere = `cpu.eip = (e0 + ${ins.offsetInBlock}) >>> 0;`;
    if (ins.body !== null) {
      const faults = mayFault(ins.body);
      // A branch body reads cpu.eip as its own address; faulting bodies need it for precision.
      if (faults || ins.advance === 0) lines.push(eipHere);
      lines.push(`{${inlineFields(ins.body, ins)}}`);
      if (faults && ins.advance !== 0 && /cpu\.write/.test(ins.body)) {
        lines.push(`if (cpu.leaveBlock) { cpu.eip = (e0 + ${ins.offsetInBlock + ins.length}) >>> 0; return ${k + 1}; }`);
      }
      // A side exit (a Jcc in mid-block): taken means leave, EIP already at the target.
      if (ins.advance === 0 && !last) lines.push(`if (cpu.leaveBlock) return ${k + 1};`);
    } else {
      lines.push(eipHere);
      lines.push(`H[${k}](cpu, I[${k}]);`);
      if (ins.advance !== 0) {
        lines.push(`if (cpu.leaveBlock) { cpu.eip = (cpu.eip + ${ins.length}) >>> 0; return ${k + 1}; }`);
      } else if (!last) {
        throw new Error('block compiler: a branch must end its block');
      }
    }
    if (last && ins.advance !== 0) lines.push(`cpu.eip = (e0 + ${byteLength}) >>> 0;`);
  });
  lines.push(`return ${n};`);
  const source = `"use strict"; return function block(cpu) {\n${lines.join('\n')}\n};`;
  const handlers = instrs.map((i) => i.handler);
  return new Function(...HELPER_NAMES, 'I', 'H', source)(...HELPERS, instrs, handlers) as CompiledBlock;
}
