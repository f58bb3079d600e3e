// Tokens of one NASM source line (NASM manual 3.1 layout, 3.4 constants).
//
// The lexer never throws: a character it cannot place becomes an 'error' token that the
// parser reports with its column.

import { isFloatLiteral, isFloatSpecial } from './float';

export type TokenKind = 'id' | 'num' | 'str' | 'op' | 'float' | 'error';

export interface Token {
  kind: TokenKind;
  /** Source text of the token (for strings: the contents, escapes resolved). */
  text: string;
  /** 0-based start and end columns in the line. */
  col: number;
  end: number;
  /** Numeric value of a 'num' token (rounded when wider than 53 bits: see `big`). */
  value: number;
  /** The exact 64-bit value of a 'num' token wider than 53 bits. */
  big?: bigint;
  /** For a symbol name: its full name once resolved (local labels carry their scope). */
  qualified?: string;
}

const OPERATORS3 = ['<<<', '>>>', '<=>'];
/** Characters that may start a two- or three-character operator (or '$$'). */
const MULTI_CHAR_START = '<>/%=!&|^';
const SINGLE_OPERATORS = '+-*/%()[],:~!&|^<>=?{}';
const OPERATORS2 = ['<<', '>>', '//', '%%', '==', '!=', '<>', '<=', '>=', '&&', '||', '^^'];

export function isIdentStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x5f /* _ */ ||
    c === 0x2e /* . */ ||
    c === 0x3f /* ? */ ||
    c === 0x40 /* @ */
  );
}

export function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x24 /* $ */ || c === 0x23 /* # */ || c === 0x7e; /* ~ */
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Index of the ';' that starts the comment of a line, or the line length. Quotes are honoured. */
export function commentStart(line: string): number {
  let quote = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (quote) {
      if (c === 0x5c /* \ */ && quote === 0x60) i++;
      else if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27 || c === 0x60) quote = c;
    else if (c === 0x3b) return i;
  }
  return line.length;
}

/**
 * Value of a NASM numeric literal, or undefined. Forms (NASM 3.4.1): 0x1F 0h1F $1F 1Fh, 0b101
 * 0y101 101b 101y, 0o17 0q17 17o 17q, 0d10 0t10 10d 10t, plain decimal; '_' separators.
 */
export function parseNumber(text: string): number | undefined {
  const value = parseDigits(text);
  // Values are JS numbers, exact to 2^53; a wider literal would be silently rounded.
  return value !== undefined && value <= Number.MAX_SAFE_INTEGER ? value : undefined;
}

/**
 * A well-formed literal wider than 53 bits, exactly, as the signed 64-bit value NASM keeps
 * (NASM truncates wider constants to 64 bits); undefined when not a literal or narrower.
 */
export function parseBig(text: string): bigint | undefined {
  const value = parseDigits(text);
  if (value === undefined || value <= Number.MAX_SAFE_INTEGER) return undefined;
  let t = text.replace(/_/g, '').toLowerCase();
  let radix = 10;
  if (t[0] === '$') {
    radix = 16;
    t = t.slice(1);
  } else if (t.length > 2 && t[0] === '0' && 'xhbyoqdt'.includes(t[1])) {
    radix = radixOf(t[1]);
    t = t.slice(2);
  } else if (t.length > 1 && 'hbyoqdt'.includes(t[t.length - 1])) {
    radix = radixOf(t[t.length - 1]);
    t = t.slice(0, -1);
  }
  let v = 0n;
  for (const d of t) v = v * BigInt(radix) + BigInt(parseInt(d, 36));
  return BigInt.asIntN(64, v);
}

