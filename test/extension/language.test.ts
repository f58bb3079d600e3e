// The editor's language features over plain inputs: hovers derived from the instruction and
// model tables, the lexical index checked against the assembler's own symbol table on the
// real examples, outline, completions and diagnostics with exact ranges.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderAbiInc } from '../../src/kernel/abi';
import { mnemonicFacts } from '../../src/extension/language/instructionFacts';
import { labelHover, mnemonicHover, prefixHover, registerHover } from '../../src/extension/language/hoverText';
import { codeOf, indexSource } from '../../src/extension/language/sourceIndex';
import { WorkspaceIndex } from '../../src/extension/language/workspaceIndex';
import { completions, outline, scopeAt } from '../../src/extension/language/outline';
import {
  checkKernel,
  checkProgram,
  Debouncer,
  kernelSourceDir,
  usesKernelAbi,
} from '../../src/extension/language/programCheck';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const ABI_PATH = 'i386-lab:/abi.inc';

function examplesWorkspace(): WorkspaceIndex {
  const ws = new WorkspaceIndex(new Map([['abi.inc', ABI_PATH]]));
  for (const name of fs.readdirSync(EXAMPLES))
    ws.set(path.join(EXAMPLES, name), fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
  ws.set(ABI_PATH, renderAbiInc());
  return ws;
}

const readExample = (p: string): string | undefined => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);

describe('extension: mnemonic hover facts come from the instruction and model tables', () => {
  it('sysenter exists on pentium-ii and athlon only (Pentium Pro reports SEP but raises #UD)', () => {
    assert.deepStrictEqual(mnemonicFacts('sysenter')?.models, ['pentium-ii', 'athlon']);
  });
  it('syscall exists on the AMD parts k6-2 and athlon', () => {
    assert.deepStrictEqual(mnemonicFacts('syscall')?.models, ['k6-2', 'athlon']);
  });
  it('add writes all six arithmetic flags, is lockable and exists on every model', () => {
    const f = mnemonicFacts('add')!;
    assert.deepStrictEqual(f.flagsWritten, ['OF', 'SF', 'ZF', 'AF', 'PF', 'CF']);
    assert.strictEqual(f.lockable, true);
    assert.strictEqual(f.models.length, 9);
    assert.ok(f.forms.includes('add r/m16/32, r16/32'), f.forms.join(' | '));
    assert.ok(f.forms.includes('add al, imm8'), f.forms.join(' | '));
  });
  it('aliases are found: jz and je share the Jcc rows; shl notes the count rule', () => {
    assert.deepStrictEqual(mnemonicFacts('je')?.forms, ['je rel8', 'je rel16/32']);
    assert.strictEqual(mnemonicFacts('shl')?.countDependent, true);
  });
  it('mul leaves SF ZF AF PF undefined (SDM Vol.2 MUL)', () => {
    assert.deepStrictEqual(mnemonicFacts('mul')?.flagsUndefined, ['SF', 'ZF', 'AF', 'PF']);
  });
  it('mov: only the test-register forms are restricted, to the 386 and 486 models', () => {
    const r = mnemonicFacts('mov')!.restrictedForms;
    assert.ok(r.length > 0 && r.every((x) => x.feature === 'testRegisters'), JSON.stringify(r));
    assert.deepStrictEqual(r[0].models, ['i386-early', 'i386', 'i486-nocpuid', 'i486']);
  });
  it('the hover of lock and of the fast system calls says what they do in i386 Lab', () => {
    assert.match(prefixHover('LOCK')!, /F0h[\s\S]*In i386 Lab:.*lock nop/);
    assert.match(mnemonicHover('sysenter')!, /Models: `pentium-ii`, `athlon`[\s\S]*In i386 Lab:.*pentium-pro/);
    assert.match(mnemonicHover('syscall')!, /EFER\.SCE/);
    assert.strictEqual(mnemonicHover('main'), undefined);
  });
  it('a register hover shows the value while debugging', () => {
    assert.match(registerHover('EAX', '0x00001000')!, /general register, 32 bits[\s\S]*KIP address[\s\S]*`0x00001000`/);
    assert.strictEqual(registerHover('foo'), undefined);
  });
  it('a label hover shows address and defining line; an equ shows its value', () => {
    assert.match(
      labelHover({ name: 'main', address: 0x400010, kind: 'label', file: 'a.asm', line: 14, text: 'main:' }, 'a.asm'),
      /at 0x00400010[\s\S]*a\.asm:14/,
    );
    assert.match(
      labelHover({ name: 'N', address: 1000, kind: 'equ', file: 'a.asm', line: 3 }, 'a.asm'),
      /= 0x000003E8 \(1000\)/,
    );
  });
});

