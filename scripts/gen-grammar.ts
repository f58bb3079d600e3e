// Builds syntaxes/i386-asm.tmLanguage.json, the TextMate grammar of i386 Lab's NASM dialect.
// Mnemonics, prefixes and registers come from src/isa/mnemonics.ts, so no
// instruction or register name is typed twice; the NASM keyword lists below (sizes,
// directives, preprocessor) are the assembler language's own words (NASM manual chapters 3,
// 4 and 7). Run: npm run gen-grammar. A test checks the committed file equals this output.
//
// Scope names are the standard TextMate ones so every theme colours them; in Dark+ and Light+
// keyword.operator renders as plain text, so no mnemonic is scoped under it.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MNEMONIC_INFO, type MnemonicGroup } from '../src/isa/mnemonicInfo';
import { PREFIX_INFO, REGISTER_INFO, type PrefixKind, type RegisterClass } from '../src/isa/mnemonics';

export const SCOPE_NAME = 'source.i386-asm';
export const GRAMMAR_FILE = 'syntaxes/i386-asm.tmLanguage.json';

/** Scope of a mnemonic: control transfers read as control keywords, the rest as operations. */
export function mnemonicScope(group: MnemonicGroup): string {
  return group === 'control' ? 'keyword.control.i386' : `support.function.i386.${group}`;
}

export function registerScope(cls: RegisterClass): string {
  return `variable.language.register.${cls}.i386`;
}

export function prefixScope(kind: PrefixKind): string {
  return `storage.modifier.prefix.${kind}.i386`;
}

// NASM manual 3.1: label characters; 3.9: `$` before a name makes it an identifier.
const NAME_CHAR = String.raw`[\w$#@~.?]`;
const BEFORE = String.raw`(?<![\w$#@~.?%])`;
const AFTER = String.raw`(?![\w$#@~.?])`;
const GLOBAL_NAME = String.raw`\$?[A-Za-z_?]${NAME_CHAR}*`;
/** `.local`, `..@special`, macro-local `%%x`, context-local `%$x`. */
const LOCAL_NAME = String.raw`(?:\.|%%|%\$+)${NAME_CHAR}+`;
/** A macro parameter pasted into a name: `exception_%1`, `entry_%{2}`. */
const PASTED_PARAMETER = String.raw`%[0-9]+|%\{[^}]*\}`;

const SIZE_KEYWORDS = ['byte', 'word', 'dword', 'qword', 'tword', 'oword', 'yword', 'zword'];
const DISTANCE_KEYWORDS = ['short', 'near', 'far'];
const MODIFIER_KEYWORDS = ['strict', 'nosplit', 'rel', 'abs'];
const WORD_OPERATORS = ['seg', 'wrt'];
const DATA_KEYWORDS = [
  'db',
  'dw',
  'dd',
  'dq',
  'dt',
  'do',
  'dy',
  'dz',
  'resb',
  'resw',
  'resd',
  'resq',
  'rest',
  'reso',
  'resy',
  'resz',
  'incbin',
];
/** NASM manual chapters 7 and 8: directives usable in -f bin and -f elf32 sources. */
const DIRECTIVES = [
  'bits',
  'use16',
  'use32',
  'absolute',
  'extern',
  'global',
  'common',
  'static',
  'required',
  'cpu',
  'float',
  'default',
  'org',
  'align',
  'alignb',
  'sectalign',
  'group',
  'warning',
  'map',
  'debug',
  'endstruc',
  'iend',
  'at',
];
const SECTION_DIRECTIVES = ['section', 'segment'];
const STRUCTURE_DIRECTIVES = ['struc', 'istruc'];
const SECTION_ATTRIBUTES = [
  'progbits',
  'nobits',
  'alloc',
  'noalloc',
  'exec',
  'noexec',
  'write',
  'nowrite',
  'tls',
  'notls',
  'align',
  'start',
  'vstart',
  'follows',
  'vfollows',
  'valign',
  'private',
  'public',
  'common',
  'stack',
];
/** Preprocessor directives that define a name (the name is scoped as a definition). */
const PREPROCESSOR_DEFINERS = [
  'define',
  'xdefine',
  'idefine',
  'ixdefine',
  'undef',
  'defstr',
  'idefstr',
  'deftok',
  'ideftok',
  'defalias',
  'idefalias',
  'undefalias',
  'assign',
  'iassign',
  'strcat',
  'strlen',
  'substr',
  'macro',
  'imacro',
  'rmacro',
  'irmacro',
  'unmacro',
  'unimacro',
];
/** NASM manual 4.4: every %if has %ifn, %elif and %elifn forms. */
const CONDITION_SUFFIXES = [
  '',
  'def',
  'macro',
  'idn',
  'idni',
  'id',
  'num',
  'str',
  'token',
  'empty',
  'env',
  'ctx',
  'usable',
  'usingcpu',
];
const PREPROCESSOR_OTHERS = [
  ...CONDITION_SUFFIXES.flatMap((s) => [`if${s}`, `ifn${s}`, `elif${s}`, `elifn${s}`]),
  'else',
  'endif',
  'endmacro',
  'endm',
  'exitmacro',
  'rep',
  'endrep',
  'exitrep',
  'rotate',
  'include',
  'depend',
  'use',
  'pathsearch',
  'push',
  'pop',
  'repl',
  'arg',
  'stacksize',
  'local',
  'line',
  'clear',
  'error',
  'warning',
  'fatal',
  'pragma',
];
const SPECIAL_WORDS = ['equ', 'times'];

