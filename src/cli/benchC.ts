// The c suite: real gcc-built C programs (bench/c/: CRC-32, a sieve, the C library's qsort
// with a comparator, a matrix multiply, a switch-based bytecode interpreter, an -O0
// stack-heavy build, and fork of a process with a 64 MiB heap), compiled with
// `gcc -m32 -static` at bench time into .bench-cache/c/ (keyed by the sources, the flags and
// the compiler), each run as a whole process under
// `i386-lab run`, natively and under qemu-i386. Every program takes its pass count as argv[1]
// and prints a checksum; the three runs of each pass count must print the same and exit the
// same (checked before anything is timed, except the emulator's long run: as it is timed).
//
// Rows: `c-NAME`, milliseconds of the whole process at one pass (start-up included, as a
// user sees it), and `c-NAME-steady`, milliseconds per pass with start-up subtracted: the
// difference between a run of many passes and a run of one, divided by the extra passes.
// Every runner runs the same extra passes (enough for native's difference to stand well above
// the timer's noise), so each steady figure pays its own JIT's warm-up over the same work, as
// qemu-i386's does; the emulator's long run is timed once (seconds, not milliseconds). Rows
// are left out, with the reason, when gcc cannot build 32-bit static programs (Debian
// gcc-multilib); a missing qemu-i386 leaves its column n/a.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext, BenchSuite, Figure, Measurement } from './benchSuite';
import { TIMED_RUNS, runProcess } from './benchTiming';
import {
  builtCli,
  describeWall,
  outcome,
  qemuMissing,
  runOnce,
  timeProcess,
  type Runner,
  type WallTimes,
} from './benchProcess';

interface CProgram {
  name: string;
  source: string;
  optimize: '-O2' | '-O0';
  /** Extra passes of the steady-state run, divided by PASS_SCALE. */
  passes: number;
}

export const C_PROGRAMS: readonly CProgram[] = [
  { name: 'crc32', source: 'crc32.c', optimize: '-O2', passes: 20 },
  { name: 'sieve', source: 'sieve.c', optimize: '-O2', passes: 10 },
  { name: 'qsort', source: 'qsort.c', optimize: '-O2', passes: 3 },
  { name: 'matmul', source: 'matmul.c', optimize: '-O2', passes: 10 },
  { name: 'interp', source: 'interp.c', optimize: '-O2', passes: 20 },
  { name: 'stack-o0', source: 'stack-o0.c', optimize: '-O0', passes: 5 },
  { name: 'fork64', source: 'fork64.c', optimize: '-O2', passes: 10 },
];

/** Every runner's steady-state run has this many times a program's `passes` extra passes. */
const PASS_SCALE = 20;
/** The header every program includes. */
const COMMON = 'common.h';

let gccProblem: string | null | undefined;

/** Why gcc cannot build a static 32-bit program here, or null (tried once per process). */
export function gccMissing(workDir: string): string | null {
  if (gccProblem !== undefined) return gccProblem;
  const source = path.join(workDir, 'gcc-probe.c');
  fs.writeFileSync(source, 'int main(void) { return 0; }\n');
  const r = runProcess('gcc', ['-m32', '-static', '-O2', source, '-o', path.join(workDir, 'gcc-probe')]);
  gccProblem =
    r.error || r.status !== 0
      ? `gcc -m32 -static does not work (Debian packages gcc and gcc-multilib): ${
          r.error ? r.error.message : r.stderr.trim().split('\n')[0]
        }`
      : null;
  return gccProblem;
}

/** .bench-cache/c/ at the package root, or the scratch folder when that cannot be written. */
function cacheDir(ctx: BenchContext): string {
  const dir = path.join(path.dirname(ctx.benchDir), '.bench-cache', 'c');
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return dir;
  } catch {
    return ctx.workDir;
  }
}

