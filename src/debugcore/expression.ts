// Debugger expressions: the little language of breakpoint conditions, watch expressions,
// the Debug Console and setExpression. NASM-flavoured: registers, labels, numbers (decimal,
// 0x.., ..h, 0b..), + - * / % & | ^ << >> ~, comparisons, && || !, parentheses, and memory
// reads `[expr]` with an optional size `byte`/`word`/`dword` (default dword).
// All arithmetic is unsigned 32-bit, like the machine's own registers; comparisons are
// unsigned; a comparison or logical operator yields 1 or 0.

export type MemorySize = 1 | 2 | 4;

/** What an expression can see: the machine and the loaded images, through plain lookups. */
export interface ExpressionScope {
  /** Value of a register or flag by lower-case name, undefined when no such register. */
  register(name: string): number | undefined;
  /** Address of a label, undefined when unknown. */
  symbol(name: string): number | undefined;
  /** Little-endian read at a linear address; undefined when the address is unreadable. */
  read(address: number, size: MemorySize): number | undefined;
}

export type ExpressionNode =
  | { kind: 'number'; value: number }
  | { kind: 'name'; name: string; start: number }
  | { kind: 'memory'; size: MemorySize; address: ExpressionNode }
  | { kind: 'unary'; op: string; operand: ExpressionNode }
  | { kind: 'binary'; op: string; left: ExpressionNode; right: ExpressionNode };

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}

interface Token {
  kind: 'number' | 'name' | 'op' | 'end';
  text: string;
  value: number;
  start: number;
}

const OPERATORS = [
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '^',
  '~',
  '!',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  ':',
];

function parseNumber(text: string): number | undefined {
  const t = text.toLowerCase().replace(/_/g, '');
  let v: number;
  if (/^0x[0-9a-f]+$/.test(t)) v = parseInt(t.slice(2), 16);
  else if (/^\$[0-9a-f]+$/.test(t)) v = parseInt(t.slice(1), 16);
  else if (/^[0-9][0-9a-f]*h$/.test(t)) v = parseInt(t.slice(0, -1), 16);
  else if (/^0b[01]+$/.test(t)) v = parseInt(t.slice(2), 2);
  else if (/^[01]+b$/.test(t)) v = parseInt(t.slice(0, -1), 2);
  else if (/^[0-9]+d?$/.test(t)) v = parseInt(t, 10);
  else return undefined;
  return v > 0xffffffff ? undefined : v >>> 0;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9$]/.test(c)) {
      while (i < text.length && /[0-9a-zA-Z_$]/.test(text[i])) i++;
      const word = text.slice(start, i);
      const value = parseNumber(word);
      if (value === undefined)
        throw new ExpressionError(`'${word}' is not a number (or does not fit in 32 bits)`, start + 1);
      tokens.push({ kind: 'number', text: word, value, start });
      continue;
    }
    if (c === "'") {
      // A character constant packs up to 4 bytes little-endian, as NASM does.
      const close = text.indexOf("'", i + 1);
      if (close < 0 || close - i - 1 > 4 || close === i + 1)
        throw new ExpressionError('character constant needs 1 to 4 characters between quotes', start + 1);
      let value = 0;
      for (let k = close - 1; k > i; k--) value = (value << 8) | (text.charCodeAt(k) & 0xff);
      tokens.push({ kind: 'number', text: text.slice(i, close + 1), value: value >>> 0, start });
      i = close + 1;
      continue;
    }
    if (/[A-Za-z_.@?]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_.@?$#~]/.test(text[i])) i++;
      tokens.push({ kind: 'name', text: text.slice(start, i), value: 0, start });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new ExpressionError(`unexpected character '${c}'`, start + 1);
    tokens.push({ kind: 'op', text: op, value: 0, start });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '', value: 0, start: text.length });
  return tokens;
}

const SIZES: Record<string, MemorySize> = { byte: 1, word: 2, dword: 4 };

