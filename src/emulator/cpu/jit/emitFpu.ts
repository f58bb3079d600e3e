// x87 and MMX instructions inside a compiled region (region.ts). Their handlers (fpu/, mmx/)
// keep all their state in cpu.fpu, and their declared effects (effectsFpu.ts) say which
// general registers and flags they read and write: the address registers, EAX for FNSTSW AX,
// EFLAGS for FCOMI and FCMOVcc. So the call writes back only what the handler reads and
// reloads only what it writes; everything else stays in the region's locals. The #NM / #MF
// checks stay the handler's own (fpu/access.ts enter, mmx/access.ts enterMmx), made per
// instruction as in the interpreter: a fault leaves with the locals written back as they were
// before the instruction, EIP on it and its retired count, like any other fault in a region.

import type { Effects } from '../effects';
import { declaresFpu } from '../effectsFpu';
import type { Instr } from '../instr';
import { type Emitter, SYNC_FLAGS_IN, SYNC_FLAGS_OUT, SYNC_REGS_OUT, syncRegsIn } from './emit';
import { WINDOWS_RESET } from './emitMemory';

/** Where the instruction sits in the region (region.ts generate). */
export interface FpuSite {
  /** Index of the instruction in the region's handler tables H and I. */
  gi: number;
  /** Its EIP, the next instruction's, and its index in its block. */
  eip: number;
  next: number;
  k: number;
}

/** Emits the call of an x87/MMX handler; false when `ins` is not one (the generic call then). */
export function emitFpuCall(e: Emitter, ins: Instr, fx: Effects, site: FpuSite): boolean {
  const exec = ins.form?.exec;
  if (exec === undefined || !declaresFpu(exec) || fx.endsRegion || ins.advance === 0) return false;
  const out: string[] = [];
  for (let r = 0; r < 8; r++) if ((fx.regsRead & (1 << r)) !== 0) out.push(`regs[${r}] = r${r};`);
  if (fx.flagsRead !== 0) out.push(SYNC_FLAGS_OUT);
  out.push(`cpu.eip = ${site.eip >>> 0}; cpu.instructionCount = ic0 + n;`);
  e.line(out.join(' '));
  const ok = e.name('ok');
  e.line(`const ${ok} = S.call(H[${site.gi}], cpu, I[${site.gi}]);`);
  // The handler changed no general register or flag before it faulted (effectsFpu.ts).
  e.line(`cpu.instructionCount = ic0; if (!${ok}) { ${SYNC_REGS_OUT} ${SYNC_FLAGS_OUT} return ~(n + ${site.k}); }`);
  // Its accessor calls may have walked the page tables (emitMemory.ts).
  e.line(WINDOWS_RESET);
  const reload = syncRegsIn(fx.regsWritten);
  if (reload !== '') e.line(reload);
  if (fx.flagsWritten !== 0) {
    e.line(SYNC_FLAGS_IN);
    e.known = null;
  }
  e.line(
    `if (cpu.leaveBlock) { ${SYNC_REGS_OUT} ${SYNC_FLAGS_OUT} cpu.eip = ${site.next >>> 0}; return n + ${site.k + 1}; }`,
  );
  return true;
}
