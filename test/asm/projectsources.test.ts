// The project's own assembly (the guest kernel, the examples) through our assembler and
// through NASM: identical bytes, and identical listings (-l) where NASM warns of nothing (its
// warnings go into its listing). Skipped when nasm is not installed.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';
import { ABI_INCLUDE, KERNEL_MAIN, loadKernelSources } from '../../src/kernel/sources';

const ROOT = join(__dirname, '..', '..', '..');
const NASM = '/usr/bin/nasm';

/** NASM's image and, when it printed no warning, its listing. */
function nasmOutput(dir: string, main: string): { bytes: Buffer; listing: string | undefined } {
  const lst = join(dir, 'out.lst');
  const run = spawnSync(NASM, ['-f', 'bin', '-I', dir + '/', '-l', lst, '-o', join(dir, 'out.bin'), join(dir, main)]);
  assert.strictEqual(run.status, 0, run.stderr.toString());
  return {
    bytes: readFileSync(join(dir, 'out.bin')),
    listing: run.stderr.length === 0 ? readFileSync(lst, 'latin1') : undefined,
  };
}

function sameListing(ours: string | undefined, theirs: string | undefined, name: string): void {
  if (theirs === undefined) return;
  const a = (ours ?? '').split('\n');
  const b = theirs.split('\n');
  const i = a.findIndex((line, k) => line !== b[k]);
  assert.ok(i < 0 && a.length === b.length, `${name}: listing line ${i + 1}: ours '${a[i]}', nasm '${b[i]}'`);
}

describe("project assembly sources: our bytes equal NASM's", () => {
  it('the guest kernel', function () {
    if (!existsSync(NASM)) {
      this.skip();
      return;
    }
    const sources = loadKernelSources((name) => readFileSync(join(ROOT, 'src', 'kernel', name), 'latin1'));
    const dir = mkdtempSync(join(tmpdir(), 'asm-kernel-'));
    for (const [name, text] of sources) writeFileSync(join(dir, name), text);
    const r = assemble(sources.get(KERNEL_MAIN)!, {
      fileName: KERNEL_MAIN,
      readFile: (p) => sources.get(p.slice(p.lastIndexOf('/') + 1)),
      listing: true,
    });
    assert.ok(r.ok, r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
    const nasm = nasmOutput(dir, KERNEL_MAIN);
    assert.ok(Buffer.from(r.bytes!).equals(nasm.bytes));
    sameListing(r.listing, nasm.listing, KERNEL_MAIN);
  });

  const examples = existsSync(join(ROOT, 'examples'))
    ? readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.asm'))
    : [];
  for (const f of examples) {
    it(`examples/${f}`, function () {
      if (!existsSync(NASM)) {
        this.skip();
        return;
      }
      const dir = mkdtempSync(join(tmpdir(), 'asm-example-'));
      const abi = loadKernelSources((name) => readFileSync(join(ROOT, 'src', 'kernel', name), 'latin1')).get(
        ABI_INCLUDE,
      )!;
      writeFileSync(join(dir, ABI_INCLUDE), abi);
      for (const g of readdirSync(join(ROOT, 'examples')))
        writeFileSync(join(dir, g), readFileSync(join(ROOT, 'examples', g)));
      const read = (p: string) => {
        const name = p.slice(p.lastIndexOf('/') + 1);
        return existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : undefined;
      };
      const r = assemble(readFileSync(join(dir, f), 'latin1'), {
        fileName: join(dir, f),
        readFile: read,
        listing: true,
      });
      assert.ok(r.ok, r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
      const nasm = nasmOutput(dir, f);
      assert.ok(Buffer.from(r.bytes!).equals(nasm.bytes));
      sameListing(r.listing, nasm.listing, f);
    });
  }
});

// Every other assembly source of the repository (system tests, kernel and host I/O test
// programs, debugger and editor fixtures, benchmarks): where NASM assembles it, we give its
// bytes and its listing.
const OTHER_DIRS = [
  'test/system',
  'test/kernel/programs',
  'test/hostio/programs',
  'test/debugger/fixtures',
  'test/e2e/fixtures',
  'test/grammar/cases',
  'test/grammar/corpus',
  'bench',
  'scripts/vectors',
];

describe("the repository's other assembly sources: our bytes and listings equal NASM's", () => {
  it('every .asm NASM assembles', function () {
    if (!existsSync(NASM)) {
      this.skip();
      return;
    }
    const abiDir = mkdtempSync(join(tmpdir(), 'asm-abi-'));
    const abi = loadKernelSources((name) => readFileSync(join(ROOT, 'src', 'kernel', name), 'latin1')).get(
      ABI_INCLUDE,
    )!;
    writeFileSync(join(abiDir, ABI_INCLUDE), abi);
    let compared = 0;
    for (const d of OTHER_DIRS.filter((x) => existsSync(join(ROOT, x)))) {
      const dir = join(ROOT, d);
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.asm'))) {
        const lst = join(abiDir, 'out.lst');
        const out = join(abiDir, 'out.bin');
        const run = spawnSync(NASM, [
          '-f',
          'bin',
          '-I',
          dir + '/',
          '-I',
          abiDir + '/',
          '-l',
          lst,
          '-o',
          out,
          join(dir, f),
        ]);
        if (run.status !== 0) continue; // not a flat binary for NASM either (ELF sources, fragments)
        const read = (p: string) =>
          [p, join(abiDir, p.slice(p.lastIndexOf('/') + 1))]
            .map((x) => (existsSync(x) ? readFileSync(x) : undefined))
            .find((x) => x !== undefined);
        const r = assemble(readFileSync(join(dir, f), 'latin1'), {
          fileName: join(dir, f),
          readFile: read,
          includePaths: [dir + '/', abiDir + '/'],
          listing: true,
        });
        assert.ok(r.ok, `${d}/${f}: ${r.diagnostics.map((x) => `${x.line}: ${x.message}`).join('; ')}`);
        assert.ok(Buffer.from(r.bytes!).equals(readFileSync(out)), `${d}/${f}: bytes differ`);
        sameListing(r.listing, run.stderr.length === 0 ? readFileSync(lst, 'latin1') : undefined, `${d}/${f}`);
        compared++;
      }
    }
    assert.ok(compared >= 40, `${compared} sources compared`);
  });
});
