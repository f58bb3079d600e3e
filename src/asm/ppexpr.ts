// The preprocessor's conditions and critical expressions (NASM manual 4.4, 3.8): %if and its
// %ifdef/%ifidn/%ifmacro families, and the expressions that must be known while preprocessing.

import type { SourceLocation } from './diagnostics';
import type { Preprocessor } from './preprocess';
import { tokenize } from './lexer';
import { ExprParser, evaluate, type Value } from './expr';
import { splitArgs } from './pptext';

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
      failed = true;
      pp.diags.error(
        at,
        column,
        column + 1,
        `'${name}' is not a number the preprocessor knows (labels are not visible to %if, %assign and %rep)`,
      );
      void tok;
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
  });
  return failed ? undefined : v;
}
