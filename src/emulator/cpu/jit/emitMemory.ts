// Loads and stores of a compiled region (region.ts, emit.ts) through data windows held in
// locals: with paging on, each of the first SITE_WINDOWS instructions of a region that read
// memory has a read window of its own (rLo1 rEnd1 rD1 ...) and the others share one (rLo rEnd
// rD), so a loop reading two pages in turn (a byte of data, then a table entry) does not refill
// one window at every access; every store goes through one write window (wLo wEnd wD). (Write
// windows of their own made the cpu suite's sort 11% slower: more locals live in its loop.) A
// window is a range
// of end bytes from linear address lo (end 0: empty), in RAM at physical address a + d. An
// access inside its window, naturally aligned, is one unsigned comparison (the offset from lo
// rotated right by log2 of the size: a misaligned offset gets a high bit) and one typed-array
// access, up to the window's last byte; anything else refills
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
    'const mpg = msize >>> 12, RE1 = msize | 0;'
  );
}

/** Memory instructions of a region with read (write) windows of their own; the rest share one. */
const SITE_WINDOWS = 4;

/** Read windows given to instructions of the region being generated so far. */
let readSites = 0;

/** Placeholders in the region's source for code that depends on how many windows it has. */
export const WINDOW_LOCALS = '/*@windows*/';
/** After a handler call: every window as at entry. */
export const WINDOWS_RESET = '/*@reset*/';
/** After an accessor call: under paging the read windows may be stale. */
const READ_WINDOW_AFTER_SLOW = '/*@rstale*/';

/** Starts a region: no instruction has a window yet. */
export function beginWindows(): void {
  readSites = 0;
}

/** The region's source with the window placeholders filled in for the windows it uses. */
export function finishWindows(source: string): string {
  const reads = ['', ...Array.from({ length: readSites }, (_, k) => String(k + 1))];
  // The shared read window is all of RAM with paging off; an instruction's own read windows
  // exist only in regions compiled with paging on, refilled only while it is on: empty is enough.
  const rInit = (k: string) => (k === '' ? 'mode === 1 ? RE1 : 0' : '0');
  const locals =
    'let ' +
    [...reads.map((k) => `rLo${k} = 0, rEnd${k} = ${rInit(k)}, rD${k} = 0`), 'wLo = 0, wEnd = 0, wD = 0'].join(', ') +
    ';';
  const reset = [
    'rLo = 0; rEnd = mode === 1 ? RE1 : 0; rD = 0;',
    ...reads.slice(1).map((k) => `rEnd${k} = 0;`),
    'wEnd = 0;',
  ].join(' ');
  const stale = `if (mode !== 1) { ${reads.map((k) => `rEnd${k} = 0;`).join(' ')} }`;
  return source
    .split(WINDOW_LOCALS)
    .join(locals)
    .split(WINDOWS_RESET)
    .join(reset)
    .split(READ_WINDOW_AFTER_SLOW)
    .join(stale);
}

/**
 * The window of the next instruction that reads (w = 'r') or writes: a name suffix. With paging
 * off every read uses the one window that covers all of RAM; every store uses the write window.
 */
function siteWindow(w: 'r' | 'w'): string {
  if (w === 'w' || compiledMode === 1 || readSites >= SITE_WINDOWS) return '';
  return String(++readSites);
}

const VIEW: Record<number, { view: string; shift: number }> = {
  8: { view: 'm8', shift: 0 },
  16: { view: 'm16', shift: 1 },
  32: { view: 'm32', shift: 2 },
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

/**
 * The stack window test (runtime.ts computeStackWindow: sLo, sEnd dwords, sD) of the int32
 * linear address `a` of a dword: its offset rotated right by 2 is below the dword count only
 * when it is in the window and aligned (a misaligned offset gets a high bit, one below sLo
 * wraps around), so V8 compiles it to a subtraction, a rotation and one unsigned comparison.
 */
export function stackHit(a: string): string {
  return `((((${a} - sLo) >>> 2) | ((${a} - sLo) << 30)) >>> 0) < (sEnd >>> 0)`;
}

/** The m32 index of the dword at int32 linear address `a` in the stack window. */
export function stackIndex(a: string): string {
  return compiledMode === 1 ? `${a} >>> 2` : `(${a} + sD) >>> 2`;
}

/** The mode the stack window is computed for: the compiled one only (else no window). */
export function stackWindowMode(): string {
  return `mode === ${compiledMode} ? mode : 0`;
}

/** Statements refilling window `w` for the access at int32 linear address `i`. */
function refill(w: 'r' | 'w', k: string, i: string, e: Emitter): string {
  const t = e.name('e');
  const set = (d: string) => `{ ${w}Lo${k} = ${i} & -4096; ${w}End${k} = 4096; ${w}D${k} = ${d}; }`;
  if (compiledMode === 1)
    return w === 'r'
      ? `if (mode === 1) rEnd${k} = RE1;`
      : `if (mode === 1 && (${i} >>> 12) < mpg && cpg[${i} >>> 12] === 0) ${set('0')}`;
  const bit = w === 'r' ? 'RD' : 'WR';
  const code = w === 'r' ? '' : ` && cpg[${t} >>> 12] === 0`;
  return `if (mode === 2) { const ${t} = tlb[${i} >>> 12]; if ((${t} & ${bit}) !== 0 && (${t} >>> 12) < mpg${code}) ${set(`((${t} & -4096) - (${i} & -4096)) | 0`)} }`;
}

/**
 * The window test of the naturally aligned access of `size` bits at int32 linear address `i`
 * in window `w`: the offset rotated right by 0, 1 or 2 bits (V8 makes a `ror` of it) is below
 * the window's size in units of the access only when it is aligned and wholly inside.
 */
function inWindow(w: 'r' | 'w', site: string, i: string, size: number): string {
  // With paging off the read window is all of RAM from 0.
  const d = compiledMode === 1 && w === 'r' ? i : `(${i} - ${w}Lo${site})`;
  const k = VIEW[size].shift;
  const rotated = k === 0 ? d : `((${d} >>> ${k}) | (${d} << ${32 - k}))`;
  return `(${rotated} >>> 0) < (${w}End${site} >>> ${k})`;
}

/** The typed-array index of the access at `i` through window `w`. */
function index(w: 'r' | 'w', site: string, i: string, shift: number): string {
  if (compiledMode === 1) return `${i} >>> ${shift}`;
  return `(${i} + ${w}D${site}) >>> ${shift}`;
}

/**
 * `if (hit) fast else { refill, then if (hit) fast else slow }`: the common path is one
 * comparison with no boolean kept in a local (V8 then branches on the comparison itself).
 */
function access(e: Emitter, w: 'r' | 'w', site: string, i: string, size: number, fast: string, slow: string): void {
  const hit = inWindow(w, site, i, size);
  e.line(`if (${hit}) ${fast} else { ${refill(w, site, i, e)} if (${hit}) ${fast} else { ${slow} } }`);
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
  const site = siteWindow('r');
  const at = index('r', site, i, shift);
  e.line(`let ${v} = 0;`);
  access(
    e,
    'r',
    site,
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
  const site = siteWindow('w');
  const at = index('w', site, i, shift);
  access(
    e,
    'w',
    site,
    i,
    size,
    `${view}[${at}] = ${w};`,
    `S.write${size}(cpu, ${seg}, ${o}, ${w}); if (cpu.pendingFault !== null) ${e.faultExit} sl = 1; ${READ_WINDOW_AFTER_SLOW}`,
  );
  e.touched = true;
}
