// Reverse execution by periodic snapshots and deterministic re-execution (DeZog-style CPU
// history, made cheap): a snapshot is the machine's state (Machine.snapshot(): the CPU, the
// PIC pair, the PIT and the time base, as plain data) plus guest memory as 4 KiB pages, where
// a page unchanged since the previous snapshot is shared, not copied. Going back to
// instruction N restores the last snapshot at or before N and runs the machine forward to N
// again; the emulator is deterministic, so it lands on the same state. Caches the interpreter
// derives from memory (decoded instructions) are invalidated through PhysicalMemory.load,
// which reports rewritten code pages to the CPU.

import type { MachineState } from '../emulator';
import type { PhysicalMemory } from '../emulator';

const PAGE_BYTES = 4096;
const PAGE_WORDS = PAGE_BYTES / 4;

/**
 * Which 4 KiB pages the guest (or the debugger) wrote since the last snapshot. PhysicalMemory
 * calls `onCodeWrite(page, addr)` after a write to any page marked in `codePages`, and the CPU's
 * handler clears the mark after dropping that page's decoded instructions. Marking every page
 * after each snapshot therefore reports the first write to each page, at the cost of one
 * callback per written page per snapshot interval (pages that keep decoded code keep their
 * mark and report every write; only the first is recorded).
 */
export class DirtyPages {
  readonly pages: Uint8Array;
  private list: number[] = [];

  constructor(private readonly memory: PhysicalMemory) {
    this.pages = new Uint8Array(memory.codePages.length);
    const cpuHandler = memory.onCodeWrite;
    memory.onCodeWrite = (page: number, addr: number): void => {
      if (this.pages[page] === 0) {
        this.pages[page] = 1;
        this.list.push(page);
      }
      cpuHandler(page, addr);
    };
    this.rearm();
  }

  /** Pages written since the last rearm. */
  written(): readonly number[] {
    return this.list;
  }

  /** Records a page as written without waiting for the guest to write it. */
  mark(page: number): void {
    if (this.pages[page] === 0) {
      this.pages[page] = 1;
      this.list.push(page);
    }
  }

  rearm(): void {
    this.pages.fill(0);
    this.list = [];
    this.memory.codePages.fill(1);
  }
}

const ZERO_PAGE = new Uint32Array(PAGE_WORDS);

/** Guest memory, page by page; pages equal to the previous snapshot's are shared. */
export class MemoryImage {
  private constructor(
    readonly pages: Uint32Array[],
    /** Pages that differ from the previous snapshot's image (all, for the first). */
    readonly changed: readonly number[],
  ) {}

  /** A full copy (the first snapshot); all-zero pages, most of RAM at launch, share one buffer. */
  static capture(memory: PhysicalMemory): MemoryImage {
    const count = memory.size / PAGE_BYTES;
    const pages = new Array<Uint32Array>(count);
    const words = memory.u32;
    for (let p = 0; p < count; p++) {
      const base = p * PAGE_WORDS;
      pages[p] = samePage(ZERO_PAGE, words, base) ? ZERO_PAGE : words.slice(base, base + PAGE_WORDS);
    }
    return new MemoryImage(
      pages,
      pages.map((_, i) => i),
    );
  }

  /** The previous image with the written pages copied again; the rest is shared. */
  static update(memory: PhysicalMemory, previous: MemoryImage, written: readonly number[]): MemoryImage {
    const pages = previous.pages.slice();
    const changed: number[] = [];
    for (const p of written) {
      const base = p * PAGE_WORDS;
      if (samePage(previous.pages[p], memory.u32, base)) continue;
      pages[p] = memory.u32.slice(base, base + PAGE_WORDS);
      changed.push(p);
    }
    return new MemoryImage(pages, changed);
  }

  /** Writes back the listed pages (through load(), so decoded code there is dropped). */
  restorePages(memory: PhysicalMemory, pages: Iterable<number>): number {
    let rewritten = 0;
    for (const p of pages) {
      const page = this.pages[p];
      if (samePage(page, memory.u32, p * PAGE_WORDS)) continue;
      memory.load(new Uint8Array(page.buffer, page.byteOffset, PAGE_BYTES), p * PAGE_BYTES);
      rewritten++;
    }
    return rewritten;
  }

  /** Writes back every page that differs (slow path, no dirty information). */
  restore(memory: PhysicalMemory): number {
    return this.restorePages(memory, this.pages.keys());
  }

  /** Distinct page buffers held only by this image compared with `other` (for the budget). */
  bytesNotIn(other: MemoryImage | undefined): number {
    let n = 0;
    for (let p = 0; p < this.pages.length; p++) if (!other || other.pages[p] !== this.pages[p]) n++;
    return n * PAGE_BYTES;
  }
}

function samePage(page: Uint32Array, words: Uint32Array, base: number): boolean {
  for (let i = 0; i < PAGE_WORDS; i++) if (page[i] !== words[base + i]) return false;
  return true;
}

export interface Snapshot {
  /** Guest instructions retired when the snapshot was taken. */
  instruction: number;
  machine: MachineState;
  memory: MemoryImage;
}

export interface SnapshotTarget {
  memory: PhysicalMemory;
  machine: { snapshot(): MachineState; restore(state: MachineState): void };
}

export interface HistoryOptions {
  /** How many past instructions can be reached backwards; 0 disables reverse execution. */
  budget: number;
  /** Instructions between snapshots at most (the worst-case re-execution of a step back). */
  interval: number;
  /**
   * Bytes of copied pages the history may hold (a guest that rewrites all of RAM in every
   * interval would otherwise keep a full copy per snapshot); the oldest snapshots go first.
   */
  maxBytes?: number;
}

