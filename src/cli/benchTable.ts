// The bench results as a readable table: one row per figure, its baselines and the ratios
// of our figure to each baseline (for MIPS higher is better, for ms lower is better).
import { Baseline, BenchResult } from './benchSuite';

const BASELINES: (keyof Baseline)[] = ['native', 'qemu', 'nasm'];

function fixed(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function ratio(value: number, baseline: number | undefined): string {
  if (baseline === undefined) return 'n/a';
  const r = value / baseline;
  return r >= 10 ? `${r.toFixed(1)}x` : r >= 0.1 ? `${r.toFixed(2)}x` : `${r.toFixed(4)}x`;
}

export function formatBenchTable(results: BenchResult[]): string {
  const used = BASELINES.filter((b) => results.some((r) => applies(r, b)));
  const header = ['suite', 'name', 'value', 'unit', ...used, ...used.map((b) => `vs ${b}`)];
  const rows = results.map((r) => [
    r.suite,
    r.name,
    fixed(r.value),
    r.unit,
    ...used.map((b) => (r.baseline[b] === undefined ? (applies(r, b) ? 'n/a' : '') : fixed(r.baseline[b]!))),
    ...used.map((b) => (applies(r, b) ? ratio(r.value, r.baseline[b]) : '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const numeric = (i: number) => i === 2 || i >= 4;
  return (
    [header, ...rows]
      .map((row) =>
        row
          .map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** Whether row r has a column for baseline b: shown as 'n/a' when that baseline could not run. */
function applies(r: BenchResult, b: keyof Baseline): boolean {
  if (r.suite === 'cpu' || r.suite === 'c') return b === 'native' || b === 'qemu';
  if (r.suite === 'asm') return b === 'nasm';
  return r.baseline[b] !== undefined;
}