/** The program built (or found built from the same sources, flags and compiler). */
export function buildCProgram(ctx: BenchContext, program: CProgram): string {
  const dir = path.join(ctx.benchDir, 'c');
  const flags = ['-m32', '-static', program.optimize, '-fno-pie', '-no-pie'];
  const compiler = runProcess('gcc', ['--version']).stdout.split('\n')[0];
  const hash = createHash('sha256');
  for (const part of [compiler, flags.join(' '), program.source]) hash.update(part + '\n');
  for (const file of [program.source, COMMON]) hash.update(fs.readFileSync(path.join(dir, file)));
  const binary = path.join(cacheDir(ctx), `${program.name}-${hash.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(binary)) return binary;
  const temp = `${binary}.${process.pid}.tmp`;
  const r = runProcess('gcc', [...flags, '-I', dir, path.join(dir, program.source), '-o', temp]);
  if (r.error || r.status !== 0)
    throw new Error(`c-${program.name}: gcc failed: ${r.error?.message ?? r.stderr.trim().split('\n')[0]}`);
  fs.renameSync(temp, binary);
  return binary;
}

interface CFigures {
  whole: Figure;
  steady: Figure;
}

/** Pass counts: one, and one plus the extra passes. */
function passCounts(program: CProgram, quick: boolean): [number, number] {
  return [1, 1 + (quick ? 1 : program.passes * PASS_SCALE)];
}

/** Measures one program on the three runners: whole process at one pass, and per pass. */
export function measureCProgram(ctx: BenchContext, program: CProgram, cli: string): CFigures {
  const binary = buildCProgram(ctx, program);
  const runs = ctx.quick ? 1 : TIMED_RUNS;
  const qemu = qemuMissing();
  if (qemu) ctx.log(`c-${program.name}: qemu n/a (${qemu})`);
  const runners: Runner[] = qemu ? ['emulator', 'native'] : ['emulator', 'native', 'qemu'];
  // The native run of every pass count any runner uses is the reference output.
  const expected = new Map<number, string>();
  const reference = (passes: number): string => {
    if (!expected.has(passes)) {
      const r = runOnce(cli, 'native', binary, [String(passes)]);
      if (r.status !== 0) throw new Error(`native: ${program.name} ${passes} exited with ${r.status}: ${r.stderr}`);
      expected.set(passes, outcome(r));
    }
    return expected.get(passes)!;
  };
  const whole: Figure = { value: 0, baseline: {} };
  const steady: Figure = { value: 0, baseline: {} };
  // Every runner's output is checked at both pass counts before any of them is timed (the
  // emulator's long run only as it is timed: it takes seconds).
  const [one, many] = passCounts(program, ctx.quick);
  for (const runner of runners) {
    for (const passes of runner === 'emulator' ? [one] : [one, many]) {
      const got = outcome(runOnce(cli, runner, binary, [String(passes)]));
      if (got !== reference(passes))
        throw new Error(
          `c-${program.name}: ${runner} printed something else than native at ${passes} passes: ${got}, native ${reference(passes)}`,
        );
    }
  }
  for (const runner of runners) {
    const timeAt = (passes: number, times: number): WallTimes =>
      timeProcess(cli, runner, binary, [String(passes)], times, reference(passes));
    const first = timeAt(one, runs);
    const last = timeAt(many, runner === 'emulator' ? 1 : runs);
    const perPass = Math.max(last.min - first.min, 0) / (many - one);
    ctx.log(
      `c-${program.name}: ${runner} ${one} pass ${describeWall(first)}; ${many} passes ${describeWall(last)}; ${perPass.toFixed(3)} ms/pass`,
    );
    if (runner === 'emulator') {
      whole.value = first.min;
      steady.value = perPass;
    } else {
      whole.baseline[runner] = first.min;
      steady.baseline[runner] = perPass;
    }
  }
  return { whole, steady };
}

function cUnavailable(ctx: BenchContext): string | null {
  if (!builtCli(ctx.benchDir)) return 'dist/cli.js is not built (node scripts/build.mjs)';
  return gccMissing(ctx.workDir);
}

/** The figures of each program, measured once by its first row. */
const measured = new Map<string, CFigures>();

function figures(ctx: BenchContext, program: CProgram): CFigures {
  const key = `${program.name} ${ctx.workDir}`;
  if (!measured.has(key)) measured.set(key, measureCProgram(ctx, program, builtCli(ctx.benchDir)!));
  return measured.get(key)!;
}

function rows(program: CProgram): Measurement[] {
  return [
    {
      name: `c-${program.name}`,
      unit: 'ms',
      unavailable: cUnavailable,
      measure: (ctx) => figures(ctx, program).whole,
    },
    {
      name: `c-${program.name}-steady`,
      unit: 'ms/pass',
      unavailable: cUnavailable,
      measure: (ctx) => figures(ctx, program).steady,
    },
  ];
}

export const cSuite: BenchSuite = { id: 'c', measurements: C_PROGRAMS.flatMap(rows) };
