// Round trip: every instruction of the corpus outputs, decoded by the emulator's decoder and
// formatted by src/asm/disassemble.ts, reassembles to the identical bytes, with our
// assembler and (when installed) with NASM itself.
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disassemble } from '../../src/asm/disassemble';
import { assemble } from '../../src/asm/index';

const CORPUS = join(__dirname, '..', '..', '..', 'test', 'asm', 'corpus');

interface Sample {
  text: string[];
  bytes: number[];
  dataLines: number;
}

/** Instructions of the corpus (data directives excluded), by mode, formatted back to text. */
function collect(): Record<16 | 32, Sample> {
  const samples: Record<16 | 32, Sample> = {
    16: { text: [], bytes: [], dataLines: 0 },
    32: { text: [], bytes: [], dataLines: 0 },
  };
  for (const f of readdirSync(CORPUS)
    .filter((n) => n.endsWith('.asm'))
    .sort()) {
    const path = join(CORPUS, f);
    const source = readFileSync(path, 'latin1');
    const r = assemble(source, { fileName: path, readFile: (p) => (existsSync(p) ? readFileSync(p) : undefined) });
    assert.ok(r.ok, f);
    const modeAt: number[] = [];
    let mode = 16;
    source.split('\n').forEach((l, i) => {
      const m = /^\s*bits\s+(16|32)/.exec(l);
      if (m) mode = Number(m[1]);
      modeAt[i + 1] = mode;
    });
    for (const e of r.lineMap.entries) {
      if (e.file !== path || e.kind !== 'code') continue;
      const bits = modeAt[e.line] as 16 | 32;
      const at = e.address - r.origin;
      const bytes = r.bytes!.subarray(at, at + e.length);
      const s = samples[bits];
      for (const d of disassemble(bytes, 0, bytes.length, bits === 32, e.address)) {
        s.text.push(d.text);
        if (d.text.startsWith('db ')) s.dataLines++;
      }
      for (const b of bytes) s.bytes.push(b);
    }
  }
  return samples;
}

describe('disassembly round trip over the corpus', () => {
  const samples = collect();
  for (const bits of [16, 32] as const) {
    it(`bits ${bits}: ${samples[bits].text.length} instructions reassemble identically with our assembler`, () => {
      const s = samples[bits];
      assert.ok(s.text.length > 3000);
      const r = assemble(`bits ${bits}\n${s.text.join('\n')}\n`, { fileName: `rt${bits}.asm` });
      assert.deepStrictEqual(
        r.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      const ours = Buffer.from(r.bytes!);
      const expected = Buffer.from(s.bytes);
      if (!ours.equals(expected)) {
        let i = 0;
        while (ours[i] === expected[i]) i++;
        assert.fail(`first difference at byte ${i}`);
      }
      // NASM-produced bytes never need the db fallback (decode-only forms, odd prefixes).
      assert.strictEqual(s.dataLines, 0, 'instructions formatted as db');
    });
    it(`bits ${bits}: NASM accepts the formatted text and produces the same bytes`, function () {
      if (!existsSync('/usr/bin/nasm')) {
        this.skip();
        return;
      }
      const dir = mkdtempSync(join(tmpdir(), 'asm-rt-'));
      writeFileSync(join(dir, 'rt.asm'), `bits ${bits}\n${samples[bits].text.join('\n')}\n`);
      execFileSync('/usr/bin/nasm', ['-f', 'bin', '-o', join(dir, 'rt.bin'), join(dir, 'rt.asm')], { stdio: 'pipe' });
      assert.ok(readFileSync(join(dir, 'rt.bin')).equals(Buffer.from(samples[bits].bytes)));
    });
  }

  it('formats bytes NASM cannot produce as data, which still reassembles identically', () => {
    const odd = Uint8Array.from([0x82, 0xc0, 0x05, 0x66, 0x66, 0x90, 0xf6, 0xc8, 0x01, 0xd1, 0xf0, 0x8b, 0x04, 0x20]);
    const lines = disassemble(odd, 0, odd.length, true, 0);
    const r = assemble(`bits 32\n${lines.map((l) => l.text).join('\n')}\n`, { fileName: 'odd.asm' });
    assert.ok(r.ok);
    assert.ok(Buffer.from(r.bytes!).equals(Buffer.from(odd)));
  });

  it('shows MOV CS, r/m (8E /1, #UD on the CPU) as NASM writes it, and NASM and we assemble it back', () => {
    // Bytes from nasm: bits 32 `mov cs, ax`, `mov cs, word [0x1000]`, `o16 mov cs, dx`;
    // bits 16 `mov cs, ax`, `mov cs, word [0x1000]`, `mov cs, word [es:bx+0x4]`.
    const cases: [16 | 32, number[], string][] = [
      [32, [0x8e, 0xc8], 'mov cs, ax'],
      [32, [0x8e, 0x0d, 0x00, 0x10, 0x00, 0x00], 'mov cs, word [0x1000]'],
      [32, [0x66, 0x8e, 0xca], 'o16 mov cs, dx'],
      [16, [0x8e, 0xc8], 'mov cs, ax'],
      [16, [0x8e, 0x0e, 0x00, 0x10], 'mov cs, word [0x1000]'],
      [16, [0x26, 0x8e, 0x4f, 0x04], 'mov cs, word [es:bx+0x4]'],
    ];
    for (const [bits, bytes, text] of cases) {
      const lines = disassemble(Uint8Array.from(bytes), 0, bytes.length, bits === 32, 0);
      assert.deepStrictEqual(
        lines.map((l) => [l.text, l.length]),
        [[text, bytes.length]],
      );
      const r = assemble(`bits ${bits}\n${text}\n`, { fileName: 'movcs.asm' });
      assert.ok(r.ok, text);
      assert.deepStrictEqual(Array.from(r.bytes!), bytes, text);
    }
  });
});
