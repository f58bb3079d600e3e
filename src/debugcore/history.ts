// Reverse execution by periodic snapshots and deterministic re-execution (DeZog-style CPU
// history, made cheap): a snapshot is the CPU's and the machine's plain state plus guest
// memory as 4 KiB pages, where a page unchanged since the previous snapshot is shared, not
// copied. Going back to instruction N restores the last snapshot at or before N and runs the
// machine forward to N again; the emulator is deterministic, so it lands on the same state.
//
// The machine has no snapshot API yet, so the state is taken over its public fields: every
// own number/boolean/string field and every typed array of the Cpu and of the Machine. Caches
// the interpreter derives from memory (decoded instructions) are invalidated through
// PhysicalMemory.load, which reports rewritten code pages to the CPU.

import type { PhysicalMemory } from '../emulator/memory';

const PAGE_BYTES = 4096;
const PAGE_WORDS = PAGE_BYTES / 4;

type FieldValue = number | boolean | string | undefined | ArrayBufferView;

/** The plain fields of an object (numbers, flags, strings, typed arrays), copied. */
export class FieldState {
  private constructor(private readonly values: Map<string, FieldValue>) {}

  static capture(target: object, skip: ReadonlySet<string>): FieldState {
    const values = new Map<string, FieldValue>();
    for (const [key, value] of Object.entries(target)) {
      if (skip.has(key)) continue;
      const t = typeof value;
      if (t === 'number' || t === 'boolean' || t === 'string' || value === undefined) values.set(key, value as FieldValue);
      else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) values.set(key, (value as unknown as { slice(): ArrayBufferView }).slice());
    }
    return new FieldState(values);
  }

  restore(target: object): void {
    const t = target as Record<string, unknown>;
    for (const [key, value] of this.values) {
      if (ArrayBuffer.isView(value)) (t[key] as { set(a: ArrayBufferView): void }).set(value);
      else t[key] = value;
    }
  }
}

/** Guest memory, page by page; pages equal to the previous snapshot's are shared. */
export class MemoryImage {
  private constructor(readonly pages: Uint32Array[]) {}

  static capture(memory: PhysicalMemory, previous?: MemoryImage): MemoryImage {
    const count = memory.size / PAGE_BYTES;
    const pages = new Array<Uint32Array>(count);
    const words = memory.u32;
    for (let p = 0; p < count; p++) {
      const base = p * PAGE_WORDS;
      const old = previous?.pages[p];
      if (old && samePage(old, words, base)) pages[p] = old;
      else pages[p] = words.slice(base, base + PAGE_WORDS);
    }
    return new MemoryImage(pages);
  }

  /** Writes back the pages that differ; returns how many were rewritten. */
  restore(memory: PhysicalMemory): number {
    const words = memory.u32;
    let rewritten = 0;
    for (let p = 0; p < this.pages.length; p++) {
      const page = this.pages[p];
      if (samePage(page, words, p * PAGE_WORDS)) continue;
      memory.load(new Uint8Array(page.buffer, page.byteOffset, PAGE_BYTES), p * PAGE_BYTES);
      rewritten++;
    }
    return rewritten;
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
  cpu: FieldState;
  machine: FieldState;
  memory: MemoryImage;
}

export interface SnapshotTarget {
  cpu: object;
  memory: PhysicalMemory;
  machine: object;
}

// Fields that are references to other parts, not state.
const CPU_SKIP = new Set(['model', 'memory', 'io']);
const MACHINE_SKIP = new Set(['cpu', 'memory', 'io', 'model']);

export interface HistoryOptions {
  /** How many past instructions can be reached backwards; 0 disables reverse execution. */
  budget: number;
  /** Instructions between snapshots at most (the worst-case re-execution of a step back). */
  interval: number;
}

export class History {
  private snapshots: Snapshot[] = [];
  /** Time spent taking snapshots, for the adaptive interval. */
  snapshotMs = 0;

  constructor(private readonly target: SnapshotTarget, readonly options: HistoryOptions) {}

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
    const last = this.snapshots[this.snapshots.length - 1];
    if (last && last.instruction >= instruction) this.dropAfter(instruction - 1);
    const previous = this.snapshots[this.snapshots.length - 1];
    this.snapshots.push({
      instruction,
      cpu: FieldState.capture(this.target.cpu, CPU_SKIP),
      machine: FieldState.capture(this.target.machine, MACHINE_SKIP),
      memory: MemoryImage.capture(this.target.memory, previous?.memory),
    });
    this.trim(instruction);
    this.snapshotMs += performance.now() - t0;
  }

  /** Called after each run slice: snapshots when the interval has passed. */
  maybeTake(instruction: number): void {
    if (!this.enabled) return;
    const last = this.snapshots[this.snapshots.length - 1];
    if (!last || instruction - last.instruction >= this.options.interval) this.take(instruction);
  }

  /** Drops snapshots taken after `instruction` (the past was rewritten, or we moved back). */
  dropAfter(instruction: number): void {
    while (this.snapshots.length > 0 && this.snapshots[this.snapshots.length - 1].instruction > instruction) this.snapshots.pop();
  }

  /** Keeps the newest snapshot at or before now-budget and everything after it. */
  private trim(now: number): void {
    const horizon = now - this.options.budget;
    let keepFrom = 0;
    for (let i = 0; i < this.snapshots.length; i++) if (this.snapshots[i].instruction <= horizon) keepFrom = i;
    if (keepFrom > 0) this.snapshots.splice(0, keepFrom);
  }

  /** The newest snapshot at or before `instruction`, restored into the machine. */
  restoreAtOrBefore(instruction: number): Snapshot | undefined {
    let found: Snapshot | undefined;
    for (const s of this.snapshots) if (s.instruction <= instruction) found = s;
    if (!found) return undefined;
    found.cpu.restore(this.target.cpu);
    found.machine.restore(this.target.machine);
    found.memory.restore(this.target.memory);
    return found;
  }

  /** Snapshot instruction counts, oldest first (reverse-continue walks them backwards). */
  instructions(): number[] {
    return this.snapshots.map((s) => s.instruction);
  }

  /** Bytes of memory pages the history holds (shared pages counted once). */
  memoryBytes(): number {
    let n = 0;
    for (let i = 0; i < this.snapshots.length; i++) n += this.snapshots[i].memory.bytesNotIn(this.snapshots[i - 1]?.memory);
    return n;
  }
}
