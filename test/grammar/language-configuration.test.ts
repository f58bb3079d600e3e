// language-configuration.json and the manifest entries that load it and the grammar. VS Code
// evaluates these patterns as JavaScript regular expressions, so they are tested as such.

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/grammar-corpus';

const root = projectRoot();

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  folding: { markers: { start: string; end: string } };
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
}

const config = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8')) as LanguageConfiguration;

function words(text: string): string[] {
  return text.match(new RegExp(config.wordPattern, 'g')) ?? [];
}

describe('language configuration (language-configuration.json)', () => {
  it('comments with ; and pairs [] () with auto-closed and surrounding quotes \' " `', () => {
    assert.equal(config.comments.lineComment, ';');
    assert.deepEqual(config.brackets, [
      ['[', ']'],
      ['(', ')'],
    ]);
    for (const quote of ["'", '"', '`']) {
      const pair = config.autoClosingPairs.find((p) => p.open === quote);
      assert.ok(
        pair && pair.close === quote && pair.notIn?.includes('string') && pair.notIn.includes('comment'),
        quote,
      );
      assert.ok(
        config.surroundingPairs.some(([open, close]) => open === quote && close === quote),
        quote,
      );
    }
  });

  it('folds %macro, %if*, %rep, struc, istruc and ; region blocks, and nothing else', () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    const starts = [
      '%macro print 2',
      '  %imacro x 0',
      '%rmacro r 1',
      '%if DEBUG',
      '%ifdef X',
      '%ifndef Y',
      '%ifidni a, b',
      '%rep 4',
      'struc point',
      'istruc point',
      '; region setup',
      ';region',
      '    ; #region',
    ];
    const ends = ['%endmacro', '%endm', '  %endif', '%endrep', 'endstruc', 'iend', '; endregion', ';endregion'];
    const neither = [
      'mov eax, 1',
      '%define x 1',
      '%else',
      '%elif 1',
      '%include "a.inc"',
      '; a regional comment',
      'macro:',
      'structure db 0',
      '%replace',
    ];
    for (const line of starts) assert.ok(start.test(line) && !end.test(line), `start: ${line}`);
    for (const line of ends) assert.ok(end.test(line) && !start.test(line), `end: ${line}`);
    for (const line of neither) assert.ok(!start.test(line) && !end.test(line), `neither: ${line}`);
  });

  it('words include .local labels, %%macro labels, ..@ labels, $-escaped names and NASM numbers', () => {
    assert.deepEqual(words('jmp .loop'), ['jmp', '.loop']);
    assert.deepEqual(words('jnz %%skip'), ['jnz', '%%skip']);
    assert.deepEqual(words('call ..@helper'), ['call', '..@helper']);
    assert.deepEqual(words('mov eax, $eax'), ['mov', 'eax', '$eax']);
    assert.deepEqual(words('mov [es:edi+4], start.done'), ['mov', 'es', 'edi', '4', 'start.done']);
    assert.deepEqual(words('dd 0x1F, 1Fh, $0F, %1'), ['dd', '0x1F', '1Fh', '$0F', '%1']);
    assert.deepEqual(words('push %$ctx_local'), ['push', '%$ctx_local']);
  });

  it('indents after a label line and inside preprocessor and structure blocks, outdents their ends', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ['start:', '.loop:   ; comment', '%%skip:', '%macro m 1', '%if X', '%rep 3', 'struc s']) {
      assert.ok(increase.test(line), line);
    }
    for (const line of ['start: mov eax, 1', '    mov eax, 1', 'msg db "a:"']) assert.ok(!increase.test(line), line);
    for (const line of ['%endmacro', '  %endif', '%else', '%endrep', 'endstruc', 'iend'])
      assert.ok(decrease.test(line), line);
    assert.ok(!decrease.test('    mov eax, 1'));
  });

  it('package.json loads this configuration and the grammar for language i386-asm', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'i386-asm');
    assert.equal(language.configuration, './language-configuration.json');
    assert.deepEqual(language.extensions, ['.asm', '.nasm', '.inc']);
    const grammar = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'i386-asm');
    assert.equal(grammar.scopeName, 'source.i386-asm');
    assert.ok(existsSync(join(root, grammar.path)), grammar.path);
    const grammarFile = JSON.parse(readFileSync(join(root, grammar.path), 'utf8'));
    assert.equal(grammarFile.scopeName, grammar.scopeName);
  });
});
