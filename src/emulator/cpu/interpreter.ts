// Fetch, decode and execute, by basic block. Decoded instructions are cached per physical
// address and code size, in basic blocks that end at a control transfer, a mode-changing
// instruction, a page boundary or 64 instructions. A write that changes bytes of a decoded
// block drops that block (self-modifying code; SDM Vol.3 8.1.3: the store is seen by the
// instructions that follow it) and the block being executed stops after the writing
// instruction. Each page keeps, per 64-byte line, the blocks with bytes in it, so a store
// costs a look at the few blocks of its line, and a store beside code (a variable in the same
// line) drops nothing. A block that keeps being dropped is compiled later and later (its
// entry count before compiling doubles with each drop at its address), so code patched in a
// loop is interpreted instead of compiled again and again.
//
// No cached block holds bytes of two pages. An instruction that crosses into the next linear
// page ends the block before it and is decoded on its own each time it runs, its bytes in the
// second page fetched through the translation of that linear page (SDM Vol.3 4.3: U/S checked
// at CPL 3; not present -> #PF with CR2 = the first byte in the second page, nothing retired),
// so a remapping of that page or a store into it is always seen.
//
// Hot blocks are compiled, with the blocks their static jumps reach in the same page, into a
// region (jit/region.ts): one JavaScript function the loop below calls instead of walking
// `block.instrs`. The cache is bounded: past MAX_DECODED_INSTRUCTIONS decoded instructions or
// MAX_CODE_PAGES pages holding code, the pages decoded longest ago are forgotten (decoded
// again if they run again), so memory does not grow with every address ever executed.

import type { Cpu } from './cpu';
import { CS, StopReason, UNIMPLEMENTED_VECTOR } from './constants';
import { CPU_FAULT, Vector } from './exceptions';
import { RF, TF } from './flags';
import { codeBreakpointHits, setDr6 } from './debug';
import { decodeInstruction, MAX_INSTRUCTION_LENGTH, type DecodeError } from '../../isa/decoder';
import { Instr, type Handler } from './instr';
import { handlerFor } from './dispatch';
import { compileRegion, type Region } from './jit/region';
import { PAGE_SIZE } from '../memory';

const MAX_BLOCK_INSTRUCTIONS = 64;
/** Instructions one call of a region function may retire at most (interpreter.ts runBlocks). */
const REGION_SLICE = 65536;
/**
 * The block a region call leaves to gets one more entry of heat per 2^EXIT_HEAT_SHIFT
 * instructions the call retired (at most half the compile threshold, so code run once after a
 * long loop is not compiled): it is where hot code goes on, typically the rest of a loop around
 * the region that runs too seldom to get hot by entries alone (a sort's outer pass, entered once
 * per 300,000 instructions), and the region compiled there then holds the whole loop nest.
 */
const EXIT_HEAT_SHIFT = 8;
/** A block is compiled (into a region) once it has been entered this many times. */
const COMPILE_THRESHOLD = 16;
/** Decoded instructions kept at most; older pages are forgotten past it. */
const MAX_DECODED_INSTRUCTIONS = 200_000;
/** Pages with decoded code kept at most (each costs a per-offset table). */
const MAX_CODE_PAGES = 1024;
/** Targets of an indirect transfer remembered per block (Block.indirect). */
const MAX_INDIRECT_TARGETS = 8;

export class Block {
  /** Times entered through the interpreter loop. */
  heat = 0;
  /** The entry count at which it is compiled (CodeCache.compileThreshold, later after drops). */
  compileAt = COMPILE_THRESHOLD;
  /** Physical address of its first byte (-1 for a transient block). */
  phys = -1;
  /**
   * Its bytes as decoded, kept for blocks at an address where a block was dropped before: when
   * this one is dropped too, its instructions whose bytes did not change are reused.
   */
  bytes: Uint8Array | null = null;
  /** Its last instruction ends a block by itself (a jump, a mode change), not the page or count. */
  lastEnds = false;
  /** The compiled region it can be entered through, and its entry number there. */
  region: Region | null = null;
  regionEntry = 0;
  /** Every region compiled with this block in it (dropped with it). */
  inRegions: Region[] | null = null;
  /** False once a write to its page dropped it (self-modifying code). */
  valid = true;
  // Two remembered successors (taken / fall-through), by the physical address they start at,
  // so the loop can go from block to block without the code cache's page lookup. Keyed by
  // physical rather than linear address so that the links stay right with paging on: the
  // translation (a TLB hit) is still done and checked for every block, only the cache lookup
  // is skipped, and a block at a given physical address and code size is unique.
  successorPhys0 = -1;
  successor0: Block | null = null;
  successorPhys1 = -1;
  successor1: Block | null = null;
  /**
   * For a block ending in RET, JMP r/m or CALL r/m: the EIPs it has gone on to (at most
   * MAX_INDIRECT_TARGETS), so a region compiled over it takes those blocks in too (jit/region.ts).
   */
  indirect: number[] | null = null;
  /**
   * A page-crossing instruction decoded for one execution: never cached, never linked, so
   * its second page is translated and read again next time.
   */
  transient = false;

