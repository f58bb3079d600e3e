// Parse one preprocessed line into a statement (NASM manual 3.1):
//   label: times N prefixes mnemonic operands ; comment
// Parsing happens once; the passes only evaluate the expressions kept in the statement.

import type { SourceLocation } from './diagnostics';
import { ExprParser, Expr, found } from './expr';
import { Token, tokenize } from './lexer';
import { lookupPrefix, lookupRegister, PrefixWord, Register } from './registers';

export type SizeKeyword = 8 | 16 | 32 | 64 | 80;

export const SIZE_KEYWORDS: Record<string, SizeKeyword> = { byte: 8, word: 16, dword: 32, qword: 64, tword: 80 };

export interface RegTerm {
  reg: Register;
  scale: number;
  tok: Token;
}

export type Operand =
  | { kind: 'reg'; reg: Register; tok: Token; size: SizeKeyword | 0 }
  | {
      kind: 'mem';
      tok: Token;
      end: number;
      /** Operand size from a size keyword before '[', 0 if none. */
      size: SizeKeyword | 0;
      far: boolean;
      segment: Register | undefined;
      regs: RegTerm[];
      disp: Expr | undefined;
      /** `[byte ...]`, `[word ...]`, `[dword ...]`: displacement size hint. */
      dispSize: 0 | 8 | 16 | 32;
      nosplit: boolean;
    }
  | {
      kind: 'imm';
      tok: Token;
      end: number;
      expr: Expr;
      size: SizeKeyword | 0;
      strict: boolean;
      jump: 'short' | 'near' | 'far' | undefined;
    }
  | { kind: 'farptr'; tok: Token; end: number; segment: Expr; offset: Expr; size: SizeKeyword | 0 };

export interface DataItem {
  /** A string operand of db/dw/dd/dq: its bytes, padded to the item width. */
  str?: string;
  /** A floating-point constant (its literal text or special name), negated when `negative`. */
  float?: string;
  negative?: boolean;
  expr?: Expr;
  tok: Token;
}

export type Operation =
  | { kind: 'insn'; mnemonic: string; tok: Token; operands: Operand[] }
  | { kind: 'data'; width: 1 | 2 | 4 | 8 | 10; items: DataItem[]; tok: Token }
  | { kind: 'reserve'; width: 1 | 2 | 4 | 8; count: Expr; tok: Token }
  | { kind: 'equ'; expr: Expr; tok: Token }
  | { kind: 'directive'; name: string; tok: Token; args: Token[]; rest: string };

export interface Prefix {
  word: PrefixWord;
  tok: Token;
}

export interface Statement {
  at: SourceLocation;
  text: string;
  label: Token | undefined;
  times: Expr | undefined;
  timesTok: Token | undefined;
  prefixes: Prefix[];
  op: Operation | undefined;
}

export interface ParseError {
  tok: Token | undefined;
  message: string;
}

const DATA_WIDTH: Record<string, 1 | 2 | 4 | 8 | 10> = { db: 1, dw: 2, dd: 4, dq: 8, dt: 10 };
const RES_WIDTH: Record<string, 1 | 2 | 4 | 8> = { resb: 1, resw: 2, resd: 4, resq: 8 };

/** Words NASM's tokenizer reserves besides mnemonics: never a label, so never before a macro call as one. */
const RESERVED = new Set([
  'times',
  'equ',
  'seg',
  'wrt',
  'strict',
  'short',
  'near',
  'far',
  'to',
  'nosplit',
  'rel',
  'abs',
]);

/** Whether a lower-case word is one of NASM's reserved words other than a mnemonic (registers, prefixes, data...). */
export function isReservedNonMnemonic(lower: string): boolean {
  return (
    RESERVED.has(lower) ||
    DATA_WIDTH[lower] !== undefined ||
    RES_WIDTH[lower] !== undefined ||
    SIZE_KEYWORDS[lower] !== undefined ||
    lookupPrefix(lower) !== undefined ||
    lookupRegister(lower) !== undefined ||
    ['do', 'dy', 'dz', 'rest', 'reso', 'resy', 'resz'].includes(lower)
  );
}

