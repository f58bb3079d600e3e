// The region compiler: hot code of one linear page, several basic blocks (interpreter.ts
// Block) connected by their static jumps, compiled into one JavaScript function.
//
// Inside it the guest registers, EFLAGS with its lazy record, and the count of retired
// instructions are JavaScript locals; blocks are the cases of a `switch` in a loop, so a jump
// between them is an assignment and a `continue`; a jump, call, return or indirect jump whose
// target is another block of the region stays inside (RET and JMP r/m through a `switch` on
// the target, which is the region's jump cache). Everything else leaves the function, after
// writing the locals back (every exit through the one write-back after the dispatch loop), with
// EIP and the count of retired instructions exact:
// - a block is entered only when the instruction budget covers all of it (`max`), so a run
//   of N instructions stops after exactly N, as the interpreter would;
// - a fault caught by a slow path leaves with the locals as they were before
//   the faulting instruction (emitters change no local before their last memory access),
//   puts EIP on it, and leaves in cpu.regionRetired the instructions before it;
// - after an instruction that may have stored into decoded code (a store that took the slow
//   path), hit a watchpoint or stopped the CPU, `cpu.leaveBlock` sends it out after that
//   instruction, and a store that dropped one of the region's blocks invalidates the region
//   (interpreter.ts CodeCache.drop).
// A region is entered only when the code segment base and limit, the stack size and the
// linear page it was compiled for still hold (Region.enterable); the inline memory paths are
// used only when every segment the region touches is flat and no watchpoint is set, through
// the identity (paging off) or a TLB hit (paging on), and never for a page holding decoded
// code (memory.codePages), so those stores reach the code cache.

import type { Cpu } from '../cpu';
import { CR0_PG, CS } from '../constants';
import { TLB_SUP_READ, TLB_USER_READ, prefetchTranslation } from '../system/paging';
import type { Instr } from '../instr';
import type { Block } from '../interpreter';
import { Vector } from '../exceptions';
import { ARITH_FLAGS, PARITY } from '../flags';
import { execFacts } from '../dispatch';
import { effectsOf, type Effects } from '../effects';
import * as shift from '../exec/shift';
import * as RT from './runtime';
import { compileSource } from './codegen';
import { chooseHeader, components, isLoop, layoutLoop, structuredJump, type Level } from './structure';
import { emitFpuCall } from './emitFpu';
import {
  MEMORY_PARAMS,
  WINDOWS_RESET,
  beginWindows,
  finishWindows,
  WINDOW_LOCALS,
  memoryArgs,
  memoryConsts,
  setCompiledMode,
  stackWindowMode,
} from './emitMemory';
import { Emitter, SYNC_FLAGS_IN, SYNC_FLAGS_OUT, SYNC_REGS_OUT, emitInstruction, operand, syncRegsIn } from './emit';
import { emitMore } from './emitStack';

/** The stack window (runtime.ts computeStackWindow) for the current ESP, into sLo sEnd sD. */
const stackWindow = (): string =>
  `RT.computeStackWindow(cpu, ${stackWindowMode()}, r4); sLo = SW[0]; sEnd = SW[1]; sD = SW[2];`;
/** After a handler call: the data windows (emitMemory.ts) as at entry, the stack window again. */
const afterHandler = (): string => `${WINDOWS_RESET} ${stackWindow()}`;

/**
 * Where every exit of the dispatch loop `R` ends (`break R` with xe = EIP, xk = instructions
 * retired in the last block, xm = -1 for a fault): the locals written back, the count returned
 * (`~count` after a fault).
 */
const EXIT_TAIL = `${SYNC_REGS_OUT} ${SYNC_FLAGS_OUT} cpu.eip = xe; return (n + xk) ^ xm;`;

/** Instructions the first call of a new region may retire at most (Region.slice). */
const FIRST_SLICE = 512;

/** Linear pages one region's code may span at most (each checked at entry: Region.enterable). */
const MAX_REGION_PAGES = 4;

