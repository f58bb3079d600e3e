// The register and prefix names of src/isa/mnemonics.ts, which the assembler takes as
// its own: every register works as an operand and every prefix emits its byte, with the bytes
// NASM produces (the oracle, when installed), and the disassembler names each register back.
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disassemble } from '../../src/asm/disassemble';
import { assemble } from '../../src/asm/index';
import { PREFIX_INFO, REGISTER_INFO } from '../../src/isa/mnemonics';

type Bits = 16 | 32;

interface Case {
  bits: Bits;
  line: string;
  /** The register name the line is about (lower case), or the prefix word. */
  name: string;
}

/** Lines that use each register as an operand: ModRM reg and r/m, +r opcodes, addresses. */
function registerCases(): Case[] {
  const cases: Case[] = [];
  const add = (name: string, ...lines: string[]) => {
    for (const line of lines) cases.push({ bits: 32, line, name });
  };
  for (const [name, info] of Object.entries(REGISTER_INFO)) {
    const upper = name.toUpperCase();
    switch (info.class) {
      case 'general': {
        add(name, `mov ${name}, ${name}`, `mov ${upper}, 1`, `inc ${name}`);
        if (info.bits === 32) add(name, `mov eax, [${name}]`, `mov eax, [${name}+0x40]`);
        if (info.bits === 32 && name !== 'esp') add(name, `mov eax, [eax+${name}*4]`);
        break;
      }
      case 'segment':
        add(name, `mov ax, ${name}`, `push ${upper}`, `mov eax, [${name}:ebx]`);
        // MOV cannot load CS (SDM Vol.2 MOV: #UD); NASM and we refuse to write it.
        if (name !== 'cs') add(name, `mov ${name}, ax`);
        break;
      case 'control':
      case 'debug':
      case 'test':
        add(name, `mov eax, ${name}`, `mov ${upper}, ecx`);
        break;
      case 'fpu':
        add(name, `fxch ${name}`, `fadd ${upper}, st0`);
        break;
      case 'mmx':
        add(name, `movq ${name}, mm1`, `paddb mm2, ${upper}`, `movd eax, ${name}`);
        break;
    }
  }
  return cases;
}

/** Each prefix word before an instruction it applies to, in the mode where it emits a byte. */
function prefixCases(): Case[] {
  const cases: Case[] = [];
  for (const [name, info] of Object.entries(PREFIX_INFO)) {
    if (info.kind === 'lock') cases.push({ bits: 32, line: `${name} add [eax], ecx`, name });
    else if (info.kind === 'rep') cases.push({ bits: 32, line: `${name} cmpsb`, name });
    // o16/a16 change the size in 32-bit code, o32/a32 in 16-bit code (SDM Vol.2 2.1.1).
    else if (name.startsWith('o')) cases.push({ bits: name.endsWith('16') ? 32 : 16, line: `${name} pushf`, name });
    else cases.push({ bits: name.endsWith('16') ? 32 : 16, line: `${name} lodsb`, name });
  }
  for (const [name, info] of Object.entries(REGISTER_INFO)) {
    if (info.class === 'segment') cases.push({ bits: 32, line: `${name} lodsb`, name });
  }
  return cases;
}

function ours(bits: Bits, lines: string[]): Buffer {
  const r = assemble(`bits ${bits}\n${lines.join('\n')}\n`, { fileName: 'names.asm' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  assert.deepStrictEqual(errors, [], `'${lines.join("', '")}' must assemble`);
  return Buffer.from(r.bytes!);
}

const oursFor = (c: Case) => ours(c.bits, [c.line]);

const NASM = spawnSync('nasm', ['-v']).status === 0;

function nasm(bits: Bits, lines: string[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'asm-names-'));
  try {
    writeFileSync(join(dir, 'names.asm'), `bits ${bits}\n${lines.join('\n')}\n`);
    const run = spawnSync('nasm', ['-f', 'bin', '-o', join(dir, 'names.bin'), join(dir, 'names.asm')], {
      encoding: 'utf8',
    });
    assert.strictEqual(run.status, 0, `nasm rejects '${lines.join("', '")}': ${run.stderr}`);
    return readFileSync(join(dir, 'names.bin'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The cases whose bytes differ from NASM's: one run per mode, line by line only on a difference. */
function differencesFromNasm(cases: Case[]): string[] {
  const differences: string[] = [];
  for (const bits of [16, 32] as const) {
    const lines = cases.filter((c) => c.bits === bits).map((c) => c.line);
    if (lines.length === 0 || ours(bits, lines).equals(nasm(bits, lines))) continue;
    for (const line of lines) {
      const [actual, expected] = [ours(bits, [line]), nasm(bits, [line])];
      if (!actual.equals(expected))
        differences.push(`bits ${bits} '${line}': ours ${actual.toString('hex')}, nasm ${expected.toString('hex')}`);
    }
  }
  return differences;
}

describe('register and prefix names (REGISTER_INFO, PREFIX_INFO) in the assembler', () => {
  const registers = registerCases();
  const prefixes = prefixCases();

  it(`every one of the ${Object.keys(REGISTER_INFO).length} registers assembles as an operand in ${registers.length} lines, as NASM assembles them`, function () {
    for (const name of Object.keys(REGISTER_INFO))
      assert.ok(
        registers.some((c) => c.name === name),
        name,
      );
    if (!NASM) {
      for (const c of registers) oursFor(c);
      this.skip();
    }
    assert.deepStrictEqual(differencesFromNasm(registers), []);
  });

  it('every prefix word of PREFIX_INFO emits its byte first, and every prefix line matches NASM', function () {
    for (const c of prefixes) {
      const info = PREFIX_INFO[c.name];
      if (info) assert.strictEqual(oursFor(c)[0], info.byte, `'${c.line}' starts with ${info.byte.toString(16)}`);
    }
    if (!NASM) this.skip();
    assert.deepStrictEqual(differencesFromNasm(prefixes), []);
  });

  it('segment override prefixes are 26 2E 36 3E 64 65 for ES CS SS DS FS GS (SDM Vol.2 2.1.1)', () => {
    const bytes = prefixes
      .filter((c) => REGISTER_INFO[c.name]?.class === 'segment')
      .map((c) => [c.name, oursFor(c)[0]]);
    assert.deepStrictEqual(bytes, [
      ['es', 0x26],
      ['cs', 0x2e],
      ['ss', 0x36],
      ['ds', 0x3e],
      ['fs', 0x64],
      ['gs', 0x65],
    ]);
  });

  it('the disassembler names every register back in the lines that use it', () => {
    for (const c of registers) {
      const bytes = oursFor(c);
      const lines = disassemble(bytes, 0, bytes.length, true, 0);
      assert.strictEqual(lines.length, 1, c.line);
      assert.match(lines[0].text, new RegExp(`\\b${c.name}\\b`), `'${c.line}' came back as '${lines[0].text}'`);
    }
  });
});
