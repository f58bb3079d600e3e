// `times N incbin FILE[, skip[, length]]`: NASM repeats the included bytes N times. Checked
// against the file's own bytes, and against nasm run in a scratch directory holding the file
// (NASM 2.16 cannot repeat an INCBIN whose file it found through -I, so the corpus, which
// nasm reads with -I, cannot hold this case).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';
import { hasNasm } from '../cli/cliProcess';

const DATA = Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff);
const SOURCE = `        org 0x100
start:  jmp short code
        times 3 incbin "data.bin", 0, 8
banner: times 2 incbin "data.bin", 4, 6
        incbin "data.bin", 30
        times 0 incbin "data.bin"
        times 16 - ($ - $$) % 16 db 0x90
code:   mov si, banner
        ret
`;

function ours(): Buffer {
  const r = assemble(SOURCE, {
    fileName: 'demo.asm',
    readFile: (p) => (p.endsWith('data.bin') ? DATA : undefined),
  });
  assert.ok(r.ok && r.bytes, r.diagnostics.map((d) => d.message).join('; '));
  return Buffer.from(r.bytes);
}

describe('assembler: times with incbin', () => {
  it('repeats the selected bytes of the file', () => {
    const b = ours();
    const slice = (from: number, n: number) => [...DATA.subarray(from, from + n)];
    const expected = [
      ...[0xeb, 0], // jmp short code (patched below)
      ...slice(0, 8),
      ...slice(0, 8),
      ...slice(0, 8),
      ...slice(4, 6),
      ...slice(4, 6),
      ...slice(30, 10),
    ];
    assert.deepEqual([...b.subarray(2, expected.length)], expected.slice(2));
    assert.equal(b[1], 64 - 2); // code starts at the next 16-byte boundary: 0x140
  });

  it('gives the image nasm gives', function () {
    if (!hasNasm()) return this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'asm-incbin-'));
    try {
      writeFileSync(join(dir, 'data.bin'), DATA);
      writeFileSync(join(dir, 'demo.asm'), SOURCE);
      const run = spawnSync('nasm', ['-f', 'bin', '-o', 'demo.bin', 'demo.asm'], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.ok(readFileSync(join(dir, 'demo.bin')).equals(ours()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
