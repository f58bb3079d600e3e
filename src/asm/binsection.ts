// `section NAME attributes...` in bin output (NASM manual 8.1.3): the attributes are read as
// NASM's bin writer reads them (a value is one word, or a parenthesised expression that may
// hold spaces; unknown words are warned about and ignored) and checked for the same
// conflicts, with the same messages.

import type { Assembler, Section } from './assembler';
import { tokenize, type Token } from './lexer';
import type { Statement } from './parse';
import { ABSOLUTE } from './expr';

type Attribute = 'start' | 'vstart' | 'align' | 'valign' | 'follows' | 'vfollows' | 'nobits' | 'progbits';

const VALUED: readonly Attribute[] = ['align', 'start', 'vstart', 'valign'];

/**
 * Applies the attributes in `text` (the directive's words after the section name, starting
 * at column `col` of the statement's line) to section `s`.
 */
export function binSectionAttributes(asm: Assembler, st: Statement, tok: Token, s: Section, text: string, col: number) {
  const bin = s.bin;
  bin.at = st.at;
  let i = 0;
  const n = text.length;
  const space = (c: string | undefined) => c === ' ' || c === '\t';
  for (;;) {
    while (i < n && space(text[i])) i++;
    if (i >= n) break;
    const rest = text.slice(i).toLowerCase();
    const attr = (['vfollows', 'follows', ...VALUED] as Attribute[]).find((a) => rest.startsWith(a + '='));
    const flag = (['nobits', 'progbits'] as Attribute[]).find(
      (a) => rest.startsWith(a) && (rest.length === a.length || space(rest[a.length])),
    );
    if (!attr && !flag) {
      const start = i;
      while (i < n && !space(text[i])) i++;
      asm.warn(st.at, tok, `ignoring unknown section attribute: "${text.slice(start, i)}"`);
      continue;
    }
    if (flag) {
      i += flag.length;
      if (flag === 'nobits') {
        if (bin.typeDefined && !s.nobits)
          asm.error(st.at, tok, 'attempt to change section type from progbits to nobits');
        else {
          bin.typeDefined = true;
          s.nobits = true;
        }
      } else if (bin.typeDefined && s.nobits)
        asm.error(st.at, tok, 'attempt to change section type from nobits to progbits');
      else {
        bin.typeDefined = true;
        s.nobits = false;
      }
      continue;
    }
    i += attr!.length + 1;
    if (attr === 'follows' || attr === 'vfollows') {
      const start = i;
      while (i < n && !space(text[i])) i++;
      const name = text.slice(start, i);
      if (name === '') {
        asm.error(st.at, tok, `expecting section name for \`${attr}' attribute`);
        continue;
      }
      if (attr === 'follows') {
        if (bin.start !== undefined) asm.error(st.at, tok, "cannot combine `start' and `follows' section attributes");
        bin.follows = name;
      } else if (bin.vstart !== undefined)
        asm.error(st.at, tok, "cannot combine `vstart' and `vfollows' section attributes");
      else bin.vfollows = name;
      continue;
    }
    // A value: one word, or a parenthesised expression.
    const start = i;
    let end: number;
    if (text[i] === '(') {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        const c = text[j];
        if (c === '"' || c === "'") {
          const close = text.indexOf(c, j + 1);
          if (close < 0) break;
          j = close;
        } else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      if (j >= n) {
        asm.error(st.at, tok, "expecting `)'");
        return;
      }
      end = j + 1;
    } else {
      end = i;
      while (end < n && !space(text[end])) end++;
    }
    i = end;
    if (start === end) {
      asm.warn(st.at, tok, "No value given to attribute in `section' directive");
      continue;
    }
    const tokens = tokenize(text.slice(start, end)).map((t) => ({
      ...t,
      col: t.col + col + start,
      end: t.end + col + start,
    }));
    const v = asm.exprOfTokens(st, tokens);
    if (!v) continue;
    if (v.rel !== ABSOLUTE || v.unknown) {
      asm.error(st.at, tokens[0], 'section attribute value must be a critical expression');
      continue;
    }
    applyValue(asm, st, tok, s, attr!, v.n);
  }
  if (!bin.typeDefined) {
    bin.typeDefined = true;
    s.nobits = false;
  }
}

function applyValue(asm: Assembler, st: Statement, tok: Token, s: Section, attr: Attribute, value: number): void {
  const bin = s.bin;
  const power2 = value > 0 && (value & (value - 1)) === 0 && Number.isSafeInteger(value);
  const misaligned = (address: number, a: number) => address % a !== 0;
  switch (attr) {
    case 'align':
      if (!power2) return asm.error(st.at, tok, "argument to `align' is not a power of two");
      if (bin.alignDefined && value < bin.align) value = bin.align;
      if (bin.start !== undefined && misaligned(bin.start, value))
        return asm.error(st.at, tok, "`align' value conflicts with section start address");
      bin.align = value;
      bin.alignDefined = true;
      return;
    case 'valign':
      if (!power2) return asm.error(st.at, tok, "argument to `valign' is not a power of two");
      if (bin.valignDefined && value < bin.valign) value = bin.valign;
      if (bin.vstart !== undefined && misaligned(bin.vstart, value))
        return asm.error(st.at, tok, "`valign' value conflicts with `vstart' address");
      bin.valign = value;
      bin.valignDefined = true;
      return;
    case 'start':
      if (bin.follows !== undefined)
        return asm.error(st.at, tok, "cannot combine `start' and `follows' section attributes");
      if (bin.start !== undefined && value !== bin.start)
        return asm.error(st.at, tok, 'section start address redefined');
      bin.start = value;
      if (bin.alignDefined) {
        if (misaligned(value, bin.align)) asm.error(st.at, tok, "`start' address conflicts with section alignment");
        bin.alignDefined = false;
      }
      return;
    case 'vstart':
      if (bin.vfollows !== undefined)
        return asm.error(st.at, tok, "cannot combine `vstart' and `vfollows' section attributes");
      if (bin.vstart !== undefined && value !== bin.vstart)
        return asm.error(st.at, tok, 'section virtual start address (vstart) redefined');
      bin.vstart = value;
      if (bin.valignDefined) {
        if (misaligned(value, bin.valign)) asm.error(st.at, tok, "`vstart' address conflicts with `valign' value");
        bin.valignDefined = false;
      }
      return;
  }
}

/** NASM's sectalign: a section's alignment only grows (`align`/`alignb` call it too). */
export function binSectalign(s: Section, value: number): void {
  if (value <= 0 || (value & (value - 1)) !== 0) return;
  if (value > s.bin.align) s.bin.align = value;
  s.bin.alignDefined = true;
}
