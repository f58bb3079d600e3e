// Every scope the grammar assigns is one the default themes colour. The selectors below are
// the ones VS Code's Dark+ theme (extensions/theme-defaults/themes/dark_vs.json and
// dark_plus.json) gives a colour different from plain text; Light+ and the high-contrast
// themes use the same selectors.

import * as assert from 'node:assert/strict';
import { buildGrammar } from '../../scripts/gen-grammar';

const COLOURED_BY_DARK_PLUS = [
  'comment',
  'string',
  'constant.numeric',
  'constant.language',
  'constant.character',
  'constant.character.escape',
  'keyword',
  'keyword.control',
  'keyword.operator.wordlike',
  'storage',
  'storage.type',
  'storage.modifier',
  'support.function',
  'support.type',
  'entity.name.function',
  'entity.name.type',
  'entity.name.namespace',
  'variable',
  'variable.language',
  'variable.other.constant',
  'meta.preprocessor',
];

/** Scopes deliberately left in the plain text colour: punctuation, operators, structure. */
function isPlainByDesign(scope: string): boolean {
  return (
    scope.startsWith('punctuation.') ||
    scope.startsWith('meta.') ||
    scope === 'keyword.operator.i386' ||
    scope === 'keyword.operator.paste.i386'
  );
}

/** All scope names a grammar can assign: rule names, content names and capture names. */
function assignedScopes(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) assignedScopes(item, into);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'name' || key === 'contentName') && typeof value === 'string') {
        for (const scope of value.split(' ')) into.add(scope);
      } else {
        assignedScopes(value, into);
      }
    }
  }
  return into;
}

describe('assembly grammar and the default themes', () => {
  const grammar = buildGrammar();
  const scopes = [...assignedScopes(grammar.repository)].sort();

  it('assigns scopes for every kind of token (sanity of the walk)', () => {
    assert.ok(scopes.includes('keyword.control.i386'));
    assert.ok(scopes.includes('variable.language.register.general.i386'));
    assert.ok(scopes.length > 40, String(scopes.length));
  });

  it('every scope except punctuation and operators is one Dark+ and Light+ colour', () => {
    const plain = scopes.filter(
      (scope) =>
        !isPlainByDesign(scope) &&
        !COLOURED_BY_DARK_PLUS.some((selector) => scope === selector || scope.startsWith(selector + '.')),
    );
    assert.deepEqual(plain, []);
  });

  it('every scope ends with the language suffix .i386, so themes can single it out', () => {
    assert.deepEqual(
      scopes.filter((s) => !/\.i386(\.[a-z-]+)?$/.test(s)),
      [],
    );
  });
});