export const DEFAULT_HISTORY_BYTES = 256 * 1024 * 1024;

export class History {
  private snapshots: Snapshot[] = [];
  private readonly dirty: DirtyPages;
  /** Time spent taking snapshots. */
  snapshotMs = 0;

  // Invariant: guest memory equals the newest snapshot's image except for the pages `dirty`
  // lists. Restoring snapshot k therefore rewrites only the pages written since then, and
  // drops the snapshots after k (the same future is recreated by running forward again).
  constructor(
    private readonly target: SnapshotTarget,
    readonly options: HistoryOptions,
  ) {
    this.dirty = new DirtyPages(target.memory);
  }

  get enabled(): boolean {
    return this.options.budget > 0;
  }

  get oldest(): number | undefined {
    return this.snapshots[0]?.instruction;
  }

  get count(): number {
    return this.snapshots.length;
  }

  /** Takes a snapshot now (at launch, after an edit) regardless of the interval. */
  take(instruction: number): void {
    if (!this.enabled) return;
    const t0 = performance.now();
    // Same moment again (after an edit): the new state replaces the snapshots from then on.
    this.dropAfter(instruction - 1);
    const previous = this.snapshots[this.snapshots.length - 1];
    const memory = previous
      ? MemoryImage.update(this.target.memory, previous.memory, this.dirty.written())
      : MemoryImage.capture(this.target.memory);
    this.dirty.rearm();
    this.snapshots.push({ instruction, machine: this.target.machine.snapshot(), memory });
    this.trim(instruction);
    this.snapshotMs += performance.now() - t0;
  }

  /** The interval since the last snapshot has passed. */
  due(instruction: number): boolean {
    if (!this.enabled) return false;
    const last = this.snapshots[this.snapshots.length - 1];
    return !last || instruction - last.instruction >= this.options.interval;
  }

  /** Called after each run slice: snapshots when the interval has passed. */
  maybeTake(instruction: number): void {
    if (!this.enabled) return;
    const last = this.snapshots[this.snapshots.length - 1];
    if (!last || instruction - last.instruction >= this.options.interval) this.take(instruction);
  }

  /** Drops snapshots taken after `instruction` (we moved back; the future will be re-run). */
  dropAfter(instruction: number): void {
    let k = this.snapshots.length - 1;
    while (k >= 0 && this.snapshots[k].instruction > instruction) k--;
    if (k === this.snapshots.length - 1) return;
    if (k < 0) {
      this.snapshots = [];
      this.dirty.rearm();
      return;
    }
    // Memory is "newest snapshot + dirty pages"; re-base the dirty set on snapshot k.
    const pages = this.pagesSince(k);
    this.snapshots.length = k + 1;
    this.dirty.rearm();
    for (const p of pages) this.dirty.mark(p);
  }

  /** Pages that may differ between snapshot k and the current memory. */
  private pagesSince(k: number): Set<number> {
    const pages = new Set<number>(this.dirty.written());
    for (let i = k + 1; i < this.snapshots.length; i++) for (const p of this.snapshots[i].memory.changed) pages.add(p);
    return pages;
  }

  /** Puts snapshot k's state back into the machine and makes it the newest snapshot. */
  private restoreIndex(k: number): Snapshot {
    const s = this.snapshots[k];
    this.target.machine.restore(s.machine);
    s.memory.restorePages(this.target.memory, this.pagesSince(k));
    this.snapshots.length = k + 1;
    this.dirty.rearm();
    return s;
  }

  /**
   * Keeps the newest snapshot at or before now-budget and everything after it, then drops the
   * oldest while the copied pages exceed maxBytes. Dropping the oldest snapshot frees the old
   * versions of the pages the next one changed.
   */
  private trim(now: number): void {
    const horizon = now - this.options.budget;
    let keepFrom = 0;
    for (let i = 0; i < this.snapshots.length; i++) if (this.snapshots[i].instruction <= horizon) keepFrom = i;
    if (keepFrom > 0) this.snapshots.splice(0, keepFrom);
    const maxBytes = this.options.maxBytes ?? DEFAULT_HISTORY_BYTES;
    let held = 0;
    for (let i = 1; i < this.snapshots.length; i++) held += this.snapshots[i].memory.changed.length * PAGE_BYTES;
    while (held > maxBytes && this.snapshots.length > 2) {
      held -= this.snapshots[1].memory.changed.length * PAGE_BYTES;
      this.snapshots.shift();
    }
  }

  /**
   * The newest snapshot at or before `instruction`, restored into the machine; later
   * snapshots are dropped (running forward recreates them).
   */
  restoreAtOrBefore(instruction: number): Snapshot | undefined {
    let k = -1;
    for (let i = 0; i < this.snapshots.length; i++) if (this.snapshots[i].instruction <= instruction) k = i;
    if (k < 0) return undefined;
    return this.restoreIndex(k);
  }

  /** Snapshot instruction counts, oldest first (reverse-continue walks them backwards). */
  instructions(): number[] {
    return this.snapshots.map((s) => s.instruction);
  }

  /** Bytes of memory pages the history holds (shared pages counted once). */
  memoryBytes(): number {
    let n = 0;
    for (let i = 0; i < this.snapshots.length; i++)
      n += this.snapshots[i].memory.bytesNotIn(this.snapshots[i - 1]?.memory);
    return n;
  }
}
