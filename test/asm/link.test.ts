// The minimal static link (src/asm/link.ts): our object linked by us into an ET_EXEC must
// behave, run natively on the host CPU, exactly as NASM's object linked by ld -m elf_i386;
// the line map and symbols follow the sections to their linked addresses; what cannot be
// linked (an extern without a library) is one clear error.

import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assembleExecutable, declaresLinuxStart } from '../../src/asm/executable';
import { linkExecutable } from '../../src/asm/link';
import { assemble } from '../../src/asm/index';

const ROOT = resolve(__dirname, '../../..');
const LINUX_HELLO = join(ROOT, 'examples', 'linux-hello.asm');

/** Runs a static i386 Linux executable natively; undefined when the host cannot (no ia32 support). */
function runNative(
  bytes: Uint8Array,
  dir: string,
  name: string,
): { status: number | null; stdout: string } | undefined {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  chmodSync(file, 0o755);
  const r = spawnSync(file, [], { encoding: 'utf8', timeout: 10000 });
  if (r.error) return undefined;
  return { status: r.status, stdout: r.stdout };
}

const RELOCS = `
global _start
section .text
_start:
    call fn                   ; R_386_PC32 inside .text
    mov esi, table            ; R_386_32 into .data
    mov eax, [esi + 4]        ; the second entry points at .rodata
    movzx ebx, byte [eax]
    add ebx, [counter]        ; .bss starts out zero
    mov eax, 1
    int 0x80
fn:
    ret
section .rodata
answer: db 42
section .data
table: dd 0, answer
section .bss
counter: resd 1
`;

describe('static link of one object into an ELF executable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'i386-link-'));

  it('examples/linux-hello.asm linked by us prints and exits exactly like nasm -f elf32 + ld -m elf_i386 (run natively)', function () {
    const source = readFileSync(LINUX_HELLO, 'utf8');
    const ours = assembleExecutable(source, { fileName: LINUX_HELLO });
    assert.ok(ours.ok, ours.ok ? '' : ours.message);
    const nasm = spawnSync('nasm', ['-f', 'elf32', LINUX_HELLO, '-o', join(dir, 'lh.o')], { encoding: 'utf8' });
    const ld =
      nasm.status === 0
        ? spawnSync('ld', ['-m', 'elf_i386', join(dir, 'lh.o'), '-o', join(dir, 'lh-ld')], { encoding: 'utf8' })
        : undefined;
    assert.strictEqual(nasm.status, 0, `nasm is needed as the oracle: ${nasm.error?.message ?? nasm.stderr}`);
    assert.strictEqual(ld?.status, 0, `ld is needed as the oracle: ${ld?.error?.message ?? ld?.stderr}`);
    const expected = runNative(readFileSync(join(dir, 'lh-ld')), dir, 'lh-ld2');
    const actual = runNative(ours.bytes, dir, 'lh-ours');
    assert.ok(expected && actual, 'the host runs i386 executables');
    assert.strictEqual(actual.stdout, expected.stdout);
    assert.strictEqual(actual.status, expected.status);
    assert.match(actual.stdout, /Hello from a static Linux i386 program/);
  });

  it('applies R_386_32 and R_386_PC32 across .text, .rodata, .data and .bss (run natively: exit status 42)', () => {
    const r = assembleExecutable(RELOCS, { fileName: 'relocs.asm' });
    assert.ok(r.ok, r.ok ? '' : r.message);
    const run = runNative(r.bytes, dir, 'relocs');
    assert.ok(run, 'the host runs i386 executables');
    assert.strictEqual(run.status, 42);
  });

  it('moves the line map and the symbols to the linked addresses: _start is the entry, lines of .text lie in the code segment', () => {
    const r = assembleExecutable(RELOCS, { fileName: 'relocs.asm' });
    assert.ok(r.ok);
    const start = r.symbols.find((s) => s.name === '_start')!;
    assert.strictEqual(start.address, r.entry);
    const dv = new DataView(r.bytes.buffer);
    assert.strictEqual(dv.getUint16(16, true), 2, 'ET_EXEC');
    assert.strictEqual(dv.getUint32(24, true), r.entry, 'e_entry');
    const call = r.lines.find((l) => l.line === 5)!;
    assert.strictEqual(call.address, r.entry, 'the first instruction of _start is line 5');
    const fn = r.symbols.find((s) => s.name === 'fn')!;
    // The CALL's rel32 reaches fn: target = next instruction + rel32.
    const fileOf = (address: number): number => address - 0x08048000;
    assert.strictEqual((r.entry + 5 + dv.getInt32(fileOf(r.entry) + 1, true)) >>> 0, fn.address);
  });

  it('an extern cannot be linked without a library: one error naming it', () => {
    const r = assembleExecutable('global _start\nextern printf\nsection .text\n_start: call printf\n', {
      fileName: 'ext.asm',
    });
    assert.ok(!r.ok);
    assert.match(r.message, /undefined symbol 'printf'/);
  });

  it('refuses what is not a relocatable i386 object', () => {
    const flat = assemble('bits 32\nnop\n', { fileName: 'f.asm', format: 'bin' });
    const r = linkExecutable(flat.bytes!);
    assert.ok(!r.ok);
    assert.match(r.message, /not an ELF object/);
  });

  it('recognises a Linux program by its global _start', () => {
    assert.ok(declaresLinuxStart('section .text\nglobal _start\n_start:\n'));
    assert.ok(declaresLinuxStart('GLOBAL main, _start\n'));
    assert.ok(!declaresLinuxStart('; global _start\nstart:\n'));
    assert.ok(!declaresLinuxStart('global _start_here\n'));
  });
});
