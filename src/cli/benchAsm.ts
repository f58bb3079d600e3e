// The asm suite: our assembler on a fixed generated source (src/asm/bench.ts) against nasm on
// the same file, in milliseconds. Ours is timed in-process (assemble() from source text to
// bytes); nasm as a process (`nasm -f bin`, start-up included, as a user runs it). When nasm
// is present its output must be byte-identical to ours, or the bench fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assemble, formatDiagnostic } from '../asm';
import { generateBenchSource } from '../asm/bench';
import { BenchSuite, Measurement } from './benchSuite';
import { TIMED_RUNS, describeTiming, hasProgram, runChecked, timeRuns } from './benchTiming';

const LINES = 100_000;
/** --quick assembles this many lines instead (the figure is then not comparable). */
const QUICK_LINES = 10_000;

const hundredThousandLines: Measurement = {
  name: '100k-lines',
  unit: 'ms',
  unavailable: () => null,
  measure(ctx) {
    const runs = ctx.quick ? 1 : TIMED_RUNS;
    const source = generateBenchSource(ctx.quick ? QUICK_LINES : LINES);
    const fileName = path.join(ctx.workDir, 'asm-100k.asm');
    let bytes: Uint8Array | undefined;
    const ours = timeRuns(() => {
      const result = assemble(source, { fileName });
      if (!result.ok || !result.bytes)
        throw new Error(
          `100k-lines: our assembler failed: ${result.diagnostics.slice(0, 3).map(formatDiagnostic).join('; ')}`,
        );
      bytes = result.bytes;
    }, runs);
    ctx.log(`100k-lines: ours ${describeTiming(ours)}, ${bytes!.length} bytes`);
    if (!hasProgram('nasm')) {
      ctx.log('100k-lines: nasm n/a (not installed)');
      return { value: ours.best * 1000, baseline: {} };
    }
    fs.writeFileSync(fileName, source);
    const out = path.join(ctx.workDir, 'asm-100k.bin');
    const nasm = timeRuns(() => runChecked('nasm', ['-f', 'bin', fileName, '-o', out]), runs);
    const theirs = fs.readFileSync(out);
    if (Buffer.compare(Buffer.from(bytes!), theirs) !== 0) {
      throw new Error(`100k-lines: our output (${bytes!.length} bytes) differs from nasm's (${theirs.length} bytes)`);
    }
    ctx.log(`100k-lines: nasm ${describeTiming(nasm)}`);
    return { value: ours.best * 1000, baseline: { nasm: nasm.best * 1000 } };
  },
};

export const asmSuite: BenchSuite = { id: 'asm', measurements: [hundredThousandLines] };