/**
 * Characters of a region function's source at most: V8 does not optimize a function whose
 * bytecode passes 60 KiB (its --max-optimized-bytecode-size), and a handler call alone takes
 * about 1,500 characters (the locals written back and read again).
 */
const MAX_REGION_SOURCE = 96_000;

/**
 * Entries a block other than the root needs to be taken into a region (a quarter of the compile
 * threshold, at most this): crc32, qsort and interp ran with 3-12% fewer host instructions
 * (cachegrind) at 4 than at 1.
 */
const MIN_HEAT = 4;

/** Blocks in one region at most. */
const MAX_REGION_BLOCKS = 48;
/** Instructions in one region at most (the size of the generated function). */
const MAX_REGION_INSTRUCTIONS = 400;

/**
 * A compiled region function. Each region's source is unique (emitMemory.ts memoryConsts): its
 * machine's memory arrays and TLB are constants of its factory, which V8 folds into the code
 * only while the function is the one closure of its source, so compiled code is not shared
 * between regions or machines.
 */
type RegionFunction = (cpu: Cpu, max: number, entry: number) => number;

export class Region {
  valid = true;
  /**
   * Instructions its next call may retire at most (interpreter.ts runBlocks doubles it per call
   * up to its REGION_SLICE): the first calls are short, so V8 sees the function's entry and exit
   * code run before it optimizes it (code it never saw run becomes a deoptimization point).
   */
  slice = FIRST_SLICE;

  constructor(
    /** The compiled code: call it through `run`. */
    readonly code: RegionFunction,
    /** The handlers and instructions the code calls (its factory's H and I). */
    readonly handlers: unknown[],
    readonly instrs: Instr[],
    readonly blocks: readonly Block[],
    readonly csBase: number,
    /**
     * The linear pages of its code and the physical page each was compiled from, in pairs
     * (linear page number, physical page address); the root's page first.
     */
    readonly pages: Int32Array,
    /** Highest EIP of a byte of its code: CS.limit must cover it. */
    readonly maxEnd: number,
    readonly stack32: boolean,
  ) {}

  /**
   * Runs it from block `entry` until at most `max` instructions have retired: returns how many
   * did, or ~(the count before it) after a fault (cpu.pendingFault).
   */
  run(cpu: Cpu, max: number, entry: number): number {
    return this.code(cpu, max, entry);
  }

  /**
   * Whether it may run now, entered at EIP `eip` (the CPU state it was compiled for holds). The
   * entry block came through the translation of its own page; every other page of its code must
   * still map to the physical page it was compiled from, readable at the current privilege, as
   * an instruction fetch there would find it (the TLB only changes through instructions that end
   * a region, so it holds for the whole call).
   */
  enterable(cpu: Cpu, eip: number): boolean {
    if (
      !this.valid ||
      cpu.segBase[CS] !== this.csBase ||
      cpu.segLimit[CS] < this.maxEnd ||
      cpu.stack32 !== this.stack32
    )
      return false;
    const pages = this.pages;
    const page = (this.csBase + eip) >>> 12;
    if (pages.length === 2) return page === pages[0];
    let found = false;
    for (let k = 0; k < pages.length; k += 2) {
      if (pages[k] === page) found = true;
      else if (codePage(cpu, pages[k]) !== pages[k + 1]) return false;
    }
    return found;
  }

  /** Drops it: its blocks run interpreted until they are hot again (`delay` more entries). */
  invalidate(delay: number): void {
    if (!this.valid) return;
    this.valid = false;
    for (const b of this.blocks) {
      if (b.region === this || (b.region === null && b.compileAt === Infinity)) {
        b.region = null;
        b.compileAt = b.heat + delay;
      }
    }
  }
}

/** What the region compiler needs of the code cache. */
export interface RegionSource {
  /** The block decoded at a physical address (current code size), or null. */
  regionBlockAt(phys: number): Block | null;
  /** Entries after which a block is compiled. */
  readonly compileThreshold: number;
}

/**
 * The physical address of linear page `page` for an instruction fetch now (a TLB entry readable
 * at the current privilege, one cached now when the walk has nothing to fault or write, or the
 * identity with paging off), or -1.
 */
