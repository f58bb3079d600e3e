import { decodeInstruction } from '../../src/isa/decoder';
import * as assert from 'node:assert/strict';
import { INSTRUCTIONS, OPCODE_INDEX, CONDITIONS, hasModrm } from '../../src/isa/instructions';
import { MODELS } from '../../src/isa/models';

// SDM Vol.2 LOCK: "the LOCK prefix can be prepended only to the following instructions and
// only to those forms of the instructions where the destination operand is a memory operand".
const LOCKABLE = new Set([
  'add',
  'adc',
  'and',
  'btc',
  'btr',
  'bts',
  'cmpxchg',
  'cmpxchg8b',
  'dec',
  'inc',
  'neg',
  'not',
  'or',
  'sbb',
  'sub',
  'xor',
  'xadd',
  'xchg',
]);

function key(f: (typeof INSTRUCTIONS)[number]): string {
  return `${f.opcode.map((b) => b.toString(16)).join(' ')}/${f.ext ?? '-'} o${f.osize ?? '*'} a${f.asize ?? '*'}`;
}

describe('instruction table', () => {
  it('LOCK is legal only on the SDM list, and only where the destination can be memory', () => {
    for (const f of INSTRUCTIONS) {
      if (!f.lock) continue;
      assert.ok(LOCKABLE.has(f.mnemonic), `${f.mnemonic} ${key(f)} must not allow LOCK`);
      assert.ok(['Eb', 'Ev', 'Mq'].includes(f.operands[0]), `${f.mnemonic} ${key(f)}: LOCK needs an r/m destination`);
    }
    // Every lockable mnemonic has at least one lockable form.
    for (const m of LOCKABLE)
      assert.ok(
        INSTRUCTIONS.some((f) => f.mnemonic === m && f.lock),
        m,
      );
  });

  it('no two rows claim the same encoding', () => {
    // Rows on one opcode and /digit may split the ModRM byte (x87): memory only, ST(i) (mod = 11),
    // or one whole ModRM byte; a row that takes any ModRM overlaps all of them.
    // MMX: Nq is a register (mod = 11) like ST(i); a memory-only row without /digit (PINSRW mm,
    // m16) splits the ModRM byte too, and a later row on the same bytes that takes any ModRM
    // (PINSRW mm, r32) gets only the register encodings (the decoder takes the first row that fits).
    const modrmClass = (f: (typeof INSTRUCTIONS)[number]): string =>
      f.modrmByte !== undefined
        ? `=${f.modrmByte.toString(16)}`
        : f.operands.includes('STi') || f.operands.includes('Nq')
          ? 'reg'
          : f.operands.some((k) => /^M[a-z]?$/.test(k))
            ? 'mem'
            : 'any';
    const overlap = (a: string, b: string): boolean =>
      a === 'any' || b === 'any' || a === b || (a === 'reg' && b.startsWith('=')) || (b === 'reg' && a.startsWith('='));
    const seen = new Map<string, { cls: string; mnemonic: string }[]>();
    for (const f of INSTRUCTIONS) {
      if (f.mnemonic === 'nop' || (f.mnemonic === 'xchg' && f.opcode[0] === 0x90)) continue; // 90: exact row wins
      if (f.assembleOnly) continue; // checked against the decoder below
      const k = key(f) + (f.suffix !== undefined ? ` suffix ${f.suffix.toString(16)}` : '');
      const others = seen.get(k) ?? [];
      let cls = modrmClass(f);
      if (cls === 'any' && others.some((o) => o.cls === 'mem')) cls = 'reg';
      const clash = others.find((o) => overlap(o.cls, cls));
      assert.ok(clash === undefined, `${k}: ${clash?.mnemonic} and ${f.mnemonic}`);
      seen.set(k, [...others, { cls, mnemonic: f.mnemonic }]);
    }
  });

  it('mnemonics are lower case NASM spellings and flags use only o s z a p c', () => {
    for (const f of INSTRUCTIONS) {
      assert.match(f.mnemonic, /^[a-z][a-z0-9]*$/);
      for (const a of f.aliases ?? []) assert.match(a, /^[a-z][a-z0-9]*$/);
      assert.match(f.flags?.written ?? '', /^[oszapc]*$/);
      assert.match(f.flags?.undefined ?? '', /^[oszapc]*$/);
      for (const ch of f.flags?.undefined ?? '')
        assert.ok(!f.flags!.written.includes(ch), `${f.mnemonic}: ${ch} both written and undefined`);
    }
  });

  it('every required feature is one some model has', () => {
    const known = new Set(MODELS.flatMap((m) => [...m.features]));
    for (const f of INSTRUCTIONS) if (f.requires) assert.ok(known.has(f.requires), `${f.mnemonic}: ${f.requires}`);
  });

  it('SDM flag facts: MUL oc/szap, AND clears o,c with a undefined, BSF z, AAA ac, DAA szapc, AAM szp, BT c', () => {
    const flags = (m: string) => INSTRUCTIONS.find((f) => f.mnemonic === m)!.flags!;
    assert.deepEqual(flags('mul'), { written: 'oc', undefined: 'szap' });
    assert.deepEqual(flags('and'), { written: 'oszpc', undefined: 'a' });
    assert.equal(flags('bsf').written, 'z');
    assert.equal(flags('aaa').written, 'ac');
    assert.equal(flags('daa').written, 'szapc');
    assert.equal(flags('aam').written, 'szp');
    assert.equal(flags('bt').written, 'c');
    assert.ok(flags('shl').countDependent && flags('rcr').countDependent && flags('shld').countDependent);
  });

  it('condition families: 16 conditions with NASM aliases, each in Jcc rel8, Jcc rel16/32, SETcc, CMOVcc', () => {
    assert.equal(CONDITIONS.length, 16);
    for (const exec of ['jcc', 'setcc', 'cmovcc']) {
      const forms = INSTRUCTIONS.filter((f) => f.exec === exec);
      assert.equal(forms.length, exec === 'jcc' ? 32 : 16);
      for (const f of forms) assert.equal(f.opcode[f.opcode.length - 1] & 15, f.condition);
    }
    const je = INSTRUCTIONS.find((f) => f.opcode[0] === 0x74)!;
    assert.equal(je.mnemonic, 'jz');
    assert.deepEqual(je.aliases, ['je']);
  });

  it('the decoder index lists every row under its first opcode byte, exact rows before +r rows', () => {
    for (const f of INSTRUCTIONS) {
      const k = f.opcode.length === 1 ? f.opcode[0] : 0x100 + f.opcode[1];
      // Assembler-only spellings (NASM's x87 shorthands) are left out: another row decodes their bytes.
      assert.equal(OPCODE_INDEX[k].includes(f), !f.assembleOnly, `${f.mnemonic} ${key(f)}`);
      if (f.assembleOnly && !f.waitPrefix) {
        const decoded = decodeInstruction(Uint8Array.from([...f.opcode, f.modrmByte!]), 0, true);
        assert.ok(
          decoded.ok && decoded.form.mnemonic === f.mnemonic,
          `${f.mnemonic}: its bytes decode as ${f.mnemonic}`,
        );
      }
    }
    assert.equal(OPCODE_INDEX[0x90][0].mnemonic, 'nop');
    assert.equal(OPCODE_INDEX[0x91][0].mnemonic, 'xchg');
    assert.ok(hasModrm(INSTRUCTIONS.find((f) => f.mnemonic === 'lea')!));
  });

  it('undocumented decodings that every IA-32 part accepts are present but decode-only: F6 /1 TEST, 82, C0 /6', () => {
    assert.ok(INSTRUCTIONS.some((f) => f.opcode[0] === 0xf6 && f.ext === 1 && f.mnemonic === 'test' && f.decodeOnly));
    assert.ok(INSTRUCTIONS.some((f) => f.opcode[0] === 0x82 && f.ext === 0 && f.decodeOnly));
    assert.ok(INSTRUCTIONS.some((f) => f.opcode[0] === 0xc0 && f.ext === 6 && f.decodeOnly));
    // SALC (D6) is an ordinary row: NASM assembles it and every model executes it.
    assert.ok(INSTRUCTIONS.some((f) => f.mnemonic === 'salc' && f.opcode[0] === 0xd6 && !f.decodeOnly));
  });
});