/** Directives the assembler knows (NASM chapters 7 and 8, plus the standard struc macros). */
export const DIRECTIVES = new Set([
  'bits',
  'use16',
  'use32',
  'org',
  'section',
  'segment',
  'global',
  'extern',
  'common',
  'align',
  'alignb',
  'absolute',
  'cpu',
  'default',
  'struc',
  'endstruc',
  'istruc',
  'at',
  'iend',
  'incbin',
  'static',
  'sectalign',
]);

/** Directives NASM knows only in the primitive `[...]` form (no standard macro wraps them). */
const BRACKET_ONLY = new Set(['map']);

/** Known in NASM but not here: reported by name, not as a syntax error. */
export const UNSUPPORTED = new Set(['do', 'dy', 'dz', 'rest', 'reso', 'resy', 'resz', 'float', 'osabi']);

/**
 * Known in NASM, not here, and directives only in the `[...]` form: in bin and elf32 output no
 * standard macro wraps them, so a bare `debug` or `list` at the start of a line is a label (`DEBUG equ 0`).
 */
const UNSUPPORTED_BRACKET_ONLY = new Set([
  'import',
  'export',
  'group',
  'library',
  'module',
  'warning',
  'uppercase',
  'debug',
  'list',
]);

export class LineParser {
  private tokens: Token[] = [];
  private pos = 0;
  error: ParseError | undefined;

  constructor(private readonly isMnemonic: (name: string) => boolean) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private fail(tok: Token | undefined, message: string): undefined {
    if (!this.error) this.error = { tok, message };
    return undefined;
  }

  parse(text: string, at: SourceLocation): Statement {
    this.tokens = tokenize(text);
    this.pos = 0;
    this.error = undefined;
    const st: Statement = {
      at,
      text,
      label: undefined,
      times: undefined,
      timesTok: undefined,
      prefixes: [],
      op: undefined,
    };
    const bad = this.tokens.find((t) => t.kind === 'error');
    if (bad) {
      const quoted = bad.text.startsWith("'") || bad.text.startsWith('"') || bad.text.startsWith('`');
      this.fail(bad, quoted ? `unterminated string ${bad.text}` : `invalid token '${bad.text}'`);
      return st;
    }
    if (this.tokens.length === 0) return st;
    // `[bits 32]`, `[section .text]`: the primitive directive form (NASM 7).
    if (
      this.isOp(this.tokens[0], '[') &&
      this.tokens.length >= 2 &&
      this.tokens[1].kind === 'id' &&
      (DIRECTIVES.has(this.tokens[1].text.toLowerCase()) ||
        BRACKET_ONLY.has(this.tokens[1].text.toLowerCase()) ||
        UNSUPPORTED.has(this.tokens[1].text.toLowerCase()) ||
        UNSUPPORTED_BRACKET_ONLY.has(this.tokens[1].text.toLowerCase()))
    ) {
      const last = this.tokens[this.tokens.length - 1];
      if (!this.isOp(last, ']')) {
        this.fail(last, `expected ']' to close the directive${found(undefined)}`);
        return st;
      }
      this.tokens = this.tokens.slice(1, -1);
      st.op = this.directive(text);
      return st;
    }
    const first = this.tokens[0];
    if (first.kind === 'id') {
      const lower = first.text.toLowerCase();
      const second = this.peek(1);
      const colon = second !== undefined && this.isOp(second, ':');
      if (
        !colon &&
        !this.isKeyword(lower) &&
        second &&
        !(second.kind === 'id' && this.isKeyword(second.text.toLowerCase()))
      ) {
        this.fail(first, `unknown instruction '${first.text}'`);
        return st;
      }
      const isLabel = colon || (!this.isKeyword(lower) && first.text !== '$' && first.text !== '$$');
      if (isLabel) {
        st.label = first;
        this.pos = 1;
        if (second && this.isOp(second, ':')) this.pos = 2;
      }
    }
    this.statementBody(st, text);
    return st;
  }

  private isKeyword(lower: string): boolean {
    return (
      this.isMnemonic(lower) ||
      lookupPrefix(lower) !== undefined ||
      DATA_WIDTH[lower] !== undefined ||
      RES_WIDTH[lower] !== undefined ||
      DIRECTIVES.has(lower) ||
      UNSUPPORTED.has(lower) ||
      lower === 'times' ||
      lower === 'equ'
    );
  }

