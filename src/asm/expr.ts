// NASM expressions (NASM manual 3.5): parsing to a small tree once, evaluating on every pass.
//
// Precedence, lowest first: ?: , || , ^^ , && , comparisons (= == != <> < <= > >= <=>),
// | , ^ , & , shifts (<< >> <<< >>>), + - , * / // % %% , unary (+ - ~ ! seg).
// Values are 64-bit integers in NASM; here they are JS numbers, exact up to 2^53, with the
// bitwise operators carried out on 64-bit BigInts.

import type { Token } from './lexer';
import { floatFunction, isFloatFunction } from './float';

export type Expr =
  | { k: 'num'; v: number; big?: bigint; value?: Value }
  | { k: 'sym'; name: string; tok: Token }
  | { k: 'here' }
  | { k: 'start' }
  | { k: 'un'; op: string; a: Expr; tok: Token }
  | { k: 'bin'; op: string; a: Expr; b: Expr; tok: Token }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'seg'; a: Expr; tok: Token }
  | { k: 'wrt'; a: Expr; b: Expr; tok: Token };

/**
 * A value: `n` plus, when `rel` >= 0, the start of relocatable base `rel` (a section, or an
 * external symbol in ELF output). `unknown` marks a value that depends on a symbol not yet
 * defined in this pass (a forward reference in the first pass).
 */
export interface Value {
  n: number;
  rel: number;
  unknown: boolean;
  /** The exact signed 64-bit value when it is wider than 53 bits (`n` is then rounded). */
  big?: bigint;
  /**
   * NASM 2.16 quirk, reproduced for identical bytes: its comparison code uses -1 for
   * "unknown", so `a <=> b` with a < b is NASM's unknown value. NASM keeps an unknown as a
   * term with a coefficient beside the number: + - and multiplication by a number scale or
   * add the coefficients (so U - U is known again), comparisons look at the difference, every
   * other operator gives a fresh unknown; an expression that ends unknown is stored as 0
   * (`dq 5 + (1 <=> 2)` is 0 in NASM). This is the coefficient; `n` is the number beside it.
   */
  nasmUnknown?: bigint;
  /** `x - y` with y in the section being assembled (bin): y's base, which the listing shows relative to. */
  selfRel?: number;
}

const LEG_UNKNOWN: Value = { n: 0, rel: -1, unknown: false, nasmUnknown: 1n };

/** A number plus `k` times NASM's unknown (a plain value when k = 0). */
function withUnknown(b: bigint, k: bigint, unknown: boolean): Value {
  const v = absBig(b, unknown);
  const c = BigInt.asIntN(64, k);
  return c === 0n ? v : { ...v, nasmUnknown: c };
}

export const ABSOLUTE = -1;

const COMPARISONS = new Set(['=', '==', '!=', '<>', '<', '<=', '>', '>=', '<=>']);

/** The relocation base of `x wrt y` (NASM 3.6): the value is kept, its base is unknowable here. */
export const WRT_REL = -2;
/** Bases of `section.NAME.start` (bin): the load address of section k is base START_REL + k. */
export const START_REL = 1 << 18;

/** The base of `seg x`: the segment of base `rel` (a paragraph number only a loader knows). */
export function segRel(rel: number): number {
  return -16 - rel;
}

export function isSegRel(rel: number): boolean {
  return rel <= -16;
}

export interface ExprError {
  tok: Token | undefined;
  message: string;
}

/**
 * How deep parentheses, unary operators and `?:` may nest. The parser and the evaluator
 * recurse per level; past this an expression gets an error instead of exhausting the host's
 * stack (NASM itself takes deeper nesting).
 */
export const MAX_EXPRESSION_NESTING = 512;

