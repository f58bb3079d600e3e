// Multisection bin output, seg/wrt and %define expansion after unary operators: every
// conflict NASM reports gives one error line here with NASM's words (checked against nasm
// itself when it is installed), and the few deliberate differences are pinned.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';

const NASM = '/usr/bin/nasm';

function ours(source: string) {
  const r = assemble(source, { fileName: 'bad.asm', readFile: () => undefined });
  return { r, errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

/** NASM's error and fatal messages for `source`, without file and line. */
function nasmErrors(dir: string, source: string): string[] {
  const src = join(dir, 'bad.asm');
  writeFileSync(src, source);
  const run = spawnSync(NASM, ['-f', 'bin', '-o', join(dir, 'bad.bin'), src], { encoding: 'utf8', timeout: 5000 });
  return [...run.stderr.matchAll(/: (?:error|fatal): (.*)$/gm)].map((m) => m[1]);
}

// Each source NASM rejects, with the message both give.
const CONFLICTS: [string, string][] = [
  ['section a start=0x100 follows=.text\ndb 1\n', "cannot combine `start' and `follows' section attributes"],
  ['section a vstart=0x100 vfollows=.text\ndb 1\n', "cannot combine `vstart' and `vfollows' section attributes"],
  ['section a start=0x100\nsection a start=0x200\n', 'section start address redefined'],
  ['section a vstart=0x100\nsection a vstart=0x200\n', 'section virtual start address (vstart) redefined'],
  ['section .text align=3\n', "argument to `align' is not a power of two"],
  ['section a valign=6\n', "argument to `valign' is not a power of two"],
  ['section a start=0x11 align=16\ndb 1\n', "`align' value conflicts with section start address"],
  ['section a align=16 start=0x11\ndb 1\n', "`start' address conflicts with section alignment"],
  ['section a vstart=0x11 valign=16\ndb 1\n', "`valign' value conflicts with `vstart' address"],
  ['section .data nobits\n', 'attempt to change section type from progbits to nobits'],
  ['section .bss progbits\n', 'attempt to change section type from nobits to progbits'],
  ['section a follows=zz\ndb 1\n', 'section a follows an invalid or unknown section (zz)'],
  ['section a follows=a\ndb 1\n', 'section a is self following'],
  [
    'section a follows=.text\ndb 1\nsection b follows=.text\ndb 2\n',
    "sections b and a can't both follow section .text",
  ],
  ['section a start=0\ndb 1, 2\nsection b start=1\ndb 3\n', 'sections a and b overlap!'],
  ['section .bss vstart=0x100\nresb 4\nalignb 16\n', 'cannot mix real and virtual attributes in nobits section (.bss)'],
  ['section a vfollows=zz\ndb 1\n', 'section a vfollows unknown section (zz)'],
  ['section a start=(1 + x)\nx:\n', 'section attribute value must be a critical expression'],
  ['mov ax, seg foo\nfoo: db 0\n', 'binary output format does not support segment base references'],
  ['dw seg foo\nfoo:\n', 'binary output format does not support segment base references'],
  ['mov ax, foo wrt seg foo\nfoo: db 0\n', 'WRT not supported by binary output format'],
  ['mov ax, foo wrt 5\nfoo:\n', 'WRT not supported by binary output format'],
  ['mov ax, foo wrt bar\nfoo: db 0\nbar: db 0\n', 'invalid right-hand operand to WRT'],
  ['mov ax, seg 5\n', 'cannot apply SEG to a non-relocatable value'],
];

describe('assembler multisection bin output: conflicts and seg/wrt', () => {
  for (const [source, message] of CONFLICTS) {
    it(`rejects with one line: ${message}`, () => {
      const { r, errors } = ours(source);
      assert.strictEqual(r.ok, false);
      assert.strictEqual(r.bytes, undefined);
      assert.deepStrictEqual(errors, [message]);
    });
  }

  it('gives the message nasm gives for each conflict (nasm installed)', function () {
    if (!existsSync(NASM)) {
      this.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'asm-binsect-'));
    try {
      for (const [source, message] of CONFLICTS)
        assert.ok(nasmErrors(dir, source).includes(message), `nasm says ${nasmErrors(dir, source)} for ${source}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts what NASM accepts around seg: an unused seg in equ, seg x - seg x', () => {
    const r = ours('x equ seg foo\nmov ax, seg foo - seg foo\nfoo:\ndb 1\n').r;
    assert.ok(r.ok, r.diagnostics.map((d) => d.message).join('; '));
    assert.deepStrictEqual([...r.bytes!], [0xb8, 0x00, 0x00, 0x01]);
  });

  it('deliberate difference: a circular follows= chain is an error (NASM never finishes)', () => {
    const { errors } = ours('section a follows=b\ndb 1\nsection b follows=a\ndb 2\n');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /circular follows= path/);
  });

  it('deliberate difference: a vfollows= cycle is one line naming its sections', () => {
    const { errors } = ours('section a vfollows=b\ndb 1\nsection b vfollows=a\ndb 2\n');
    assert.deepStrictEqual(errors, ['circular vfollows path detected: cannot compute vstart for section a, b']);
  });

  it('reports a layout error at the line of the section directive', () => {
    const { r } = ours('db 0\nsection a follows=zz\ndb 1\n');
    assert.deepStrictEqual(
      r.diagnostics.map((d) => d.line),
      [2],
    );
  });

  it('unknown attributes are warned about and ignored, as NASM does', () => {
    const r = ours('section q foo=1 exec\ndb 1\n').r;
    assert.ok(r.ok);
    assert.deepStrictEqual(
      r.diagnostics.map((d) => d.message),
      ['ignoring unknown section attribute: "foo=1"', 'ignoring unknown section attribute: "exec"'],
    );
  });

  it('section.NAME.start and .vstart, $$ and labels of a vstart section (bytes from nasm 2.16)', () => {
    const r = ours(
      'section .text vstart=0x100\nx: dw x, $$\nsection a follows=.text vstart=0x300\ny: dw y, x, section.a.start, section.a.vstart\n',
    ).r;
    assert.ok(r.ok);
    assert.strictEqual(Buffer.from(r.bytes!).toString('hex'), '000100010003000104000003');
    assert.deepStrictEqual(
      r.sections.map((s) => [s.name, s.address, s.start]),
      [
        ['.text', 0x100, 0],
        ['a', 0x300, 4],
      ],
    );
  });
});

describe('%define names after unary operators', () => {
  it('expand after ~ - ! + and chains of them, in instructions, data, %assign and %if (bytes from nasm 2.16)', () => {
    const source = [
      '%define MASK 0x10',
      '%define NEG -5',
      'bits 32',
      'and eax, ~MASK',
      'mov eax, -MASK',
      'mov eax, !MASK',
      'mov eax,~NEG',
      '%if ~MASK == -17',
      'db 1',
      '%endif',
      '%assign A -~MASK',
      'db ~~MASK, !~MASK, A',
    ].join('\n');
    const r = assemble(source + '\n', { fileName: 'defs.asm' });
    assert.ok(r.ok, r.diagnostics.map((d) => d.message).join('; '));
    assert.strictEqual(Buffer.from(r.bytes!).toString('hex'), '83e0efb8f0ffffffb800000000b80400000001100011');
  });

  it('leave a $-escaped name alone (bytes from nasm 2.16)', () => {
    const r = assemble('%define X 7\n$X: db X\ndw $X\n', { fileName: 'defs.asm' });
    assert.ok(r.ok, r.diagnostics.map((d) => d.message).join('; '));
    assert.strictEqual(Buffer.from(r.bytes!).toString('hex'), '070000');
  });
});
