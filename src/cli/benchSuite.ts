// The bench's shared vocabulary: results in the docs/ARCHITECTURE.md JSON shape ("Contracts"), and the
// suites that produce them. A suite is a list of named measurements; later parts (kernel,
// dap) add a suite by adding a BenchSuite to the registry in bench.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type SuiteId = 'cpu' | 'c' | 'startup' | 'asm' | 'kernel' | 'dap' | 'soak';
export const SUITE_IDS: readonly SuiteId[] = ['cpu', 'c', 'startup', 'asm', 'kernel', 'dap', 'soak'];
/** Suites that take minutes: run only when named with --suite. */
export const LONG_SUITE_IDS: readonly SuiteId[] = ['soak'];

export interface Baseline {
  native?: number;
  qemu?: number;
  nasm?: number;
}

export interface BenchResult {
  suite: SuiteId;
  name: string;
  value: number;
  unit: string;
  baseline: Baseline;
}

export interface BenchContext {
  /** Folder of the workload sources (bench/ at the package root). */
  benchDir: string;
  /** Scratch folder for built binaries, removed after the run. */
  workDir: string;
  /** Fewer passes and a single timed run: for tests, figures are not comparable. */
  quick: boolean;
  /** Progress and notes, for a human watching (stderr). */
  log(line: string): void;
}

export interface Figure {
  value: number;
  baseline: Baseline;
}

export interface Measurement {
  name: string;
  unit: string;
  /** Why this measurement cannot run on this machine (its row is then omitted), or null. */
  unavailable(ctx: BenchContext): string | null;
  /** The figure and its baselines; throws when a result is wrong, so a bad figure is never printed. */
  measure(ctx: BenchContext): Figure | Promise<Figure>;
}

/** A suite measured one figure at a time. */
export interface MeasuredSuite {
  id: SuiteId;
  measurements: Measurement[];
}

/** A suite whose figures come from one shared session (e.g. one debug adapter run). */
export interface BatchSuite {
  id: SuiteId;
  measureAll(ctx: BenchContext): Promise<(Figure & { name: string; unit: string })[]>;
}

export type BenchSuite = MeasuredSuite | BatchSuite;

/** bench/ next to the package root, found upward from this file (out/src/cli or dist/). */
export function findBenchDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'bench');
    if (fs.existsSync(path.join(candidate, 'bare.asm'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`bench sources (bench/bare.asm) not found above ${from}`);
  }
}