/** Parser over a token array; `pos` advances as tokens are consumed. */
export class ExprParser {
  pos: number;
  error: ExprError | undefined;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    start: number,
  ) {
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
    const e = this.conditional();
    // `x wrt y` binds loosest of all, its right side is one unary term (NASM's evaluator).
    const t = this.peek();
    if (t && t.kind === 'id' && t.text.toLowerCase() === 'wrt') {
      this.pos++;
      return { k: 'wrt', a: e, b: this.unary(), tok: t };
    }
    return e;
  }

  /** Runs `inner` one nesting level deeper, or fails past MAX_EXPRESSION_NESTING. */
  private nested(tok: Token | undefined, inner: () => Expr): Expr {
    if (this.depth >= MAX_EXPRESSION_NESTING)
      return this.fail(tok, `expression nests deeper than ${MAX_EXPRESSION_NESTING} levels`);
    this.depth++;
    try {
      return inner();
    } finally {
      this.depth--;
    }
  }

  private conditional(): Expr {
    const c = this.binary(0);
    if (this.isOp('?')) {
      this.pos++;
      const a = this.nested(this.peek(), () => this.conditional());
      if (!this.isOp(':')) return this.fail(this.peek(), `expected ':' in a '?:' expression${found(this.peek())}`);
      this.pos++;
      const b = this.nested(this.peek(), () => this.conditional());
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
      return { k: 'un', op: t.text, a: this.nested(t, () => this.unary()), tok: t };
    }
    if (t.kind === 'id' && t.text.toLowerCase() === 'seg') {
      this.pos++;
      return { k: 'seg', a: this.nested(t, () => this.unary()), tok: t };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) return this.fail(undefined, 'expected an expression at the end of the line');
    if (t.kind === 'num') {
      this.pos++;
      return t.big !== undefined ? { k: 'num', v: t.value, big: t.big } : { k: 'num', v: t.value };
    }
    if (t.kind === 'float') {
      return this.fail(
        t,
        `floating-point constant '${t.text}' in an integer expression (use it as a data item, or __float32__(${t.text}))`,
      );
    }
    if (
      t.kind === 'id' &&
      isFloatFunction(t.text) &&
      this.tokens[this.pos + 1]?.kind === 'op' &&
      this.tokens[this.pos + 1].text === '('
    ) {
      // __float32__(1.5) and friends: the encoding as an integer (NASM manual 3.4.6).
      let at = this.pos + 2;
      let negative = false;
      const sign = this.tokens[at];
      if (sign?.kind === 'op' && (sign.text === '-' || sign.text === '+')) {
        negative = sign.text === '-';
        at++;
      }
      const lit = this.tokens[at];
      const close = this.tokens[at + 1];
      if (lit?.kind !== 'float' || close?.kind !== 'op' || close.text !== ')') {
        return this.fail(lit ?? t, `${t.text}() takes one floating-point constant`);
      }
      this.pos = at + 2;
      const r = floatFunction(t.text, lit.text, negative)!;
      return numOf(r.value);
    }
    if (t.kind === 'str') {
      this.pos++;
      if (t.text.length > 8) return this.fail(t, `character constant '${t.text}' is longer than 8 bytes`);
      return { k: 'num', v: charConstant(t.text) };
    }
    if (t.kind === 'op' && t.text === '(') {
      this.pos++;
      const e = this.nested(t, () => this.conditional());
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
  /** Whether `x - y`, y of base `rel`, is self-relative (bin: y in the section being assembled). */
  selfRelative?(rel: number): boolean;
  /** Whether values of two different bases may still be equal (the preprocessor's label terms). */
  mayCoincide?(a: number, b: number): boolean;
}

function abs(n: number, unknown = false): Value {
  return { n, rel: ABSOLUTE, unknown };
}

/** An absolute value from a 64-bit BigInt (wrapped to signed 64 bits; exact in `big`). */
function absBig(b: bigint, unknown = false): Value {
  const w = BigInt.asIntN(64, b);
  const n = Number(w);
  return Number.isSafeInteger(n) ? { n, rel: ABSOLUTE, unknown } : { n, rel: ABSOLUTE, unknown, big: w };
}

/** A literal's expression node from a BigInt. */
function numOf(b: bigint): Expr {
  const w = BigInt.asIntN(64, b);
  const n = Number(w);
  return Number.isSafeInteger(n) ? { k: 'num', v: n } : { k: 'num', v: n, big: w };
}

/** The exact 64-bit value of `v`. */
export function bigOf(v: Value): bigint {
  return v.big ?? BigInt(Math.trunc(v.n));
}

function i64(n: number): bigint {
  return BigInt.asIntN(64, BigInt(Math.trunc(n)));
}

/** Both operands absolute, at least one wider than 53 bits: every operator on 64-bit BigInts. */
function binaryBig(e: { op: string; tok: Token }, a: Value, b: Value, scope: EvalScope): Value {
  const unknown = a.unknown || b.unknown;
  const x = BigInt.asIntN(64, bigOf(a));
  const y = BigInt.asIntN(64, bigOf(b));
  const ux = BigInt.asUintN(64, x),
    uy = BigInt.asUintN(64, y);
  const bool = (c: boolean): Value => abs(c ? 1 : 0, unknown);
  const d = BigInt.asIntN(64, x - y);
  switch (e.op) {
    case '+':
      return fromBig(x + y, unknown);
    case '-':
      return fromBig(x - y, unknown);
    case '*':
      return fromBig(x * y, unknown);
    case '/':
    case '//':
    case '%':
    case '%%': {
      if (y === 0n) {
        if (!unknown) scope.error(e.tok, 'division by zero');
        return abs(0, unknown);
      }
      const signed = e.op === '//' || e.op === '%%';
      const p = signed ? x : ux,
        q = signed ? y : uy;
      return fromBig(e.op[0] === '/' ? p / q : p % q, unknown);
    }
    case '<<':
    case '<<<':
      return fromBig(x << (y & 63n), unknown);
    case '>>':
      return fromBig(ux >> (y & 63n), unknown);
    case '>>>':
      return fromBig(x >> (y & 63n), unknown);
    case '&':
      return fromBig(x & y, unknown);
    case '|':
      return fromBig(x | y, unknown);
    case '^':
      return fromBig(x ^ y, unknown);
    case '&&':
      return bool(x !== 0n && y !== 0n);
    case '||':
      return bool(x !== 0n || y !== 0n);
    case '^^':
      return bool((x !== 0n) !== (y !== 0n));
    // NASM compares by the sign of the wrapped 64-bit difference x - y.
    case '=':
    case '==':
      return bool(d === 0n);
    case '!=':
    case '<>':
      return bool(d !== 0n);
    case '<':
      return bool(d < 0n);
    case '<=':
      return bool(d <= 0n);
    case '>':
      return bool(d > 0n);
    case '>=':
      return bool(d >= 0n);
    default:
      return d < 0n ? LEG_UNKNOWN : abs(d > 0n ? 1 : 0, unknown);
  }
}

/** Value of a 64-bit operation's result, exact beyond 53 bits. */
function fromBig(b: bigint, unknown: boolean): Value {
  return absBig(b, unknown);
}

export function evaluate(e: Expr, scope: EvalScope): Value {
  const v = evaluateNode(e, scope);
  return v.nasmUnknown ? abs(0, v.unknown) : v;
}

function evaluateNode(e: Expr, scope: EvalScope): Value {
  switch (e.k) {
    case 'num':
      // Values are never mutated, so a literal's value is made once.
      return (
        e.value ?? (e.value = e.big !== undefined ? { n: e.v, rel: ABSOLUTE, unknown: false, big: e.big } : abs(e.v))
      );
    case 'here':
      return scope.here();
    case 'start':
      return scope.start();
    case 'sym': {
      const v = scope.symbol(e.name, e.tok);
      return v ?? abs(0, true);
    }
    case 'cond': {
      const c = evaluateNode(e.c, scope);
      const a = evaluateNode(e.a, scope);
      const b = evaluateNode(e.b, scope);
      if (c.nasmUnknown) return LEG_UNKNOWN;
      if (c.unknown) return { ...a, unknown: true };
      return c.n !== 0 ? a : b;
    }
    case 'un': {
      const a = evaluateNode(e.a, scope);
      if (e.op === '+') return a;
      if (a.nasmUnknown) return e.op === '-' ? withUnknown(-bigOf(a), -a.nasmUnknown, a.unknown) : LEG_UNKNOWN;
      if (a.rel !== ABSOLUTE) {
        scope.error(e.tok, `operator '${e.op}' cannot be applied to a relocatable value`);
        return abs(0, a.unknown);
      }
      if (a.big !== undefined) {
        const b = a.big;
        return absBig(e.op === '-' ? -b : e.op === '~' ? ~b : b === 0n ? 1n : 0n, a.unknown);
      }
      switch (e.op) {
        case '-':
          return abs(-a.n, a.unknown);
        case '~':
          return fromBig(~i64(a.n), a.unknown);
        default:
          return abs(a.n === 0 ? 1 : 0, a.unknown);
      }
    }
    case 'bin':
      return binary(e, evaluateNode(e.a, scope), evaluateNode(e.b, scope), scope);
    case 'seg': {
      const a = evaluateNode(e.a, scope);
      if (a.unknown) return abs(0, true);
      if (a.rel === ABSOLUTE || a.rel === WRT_REL || isSegRel(a.rel)) {
        scope.error(e.tok, 'cannot apply SEG to a non-relocatable value');
        return abs(0);
      }
      return { n: 0, rel: segRel(a.rel), unknown: false };
    }
    case 'wrt': {
      const a = evaluateNode(e.a, scope);
      const b = evaluateNode(e.b, scope);
      if (a.unknown || b.unknown) return abs(0, true);
      // The right side names a segment: a number or `seg x`, never a label's offset.
      if (b.rel !== ABSOLUTE && !isSegRel(b.rel)) {
        scope.error(e.tok, 'invalid right-hand operand to WRT');
        return abs(0);
      }
      return { n: a.n, rel: WRT_REL, unknown: false };
    }
  }
}

function binary(e: { op: string; tok: Token }, a: Value, b: Value, scope: EvalScope): Value {
  const unknown = a.unknown || b.unknown;
  if (a.nasmUnknown || b.nasmUnknown) {
    const ka = a.nasmUnknown ?? 0n,
      kb = b.nasmUnknown ?? 0n;
    const x = bigOf(a),
      y = bigOf(b);
    switch (e.op) {
      case '+':
        return withUnknown(x + y, ka + kb, unknown);
      case '-':
        return withUnknown(x - y, ka - kb, unknown);
      case '*':
        if (!ka) return withUnknown(x * y, kb * x, unknown);
        if (!kb) return withUnknown(x * y, ka * y, unknown);
        return LEG_UNKNOWN;
      case '=':
      case '==':
      case '!=':
      case '<>':
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '<=>':
        if (ka !== kb) return LEG_UNKNOWN;
        return binaryBig(
          e,
          { n: a.n, rel: ABSOLUTE, unknown: a.unknown, big: a.big },
          { n: b.n, rel: ABSOLUTE, unknown: b.unknown, big: b.big },
          scope,
        );
      case '/':
      case '//':
      case '%':
      case '%%':
        if (!kb && y === 0n && !unknown) scope.error(e.tok, 'division by zero');
        return LEG_UNKNOWN;
      default:
        return LEG_UNKNOWN;
    }
  }
  if ((a.big !== undefined || b.big !== undefined) && a.rel === ABSOLUTE && b.rel === ABSOLUTE)
    return binaryBig(e, a, b, scope);
  if (e.op === '+') {
    if (a.rel !== ABSOLUTE && b.rel !== ABSOLUTE) {
      scope.error(e.tok, 'cannot add two relocatable values');
      return abs(0, unknown);
    }
    const sum = a.n + b.n;
    if (!Number.isSafeInteger(sum) && a.rel === ABSOLUTE && b.rel === ABSOLUTE)
      return fromBig(i64(a.n) + i64(b.n), unknown);
    const r = a.rel !== ABSOLUTE ? a : b;
    return r.selfRel === undefined
      ? { n: sum, rel: r.rel, unknown }
      : { n: sum, rel: r.rel, unknown, selfRel: r.selfRel };
  }
  if (e.op === '-') {
    if (b.rel === ABSOLUTE) {
      const diff = a.n - b.n;
      if (!Number.isSafeInteger(diff) && a.rel === ABSOLUTE) return fromBig(i64(a.n) - i64(b.n), unknown);
      return a.selfRel === undefined
        ? { n: diff, rel: a.rel, unknown }
        : { n: diff, rel: a.rel, unknown, selfRel: a.selfRel };
    }
    if (a.rel === b.rel) return abs(a.n - b.n, unknown);
    if (unknown) return abs(0, true);
    // NASM (bin): minus a place in the section being assembled is a self-relative reference
    // its writer resolves; the difference stays relocatable (full-size fields), never simple.
    if (scope.selfRelative?.(b.rel) && a.rel >= 0) return { n: a.n - b.n, rel: a.rel, unknown, selfRel: b.rel };
    scope.error(e.tok, 'cannot subtract values from different sections');
    return abs(0, unknown);
  }
  if ((a.rel !== ABSOLUTE || b.rel !== ABSOLUTE) && COMPARISONS.has(e.op)) {
    // NASM compares the difference of the two sides: of one base, a number; of two, `=` and `!=`
    // are false and true, and the others an error.
    if (a.rel === b.rel && a.selfRel === b.selfRel) return binary(e, abs(a.n, a.unknown), abs(b.n, b.unknown), scope);
    if (scope.mayCoincide?.(a.rel, b.rel)) {
      scope.error(e.tok, `'${e.op}': the two sides' addresses are not known before assembly`);
      return abs(0, unknown);
    }
    if (e.op === '=' || e.op === '==') return abs(0, unknown);
    if (e.op === '!=' || e.op === '<>') return abs(1, unknown);
    if (!unknown) scope.error(e.tok, `'${e.op}': operands differ by a non-scalar`);
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
      return Number.isSafeInteger(x * y) ? abs(x * y, unknown) : fromBig(i64(x) * i64(y), unknown);
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
      return fromBig(e.op[0] === '/' ? bx / by : bx % by, unknown);
    }
    case '<<':
    case '<<<':
      return fromBig(i64(x) << BigInt(y & 63), unknown);
    case '>>':
      return fromBig(BigInt.asUintN(64, i64(x)) >> BigInt(y & 63), unknown);
    case '>>>':
      return fromBig(i64(x) >> BigInt(y & 63), unknown);
    case '&':
      return fromBig(i64(x) & i64(y), unknown);
    case '|':
      return fromBig(i64(x) | i64(y), unknown);
    case '^':
      return fromBig(i64(x) ^ i64(y), unknown);
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
      return x < y ? LEG_UNKNOWN : abs(x > y ? 1 : 0, unknown);
  }
}
