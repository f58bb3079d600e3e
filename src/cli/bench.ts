// `i386-lab bench [--json] [--suite cpu|asm|kernel|dap|soak] [--quick] [--soak-instructions N]`
// (docs/ARCHITECTURE.md, "Contracts").
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asmSuite } from './benchAsm';
import { cpuSuite } from './benchCpu';
import { dapSuite } from './benchDap';
import { kernelSuite } from './benchKernel';
import { DEFAULT_SOAK_INSTRUCTIONS, soakSuite } from './benchSoak';
import { formatBenchTable } from './benchTable';
import type { Command } from './cli';
import { parseNumberText, UsageError } from './options';
import { writeOut } from './output';
import {
  Baseline,
  BenchContext,
  BenchResult,
  BenchSuite,
  LONG_SUITE_IDS,
  SUITE_IDS,
  SuiteId,
  findBenchDir,
} from './benchSuite';

/** Every suite, in output order (the long ones run only when named). */
function suites(soakInstructions: number): BenchSuite[] {
  return [cpuSuite, asmSuite, kernelSuite, dapSuite, soakSuite(soakInstructions)];
}

interface BenchOptions {
  json: boolean;
  suite: SuiteId | null;
  quick: boolean;
  soakInstructions: number;
}

function instructionCount(text: string): number {
  const n = parseNumberText(text, Number.MAX_SAFE_INTEGER);
  if (n === 0) throw new UsageError('must be at least 1');
  return n;
}

/** Runs the chosen suites; results of measurements that cannot run here are left out. */
export async function runBench(suites: BenchSuite[], ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const suite of suites) {
    if ('measureAll' in suite) {
      ctx.log(`${suite.id}: measuring`);
      for (const f of await suite.measureAll(ctx)) {
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
      const reason = m.unavailable(ctx);
      if (reason) {
        ctx.log(`${suite.id} ${m.name}: skipped (${reason})`);
        continue;
      }
      ctx.log(`${suite.id} ${m.name}: measuring`);
      const { value, baseline } = await m.measure(ctx);
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
  spec: {
    name: 'bench',
    summary: 'benchmarks: emulator MIPS against native and qemu-i386, assembler against nasm, kernel, debugger',
    positionals: [],
    options: [
      { name: '--json', help: 'one JSON object {"results":[{suite,name,value,unit,baseline}]} instead of a table' },
      {
        name: '--suite',
        value: 'SUITE',
        choices: SUITE_IDS,
        help: `only this suite (${SUITE_IDS.join(', ')}; default: all but ${LONG_SUITE_IDS.join(', ')})`,
      },
      { name: '--quick', help: 'fewer passes and one timed run (for tests; figures are not comparable)' },
      {
        name: '--soak-instructions',
        value: 'N',
        parse: instructionCount,
        help: `guest instructions of the soak suite (default ${DEFAULT_SOAK_INSTRUCTIONS.toExponential()}; 1e9 and 0x... work)`,
      },
    ],
    notes: 'Each figure is the best of 3 timed runs after a warm-up run (wall clock); progress goes to stderr.',
  },
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
  try {
    const results = await runBench(chosen, ctx);
    writeOut(options.json ? JSON.stringify({ results }) + '\n' : formatBenchTable(results));
    return 0;
  } catch (e) {
    process.stderr.write(`i386-lab bench: ${(e as Error).message}\n`);
    return 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