function codePage(cpu: Cpu, page: number): number {
  if ((cpu.cr0 & CR0_PG) === 0) return page << 12;
  const e = cpu.tlb.entries[page];
  return (e & (cpu.cpl === 3 ? TLB_USER_READ : TLB_SUP_READ)) !== 0 ? e & -4096 : prefetchTranslation(cpu, page);
}

interface Node {
  eip: number;
  block: Block;
  /** Its linear page and the physical page address its code was found at. */
  page: number;
  phys: number;
}

/** Jcc, LOOP, JCXZ/JECXZ: a relative target taken or not. */
function isRelativeBranch(exec: string | undefined): boolean {
  return exec === 'jcc' || exec === 'loop' || exec === 'jcxz';
}

function isTerminal(ins: Instr): boolean {
  const exec = ins.form?.exec;
  return exec === 'jmp' || exec === 'ret' || exec === 'call';
}

/**
 * Targets of the static jumps of a block at `eip`, where it falls through to, and where its
 * indirect transfer has gone so far (Block.indirect).
 */
function successors(block: Block, eip: number, mask: number): number[] {
  const out: number[] = block.indirect !== null ? [...block.indirect] : [];
  let at = eip;
  for (const ins of block.instrs) {
    const exec = ins.form?.exec;
    const kind = ins.form?.operands[0];
    if (isRelativeBranch(exec) || ((exec === 'jmp' || exec === 'call') && kind !== 'Ev')) {
      out.push((at + ins.length + ins.imm) & mask);
    }
    if (exec === 'call') out.push((at + ins.length) & mask);
    at = (at + ins.length) & mask;
  }
  const last = block.instrs[block.instrs.length - 1];
  if (!isTerminal(last)) out.push(at);
  return out;
}

/** The blocks a block's own jumps and fall-through reach directly (not a call's return site). */
function jumpTargets(block: Block, eip: number, mask: number): number[] {
  const out: number[] = [];
  let at = eip;
  for (const ins of block.instrs) {
    const exec = ins.form?.exec;
    const kind = ins.form?.operands[0];
    const opmask = ins.opsize === 32 ? -1 : 0xffff;
    if (isRelativeBranch(exec) || ((exec === 'jmp' || exec === 'call') && kind !== 'Ev')) {
      out.push(((at + ins.length + ins.imm) & opmask) >>> 0);
    }
    at = (at + ins.length) & mask;
  }
  const last = block.instrs[block.instrs.length - 1];
  if (!isTerminal(last)) out.push(at >>> 0);
  return out;
}

/**
 * Compiles the region around `root`, the block at EIP `eip` (CPU in its current mode), or
 * returns null when code generation is unavailable. The blocks it covers get `region` set.
 */
