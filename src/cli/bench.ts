// `i386-lab bench [--json] [--suite cpu|asm|kernel|dap] [--quick]`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asmSuite } from './benchAsm';
import { cpuSuite } from './benchCpu';
import { dapSuite } from './benchDap';
import { kernelSuite } from './benchKernel';
import { formatBenchTable } from './benchTable';
import type { Command } from './cli';
import { writeOut } from './output';
import { Baseline, BenchContext, BenchResult, BenchSuite, SUITE_IDS, SuiteId, findBenchDir } from './benchSuite';

/** Every suite, in output order. */
const SUITES: BenchSuite[] = [cpuSuite, asmSuite, kernelSuite, dapSuite];

interface BenchOptions {
  json: boolean;
  suite: SuiteId | null;
  quick: boolean;
}

/** Runs the chosen suites; results of measurements that cannot run here are left out. */
export async function runBench(suites: BenchSuite[], ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const suite of suites) {
    if ('measureAll' in suite) {
      ctx.log(`${suite.id}: measuring`);
      for (const f of await suite.measureAll(ctx)) {
        results.push({ suite: suite.id, name: f.name, value: round(f.value), unit: f.unit, baseline: roundBaseline(f.baseline) });
      }
      continue;
    }
    for (const m of suite.measurements) {
      const reason = m.unavailable(ctx);
      if (reason) {
        ctx.log(`${suite.id} ${m.name}: skipped (${reason})`);
        continue;
      }
      ctx.log(`${suite.id} ${m.name}: measuring`);
      const { value, baseline } = await m.measure(ctx);
      results.push({ suite: suite.id, name: m.name, value: round(value), unit: m.unit, baseline: roundBaseline(baseline) });
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
  spec: {
    name: 'bench',
    summary: 'benchmarks: emulator MIPS against native and qemu-i386, assembler against nasm, kernel, debugger',
    positionals: [],
    options: [
      { name: '--json', help: 'one JSON object {"results":[{suite,name,value,unit,baseline}]} instead of a table' },
      { name: '--suite', value: 'SUITE', choices: SUITE_IDS, help: `only this suite (${SUITE_IDS.join(', ')}; default: all)` },
      { name: '--quick', help: 'fewer passes and one timed run (for tests; figures are not comparable)' },
    ],
    notes: 'Each figure is the best of 3 timed runs after a warm-up run (wall clock); progress goes to stderr.',
  },
  main: (args) => bench({ json: args.flag('--json'), suite: args.value<SuiteId>('--suite') ?? null, quick: args.flag('--quick') }),
};

async function bench(options: BenchOptions): Promise<number> {
  const suites = SUITES.filter((s) => options.suite === null || s.id === options.suite);
  if (suites.length === 0) {
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
  try {
    const results = await runBench(suites, ctx);
    writeOut(options.json ? JSON.stringify({ results }) + '\n' : formatBenchTable(results));
    return 0;
  } catch (e) {
    process.stderr.write(`i386-lab bench: ${(e as Error).message}\n`);
    return 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
