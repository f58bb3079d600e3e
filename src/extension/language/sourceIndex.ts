// A light lexical index of one NASM source file for the editor: where labels, `equ`
// constants, macros and single-line defines are defined, every identifier occurrence with the
// name it resolves to, sections and %includes. It does not assemble: it works on a file that
// does not assemble yet, and on an include file alone.
//
// Scoping follows NASM (manual 3.9, "Local Labels"): a name starting with one period belongs
// to the previous non-local label, so `.loop` after `main:` is `main.loop`; `equ` does not
// start a new scope. `%%name` inside a macro body belongs to that macro (manual 4.3.2).

import { MNEMONIC_INFO } from '../../isa/mnemonicInfo';
import { PREFIX_INFO, REGISTER_INFO } from '../../isa/mnemonics';

export type DefinitionKind = 'label' | 'local' | 'equ' | 'macro' | 'define' | 'struc';

export interface Span {
  line: number; // 0-based
  start: number; // 0-based column
  end: number; // exclusive
}

export interface Definition extends Span {
  /** Resolved name: locals qualified (`main.loop`), macro-locals as `macro%%name`. */
  name: string;
  /** The name as written at the definition. */
  written: string;
  kind: DefinitionKind;
  /** Label a local belongs to (document symbol nesting). */
  parent?: string;
}

export interface Occurrence extends Span {
  name: string;
  written: string;
}

export interface SectionMark extends Span {
  name: string;
}

export interface IncludeMark extends Span {
  /** The path as written between the quotes. */
  target: string;
}

export interface SourceIndex {
  definitions: Definition[];
  occurrences: Occurrence[];
  sections: SectionMark[];
  includes: IncludeMark[];
}

const DATA_WORDS = new Set([
  'db',
  'dw',
  'dd',
  'dq',
  'dt',
  'do',
  'dy',
  'resb',
  'resw',
  'resd',
  'resq',
  'rest',
  'reso',
  'resy',
  'times',
  'incbin',
]);
const DIRECTIVES = new Set([
  'bits',
  'use16',
  'use32',
  'org',
  'section',
  'segment',
  'absolute',
  'extern',
  'global',
  'common',
  'cpu',
  'align',
  'alignb',
  'struc',
  'endstruc',
  'istruc',
  'iend',
  'at',
  'equ',
  'default',
  'float',
  'warning',
]);

/** Words that are never user names: mnemonics, prefixes, registers, directives. */
export function isReservedWord(word: string): boolean {
  const w = word.toLowerCase();
  return w in MNEMONIC_INFO || w in PREFIX_INFO || w in REGISTER_INFO || DATA_WORDS.has(w) || DIRECTIVES.has(w);
}

const IDENTIFIER = /(?<![\w$#@~.?%])(?:%%|\.\.@|\$(?=[A-Za-z_.?]))?[A-Za-z_.?][\w$#@~.?]*/g;

/** The line with its comment removed and string contents blanked (columns stay the same). */
export function codeOf(line: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '`' && i + 1 < line.length) {
        out += '  ';
        i++;
        continue;
      }
      if (ch === quote) quote = '';
      out += ch === quote || quote === '' ? ch : ' ';
      continue;
    }
    if (ch === ';') break;
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    out += ch;
  }
  return out;
}

