// Bad input: clear errors with file:line:column, every error of a file in one run, no
// output for a file with errors, no host exception, bounded time on hostile input.
import * as assert from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';

const CORPUS = join(__dirname, '..', '..', '..', 'test', 'asm', 'corpus');

function errorsOf(source: string, files: Record<string, string> = {}) {
  const r = assemble(source, { fileName: 'bad.asm', readFile: (p) => files[p] });
  return { r, errors: r.diagnostics.filter((d) => d.severity === 'error') };
}

function timed<T>(f: () => T, limitMs: number): T {
  const t = Date.now();
  const v = f();
  assert.ok(Date.now() - t < limitMs, `took ${Date.now() - t} ms`);
  return v;
}

describe('assembler diagnostics', () => {
  it('an unknown mnemonic names the token, its line and column', () => {
    const { r, errors } = errorsOf('bits 32\n  nop\n  movx eax, 1\n');
    assert.strictEqual(r.ok, false);
    assert.strictEqual(r.bytes, undefined);
    assert.strictEqual(errors.length, 1);
    assert.deepStrictEqual([errors[0].line, errors[0].column, errors[0].endColumn], [3, 3, 7]);
    assert.match(errors[0].message, /movx/);
  });

  it('a %{first:last} range past the parameters is an error, as in NASM', () => {
    const { errors } = errorsOf('%macro m 1-*\ndb %{1:3}\n%endmacro\nm 1, 2\n');
    assert.match(errors[0].message, /'%\{1:3\}': macro parameters out of range/);
    assert.strictEqual(errors[0].line, 4);
  });

  it('reports every error of a file in one run', () => {
    const { errors } = errorsOf(
      'bits 32\nfoo eax\nmov eax, undefined_label\nadd eax, bl\ninc [eax]\njmp short far_away\ntimes 200 nop\nfar_away:\n',
    );
    assert.deepStrictEqual(
      errors.map((e) => e.line),
      [2, 3, 4, 5, 6],
    );
    assert.match(errors[1].message, /undefined symbol 'undefined_label'/);
    assert.match(errors[3].message, /operation size not specified/);
    assert.match(errors[4].message, /out of range/);
  });

  it('constants wider than 53 bits keep every bit (64-bit BigInt arithmetic, as NASM)', () => {
    const r = assemble('bits 32\ndq 0x00CF9A000000FFFF\ndq (1 << 60) | 5\nmov eax, 0x123456789abcdef0 >> 32\n', {
      fileName: 'wide.asm',
      readFile: () => undefined,
    });
    assert.ok(r.ok);
    assert.deepStrictEqual(
      [...r.bytes!],
      [
        0xff, 0xff, 0x00, 0x00, 0x00, 0x9a, 0xcf, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0xb8, 0x78,
        0x56, 0x34, 0x12,
      ],
    );
  });

  it('dt takes only floating-point constants', () => {
    const { errors } = errorsOf('dt 1\n');
    assert.match(errors[0].message, /integer supplied as 80-bit data/);
  });

  it('wrong operand combinations say what was expected', () => {
    const { errors } = errorsOf('bits 32\nmov ds, es\nlgdt eax\nmovzx eax, ecx\nout al, dx\n');
    assert.strictEqual(errors.length, 4);
    for (const e of errors) assert.match(e.message, /must be|cannot|expected/);
  });

  it('unsupported NASM features are reported by name', () => {
    const { errors } = errorsOf('bits 32\ndo 1\nresy 2\n');
    assert.ok(errors.some((e) => /'do' is not supported/.test(e.message)));
    assert.ok(errors.some((e) => /'resy' is not supported/.test(e.message)));
  });

  it('macro recursion stops with a clear error', () => {
    const { errors } = timed(() => errorsOf('%macro boom 0\nboom\n%endmacro\nboom\n'), 5000);
    assert.ok(errors.some((e) => /nested deeper than/.test(e.message)));
  });

  it('a recursive %define stops', () => {
    const { r } = timed(() => errorsOf('%define a b\n%define b a\nmov eax, a\n'), 5000);
    assert.strictEqual(r.ok, false);
  });

  it('huge times and %rep bombs are refused, not attempted', () => {
    const times = timed(() => errorsOf('times 1000000000000 db 0\n'), 5000);
    assert.ok(times.errors.some((e) => /exceeds the output limit/.test(e.message)));
    const rep = timed(() => errorsOf('%rep 100000000\n%rep 100000000\nnop\n%endrep\n%endrep\n'), 10000);
    assert.strictEqual(rep.r.ok, false);
  });

  it('recursive %include stops', () => {
    const { errors } = timed(() => errorsOf('%include "a.inc"\n', { 'a.inc': '%include "a.inc"\n' }), 5000);
    assert.ok(errors.some((e) => /nested deeper/.test(e.message)));
  });

  it('binary garbage gives errors, never an exception', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let n = 0; n < 50; n++) {
      let s = '';
      for (let i = 0; i < 400; i++) s += String.fromCharCode(random());
      const r = timed(() => assemble(s, { fileName: 'garbage.bin' }), 5000);
      assert.ok(
        !r.diagnostics.some((d) => /internal assembler error/.test(d.message)),
        r.diagnostics.map((d) => d.message).join('\n'),
      );
      if (!r.ok) assert.strictEqual(r.bytes, undefined);
    }
  });

  it('every prefix of every corpus file assembles or fails cleanly (truncated files)', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.asm') && !f.startsWith('gen-'));
    for (const f of files) {
      const text = readFileSync(join(CORPUS, f), 'latin1');
      for (let cut = 0; cut < text.length; cut += 7) {
        const r = assemble(text.slice(0, cut), { fileName: f });
        assert.ok(
          !r.diagnostics.some((d) => /internal assembler error/.test(d.message)),
          `${f} cut at ${cut}: ${r.diagnostics.map((d) => d.message).join('; ')}`,
        );
        assert.strictEqual(r.ok, r.bytes !== undefined);
      }
    }
  });
});

