// `i386-lab bench [--json] [--suite cpu|asm|kernel|dap|soak] [--quick] [--soak-instructions N]` (DESIGN.md, "Contracts").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asmSuite } from './benchAsm';
import { cpuSuite } from './benchCpu';
import { dapSuite } from './benchDap';
import { kernelSuite } from './benchKernel';
import { DEFAULT_SOAK_INSTRUCTIONS, soakSuite } from './benchSoak';
import { formatBenchTable } from './benchTable';
import { Baseline, BenchContext, BenchResult, BenchSuite, LONG_SUITE_IDS, SUITE_IDS, SuiteId, findBenchDir } from './benchSuite';

/** Every suite, in output order (the long ones only when named). */
function suites(soakInstructions: number): BenchSuite[] {
  return [cpuSuite, asmSuite, kernelSuite, dapSuite, soakSuite(soakInstructions)];
}

export const BENCH_USAGE = `usage: i386-lab bench [--json] [--suite cpu|asm|kernel|dap|soak] [--quick] [--soak-instructions N]
  --json    one JSON object {"results":[{suite,name,value,unit,baseline}]} instead of a table
  --suite   only this suite (default: every suite but soak)
  --quick   fewer passes and one timed run (for tests; figures are not comparable)
  --soak-instructions N   guest instructions of the soak suite (default 1e10; 1e9, 0x... accepted)
Each figure is the best of 3 timed runs after a warm-up run (wall clock); progress goes to stderr.
`;

interface BenchOptions {
  json: boolean;
  suite: SuiteId | null;
  quick: boolean;
  soakInstructions: number;
}

function parseBenchArgs(args: string[]): BenchOptions | string {
  const options: BenchOptions = { json: false, suite: null, quick: false, soakInstructions: DEFAULT_SOAK_INSTRUCTIONS };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--suite') {
      const value = args[++i];
      if (value === undefined) return `--suite needs a value (${SUITE_IDS.join(', ')})`;
      if (!(SUITE_IDS as readonly string[]).includes(value)) return `--suite: unknown suite '${value}' (${SUITE_IDS.join(', ')})`;
      options.suite = value as SuiteId;
    } else if (arg === '--soak-instructions') {
      const value = args[++i] ?? '';
      const n = /^(0x[0-9a-f]+|\d+(e\d+)?)$/i.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n) || n < 1) return `--soak-instructions: '${value}' is not a count of instructions (e.g. 1e9)`;
      options.soakInstructions = n;
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
  const chosen = suites(options.soakInstructions).filter((s) => (options.suite === null ? !LONG_SUITE_IDS.includes(s.id) : s.id === options.suite));
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
  try {
    const results = await runBench(chosen, ctx);
    process.stdout.write(options.json ? JSON.stringify({ results }) + '\n' : formatBenchTable(results));
    return 0;
  } catch (e) {
    process.stderr.write(`i386-lab bench: ${(e as Error).message}\n`);
    return 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
