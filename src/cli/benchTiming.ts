// Timing for `i386-lab bench`: every figure is the best (shortest) of a few timed runs after
// one untimed warm-up run, measured on the wall clock with process.hrtime.bigint. The best
// run is the one least disturbed by other processes on the machine; the median is logged too.
import { spawnSync } from 'node:child_process';
import { noteChildInterrupted } from './interrupt';

/** Timed runs per figure (after the warm-up). */
export const TIMED_RUNS = 3;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds taken by `work`, wall clock. */
export function timeSeconds(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export interface Timing {
  /** Shortest timed run, in seconds: the figure. */
  best: number;
  median: number;
}

/** Runs `work` once untimed, then `runs` times timed. */
export function timeRuns(work: () => void, runs = TIMED_RUNS): Timing {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timeSeconds(work));
  return { best: Math.min(...times), median: median(times) };
}

export function describeTiming(t: Timing): string {
  return `best ${t.best.toFixed(3)} s, median ${t.median.toFixed(3)} s`;
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  status: number | null;
  error?: Error;
}

/** Runs a program to completion; never throws for a failing or missing program. */
export function runProcess(program: string, args: string[], cwd?: string): ProcessResult {
  const r = spawnSync(program, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.signal === 'SIGINT') noteChildInterrupted();
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status, error: r.error };
}

/** Runs a program and returns its stdout, or throws an error naming the program and its stderr. */
export function runChecked(program: string, args: string[], cwd?: string): string {
  const r = runProcess(program, args, cwd);
  if (r.error) throw new Error(`${program}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} exited with ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** True when `program --version` runs. */
export function hasProgram(program: string): boolean {
  const r = spawnSync(program, ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}
