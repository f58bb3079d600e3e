// NASM expressions (NASM manual 3.5): parsing to a small tree once, evaluating on every pass.
//
// Precedence, lowest first: ?: , || , ^^ , && , comparisons (= == != <> < <= > >= <=>),
// | , ^ , & , shifts (<< >> <<< >>>), + - , * / // % %% , unary (+ - ~ ! seg).
// Values are 64-bit integers in NASM; here they are JS numbers, exact up to 2^53, with the
// bitwise operators carried out on 64-bit BigInts.

import type { Token } from './lexer';

export type Expr =
  | { k: 'num'; v: number; value?: Value }
  | { k: 'sym'; name: string; tok: Token }
  | { k: 'here' }
  | { k: 'start' }
  | { k: 'un'; op: string; a: Expr; tok: Token }
  | { k: 'bin'; op: string; a: Expr; b: Expr; tok: Token }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr };

/**
 * A value: `n` plus, when `rel` >= 0, the start of relocatable base `rel` (a section, or an
 * external symbol in ELF output). `unknown` marks a value that depends on a symbol not yet
 * defined in this pass (a forward reference in the first pass).
 */
export interface Value {
  n: number;
  rel: number;
  unknown: boolean;
}

export const ABSOLUTE = -1;

export interface ExprError {
  tok: Token | undefined;
  message: string;
}

/** Parser over a token array; `pos` advances as tokens are consumed. */
export class ExprParser {
  pos: number;
  error: ExprError | undefined;

  constructor(private readonly tokens: Token[], start: number) {
    this.pos = start;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(text: string): boolean {
    const t = this.tokens[this.pos];
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private fail(tok: Token | undefined, message: string): Expr {
    if (!this.error) this.error = { tok, message };
    return { k: 'num', v: 0 };
  }

  parse(): Expr {
    return this.conditional();
  }

  private conditional(): Expr {
    const c = this.binary(0);
    if (this.isOp('?')) {
      this.pos++;
      const a = this.conditional();
      if (!this.isOp(':')) return this.fail(this.peek(), `expected ':' in a '?:' expression${found(this.peek())}`);
      this.pos++;
      const b = this.conditional();
      return { k: 'cond', c, a, b };
    }
    return c;
  }

  /** Precedence climbing over LEVELS: operators of one level associate to the left. */
  private binary(minLevel: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.tokens[this.pos];
      if (t === undefined || t.kind !== 'op') return left;
      const level = LEVEL_OF.get(t.text);
      if (level === undefined || level < minLevel) return left;
      this.pos++;
      const right = this.binary(level + 1);
      left = { k: 'bin', op: t.text, a: left, b: right, tok: t };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (!t) return this.fail(undefined, 'expected an expression at the end of the line');
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~' || t.text === '!')) {
      this.pos++;
      return { k: 'un', op: t.text, a: this.unary(), tok: t };
    }
    if (t.kind === 'id' && t.text.toLowerCase() === 'seg') {
      return this.fail(t, "'seg' is not supported");
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) return this.fail(undefined, 'expected an expression at the end of the line');
    if (t.kind === 'num') {
      this.pos++;
      return { k: 'num', v: t.value };
    }
    if (t.kind === 'str') {
      this.pos++;
      if (t.text.length > 8) return this.fail(t, `character constant '${t.text}' is longer than 8 bytes`);
      return { k: 'num', v: charConstant(t.text) };
    }
    if (t.kind === 'op' && t.text === '(') {
      this.pos++;
      const e = this.conditional();
      if (!this.isOp(')')) return this.fail(this.peek(), `expected ')'${found(this.peek())}`);
      this.pos++;
      return e;
    }
    if (t.kind === 'id') {
      this.pos++;
      if (t.text === '$') return { k: 'here' };
      if (t.text === '$$') return { k: 'start' };
      return { k: 'sym', name: t.text[0] === '$' ? t.text.slice(1) : t.text, tok: t };
    }
    if (t.kind === 'error') return this.fail(t, `invalid token '${t.text}'`);
    return this.fail(t, `expected an expression, found '${t.text}'`);
  }
}

const LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['^^'],
  ['&&'],
  ['=', '==', '!=', '<>', '<', '<=', '>', '>=', '<=>'],
  ['|'],
  ['^'],
  ['&'],
  ['<<', '>>', '<<<', '>>>'],
  ['+', '-'],
  ['*', '/', '//', '%', '%%'],
];

const LEVEL_OF = new Map<string, number>();
LEVELS.forEach((ops, level) => ops.forEach((op) => LEVEL_OF.set(op, level)));

export function found(t: Token | undefined): string {
  return t ? `, found '${t.text}'` : ' at the end of the line';
}

/** NASM character constants are little-endian: 'ab' = 0x6261. */
export function charConstant(s: string): number {
  let v = 0;
  for (let i = Math.min(s.length, 8) - 1; i >= 0; i--) v = v * 256 + (s.charCodeAt(i) & 0xff);
  return v;
}

