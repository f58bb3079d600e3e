// The preprocessor's directives that define single-line macros (NASM manual 4.1, 4.2, 4.8):
// %define and its variants, the string functions %strlen/%substr/%defstr/%strcat, and
// %arg/%local over the %stacksize model.

import type { SourceLocation } from './diagnostics';
import { tokenize } from './lexer';
import type { Preprocessor } from './preprocess';
import { splitArgs } from './pptext';
import { evalCritical } from './ppexpr';

/**
 * %arg name:type, ... / %local name:type, ... (NASM 4.8.2, 4.8.3): each name becomes
 * `(ebp+N)` / `(ebp-N)` with sizes rounded up to the stack slot; %local also adds its size
 * to the context's %$localsize, which must have been %assign-ed.
 */
export function argOrLocal(pp: Preprocessor, name: string, rest: string, at: SourceLocation, column: number): void {
  const endColumn = column + name.length + 1;
  for (const item of rest
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0)) {
    const m = /^([A-Za-z_.?@$][\w.?@$#~]*)\s*:\s*([A-Za-z]+)$/.exec(item);
    const size = m ? TYPE_SIZES[m[2].toLowerCase()] : undefined;
    if (!m || size === undefined)
      return pp.diags.error(
        at,
        column,
        endColumn,
        `'%${name}' expects name:type items (type byte, word, dword, qword, tword), found '${item}'`,
      );
    const slots = Math.ceil(size / pp.stack.slot) * pp.stack.slot;
    if (name === 'arg') {
      pp.defines.set(m[1], { params: undefined, body: `(${pp.stack.base}+${pp.stack.argOffset})` });
      pp.stack.argOffset += slots;
    } else {
      pp.stack.localOffset += slots;
      pp.defines.set(m[1], { params: undefined, body: `(${pp.stack.base}-${pp.stack.localOffset})` });
      const top = pp.contexts[pp.contexts.length - 1];
      const sizeName = top ? `..@${top.id}.localsize` : undefined;
      const current = sizeName ? pp.defines.get(sizeName) : undefined;
      if (!sizeName || !current)
        return pp.diags.error(
          at,
          column,
          endColumn,
          "'%local' adds to %$localsize: '%assign %$localsize 0' in a pushed context first",
        );
      const v = evalCritical(pp, `(${current.body}) + ${slots}`, at, column);
      if (v !== undefined) pp.defines.set(sizeName, { params: undefined, body: String(v) });
    }
  }
}

/**
 * %strlen, %substr, %defstr, %strcat (NASM 4.2.x), %deftok: define a single-line macro from
 * strings. %strlen gives a number; %deftok the string's text as tokens; the others a string
 * constant quoted as NASM quotes it.
 */
export function stringDirective(
  pp: Preprocessor,
  name: string,
  rest: string,
  at: SourceLocation,
  column: number,
): void {
  const endColumn = column + name.length + 1;
  const m = /^([A-Za-z_.?@$][\w.?@$#~]*)\s*(.*)$/.exec(rest);
  if (!m) return pp.diags.error(at, column, endColumn, `expected a macro name after '%${name}'`);
  const define = (body: string): void => {
    pp.defines.set(m[1], { params: undefined, body });
  };
  if (name === 'defstr') return define(quoteString(pp.expandDefines(m[2], at).trim()));
  const text = pp.expandDefines(m[2], at);
  const parts = splitArgs(text).map((x) => x.trim());
  const strings: string[] = [];
  const stringArg = (s: string): string | undefined => {
    const t = tokenize(s);
    return t.length === 1 && t[0].kind === 'str' ? t[0].text : undefined;
  };
  if (name === 'strcat') {
    for (const part of parts) {
      const v = stringArg(part);
      if (v === undefined)
        return pp.diags.error(at, column, endColumn, `'%strcat' takes quoted strings, found '${part}'`);
      strings.push(v);
    }
    return define(quoteString(strings.join('')));
  }
  const toks = tokenize(text);
  const str = toks.length > 0 && toks[0].kind === 'str' ? toks[0].text : undefined;
  if (str === undefined) return pp.diags.error(at, column, endColumn, `'%${name}' expects a quoted string`);
  if (name === 'strlen') return define(String(str.length));
  // %deftok name string: the string's contents as the macro's tokens (NASM 4.1.9).
  if (name === 'deftok') return define(str);
  // %substr name string start[, length]: 1-based; a negative length counts from the end.
  const nums = splitArgs(text.slice(toks[0].end).replace(/^\s*,/, ''));
  if (nums.length < 1 || nums.length > 2 || nums[0].trim() === '')
    return pp.diags.error(at, column, endColumn, "'%substr' expects a string, a start and an optional length");
  const start = evalCritical(pp, nums[0], at, column);
  const lenArg = nums.length === 2 ? evalCritical(pp, nums[1], at, column) : 1;
  if (start === undefined || lenArg === undefined) return;
  const from = start - 1;
  const count = lenArg < 0 ? str.length - from + lenArg + 1 : lenArg;
  if (from < 0 || from >= str.length || count <= 0) return define("''");
  return define(quoteString(str.slice(from, from + count)));
}

export function defineDirective(
  pp: Preprocessor,
  name: string,
  rest: string,
  at: SourceLocation,
  column: number,
): void {
  const m = /^([A-Za-z_.?@$][\w.?@$#~]*)(\(([^)]*)\))?\s*(.*)$/.exec(rest);
  if (!m) {
    pp.diags.error(
      at,
      column,
      column + name.length + 1,
      `expected a macro name after '%${name}'${rest ? `, found '${rest.split(/\s+/)[0]}'` : ''}`,
    );
    return;
  }
  const params =
    m[2] !== undefined
      ? m[3]
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p.length > 0)
      : undefined;
  let body = m[4];
  if (name === 'xdefine' || name === 'xidefine') body = pp.expandDefines(body, at);
  const entry = { params, body };
  if (name === 'idefine' || name === 'xidefine') pp.idefines.set(m[1].toLowerCase(), entry);
  else pp.defines.set(m[1], entry);
}

/** A string constant as NASM writes one back: single quotes unless the text has one. */
export function quoteString(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  return '`' + s.replace(/[\\`]/g, (c) => '\\' + c) + '`';
}

export const TYPE_SIZES: Record<string, number> = {
  byte: 1,
  word: 2,
  dword: 4,
  qword: 8,
  tword: 10,
  oword: 16,
  yword: 32,
  zword: 64,
};