  constructor(
    readonly instrs: Instr[],
    /** Bytes from the first instruction's start to the last one's end. */
    readonly byteLength: number,
    /** Decoded as 32-bit code (CS.D). */
    readonly code32: boolean,
  ) {}

  /** Index of the instruction starting `offset` bytes into the block. */
  indexAtOffset(offset: number): number {
    for (let k = 0; k < this.instrs.length; k++) if (this.instrs[k].offsetInBlock === offset) return k;
    return 0;
  }
}

function faultingHandler(error: DecodeError): Handler {
  // SDM Vol.3 6.15: #UD for undefined opcodes and illegal LOCK; #GP(0) past 15 bytes.
  const vector = error === 'too-long' || error === 'truncated' ? Vector.GP : Vector.UD;
  const errorCode = vector === Vector.GP ? 0 : undefined;
  return (cpu) => cpu.raiseException(vector, errorCode);
}

/** Lines of 64 bytes in a page. */
const LINE_SHIFT = 6;
const LINES_PER_PAGE = PAGE_SIZE >>> LINE_SHIFT;
/** Drops at one address after which its entry count before compiling stops doubling. */
const MAX_DROP_SHIFT = 16;

/** The decoded blocks of one physical page. */
class CodePage {
  /** Blocks by (offset in page << 1 | code32). */
  readonly starts: (Block | undefined)[] = new Array(PAGE_SIZE * 2);
  /** Per 64-byte line, the live blocks with bytes in it. */
  readonly lines: (Block[] | undefined)[] = new Array(LINES_PER_PAGE);
  /** Live blocks in the page. */
  live = 0;
  /** Per (offset << 1 | code32), how many times a block starting there was dropped (saturating). */
  drops: Uint8Array | null = null;
  /** The last dropped block at a key, when it kept its bytes: its unchanged instructions are reused. */
  stale: Map<number, Block> | null = null;
  /** Instructions of its live blocks. */
  decoded = 0;
}

export class CodeCache {
  /** By physical page number; a page's entry stays once created (its drop counts live on). */
  private pages: (CodePage | undefined)[] = [];
  private readonly fetchBuffer = new Uint8Array(MAX_INSTRUCTION_LENGTH);
  /** Entries after which a block is compiled (Infinity: interpret only, for comparisons). */
  compileThreshold = COMPILE_THRESHOLD;
  /** Instructions of all live blocks. */
  private decoded = 0;
  /** Instructions retired inside compiled regions, and faults raised there (tests prove code ran compiled). */
  compiledRetired = 0;
  compiledFaults = 0;
  /** Page numbers with a CodePage, oldest first (for eviction). */
  private pageOrder: number[] = [];

  constructor(private readonly cpu: Cpu) {
    const memory = cpu.memory;
    memory.onCodeWrite = (page, addr) => this.codeWritten(page, addr);
  }

  /**
   * A write changed the byte at `addr` of a page marked in memory.codePages (`addr` -1: any
   * byte of the page may have changed): drops the blocks holding it. A page without decoded
   * code loses its mark, so later writes to it take the memory's fast path.
   */
  private codeWritten(page: number, addr: number): void {
    const cp = this.pages[page];
    if (cp === undefined || cp.live === 0) {
      this.cpu.memory.codePages[page] = 0;
      return;
    }
    const base = page * PAGE_SIZE;
    const lo = addr < 0 ? base : addr;
    const hi = addr < 0 ? base + PAGE_SIZE : addr + 1;
    for (let line = (lo - base) >>> LINE_SHIFT; line <= (hi - 1 - base) >>> LINE_SHIFT; line++) {
      const list = cp.lines[line];
      if (list === undefined) continue;
      for (let k = list.length - 1; k >= 0; k--) {
        const b = list[k];
        if (b.phys < hi && b.phys + b.byteLength > lo) this.drop(cp, page, b);
      }
    }
  }