interface TrieNode {
  end: boolean;
  children: Map<string, TrieNode>;
}

const escapeChar = (c: string): string => (/[\\^$.|?*+()[\]{}/-]/.test(c) ? '\\' + c : c);

/**
 * A regex matching exactly `words`, factored by common prefixes (`bt[crs]?`, `j(?:a|ae|...)`)
 * so the regex engine picks a branch by the next character instead of trying hundreds of
 * alternatives at every position of every line. Callers anchor the end with AFTER.
 */
function alternatives(words: readonly string[]): string {
  const root: TrieNode = { end: false, children: new Map() };
  for (const word of words) {
    let node = root;
    for (const c of word.toLowerCase()) {
      let next = node.children.get(c);
      if (!next) node.children.set(c, (next = { end: false, children: new Map() }));
      node = next;
    }
    node.end = true;
  }
  return render(root);
}

function render(node: TrieNode): string {
  const branches: string[] = [];
  const leaves: string[] = [];
  for (const c of [...node.children.keys()].sort()) {
    const child = node.children.get(c)!;
    if (child.children.size === 0) leaves.push(escapeChar(c));
    else branches.push(escapeChar(c) + render(child));
  }
  if (leaves.length === 1) branches.push(leaves[0]);
  else if (leaves.length > 1) branches.push(`[${leaves.join('')}]`);
  if (branches.length === 0) return '';
  const single =
    branches.length === 1 &&
    (branches[0].length === 1 || /^\[[^\]]*\]$/.test(branches[0]) || /^\\.$/.test(branches[0]));
  if (node.end) return single ? `${branches[0]}?` : `(?:${branches.join('|')})?`;
  return branches.length === 1 ? branches[0] : `(?:${branches.join('|')})`;
}

function keywordRegex(words: readonly string[]): string {
  return `(?i)${BEFORE}(?:${alternatives(words)})${AFTER}`;
}