export function compileRegion(cpu: Cpu, source: RegionSource, root: Block, eip: number): Region | null {
  const csBase = cpu.segBase[CS];
  // Linear page -> the physical page its blocks come from; the root's first.
  const pages = new Map<number, number>([[(csBase + eip) >>> 12, root.phys - ((csBase + eip) & 4095)]]);
  const mask = root.code32 ? -1 : 0xffff;
  const nodes: Node[] = [];
  const index = new Map<number, number>();
  const queue = [eip >>> 0];
  let instructions = 0;
  // Only code that has run, and more than a few times: code run once or twice (start-up, an
  // error path) would only make the function larger, slower to optimize, and a place where the
  // optimized code meets an operation it has no type feedback for and is thrown away.
  const minHeat = Math.max(1, Math.min(MIN_HEAT, source.compileThreshold >> 2));
  while (queue.length > 0 && nodes.length < MAX_REGION_BLOCKS) {
    const at = queue.shift()! >>> 0;
    if (index.has(at)) continue;
    const page = (csBase + at) >>> 12;
    const phys = pages.get(page) ?? (pages.size < MAX_REGION_PAGES ? codePage(cpu, page) : -1);
    if (phys < 0) continue;
    const block = nodes.length === 0 ? root : source.regionBlockAt(phys + ((csBase + at) & 4095));
    if (block === null || block.transient || !block.valid || block.code32 !== root.code32) continue;
    // A path never taken yet stays an exit (and is compiled when it gets hot), so a region
    // does not grow into data or dead code after its last jump.
    // (A block already compiled in a region runs there and gains no heat: it counts as hot.)
    if (block.heat < minHeat && nodes.length > 0 && !(block.inRegions?.some((r) => r.valid) ?? false)) continue;
    if (instructions + block.instrs.length > MAX_REGION_INSTRUCTIONS && nodes.length > 0) continue;
    instructions += block.instrs.length;
    pages.set(page, phys);
    index.set(at, nodes.length);
    nodes.push({ eip: at, block, page, phys });
    for (const t of successors(block, at, mask)) if (!index.has(t >>> 0)) queue.push(t >>> 0);
  }
  const stack32 = cpu.stack32;
  setCompiledMode(cpu);
  beginWindows();
  let g = generate(nodes, index, mask, stack32, cpu.model.undefinedFlags);
  // Too large a function is never optimized by V8 (its bytecode limit) and runs slower than the
  // block interpreter: the blocks found last are left out until it fits.
  while (g.source.length > MAX_REGION_SOURCE && nodes.length > 1) {
    nodes.length = nodes.length >> 1;
    index.clear();
    nodes.forEach((nd, i) => index.set(nd.eip, i));
    beginWindows();
    g = generate(nodes, index, mask, stack32, cpu.model.undefinedFlags);
  }
  pages.clear();
  for (const nd of nodes) pages.set(nd.page, nd.phys);
  const handlers = g.instrs.map((i) => i.handler);
  const factory = compileSource(['RT', 'S', 'shift', 'PARITY', 'H', 'I', ...MEMORY_PARAMS], g.source);
  if (factory === null) return null;
  const run = factory(RT, RT, shift, PARITY, handlers, g.instrs, ...memoryArgs(cpu)) as RegionFunction;
  let maxEnd = 0;
  for (const nd of nodes) maxEnd = Math.max(maxEnd, nd.eip + nd.block.byteLength - 1);
  const region = new Region(
    run,
    handlers,
    g.instrs,
    nodes.map((nd) => nd.block),
    csBase,
    Int32Array.from([...pages].flat()),
    maxEnd,
    stack32,
  );
  nodes.forEach((nd, i) => {
    if (g.entries[i]) {
      nd.block.region = region;
      nd.block.regionEntry = i;
    } else if (nd.block.region === null) {
      // Inside a loop: reached through the loop's header, not compiled on its own.
      nd.block.compileAt = Infinity;
    }
    (nd.block.inRegions ??= []).push(region);
  });
  return region;
}

/** The arithmetic flags an instruction's inline code writes whatever its operands. */
function flagsWrittenBy(ins: Instr, fx: Effects): number {
  const f = ins.form?.flags;
  if (f?.countDependent) {
    // A shift writes its flags only when the masked count is not 0 (exec/shift.ts).
    const k = ins.form!.operands[1];
    const count = k === 'ONE' ? 1 : k === 'Ib' ? ins.imm & 31 : 0;
    if (count === 0) return 0;
  }
  return fx.flagsWritten | fx.flagsUndefined;
}

/**
 * Per instruction of a block, the arithmetic flags that may be read after it before being
 * written again. Everything is live at the block's end, at a side exit, and around anything
 * that may fault or leave (an event handler would see EFLAGS), so only flags overwritten by
 * straight-line register code are dead.
 */
function flagLiveness(instrs: readonly Instr[]): number[] {
  const out = new Array<number>(instrs.length);
  let live = ARITH_FLAGS;
  for (let k = instrs.length - 1; k >= 0; k--) {
    const ins = instrs[k];
    const fx = effectsOf(ins, ins.form ? execFacts(ins.form.exec) : { branch: true, endsBlock: true });
    if (fx.mayFault || fx.memory !== 'none' || fx.otherFlags) live = ARITH_FLAGS;
    out[k] = live;
    live = (live & ~flagsWrittenBy(ins, fx)) | fx.flagsRead;
    if (fx.mayFault || fx.memory !== 'none' || fx.otherFlags || ins.form?.exec === 'jcc') live = ARITH_FLAGS;
  }
  return out;
}

