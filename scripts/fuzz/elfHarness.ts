// The ELF loaders against mutated executables: real ELFs (examples/linux-hello.asm assembled
// by our assembler to an ELF32 object, linked with ld -m elf_i386; a C program built with
// gcc -m32 -static; the unlinked object itself) with header and program-header fields set to
// edge values, bytes flipped, the file truncated or grown, program headers duplicated. Each
// goes through the host-side checks (debugcore's loadProgram and the bare launch) and through
// the kernel's loader, booted on our machine with a small instruction budget. Every input
// must end as an error line or a run (the guest's exit or the budget); a host exception, a
// kernel panic or a machine that stops (the kernel itself died) is a finding.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assembleProgram } from '../../src/kernel/build';
import { buildKernel, KernelRun } from '../../src/cli/kernelRun';
import { loadProgram } from '../../src/debugcore/program';
import { launchBare } from '../../src/debugcore/launch';
import { MECHANISM_NAMES } from '../../src/kernel/abi';
import { MODEL_IDS } from '../../src/isa/models';
import type { FuzzContext, Harness, Rng } from './harness';
import { ROOT } from './dapClient';

/** Guest instructions per kernel run: the boot takes some 15,000 to 45,000. */
const KERNEL_BUDGET = 1_500_000;

/** The seed ELFs, built once per host into the temporary directory. */
export function elfCorpus(note: (text: string) => void): { name: string; bytes: Uint8Array }[] {
  const dir = path.join(os.tmpdir(), 'i386-lab-fuzz-corpus');
  fs.mkdirSync(dir, { recursive: true });
  const out: { name: string; bytes: Uint8Array }[] = [];
  const asm = assembleProgram(
    fs.readFileSync(path.join(ROOT, 'examples', 'linux-hello.asm'), 'utf8'),
    'linux-hello.asm',
    () => undefined,
    { format: 'elf32' },
  );
  if (!asm.ok || !asm.bytes) throw new Error('examples/linux-hello.asm does not assemble');
  const object = path.join(dir, 'linux-hello.o');
  fs.writeFileSync(object, asm.bytes);
  out.push({ name: 'linux-hello.o', bytes: asm.bytes });
  const linked = path.join(dir, 'linux-hello');
  const ld = spawnSync('ld', ['-m', 'elf_i386', '-o', linked, object], { encoding: 'utf8' });
  if (ld.status === 0) out.push({ name: 'linux-hello', bytes: fs.readFileSync(linked) });
  else note(`ld -m elf_i386 unavailable (${ld.error?.message ?? ld.stderr.trim()}): no linked assembler ELF`);
  const c = path.join(dir, 'hello.c');
  const exe = path.join(dir, 'hello-gcc');
  if (!fs.existsSync(exe)) {
    fs.writeFileSync(
      c,
      '#include <stdio.h>\nint main(int argc, char **argv) { printf("hello %d\\n", argc); return argc + 2; }\n',
    );
    const gcc = spawnSync('gcc', ['-m32', '-static', '-O1', '-o', exe, c], { encoding: 'utf8' });
    if (gcc.status !== 0)
      note(`gcc -m32 -static unavailable (${gcc.error?.message ?? gcc.stderr.trim().split('\n')[0]}): no C ELF`);
  }
  if (fs.existsSync(exe)) out.push({ name: 'hello-gcc', bytes: fs.readFileSync(exe) });
  return out;
}

/** ELF32 header field offsets and sizes (System V gABI, "ELF Header" and "Program Header"). */
const EHDR_FIELDS: [number, 1 | 2 | 4][] = [
  [4, 1],
  [5, 1],
  [6, 1],
  [16, 2],
  [18, 2],
  [20, 4],
  [24, 4],
  [28, 4],
  [32, 4],
  [36, 4],
  [40, 2],
  [42, 2],
  [44, 2],
  [46, 2],
  [48, 2],
  [50, 2],
];
const PHDR_FIELDS: [number, 4][] = [
  [0, 4],
  [4, 4],
  [8, 4],
  [12, 4],
  [16, 4],
  [20, 4],
  [24, 4],
  [28, 4],
];

function put(b: Uint8Array, at: number, size: 1 | 2 | 4, value: number): void {
  for (let i = 0; i < size && at + i < b.length; i++) b[at + i] = (value >>> (8 * i)) & 0xff;
}