  private isOp(t: Token | undefined, text: string): boolean {
    return t !== undefined && t.kind === 'op' && t.text === text;
  }

  private statementBody(st: Statement, text: string): void {
    let t = this.peek();
    if (!t) return;
    if (t.kind !== 'id') {
      this.fail(t, `expected an instruction or directive, found '${t.text}'`);
      return;
    }
    let lower = t.text.toLowerCase();
    if (lower === 'equ') {
      if (!st.label) return void this.fail(t, "'equ' needs a label before it");
      this.pos++;
      const expr = this.expression();
      if (expr) st.op = { kind: 'equ', expr, tok: t };
      this.expectEnd();
      return;
    }
    if (lower === 'times') {
      this.pos++;
      st.timesTok = t;
      st.times = this.expression();
      if (!st.times) return;
      t = this.peek();
      if (!t) return void this.fail(undefined, "expected an instruction or data after 'times' and its count");
      if (t.kind !== 'id')
        return void this.fail(t, `expected an instruction or data after the 'times' count, found '${t.text}'`);
      lower = t.text.toLowerCase();
    }
    for (let word = lookupPrefix(lower); word !== undefined; word = lookupPrefix(lower)) {
      // `es` alone is a prefix only when an instruction or nothing follows.
      st.prefixes.push({ word, tok: t });
      this.pos++;
      t = this.peek();
      if (!t) return;
      if (t.kind !== 'id')
        return void this.fail(
          t,
          `expected an instruction after the prefix '${st.prefixes[st.prefixes.length - 1].tok.text}', found '${t.text}'`,
        );
      lower = t.text.toLowerCase();
    }
    const width = DATA_WIDTH[lower];
    if (width !== undefined) {
      this.pos++;
      st.op = { kind: 'data', width, items: this.dataItems(), tok: t };
      return;
    }
    const resWidth = RES_WIDTH[lower];
    if (resWidth !== undefined) {
      this.pos++;
      const count = this.expression();
      if (count) st.op = { kind: 'reserve', width: resWidth, count, tok: t };
      this.expectEnd();
      return;
    }
    if (DIRECTIVES.has(lower)) {
      st.op = this.directive(text);
      return;
    }
    if (UNSUPPORTED.has(lower)) return void this.fail(t, `'${t.text}' is not supported`);
    if (!this.isMnemonic(lower)) {
      if (st.label && st.label === this.tokens[0] && this.pos === 1) {
        return void this.fail(t, `unknown instruction '${t.text}' after the label '${st.label.text}'`);
      }
      return void this.fail(t, `unknown instruction '${t.text}'`);
    }
    this.pos++;
    const operands: Operand[] = [];
    if (this.peek()) {
      for (;;) {
        const op = this.operand();
        if (!op) return;
        operands.push(op);
        const next = this.peek();
        if (!next) break;
        if (!this.isOp(next, ','))
          return void this.fail(next, `expected ',' or the end of the line after an operand, found '${next.text}'`);
        this.pos++;
      }
    }
    st.op = { kind: 'insn', mnemonic: lower, tok: t, operands };
  }

  private expectEnd(): void {
    const t = this.peek();
    if (t) this.fail(t, `unexpected '${t.text}' at the end of the statement`);
  }

  private expression(): Expr | undefined {
    const p = new ExprParser(this.tokens, this.pos);
    const e = p.parse();
    this.pos = p.pos;
    if (p.error) return this.fail(p.error.tok, p.error.message);
    return e;
  }

  private dataItems(): DataItem[] {
    const items: DataItem[] = [];
    if (!this.peek()) {
      this.fail(undefined, 'expected data after the data directive');
      return items;
    }
    for (;;) {
      const t = this.peek()!;
      const next = this.peek(1);
      if (t.kind === 'str' && (!next || this.isOp(next, ','))) {
        items.push({ str: t.text, tok: t });
        this.pos++;
      } else {
        const signed = t.kind === 'op' && (t.text === '-' || t.text === '+') && next?.kind === 'float';
        const ft = signed ? next! : t;
        if (ft.kind === 'float') {
          const after = this.peek(signed ? 2 : 1);
          if (after && !this.isOp(after, ',')) {
            this.fail(
              after,
              `a floating-point constant is a data item on its own: expected ',' after '${ft.text}', found '${after.text}'`,
            );
            return items;
          }
          items.push({ float: ft.text, negative: signed && t.text === '-', tok: t });
          this.pos += signed ? 2 : 1;
        } else {
          const expr = this.expression();
          if (!expr) return items;
          items.push({ expr, tok: t });
        }
      }
      const after = this.peek();
      if (!after) return items;
      if (!this.isOp(after, ',')) {
        this.fail(after, `expected ',' between data items, found '${after.text}'`);
        return items;
      }
      this.pos++;
      if (!this.peek()) {
        this.fail(undefined, "expected a data item after ','");
        return items;
      }
    }
  }