// Binary operator precedence, loosest first (C order).
const LEVELS: string[][] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.isOp(text)) throw new ExpressionError(`expected '${text}'${this.found()}`, this.peek().start + 1);
    this.pos++;
  }

  private found(): string {
    const t = this.peek();
    return t.kind === 'end' ? ' at the end of the expression' : ` but found '${t.text}'`;
  }

  parseAll(): ExpressionNode {
    if (this.peek().kind === 'end') throw new ExpressionError('empty expression', 1);
    const node = this.binary(0);
    if (this.peek().kind !== 'end')
      throw new ExpressionError(`unexpected '${this.peek().text}'`, this.peek().start + 1);
    return node;
  }

  private binary(level: number): ExpressionNode {
    if (level === LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !LEVELS[level].includes(t.text)) return left;
      this.pos++;
      const right = this.binary(level + 1);
      left = { kind: 'binary', op: t.text, left, right };
    }
  }

  private unary(): ExpressionNode {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '!' || t.text === '~')) {
      this.pos++;
      return { kind: 'unary', op: t.text, operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): ExpressionNode {
    const t = this.peek();
    if (t.kind === 'number') {
      this.pos++;
      return { kind: 'number', value: t.value };
    }
    if (t.kind === 'name') {
      const size = SIZES[t.text.toLowerCase()];
      if (size !== undefined) {
        const next = this.tokens[this.pos + 1];
        const afterPtr = next.kind === 'name' && next.text.toLowerCase() === 'ptr' ? this.tokens[this.pos + 2] : next;
        if (afterPtr.kind === 'op' && afterPtr.text === '[') {
          this.pos += afterPtr === next ? 1 : 2;
          return this.memory(size);
        }
      }
      this.pos++;
      return { kind: 'name', name: t.text, start: t.start };
    }
    if (this.isOp('(')) {
      this.pos++;
      const inner = this.binary(0);
      this.expect(')');
      return inner;
    }
    if (this.isOp('[')) return this.memory(4);
    throw new ExpressionError(`expected a number, register, label, '(' or '['${this.found()}`, t.start + 1);
  }

  private memory(size: MemorySize): ExpressionNode {
    this.expect('[');
    const address = this.binary(0);
    this.expect(']');
    return { kind: 'memory', size, address };
  }
}

export function parseExpression(text: string): ExpressionNode {
  return new Parser(tokenize(text)).parseAll();
}

function lookupName(node: { name: string; start: number }, scope: ExpressionScope): number {
  const reg = scope.register(node.name.toLowerCase());
  if (reg !== undefined) return reg >>> 0;
  const sym = scope.symbol(node.name);
  if (sym !== undefined) return sym >>> 0;
  throw new ExpressionError(`unknown register or label '${node.name}'`, node.start + 1);
}

export function readMemory(scope: ExpressionScope, address: number, size: MemorySize): number {
  const v = scope.read(address >>> 0, size);
  if (v === undefined) throw new ExpressionError(`memory at 0x${(address >>> 0).toString(16)} is not readable`, 1);
  return v;
}

export function evaluateNode(node: ExpressionNode, scope: ExpressionScope): number {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'name':
      return lookupName(node, scope);
    case 'memory':
      return readMemory(scope, evaluateNode(node.address, scope), node.size);
    case 'unary': {
      const v = evaluateNode(node.operand, scope);
      switch (node.op) {
        case '-':
          return -v >>> 0;
        case '~':
          return ~v >>> 0;
        case '!':
          return v === 0 ? 1 : 0;
        default:
          return v;
      }
    }
    case 'binary': {
      // && and || short-circuit, so `eax != 0 && [eax] == 5` does not read address 0.
      if (node.op === '&&')
        return evaluateNode(node.left, scope) !== 0 && evaluateNode(node.right, scope) !== 0 ? 1 : 0;
      if (node.op === '||')
        return evaluateNode(node.left, scope) !== 0 || evaluateNode(node.right, scope) !== 0 ? 1 : 0;
      const a = evaluateNode(node.left, scope);
      const b = evaluateNode(node.right, scope);
      switch (node.op) {
        case '+':
          return (a + b) >>> 0;
        case '-':
          return (a - b) >>> 0;
        case '*':
          return Math.imul(a, b) >>> 0;
        case '/':
          if (b === 0) throw new ExpressionError('division by zero', 1);
          return Math.floor(a / b) >>> 0;
        case '%':
          if (b === 0) throw new ExpressionError('division by zero', 1);
          return a % b;
        case '&':
          return (a & b) >>> 0;
        case '|':
          return (a | b) >>> 0;
        case '^':
          return (a ^ b) >>> 0;
        case '<<':
          return b >= 32 ? 0 : (a << b) >>> 0;
        case '>>':
          return b >= 32 ? 0 : a >>> b;
        case '==':
          return a === b ? 1 : 0;
        case '!=':
          return a !== b ? 1 : 0;
        case '<':
          return a < b ? 1 : 0;
        case '<=':
          return a <= b ? 1 : 0;
        case '>':
          return a > b ? 1 : 0;
        case '>=':
          return a >= b ? 1 : 0;
      }
      throw new ExpressionError(`unknown operator '${node.op}'`, 1);
    }
  }
}

/** Parses and evaluates in one go (Debug Console, hover). */
export function evaluateExpression(text: string, scope: ExpressionScope): number {
  return evaluateNode(parseExpression(text), scope);
}

/** Names an expression mentions (registers or labels), for completions and validation. */
export function namesIn(node: ExpressionNode, out: string[] = []): string[] {
  switch (node.kind) {
    case 'name':
      out.push(node.name);
      break;
    case 'memory':
      namesIn(node.address, out);
      break;
    case 'unary':
      namesIn(node.operand, out);
      break;
    case 'binary':
      namesIn(node.left, out);
      namesIn(node.right, out);
      break;
  }
  return out;
}
