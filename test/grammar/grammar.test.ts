// The assembly grammar: the committed file is what the generator produces, the scope
// assertions under test/grammar/cases hold (vscode-tmgrammar-test's unit format), every
// mnemonic, prefix and register of the facts table gets its scope, and the snapshot corpus
// (examples, kernel sources, test/grammar/corpus) tokenizes as recorded.

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnap } from 'vscode-tmgrammar-test/dist/snapshot/index';
import { parseGrammarTestCase, runGrammarTestCase } from 'vscode-tmgrammar-test/dist/unit/index';
import { MNEMONIC_INFO } from '../../src/isa/mnemonicInfo';
import { PREFIX_INFO, REGISTER_INFO } from '../../src/isa/mnemonics';
import {
  GRAMMAR_FILE,
  SCOPE_NAME,
  grammarText,
  mnemonicScope,
  prefixScope,
  registerScope,
} from '../../scripts/gen-grammar';
import {
  corpusFiles,
  grammarRegistry,
  projectRoot,
  readProjectFile,
  renderSnapshot,
  snapshotFiles,
  snapshotPath,
  type Registry,
} from '../../scripts/grammar-corpus';

const root = projectRoot();
const CASES_DIR = join(root, 'test/grammar/cases');

interface LineTokens {
  text: string;
  scopes: string[];
}

/** Tokenizes one source line from the initial state; returns the non-blank tokens. */
async function tokenizeLine(registry: Registry, line: string): Promise<LineTokens[]> {
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  assert.ok(grammar, `grammar ${SCOPE_NAME} did not load`);
  const { tokens } = grammar.tokenizeLine(line, null);
  return tokens
    .map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }))
    .filter((t) => t.text.trim() !== '');
}

