// `i386-lab run file.asm` for a Linux program (global _start, int 0x80): built into an ELF
// executable by the project's assembler and run under the kernel's Linux personality, with
// no external tools (PATH emptied). Oracle: the same source built by nasm -f elf32 and
// ld -m elf_i386, run natively on the host CPU.

import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, runCli, tempDir } from './cliProcess';

const LINUX_HELLO = path.join(ROOT, 'examples', 'linux-hello.asm');

describe('i386-lab run on a Linux program written in assembly', function () {
  this.timeout(60000);

  it('linux-hello.asm runs under the kernel with no nasm or ld on PATH, printing what the native build prints, with its exit status', () => {
    const dir = tempDir();
    const nasm = spawnSync('nasm', ['-f', 'elf32', LINUX_HELLO, '-o', path.join(dir, 'lh.o')]);
    const ld = spawnSync('ld', ['-m', 'elf_i386', path.join(dir, 'lh.o'), '-o', path.join(dir, 'lh')]);
    assert.strictEqual(nasm.status, 0, 'nasm builds the oracle');
    assert.strictEqual(ld.status, 0, 'ld links the oracle');
    const native = spawnSync(path.join(dir, 'lh'), [], { encoding: 'latin1' });
    assert.strictEqual(native.error, undefined, 'the host runs i386 executables');
    const ours = runCli(['run', LINUX_HELLO, '--seed', '7'], { PATH: '' });
    assert.strictEqual(ours.status, native.status, ours.stderr);
    const guest = ours.stdout
      .split('\n')
      .filter((l) => !l.startsWith('[kernel] '))
      .join('\n');
    assert.strictEqual(guest, native.stdout);
  });

  it('an extern that nothing provides is one error line, exit status 2', () => {
    const dir = tempDir();
    const file = path.join(dir, 'ext.asm');
    fs.writeFileSync(file, 'global _start\nextern puts\nsection .text\n_start:\n    call puts\n');
    const r = runCli(['run', file]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /undefined symbol 'puts'/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
});
