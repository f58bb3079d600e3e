// Random multisection bin programs against nasm: seeded generators for section attributes
// (start=, vstart=, follows=, vfollows=, align=, valign=, progbits, nobits, in every
// combination, conflicting ones included), an optional org, sections entered more than once,
// and data that refers to labels of every section, $$, section.NAME.start and .vstart.
// Each program is assembled by nasm -f bin and by ours: both must reject it or produce the
// same image and the same map file ([map all]: the layout NASM derived, every attribute and
// symbol). NASM never finishes a program whose follows= chain is circular: we reject it.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';

const NASM = '/usr/bin/nasm';
const SEEDS = Array.from({ length: 8 }, (_, i) => i + 1);
const PROGRAMS_PER_SEED = 60;

class Rng {
  constructor(private s: number) {}
  next(n: number): number {
    this.s = (Math.imul(this.s ^ (this.s >>> 15), 0x2c1b3c6d) + 0x6b43a9b5) >>> 0;
    this.s ^= this.s >>> 12;
    return (this.s >>> 0) % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.next(xs.length)];
  }
}

const NAMES = ['.text', '.data', '.bss', 'boot', 'stage2', 'tables', 'scratch'];

function attributes(r: Rng, names: string[], self: string): string {
  const out: string[] = [];
  const address = () => '0x' + (r.next(64) * r.pick([1, 4, 16, 0x20])).toString(16);
  for (let k = r.next(3); k > 0; k--) {
    switch (r.next(9)) {
      case 0:
        out.push(`start=${address()}`);
        break;
      case 1:
        out.push(`vstart=${r.pick([address(), '(0x7c00 + 0x200)', '0x8000'])}`);
        break;
      case 2:
        out.push(`follows=${r.pick(names.filter((n) => n !== self || r.next(8) === 0))}`);
        break;
      case 3:
        out.push(`vfollows=${r.pick(names)}`);
        break;
      case 4:
        out.push(`align=${r.pick([1, 2, 4, 8, 16, 32, 3])}`);
        break;
      case 5:
        out.push(`valign=${r.pick([2, 4, 16, 64])}`);
        break;
      case 6:
        out.push('nobits');
        break;
      case 7:
        out.push('progbits');
        break;
      default:
        out.push(r.pick(['exec', 'write', 'align=(1 << 4)']));
    }
  }
  return out.join(' ');
}

function item(r: Rng, labels: string[], names: string[]): string {
  switch (r.next(9)) {
    case 0:
      return `db ${r.next(256)}, ${r.next(256)}`;
    case 1:
      return `dd ${r.pick(labels)}`;
    case 2:
      return `dd $$, $ - $$`;
    case 3:
      return `dd section.${r.pick(names)}.${r.pick(['start', 'vstart'])}`;
    case 4:
      return `resb ${r.next(40)}`;
    case 5:
      return `align ${r.pick([2, 4, 8, 16])}`;
    case 6:
      return `times ${r.next(20)} db 0x90`;
    case 7:
      return `mov eax, ${r.pick(labels)}`;
    default:
      return `dw ${r.pick(labels)} - $$`;
  }
}

function program(r: Rng): string {
  const lines: string[] = ['[map all sections.map]'];
  if (r.next(3) === 0) lines.push(`org 0x${(r.next(4) * 0x100).toString(16)}`);
  if (r.next(2) === 0) lines.push('bits 32');
  const names = NAMES.filter(() => r.next(2) === 0);
  if (names.length === 0) names.push('boot');
  // Labels are placed before use or after: NASM resolves both.
  const labels: string[] = [];
  let k = 0;
  const plan: string[] = [];
  for (let visits = names.length + r.next(3); visits > 0; visits--) plan.push(r.pick(names));
  const seen = new Set<string>();
  for (const name of plan) {
    lines.push(seen.has(name) && r.next(2) === 0 ? `section ${name}` : `section ${name} ${attributes(r, names, name)}`);
    seen.add(name);
    for (let n = 1 + r.next(4); n > 0; n--) {
      const label = `L${k++}`;
      labels.push(label);
      lines.push(`${label}: ${item(r, [...labels, `L${k + r.next(3)}`].slice(-6), names)}`);
    }
  }
  // Every referenced label exists.
  for (let extra = k; extra < k + 3; extra++) lines.push(`L${extra}:`);
  return lines.join('\n') + '\n';
}

function ours(source: string): { bytes: Buffer; map: string | undefined } | undefined {
  const r = assemble(source, { fileName: 'sections.asm', outputFile: 'sections.bin', readFile: () => undefined });
  return r.ok && r.bytes ? { bytes: Buffer.from(r.bytes), map: r.map?.text } : undefined;
}

function nasm(dir: string, source: string): { bytes?: Buffer; map?: string; hung: boolean } {
  const out = join(dir, 'sections.bin');
  const map = join(dir, 'sections.map');
  writeFileSync(join(dir, 'sections.asm'), source);
  rmSync(out, { force: true });
  rmSync(map, { force: true });
  const run = spawnSync(NASM, ['-f', 'bin', '-o', 'sections.bin', 'sections.asm'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 2000,
  });
  if (run.error || run.signal) return { hung: true };
  if (run.status !== 0) return { hung: false };
  return { bytes: readFileSync(out), map: readFileSync(map, 'latin1'), hung: false };
}

describe('assembler multisection bin output against nasm (seeded random programs)', () => {
  if (!existsSync(NASM)) {
    it('nasm is not installed: the comparison is skipped', () => undefined);
    return;
  }
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'asm-sections-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${PROGRAMS_PER_SEED} programs give nasm's image or are rejected as nasm rejects them`, () => {
      const r = new Rng(seed * 104729 + 17);
      let accepted = 0;
      for (let p = 0; p < PROGRAMS_PER_SEED; p++) {
        const source = program(r);
        const expected = nasm(dir, source);
        const actual = ours(source);
        if (expected.hung) {
          assert.strictEqual(actual, undefined, `nasm never finishes this, we must reject it:\n${source}`);
          continue;
        }
        if (expected.bytes === undefined) {
          assert.strictEqual(actual, undefined, `nasm rejects, we accept:\n${source}`);
          continue;
        }
        accepted++;
        assert.ok(actual, `nasm accepts, we reject:\n${source}`);
        assert.ok(
          actual.bytes.equals(expected.bytes),
          `images differ (ours ${actual.bytes.length} bytes, nasm ${expected.bytes.length}):\n${source}`,
        );
        assert.strictEqual(actual.map, expected.map, `map files differ:\n${source}`);
      }
      // The generator must mostly produce valid layouts, or the comparison says little.
      assert.ok(accepted >= PROGRAMS_PER_SEED / 4, `only ${accepted} of ${PROGRAMS_PER_SEED} programs were valid`);
    });
  }
});
