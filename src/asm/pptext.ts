// Text helpers of the preprocessor: include-file lookup, macro-argument splitting and
// parameter substitution.

import type { PreprocessOptions } from './preprocess';
import { commentStart } from './lexer';

export function resolveInclude(
  name: string,
  from: string,
  options: PreprocessOptions,
): { text: string; path: string } | undefined {
  if (!options.readFile) return undefined;
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  const candidates = name.startsWith('/')
    ? [name]
    : options.includePaths && options.includePaths.length > 0
      ? // NASM's order with -I paths: the name as written, each path, then (not NASM) the includer's directory.
        [name, ...options.includePaths.map((p) => (p.endsWith('/') ? p : p + '/') + name), dir + name]
      : // Without: the includer's directory first (an editor's program includes files beside it).
        [dir + name, name];
  for (const path of candidates) {
    let data: string | Uint8Array | undefined;
    try {
      data = options.readFile(path);
    } catch {
      data = undefined;
    }
    if (data === undefined) continue;
    const text = typeof data === 'string' ? data : latin1(data);
    return { text, path };
  }
  return undefined;
}

export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** Split macro arguments at top-level commas; `{...}` groups one argument (NASM 4.3.3). */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let offset = 0;
  if (text.trim().length === 0) return args;
  for (;;) {
    const next = nextArgStart(text, offset);
    const piece = text.slice(offset, next === text.length + 1 ? text.length : next - 1).trim();
    args.push(piece.startsWith('{') && piece.endsWith('}') ? piece.slice(1, -1) : piece);
    if (next > text.length) return args;
    offset = next;
  }
}

/** Offset just after the comma ending the argument starting at `offset` (length+1 at the end). */
export function nextArgStart(text: string, offset: number): number {
  let depth = 0;
  for (let i = offset; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (c === ',' && depth === 0) return i + 1;
  }
  return text.length + 1;
}

export function parseCallArgs(line: string, at: number): { args: string[]; end: number } | undefined {
  let i = at;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (line[i] !== '(') return undefined;
  let depth = 0;
  for (let j = i; j < line.length; j++) {
    if (line[j] === '(') depth++;
    else if (line[j] === ')') {
      depth--;
      if (depth === 0) {
        const inner = line.slice(i + 1, j);
        return { args: inner.trim().length === 0 ? [] : splitArgs(inner), end: j + 1 };
      }
    }
  }
  return undefined;
}

export function replaceWords(body: string, params: string[], args: string[]): string {
  return body.replace(/[A-Za-z_.?@$][\w.?@$#~]*/g, (w) => {
    const k = params.indexOf(w);
    return k >= 0 ? args[k] : w;
  });
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A macro or %rep line as NASM lists it: no comment, each run of blanks outside strings one space. */
export function rejoined(line: string): string {
  const cut = line.slice(0, commentStart(line)).trimEnd();
  let out = '';
  for (let i = 0; i < cut.length;) {
    const c = cut[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < cut.length && cut[j] !== c) j += c === '`' && cut[j] === '\\' ? 2 : 1;
      out += cut.slice(i, j + 1);
      i = j + 1;
    } else if (c === ' ' || c === '\t') {
      while (i < cut.length && (cut[i] === ' ' || cut[i] === '\t')) i++;
      out += ' ';
    } else if (c === '%' && /^%\{-?\d+:-?\d+\}/.test(cut.slice(i))) {
      // NASM's token for a parameter range `%{a:b}` is spelt `%a:b`.
      const range = /^%\{(-?\d+:-?\d+)\}/.exec(cut.slice(i))!;
      out += '%' + range[1];
      i += range[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** `a %+ b` -> `ab`: the tokens either side of NASM's paste operator joined (NASM 4.1.4). */
export function pasteTokens(text: string): string {
  return text.replace(/\s*%\+\s*/g, '');
}

/**
 * `%{first:last}`: the parameters from first to last (backwards when first > last), negative
 * numbers counting from the end, joined by commas (NASM 4.3.5).
 */
export function paramRange(args: string[], first: number, last: number, error: (message: string) => void): string {
  const n = args.length;
  if (first === 0 || last === 0 || Math.abs(first) > n || Math.abs(last) > n) {
    error(`'%{${first}:${last}}': macro parameters out of range`);
    return '';
  }
  const a = first < 0 ? first + n + 1 : first;
  const b = last < 0 ? last + n + 1 : last;
  const out: string[] = [];
  for (let k = a; ; k += a < b ? 1 : -1) {
    out.push(args[k - 1]);
    if (k === b) return out.join(',');
  }
}
