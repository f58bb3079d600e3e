// `i386-lab bench [--json] [--suite cpu|c|startup|asm|kernel|dap|soak] [--quick] [--soak-instructions N]`
// (docs/ARCHITECTURE.md, "Contracts").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asmSuite } from './benchAsm';
import { cSuite } from './benchC';
import { cpuSuite } from './benchCpu';
import { dapSuite } from './benchDap';
import { kernelSuite } from './benchKernel';
import { soakSuite } from './benchSoak';
import { startupSuite } from './benchStartup';
import { BENCH_SPEC, DEFAULT_SOAK_INSTRUCTIONS } from './commandSpecs';
import { formatBenchTable } from './benchTable';
import { InterruptWatch, Interrupted } from './interrupt';
import type { Command } from './cli';
import { writeOut } from './output';
import { Baseline, BenchContext, BenchResult, BenchSuite, LONG_SUITE_IDS, SuiteId, findBenchDir } from './benchSuite';

/** Every suite, in output order (the long ones run only when named). */
function suites(soakInstructions: number): BenchSuite[] {
  return [cpuSuite, cSuite, startupSuite, asmSuite, kernelSuite, dapSuite, soakSuite(soakInstructions)];
}

interface BenchOptions {
  json: boolean;
  suite: SuiteId | null;
  quick: boolean;
  soakInstructions: number;
}

/**
 * Runs the chosen suites; results of measurements that cannot run here are left out. With a
 * watch, Ctrl-C stops it before the next measurement (Interrupted names the one it was in).
 */
export async function runBench(
  suites: BenchSuite[],
  ctx: BenchContext,
  watch?: InterruptWatch,
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const suite of suites) {
    if ('measureAll' in suite) {
      await watch?.checkpoint(`before the ${suite.id} suite`);
      if (watch) watch.activity = `the ${suite.id} suite`;
      ctx.log(`${suite.id}: measuring`);
      const figures = await suite.measureAll(ctx);
      await watch?.checkpoint(`during the ${suite.id} suite`);
      for (const f of figures) {
        results.push({
          suite: suite.id,
          name: f.name,
          value: round(f.value),
          unit: f.unit,
          baseline: roundBaseline(f.baseline),
        });
      }
      continue;
    }
    for (const m of suite.measurements) {
      await watch?.checkpoint(`before ${suite.id} ${m.name}`);
      const reason = m.unavailable(ctx);
      if (reason) {
        ctx.log(`${suite.id} ${m.name}: skipped (${reason})`);
        continue;
      }
      if (watch) watch.activity = `${suite.id} ${m.name}`;
      ctx.log(`${suite.id} ${m.name}: measuring`);
      const { value, baseline } = await m.measure(ctx);
      await watch?.checkpoint(`during ${suite.id} ${m.name}`);
      results.push({
        suite: suite.id,
        name: m.name,
        value: round(value),
        unit: m.unit,
        baseline: roundBaseline(baseline),
      });
    }
  }
  return results;
}

/** Figures keep three decimals: more would be noise. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function roundBaseline(baseline: Baseline): Baseline {
  const out: Baseline = {};
  for (const key of Object.keys(baseline) as (keyof Baseline)[]) out[key] = round(baseline[key]!);
  return out;
}

export const benchCommand: Command = {
  spec: BENCH_SPEC,
  main: (args) =>
    bench({
      json: args.flag('--json'),
      suite: args.value<SuiteId>('--suite') ?? null,
      quick: args.flag('--quick'),
      soakInstructions: args.value<number>('--soak-instructions') ?? DEFAULT_SOAK_INSTRUCTIONS,
    }),
};

async function bench(options: BenchOptions): Promise<number> {
  const chosen = suites(options.soakInstructions).filter((s) =>
    options.suite === null ? !LONG_SUITE_IDS.includes(s.id) : s.id === options.suite,
  );
  if (chosen.length === 0) {
    process.stderr.write(`i386-lab bench: the ${options.suite} suite is not built yet\n`);
    return 2;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-bench-'));
  const ctx: BenchContext = {
    benchDir: findBenchDir(),
    workDir,
    quick: options.quick,
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  };
  const watch = new InterruptWatch();
  try {
    const results = await runBench(chosen, ctx, watch);
    writeOut(options.json ? JSON.stringify({ results }) + '\n' : formatBenchTable(results));
    return 0;
  } catch (e) {
    // Ctrl-C: the guard prints what was interrupted; a measurement that failed because its
    // child process was killed by the same Ctrl-C is reported as the interruption.
    if (e instanceof Interrupted) throw e;
    if (await watch.check()) throw new Interrupted(`during ${watch.activity}`);
    process.stderr.write(`i386-lab bench: ${(e as Error).message}\n`);
    return 1;
  } finally {
    watch.dispose();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
