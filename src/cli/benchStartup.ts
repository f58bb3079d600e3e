// The startup suite: how long `i386-lab run hello` takes as a whole process (Node's start,
// loading the command line, the kernel image, the boot, the program, the exit), the wall time
// a user waits. Two programs: bench/startup-hello.asm under the guest kernel (no host
// equivalent), and a static glibc hello (bench/c/hello.c, gcc -m32 -static) against the same
// binary run natively and under qemu-i386. Rows give the minimum of several runs and, in
// `-median` rows, their median; every run's output is checked. `node-start` is the floor under
// all of them: Node starting and ending with nothing to run (`node -e ""`), the same way.
import * as path from 'node:path';
import type { BenchContext, BenchSuite, Figure, Measurement } from './benchSuite';
import { buildCProgram, gccMissing } from './benchC';
import { median, runProcess } from './benchTiming';
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

/** Timed runs of each command (after one untimed run that checks the output). */
const RUNS = 10;
const QUICK_RUNS = 2;

const HELLO_OUTPUT = outcome({ status: 0, stdout: 'hello\n', stderr: '' });

interface StartupFigures {
  min: Figure;
  median: Figure;
}

function timeHello(ctx: BenchContext, name: string, program: string, runners: Runner[]): StartupFigures {
  const cli = builtCli(ctx.benchDir)!;
  const runs = ctx.quick ? QUICK_RUNS : RUNS;
  const min: Figure = { value: 0, baseline: {} };
  const median: Figure = { value: 0, baseline: {} };
  for (const runner of runners) {
    const first = runOnce(cli, runner, program, []);
    if (outcome(first) !== HELLO_OUTPUT)
      throw new Error(`${name}: ${runner} ended with ${outcome(first)}, not ${HELLO_OUTPUT}; stderr ${first.stderr}`);
    const t: WallTimes = timeProcess(cli, runner, program, [], runs, HELLO_OUTPUT);
    ctx.log(`${name}: ${runner} ${describeWall(t)}`);
    if (runner === 'emulator') {
      min.value = t.min;
      median.value = t.median;
    } else {
      min.baseline[runner] = t.min;
      median.baseline[runner] = t.median;
    }
  }
  return { min, median };
}

const measured = new Map<string, StartupFigures>();

function once(ctx: BenchContext, name: string, work: () => StartupFigures): StartupFigures {
  const key = `${name} ${ctx.workDir}`;
  if (!measured.has(key)) measured.set(key, work());
  return measured.get(key)!;
}

function asmHello(ctx: BenchContext): StartupFigures {
  return once(ctx, 'hello-asm', () =>
    timeHello(ctx, 'startup-hello-asm', path.join(ctx.benchDir, 'startup-hello.asm'), ['emulator']),
  );
}

function glibcHello(ctx: BenchContext): StartupFigures {
  return once(ctx, 'hello-glibc', () => {
    const binary = buildCProgram(ctx, { name: 'hello', source: 'hello.c', optimize: '-O2', passes: 0 });
    const qemu = qemuMissing();
    if (qemu) ctx.log(`startup-hello-glibc: qemu n/a (${qemu})`);
    return timeHello(
      ctx,
      'startup-hello-glibc',
      binary,
      qemu ? ['emulator', 'native'] : ['emulator', 'native', 'qemu'],
    );
  });
}

/** Node's own start and exit: `node -e ""`, min and median. */
function nodeStart(ctx: BenchContext): StartupFigures {
  return once(ctx, 'node-start', () => {
    const ms: number[] = [];
    for (let i = 0; i < (ctx.quick ? QUICK_RUNS : RUNS); i++) {
      const start = process.hrtime.bigint();
      const r = runProcess(process.execPath, ['-e', '']);
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (r.error || r.status !== 0) throw new Error(`node -e "": ${r.error?.message ?? `status ${r.status}`}`);
    }
    ctx.log(`startup-node: min ${Math.min(...ms).toFixed(1)} ms, median ${median(ms).toFixed(1)} ms of ${ms.length}`);
    return { min: { value: Math.min(...ms), baseline: {} }, median: { value: median(ms), baseline: {} } };
  });
}

const noCli = (ctx: BenchContext): string | null =>
  builtCli(ctx.benchDir) ? null : 'dist/cli.js is not built (node scripts/build.mjs)';
const noGcc = (ctx: BenchContext): string | null => noCli(ctx) ?? gccMissing(ctx.workDir);

const ROWS: Measurement[] = [
  { name: 'node-start', unit: 'ms', unavailable: () => null, measure: (ctx) => nodeStart(ctx).min },
  { name: 'hello-asm', unit: 'ms', unavailable: noCli, measure: (ctx) => asmHello(ctx).min },
  { name: 'hello-asm-median', unit: 'ms', unavailable: noCli, measure: (ctx) => asmHello(ctx).median },
  { name: 'hello-glibc', unit: 'ms', unavailable: noGcc, measure: (ctx) => glibcHello(ctx).min },
  { name: 'hello-glibc-median', unit: 'ms', unavailable: noGcc, measure: (ctx) => glibcHello(ctx).median },
];

export const startupSuite: BenchSuite = { id: 'startup', measurements: ROWS };