/**
 * The region's source with every temporary of an instruction (Emitter.name: `_` + letters +
 * digits, declared with `const` or `let` in the instruction's block) made a local of the whole
 * function, declared once at its top. Temporaries are numbered from 0 in every instruction, so
 * the function has a few dozen of them instead of one per declaration: V8 gives every
 * block-scoped declaration a register of its own, and its interpreter and baseline code fill
 * all of them at every call, which made a call of a large region cost microseconds until
 * TurboFan compiled it (and kernel regions called often but briefly never got that far).
 */
function hoistTemporaries(source: string): string {
  const body = source.replace(/\b(?:const|let) (_[a-z]+\d+) =/g, '$1 =');
  const names = new Set(body.match(/\b_[a-z]+\d+\b/g));
  if (names.size === 0) return body;
  const decl = `let ${[...names].map((n) => `${n} = 0`).join(', ')};`;
  return body.replace('let n = 0, sl = 0,', `${decl}\nlet n = 0, sl = 0,`);
}

/**
 * Runs instruction `gi` of the region (at EIP `at`, index k in its block) through its handler:
 * the locals written back before, and what it declares it writes read again after. A fault in
 * the handler leaves the CPU as the handler left it (a REP string instruction keeps its
 * progress), EIP where the handler put it.
 */
function handlerCall(ins: Instr, fx: Effects, gi: number, at: number, k: number): string {
  const reload = syncRegsIn(fx.regsWritten);
  const flags = fx.flagsWritten !== 0 || fx.flagsUndefined !== 0 || fx.otherFlags;
  return [
    `${SYNC_REGS_OUT} ${SYNC_FLAGS_OUT} cpu.eip = ${at >>> 0}; cpu.instructionCount = ic0 + n;`,
    `const _ok0 = S.call(H[${gi}], cpu, I[${gi}]);`,
    `cpu.instructionCount = ic0; if (!_ok0) return ~(n + ${k});`,
    ins.advance !== 0 ? `cpu.eip = (cpu.eip + ${ins.length}) >>> 0;` : '',
    `${reload} ${flags ? SYNC_FLAGS_IN : ''} ${afterHandler()}`,
  ].join('\n');
}

