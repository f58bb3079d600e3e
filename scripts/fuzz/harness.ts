// What every fuzz harness shares: a seeded generator (a run repeats from its seed), a time
// budget, the count of inputs tried, and findings written to files (one per failing input,
// with what went wrong beside it) so that each can be replayed and become a regression test.

import * as fs from 'fs';
import * as path from 'path';
import { mulberry32 } from '../lib/random';

/** Draws from the tests' seeded mulberry32: the same sequence for the same seed on every host. */
export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  u32(): number {
    return Math.floor(this.next() * 0x100000000) >>> 0;
  }
  /** 0 <= n < limit. */
  below(limit: number): number {
    return limit <= 0 ? 0 : Math.floor((this.u32() / 0x100000000) * limit);
  }
  chance(p: number): boolean {
    return this.u32() / 0x100000000 < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)];
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }
  /** A 32-bit value biased towards the edges where bugs live. */
  interesting(): number {
    switch (this.below(6)) {
      case 0:
        return this.pick([0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0x7fff, 0x8000, 0xffff, 0x10000]);
      case 1:
        return this.pick([
          0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0xfffff000, 0xc0000000, 0x00100000, 0x01000000,
        ]);
      case 2:
        return (this.u32() & ~0xfff) >>> 0;
      case 3:
        return this.below(64);
      default:
        return this.u32();
    }
  }
}

export interface Finding {
  /** One line: what went wrong. */
  why: string;
  /** The input that did it, as written to the finding's file. */
  input: Uint8Array | string;
  /** File name extension of the input (asm, elf, json, ...). */
  ext: string;
}

export interface FuzzContext {
  readonly rng: Rng;
  readonly seed: number;
  /** Date.now() at which the harness must stop starting new inputs. */
  readonly deadline: number;
  timeLeft(): boolean;
  /** Counts inputs tried. */
  tried(n?: number): void;
  fail(finding: Finding): void;
  /** A line of progress or a note (shown with --verbose). */
  note(text: string): void;
}

export interface Harness {
  readonly name: string;
  /** One line: the surface and what is tried on it. */
  readonly description: string;
  run(ctx: FuzzContext): Promise<void>;
}

export interface FuzzResult {
  harness: string;
  seed: number;
  seconds: number;
  tried: number;
  findings: { why: string; file: string }[];
  notes: string[];
}

export interface FuzzOptions {
  seed: number;
  seconds: number;
  outDir: string;
  /** Stop at the first finding (the unit-test budget). */
  stopOnFinding?: boolean;
  verbose?: boolean;
}

/** Runs one harness for its budget; findings are written to outDir/<harness>-<seed>-<n>.<ext>. */
export async function runHarness(harness: Harness, options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const result: FuzzResult = {
    harness: harness.name,
    seed: options.seed,
    seconds: 0,
    tried: 0,
    findings: [],
    notes: [],
  };
  const deadline = started + options.seconds * 1000;
  const ctx: FuzzContext = {
    rng: new Rng(options.seed),
    seed: options.seed,
    deadline,
    timeLeft: () => Date.now() < deadline && !(options.stopOnFinding && result.findings.length > 0),
    tried: (n = 1) => {
      result.tried += n;
    },
    fail: (f) => {
      fs.mkdirSync(options.outDir, { recursive: true });
      const base = path.join(options.outDir, `${harness.name}-${options.seed}-${result.findings.length + 1}`);
      const file = `${base}.${f.ext}`;
      fs.writeFileSync(file, f.input);
      fs.writeFileSync(`${base}.why.txt`, `${f.why}\n`);
      result.findings.push({ why: f.why.split('\n')[0].slice(0, 500), file });
    },
    note: (text) => {
      result.notes.push(text);
      if (options.verbose) process.stderr.write(`  ${harness.name}: ${text}\n`);
    },
  };
  try {
    await harness.run(ctx);
  } catch (e) {
    // The harness itself threw: the surface under test let a host exception escape.
    ctx.fail({
      why: `host exception escaped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      input: String(e instanceof Error ? e.stack : e),
      ext: 'txt',
    });
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

export function summary(r: FuzzResult): string {
  const lines = [
    `${r.harness}: ${r.tried} inputs tried, ${r.findings.length} failure${r.findings.length === 1 ? '' : 's'} (seed ${r.seed}, ${r.seconds.toFixed(1)} s)`,
  ];
  for (const f of r.findings) lines.push(`  ${f.file}: ${f.why}`);
  return lines.join('\n');
}