  /** Removes a live block from its page; the block running now (if it is this one) stops. */
  private drop(cp: CodePage, page: number, b: Block): void {
    b.valid = false;
    const key = ((b.phys & (PAGE_SIZE - 1)) << 1) | (b.code32 ? 1 : 0);
    if (cp.starts[key] === b) cp.starts[key] = undefined;
    const offset = b.phys & (PAGE_SIZE - 1);
    for (let line = offset >>> LINE_SHIFT; line <= (offset + b.byteLength - 1) >>> LINE_SHIFT; line++) {
      const list = cp.lines[line];
      if (list === undefined) continue;
      const at = list.indexOf(b);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) cp.lines[line] = undefined;
    }
    const drops = cp.drops ?? (cp.drops = new Uint8Array(PAGE_SIZE * 2));
    if (drops[key] < 255) drops[key]++;
    if (b.bytes !== null) (cp.stale ?? (cp.stale = new Map())).set(key, b);
    cp.decoded -= b.instrs.length;
    this.decoded -= b.instrs.length;
    if (b.inRegions !== null) {
      // Code patched again and again is compiled later and later (as a dropped block is).
      const delay = this.compileThreshold * 2 ** Math.min(drops[key], MAX_DROP_SHIFT);
      for (const r of b.inRegions) r.invalidate(delay);
      b.inRegions = null;
    }
    b.region = null;
    if (--cp.live === 0) this.cpu.memory.codePages[page] = 0;
    this.cpu.leaveBlock = true;
  }

  /** Forgets every block of a page (cache eviction: no drop is counted, nothing is kept). */
  private evict(page: number): void {
    const cp = this.pages[page];
    if (cp === undefined) return;
    for (const b of cp.starts) {
      if (b === undefined) continue;
      b.valid = false;
      if (b.inRegions !== null) for (const r of b.inRegions) r.invalidate(this.compileThreshold);
      b.inRegions = null;
      b.region = null;
    }
    this.decoded -= cp.decoded;
    this.pages[page] = undefined;
    this.cpu.memory.codePages[page] = 0;
  }

  /** Keeps the cache within its bounds, forgetting the pages decoded longest ago. */
  private bound(keep: number): void {
    while (
      (this.decoded > MAX_DECODED_INSTRUCTIONS || this.pageOrder.length > MAX_CODE_PAGES) &&
      this.pageOrder.length > 1
    ) {
      const page = this.pageOrder.shift()!;
      if (page === keep) {
        this.pageOrder.push(page);
        continue;
      }
      this.evict(page);
    }
  }

  private add(phys: number, block: Block): void {
    const page = phys >>> 12;
    let cp = this.pages[page];
    if (cp === undefined) {
      cp = this.pages[page] = new CodePage();
      this.pageOrder.push(page);
    }
    const offset = phys & (PAGE_SIZE - 1);
    const key = (offset << 1) | (block.code32 ? 1 : 0);
    block.phys = phys;
    const drops = cp.drops !== null ? cp.drops[key] : 0;
    if (cp.stale !== null) cp.stale.delete(key);
    block.compileAt = this.compileThreshold * 2 ** Math.min(drops, MAX_DROP_SHIFT);
    cp.starts[key] = block;
    for (let line = offset >>> LINE_SHIFT; line <= (offset + block.byteLength - 1) >>> LINE_SHIFT; line++) {
      const list = cp.lines[line];
      if (list === undefined) cp.lines[line] = [block];
      else list.push(block);
    }
    cp.live++;
    cp.decoded += block.instrs.length;
    this.decoded += block.instrs.length;
    this.cpu.memory.codePages[page] = 1;
    if (this.decoded > MAX_DECODED_INSTRUCTIONS || this.pageOrder.length > MAX_CODE_PAGES) this.bound(page);
  }

  /** Drops every decoded block of a physical page. */
  invalidatePage(page: number): void {
    this.codeWritten(page, -1);
  }

  invalidateAll(): void {
    for (const cp of this.pages) {
      if (cp === undefined) continue;
      for (const b of cp.starts) {
        if (b === undefined) continue;
        b.valid = false;
        if (b.inRegions !== null) for (const r of b.inRegions) r.invalidate(this.compileThreshold);
        b.inRegions = null;
        b.region = null;
      }
    }
    this.pages = [];
    this.pageOrder = [];
    this.decoded = 0;
    this.cpu.memory.codePages.fill(0);
  }

  /**
   * The block starting at physical address `phys`, fetched at linear address `linear`
   * (decoding it on first use). A first instruction that crosses into the next page comes
   * back as a transient one-instruction block (see the file comment).
   */
  blockAt(phys: number, linear: number): Block {
    const inRam = phys < this.cpu.memory.size;
    let stale: Block | null = null;
    let keepBytes = false;
    if (inRam) {
      const cp = this.pages[phys >>> 12];
      if (cp !== undefined) {
        const key = ((phys & (PAGE_SIZE - 1)) << 1) | (this.cpu.code32 ? 1 : 0);
        const b = cp.starts[key];
        if (b !== undefined) return b;
        // Code that was changed here before is likely to change again: keep its bytes.
        keepBytes = cp.drops !== null && cp.drops[key] !== 0;
        if (cp.stale !== null) stale = cp.stale.get(key) ?? null;
      }
    }
    const block = this.decodeBlock(phys, stale, keepBytes);
    if (block === null) return this.decodeCrossing(phys, linear);
    if (inRam) this.add(phys, block);
    else block.compileAt = this.compileThreshold;
    return block;
  }

  /** The decoded block at physical `phys` (current code size), or null (none decoded there). */
  regionBlockAt(phys: number): Block | null {
    if (phys >= this.cpu.memory.size) return null;
    const cp = this.pages[phys >>> 12];
    return cp !== undefined ? (cp.starts[((phys & (PAGE_SIZE - 1)) << 1) | (this.cpu.code32 ? 1 : 0)] ?? null) : null;
  }

  /** Compiles the region around `block`, entered at EIP `eip`; later entries otherwise. */
  compile(block: Block, eip: number): void {
    const region = compileRegion(this.cpu, this, block, eip);
    if (region === null) block.compileAt = Infinity;
    else if (!region.enterable(this.cpu, eip)) block.compileAt = block.heat * 2;
  }

  /**
   * Decodes from `start` up to the end of its page; null when the very first instruction
   * does not fit in the page (it needs the next page's translation).
   */
  private decodeBlock(start: number, stale: Block | null, keepBytes: boolean): Block | null {
    const cpu = this.cpu;
    const memory = cpu.memory;
    const pageEnd = ((start >>> 12) + 1) * PAGE_SIZE;
    const instrs: Instr[] = [];
    // The decoder sees the page's bytes only: an instruction running past them is 'truncated'.
    const ram = pageEnd <= memory.size ? memory.u8.subarray(0, pageEnd) : null;
    const finish = (byteLength: number, lastEnds: boolean): Block => {
      const block = new Block(instrs, byteLength, cpu.code32);
      block.lastEnds = lastEnds;
      const form = instrs[instrs.length - 1].form;
      if (
        form !== null &&
        (form.exec === 'ret' || ((form.exec === 'jmp' || form.exec === 'call') && form.operands[0] === 'Ev'))
      )
        block.indirect = [];
      if (keepBytes && ram !== null) block.bytes = ram.slice(start, start + byteLength);
      return block;
    };
    let phys = start;
    for (;;) {
      // An instruction of the block dropped here before, at the same place with the same
      // bytes, decodes the same (same code size, same model): it is reused as it is.
      const k = instrs.length;
      if (stale !== null && ram !== null && k < stale.instrs.length) {
        const old = stale.instrs[k];
        if (old.offsetInBlock === phys - start && sameBytes(ram, phys, stale.bytes!, old.offsetInBlock, old.length)) {
          instrs.push(old);
          const next = phys + old.length;
          const ends = k === stale.instrs.length - 1 && stale.lastEnds;
          if (ends || instrs.length >= MAX_BLOCK_INSTRUCTIONS || next >= pageEnd) return finish(next - start, ends);
          phys = next;
          continue;
        }
      }
      let bytes: Uint8Array, offset: number;
      if (ram !== null) {
        bytes = ram;
        offset = phys;
      } else {
        const n = Math.min(MAX_INSTRUCTION_LENGTH, pageEnd - phys);
        for (let i = 0; i < n; i++) this.fetchBuffer[i] = memory.read8(phys + i);
        bytes = this.fetchBuffer.subarray(0, n);
        offset = 0;
      }
      const d = decodeInstruction(bytes, offset, cpu.code32, cpu.model);
      if (!d.ok && d.error === 'truncated') {
        if (instrs.length === 0) return null;
        return finish(phys - start, false);
      }
      const { ins, ends } = makeInstr(d);
      ins.indexInBlock = instrs.length;
      ins.offsetInBlock = phys - start;
      instrs.push(ins);
      const next = phys + ins.length;
      if (ends || instrs.length >= MAX_BLOCK_INSTRUCTIONS || next >= pageEnd) return finish(next - start, ends);
      phys = next;
    }
  }

  /**
   * The instruction at `phys` (linear `linear`) whose bytes continue in the next linear page:
   * those bytes come through that page's translation, which may #PF.
   */
  private decodeCrossing(phys: number, linear: number): Block {
    const cpu = this.cpu;
    const memory = cpu.memory;
    const inFirst = PAGE_SIZE - (phys & (PAGE_SIZE - 1));
    const buffer = this.fetchBuffer;
    for (let i = 0; i < inFirst; i++) buffer[i] = memory.read8(phys + i);
    const second = cpu.translate((linear + inFirst) | 0);
    for (let i = inFirst; i < MAX_INSTRUCTION_LENGTH; i++) buffer[i] = memory.read8(second + i - inFirst);
    const { ins } = makeInstr(decodeInstruction(buffer, 0, cpu.code32, cpu.model));
    ins.indexInBlock = 0;
    ins.offsetInBlock = 0;
    const block = new Block([ins], ins.length, cpu.code32);
    block.transient = true;
    block.valid = false;
    return block;
  }
}

