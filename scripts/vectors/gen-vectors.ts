// npm run gen-vectors: regenerates the golden vectors under test/vectors/ on the host CPU.
// Needs nasm, ld and an x86 Linux host that runs 32-bit programs. VECTORS_SEED overrides the
// fixed seed (the committed files record the seed they were made with).

import * as fs from 'fs';
import * as path from 'path';
import { INSTRUCTIONS } from '../../src/isa/instructions';
import { casesForRow } from './cases';
import { buildHarness, hostCpuName, nativeUnavailableReason, runNative, toVector, type NativeCase } from './native';
import { Random } from './random';
import type { Vector } from './vector';

const DEFAULT_SEED = 20261125;

export interface Generated {
  byFamily: Map<string, Vector[]>;
  /** Cases the host could not run as laid out (a generator defect), with the reason. */
  rejected: { asm: string; bytes: string; reason: string }[];
  skippedRows: { row: string; reason: string }[];
  /** Rows that are not skipped but got no vector (must be empty). */
  uncoveredRows: string[];
  /** Cases dropped because the low page for 16-bit addressing could not be mapped. */
  droppedLowPage: number;
}

/** Builds cases for every row (`scale` multiplies the per-row count), runs them natively. */
export function generate(seed: number, scale: number, binary = buildHarness()): Generated {
  const rng = new Random(seed);
  const cases: NativeCase[] = [];
  const skippedRows: { row: string; reason: string }[] = [];
  const rowOfCase: number[] = [];
  const rowNames = INSTRUCTIONS.map(
    (form) =>
      `${form.mnemonic} ${form.operands.join(',')} (${form.opcode.map((b) => b.toString(16).padStart(2, '0')).join(' ')}${form.ext !== undefined ? ' /' + form.ext : ''}${form.osize ? ' o' + form.osize : ''}${form.asize ? ' a' + form.asize : ''})`,
  );
  INSTRUCTIONS.forEach((form, row) => {
    const { cases: rowCases, skipped } = casesForRow(form, rng, scale);
    cases.push(...rowCases);
    for (let i = 0; i < rowCases.length; i++) rowOfCase.push(row);
    if (skipped) skippedRows.push({ row: rowNames[row], reason: skipped });
  });
  const vectorsPerRow = new Array<number>(INSTRUCTIONS.length).fill(0);
  const run = runNative(binary, cases);
  const byFamily = new Map<string, Vector[]>();
  const rejected: Generated['rejected'] = [];
  let droppedLowPage = 0;
  cases.forEach((c, i) => {
    if (!run.lowPageMapped && c.used.includes('data16')) {
      droppedLowPage++;
      return;
    }
    const v = toVector(c, run.results[i]);
    if (typeof v === 'string') {
      rejected.push({ asm: c.asm, bytes: Buffer.from(c.bytes).toString('hex'), reason: v });
      return;
    }
    vectorsPerRow[rowOfCase[i]]++;
    const list = byFamily.get(c.family) ?? [];
    list.push(v);
    byFamily.set(c.family, list);
  });
  const skippedNames = new Set(skippedRows.map((r) => r.row));
  const uncoveredRows = rowNames.filter((name, row) => vectorsPerRow[row] === 0 && !skippedNames.has(name));
  return { byFamily, rejected, skippedRows, uncoveredRows, droppedLowPage };
}

function writeFiles(outDir: string, generated: Generated, seed: number): void {
  fs.mkdirSync(outDir, { recursive: true });
  for (const old of fs.readdirSync(outDir)) if (old.endsWith('.json')) fs.unlinkSync(path.join(outDir, old));
  const cpu = hostCpuName();
  for (const [family, vectors] of [...generated.byFamily].sort()) {
    const lines = vectors.map((v) => JSON.stringify(v));
    const text = `{"family":${JSON.stringify(family)},"cpu":${JSON.stringify(cpu)},"seed":${seed},"vectors":[\n${lines.join(',\n')}\n]}\n`;
    fs.writeFileSync(path.join(outDir, `${family}.json`), text);
  }
}

function main(): void {
  const reason = nativeUnavailableReason();
  if (reason) {
    console.error(`gen-vectors: cannot run on the host CPU: ${reason}`);
    process.exit(1);
  }
  const seed = process.env.VECTORS_SEED ? Number(process.env.VECTORS_SEED) : DEFAULT_SEED;
  const started = Date.now();
  const generated = generate(seed, 1);
  const outDir = path.resolve(__dirname, '../../../test/vectors');
  writeFiles(outDir, generated, seed);
  let total = 0;
  for (const [family, vectors] of [...generated.byFamily].sort()) {
    total += vectors.length;
    console.log(`${family.padEnd(12)} ${vectors.length}`);
  }
  console.log(`total        ${total} vectors (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (generated.droppedLowPage)
    console.log(`dropped ${generated.droppedLowPage} 16-bit-address cases: the page below 64 KiB could not be mapped`);
  for (const r of generated.skippedRows) console.log(`skipped row ${r.row}: ${r.reason}`);
  for (const r of generated.uncoveredRows) console.error(`no vector for row ${r}`);
  for (const r of generated.rejected) console.error(`rejected ${r.asm} [${r.bytes}]: ${r.reason}`);
  if (generated.rejected.length || generated.uncoveredRows.length) process.exit(2);
}

if (require.main === module) main();