describe('assembler fuzzing', () => {
  it('mutated corpus sources never throw, never hang, never give bytes with errors', () => {
    const pieces = [
      '[',
      ']',
      ',',
      ':',
      '+',
      '*',
      '-',
      'eax',
      'byte',
      'far',
      'short',
      '$',
      '$$',
      '%',
      '%1',
      '%%x',
      '"',
      "'",
      '`',
      '(',
      ')',
      '?',
      'times',
      'equ',
      'db',
      '%if',
      '%endif',
      '%macro',
      '%rep',
      '%endrep',
      'struc',
      'at',
      'iend',
      'org',
      'section',
      '\\',
      ';',
      'lock',
      'o16',
      'a32',
      'es:',
      '{',
      '}',
      '<<',
      '//',
      '%%',
      '999999999999999999999',
    ];
    const files = readdirSync(CORPUS).filter((n) => n.endsWith('.asm'));
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let run = 0; run < 3000; run++) {
      const f = files[random(files.length)];
      const lines = readFileSync(join(CORPUS, f), 'latin1').split('\n');
      for (let k = 1 + random(4); k > 0; k--) {
        const i = random(lines.length);
        const l = lines[i] ?? '';
        const at = random(l.length + 1);
        const op = random(4);
        if (op === 0) lines[i] = l.slice(0, at) + pieces[random(pieces.length)] + l.slice(at);
        else if (op === 1) lines[i] = l.slice(0, at) + l.slice(at + 1 + random(5));
        else if (op === 2) lines.splice(i, 0, lines[random(lines.length)]);
        else lines.splice(i, 1);
      }
      const r = timed(() => assemble(lines.join('\n'), { fileName: f }), 5000);
      assert.ok(!r.diagnostics.some((d) => /internal assembler error/.test(d.message)), `${f} run ${run}`);
      assert.strictEqual(r.ok, r.bytes !== undefined);
      if (r.diagnostics.some((d) => d.severity === 'error')) assert.strictEqual(r.ok, false);
    }
  });
});

describe('assembler line map and symbols', () => {
  it('maps addresses to lines and lines to addresses, after org', () => {
    const r = assemble('org 0x1000\nbits 32\nstart: mov eax, 1\n  nop\nloop_top: jmp start\n', { fileName: 'm.asm' });
    assert.ok(r.ok);
    assert.deepStrictEqual(r.lineMap.lineAt(0x1000), { file: 'm.asm', line: 3 });
    assert.deepStrictEqual(r.lineMap.lineAt(0x1005), { file: 'm.asm', line: 4 });
    assert.deepStrictEqual(r.lineMap.addressesOf('m.asm', 5), [0x1006]);
    const start = r.symbols.find((s) => s.name === 'start')!;
    assert.deepStrictEqual([start.address, start.line, start.kind, start.section], [0x1000, 3, 'label', '.text']);
  });
});