describe('extension: the lexical index agrees with the assembler', () => {
  it('comments are stripped and strings blanked, keeping columns', () => {
    assert.strictEqual(codeOf(`db "a;b", 'x' ; c`), `db "   ", ' ' `);
  });

  for (const example of ['ask-kernel.asm', 'threads.asm', 'shared-page.asm', 'faults.asm']) {
    it(`every label, local label and equ the assembler defines in ${example} is found at the same file:line`, function () {
      const file = path.join(EXAMPLES, example);
      if (!fs.existsSync(file)) this.skip();
      const ws = examplesWorkspace();
      const check = checkProgram(fs.readFileSync(file, 'utf8'), file, readExample);
      assert.ok(check.ok, JSON.stringify([...check.byFile.values()].flat()));
      const user = check.symbols.filter((s) => !s.file.endsWith('abi.inc') && !s.name.includes('..@'));
      assert.ok(user.length > 5);
      for (const s of user) {
        const defs = ws.definitions(file, s.name);
        assert.ok(
          defs.some((d) => d.file === s.file && d.item.line === s.line - 1),
          `${s.name} (${s.kind}) at ${s.file}:${s.line}, index has ${JSON.stringify(defs.map((d) => `${d.file}:${d.item.line + 1}`))}`,
        );
      }
    });
  }

  it('go to definition across %include: print (macro) and ask_kernel (label) live in user.inc, KIP_MAGIC in abi.inc', () => {
    const ws = examplesWorkspace();
    const file = path.join(EXAMPLES, 'ask-kernel.asm');
    assert.deepStrictEqual(
      ws.definitions(file, 'print').map((d) => [path.basename(d.file), d.item.kind]),
      [['user.inc', 'macro']],
    );
    assert.deepStrictEqual(
      ws.definitions(file, 'ask_kernel').map((d) => path.basename(d.file)),
      ['user.inc'],
    );
    assert.deepStrictEqual(
      ws.definitions(file, 'KIP_MAGIC').map((d) => [d.file, d.item.kind]),
      [[ABI_PATH, 'define']],
    );
  });

  it('a local label reference resolves to its scope: `jc .no_answer` in main is main.no_answer', () => {
    const ws = examplesWorkspace();
    const file = path.join(EXAMPLES, 'ask-kernel.asm');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => /jc \.no_answer/.test(l));
    const o = ws.occurrenceAt(file, line, lines[line].indexOf('.no_answer') + 2)!;
    assert.strictEqual(o.name, 'main.no_answer');
    const def = ws.definitions(file, o.name);
    assert.strictEqual(def.length, 1);
    assert.match(lines[def[0].item.line], /^\.no_answer:/);
  });

  it('find references counts every use of a name in the unit, with or without the definition', () => {
    const src = 'start:\n  call f\n  jmp f\nf: ret\n.l: jmp .l\n';
    const ws = new WorkspaceIndex();
    ws.set('/a.asm', src);
    assert.strictEqual(ws.references('/a.asm', 'f', true).length, 3);
    assert.strictEqual(ws.references('/a.asm', 'f', false).length, 2);
    assert.deepStrictEqual(
      ws.references('/a.asm', 'f.l', true).map((r) => r.item.line),
      [4, 4],
    );
  });

  it('macro-local labels belong to their macro, struc fields to their struc', () => {
    const idx = indexSource('%macro m 0\n%%x: jmp %%x\n%endmacro\nstruc pt\n.x resd 1\nendstruc\n');
    assert.deepStrictEqual(
      idx.definitions.map((d) => `${d.kind}:${d.name}`),
      ['macro:m', 'label:m%%x', 'struc:pt', 'local:pt.x'],
    );
  });

  it('files are joined through includes in both directions, not across unrelated programs', () => {
    const ws = examplesWorkspace();
    const unit = ws.unit(path.join(EXAMPLES, 'user.inc')).map((f) => path.basename(f));
    assert.ok(
      unit.includes('ask-kernel.asm') && unit.includes('threads.asm') && unit.includes('abi.inc'),
      unit.join(' '),
    );
    const solo = new WorkspaceIndex();
    solo.set('/x/a.asm', 'a: ret');
    solo.set('/x/b.asm', 'b: ret');
    assert.deepStrictEqual(solo.unit('/x/a.asm'), ['/x/a.asm']);
  });
});

describe('extension: outline and completions', () => {
  const src = 'section .text\nmain:\n  nop\n.loop: jmp .loop\nN equ 3\nhelper:\n  ret\nsection .data\nmsg db "hi"\n';
  it('sections and labels at the top, locals under their label, label ranges end before the next one', () => {
    const tree = outline(indexSource(src), 9);
    assert.deepStrictEqual(
      tree.map((s) => `${s.kind}:${s.name}:${s.line}-${s.endLine}`),
      ['section:.text:0-0', 'label:main:1-4', 'equ:N:4-4', 'label:helper:5-6', 'section:.data:7-7', 'label:msg:8-8'],
    );
    assert.deepStrictEqual(
      tree[1].children.map((c) => c.name),
      ['.loop'],
    );
  });
  it('completions offer mnemonics, registers, visible labels and only the locals of the current scope', () => {
    const ws = new WorkspaceIndex();
    ws.set('/p.asm', src);
    assert.strictEqual(scopeAt(ws.index('/p.asm')!, 3), 'main');
    const at3 = completions(ws, '/p.asm', 3).map((c) => `${c.kind}:${c.label}`);
    for (const want of [
      'mnemonic:sysenter',
      'prefix:lock',
      'register:eax',
      'register:cr0',
      'label:main',
      'label:helper',
      'equ:N',
      'local:.loop',
    ])
      assert.ok(at3.includes(want), want);
    const at6 = completions(ws, '/p.asm', 6).map((c) => c.label);
    assert.ok(!at6.includes('.loop'));
  });
});