function u16(b: Uint8Array, at: number): number {
  return at + 1 < b.length ? b[at] | (b[at + 1] << 8) : 0;
}
function u32(b: Uint8Array, at: number): number {
  return at + 3 < b.length ? (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0 : 0;
}

export function mutateElf(rng: Rng, seed: Uint8Array): Uint8Array {
  let b: Uint8Array = seed.slice();
  const rounds = 1 + rng.below(3);
  for (let r = 0; r < rounds; r++) {
    const phoff = u32(b, 28);
    const phnum = u16(b, 44);
    switch (rng.below(7)) {
      case 0: {
        const [at, size] = rng.pick(EHDR_FIELDS);
        put(b, at, size, rng.interesting());
        break;
      }
      case 1:
      case 2: {
        if (phnum === 0) break;
        const [at, size] = rng.pick(PHDR_FIELDS);
        const value = rng.chance(0.3)
          ? (u32(b, phoff + rng.below(phnum) * 32 + at) + rng.pick([1, -1, 0x1000, -0x1000, 0x10000000])) >>> 0
          : rng.interesting();
        put(b, phoff + rng.below(phnum) * 32 + at, size, value);
        break;
      }
      case 3: {
        const n = 1 + rng.below(8);
        for (let i = 0; i < n; i++)
          b[rng.below(Math.min(b.length, rng.chance(0.7) ? 512 : b.length))] ^= 1 << rng.below(8);
        break;
      }
      case 4:
        b = b.slice(0, rng.below(b.length));
        break;
      case 5: {
        const grown = new Uint8Array(b.length + 1 + rng.below(8192));
        grown.set(b);
        grown.set(rng.bytes(grown.length - b.length), b.length);
        b = grown;
        break;
      }
      default: {
        // Copy one program header over another (overlapping or repeated segments).
        if (phnum < 2) break;
        const from = phoff + rng.below(phnum) * 32;
        const to = phoff + rng.below(phnum) * 32;
        if (from + 32 <= b.length && to + 32 <= b.length) b.copyWithin(to, from, from + 32);
      }
    }
  }
  return b;
}

export interface ElfVerdict {
  host: string;
  kernel: string;
  /** Set when the input broke something. */
  problem?: string;
}

/** One input through both loaders; throws only if the harness itself is wrong. */
export function checkElf(
  bytes: Uint8Array,
  model: (typeof MODEL_IDS)[number],
  mechanism: string,
  seed: number,
): ElfVerdict {
  let host: string;
  try {
    const source = { path: '/fuzz/input.elf', contents: bytes, readFile: () => undefined, loadAddress: 0x100000 };
    const loaded = loadProgram(source);
    if (!loaded.ok) host = `rejected: ${loaded.message}`;
    else {
      // RAM up to where the image ends (a Linux ELF loads at 0x08048000), so that the bare launch loads it.
      const memoryBytes = Math.min(256 << 20, Math.max(16 << 20, Math.ceil(loaded.image.end / (1 << 20)) << 20));
      const quiet = { stopped: () => {}, output: () => {}, exited: () => {}, invalidated: () => {} };
      const bare = launchBare(source, { model, memoryBytes, history: 0, tracePorts: false, traceTraps: false }, quiet);
      host = bare.ok ? 'loaded' : `rejected: ${bare.message}`;
      if (bare.ok) bare.session.terminate();
    }
    if (host.includes('\n')) return { host, kernel: '', problem: `host message is not one line: ${host}` };
  } catch (e) {
    return {
      host: '',
      kernel: '',
      problem: `host-side ELF check threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    };
  }
  const kernel = buildKernel();
  if (!kernel.ok) throw new Error(kernel.message);
  let run: KernelRun | string;
  try {
    run = KernelRun.boot(
      kernel.value,
      { name: 'input.elf', bytes, symbols: new Map() },
      { model, discovery: 'lock-nop', mechanism: mechanism as 'auto', seed },
    );
    if (typeof run === 'string') return { host, kernel: run };
    const end = run.runFast(KERNEL_BUDGET);
    const report = run.report();
    if (report.panic) return { host, kernel: 'panic', problem: `kernel panic: ${report.panic}` };
    if (end.kind === 'machine')
      return {
        host,
        kernel: end.description,
        problem: `the kernel died: ${end.description}\n${run.console.slice(-600)}`,
      };
    return { host, kernel: end.kind === 'exit' ? `exit ${end.status}` : 'budget' };
  } catch (e) {
    return {
      host,
      kernel: '',
      problem: `kernel run threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    };
  }
}

export const elfHarness: Harness = {
  name: 'elf',
  description:
    'mutated ELF32 executables (our assembler + ld, gcc -m32 -static) through the host checks and the kernel loader: an error line or a run, never a host exception, panic or dead kernel',
  async run(ctx: FuzzContext): Promise<void> {
    const corpus = elfCorpus((t) => ctx.note(t));
    const ends = new Map<string, number>();
    while (ctx.timeLeft()) {
      const seedFile = ctx.rng.pick(corpus);
      const input = mutateElf(ctx.rng, seedFile.bytes);
      const model = ctx.rng.pick(MODEL_IDS);
      const mechanism = ctx.rng.pick(['auto', ...MECHANISM_NAMES]);
      const v = checkElf(input, model, mechanism, ctx.rng.u32());
      ctx.tried();
      const key = `host ${v.host.startsWith('rejected') ? 'rejects' : 'loads'}, kernel ${v.kernel}`;
      ends.set(key, (ends.get(key) ?? 0) + 1);
      if (v.problem)
        ctx.fail({ why: `${seedFile.name} mutated, ${model} ${mechanism}: ${v.problem}`, input, ext: 'elf' });
      await new Promise((r) => setImmediate(r));
    }
    ctx.note(`outcomes: ${[...ends].map(([k, n]) => `${k} ${n}`).join('; ')}`);
  },
};