  private directive(text: string): Operation {
    const t = this.peek()!;
    this.pos++;
    const args = this.tokens.slice(this.pos);
    const rest = args.length > 0 ? text.slice(args[0].col, args[args.length - 1].end) : '';
    this.pos = this.tokens.length;
    return { kind: 'directive', name: t.text.toLowerCase(), tok: t, args, rest };
  }

  /** One instruction operand (NASM 3.2): register, [memory], immediate, or seg:offset. */
  private operand(): Operand | undefined {
    const start = this.peek();
    if (!start) return this.fail(undefined, 'expected an operand at the end of the line');
    let size: SizeKeyword | 0 = 0;
    let strict = false;
    let jump: 'short' | 'near' | 'far' | undefined;
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'id') break;
      const lower = t.text.toLowerCase();
      if (SIZE_KEYWORDS[lower] !== undefined) size = SIZE_KEYWORDS[lower];
      else if (lower === 'strict') strict = true;
      else if (lower === 'short' || lower === 'near' || lower === 'far') jump = lower;
      else break;
      this.pos++;
    }
    const t = this.peek();
    if (!t) return this.fail(undefined, `expected an operand after '${this.tokens[this.pos - 1].text}'`);
    if (this.isOp(t, '[')) return this.memory(start, size, jump === 'far');
    if (t.kind === 'id') {
      const reg = lookupRegister(t.text);
      const next = this.peek(1);
      if (reg && (!next || this.isOp(next, ','))) {
        this.pos++;
        return { kind: 'reg', reg, tok: t, size };
      }
      if (reg && reg.cls === 'seg' && this.isOp(next, ':') && this.isOp(this.peek(2), '[')) {
        return this.fail(t, `write the segment override inside the brackets: '[${t.text}:...]'`);
      }
    }
    const expr = this.expression();
    if (!expr) return undefined;
    if (this.isOp(this.peek(), ':')) {
      this.pos++;
      const offset = this.expression();
      if (!offset) return undefined;
      return { kind: 'farptr', tok: start, end: this.tokens[this.pos - 1].end, segment: expr, offset, size };
    }
    if (containsRegister(expr)) {
      return this.fail(
        t,
        `a register can only be used alone or inside '[...]' (found '${registerIn(expr)}' in an expression)`,
      );
    }
    return { kind: 'imm', tok: start, end: this.tokens[this.pos - 1].end, expr, size, strict, jump };
  }

  private memory(start: Token, size: SizeKeyword | 0, far: boolean): Operand | undefined {
    const open = this.peek()!;
    this.pos++;
    let segment: Register | undefined;
    let dispSize: 0 | 8 | 16 | 32 = 0;
    let nosplit = false;
    for (;;) {
      const t = this.peek();
      if (!t) return this.fail(undefined, "expected ']' to close the memory operand");
      const lower = t.kind === 'id' ? t.text.toLowerCase() : '';
      if (lower === 'byte' || lower === 'word' || lower === 'dword') {
        dispSize = SIZE_KEYWORDS[lower] as 8 | 16 | 32;
        this.pos++;
      } else if (lower === 'nosplit') {
        nosplit = true;
        this.pos++;
      } else if (lower === 'abs' || lower === 'rel') {
        this.pos++;
      } else if (t.kind === 'id' && this.isOp(this.peek(1), ':')) {
        const reg = lookupRegister(t.text);
        if (!reg || reg.cls !== 'seg') return this.fail(t, `expected a segment register before ':', found '${t.text}'`);
        segment = reg;
        this.pos += 2;
      } else break;
    }
    if (this.isOp(this.peek(), ']')) return this.fail(this.peek(), "expected an address inside '[]'");
    const expr = this.expression();
    if (!expr) return undefined;
    const close = this.peek();
    if (!this.isOp(close, ']')) return this.fail(close, `expected ']' to close the memory operand${found(close)}`);
    this.pos++;
    const split = splitAddress(expr, open);
    if (typeof split === 'string') return this.fail(open, split);
    return {
      kind: 'mem',
      tok: start,
      end: close!.end,
      size,
      far,
      segment,
      regs: split.regs,
      disp: split.disp,
      dispSize,
      nosplit,
    };
  }
}