function stringArgument(line: string): { text: string; start: number } | undefined {
  const m = /%include\s+(["'`<])([^"'`>]*)[">'`]/i.exec(line);
  if (!m) return undefined;
  return { text: m[2], start: m.index + m[0].length - m[2].length - 1 };
}

export function indexSource(text: string): SourceIndex {
  const definitions: Definition[] = [];
  const occurrences: Occurrence[] = [];
  const sections: SectionMark[] = [];
  const includes: IncludeMark[] = [];
  let scope = '';
  let macro: string | undefined;
  const lines = text.split(/\r?\n/);
  const resolve = (written: string): string => {
    if (written.startsWith('%%')) return `${macro ?? ''}${written}`;
    if (written.startsWith('.') && !written.startsWith('..')) return scope + written;
    return written.startsWith('$') ? written.slice(1) : written;
  };
  lines.forEach((raw, line) => {
    const code = codeOf(raw);
    const tokens: { word: string; start: number }[] = [];
    for (const m of code.matchAll(IDENTIFIER)) tokens.push({ word: m[0], start: m.index ?? 0 });
    const include = stringArgument(raw);
    if (include && /^\s*%include\b/i.test(code))
      includes.push({ target: include.text, line, start: include.start, end: include.start + include.text.length });
    const define = (t: { word: string; start: number }, kind: DefinitionKind): void => {
      const name = kind === 'local' || kind === 'label' || kind === 'struc' ? resolve(t.word) : t.word;
      const parent = kind === 'local' ? scope || undefined : undefined;
      definitions.push({ name, written: t.word, kind, parent, line, start: t.start, end: t.start + t.word.length });
    };

    const directive = /^\s*%(i?r?macro|endm(?:acro)?|i?x?define|i?assign|undef)\b\s*/i.exec(code);
    if (directive) {
      const what = directive[1].toLowerCase();
      const nameToken = tokens.find((t) => t.start >= directive[0].length && !t.word.startsWith('%'));
      if (what.endsWith('macro') && !what.startsWith('end')) {
        if (nameToken) {
          define(nameToken, 'macro');
          macro = nameToken.word;
        }
      } else if (what.startsWith('endm')) {
        macro = undefined;
      } else if (nameToken && what !== 'undef') {
        define(nameToken, 'define');
      }
      for (const t of tokens)
        if (t !== nameToken && t.start >= directive[0].length)
          occurrences.push({
            name: resolve(t.word),
            written: t.word,
            line,
            start: t.start,
            end: t.start + t.word.length,
          });
      return;
    }

    const first = tokens[0];
    const section = /^\s*(?:section|segment)\s+([^\s,]+)/i.exec(code);
    if (section) {
      const start = code.indexOf(section[1], section[0].length - section[1].length);
      sections.push({ name: section[1], line, start, end: start + section[1].length });
      return;
    }
    let defined: typeof first | undefined;
    const startsLine = first !== undefined && code.slice(0, first.start).trim() === '';
    if (first && startsLine && (!first.word.startsWith('%') || first.word.startsWith('%%'))) {
      const after = code.slice(first.start + first.word.length);
      const next = tokens[1]?.word.toLowerCase();
      if (/^\s*:/.test(after)) defined = first;
      else if (next === 'equ' && /^\s+equ\b/i.test(after)) {
        define(first, 'equ');
        defined = undefined;
        occurrences.push({
          name: first.word,
          written: first.word,
          line,
          start: first.start,
          end: first.start + first.word.length,
        });
        for (const t of tokens.slice(2))
          occurrences.push({
            name: resolve(t.word),
            written: t.word,
            line,
            start: t.start,
            end: t.start + t.word.length,
          });
        return;
      } else if (first.word.toLowerCase() === 'struc' && tokens[1]) {
        define(tokens[1], 'struc');
        scope = tokens[1].word;
        occurrences.push({
          name: tokens[1].word,
          written: tokens[1].word,
          line,
          start: tokens[1].start,
          end: tokens[1].start + tokens[1].word.length,
        });
        return;
      } else if (next !== undefined && DATA_WORDS.has(next) && !isReservedWord(first.word)) defined = first;
    }
    if (defined) {
      const local = defined.word.startsWith('.') && !defined.word.startsWith('..');
      const macroLocal = defined.word.startsWith('%%');
      if (!local && !macroLocal) scope = defined.word;
      define(defined, local ? 'local' : 'label');
    }
    for (const t of tokens)
      occurrences.push({ name: resolve(t.word), written: t.word, line, start: t.start, end: t.start + t.word.length });
  });
  return { definitions, occurrences, sections, includes };
}

/** The occurrence under a 0-based position, if any. */
export function occurrenceAt(index: SourceIndex, line: number, character: number): Occurrence | undefined {
  return index.occurrences.find((o) => o.line === line && o.start <= character && character <= o.end);
}