/** What an expression needs from the assembler while it is evaluated. */
export interface EvalScope {
  symbol(name: string, tok: Token): Value | undefined;
  here(): Value;
  start(): Value;
  /** Record an error (the evaluation continues with 0). */
  error(tok: Token | undefined, message: string): void;
}

function abs(n: number, unknown = false): Value {
  return { n, rel: ABSOLUTE, unknown };
}

function i64(n: number): bigint {
  return BigInt.asIntN(64, BigInt(Math.trunc(n)));
}

function fromBig(b: bigint): number {
  return Number(BigInt.asIntN(64, b));
}

export function evaluate(e: Expr, scope: EvalScope): Value {
  switch (e.k) {
    case 'num':
      // Values are never mutated, so a literal's value is made once.
      return e.value ?? (e.value = abs(e.v));
    case 'here':
      return scope.here();
    case 'start':
      return scope.start();
    case 'sym': {
      const v = scope.symbol(e.name, e.tok);
      return v ?? abs(0, true);
    }
    case 'cond': {
      const c = evaluate(e.c, scope);
      const a = evaluate(e.a, scope);
      const b = evaluate(e.b, scope);
      if (c.unknown) return { ...a, unknown: true };
      return c.n !== 0 ? a : b;
    }
    case 'un': {
      const a = evaluate(e.a, scope);
      if (e.op === '+') return a;
      if (a.rel !== ABSOLUTE) {
        scope.error(e.tok, `operator '${e.op}' cannot be applied to a relocatable value`);
        return abs(0, a.unknown);
      }
      switch (e.op) {
        case '-':
          return abs(-a.n, a.unknown);
        case '~':
          return abs(fromBig(~i64(a.n)), a.unknown);
        default:
          return abs(a.n === 0 ? 1 : 0, a.unknown);
      }
    }
    case 'bin':
      return binary(e, evaluate(e.a, scope), evaluate(e.b, scope), scope);
  }
}

function binary(e: { op: string; tok: Token }, a: Value, b: Value, scope: EvalScope): Value {
  const unknown = a.unknown || b.unknown;
  if (e.op === '+') {
    if (a.rel !== ABSOLUTE && b.rel !== ABSOLUTE) {
      scope.error(e.tok, 'cannot add two relocatable values');
      return abs(0, unknown);
    }
    return { n: a.n + b.n, rel: a.rel !== ABSOLUTE ? a.rel : b.rel, unknown };
  }
  if (e.op === '-') {
    if (b.rel === ABSOLUTE) return { n: a.n - b.n, rel: a.rel, unknown };
    if (a.rel === b.rel) return abs(a.n - b.n, unknown);
    if (unknown) return abs(0, true);
    scope.error(e.tok, 'cannot subtract values from different sections');
    return abs(0, unknown);
  }
  if (a.rel !== ABSOLUTE || b.rel !== ABSOLUTE) {
    if (!unknown) scope.error(e.tok, `operator '${e.op}' cannot be applied to a relocatable value`);
    return abs(0, unknown);
  }
  const x = a.n;
  const y = b.n;
  switch (e.op) {
    case '*':
      return abs(Number.isSafeInteger(x * y) ? x * y : fromBig(i64(x) * i64(y)), unknown);
    case '/':
    case '//':
    case '%':
    case '%%': {
      if (y === 0) {
        if (!unknown) scope.error(e.tok, 'division by zero');
        return abs(0, unknown);
      }
      const signed = e.op === '//' || e.op === '%%';
      const bx = signed ? i64(x) : BigInt.asUintN(64, i64(x));
      const by = signed ? i64(y) : BigInt.asUintN(64, i64(y));
      return abs(fromBig(e.op[0] === '/' ? bx / by : bx % by), unknown);
    }
    case '<<':
    case '<<<':
      return abs(fromBig(i64(x) << BigInt(y & 63)), unknown);
    case '>>':
      return abs(fromBig(BigInt.asUintN(64, i64(x)) >> BigInt(y & 63)), unknown);
    case '>>>':
      return abs(fromBig(i64(x) >> BigInt(y & 63)), unknown);
    case '&':
      return abs(fromBig(i64(x) & i64(y)), unknown);
    case '|':
      return abs(fromBig(i64(x) | i64(y)), unknown);
    case '^':
      return abs(fromBig(i64(x) ^ i64(y)), unknown);
    case '&&':
      return abs(x !== 0 && y !== 0 ? 1 : 0, unknown);
    case '||':
      return abs(x !== 0 || y !== 0 ? 1 : 0, unknown);
    case '^^':
      return abs((x !== 0) !== (y !== 0) ? 1 : 0, unknown);
    case '=':
    case '==':
      return abs(x === y ? 1 : 0, unknown);
    case '!=':
    case '<>':
      return abs(x !== y ? 1 : 0, unknown);
    case '<':
      return abs(x < y ? 1 : 0, unknown);
    case '<=':
      return abs(x <= y ? 1 : 0, unknown);
    case '>':
      return abs(x > y ? 1 : 0, unknown);
    case '>=':
      return abs(x >= y ? 1 : 0, unknown);
    default: // '<=>'
      return abs(x < y ? -1 : x > y ? 1 : 0, unknown);
  }
}