function parseDigits(text: string): number | undefined {
  let t = text.replace(/_/g, '').toLowerCase();
  if (t.length === 0) return undefined;
  let radix = 10;
  if (t[0] === '$') {
    radix = 16;
    t = t.slice(1);
  } else if (t.length > 2 && t[0] === '0' && 'xhbyoqdt'.includes(t[1])) {
    radix = radixOf(t[1]);
    t = t.slice(2);
  } else if (t.length > 1 && 'hbyoqdt'.includes(t[t.length - 1]) && !(t.length > 2 && t[0] === '0' && t[1] === 'x')) {
    const suffix = t[t.length - 1];
    // "0bh"-style ambiguity is resolved by NASM in favour of the suffix.
    radix = radixOf(suffix);
    t = t.slice(0, -1);
  }
  if (t.length === 0) return undefined;
  let value = 0;
  for (let i = 0; i < t.length; i++) {
    const d = parseInt(t[i], 36);
    if (!(d < radix)) return undefined;
    value = value * radix + d;
  }
  return value;
}

function radixOf(letter: string): number {
  switch (letter) {
    case 'x':
    case 'h':
      return 16;
    case 'b':
    case 'y':
      return 2;
    case 'o':
    case 'q':
      return 8;
    default:
      return 10;
  }
}

/**
 * A code point as UTF-8 bytes (one character per byte), with the original encoding's 5- and
 * 6-byte forms for values past 0x1FFFFF, as NASM's to_utf8 writes them.
 */
function utf8(v: number): string {
  if (v < 0x80) return String.fromCharCode(v);
  const bytes: number[] = [];
  let lead = 0xc0,
    room = 0x20;
  for (;;) {
    bytes.unshift(0x80 | (v & 0x3f));
    v = Math.floor(v / 64);
    if (v < room) break;
    lead = 0x80 | (lead >> 1);
    room >>= 1;
  }
  bytes.unshift(lead | v);
  return String.fromCharCode(...bytes);
}

/** Resolve the escapes of a backquoted NASM string (NASM 3.4.2). */
function unescapeBackquoted(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '0': {
        let digits = '';
        while (digits.length < 2 && i + 1 < body.length && /[0-7]/.test(body[i + 1])) digits += body[++i];
        out += String.fromCharCode(parseInt('0' + digits, 8));
        break;
      }
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'e':
        out += '\x1b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x': {
        let digits = '';
        while (digits.length < 2 && i + 1 < body.length && /[0-9a-fA-F]/.test(body[i + 1])) digits += body[++i];
        // Without a digit NASM keeps the letter.
        out += digits === '' ? e : String.fromCharCode(parseInt(digits, 16));
        break;
      }
      case 'u':
      case 'U': {
        // \u: up to 4 hex digits, \U: up to 8, a code point stored as UTF-8 (NASM 3.4.2).
        let digits = '';
        const most = e === 'u' ? 4 : 8;
        while (digits.length < most && i + 1 < body.length && /[0-9a-fA-F]/.test(body[i + 1])) digits += body[++i];
        out += digits === '' ? e : utf8(parseInt(digits, 16) >>> 0);
        break;
      }
      default:
        if (/[1-7]/.test(e)) {
          let digits = e;
          while (digits.length < 3 && i + 1 < body.length && /[0-7]/.test(body[i + 1])) digits += body[++i];
          out += String.fromCharCode(parseInt(digits, 8) & 0xff);
        } else out += e;
    }
  }
  return out;
}

