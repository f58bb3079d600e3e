// The per-name facts of src/isa/mnemonics.ts: they cover exactly the names of the
// instruction table, and NASM (the oracle, when installed) knows every mnemonic, prefix and
// register name they list.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTRUCTIONS } from '../../src/isa/instructions';
import { MNEMONIC_INFO } from '../../src/isa/mnemonicInfo';
import { CONDITION_CODES, PREFIX_INFO, REGISTER_INFO } from '../../src/isa/mnemonics';

function tableNames(): Set<string> {
  const names = new Set<string>();
  for (const row of INSTRUCTIONS) {
    names.add(row.mnemonic);
    for (const alias of row.aliases ?? []) names.add(alias);
  }
  return names;
}

/** Assembles `lines` (one statement each) with NASM in 32-bit bin format; returns stderr lines. */
function nasmDiagnostics(lines: string[]): string[] | null {
  const probe = spawnSync('nasm', ['-v'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'i386-lab-names-'));
  try {
    const source = join(dir, 'names.asm');
    writeFileSync(source, ['bits 32', ...lines].join('\n') + '\n');
    const run = spawnSync('nasm', ['-f', 'bin', '-o', join(dir, 'names.bin'), source], { encoding: 'utf8' });
    return run.stderr.split('\n').filter((l) => l.trim() !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Source line numbers (1-based, after the `bits 32` line) whose diagnostic matches `pattern`. */
function linesMatching(diagnostics: string[], pattern: RegExp): number[] {
  return diagnostics.filter((d) => pattern.test(d)).map((d) => Number(/:(\d+):/.exec(d)?.[1]) - 1);
}

describe('mnemonic, prefix and register facts (src/isa/mnemonics.ts)', () => {
  it('MNEMONIC_INFO has exactly the mnemonics and aliases of INSTRUCTIONS', () => {
    const names = tableNames();
    const facts = new Set(Object.keys(MNEMONIC_INFO));
    assert.deepEqual([...names].filter((n) => !facts.has(n)).sort(), [], 'table names without facts');
    assert.deepEqual([...facts].filter((n) => !names.has(n)).sort(), [], 'facts for names the table lacks');
  });

  it('each summary is one short line', () => {
    for (const [name, info] of Object.entries({ ...MNEMONIC_INFO, ...REGISTER_INFO, ...PREFIX_INFO })) {
      assert.ok(info.summary.length > 10 && info.summary.length <= 120, `${name}: ${info.summary.length} characters`);
      assert.ok(!info.summary.includes('\n'), name);
    }
  });

  it('LOCK and every system-call mechanism say what they do in i386 Lab (for the hover)', () => {
    assert.match(PREFIX_INFO.lock.lab ?? '', /lock nop/);
    assert.match(MNEMONIC_INFO.nop.lab ?? '', /#UD/);
    assert.match(MNEMONIC_INFO.int.lab ?? '', /int 0x30/);
    for (const name of ['call', 'sysenter', 'sysexit', 'syscall', 'sysret', 'cpuid']) {
      assert.ok((MNEMONIC_INFO[name].lab ?? '').length > 20, name);
    }
  });

  it('the condition-code families share one group each: Jcc control, SETcc bit, CMOVcc data', () => {
    const expected = { j: 'control', set: 'bit', cmov: 'data' } as const;
    for (const [family, group] of Object.entries(expected)) {
      for (const cc of CONDITION_CODES) {
        for (const name of cc.names) assert.equal(MNEMONIC_INFO[family + name]?.group, group, family + name);
      }
    }
  });

  it('general registers are listed per size in the hardware numbering (SDM Vol.2 Table 2-1)', () => {
    const bySize = (bits: number) =>
      Object.entries(REGISTER_INFO)
        .filter(([, r]) => r.class === 'general' && r.bits === bits)
        .map(([n]) => n);
    assert.deepEqual(bySize(32), ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi']);
    assert.deepEqual(bySize(16), ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di']);
    assert.deepEqual(bySize(8), ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh']);
    const segments = Object.entries(REGISTER_INFO)
      .filter(([, r]) => r.class === 'segment')
      .map(([n]) => n);
    assert.deepEqual(segments, ['es', 'cs', 'ss', 'ds', 'fs', 'gs']);
  });

  describe('NASM knows every name (oracle: /usr/bin/nasm)', () => {
    it('every mnemonic is an instruction to NASM (alone on a line it is not taken for a label)', function () {
      const names = Object.keys(MNEMONIC_INFO);
      const diagnostics = nasmDiagnostics(names);
      if (diagnostics === null) this.skip();
      const unknown = linesMatching(diagnostics!, /label alone on a line/).map((line) => names[line - 1]);
      assert.deepEqual(unknown, []);
    });

    it('every prefix is a prefix to NASM', function () {
      const names = Object.keys(PREFIX_INFO);
      const diagnostics = nasmDiagnostics(names.map((n) => `${n} movsb`));
      if (diagnostics === null) this.skip();
      assert.deepEqual(
        linesMatching(diagnostics!, /error/).map((line) => names[line - 1]),
        [],
      );
    });

    it('every register is a register to NASM (no "symbol not defined")', function () {
      const names = Object.keys(REGISTER_INFO);
      const diagnostics = nasmDiagnostics(names.map((n) => `mov eax, ${n}`));
      if (diagnostics === null) this.skip();
      assert.deepEqual(
        linesMatching(diagnostics!, /not defined/).map((line) => names[line - 1]),
        [],
      );
    });

    it('the oracle itself tells a made-up mnemonic and register from real ones', function () {
      const mnemonics = nasmDiagnostics(['bswap', 'frobnicate', 'wait']);
      if (mnemonics === null) this.skip();
      assert.deepEqual(linesMatching(mnemonics, /label alone on a line/), [2]);
      // "not defined" comes from NASM's last pass: other errors in the file must not hide it
      const registers = nasmDiagnostics(['mov eax, al', 'mov eax, cr9x', 'mov eax, es']);
      assert.deepEqual(linesMatching(registers!, /not defined/), [2]);
    });
  });
});