function sameBytes(ram: Uint8Array, at: number, old: Uint8Array, from: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (ram[at + i] !== old[from + i]) return false;
  return true;
}

/** An Instr for a decode result; `ends`: no instruction may follow it in its block. */
function makeInstr(d: ReturnType<typeof decodeInstruction>): { ins: Instr; ends: boolean } {
  if (!d.ok) {
    const ins = new Instr(faultingHandler(d.error));
    ins.length = d.length;
    return { ins, ends: true };
  }
  const ins = Instr.fromDecoded(d, faultingHandler('invalid'));
  const h = handlerFor(ins);
  ins.handler = h.handler;
  ins.advance = h.branch ? 0 : ins.length;
  return { ins, ends: h.endsBlock };
}

/**
 * Runs up to `max` instructions. Returns the number retired; the reason for stopping early
 * is in cpu.stopReason.
 */
export function execute(cpu: Cpu, cache: CodeCache, max: number): number {
  cpu.stopReason = StopReason.None;
  cpu.exceptionIntercepted = false;
  cpu.watchHit = undefined;
  if (cpu.halted) {
    cpu.stopReason = StopReason.Halt;
    return 0;
  }
  if (cpu.interruptShadow || cpu.debugShadow) return executeShadowed(cpu, cache);
  if (cpu.codeBreakpoints !== 0 || (cpu.flags & RF) !== 0) return executeChecked(cpu, cache);
  let executed = 0;
  while (executed < max && cpu.stopReason === StopReason.None) executed = runBlocks(cpu, cache, executed, max);
  return executed;
}