/** Split one line (comment already removed or not) into tokens. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b) {
      i++;
      continue;
    }
    if (c === 0x3b) break; // ';' comment
    const start = i;
    if (c === 0x3f /* ? */ && !(i + 1 < n && isIdentChar(line.charCodeAt(i + 1)))) {
      tokens.push({ kind: 'op', text: '?', col: start, end: i + 1, value: 0 });
      i++;
      continue;
    }
    if (isIdentStart(c) || (c === 0x24 /* $ */ && i + 1 < n && isIdentStart(line.charCodeAt(i + 1)))) {
      i++;
      while (i < n && isIdentChar(line.charCodeAt(i))) i++;
      const word = line.slice(start, i);
      tokens.push({ kind: isFloatSpecial(word) ? 'float' : 'id', text: word, col: start, end: i, value: 0 });
      continue;
    }
    if (isDigit(c) || (c === 0x24 && i + 1 < n && isDigit(line.charCodeAt(i + 1)))) {
      i++;
      while (i < n && isIdentChar(line.charCodeAt(i)) && line.charCodeAt(i) !== 0x2e) i++;
      let text = line.slice(start, i);
      const value = parseNumber(text);
      if (value !== undefined && !(i < n && line[i] === '.')) {
        tokens.push({ kind: 'num', text, col: start, end: i, value });
        continue;
      }
      // A floating-point constant: a period, or a decimal exponent (`1e5`), or a binary one
      // (`0x1p-3`); the exponent's sign is part of it.
      let j = i;
      if (j < n && line[j] === '.') {
        j++;
        while (j < n && isIdentChar(line.charCodeAt(j)) && line.charCodeAt(j) !== 0x2e) j++;
      }
      if (j < n && (line[j] === '+' || line[j] === '-') && /[ep]$/i.test(line.slice(start, j))) {
        j++;
        while (j < n && isIdentChar(line.charCodeAt(j)) && line.charCodeAt(j) !== 0x2e) j++;
      }
      if (isFloatLiteral(line.slice(start, j))) {
        tokens.push({ kind: 'float', text: line.slice(start, j), col: start, end: j, value: 0 });
        i = j;
        continue;
      }
      const big = value === undefined ? parseBig(text) : undefined;
      if (big !== undefined && !(i < n && line[i] === '.')) {
        tokens.push({ kind: 'num', text, col: start, end: i, value: Number(big), big });
        continue;
      }
      if (i < n && line[i] === '.') {
        while (i < n && (isIdentChar(line.charCodeAt(i)) || line[i] === '.')) i++;
        text = line.slice(start, i);
      }
      tokens.push({ kind: 'error', text, col: start, end: i, value: 0 });
      continue;
    }
    if (c === 0x27 || c === 0x22 || c === 0x60) {
      let j = i + 1;
      while (j < n) {
        const d = line.charCodeAt(j);
        if (c === 0x60 && d === 0x5c) j += 2;
        else if (d === c) break;
        else j++;
      }
      if (j >= n) {
        tokens.push({ kind: 'error', text: line.slice(start), col: start, end: n, value: 0 });
        i = n;
        continue;
      }
      const body = line.slice(i + 1, j);
      const text = c === 0x60 ? unescapeBackquoted(body) : body;
      tokens.push({ kind: 'str', text, col: start, end: j + 1, value: 0 });
      i = j + 1;
      continue;
    }
    const ch = line[i];
    if (!MULTI_CHAR_START.includes(ch) && ch !== '$') {
      if (SINGLE_OPERATORS.includes(ch)) tokens.push({ kind: 'op', text: ch, col: start, end: i + 1, value: 0 });
      else tokens.push({ kind: 'error', text: ch, col: start, end: i + 1, value: 0 });
      i++;
      continue;
    }
    const three = line.substr(i, 3);
    if (OPERATORS3.includes(three)) {
      tokens.push({ kind: 'op', text: three, col: start, end: i + 3, value: 0 });
      i += 3;
      continue;
    }
    const two = line.substr(i, 2);
    if (OPERATORS2.includes(two) || two === '$$') {
      tokens.push({ kind: two === '$$' ? 'id' : 'op', text: two, col: start, end: i + 2, value: 0 });
      i += 2;
      continue;
    }
    if (SINGLE_OPERATORS.includes(ch) || ch === '$') {
      tokens.push({ kind: ch === '$' ? 'id' : 'op', text: ch, col: start, end: i + 1, value: 0 });
      i++;
      continue;
    }
    tokens.push({ kind: 'error', text: ch, col: start, end: i + 1, value: 0 });
    i++;
  }
  return tokens;
}