describe('extension: diagnostics as you type', () => {
  it('an unknown mnemonic is reported on its own line with the exact columns', () => {
    const src = 'bits 32\norg 0x100000\n  mov eax, 1\n  frobnicate eax\n  hlt\n';
    const check = checkProgram(src, '/t/prog.asm', () => undefined);
    assert.strictEqual(check.ok, false);
    const diags = check.byFile.get('/t/prog.asm')!;
    assert.strictEqual(diags.length, 1, JSON.stringify(diags));
    assert.strictEqual(diags[0].line, 3);
    assert.strictEqual(src.split('\n')[3].slice(diags[0].start, diags[0].end), 'frobnicate');
  });
  it('errors inside an include are grouped under the include file; abi.inc is served', () => {
    const files: Record<string, string> = { '/t/lib.inc': 'helper:\n  mov eax, [nowhere]\n  ret\n' };
    const src = 'bits 32\n%include "abi.inc"\norg ADDR_FLAT_LOAD\n%include "lib.inc"\n  call helper\n';
    const check = checkProgram(src, '/t/main.asm', (p) => files[p]);
    assert.deepStrictEqual(check.byFile.get('/t/main.asm'), []);
    assert.deepStrictEqual(
      check.byFile.get('/t/lib.inc')!.map((d) => d.line),
      [1],
    );
    assert.ok(usesKernelAbi(src) && !usesKernelAbi('bits 32\nhlt\n'));
  });
  it('the debouncer runs once, after the last of rapid changes', () => {
    const timers: { fn: () => void; due: number }[] = [];
    let now = 0;
    const d = new Debouncer<string>(300, {
      set: (fn, ms) => {
        const t = { fn, due: now + ms };
        timers.push(t);
        return t;
      },
      clear: (h) => {
        timers.splice(timers.indexOf(h as (typeof timers)[number]), 1);
      },
    });
    let runs = 0;
    for (let i = 0; i < 5; i++) {
      now += 100;
      d.schedule('a', () => runs++);
    }
    assert.strictEqual(timers.length, 1);
    assert.strictEqual(timers[0].due, 800);
    timers[0].fn();
    assert.strictEqual(runs, 1);
  });
});

describe('language: kernel sources are diagnosed as the kernel is built', () => {
  const ROOT_DIR = path.resolve(__dirname, '../../..');
  const KERNEL = path.join(ROOT_DIR, 'src', 'kernel');
  const read = (p: string): string | undefined => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  it('traps.asm alone is not a program: assembled alone it reports undefined symbols by the dozen', () => {
    const alone = checkProgram(read(path.join(KERNEL, 'traps.asm'))!, path.join(KERNEL, 'traps.asm'), read);
    const undefinedSymbols = [...alone.byFile.values()].flat().filter((d) => /undefined|not defined/i.test(d.message));
    assert.ok(undefinedSymbols.length > 20, `${undefinedSymbols.length} undefined-symbol errors`);
  });
  it("a kernel source (traps.asm, frame.inc) belongs to its folder's kernel.asm; a program elsewhere does not", () => {
    assert.strictEqual(kernelSourceDir(path.join(KERNEL, 'traps.asm'), fs.existsSync), KERNEL);
    assert.strictEqual(kernelSourceDir(path.join(KERNEL, 'frame.inc'), fs.existsSync), KERNEL);
    assert.strictEqual(kernelSourceDir(path.join(ROOT_DIR, 'examples', 'ask-kernel.asm'), fs.existsSync), undefined);
    assert.strictEqual(kernelSourceDir('/elsewhere/traps.asm', fs.existsSync), undefined);
  });
  it('the whole kernel with its generated abi.inc: no diagnostics in any of its files', () => {
    const r = checkKernel(KERNEL, read);
    assert.ok(r.ok);
    assert.ok(r.byFile.has(path.join(KERNEL, 'traps.asm')));
    assert.deepStrictEqual([...r.byFile.values()].flat(), []);
  });
  it('an error in a kernel source is reported in that file, at its line', () => {
    const traps = path.join(KERNEL, 'traps.asm');
    const broken = read(traps)!.replace(/^(\s+)iretd$/m, '$1iretd\n$1mov eax, no_such_label');
    const line = broken.split('\n').findIndex((l) => l.includes('no_such_label'));
    const r = checkKernel(KERNEL, (p) => (p === traps ? broken : read(p)));
    assert.ok(!r.ok);
    const list = r.byFile.get(traps)!;
    assert.strictEqual(list.length, 1, JSON.stringify(list));
    assert.strictEqual(list[0].line, line);
  });
});