/**
 * The instruction after STI (from IF = 0), MOV SS or POP SS runs alone (cpu.ts, interrupt
 * shadows): the machine did not look for interrupts before it, and must right after it.
 */
function executeShadowed(cpu: Cpu, cache: CodeCache): number {
  cpu.interruptShadow = false;
  cpu.debugShadow = false;
  const deferred = cpu.deferredWatchHit;
  cpu.deferredWatchHit = undefined;
  const deferredHits = cpu.dbDeferred;
  cpu.dbDeferred = 0;
  const executed = runBlocks(cpu, cache, 0, 1);
  // SDM Vol.3 6.8.3: MOV SS / POP SS's data breakpoints are reported after this instruction,
  // even when it raised an event: the #DB then comes before the handler's first instruction.
  cpu.dbHits |= deferredHits;
  const reason = cpu.stopReason;
  if (
    deferred !== undefined &&
    executed === 1 &&
    (reason === StopReason.None ||
      reason === StopReason.Event ||
      reason === StopReason.Watchpoint ||
      reason === StopReason.Halt)
  ) {
    // SDM Vol.3 6.8.3: MOV SS / POP SS's data breakpoint is reported after this instruction
    // (a HLT here stays halted: cpu.halted is still set when the run resumes).
    cpu.watchHit = deferred;
    cpu.stopReason = StopReason.Watchpoint;
  } else if (reason === StopReason.None) {
    cpu.stopReason = StopReason.Event;
  }
  return executed;
}