function groupBy<K extends string, V>(record: Readonly<Record<string, V>>, key: (v: V) => K): Map<K, string[]> {
  const groups = new Map<K, string[]>();
  for (const [name, value] of Object.entries(record)) {
    const k = key(value);
    const list = groups.get(k) ?? [];
    list.push(name);
    groups.set(k, list);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A kind of whole word and the scope it gets. */
interface WordClass {
  pattern: string;
  scope: string;
}

function wordClasses<K extends string>(groups: Map<K, string[]>, scope: (k: K) => string): WordClass[] {
  return [...groups].map(([k, words]) => ({ pattern: alternatives(words), scope: scope(k) }));
}

/**
 * One regex with a capture group per class. The first class that matches a whole word wins,
 * so registers and keywords come before the catch-all names. One regex instead of one per
 * class keeps the tokenizer from rescanning the line once per class after every token.
 */
function wordMatch(classes: readonly WordClass[]): { regex: string; captures: Record<string, { name: string }> } {
  const captures: Record<string, { name: string }> = {};
  classes.forEach((c, i) => (captures[String(i + 1)] = { name: c.scope }));
  return { regex: `(?i)${BEFORE}(?:${classes.map((c) => `(${c.pattern})`).join('|')})${AFTER}`, captures };
}

/**
 * NASM numbers (manual 3.4.1, 3.4.6), tried in this order; underscores may separate digits
 * anywhere after the first. Prefixes 0x 0h $ / 0b 0y / 0o 0q / 0d 0t, suffixes h x / b y /
 * q o / d t.
 */
const NUMBER_CLASSES: readonly WordClass[] = [
  {
    pattern:
      '[0-9][0-9_]*\\.[0-9_]*(?:e[+-]?[0-9_]+)?|[0-9][0-9_]*e[+-]?[0-9_]+|0[xh][0-9a-f_]*\\.[0-9a-f_]*(?:p[+-]?[0-9_]+)?|0[xh][0-9a-f_]+p[+-]?[0-9_]+',
    scope: 'constant.numeric.float.i386',
  },
  { pattern: '\\$[0-9][0-9a-f_]*|0[xh][0-9a-f_]+|[0-9][0-9a-f_]*[hx]', scope: 'constant.numeric.hex.i386' },
  { pattern: '0[by][01_]+|[01][01_]*[by]', scope: 'constant.numeric.binary.i386' },
  { pattern: '0[oq][0-7_]+|[0-7][0-7_]*[oq]', scope: 'constant.numeric.octal.i386' },
  { pattern: '0[dt][0-9_]+|[0-9][0-9_]*[dt]?', scope: 'constant.numeric.decimal.i386' },
];

const STATEMENT_END = '(?=;)|$';

type Rule = Record<string, unknown>;

export function buildGrammar(): Rule {
  const mnemonics = wordMatch(
    wordClasses(
      groupBy(MNEMONIC_INFO, (m) => m.group),
      mnemonicScope,
    ),
  );
  const prefixes = wordMatch(
    wordClasses(
      groupBy(PREFIX_INFO, (p) => p.kind),
      prefixScope,
    ),
  );
  // Everything an operand word can be, in priority order (NASM manual 3.1, 3.4, 3.5).
  const operandWord = wordMatch([
    ...wordClasses(
      groupBy(REGISTER_INFO, (r) => r.class),
      registerScope,
    ),
    { pattern: alternatives(SIZE_KEYWORDS), scope: 'storage.type.size.i386' },
    { pattern: alternatives(DISTANCE_KEYWORDS), scope: 'storage.type.distance.i386' },
    { pattern: alternatives(MODIFIER_KEYWORDS), scope: 'storage.modifier.i386' },
    { pattern: alternatives(WORD_OPERATORS), scope: 'keyword.operator.wordlike.i386' },
    // __?NASM_VERSION?__, __FILE__, __?float32?__(1.5), __?utf16?__('x') ...
    { pattern: '__\\??[a-z0-9_]+?\\??__', scope: 'constant.language.builtin.i386' },
    ...NUMBER_CLASSES,
    // $ = address of the current line, $$ = start of the current section
    { pattern: '\\$\\$?', scope: 'variable.language.location.i386' },
    { pattern: `\\.${NAME_CHAR}+`, scope: 'variable.other.label.local.i386' },
    { pattern: GLOBAL_NAME, scope: 'variable.other.label.i386' },
  ]);

  // The condition-code families share their group with their spelled-out members (jz, setz, cmovz).
  const ccFamilies = { parts: [] as string[], captures: {} as Record<string, { name: string }> };
  for (const family of ['j', 'set', 'cmov']) {
    ccFamilies.parts.push(`(${family})`);
    ccFamilies.captures[String(ccFamilies.parts.length)] = { name: mnemonicScope(MNEMONIC_INFO[family + 'z'].group) };
  }

  const statementWords = [
    ...Object.keys(MNEMONIC_INFO),
    ...Object.keys(PREFIX_INFO),
    ...Object.keys(REGISTER_INFO),
    ...DATA_KEYWORDS,
    ...DIRECTIVES,
    ...SECTION_DIRECTIVES,
    ...STRUCTURE_DIRECTIVES,
    ...SPECIAL_WORDS,
  ];
  const notStatementWord = `(?!(?:${alternatives(statementWords)})${AFTER})`;
  const labelledStatement = alternatives([
    ...Object.keys(MNEMONIC_INFO),
    ...Object.keys(PREFIX_INFO),
    ...DATA_KEYWORDS,
    ...SPECIAL_WORDS,
    'istruc',
  ]);

  const repository: Record<string, Rule> = {
    comment: {
      match: '(;).*$',
      name: 'comment.line.semicolon.i386',
      captures: { '1': { name: 'punctuation.definition.comment.i386' } },
    },

    // Preprocessor (NASM manual chapter 4): a whole line, the directive word, the defined name.
    'preprocessor-definition': {
      begin: `(?i)^\\s*((%)(?:${alternatives(PREPROCESSOR_DEFINERS)}))${AFTER}(?:\\s+(${GLOBAL_NAME}|${LOCAL_NAME}))?`,
      beginCaptures: {
        '1': { name: 'keyword.control.directive.preprocessor.i386' },
        '2': { name: 'punctuation.definition.directive.i386' },
        '3': { name: 'entity.name.function.preprocessor.i386' },
      },
      end: STATEMENT_END,
      name: 'meta.preprocessor.i386',
      patterns: [{ include: '#macro-parameter-list' }, { include: '$self' }],
    },
    'preprocessor-directive': {
      begin: `(?i)^\\s*((%)(?:${alternatives(PREPROCESSOR_OTHERS)}))${AFTER}`,
      beginCaptures: {
        '1': { name: 'keyword.control.directive.preprocessor.i386' },
        '2': { name: 'punctuation.definition.directive.i386' },
      },
      end: STATEMENT_END,
      name: 'meta.preprocessor.i386',
      patterns: [{ include: '$self' }],
    },
    'macro-parameter-list': {
      // %define name(a, b): the parameter names of a single-line macro.
      begin: '\\G(\\()',
      beginCaptures: { '1': { name: 'punctuation.definition.parameters.begin.i386' } },
      end: '(\\))|(?=;)|$',
      endCaptures: { '1': { name: 'punctuation.definition.parameters.end.i386' } },
      patterns: [
        { match: `${GLOBAL_NAME}`, name: 'variable.parameter.i386' },
        { match: ',', name: 'punctuation.separator.parameters.i386' },
      ],
    },
    'macro-parameter': {
      patterns: [
        // %1, %+1 (condition code), %-1 (inverted condition code), %0 (count), %00 (label)
        { match: '%[+-]?[0-9]+', name: 'variable.parameter.macro.i386' },
        // %{1}, %{-1}, %{1:3}
        { match: '%\\{[^}]*\\}', name: 'variable.parameter.macro.i386' },
        { match: `%%${NAME_CHAR}+`, name: 'variable.parameter.macro.local.i386' },
        { match: `%\\$+${NAME_CHAR}+`, name: 'variable.parameter.macro.context.i386' },
        { match: '%\\*?\\?\\??', name: 'variable.parameter.macro.name.i386' },
        { match: '%\\+', name: 'keyword.operator.paste.i386' },
      ],
    },

    // Labels (NASM manual 3.1, 3.9): a definition starts the line.
    'label-definition': {
      patterns: [
        {
          match: `^\\s*((?:\\.|%%|%\\$+)(?:${NAME_CHAR}|${PASTED_PARAMETER})+)\\s*(:)`,
          captures: {
            '1': { name: 'entity.name.function.label.local.i386', patterns: [{ include: '#macro-parameter' }] },
            '2': { name: 'punctuation.separator.label.i386' },
          },
        },
        {
          // also `exception_%1:` in a macro body, the name pasted from a parameter
          match: `^\\s*(\\$?[A-Za-z_?](?:${NAME_CHAR}|${PASTED_PARAMETER})*)\\s*(:)`,
          captures: {
            '1': { name: 'entity.name.function.label.i386', patterns: [{ include: '#macro-parameter' }] },
            '2': { name: 'punctuation.separator.label.i386' },
          },
        },
        {
          // name equ value: a constant
          match: `(?i)^\\s*${notStatementWord}(${GLOBAL_NAME}|${LOCAL_NAME})(?=\\s+equ${AFTER})`,
          captures: { '1': { name: 'variable.other.constant.i386' } },
        },
        {
          // a label without a colon before an instruction or data: `msg db 'hi'`, `.x resd 1`
          match: `(?i)^\\s*${notStatementWord}(?:(${LOCAL_NAME})|(${GLOBAL_NAME}))(?=\\s+(?:${labelledStatement})${AFTER})`,
          captures: {
            '1': { name: 'entity.name.function.label.local.i386' },
            '2': { name: 'entity.name.function.label.i386' },
          },
        },
      ],
    },

    // Directives (NASM manual chapters 7 and 8), also in the primitive [bracket] form.
    'bracket-directive': {
      begin: `(?i)^\\s*(\\[)\\s*(?:(${alternatives(SECTION_DIRECTIVES)})${AFTER}(?:\\s+([^\\s;,\\]]+))?|(${alternatives(DIRECTIVES)})${AFTER})`,
      beginCaptures: {
        '1': { name: 'punctuation.definition.directive.begin.i386' },
        '2': { name: 'keyword.control.directive.i386' },
        '3': { name: 'entity.name.namespace.section.i386' },
        '4': { name: 'keyword.control.directive.i386' },
      },
      end: '(\\])|(?=;)|$',
      endCaptures: { '1': { name: 'punctuation.definition.directive.end.i386' } },
      name: 'meta.directive.i386',
      patterns: [{ include: '#section-attribute' }, { include: '#expression' }],
    },
    'section-directive': {
      begin: `(?i)${BEFORE}(${alternatives(SECTION_DIRECTIVES)})${AFTER}(?:\\s+([^\\s;,\\]]+))?`,
      beginCaptures: {
        '1': { name: 'keyword.control.directive.i386' },
        '2': { name: 'entity.name.namespace.section.i386' },
      },
      end: STATEMENT_END,
      name: 'meta.directive.section.i386',
      patterns: [{ include: '#section-attribute' }, { include: '#expression' }],
    },
    'section-attribute': {
      match: keywordRegex(SECTION_ATTRIBUTES),
      name: 'constant.language.section-attribute.i386',
    },
    'structure-directive': {
      match: `(?i)${BEFORE}(${alternatives(STRUCTURE_DIRECTIVES)})${AFTER}(?:\\s+(${GLOBAL_NAME}))?`,
      captures: {
        '1': { name: 'keyword.control.directive.i386' },
        '2': { name: 'entity.name.type.struct.i386' },
      },
    },
    directive: {
      begin: keywordRegex(DIRECTIVES),
      beginCaptures: { '0': { name: 'keyword.control.directive.i386' } },
      end: STATEMENT_END,
      name: 'meta.directive.i386',
      // `at .field, dd 0` and `align 4, db 0x90` carry a data definition
      patterns: [{ include: '#data-definition' }, { include: '#string' }, { include: '#expression' }],
    },
    'data-definition': {
      begin: keywordRegex(DATA_KEYWORDS),
      beginCaptures: { '0': { name: 'storage.type.data.i386' } },
      end: STATEMENT_END,
      name: 'meta.data.i386',
      patterns: [{ include: '#string' }, { include: '#expression' }],
    },
    equ: {
      begin: keywordRegex(['equ']),
      beginCaptures: { '0': { name: 'keyword.control.directive.equ.i386' } },
      end: STATEMENT_END,
      patterns: [{ include: '#expression' }],
    },
    times: { match: keywordRegex(['times']), name: 'keyword.control.directive.times.i386' },

    prefix: { match: prefixes.regex, captures: prefixes.captures },
    instruction: {
      begin: mnemonics.regex,
      beginCaptures: mnemonics.captures,
      end: STATEMENT_END,
      name: 'meta.instruction.i386',
      patterns: [{ include: '#expression' }],
    },
    'condition-code-macro': {
      // j%+1 / set%-1 / cmov%1 in a macro body: a Jcc/SETcc/CMOVcc whose condition is a parameter
      begin: `(?i)${BEFORE}(?:${ccFamilies.parts.join('|')})(?=%[+-]?[0-9])`,
      beginCaptures: ccFamilies.captures,
      end: STATEMENT_END,
      name: 'meta.instruction.i386',
      patterns: [{ include: '#expression' }],
    },
    'macro-call': {
      // Any other name starting a statement is a macro invocation (or a lone label).
      begin: `(?i)(?:^|(?<=:))\\s*${notStatementWord}(${GLOBAL_NAME})(?=\\s|$)`,
      beginCaptures: { '1': { name: 'support.function.macro.i386' } },
      end: STATEMENT_END,
      name: 'meta.macro-call.i386',
      patterns: [{ include: '#string' }, { include: '#expression' }],
    },

    // Operands and expressions (NASM manual 3.3, 3.5): quotes here are character constants.
    expression: {
      patterns: [
        { include: '#character-constant' },
        { include: '#memory' },
        { include: '#operand-word' },
        { include: '#macro-parameter' },
        { include: '#operator' },
      ],
    },
    memory: {
      begin: '\\[',
      beginCaptures: { '0': { name: 'punctuation.definition.memory.begin.i386' } },
      end: '(\\])|(?=;)|$',
      endCaptures: { '1': { name: 'punctuation.definition.memory.end.i386' } },
      name: 'meta.memory.i386',
      // NASM has no nested brackets: a stray [ must not open rule after rule
      patterns: [
        { include: '#character-constant' },
        { include: '#operand-word' },
        { include: '#macro-parameter' },
        { include: '#operator' },
      ],
    },
    'operand-word': { match: operandWord.regex, captures: operandWord.captures },
    operator: {
      match: '(,)|(:)|([()])|(<<<|>>>|<<|>>|//|%%|==|!=|<>|<=>|<=|>=|&&|\\|\\||\\^\\^|[-+*/%&|^~!<>=?])',
      captures: {
        '1': { name: 'punctuation.separator.i386' },
        '2': { name: 'punctuation.separator.segment.i386' },
        '3': { name: 'punctuation.section.parens.i386' },
        '4': { name: 'keyword.operator.i386' },
      },
    },

    // Strings (NASM manual 3.4.2): no escapes in '...' and "...", C-style ones in `...`.
    string: {
      patterns: [
        quoted("'", 'string.quoted.single.i386', false),
        quoted('"', 'string.quoted.double.i386', false),
        quoted('`', 'string.quoted.other.backquote.i386', true),
      ],
    },
    'character-constant': {
      // 3.4.3: a string in an expression is a character constant; it keeps the string colour.
      patterns: [
        quoted("'", 'constant.character.i386 string.quoted.single.i386', false),
        quoted('"', 'constant.character.i386 string.quoted.double.i386', false),
        quoted('`', 'constant.character.i386 string.quoted.other.backquote.i386', true),
      ],
    },
    escape: {
      match: '\\\\(?:[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\'"`\\\\?abtnvfre])',
      name: 'constant.character.escape.i386',
    },
  };

  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    information_for_contributors: [
      'GENERATED by scripts/gen-grammar.ts (npm run gen-grammar) from src/isa/mnemonics.ts.',
      'Do not edit by hand: change the script or the mnemonic facts and regenerate.',
    ],
    name: 'i386 Assembly',
    scopeName: SCOPE_NAME,
    fileTypes: ['asm', 'nasm', 'inc'],
    patterns: [
      { include: '#comment' },
      { include: '#preprocessor-definition' },
      { include: '#preprocessor-directive' },
      { include: '#label-definition' },
      { include: '#bracket-directive' },
      { include: '#section-directive' },
      { include: '#structure-directive' },
      { include: '#directive' },
      { include: '#data-definition' },
      { include: '#equ' },
      { include: '#times' },
      { include: '#prefix' },
      { include: '#instruction' },
      { include: '#condition-code-macro' },
      { include: '#macro-call' },
      { include: '#string' },
      { include: '#expression' },
    ],
    repository: spellOutCase(repository),
  };
}

/**
 * Oniguruma scans a `(?i)` pattern at every position of a line without its first-character
 * optimisation, which measured 5-15 times slower here; so every `(?i)` pattern is written
 * out with both letter cases instead (`mov` -> `[mM][oO][vV]`).
 */
function spellOutCase<T>(node: T): T {
  if (Array.isArray(node)) return node.map(spellOutCase) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const isRegex = key === 'match' || key === 'begin' || key === 'end';
    out[key] =
      isRegex && typeof value === 'string' && value.startsWith('(?i)') ? caseless(value.slice(4)) : spellOutCase(value);
  }
  return out as T;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
const bothCases = (c: string): string => c.toLowerCase() + c.toUpperCase();

/** Rewrites a regex so each letter matches in either case; escapes and group syntax stay. */
export function caseless(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i += 2;
    } else if (c === '(' && pattern[i + 1] === '?') {
      const group = /^\(\?(?:[:=!]|<[=!])/.exec(pattern.slice(i));
      if (!group) throw new Error(`caseless: unsupported group at ${i} in ${pattern}`);
      out += group[0];
      i += group[0].length;
    } else if (c === '[') {
      let j = i + 1;
      let body = '';
      if (pattern[j] === '^') body += pattern[j++];
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '\\') {
          body += pattern.slice(j, j + 2);
          j += 2;
        } else if (isLetter(pattern[j]) && pattern[j + 1] === '-' && isLetter(pattern[j + 2])) {
          const range = pattern.slice(j, j + 3);
          body += range.toLowerCase() + range.toUpperCase();
          j += 3;
        } else {
          body += isLetter(pattern[j]) ? bothCases(pattern[j]) : pattern[j];
          j++;
        }
      }
      out += `[${body}]`;
      i = j + 1;
    } else {
      out += isLetter(c) ? `[${bothCases(c)}]` : c;
      i++;
    }
  }
  return out;
}

function quoted(quote: string, name: string, escapes: boolean): Rule {
  return {
    begin: quote,
    beginCaptures: { '0': { name: 'punctuation.definition.string.begin.i386' } },
    // NASM strings end at the line's end; an unterminated one must not colour the next lines.
    end: `(${quote})|$`,
    endCaptures: { '1': { name: 'punctuation.definition.string.end.i386' } },
    name,
    ...(escapes ? { patterns: [{ include: '#escape' }] } : {}),
  };
}

export function grammarText(): string {
  return JSON.stringify(buildGrammar(), null, 2) + '\n';
}

if (require.main === module) {
  const root = join(__dirname, '..', '..');
  writeFileSync(join(root, GRAMMAR_FILE), grammarText());
  console.log(`wrote ${GRAMMAR_FILE}`);
}
