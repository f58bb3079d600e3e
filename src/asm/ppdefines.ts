// Single-line macro expansion (NASM 4.1): %define and %idefine names, their parameters, the
// __?NAME?__ built-ins, and `%+` pasting in NASM's order.

import type { SourceLocation } from './diagnostics';
import { isIdentChar, isIdentStart } from './lexer';
import { LIMITS, type Preprocessor } from './preprocess';
import { isDigit, parseCallArgs, pasteTokens, replaceWords } from './pptext';

/** Expand single-line macros in a line (NASM 4.1), leaving strings and comments alone. */
export function expandDefines(pp: Preprocessor, text: string, at: SourceLocation): string {
  if (pp.defines.size === 0 && pp.idefines.size === 0 && !text.includes('__')) return text;
  let budget = LIMITS.maxDefineExpansions;
  const expandOnce = (line: string, active: Set<string>): string => {
    let out = '';
    let i = 0;
    const n = line.length;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === 0x3b) return out + line.slice(i);
      if (c === 0x22 || c === 0x27 || c === 0x60) {
        let j = i + 1;
        while (j < n && line.charCodeAt(j) !== c) j += c === 0x60 && line.charCodeAt(j) === 0x5c ? 2 : 1;
        out += line.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      // Tokens as NASM's preprocessor cuts them: a number or a `$name` (a symbol escaped from
      // being a keyword) is one token and expands nothing; an identifier starts only at a
      // letter, '_', '.', '?' or '@', so the '~', '#' or '$' before one is an operator of its own.
      if (isDigit(c) || (c === 0x24 && i + 1 < n && isIdentStart(line.charCodeAt(i + 1)))) {
        let j = i + 1;
        while (j < n && isIdentChar(line.charCodeAt(j)) && line.charCodeAt(j) !== 0x7e) j++;
        out += line.slice(i, j);
        i = j;
        continue;
      }
      if (isIdentStart(c) && !(i > 0 && line[i - 1] === '%')) {
        let j = i + 1;
        while (j < n && isIdentChar(line.charCodeAt(j))) j++;
        const word = line.slice(i, j);
        const builtin = word.startsWith('__') ? pp.builtin(word, at) : undefined;
        if (builtin !== undefined) {
          out += builtin;
          i = j;
          continue;
        }
        const def = active.has(word) ? undefined : pp.lookupDefine(word);
        if (!def || budget <= 0) {
          if (def && budget <= 0) {
            pp.diags.error(at, i + 1, j + 1, `expansion of '${word}' does not terminate (recursive %define?)`);
          }
          out += word;
          i = j;
          continue;
        }
        budget--;
        let replacement = def.body;
        if (def.params !== undefined) {
          const call = parseCallArgs(line, j);
          if (!call || call.args.length !== def.params.length) {
            out += word;
            i = j;
            continue;
          }
          const expandedArgs = call.args.map((a) => expandOnce(a, active));
          replacement = replaceWords(def.body, def.params, expandedArgs);
          j = call.end;
        }
        const nested = new Set(active);
        nested.add(word);
        out += expandOnce(replacement, nested);
        i = j;
        continue;
      }
      out += line[i];
      i++;
    }
    return out;
  };
  return expandOnce(text, new Set());
}

/**
 * NASM 4.1.4 `%+`, in NASM's order: the single-line macros of the line are expanded first, then
 * the tokens either side of each `%+` joined, and the result expanded again while that pastes
 * more (`%define quot "` makes `quot %+ x %+ quot` the string "x"; `a %+ b` may name a macro).
 */
export function pasteAndExpand(pp: Preprocessor, text: string, at: SourceLocation): string {
  for (let round = 0; round < LIMITS.maxDefineExpansions; round++) {
    const pasted = pasteTokens(text);
    if (pasted === text) return text;
    text = expandDefines(pp, pasted, at);
  }
  return text;
}
