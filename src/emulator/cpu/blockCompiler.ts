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

/**
 * Generated bodies that call any CPU method (memory, stack, limit checks, raising) can fault
 * and can store into decoded code; only the lazy-flag fields are plain data.
 */
function mayFault(body: string): boolean {
  return /cpu\.(?!lazy|flags\b)/.test(body);
}

function inlineFields(body: string, ins: Instr): string {
  return body.replace(/\bins\.(\w+)/g, (_, field: string) => {
    const v = (ins as unknown as Record<string, unknown>)[field];
    if (typeof v !== 'number') throw new Error(`block compiler: field ins.${field} is not a number`);
    return `(${v})`;
  });
}

/**
 * A body that only computes on registers (`regs[(n)]` with constant n) and flags: it cannot
 * fault and touches the register file only through those references, so its registers can
 * live in JavaScript locals.
 */
function registerOnly(body: string): boolean {
  return !mayFault(body) && !/jmpIndirect|callRm|pushRm|popRm|regs\[(?!\(\d\)\])/.test(body);
}

export function compileBlock(instrs: readonly Instr[], byteLength: number): CompiledBlock {
  const lines: string[] = ['const regs = cpu.regs;', 'const e0 = cpu.eip;'];
  const n = instrs.length;
  const bodies = instrs.map((ins) => (ins.body !== null ? inlineFields(ins.body, ins) : null));
  // Registers that register-only bodies use are kept in locals r0..r7 between instructions
  // that need the register file (memory operands, hand-written handlers, exits).
  const cached = new Set<number>();
  for (const b of bodies) {
    if (b !== null && registerOnly(b)) for (const m of b.matchAll(/regs\[\((\d)\)\]/g)) cached.add(Number(m[1]));
  }
  const dirty = new Set<number>();
  const flush = (): void => {
    for (const r of dirty) lines.push(`regs[${r}] = r${r};`);
    dirty.clear();
  };
  const reload = (): void => {
    for (const r of cached) lines.push(`r${r} = regs[${r}];`);
  };
  for (const r of cached) lines.push(`let r${r} = regs[${r}];`);

  instrs.forEach((ins, k) => {
    const last = k === n - 1;
    const body = bodies[k];
    const eipHere = `cpu.eip = (e0 + ${ins.offsetInBlock}) >>> 0;`;
    if (body !== null && registerOnly(body) && ins.advance !== 0) {
      for (const m of body.matchAll(/regs\[\((\d)\)\] = /g)) dirty.add(Number(m[1]));
      lines.push(`{${body.replace(/regs\[\((\d)\)\]/g, 'r$1')}}`);
    } else if (body !== null) {
      flush();
      const faults = mayFault(body);
      // A branch body reads cpu.eip as its own address; faulting bodies need it for precision.
      if (faults || ins.advance === 0) lines.push(eipHere);
      lines.push(`{${body}}`);
      if (faults && ins.advance !== 0) {
        lines.push(`if (cpu.leaveBlock) { cpu.eip = (e0 + ${ins.offsetInBlock + ins.length}) >>> 0; return ${k + 1}; }`);
      }
      // A side exit (a Jcc in mid-block): taken means leave, EIP already at the target.
      if (ins.advance === 0 && !last) lines.push(`if (cpu.leaveBlock) return ${k + 1};`);
      reload();
    } else {
      flush();
      lines.push(eipHere);
      lines.push(`H[${k}](cpu, I[${k}]);`);
      if (ins.advance !== 0) {
        lines.push(`if (cpu.leaveBlock) { cpu.eip = (cpu.eip + ${ins.length}) >>> 0; return ${k + 1}; }`);
      } else if (!last) {
        throw new Error('block compiler: a branch must end its block');
      }
      reload();
    }
    if (last) {
      flush();
      if (ins.advance !== 0) lines.push(`cpu.eip = (e0 + ${byteLength}) >>> 0;`);
    }
  });
  lines.push(`return ${n};`);
  const source = `"use strict"; return function block(cpu) {\n${lines.join('\n')}\n};`;
  const handlers = instrs.map((i) => i.handler);
  return new Function(...HELPER_NAMES, 'I', 'H', source)(...HELPERS, instrs, handlers) as CompiledBlock;
}
