// The preprocessor's conditions and critical expressions (NASM manual 4.4, 3.8): %if and its
// %ifdef/%ifidn/%ifmacro families, and the expressions that must be known while preprocessing.

import type { SourceLocation } from './diagnostics';
import type { Preprocessor } from './preprocess';
import { tokenize } from './lexer';
import { ABSOLUTE, ExprParser, evaluate, type Value } from './expr';
import { splitArgs } from './pptext';
import { lookupRegister } from './registers';

export function condition(pp: Preprocessor, kind: string, rest: string, at: SourceLocation, column: number): boolean {
  switch (kind) {
    case 'ifdef':
    case 'ifndef': {
      const id = rest.split(/\s+/)[0];
      if (!id) {
        pp.diags.error(at, column, column + kind.length + 1, `expected a macro name after '%${kind}'`);
        return false;
      }
      const defined = pp.lookupDefine(id) !== undefined;
      return kind === 'ifdef' ? defined : !defined;
    }
    case 'ifidn':
    case 'ifidni':
    case 'ifnidn':
    case 'ifnidni': {
      const parts = splitArgs(pp.expandDefines(rest, at));
      if (parts.length !== 2) {
        pp.diags.error(at, column, column + kind.length + 1, `'%${kind}' expects two comma-separated texts`);
        return false;
      }
      const norm = (s: string) => s.replace(/\s+/g, '');
      let a = norm(parts[0]);
      let b = norm(parts[1]);
      if (kind.endsWith('i')) {
        a = a.toLowerCase();
        b = b.toLowerCase();
      }
      return kind.startsWith('ifn') ? a !== b : a === b;
    }
    case 'ifmacro':
    case 'ifnmacro': {
      // %ifmacro name [min[-max][+]]: a multi-line macro of that name exists that takes one of
      // the parameter counts (NASM 4.4.5). NASM compares the name as the macro was spelt where it
      // was defined, even for %imacro; a `+` accepts any macro taking at most `max`.
      const m = /^([A-Za-z_.?@$][\w.?@$#~]*)(?:\s+(\d+)(?:\s*-\s*(\d+|\*))?(\+)?)?/.exec(rest);
      if (!m) {
        pp.diags.error(at, column, column + kind.length + 1, `expected a macro name after '%${kind}'`);
        return false;
      }
      const lo = m[2] !== undefined ? parseInt(m[2], 10) : 0;
      const hi = m[3] === '*' ? Infinity : m[3] !== undefined ? parseInt(m[3], 10) : m[2] !== undefined ? lo : Infinity;
      const list = [...(pp.macros.get(m[1]) ?? []), ...(pp.macros.get(m[1].toLowerCase()) ?? [])];
      const found = list.some(
        (x) => x.name === m[1] && (x.min <= hi || m[4] === '+') && (x.greedy ? Infinity : x.max) >= lo,
      );
      return kind === 'ifmacro' ? found : !found;
    }
    case 'ifctx':
    case 'ifnctx': {
      const top = pp.contexts[pp.contexts.length - 1];
      const names = rest.split(/[\s,]+/).filter((n) => n.length > 0);
      const match = top !== undefined && names.includes(top.name);
      return kind === 'ifctx' ? match : !match;
    }
    case 'ifn': {
      const v = evalCritical(pp, pp.expandDefines(rest, at), at, column);
      return v !== undefined && v === 0;
    }
    case 'ifnum':
    case 'ifnnum':
    case 'ifid':
    case 'ifnid':
    case 'ifstr':
    case 'ifnstr':
    case 'iftoken':
    case 'ifntoken':
    case 'ifempty':
    case 'ifnempty': {
      const negated = kind.startsWith('ifn') && kind !== 'ifnum';
      return tokenCondition(negated ? 'if' + kind.slice(3) : kind, pp.expandDefines(rest, at)) !== negated;
    }
    default: {
      const v = evalCritical(pp, pp.expandDefines(rest, at), at, column);
      return v !== undefined && v !== 0;
    }
  }
}

/** Evaluate an expression that must be known now (%if, %assign, %rep): numbers only. */
export function evalCritical(pp: Preprocessor, text: string, at: SourceLocation, column: number): number | undefined {
  return evalCriticalValue(pp, text, at, column)?.n;
}

/** The same, as the text %assign stores: exact beyond 2^53 (NASM's numbers are 64-bit). */
export function evalCriticalText(
  pp: Preprocessor,
  text: string,
  at: SourceLocation,
  column: number,
): string | undefined {
  const v = evalCriticalValue(pp, text, at, column);
  return v === undefined ? undefined : String(v.big ?? v.n);
}

function evalCriticalValue(pp: Preprocessor, text: string, at: SourceLocation, column: number): Value | undefined {
  const tokens = tokenize(text);
  const parser = new ExprParser(tokens, 0);
  const expr = parser.parse();
  if (!parser.error && parser.pos < tokens.length) {
    parser.error = {
      tok: tokens[parser.pos],
      message: `unexpected '${tokens[parser.pos].text}' after the expression`,
    };
  }
  if (parser.error) {
    const t = parser.error.tok;
    pp.diags.error(at, t ? column + t.col : column, t ? column + t.end : column + 1, parser.error.message);
    return undefined;
  }
  let failed = false;
  const v = evaluate(expr, {
    symbol: (name, tok) => {
      const known = pp.equs.get(name) ?? term(pp, name);
      if (known !== undefined) return known;
      failed = true;
      pp.diags.error(
        at,
        tok ? column + tok.col : column,
        tok ? column + tok.end : column + 1,
        `symbol '${name}' not defined before use (the preprocessor knows EQU constants and labels of earlier lines)`,
      );
      return undefined;
    },
    here: () => {
      failed = true;
      pp.diags.error(at, column, column + 1, "'$' is not known to the preprocessor");
      return { n: 0, rel: -1, unknown: true };
    },
    start: () => {
      failed = true;
      pp.diags.error(at, column, column + 1, "'$$' is not known to the preprocessor");
      return { n: 0, rel: -1, unknown: true };
    },
    error: (tok, message) => {
      failed = true;
      pp.diags.error(at, tok ? column + tok.col : column, tok ? column + tok.end : column + 1, message);
    },
    mayCoincide,
  });
  if (!failed && v.rel !== ABSOLUTE) {
    // NASM: a register (or a sum with one) is a value, but not a number: `%if ss` is an error.
    pp.diags.error(
      at,
      column,
      column + 1,
      'non-constant value given to the preprocessor (a register or a label is no number)',
    );
    return undefined;
  }
  return failed ? undefined : v;
}

/**
 * NASM's evaluator keeps a register or a label in an expression as a term of its own, so `%if %1 = cs`
 * compares register names and `%if %4 = -1` tells a label from a number (`=` and `!=` compare the
 * two sides' terms; the other comparisons need the difference to be a number). Here each register
 * and each label is a base of its own, apart from the assembler's sections and externs.
 */
function term(pp: Preprocessor, name: string): Value | undefined {
  const label = pp.labels.get(localName(pp, name));
  if (label !== undefined) return { n: 0, rel: LABEL_TERM_BASE + label, unknown: false };
  const r = lookupRegister(name);
  if (r === undefined) return undefined;
  let rel = REGISTER_TERMS.get(r.name);
  if (rel === undefined) REGISTER_TERMS.set(r.name, (rel = REGISTER_TERM_BASE + REGISTER_TERMS.size));
  return { n: 0, rel, unknown: false };
}

/** Bases of register and label terms in critical expressions: above every section, start and extern base. */
const REGISTER_TERM_BASE = 1 << 28;
const LABEL_TERM_BASE = 1 << 29;
const REGISTER_TERMS = new Map<string, number>();

/** Two labels may share an address; the preprocessor does not know where either is. */
function mayCoincide(a: number, b: number): boolean {
  return a >= LABEL_TERM_BASE && b >= LABEL_TERM_BASE;
}

/** A `.local` name belongs to the last non-local label (NASM 3.9). */
function localName(pp: Preprocessor, name: string): string {
  return name.startsWith('.') && !name.startsWith('..') ? pp.labelScope + name : name;
}

/**
 * NASM preprocesses and assembles line by line, so a constant defined with EQU on an earlier line
 * is a number %if, %assign and %rep can use, and a label defined earlier a term they can compare (a
 * later one is "not defined before use"). This preprocessor runs ahead of the assembler: it reads
 * each `NAME equ EXPR` and `NAME:` line it emits, keeps NAME's value when EXPR is a plain number by
 * then (numbers and such constants only), and the names of labels (their addresses come from the
 * assembler's passes; a label without a colon is not seen here).
 */
export function noteLine(pp: Preprocessor, text: string): void {
  if (!EQU_OR_LABEL.test(text)) return;
  const tokens = tokenize(text);
  const first = tokens[0];
  if (first?.kind !== 'id') return;
  const name = first.text[0] === '$' ? first.text.slice(1) : first.text;
  const colon = tokens[1]?.kind === 'op' && tokens[1].text === ':';
  const i = colon ? 2 : 1;
  if (tokens[i]?.kind !== 'id' || tokens[i].text.toLowerCase() !== 'equ') {
    if (!colon) return;
    if (!name.startsWith('.')) pp.labelScope = name;
    const key = localName(pp, name);
    if (!pp.labels.has(key)) pp.labels.set(key, pp.labels.size);
    return;
  }
  if (name.startsWith('.') && !name.startsWith('..@')) return;
  const parser = new ExprParser(tokens, i + 1);
  const expr = parser.parse();
  if (parser.error || parser.pos < tokens.length) return;
  let failed = false;
  const fail = (): Value => {
    failed = true;
    return { n: 0, rel: ABSOLUTE, unknown: true };
  };
  const v = evaluate(expr, {
    symbol: (s) => pp.equs.get(s) ?? fail(),
    here: fail,
    start: fail,
    error: () => void fail(),
  });
  if (!failed && !v.unknown && v.rel === ABSOLUTE && v.nasmUnknown === undefined) pp.equs.set(name, v);
}

const EQU_OR_LABEL = /^\s*\$?[A-Za-z_.?@][\w.?@$#~]*\s*(?::|\s+equ\b)/i;

/**
 * `%assign NAME expr` where expr is made of labels of earlier lines (and numbers, EQU constants):
 * NASM gives the number the assembler has for it then, e.g. `%assign off x.field - x` the bytes
 * between two labels. Their addresses are the assembler's, not known here, so NAME stands for the
 * parenthesised expression instead, `.local` names written out in full, which gives the same
 * number wherever NAME is used in an instruction or data (the labels never move); `%if` on it is
 * an error. Undefined when expr has no such label, or anything else (`$`, registers, unknown names).
 */
export function labelExpression(pp: Preprocessor, text: string): string | undefined {
  if (!/[A-Za-z_.?]/.test(text)) return undefined;
  const tokens = tokenize(text);
  let labels = 0;
  let out = '';
  let last = 0;
  for (const t of tokens) {
    if (t.text === '$' || t.text === '$$') return undefined;
    if (t.kind !== 'id') continue;
    const name = t.text[0] === '$' ? t.text.slice(1) : t.text;
    if (pp.equs.has(name)) continue;
    const key = localName(pp, name);
    if (!pp.labels.has(key)) return undefined;
    labels++;
    out += text.slice(last, t.col) + key;
    last = t.end;
  }
  if (labels === 0) return undefined;
  // A number only when the labels cancel out (a difference); a label alone is "non-constant".
  const parser = new ExprParser(tokens, 0);
  const expr = parser.parse();
  if (parser.error || parser.pos < tokens.length) return undefined;
  let failed = false;
  const v = evaluate(expr, {
    symbol: (name) => pp.equs.get(name) ?? { n: 0, rel: LABEL_TERM_BASE, unknown: false },
    here: () => ({ n: 0, rel: ABSOLUTE, unknown: true }),
    start: () => ({ n: 0, rel: ABSOLUTE, unknown: true }),
    error: () => void (failed = true),
  });
  return !failed && v.rel === ABSOLUTE ? `(${out + text.slice(last)})` : undefined;
}

/**
 * NASM 4.4.6-4.4.8, on the expanded text: %ifid, %ifnum, %ifstr test the first token (%ifnum after
 * any signs), %iftoken that there is exactly one token, %ifempty that there is none.
 */
function tokenCondition(kind: string, text: string): boolean {
  const tokens = tokenize(text);
  switch (kind) {
    case 'ifempty':
      return tokens.length === 0;
    case 'iftoken':
      return tokens.length === 1;
    case 'ifnum': {
      let i = 0;
      while (tokens[i]?.kind === 'op' && (tokens[i].text === '-' || tokens[i].text === '+')) i++;
      return tokens[i]?.kind === 'num';
    }
    case 'ifid':
      return tokens[0]?.kind === 'id' && tokens[0].text !== '$' && tokens[0].text !== '$$';
    default: // ifstr
      return tokens[0]?.kind === 'str';
  }
}
