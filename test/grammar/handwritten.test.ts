// The self-recorded grammar snapshots checked against expectations written by hand
// (handwritten.ts): each listed line of the corpus, tokenized by the grammar through
// vscode-textmate in the context of its file (the lines before it), gives every listed token
// its scope, and so does the line's recording in its snapshot.

import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseSnap, type AnnotatedLine } from 'vscode-tmgrammar-test/dist/snapshot/index';
import { SCOPE_NAME } from '../../scripts/gen-grammar';
import {
  corpusFiles,
  grammarRegistry,
  projectRoot,
  readProjectFile,
  snapshotPath,
  type Registry,
} from '../../scripts/grammar-corpus';
import { HANDWRITTEN, RADIX_FORMS, REQUIRED_SCOPES, type LineExpectation } from './handwritten';

const root = projectRoot();

/** vscode-textmate's token, as vscode-tmgrammar-test passes it on. */
type IToken = AnnotatedLine['tokens'][number];

/** Where each expected token is among the line's tokens, in order; the mismatches as text. */
function mismatches(expectation: LineExpectation, line: string, tokens: readonly IToken[]): string[] {
  const problems: string[] = [];
  let next = 0;
  for (const [k, [text, scope]] of expectation.tokens.entries()) {
    let i = next;
    while (i < tokens.length && line.slice(tokens[i].startIndex, tokens[i].endIndex) !== text) i++;
    if (i === tokens.length) {
      const seen = tokens.slice(next).map((t) => line.slice(t.startIndex, t.endIndex));
      problems.push(`no token ${JSON.stringify(text)} (after the last match; tokens: ${JSON.stringify(seen)})`);
      continue;
    }
    if (!tokens[i].scopes.includes(scope))
      problems.push(`${JSON.stringify(text)} is [${tokens[i].scopes.join(' ')}], not ${scope}`);
    // A token listed twice in a row is checked for a second scope it carries.
    next = expectation.tokens[k + 1]?.[0] === text ? i : i + 1;
  }
  return problems;
}

function lineIndex(expectation: LineExpectation): number {
  const lines = readProjectFile(root, expectation.file).split(/\r\n|\n/);
  const i = lines.indexOf(expectation.line);
  assert.ok(i >= 0, `${expectation.file} has no line ${JSON.stringify(expectation.line)}`);
  return i;
}

describe('assembly grammar: snapshot lines against scopes written by hand', () => {
  let registry: Registry;
  before(() => {
    registry = grammarRegistry(root);
  });

  it('every expectation is a line of a corpus file that has a snapshot', () => {
    const corpus = new Set(corpusFiles(root));
    for (const e of HANDWRITTEN) {
      assert.ok(corpus.has(e.file), `${e.file} is not in the snapshot corpus`);
      assert.ok(existsSync(join(root, snapshotPath(e.file))), `${e.file} has no snapshot`);
      lineIndex(e);
    }
  });

  it('the lines cover every kind of token and every radix form of a number', () => {
    const scopes = new Set(HANDWRITTEN.flatMap((e) => e.tokens.map(([, scope]) => scope)));
    assert.deepEqual(
      REQUIRED_SCOPES.filter((s) => !scopes.has(s)),
      [],
    );
    const texts = new Set(HANDWRITTEN.flatMap((e) => e.tokens.map(([text]) => text)));
    assert.deepEqual(
      RADIX_FORMS.filter((f) => !texts.has(f)),
      [],
    );
  });

  const files = [...new Set(HANDWRITTEN.map((e) => e.file))].sort();
  for (const file of files) {
    const expectations = HANDWRITTEN.filter((e) => e.file === file);
    it(`${file}: ${expectations.length} lines, tokenized by the grammar in their file`, async () => {
      const grammar = await registry.loadGrammar(SCOPE_NAME);
      assert.ok(grammar);
      const lines = readProjectFile(root, file).split(/\r\n|\n/);
      const tokensOf: IToken[][] = [];
      let state = null;
      for (const line of lines) {
        const r = grammar.tokenizeLine(line, state);
        tokensOf.push(r.tokens);
        state = r.ruleStack;
      }
      const report = expectations.flatMap((e) =>
        mismatches(e, e.line, tokensOf[lineIndex(e)]).map((m) => `${file}:${lineIndex(e) + 1} ${m}`),
      );
      assert.deepEqual(report, []);
    });
    it(`${file}: the same lines as recorded in ${snapshotPath(file)}`, () => {
      const recorded = parseSnap(readProjectFile(root, snapshotPath(file)));
      const report = expectations.flatMap((e) => {
        const line = recorded[lineIndex(e)];
        assert.equal(line?.src, e.line, `${snapshotPath(file)} was recorded from another version of ${file}`);
        return mismatches(e, e.line, line.tokens).map((m) => `${snapshotPath(file)}:${lineIndex(e) + 1} ${m}`);
      });
      assert.deepEqual(report, []);
    });
  }
});
