// The corpus against NASM: committed expected bytes (from nasm -f bin via
// scripts/gen-asm-expected.ts), a live re-run of nasm when it is installed, and the lines
// NASM rejects (test/asm/rejects), which we must reject too.
import * as assert from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';

const ROOT = join(__dirname, '..', '..', '..', 'test', 'asm');
const CORPUS = join(ROOT, 'corpus');
const REJECTS = join(ROOT, 'rejects');

function readFile(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function ours(name: string): Uint8Array {
  const path = join(CORPUS, name);
  const r = assemble(readFileSync(path, 'latin1'), { fileName: path, readFile });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepStrictEqual(errors, [], `${name} must assemble`);
  return r.bytes!;
}

function firstDifference(a: Uint8Array, b: Uint8Array): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `first difference at offset ${i}: ours ${a[i]?.toString(16)} nasm ${b[i]?.toString(16)} (lengths ${a.length}/${b.length})`;
  }
  return '';
}

const sources = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.asm'))
  .sort();

describe('assembler corpus: byte-identical to nasm -f bin', () => {
  it('has at least 300 sources, each with committed expected bytes', () => {
    assert.ok(sources.length >= 300, `${sources.length} sources`);
    for (const s of sources) assert.ok(existsSync(join(CORPUS, s.replace(/\.asm$/, '.bin'))), `${s} has no .bin`);
  });
  for (const s of sources) {
    it(s, () => {
      const expected = readFileSync(join(CORPUS, s.replace(/\.asm$/, '.bin')));
      const actual = Buffer.from(ours(s));
      assert.ok(actual.equals(expected), firstDifference(actual, expected));
    });
  }
});

describe('assembler corpus: live nasm', () => {
  const nasm = existsSync('/usr/bin/nasm') ? '/usr/bin/nasm' : undefined;
  it('re-runs nasm on every source and compares', function () {
    if (!nasm) {
      this.skip();
      return;
    }
    const out = join(mkdtempSync(join(tmpdir(), 'asm-live-')), 'out.bin');
    for (const s of sources) {
      execFileSync(nasm, ['-f', 'bin', '-I', CORPUS + '/', '-o', out, join(CORPUS, s)], { stdio: 'ignore' });
      const expected = readFileSync(out);
      const actual = Buffer.from(ours(s));
      assert.ok(actual.equals(expected), `${s}: ${firstDifference(actual, expected)}`);
    }
  });
  if (!nasm)
    it('nasm is not installed: the live comparison is skipped (committed bytes still checked)', () => undefined);
});

describe('assembler listing against nasm -l', () => {
  it("is identical to NASM's listing for every corpus source NASM assembles without warnings", function () {
    if (!existsSync('/usr/bin/nasm')) {
      this.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'asm-lst-'));
    let compared = 0;
    for (const s of sources) {
      const lst = join(dir, 'out.lst');
      const run = spawnSync('/usr/bin/nasm', [
        '-f',
        'bin',
        '-I',
        CORPUS + '/',
        '-l',
        lst,
        '-o',
        join(dir, 'out.bin'),
        join(CORPUS, s),
      ]);
      if (run.status !== 0 || run.stderr.length > 0) continue; // NASM puts its warnings into the listing
      const path = join(CORPUS, s);
      const r = assemble(readFileSync(path, 'latin1'), { fileName: path, readFile, listing: true });
      assert.strictEqual(r.listing, readFileSync(lst, 'latin1'), `${s}: listing differs`);
      compared++;
    }
    assert.ok(compared > 300, `${compared} listings compared`);
  });
});

describe('assembler rejects what nasm rejects', () => {
  for (const f of readdirSync(REJECTS)
    .filter((n) => n.endsWith('.asm'))
    .sort()) {
    it(f, () => {
      const text = readFileSync(join(REJECTS, f), 'latin1');
      const r = assemble(text, { fileName: f });
      assert.strictEqual(r.ok, false);
      assert.strictEqual(r.bytes, undefined);
      const errorLines = new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line));
      text.split('\n').forEach((line, i) => {
        if (i < 3 || line === '' || /^(bits |label_|times |equ_)/.test(line)) return;
        assert.ok(errorLines.has(i + 1), `line ${i + 1} '${line}' must be an error`);
      });
    });
  }
});
