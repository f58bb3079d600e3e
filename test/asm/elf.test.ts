// ELF32 relocatable output: linked by ld -m elf_i386 and run natively when ld exists.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';

const HELLO = `
global _start
extern exit_code, get_bias
section .text
_start:
    mov eax, 4
    mov ebx, 1
    mov ecx, msg
    mov edx, msg_len
    int 0x80
    call finish
finish:
    call get_bias          ; R_386_PC32 against an extern
    mov ebx, [exit_code]   ; R_386_32 against an extern
    add ebx, eax
    mov eax, 1
    int 0x80
section .data
msg: db 'hello from i386-lab asm', 10
msg_len equ $ - msg
`;

describe('assembler ELF32 output', () => {
  it('writes an ELF32 relocatable object with R_386_32 relocations', () => {
    const r = assemble('section .text\nmov eax, [value]\nsection .data\nvalue: dd 7\n', {
      fileName: 'v.asm',
      format: 'elf32',
    });
    assert.ok(r.ok, JSON.stringify(r.diagnostics));
    const b = r.bytes!;
    assert.deepStrictEqual([...b.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46]);
    assert.strictEqual(b[4], 1); // ELFCLASS32
    assert.strictEqual(b[16] | (b[17] << 8), 1); // ET_REL
    assert.strictEqual(b[18] | (b[19] << 8), 3); // EM_386
  });

  it('links with ld -m elf_i386 and runs natively', function () {
    if (!existsSync('/usr/bin/ld')) {
      this.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'asm-elf-'));
    const main = assemble(HELLO, { fileName: 'hello.asm', format: 'elf32' });
    assert.ok(main.ok, JSON.stringify(main.diagnostics));
    const data = assemble(
      'global exit_code, get_bias\nsection .text\nget_bias: mov eax, 2\n ret\nsection .data\nexit_code: dd 3\n',
      { fileName: 'code.asm', format: 'elf32' },
    );
    assert.ok(data.ok, JSON.stringify(data.diagnostics));
    writeFileSync(join(dir, 'hello.o'), main.bytes!);
    writeFileSync(join(dir, 'code.o'), data.bytes!);
    execFileSync('ld', ['-m', 'elf_i386', '-o', join(dir, 'hello'), join(dir, 'hello.o'), join(dir, 'code.o')]);
    let status = 0;
    let out = '';
    try {
      out = execFileSync(join(dir, 'hello')).toString();
    } catch (e) {
      const err = e as { status: number; stdout: Buffer };
      status = err.status;
      out = err.stdout.toString();
    }
    assert.strictEqual(out, 'hello from i386-lab asm\n');
    assert.strictEqual(status, 5);
  });
});

describe('assembler ELF32 output against nasm -f elf32', () => {
  const CORPUS = join(__dirname, '..', '..', '..', 'test', 'asm', 'corpus');
  it("links to the same image as NASM's object for corpus sources", function () {
    if (!existsSync('/usr/bin/nasm') || !existsSync('/usr/bin/ld')) {
      this.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'asm-elfcmp-'));
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.asm'))
      .filter((f, i) => !f.startsWith('gen-') || i % 8 === 0);
    let compared = 0;
    const image = (object: string, out: string): Buffer | undefined => {
      try {
        execFileSync('ld', ['-m', 'elf_i386', '-e', '0', '-o', out, object], { stdio: 'ignore' });
        execFileSync('objcopy', ['-O', 'binary', out, out + '.bin'], { stdio: 'ignore' });
        return readFileSync(out + '.bin');
      } catch {
        return undefined;
      }
    };
    for (const f of files) {
      const path = join(CORPUS, f);
      try {
        execFileSync('/usr/bin/nasm', ['-f', 'elf32', '-I', CORPUS + '/', '-o', join(dir, 'n.o'), path], {
          stdio: 'ignore',
        });
      } catch {
        continue; // not an ELF source for NASM either (org, 16-bit far pointers ...)
      }
      const theirs = image(join(dir, 'n.o'), join(dir, 'n'));
      if (!theirs) continue;
      const r = assemble(readFileSync(path, 'latin1'), {
        fileName: path,
        format: 'elf32',
        readFile: (p) => (existsSync(p) ? readFileSync(p) : undefined),
      });
      assert.ok(r.ok, `${f}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      writeFileSync(join(dir, 'o.o'), r.bytes!);
      const ours = image(join(dir, 'o.o'), join(dir, 'o'));
      assert.ok(ours && ours.equals(theirs), `${f}: linked image differs from NASM's`);
      compared++;
    }
    assert.ok(compared > 40, `${compared} sources compared`);
  });

  it("common symbols (SHN_COMMON with size and alignment) link to the same image as NASM's", function () {
    if (!existsSync('/usr/bin/nasm') || !existsSync('/usr/bin/ld')) {
      this.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'asm-common-'));
    const source =
      'section .text\ncommon buf 64:16\ncommon x 4\nmov eax, [buf]\nmov ebx, [x + 2]\nlea ecx, [buf + 60]\nsection .data\ndd buf, x\n';
    writeFileSync(join(dir, 'c.asm'), source);
    execFileSync('/usr/bin/nasm', ['-f', 'elf32', '-o', join(dir, 'n.o'), join(dir, 'c.asm')]);
    const r = assemble(source, { fileName: 'c.asm', format: 'elf32' });
    assert.ok(r.ok, r.diagnostics.map((d) => d.message).join('; '));
    writeFileSync(join(dir, 'o.o'), r.bytes!);
    const link = (object: string, out: string): Buffer => {
      execFileSync('ld', ['-m', 'elf_i386', '-e', '0', '-o', out, object], { stdio: 'ignore' });
      execFileSync('objcopy', ['-O', 'binary', out, out + '.bin'], { stdio: 'ignore' });
      return readFileSync(out + '.bin');
    };
    assert.ok(link(join(dir, 'o.o'), join(dir, 'o')).equals(link(join(dir, 'n.o'), join(dir, 'n'))));
    const bin = assemble('common x 4\n', { fileName: 'b.asm' });
    assert.ok(bin.diagnostics.some((d) => /does not support common/.test(d.message)));
  });
});
