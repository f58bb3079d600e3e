// npm run gen-mmx-vectors: records the MMX golden vectors (test/vectors/mmx/*.json). The MMX and
// MMX-extension forms run natively on the host CPU (x86 Linux with gcc -m32 -static); the
// 3DNow! forms, which current CPUs lack, run under qemu-i386 -cpu athlon. The runner is the
// x87 vectors' host.c: each case's sequence (sequence.ts) is called with ECX at its data block.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Random } from '../random';
import { hex, unhex } from '../fpu/sequence';
import { buildCases, type MmxGroup } from './cases';
import { type MmxCase, type MmxOutcome, outcomeOf, sequenceCode, sequenceData } from './sequence';

const SEED = 20261208;
const SOURCE = path.resolve(__dirname, '../../../../scripts/vectors/fpu/host.c');
const OUT_DIR = path.resolve(__dirname, '../../../../test/vectors/mmx');

export interface MmxVector extends MmxCase {
  out: MmxOutcome;
}

export interface MmxVectorFile {
  generator: string;
  oracle: string;
  seed: number;
  groups: { name: string; vectors: MmxVector[] }[];
}

function hostCpu(): string {
  try {
    const m = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    return m ? m[1].trim() : os.arch();
  } catch {
    return os.arch();
  }
}

function qemuVersion(): string {
  try {
    return execFileSync('qemu-i386', ['--version']).toString().split('\n')[0];
  } catch {
    return 'qemu-i386';
  }
}

function runAll(command: string, args: string[], groups: MmxGroup[]): MmxVector[][] {
  const all = groups.flatMap((g) => g.cases);
  const input = all.map((c) => `${hex(sequenceCode(c))} ${hex(sequenceData(c))}\n`).join('');
  const run = spawnSync(command, args, { input, maxBuffer: 1 << 30 });
  if (run.status !== 0) {
    console.error(`gen-mmx-vectors: ${command} failed: ${run.stderr.toString().split('\n')[0]}`);
    process.exit(1);
  }
  const lines = run.stdout.toString().trim().split('\n');
  if (lines.length !== all.length) {
    console.error(`gen-mmx-vectors: ${all.length} cases but ${lines.length} results from ${command}`);
    process.exit(1);
  }
  let k = 0;
  return groups.map((g) => g.cases.map((c) => ({ ...c, out: outcomeOf(unhex(lines[k++])) })));
}

function main(): void {
  if (process.platform !== 'linux' || (process.arch !== 'x64' && process.arch !== 'ia32')) {
    console.error(`gen-mmx-vectors: needs an x86 Linux host (this is ${process.platform}/${process.arch})`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-vectors-'));
  const binary = path.join(dir, 'host');
  try {
    execFileSync('gcc', ['-m32', '-static', '-O1', '-o', binary, SOURCE], { stdio: 'inherit' });
  } catch {
    console.error('gen-mmx-vectors: gcc -m32 -static failed (is gcc-multilib installed?)');
    process.exit(1);
  }
  const groups = buildCases(new Random(SEED));
  const write = (file: string, oracle: string, gs: MmxGroup[], results: MmxVector[][]) => {
    const f: MmxVectorFile = {
      generator: 'scripts/vectors/mmx/gen-mmx-vectors.ts',
      oracle,
      seed: SEED,
      groups: gs.map((g, i) => ({ name: g.name, vectors: results[i] })),
    };
    fs.writeFileSync(path.join(OUT_DIR, file), JSON.stringify(f) + '\n');
    console.log(`${file}: ${results.reduce((n, r) => n + r.length, 0)} vectors (${oracle})`);
  };
  const host = groups.filter((g) => g.oracle === 'host');
  const qemu = groups.filter((g) => g.oracle === 'qemu');
  write('mmx.json', hostCpu(), host, runAll(binary, [], host));
  write('3dnow.json', `${qemuVersion()} -cpu athlon`, qemu, runAll('qemu-i386', ['-cpu', 'athlon', binary], qemu));
  fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) main();