/**
 * One instruction with an instruction breakpoint enabled or EFLAGS.RF set (SDM Vol.3
 * 17.3.1.1): a breakpoint at CS.base + EIP raises the #DB fault before the instruction unless
 * RF is set; RF is cleared as the instruction starts (after that check), so an IRET that sets
 * it suppresses the breakpoint of exactly the instruction it returns to.
 */
function executeChecked(cpu: Cpu, cache: CodeCache): number {
  if ((cpu.flags & RF) === 0) {
    const hits = codeBreakpointHits(cpu);
    if (hits !== 0) {
      setDr6(cpu, hits);
      cpu.deliverException(Vector.DB, undefined, 'fault', true);
      if (cpu.stopReason === StopReason.None) cpu.stopReason = StopReason.Event;
      return 0;
    }
  }
  cpu.flags &= ~RF;
  const executed = runBlocks(cpu, cache, 0, 1);
  if (cpu.stopReason === StopReason.None) cpu.stopReason = StopReason.Event;
  return executed;
}

/** The block at CS:EIP, through the previous block's successor links when they match. */
function nextBlock(cpu: Cpu, cache: CodeCache, previous: Block | null): Block {
  // SDM Vol.3 4.3: the fetch goes through paging (and may #PF) whether or not a link hits.
  const linear = (cpu.segBase[CS] + cpu.eip) | 0;
  const phys = cpu.translate(linear) | 0;
  if (previous !== null) {
    const b0 = previous.successor0;
    if (b0 !== null && previous.successorPhys0 === phys) {
      if (b0.valid && b0.code32 === cpu.code32) return b0;
    } else {
      const b1 = previous.successor1;
      if (b1 !== null && previous.successorPhys1 === phys && b1.valid && b1.code32 === cpu.code32) return b1;
    }
  }
  const block = cache.blockAt(phys >>> 0, linear);
  if (previous !== null && !block.transient) {
    const seen = previous.indirect;
    if (seen !== null && seen.length < MAX_INDIRECT_TARGETS && !seen.includes(cpu.eip)) seen.push(cpu.eip);
    // A link to a dropped block is replaced first (it can never be followed again).
    if (previous.successor0 === null || !previous.successor0.valid) {
      previous.successorPhys0 = phys;
      previous.successor0 = block;
    } else {
      previous.successorPhys1 = phys;
      previous.successor1 = block;
    }
  }
  return block;
}

/**
 * The block loop: from `executed` retired instructions up to `max`, until something stops
 * the CPU or a fault unwinds (handled here: the faulting instruction does not retire).
 * Returns the new retired count.
 */