describe('assembly grammar (syntaxes/i386-asm.tmLanguage.json)', () => {
  let registry: Registry;
  before(() => {
    registry = grammarRegistry(root);
  });

  it('the committed grammar is exactly what scripts/gen-grammar.ts generates (run npm run gen-grammar)', () => {
    assert.equal(readFileSync(join(root, GRAMMAR_FILE), 'utf8'), grammarText());
  });

  describe('scope assertions in test/grammar/cases', () => {
    const cases = readdirSync(CASES_DIR)
      .filter((f) => f.endsWith('.asm'))
      .sort();
    it('has cases for instructions, operands, labels, directives and the preprocessor', () => {
      assert.deepEqual(cases, ['directives.asm', 'instructions.asm', 'labels.asm', 'operands.asm', 'preprocessor.asm']);
    });
    for (const file of cases) {
      it(file, async () => {
        const testCase = parseGrammarTestCase(readFileSync(join(CASES_DIR, file), 'utf8'));
        assert.equal(testCase.metadata.scope, SCOPE_NAME);
        assert.ok(testCase.assertions.length > 0, 'a case file without assertions tests nothing');
        const failures = await runGrammarTestCase(registry, testCase);
        const report = failures.map(
          (f) =>
            `${file}:${f.line + 1} columns ${f.start}-${f.end} "${testCase.source[f.srcLine].slice(f.start, f.end)}": ` +
            `missing [${f.missing.join(' ')}] unexpected [${f.unexpected.join(' ')}] actual [${f.actual.join(' ')}]`,
        );
        assert.deepEqual(report, []);
      });
    }
  });

  describe('every name of the facts table gets its scope, in any letter case', () => {
    it('mnemonics: scope by group (control transfers as keyword.control)', async () => {
      for (const [name, info] of Object.entries(MNEMONIC_INFO)) {
        for (const spelling of [name, name.toUpperCase()]) {
          const tokens = await tokenizeLine(registry, `    ${spelling} eax`);
          assert.equal(tokens[0].text, spelling);
          assert.ok(tokens[0].scopes.includes(mnemonicScope(info.group)), `${spelling}: ${tokens[0].scopes.join(' ')}`);
        }
      }
    });

    it('mnemonics used as operands are label references, not mnemonics', async () => {
      for (const name of Object.keys(MNEMONIC_INFO)) {
        const tokens = await tokenizeLine(registry, `    jmp ${name}`);
        assert.equal(tokens[1].text, name);
        assert.ok(tokens[1].scopes.includes('variable.other.label.i386'), `${name}: ${tokens[1].scopes.join(' ')}`);
      }
    });

    it('registers: scope by class', async () => {
      for (const [name, info] of Object.entries(REGISTER_INFO)) {
        const tokens = await tokenizeLine(registry, `    push ${name.toUpperCase()}`);
        assert.ok(tokens[1].scopes.includes(registerScope(info.class)), `${name}: ${tokens[1].scopes.join(' ')}`);
      }
    });

    it('prefixes: scope by kind, and the instruction after them is still a mnemonic', async () => {
      for (const [name, info] of Object.entries(PREFIX_INFO)) {
        const tokens = await tokenizeLine(registry, `    ${name} movsb`);
        assert.ok(tokens[0].scopes.includes(prefixScope(info.kind)), `${name}: ${tokens[0].scopes.join(' ')}`);
        assert.ok(tokens[1].scopes.includes(mnemonicScope('string')), `${name} movsb: ${tokens[1].scopes.join(' ')}`);
      }
    });

    it('no mnemonic, register or prefix is scoped under keyword.operator (plain text in Dark+/Light+)', async () => {
      const names = [...Object.keys(MNEMONIC_INFO), ...Object.keys(PREFIX_INFO)];
      for (const name of names) {
        const tokens = await tokenizeLine(registry, `    ${name}`);
        assert.ok(!tokens[0].scopes.some((s) => s.startsWith('keyword.operator')), name);
      }
    });
  });

  describe('snapshot corpus (examples/*.asm, src/kernel/**/*.asm, test/grammar/corpus)', () => {
    const files = corpusFiles(root);

    it('includes the hand-written corpus', () => {
      assert.ok(
        files.some((f) => f.startsWith('test/grammar/corpus/')),
        files.join(', '),
      );
    });

    it('has a snapshot for every hand-written corpus file', () => {
      const recorded = new Set(snapshotFiles(root));
      const own = files.filter((f) => f.startsWith('test/grammar/corpus/'));
      assert.deepEqual(
        own.filter((f) => !recorded.has(snapshotPath(f))),
        [],
      );
    });

    for (const file of files) {
      const snap = snapshotPath(file);
      const recorded = existsSync(join(root, snap));
      it(`${file}: every line ends back in the base state${recorded ? '' : ' (no snapshot yet: npm run gen-grammar-snapshots)'}`, async () => {
        const grammar = await registry.loadGrammar(SCOPE_NAME);
        assert.ok(grammar);
        const lines = readProjectFile(root, file).split(/\r\n|\n/);
        // NASM statements are one line each: no rule may stay open into the next line, or one
        // unbalanced quote or bracket would recolour the rest of the file.
        let state = null;
        let baseDepth = -1;
        for (const [n, line] of lines.entries()) {
          state = grammar.tokenizeLine(line, state).ruleStack;
          if (baseDepth < 0) baseDepth = state.depth;
          assert.equal(state.depth, baseDepth, `${file}:${n + 1} leaves a rule open: ${line}`);
        }
      });
      it(`${file}: tokens match ${snap}`, async function () {
        assert.ok(recorded, `${file} has no snapshot: run npm run gen-grammar-snapshots and review it`);
        const source = readProjectFile(root, file);
        const expected = readProjectFile(root, snap);
        // A snapshot of an older version of the source would check nothing: fail, so that
        // snapshots are regenerated (and reviewed) with every change to a corpus file.
        const recordedSource = parseSnap(expected).map((line) => line.src);
        assert.equal(
          recordedSource.join('\n'),
          source.split(/\r\n|\n/).join('\n'),
          `${snap} was recorded from an older ${file}: run npm run gen-grammar-snapshots and review the diff`,
        );
        const actual = await renderSnapshot(registry, source);
        assert.equal(
          actual,
          expected,
          `${snap}: the grammar now tokenizes differently; if intended, run npm run gen-grammar-snapshots and review the diff`,
        );
      });
    }
  });
});
