// npm run gen-fpu-vectors: records the x87 golden vectors (test/vectors/fpu/*.json) on the host
// CPU. Needs gcc with 32-bit support (gcc-multilib) on an x86 Linux host: host.c is built with
// gcc -m32 -static and runs every case's sequence (sequence.ts) natively.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Random } from '../random';
import { buildCases, type OpSpec } from './cases';
import { type FpuCase, hex, outcomeOf, sequenceCode, sequenceData, unhex, type FpuOutcome } from './sequence';

const SEED = 20261207;
const SOURCE = path.resolve(__dirname, '../../../../scripts/vectors/fpu/host.c');
const OUT_DIR = path.resolve(__dirname, '../../../../test/vectors/fpu');

export interface FpuVector extends FpuCase {
  out: FpuOutcome;
}

export interface FpuVectorFile {
  generator: string;
  host: string;
  seed: number;
  ops: { spec: OpSpec; vectors: FpuVector[] }[];
}

function hostCpu(): string {
  try {
    const m = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    return m ? m[1].trim() : os.arch();
  } catch {
    return os.arch();
  }
}

function main(): void {
  if (process.platform !== 'linux' || (process.arch !== 'x64' && process.arch !== 'ia32')) {
    console.error(`gen-fpu-vectors: needs an x86 Linux host (this is ${process.platform}/${process.arch})`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fpu-vectors-'));
  const binary = path.join(dir, 'host');
  try {
    execFileSync('gcc', ['-m32', '-static', '-O1', '-o', binary, SOURCE], { stdio: 'inherit' });
  } catch {
    console.error('gen-fpu-vectors: gcc -m32 -static failed (is gcc-multilib installed?)');
    process.exit(1);
  }
  const groups = buildCases(new Random(SEED));
  const all = groups.flatMap((g) => g.cases);
  const input = all.map((c) => `${hex(sequenceCode(c))} ${hex(sequenceData(c))}\n`).join('');
  const run = spawnSync(binary, [], { input, maxBuffer: 1 << 30 });
  if (run.status !== 0) {
    console.error(`gen-fpu-vectors: the host program failed: ${run.stderr.toString().split('\n')[0]}`);
    process.exit(1);
  }
  const lines = run.stdout.toString().trim().split('\n');
  if (lines.length !== all.length) {
    console.error(`gen-fpu-vectors: ${all.length} cases but ${lines.length} results`);
    process.exit(1);
  }
  let k = 0;
  const files = new Map<string, FpuVectorFile>();
  for (const g of groups) {
    const vectors = g.cases.map((c) => compact(c, outcomeOf(unhex(lines[k++])), g.spec));
    const file = fileFor(g.spec);
    let f = files.get(file);
    if (!f) {
      f = { generator: 'scripts/vectors/fpu/gen-fpu-vectors.ts', host: hostCpu(), seed: SEED, ops: [] };
      files.set(file, f);
    }
    f.ops.push({ spec: g.spec, vectors });
  }
  for (const [file, f] of files) {
    fs.writeFileSync(path.join(OUT_DIR, file), JSON.stringify(f) + '\n');
    console.log(`${file}: ${f.ops.reduce((n, o) => n + o.vectors.length, 0)} vectors`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A vector as stored: empty registers' bytes, an all-zero memory operand and the default AH are
 * left out (the replay test restores them); memory out only for the forms that use memory.
 */
function compact(c: FpuCase, out: FpuOutcome, spec: OpSpec): FpuVector {
  const top = (out.sw >> 11) & 7;
  const st = out.st.map((v, i) => (((out.tw >> (((top + i) & 7) * 2)) & 3) === 3 ? '' : v));
  const usesMemory = spec.shape === 'mem' || spec.shape === 'store' || /d900/.test(c.op);
  return {
    op: c.op,
    cw: c.cw,
    a: c.a,
    b: c.b,
    mem: /^0*$/.test(c.mem) ? '' : c.mem,
    ah: c.ah,
    out: pointers(spec, { ...out, st, mem: usesMemory ? out.mem : '' }),
  };
}

/** The pointers only where the spec compares them (the CPU keeps FDP and FOP for unmasked exceptions only). */
function pointers(spec: OpSpec, out: FpuOutcome): FpuOutcome {
  if (spec.pointers) return out;
  const rest = { ...out };
  delete rest.fip;
  delete rest.fdp;
  delete rest.fop;
  delete rest.trap;
  return rest;
}

function fileFor(spec: OpSpec): string {
  if (spec.file) return spec.file;
  if (spec.ulp) return 'transcendental.json';
  if (spec.shape === 'binary') return 'binary.json';
  if (spec.shape === 'mem' || spec.shape === 'store') return 'memory.json';
  return 'misc.json';
}

if (require.main === module) main();
