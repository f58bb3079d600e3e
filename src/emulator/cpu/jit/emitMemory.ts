// Loads and stores of a compiled region (region.ts, emit.ts) through two data windows held in
// locals: a read window (rLo rEnd rD) and a write window (wLo wEnd wD). A window is a range
// of linear addresses a with (a - lo) >>> 0 < end (unsigned; end 0: empty) whose aligned
// dword is in RAM at physical address a + d. An access inside its window, naturally aligned,
// is one range test, one alignment test and one typed-array access; anything else refills
// the window inline from the same facts the TLB probe used (no call), and only when that
// fails too calls the CPU's accessor (runtime.ts), which walks the page tables, checks
// limits and rights, faults, reaches the code cache and the watchpoints.
//
// What a window may hold, with `mode` decided at region entry (region.ts: 0 when a segment
// the region uses is not flat or a watchpoint or data breakpoint is set, 1 with paging off,
// 2 with paging on):
// - mode 0: nothing, every access takes the accessor;
// - mode 1, reads: all of RAM (set at entry; physical memory has no MMIO, and addresses past
//   RAM, the ROM alias included, take the accessor);
// - mode 1, writes: the 4 KiB page of the last store, if it is in RAM and holds no decoded
//   code (memory.codePages), so a store into code always reaches the code cache;
// - mode 2: the page of the last access through its TLB entry, if the entry allows that
//   access at the current privilege (paging.ts: a write bit is cached only once the dirty bit
//   is set, a read bit once the accessed bit is, so the accessor would set neither), the
//   physical page is in RAM and, for the write window, holds no decoded code.
// Pages gain decoded code only when the interpreter decodes a block, never during a region
// call, and the TLB only gains bits during one except through a handler (a CR3 write, INVLPG
// and a paging-mode change end the region). A walk can still replace a read-only entry (the
// guest changed the PTE without INVLPG, then wrote there), so the read window is emptied after
// every accessor call under paging, and both windows after every handler call.

import { CR0_PG } from '../constants';
import type { Cpu } from '../cpu';
import type { Emitter } from './emit';

// The typed arrays of physical memory, the code-page marks and the TLB are constants of the
// function that makes the region function (they never change for a CPU), so V8, which then
// sees them as constants, uses their data pointers and lengths as immediates instead of
// checking the array's map and loading both at every access.

/** Parameters of the region factory (codegen.ts compileSource) for memoryArgs. */
export const MEMORY_PARAMS = ['MEM', 'TLB'];

export function memoryArgs(cpu: Cpu): unknown[] {
  return [cpu.memory, cpu.tlb.entries];
}

let serial = 0;

/**
 * Constants of the region factory, before `return function region`. The source of every
 * region is made unique: V8 shares one function (and its feedback) among closures of equal
 * source text, and folds a closure's constants only while it is the one closure of its code.
 */
export function memoryConsts(): string {
  return (
    `// ${++serial}\n` +
    'const m8 = MEM.u8, m16 = MEM.u16, m32 = MEM.u32, cpg = MEM.codePages, msize = MEM.size, tlb = TLB;\n' +
    'const mpg = msize >>> 12, RE1 = (msize - 3) | 0;'
  );
}

/** Prologue line of the region function, after `mode` is known. */
export const WINDOW_LOCALS = 'let rLo = 0, rEnd = mode === 1 ? RE1 : 0, rD = 0, wLo = 0, wEnd = 0, wD = 0;';

/** After a handler call: both windows as at entry. */
export const WINDOWS_RESET = 'rLo = 0; rEnd = mode === 1 ? RE1 : 0; rD = 0; wEnd = 0;';

/** After an accessor call: under paging the read window may be stale. */
const READ_WINDOW_AFTER_SLOW = 'if (mode !== 1) rEnd = 0;';

const VIEW: Record<number, { view: string; shift: number; align: number }> = {
  8: { view: 'm8', shift: 0, align: 0 },
  16: { view: 'm16', shift: 1, align: 1 },
  32: { view: 'm32', shift: 2, align: 3 },
};