function containsRegister(e: Expr): boolean {
  return registerIn(e) !== undefined;
}

function registerIn(e: Expr): string | undefined {
  switch (e.k) {
    case 'sym':
      return lookupRegister(e.name) && e.tok.text[0] !== '$' ? e.name : undefined;
    case 'un':
      return registerIn(e.a);
    case 'bin':
      return registerIn(e.a) ?? registerIn(e.b);
    case 'cond':
      return registerIn(e.c) ?? registerIn(e.a) ?? registerIn(e.b);
    case 'seg':
      return registerIn(e.a);
    case 'wrt':
      return registerIn(e.a) ?? registerIn(e.b);
    default:
      return undefined;
  }
}

/** Evaluate a register-free scale expression made of numbers only. */
function constantOf(e: Expr): number | undefined {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'un': {
      const a = constantOf(e.a);
      if (a === undefined) return undefined;
      return e.op === '-' ? -a : e.op === '+' ? a : undefined;
    }
    case 'bin': {
      const a = constantOf(e.a);
      const b = constantOf(e.b);
      if (a === undefined || b === undefined) return undefined;
      if (e.op === '*') return a * b;
      if (e.op === '+') return a + b;
      if (e.op === '-') return a - b;
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Split `[ebx+esi*4+table-8]` into register terms and a displacement expression. Registers
 * may only be added (scaled by a constant); everything else is displacement.
 */
export function splitAddress(expr: Expr, tok: Token): { regs: RegTerm[]; disp: Expr | undefined } | string {
  const regs: RegTerm[] = [];
  const rest: { e: Expr; sign: number }[] = [];
  const walk = (e: Expr, sign: number, scale: number): string | undefined => {
    if (e.k === 'sym' && e.tok.text[0] !== '$') {
      const reg = lookupRegister(e.name);
      if (reg) {
        if (sign < 0) return `register '${e.name}' cannot be subtracted in an address`;
        if (reg.cls !== 'r16' && reg.cls !== 'r32') return `register '${e.name}' cannot be used in an address`;
        const existing = regs.find((r) => r.reg === reg);
        if (existing) existing.scale += scale;
        else regs.push({ reg, scale, tok: e.tok });
        return undefined;
      }
    }
    if (!containsRegister(e)) {
      if (scale !== 1) {
        rest.push({ e: { k: 'bin', op: '*', a: e, b: { k: 'num', v: scale }, tok }, sign });
      } else rest.push({ e, sign });
      return undefined;
    }
    if (e.k === 'bin' && (e.op === '+' || e.op === '-')) {
      return walk(e.a, sign, scale) ?? walk(e.b, e.op === '-' ? -sign : sign, scale);
    }
    if (e.k === 'un' && (e.op === '+' || e.op === '-')) return walk(e.a, e.op === '-' ? -sign : sign, scale);
    if (e.k === 'bin' && e.op === '*') {
      const aHas = containsRegister(e.a);
      const factor = constantOf(aHas ? e.b : e.a);
      if (factor === undefined) return `the scale of register '${registerIn(e)}' must be a constant`;
      return walk(aHas ? e.a : e.b, sign, scale * factor);
    }
    return `register '${registerIn(e)}' cannot be used with '${e.k === 'bin' || e.k === 'un' ? e.op : '?:'}' in an address`;
  };
  const err = walk(expr, 1, 1);
  if (err) return err;
  let disp: Expr | undefined;
  for (const { e, sign } of rest) {
    if (!disp) disp = sign < 0 ? { k: 'un', op: '-', a: e, tok } : e;
    else disp = { k: 'bin', op: sign < 0 ? '-' : '+', a: disp, b: e, tok };
  }
  return { regs: regs.filter((r) => r.scale !== 0), disp };
}
