// Inline forms of instructions emit.ts emitInstruction leaves to their handlers: LEAVE, PUSHAD,
// POPAD, CLC STC CMC CLD STD, and MUL IMUL DIV IDIV (emitMulDiv.ts). Same results and flags
// as their handlers (exec/stack.ts, exec/misc.ts, exec/muldiv.ts).
//
// PUSHAD and POPAD are inline only when all eight slots lie in the stack window (runtime.ts
// computeStackWindow: RAM, no decoded code, writable at the current privilege, flat SS), where
// no access can fault; otherwise they run through their handler (Emitter.handlerCall), which
// checks the whole range first (exec/stack.ts checkStack) as the interpreter does.

import type { Instr } from '../instr';
import { CF, DF } from '../flags';
import { type Emitter } from './emit';
import { stackHit, stackIndex } from './emitMemory';
import { mulDiv } from './emitMulDiv';

/** Clears the arithmetic flags `mask` from the lazy record (flags.setArith). */
function settle(e: Emitter, mask: number): void {
  e.line(`lzFlags &= ${~mask};`);
  if (e.known !== null) e.known = { ...e.known, mask: e.known.mask & ~mask };
}

/** LEAVE on a 32-bit stack: ESP = EBP, then EBP = the 16- or 32-bit value popped from there. */
function leave(e: Emitter, ins: Instr): boolean {
  if (!e.stack32) return false;
  const size = ins.opsize;
  const v = e.name('v');
  if (size === 32) {
    e.line(`let ${v} = 0; if (${stackHit('r5')}) ${v} = m32[${stackIndex('r5')}] | 0; else {`);
    const slow = e.read(2, '(r5 >>> 0)', 32);
    e.line(`${v} = ${slow}; }`);
  } else {
    e.line(`const ${v} = ${e.read(2, '(r5 >>> 0)', 16)};`);
  }
  // The read faulted out before any local changed (exec/stack.ts leave restores ESP).
  e.line(`r4 = (r5 + ${size >> 3}) | 0;`);
  e.setReg(5, size, v);
  return true;
}

/** PUSHAD: EAX ECX EDX EBX (ESP before) EBP ESI EDI, the last at the new ESP. */
function pushad(e: Emitter, ins: Instr): boolean {
  if (!e.stack32 || ins.opsize !== 32) return false;
  const a = e.name('s'),
    k = e.name('k');
  e.line(`const ${a} = (r4 - 32) | 0;`);
  e.line(`if (${stackHit(a)} && ${stackHit('((r4 - 4) | 0)')}) {`);
  e.line(`const ${k} = ${stackIndex(a)};`);
  e.line([7, 6, 5, 4, 3, 2, 1, 0].map((r, i) => `m32[${k} + ${i}] = r${r};`).join(' '));
  e.line(`r4 = ${a}; } else { ${e.handlerCall} }`);
  return true;
}

/** POPAD: EDI ESI EBP (skipped) EBX EDX ECX EAX from ESP up; ESP + 32. */
function popad(e: Emitter, ins: Instr): boolean {
  if (!e.stack32 || ins.opsize !== 32) return false;
  const k = e.name('k');
  e.line(`if (${stackHit('r4')} && ${stackHit('((r4 + 28) | 0)')}) {`);
  e.line(`const ${k} = ${stackIndex('r4')};`);
  e.line(
    [7, 6, 5, -1, 3, 2, 1, 0]
      .map((r, i) => (r < 0 ? '' : `r${r} = m32[${k} + ${i}] | 0;`))
      .filter((x) => x)
      .join(' '),
  );
  e.line(`r4 = (r4 + 32) | 0; } else { ${e.handlerCall} }`);
  return true;
}

/**
 * The instructions above; false when the instruction (or this form of it) must run through its
 * handler.
 */
export function emitMore(e: Emitter, ins: Instr): boolean {
  const exec = ins.form?.exec;
  if (exec === undefined || ins.lock) return false;
  switch (exec) {
    case 'mul':
    case 'imul1':
    case 'div':
    case 'idiv':
      return mulDiv(e, ins, exec);
    case 'leave':
      return leave(e, ins);
    case 'pusha':
      return pushad(e, ins);
    case 'popa':
      return popad(e, ins);
    case 'clc':
      e.line(`fl &= ${~CF};`);
      settle(e, CF);
      return true;
    case 'stc':
      e.line(`fl |= ${CF};`);
      settle(e, CF);
      return true;
    case 'cmc': {
      const c = e.name('c');
      e.line(`const ${c} = ${e.carry()};`);
      e.line(`fl = (fl & ${~CF}) | (${c} ^ 1);`);
      settle(e, CF);
      return true;
    }
    case 'cld':
      e.line(`fl &= ${~DF};`);
      return true;
    case 'std':
      e.line(`fl |= ${DF};`);
      return true;
    default:
      return false;
  }
}