/**
 * The paging mode of the CPU when the region now generated was compiled (region.ts sets it):
 * its windows are refilled for that mode only (1: identity, 2: TLB), so the code is shorter
 * and, with paging off, the read window has no base nor delta. Entered in the other mode, the
 * region keeps its windows empty and every access takes the accessor: exact, only slower.
 */
let compiledMode = 1;

export function setCompiledMode(cpu: Cpu): void {
  compiledMode = (cpu.cr0 & CR0_PG) !== 0 ? 2 : 1;
}

/** Statements refilling window `w` for the access at int32 linear address `i`. */
function refill(w: 'r' | 'w', i: string, e: Emitter): string {
  const t = e.name('e');
  const set = (d: string) => `{ ${w}Lo = ${i} & -4096; ${w}End = 4093; ${w}D = ${d}; }`;
  if (compiledMode === 1)
    return w === 'r'
      ? 'if (mode === 1) rEnd = RE1;'
      : `if (mode === 1 && (${i} >>> 12) < mpg && cpg[${i} >>> 12] === 0) ${set('0')}`;
  const bit = w === 'r' ? 'RD' : 'WR';
  const code = w === 'r' ? '' : ` && cpg[${t} >>> 12] === 0`;
  return `if (mode === 2) { const ${t} = tlb[${i} >>> 12]; if ((${t} & ${bit}) !== 0 && (${t} >>> 12) < mpg${code}) ${set(`((${t} & -4096) - (${i} & -4096)) | 0`)} }`;
}

/** The window test of int32 offset `i` in window `w`. */
function inWindow(w: 'r' | 'w', i: string): string {
  // With paging off the read window is all of RAM from 0.
  if (compiledMode === 1 && w === 'r') return `(${i} >>> 0) < (rEnd >>> 0)`;
  return `((${i} - ${w}Lo) >>> 0) < (${w}End >>> 0)`;
}

/** The typed-array index of the access at `i` through window `w`. */
function index(w: 'r' | 'w', i: string, shift: number): string {
  if (compiledMode === 1) return `${i} >>> ${shift}`;
  return `(${i} + ${w}D) >>> ${shift}`;
}

/**
 * `if (hit) fast else { refill, then if (hit) fast else slow }`: the common path is one range
 * test and one alignment test with no boolean kept in a local (V8 then branches on the
 * comparison itself).
 */
function access(e: Emitter, w: 'r' | 'w', i: string, size: number, fast: string, slow: string): void {
  const align = VIEW[size].align;
  const hit = `${inWindow(w, i)}${align === 0 ? '' : ` && (${i} & ${align}) === 0`}`;
  e.line(`if (${hit}) ${fast} else { ${refill(w, i, e)} if (${hit}) ${fast} else { ${slow} } }`);
}

/**
 * Reads `size` bits at seg:o (`o` an unsigned offset expression, flat segments make it the
 * linear address) into a new local; returns its name.
 */
export function emitRead(e: Emitter, seg: number, o: string, size: number): string {
  const i = e.name('i');
  e.line(`const ${i} = ${o} | 0;`);
  const v = e.name('v');
  const { view, shift } = VIEW[size];
  const at = index('r', i, shift);
  e.line(`let ${v} = 0;`);
  access(
    e,
    'r',
    i,
    size,
    `${v} = ${view}[${at}]${size === 32 ? ' | 0' : ''};`,
    `${v} = S.read${size}(cpu, ${seg}, ${o}); if (cpu.pendingFault !== null) ${e.faultExit} sl = 1; ${READ_WINDOW_AFTER_SLOW}`,
  );
  e.touched = true;
  return v;
}

/** Writes `value` (an expression evaluated once) as `size` bits at seg:o. */
export function emitWrite(e: Emitter, seg: number, o: string, size: number, value: string): void {
  const w = e.name('w');
  e.line(`const ${w} = ${value};`);
  const i = e.name('i');
  e.line(`const ${i} = ${o} | 0;`);
  const { view, shift } = VIEW[size];
  const at = index('w', i, shift);
  access(
    e,
    'w',
    i,
    size,
    `${view}[${at}] = ${w};`,
    `S.write${size}(cpu, ${seg}, ${o}, ${w}); if (cpu.pendingFault !== null) ${e.faultExit} sl = 1; ${READ_WINDOW_AFTER_SLOW}`,
  );
  e.touched = true;
}
