// Whole-process timing for the bench suites that compare `i386-lab run PROGRAM` with the same
// program run natively and under qemu-i386 (startup, c): the three command lines, a check
// that they print the same and exit the same before anything is timed, and the wall time of
// each of several runs (min and median).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasProgram, median, runProcess, type ProcessResult } from './benchTiming';

export type Runner = 'emulator' | 'native' | 'qemu';
export const RUNNERS: readonly Runner[] = ['emulator', 'native', 'qemu'];

/** dist/cli.js of this package (the command a user runs), or undefined when it is not built. */
export function builtCli(benchDir: string): string | undefined {
  const cli = path.join(path.dirname(benchDir), 'dist', 'cli.js');
  return fs.existsSync(cli) ? cli : undefined;
}

/** The command line that runs `program` with `args` on `runner`. */
export function commandFor(cli: string, runner: Runner, program: string, args: string[]): [string, string[]] {
  // The long steady-state runs of the c suite pass run's default instruction limit.
  if (runner === 'emulator')
    return [
      process.execPath,
      [cli, 'run', '--max-instructions', '1e12', program, ...(args.length ? ['--', ...args] : [])],
    ];
  if (runner === 'qemu') return ['qemu-i386', [program, ...args]];
  return [program, args];
}

/** Why qemu-i386 cannot be a baseline here, or null. */
export function qemuMissing(): string | null {
  return hasProgram('qemu-i386') ? null : 'qemu-i386 not installed (Debian package qemu-user)';
}

/** One run; throws naming the runner when the program cannot run or fails. */
export function runOnce(cli: string, runner: Runner, program: string, args: string[]): ProcessResult {
  const [command, argv] = commandFor(cli, runner, program, args);
  const r = runProcess(command, argv);
  if (r.error) throw new Error(`${runner}: cannot run ${path.basename(program)}: ${r.error.message}`);
  return r;
}

/** What a run printed and how it ended, for comparing the runners. */
export function outcome(r: ProcessResult): string {
  return `status ${r.status}, stdout ${JSON.stringify(r.stdout)}`;
}

export interface WallTimes {
  /** Milliseconds of each timed run. */
  ms: number[];
  min: number;
  median: number;
}

/** Times `runs` runs of the command, each checked to end as `expected` (outcome()). */
export function timeProcess(
  cli: string,
  runner: Runner,
  program: string,
  args: string[],
  runs: number,
  expected: string,
): WallTimes {
  const [command, argv] = commandFor(cli, runner, program, args);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = runProcess(command, argv);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.error) throw new Error(`${runner}: ${path.basename(program)}: ${r.error.message}`);
    if (outcome(r) !== expected)
      throw new Error(
        `${runner}: ${path.basename(program)} ${args.join(' ')} ended with ${outcome(r)}, not ${expected}`,
      );
  }
  return { ms, min: Math.min(...ms), median: median(ms) };
}

export function describeWall(t: WallTimes): string {
  return `min ${t.min.toFixed(1)} ms, median ${t.median.toFixed(1)} ms of ${t.ms.length}`;
}