/** Source of the region function plus its per-instruction tables (EIP, index in block). */
function generate(
  nodes: Node[],
  index: Map<number, number>,
  mask: number,
  stack32: boolean,
  undefinedFlags: string,
): { source: string; instrs: Instr[]; eips: number[]; idx: number[]; entries: boolean[] } {
  const instrs: Instr[] = [];
  const eips: number[] = [];
  const idx: number[] = [];
  const segments = new Set<number>([2]);
  // Every exit goes through the one write-back after the dispatch loop (EXIT_TAIL): an exit is
  // constants and a jump, nothing V8 needs type feedback for, so one first taken after V8
  // optimized the function does not throw that code away, and the function stays small.
  const exit = (eipExpr: string, add: string): string => `{ xe = ${eipExpr}; xk = ${add}; break R; }`;
  // Static jumps between the region's blocks (the targets `goto` below is asked for).
  const succ = nodes.map((nd) => jumpTargets(nd.block, nd.eip, mask).flatMap((t) => index.get(t >>> 0) ?? []));
  const succOf = (k: number) => succ[k];
  // Loops (structure.ts): the case of a loop's header runs the whole loop laid out as
  // JavaScript loops; its other blocks have no case of their own (the region is not entered
  // there, and a jump to one from elsewhere leaves the region). Blocks in no loop have a case
  // each, with its own budget check.
  const hasCase = nodes.map(() => true);
  const loops: { members: number[]; header: number }[] = [];
  for (const c of components(
    nodes.map((_, i) => i),
    succOf,
  )) {
    if (!isLoop(c, succOf)) continue;
    const header = chooseHeader(c, succOf);
    for (const m of c) hasCase[m] = m === header;
    loops.push({ members: c, header });
  }
  let levels: Level[] = [];
  let from = 0;
  // Jumps that stay inside a loop without passing a budget check (for the header's check).
  const forward: number[][] = nodes.map(() => []);
  const goto = (target: number): string => {
    const t = index.get(target >>> 0);
    if (t === undefined) return exit(String(target >>> 0), '0');
    const s = structuredJump(levels, t);
    if (s === null) return hasCase[t] ? `{ s = ${t}; continue R; }` : exit(String(target >>> 0), '0');
    if (s.forward) forward[from].push(t);
    return s.code;
  };
  const dispatch = (v: string): string => {
    const arms = nodes.flatMap((nd, i) => (hasCase[i] ? [`case ${nd.eip}: s = ${i}; continue R;`] : [])).join(' ');
    return `switch (${v}) { ${arms} } ${exit(v, '0')}`;
  };
  // A fault leaves with the locals as they were before the instruction, EIP on it, and the
  // count of instructions retired before it as ~result (interpreter.ts runBlocks).
  const faultExit = (eip: number, k: number): string => `{ xe = ${eip >>> 0}; xk = ${k}; xm = -1; break R; }`;
  let currentFault = '';
  const limitCheck = (target: string): string =>
    `if (${target} > csLimit) { S.raise(cpu, ${Vector.GP}, 0); ${currentFault} }`;
  /** The code of block j; `check`: it starts with its own budget check. */
  const blockCode = (j: number, check: boolean): string => {
    const nd = nodes[j];
    const block = nd.block;
    const e = new Emitter(stack32, undefinedFlags === 'i386', undefinedFlags === 'later');
    const len = block.instrs.length;
    from = j;
    if (check) e.line(`if (((n + ${len}) | 0) > max) ${exit(String(nd.eip), '0')}`);
    let at = nd.eip;
    let ended = false;
    const liveAfter = flagLiveness(block.instrs);
    block.instrs.forEach((ins, k) => {
      const gi = instrs.length;
      e.beginInstruction();
      instrs.push(ins);
      eips.push(at);
      idx.push(k);
      const next = (at + ins.length) & mask;
      const nextU = next >>> 0;
      const exec = ins.form?.exec;
      const kind0 = ins.form?.operands[0];
      const opmask = ins.opsize === 32 ? -1 : 0xffff;
      const fx: Effects = effectsOf(ins, ins.form ? execFacts(ins.form.exec) : { branch: true, endsBlock: true });
      if (ins.memory) segments.add(ins.seg);
      e.line(`{ // ${ins.form?.mnemonic ?? 'invalid'} @${at.toString(16)}`);
      currentFault = faultExit(at, k);
      e.faultExit = currentFault;
      // An inline form's slow path (emitStack.ts): the handler, then on as after any other call.
      e.handlerCall =
        fx.endsRegion || ins.advance === 0
          ? ''
          : `${handlerCall(ins, fx, gi, at, k)} if (cpu.leaveBlock) return n + ${k + 1};`;
      e.dead = (liveAfter[k] & flagsWrittenBy(ins, fx)) === 0 && flagsWrittenBy(ins, fx) !== 0;
      let handled = true;
      const targetOf = () => ((at + ins.length + ins.imm) & opmask) >>> 0;
      if (exec === 'jcc') {
        const t = targetOf();
        e.line(
          `if (${e.condition(ins.condition)}) { ${index.has(t) ? '' : limitCheck(String(t))} n = (n + ${k + 1}) | 0; ${goto(t)} }`,
        );
      } else if (exec === 'jmp' && kind0 !== 'Ev') {
        const t = targetOf();
        e.line(`${index.has(t) ? '' : limitCheck(String(t))} n = (n + ${k + 1}) | 0; ${goto(t)}`);
        ended = true;
      } else if (exec === 'jcxz') {
        // JCXZ/JECXZ (control.jcxz): taken when CX/ECX (address size) is 0; no flags.
        const t = targetOf();
        const count = ins.adsize === 32 ? 'r1' : '(r1 & 65535)';
        e.line(
          `if (${count} === 0) { ${index.has(t) ? '' : limitCheck(String(t))} n = (n + ${k + 1}) | 0; ${goto(t)} }`,
        );
      } else if (exec === 'loop') {
        const t = targetOf();
        const count = ins.adsize === 32 ? '(r1 - 1) | 0' : '(r1 - 1) & 65535';
        const cnt = e.name('c');
        const store = ins.adsize === 32 ? `r1 = ${cnt};` : `r1 = (r1 & -65536) | ${cnt};`;
        e.line(
          `const ${cnt} = ${count}; if (${cnt} !== 0) { ${index.has(t) ? '' : limitCheck(String(t))} ${store} n = (n + ${k + 1}) | 0; ${goto(t)} } ${store}`,
        );
      } else if ((exec === 'jmp' || exec === 'call') && stack32 && !ins.lock) {
        // JMP r/m, CALL rel, CALL r/m (control.jmp / control.call).
        let t: string;
        if (kind0 === 'Ev') {
          const src = operand('Ev', ins)!;
          t = e.name('t');
          e.line(`const ${t} = (${src.read(e)}) ${ins.opsize === 32 ? '>>> 0' : '& 65535'};`);
        } else {
          t = String(targetOf());
        }
        if (exec === 'call') {
          // A target in the region lies within the CS limit (Region.enterable checks maxEnd).
          if (kind0 === 'Ev' || !index.has(Number(t))) e.line(limitCheck(t));
          const bytes = ins.opsize >> 3;
          e.stackWrite(bytes, ins.opsize, String(((at + ins.length) & opmask) >>> 0));
          e.line(`r4 = (r4 - ${bytes}) | 0;`);
        } else if (kind0 === 'Ev' || !index.has(Number(t))) {
          e.line(limitCheck(t));
        }
        e.line(`n = (n + ${k + 1}) | 0;`);
        e.line(kind0 === 'Ev' ? dispatch(t) : goto(Number(t)));
        ended = true;
      } else if (exec === 'ret' && stack32) {
        const release = (ins.opsize >> 3) + (ins.form!.operands.length ? ins.imm : 0);
        const v = e.stackRead(ins.opsize);
        // A return address of the region is within the CS limit (Region.enterable checks
        // maxEnd): only a miss compares it with the limit. The switch is on the int32 value.
        const pre = `r4 = (r4 + ${release}) | 0; n = (n + ${k + 1}) | 0;`;
        const arms = nodes.flatMap((nd, i) => (hasCase[i] ? [`case ${nd.eip | 0}: ${pre} s = ${i}; continue R;`] : []));
        const t = e.name('t');
        e.line(`switch (${v} | 0) { ${arms.join(' ')} }`);
        e.line(`const ${t} = ${ins.opsize === 32 ? `${v} >>> 0` : v};`);
        e.line(limitCheck(t));
        e.line(`${pre} ${exit(t, '0')}`);
        ended = true;
      } else if (
        exec !== 'ret' &&
        exec !== 'call' &&
        exec !== 'jmp' &&
        !fx.endsRegion &&
        (emitInstruction(e, ins) || emitMore(e, ins))
      ) {
        // emitted inline
      } else {
        handled = false;
      }
      if (handled) {
        // Only a slow path (sl = 1) can have stored into code, hit a watchpoint or stopped.
        if (e.touched && !ended)
          e.line(`if (sl !== 0) { if (cpu.leaveBlock) ${exit(String(nextU), String(k + 1))} } sl = 0;`);
        e.touched = false;
      } else if (emitFpuCall(e, ins, fx, { gi, eip: at, next: nextU, k })) {
        // x87 / MMX: only the registers and flags it declares go through the CPU (emitFpu.ts).
      } else {
        // The handler, with the locals written back before and read again after.
        const flags = fx.flagsWritten !== 0 || fx.flagsUndefined !== 0 || fx.otherFlags;
        e.line(handlerCall(ins, fx, gi, at, k));
        if (flags) e.known = null;
        if (ins.advance === 0 || fx.endsRegion) {
          e.line(`return n + ${k + 1};`);
          ended = true;
        } else {
          e.line(`if (cpu.leaveBlock) return n + ${k + 1};`);
        }
      }
      e.line('}');
      at = next;
      if (ended && k !== len - 1) throw new Error('region compiler: a transfer must end its block');
    });
    if (!ended) e.line(`n = (n + ${len}) | 0; ${goto(at)}`);
    return e.out.join('\n');
  };
  const cases: string[] = [];
  nodes.forEach((_, j) => {
    if (hasCase[j] && !loops.some((lp) => lp.header === j)) cases.push(`case ${j}: {\n${blockCode(j, true)}\n}`);
  });
  const headers = new Set<number>();
  const labels = { next: 0 };
  for (const lp of loops) {
    levels = [];
    const text = layoutLoop(
      lp.members,
      lp.header,
      succOf,
      levels,
      (j, lv) => {
        levels = lv;
        return blockCode(j, false);
      },
      // Too little budget left for the longest iteration: leave before it (the interpreter
      // runs the block when that happens at the region's entry, runBlocks).
      (h) => `if (((n + @@L${h}@@) | 0) > max) ${exit(String(nodes[h].eip), '0')}`,
      headers,
      labels,
    );
    cases.push(`case ${lp.header}: {\n${text}\n}`);
  }
  levels = [];
  // A header's check covers the longest run of blocks until the next check: a jump back to a
  // header (its check) or through the switch (the case's check).
  const longest = new Map<number, number>();
  const reach = (j: number): number => {
    let v = longest.get(j);
    if (v !== undefined) return v;
    v = 0;
    for (const t of forward[j]) if (!headers.has(t)) v = Math.max(v, reach(t));
    v += nodes[j].block.instrs.length;
    longest.set(j, v);
    return v;
  };
  const flat = [...segments]
    .map(
      (s) =>
        `cpu.segBase[${s}] === 0 && cpu.readLow[${s}] === 0 && cpu.readHigh[${s}] === 4294967295 && cpu.writeLow[${s}] === 0 && cpu.writeHigh[${s}] === 4294967295`,
    )
    .join(' && ');
  const source = `"use strict"; ${memoryConsts()}
return function region(cpu, max0, s0) {
const max = max0 | 0;
let s = s0 | 0;
const regs = cpu.regs;
const csLimit = cpu.segLimit[1];
const user = cpu.cpl === 3, RD = user ? 4 : 1, WR = user ? 8 : 2;
const mode = (cpu.watching || !(${flat})) ? 0 : (cpu.cr0 & -2147483648) === 0 ? 1 : 2;
${WINDOW_LOCALS}
const ic0 = cpu.instructionCount;
let r0 = regs[0], r1 = regs[1], r2 = regs[2], r3 = regs[3], r4 = regs[4], r5 = regs[5], r6 = regs[6], r7 = regs[7];
let fl = cpu.flags | 0, lzOp = cpu.lazyOp | 0, lzA = cpu.lazyA | 0, lzB = cpu.lazyB | 0, lzRes = cpu.lazyResult | 0, lzSize = cpu.lazySize | 0, lzFlags = cpu.lazyFlags | 0;
const SW = RT.stackWindow;
let sLo = 0, sEnd = 0, sD = 0; ${stackWindow()}
let n = 0, sl = 0, xe = 0, xk = 0, xm = 0;
R: for (;;) {
switch (s) {
${cases.join('\n').replace(/@@L(\d+)@@/g, (_, h: string) => String(reach(Number(h))))}
default: throw new Error('region: no block ' + s);
}
}
${EXIT_TAIL}
};`;
  return { source: hoistTemporaries(finishWindows(source)), instrs, eips, idx, entries: hasCase };
}
