// The project's own assembly (the guest kernel, the examples) through our assembler and
// through NASM: identical bytes. Skipped when nasm is not installed.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';
import { ABI_INCLUDE, KERNEL_MAIN, loadKernelSources } from '../../src/kernel/sources';

const ROOT = join(__dirname, '..', '..', '..');
const NASM = '/usr/bin/nasm';

function nasmBytes(dir: string, main: string): Buffer {
  execFileSync(NASM, ['-f', 'bin', '-I', dir + '/', '-o', join(dir, 'out.bin'), join(dir, main)], { stdio: 'pipe' });
  return readFileSync(join(dir, 'out.bin'));
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
    });
    assert.ok(r.ok, r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
    assert.ok(Buffer.from(r.bytes!).equals(nasmBytes(dir, KERNEL_MAIN)));
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
      const r = assemble(readFileSync(join(dir, f), 'latin1'), { fileName: join(dir, f), readFile: read });
      assert.ok(r.ok, r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
      assert.ok(Buffer.from(r.bytes!).equals(nasmBytes(dir, f)));
    });
  }
});
