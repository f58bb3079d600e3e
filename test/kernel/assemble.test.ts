// The kernel and every example assembled by our assembler, byte for byte against NASM: the
// kernel must end up built by our own tools (src/kernel/build.ts), with NASM as the oracle.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assembleKernel, assembleProgram } from '../../src/kernel/build';
import { formatDiagnostic } from '../../src/asm';
import { EXAMPLES_DIR, KERNEL_DIR, NasmBuild, PROGRAMS_DIR, missingTools } from './nasm';

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('guest kernel built by our assembler', function () {
  this.timeout(60000);
  let nasm: NasmBuild;

  before(function () {
    if (missingTools()) this.skip();
    nasm = new NasmBuild();
  });

  it('assembles the kernel byte-identical to nasm -f bin', () => {
    const ours = assembleKernel((name) => fs.readFileSync(path.join(KERNEL_DIR, name), 'utf8'));
    assert.ok(ours.ok, ours.diagnostics.map(formatDiagnostic).join('\n'));
    const reference = nasm.kernel();
    assert.equal(firstDifference(ours.bytes!, reference), -1, `lengths ${ours.bytes!.length}/${reference.length}`);
  });

  const flatPrograms = [
    ...fs
      .readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.asm') && f !== 'linux-hello.asm')
      .map((f) => path.join(EXAMPLES_DIR, f)),
    ...fs
      .readdirSync(PROGRAMS_DIR)
      .filter((f) => f.endsWith('.asm'))
      .map((f) => path.join(PROGRAMS_DIR, f)),
  ];
  for (const file of flatPrograms) {
    it(`assembles ${path.relative(path.join(EXAMPLES_DIR, '..'), file)} byte-identical to nasm`, () => {
      const read = (p: string): string | undefined => (fs.existsSync(p) ? fs.readFileSync(p, 'latin1') : undefined);
      const ours = assembleProgram(read(file)!, file, read, { includePaths: [EXAMPLES_DIR, path.dirname(file)] });
      assert.ok(ours.ok, ours.diagnostics.map(formatDiagnostic).join('\n'));
      const reference = nasm.program(file);
      assert.equal(firstDifference(ours.bytes!, reference), -1, `lengths ${ours.bytes!.length}/${reference.length}`);
    });
  }

  it("assembles linux-hello.asm as an ELF32 object that ld links into a program behaving like nasm's", () => {
    const file = path.join(EXAMPLES_DIR, 'linux-hello.asm');
    const ours = assembleProgram(fs.readFileSync(file, 'latin1'), file, () => undefined, { format: 'elf32' });
    assert.ok(ours.ok, ours.diagnostics.map(formatDiagnostic).join('\n'));
    const object = path.join(nasm.dir, 'linux-hello-ours.o');
    const exe = path.join(nasm.dir, 'linux-hello-ours');
    fs.writeFileSync(object, ours.bytes!);
    execFileSync('ld', ['-m', 'elf_i386', '-o', exe, object]);
    const run = spawnSync(exe, [], { encoding: 'latin1' });
    const reference = nasm.runNative(file);
    assert.equal(run.stdout, reference.stdout);
    assert.equal(run.status, reference.status);
  });
});