function runBlocks(cpu: Cpu, cache: CodeCache, executed: number, max: number): number {
  let previous: Block | null = null;
  let block: Block | null = null;
  let start = 0;
  let inRegion = false;
  // Extra heat for the block entered right after a region call left (EXIT_HEAT_SHIFT).
  let boost = 0;
  try {
    while (executed < max) {
      // A fault in the fetch (a #PF on either page) retires nothing of a block.
      block = null;
      block = nextBlock(cpu, cache, previous);
      start = cpu.eip;
      const list = block.instrs;
      let n = list.length;
      if (n > max - executed) n = max - executed;
      // SDM Vol.3 6.15 #GP: an instruction reaching past the CS limit faults before executing.
      if (start + block.byteLength - 1 > cpu.segLimit[CS]) n = withinCodeLimit(cpu, list, n);
      cpu.leaveBlock = false;
      let i = 0;
      let region = block.region;
      if (cpu.returnedFromEvent) {
        // Right after an IRET: an interrupt returns to any instruction of a loop (the timer's
        // comes at an exact instruction count), and a block starting there is not where the loop
        // runs; compiled as a region of its own, each such entry would warm up in V8 on its own.
        cpu.returnedFromEvent = false;
      } else if (region === null && (block.heat += 1 + boost) >= block.compileAt && !block.transient) {
        cache.compile(block, start);
        region = block.region;
      }
      boost = 0;
      if (region !== null && n === list.length && region.enterable(cpu, start)) {
        inRegion = true;
        // At most REGION_SLICE per call: a region whose compiled code was dropped (V8 meeting
        // a path it had never run) gets back to optimized code at the next call. A new region's
        // first calls are shorter (Region.slice): V8 then sees its exit and entry code run
        // before it optimizes the function in the middle of a long first call.
        const slice = region.slice;
        if (slice < REGION_SLICE) region.slice = slice * 2;
        i = region.run(cpu, max - executed < slice ? max - executed : slice, block.regionEntry);
        if (i < 0) {
          // A fault inside: ~i instructions retired before it (jit/region.ts).
          cpu.regionRetired = ~i;
          cache.compiledRetired += ~i;
          cache.compiledFaults++;
          const fault = cpu.pendingFault;
          cpu.pendingFault = null;
          throw fault;
        }
        inRegion = false;
        // 0: the budget does not cover a loop's longest iteration; the block runs here instead.
        if (i !== 0) {
          cache.compiledRetired += i;
          executed += i;
          cpu.instructionCount += i;
          if (cpu.stopReason !== StopReason.None) return executed;
          if ((cpu.flags & TF) !== 0) {
            cpu.stopReason = StopReason.Event;
            return executed;
          }
          // The region left at some block of its own: no successor link from this one.
          previous = null;
          boost = i >>> EXIT_HEAT_SHIFT;
          if (boost > cache.compileThreshold >>> 1) boost = cache.compileThreshold >>> 1;
          continue;
        }
      }
      while (i < n) {
        const ins = list[i++];
        ins.handler(cpu, ins);
        cpu.eip = (cpu.eip + ins.advance) >>> 0;
        if (cpu.leaveBlock) break;
      }
      executed += i;
      cpu.instructionCount += i;
      if (cpu.stopReason !== StopReason.None) return executed;
      // TF set (POPF, IRET, a task switch): the machine single-steps from here (SDM Vol.3 17.3.1.4).
      if ((cpu.flags & TF) !== 0) {
        cpu.stopReason = StopReason.Event;
        return executed;
      }
      previous = block.valid ? block : null;
    }
  } catch (e) {
    if (e !== CPU_FAULT) {
      // Safety net: a defect in the emulator, not a guest event. Reported loudly as such.
      cpu.unimplementedWhat = `internal error at EIP ${cpu.eip.toString(16)}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      cpu.stopReason = StopReason.InternalError;
      return executed;
    }
    // EIP is at the faulting instruction's first byte; the ones before it retired.
    const retired = inRegion ? cpu.regionRetired : block !== null ? block.indexAtOffset((cpu.eip - start) >>> 0) : 0;
    executed += retired;
    cpu.instructionCount += retired;
    // The faulting instruction did not complete: a watchpoint it hit on the way does not
    // trap (SDM Vol.3 17.3.1.2: data breakpoints are reported after the instruction).
    if (cpu.stopReason === StopReason.Watchpoint) {
      cpu.stopReason = StopReason.None;
      cpu.watchHit = undefined;
    }
    cpu.dbHits = 0;
    if (cpu.exceptionVector === UNIMPLEMENTED_VECTOR) cpu.stopReason = StopReason.Unimplemented;
    // A software interrupt claimed by cpu.interceptEvent unwinds like a fault; nothing to deliver.
    else if (cpu.stopReason === StopReason.Exception && cpu.exceptionIntercepted) return executed;
    else cpu.deliverException(cpu.exceptionVector, cpu.exceptionErrorCode);
  }
  return executed;
}

/**
 * How many of the block's first `n` instructions end within the CS limit; when one does not,
 * arranges for it to raise #GP(0) by running up to it and then faulting.
 */
function withinCodeLimit(cpu: Cpu, list: Instr[], n: number): number {
  let eip = cpu.eip;
  for (let k = 0; k < n; k++) {
    if (eip + list[k].length - 1 > cpu.segLimit[CS]) {
      if (k === 0) cpu.raiseException(Vector.GP, 0);
      return k;
    }
    eip += list[k].advance;
    if (list[k].advance === 0) return k + 1;
  }
  return n;
}
