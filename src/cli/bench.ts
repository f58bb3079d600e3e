// `i386-lab bench [--json] [--suite cpu|asm|kernel|dap] [--quick]` (docs/ARCHITECTURE.md, "Contracts").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asmSuite } from './benchAsm';
import { cpuSuite } from './benchCpu';
import { dapSuite } from './benchDap';
import { kernelSuite } from './benchKernel';
import { formatBenchTable } from './benchTable';
import { Baseline, BenchContext, BenchResult, BenchSuite, SUITE_IDS, SuiteId, findBenchDir } from './benchSuite';

/** Every suite, in output order. */
const SUITES: BenchSuite[] = [cpuSuite, asmSuite, kernelSuite, dapSuite];

export const BENCH_USAGE = `usage: i386-lab bench [--json] [--suite cpu|asm|kernel|dap] [--quick]
  --json    one JSON object {"results":[{suite,name,value,unit,baseline}]} instead of a table
  --suite   only this suite (default: all suites built so far)
  --quick   fewer passes and one timed run (for tests; figures are not comparable)
Each figure is the best of 3 timed runs after a warm-up run (wall clock); progress goes to stderr.
`;

interface BenchOptions {
  json: boolean;
  suite: SuiteId | null;
  quick: boolean;
}

function parseBenchArgs(args: string[]): BenchOptions | string {
  const options: BenchOptions = { json: false, suite: null, quick: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--suite') {
      const value = args[++i];
      if (value === undefined) return '--suite needs a value (cpu, asm, kernel or dap)';
      if (!(SUITE_IDS as readonly string[]).includes(value)) return `--suite: unknown suite '${value}' (cpu, asm, kernel or dap)`;
      options.suite = value as SuiteId;
    } else return `unknown argument '${arg}'`;
  }
  return options;
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

export async function benchCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  const options = parseBenchArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(`i386-lab bench: ${options}\n${BENCH_USAGE}`);
    return 2;
  }
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
    process.stdout.write(options.json ? JSON.stringify({ results }) + '\n' : formatBenchTable(results));
    return 0;
  } catch (e) {
    process.stderr.write(`i386-lab bench: ${(e as Error).message}\n`);
    return 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
