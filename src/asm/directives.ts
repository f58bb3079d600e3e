// The assembler's directives (NASM manual chapters 7 and 8): bits, org, section/segment and
// their attributes, absolute, struc/istruc, align, times fill, global/extern/common, incbin,
// cpu, default, with the helpers that read their arguments.

import type { Token } from './lexer';
import type { SourceLine } from './preprocess';
import { LineParser, type Statement } from './parse';
import { EXTERN_BASE, type Assembler, type Section } from './assembler';
import { encodeInstruction, isMnemonic, type Fixup } from './encode';
import { mapDirective } from './binmap';
import { ABSOLUTE, type Value } from './expr';
import { binSectalign, binSectionAttributes } from './binsection';

/**
 * `common name size[:alignment]` (NASM 7.9.8, ELF 8.9.6): an extern the linker allocates.
 * bin output has no common variables (NASM: an error).
 */
export function commonDirective(asm: Assembler, st: Statement, tok: Token, args: Token[]): void {
  if (asm.options.format !== 'elf32')
    return asm.error(st.at, tok, 'binary output format does not support common variables');
  const name = args[0];
  if (!name || name.kind !== 'id') return asm.error(st.at, tok, "'common' needs a symbol name and a size");
  const colon = args.findIndex((t) => t.kind === 'op' && t.text === ':');
  const size = asm.exprOfTokens(st, args.slice(1, colon >= 0 ? colon : undefined));
  const align = colon >= 0 ? asm.exprOfTokens(st, args.slice(colon + 1)) : undefined;
  if (!size) return;
  let k = asm.externs.indexOf(name.text);
  if (k < 0) {
    k = asm.externs.length;
    asm.externs.push(name.text);
  }
  asm.commons.set(k, { size: size.n, align: align ? align.n : 0 });
  asm.symbols.set(name.text, {
    name: name.text,
    rel: EXTERN_BASE + k,
    offset: 0,
    kind: 'extern',
    pass: asm.state.pass,
    file: st.at.file,
    line: st.at.line,
    global: true,
  });
}

export function directive(
  asm: Assembler,
  st: Statement,
  op: Extract<NonNullable<Statement['op']>, { kind: 'directive' }>,
): void {
  const state = asm.state;
  const args = op.args;
  const argValue = (from = 0): Value | undefined => {
    const tokens = args.slice(from);
    if (tokens.length === 0) {
      asm.error(st.at, op.tok, `'${op.name}' needs a value`);
      return undefined;
    }
    return asm.exprOfTokens(st, tokens);
  };
  switch (op.name) {
    case 'bits': {
      const v = argValue();
      if (!v) return;
      if (v.n !== 16 && v.n !== 32)
        return asm.error(st.at, args[0], `'bits ${v.n}' is not supported: expected 16 or 32`);
      state.bits = v.n;
      return;
    }
    case 'use16':
      state.bits = 16;
      return;
    case 'use32':
      state.bits = 32;
      return;
    case 'org': {
      if (asm.options.format !== 'bin')
        return asm.error(st.at, op.tok, "'org' is only meaningful in bin output (-f bin)");
      const v = argValue();
      if (!v) return;
      if (v.rel !== ABSOLUTE || v.unknown) return asm.error(st.at, args[0], "the 'org' address must be a constant");
      // Addresses are 32-bit here: an origin beyond is taken modulo 2^32 (what NASM's
      // 64-bit origin comes to in every dword it emits).
      const origin = ((v.n % 0x100000000) + 0x100000000) % 0x100000000;
      if (asm.originSet && asm.origin !== origin && state.pass === 1)
        return asm.error(st.at, args[0], "a second 'org' with a different address");
      if (asm.origin !== origin) state.changed = true;
      asm.origin = origin;
      asm.originSet = true;
      return;
    }
    case 'section':
    case 'segment': {
      if (args.length === 0) return asm.error(st.at, op.tok, `'${op.name}' needs a section name`);
      const name = sectionName(args);
      const s = asm.sectionNamed(name.name);
      if (asm.options.format === 'bin') {
        const from = name.attrStart < args.length ? args[name.attrStart].col : args[args.length - 1].end;
        const text = st.text.slice(from, args[args.length - 1].end);
        binSectionAttributes(asm, st, op.tok, s, text, from);
        state.section = s.index;
        state.absolute = false;
        return;
      }
      for (const attr of name.attrs) {
        const m = /^align=(\d+)$/i.exec(attr);
        if (m) {
          const a = parseInt(m[1], 10);
          if ((a & (a - 1)) !== 0 || a === 0)
            return asm.error(st.at, op.tok, `section alignment ${a} is not a power of two`);
          s.align = a;
        } else if (/^nobits$/i.test(attr)) s.nobits = true;
        else if (/^progbits$/i.test(attr)) s.nobits = false;
        else if (/^(exec|noexec|write|nowrite|alloc|noalloc)$/i.test(attr)) s.elfFlags.push(attr.toLowerCase());
        else
          asm.warn(
            st.at,
            op.tok,
            `unknown section attribute '${attr.replace(/=.*$/, '')}' ignored on declaration of section \`${name.name}'`,
          );
      }
      state.section = s.index;
      state.absolute = false;
      return;
    }
    case 'absolute': {
      const v = argValue();
      if (!v) return;
      state.absolute = true;
      state.absOffset = v.n;
      return;
    }
    case 'global':
    case 'static':
      for (const t of args) if (t.kind === 'id') asm.globals.add(t.text);
      for (const t of args)
        if (t.kind === 'id' && asm.symbols.has(t.text)) asm.symbols.get(t.text)!.global = op.name === 'global';
      return;
    case 'extern':
    case 'common': {
      if (op.name === 'common') return commonDirective(asm, st, op.tok, args);
      for (const t of args) {
        if (t.kind !== 'id') continue;
        if (asm.options.format !== 'elf32') continue;
        let k = asm.externs.indexOf(t.text);
        if (k < 0) {
          k = asm.externs.length;
          asm.externs.push(t.text);
        }
        asm.symbols.set(t.text, {
          name: t.text,
          rel: EXTERN_BASE + k,
          offset: 0,
          kind: 'extern',
          pass: state.pass,
          file: st.at.file,
          line: st.at.line,
          global: true,
        });
      }
      return;
    }
    case 'align':
    case 'alignb': {
      const comma = args.findIndex((t) => t.kind === 'op' && t.text === ',');
      if (args.length === 0 || comma === 0) return asm.error(st.at, op.tok, `'${op.name}' needs an alignment`);
      const alignValue = asm.exprOfTokens(st, comma >= 0 ? args.slice(0, comma) : args);
      if (!alignValue) return;
      const a = alignValue.n;
      if (a <= 0 || (a & (a - 1)) !== 0) return asm.error(st.at, args[0], `alignment ${a} is not a power of two`);
      const offset = state.absolute
        ? state.absOffset
        : asm.hereValue().n - (state.absolute ? 0 : asm.sections[state.section].base);
      const pad = (a - (offset % a)) % a;
      if (!state.absolute && asm.sectalignOn) sectalign(asm.sections[state.section], a);
      if (op.name === 'alignb' || state.absolute || asm.sections[state.section].nobits) {
        const start = asm.here;
        asm.reserve(st, pad, op.tok);
        if (state.final && asm.options.listing && pad > 0 && !state.absolute)
          asm.listing.push({
            stmt: asm.currentStmt,
            section: state.section,
            offset: start,
            bytes: [],
            repeat: 1,
            reserved: pad,
            fields: [],
          });
        return;
      }
      const start = asm.here;
      let fill = [0x90];
      if (comma >= 0) {
        // NASM's align macro: times (((n) - (($-$$) % (n))) % (n)) <fill>, once per missing byte.
        const given = fillBytes(asm, st, st.text.slice(args[comma].end), args[comma]);
        if (!given) return;
        fill = given;
      }
      const bytes: number[] = [];
      for (let k = 0; k < pad; k++) for (const b of fill) bytes.push(b);
      asm.emit(st, bytes, []);
      if (state.final && pad > 0) {
        asm.recordLine(st, state.section, start, bytes.length, 'data');
        if (asm.options.listing)
          asm.listing.push({
            stmt: asm.currentStmt,
            section: state.section,
            offset: start,
            bytes: fill,
            repeat: pad,
            reserved: 0,
            fields: [],
          });
      }
      return;
    }
    case 'cpu':
    case 'default':
      return;
    case 'sectalign': {
      // `sectalign on|off` switches what `align` does; `sectalign n` raises the section's alignment.
      const word = args.length === 1 ? args[0].text.toLowerCase() : '';
      if (word === 'on' || word === 'off') {
        asm.sectalignOn = word === 'on';
        return;
      }
      const v = argValue();
      if (!v) return;
      if (!state.absolute) sectalign(asm.sections[state.section], v.n);
      return;
    }
    case 'struc': {
      if (args.length === 0 || args[0].kind !== 'id') return asm.error(st.at, op.tok, "'struc' needs a structure name");
      const start = args.length > 2 ? asm.exprOfTokens(st, args.slice(2)) : undefined;
      state.savedSection = state.section;
      state.absolute = true;
      state.absOffset = start ? start.n : 0;
      asm.define(st, args[0], ABSOLUTE, state.absOffset, 'label');
      state.structStart.push(state.absOffset);
      asm.structName = args[0].text;
      return;
    }
    case 'endstruc': {
      if (!state.absolute || asm.structName === undefined)
        return asm.error(st.at, op.tok, "'endstruc' without 'struc'");
      const start = state.structStart.pop() ?? 0;
      const sizeTok: Token = { ...op.tok, text: asm.structName + '_size' };
      asm.define(st, sizeTok, ABSOLUTE, state.absOffset - start, 'equ');
      state.absolute = false;
      state.section = state.savedSection;
      asm.structName = undefined;
      return;
    }
    case 'istruc': {
      if (args.length === 0 || args[0].kind !== 'id')
        return asm.error(st.at, op.tok, "'istruc' needs a structure name");
      asm.istrucs.push({ name: args[0].text, start: asm.here });
      // NASM's ISTRUC macro pushes a context and defines its %$strucstart label here.
      const uniq = (st.at as SourceLine).uniq;
      if (uniq !== undefined) {
        const label: Token = { ...op.tok, text: `..@${uniq}.strucstart`, qualified: undefined };
        asm.define(st, label, asm.state.absolute ? ABSOLUTE : asm.state.section, asm.here, 'label');
      }
      return;
    }
    case 'at': {
      const inst = asm.istrucs[asm.istrucs.length - 1];
      if (!inst) return asm.error(st.at, op.tok, "'at' outside 'istruc'");
      const comma = args.findIndex((t) => t.kind === 'op' && t.text === ',');
      const field = asm.exprOfTokens(st, comma >= 0 ? args.slice(0, comma) : args);
      if (!field) return;
      const pad = field.n - (asm.here - inst.start);
      if (pad < 0)
        return asm.error(st.at, args[0], `'at ${args[0].text}' is behind the current position in the structure`);
      const start = asm.here;
      asm.emit(st, new Array<number>(pad).fill(0), []);
      const bytes: number[] = [];
      if (comma >= 0) {
        const rest = st.text.slice(args[comma].end);
        const sub = new LineParser(isMnemonic).parse(rest, st.at);
        if (sub.op && sub.op.kind === 'data') {
          const fixups: Fixup[] = [];
          asm.data(st, sub.op.width, sub.op.items, bytes, fixups);
          asm.emit(st, bytes, fixups);
        } else return asm.error(st.at, args[comma], "expected db/dw/dd/dq data after 'at field,'");
      }
      asm.recordFill(st, start, pad, bytes);
      return;
    }
    case 'iend': {
      const inst = asm.istrucs.pop();
      if (!inst) return asm.error(st.at, op.tok, "'iend' without 'istruc'");
      const size = asm.symbols.get(inst.name + '_size');
      if (!size)
        return asm.error(st.at, op.tok, `structure '${inst.name}' has no '${inst.name}_size' (missing endstruc?)`);
      const pad = size.offset - (asm.here - inst.start);
      const start = asm.here;
      if (pad > 0) asm.emit(st, new Array<number>(pad).fill(0), []);
      asm.recordFill(st, start, Math.max(pad, 0), []);
      return;
    }
    case 'incbin':
      return incbin(asm, st, op);
    case 'map':
      return mapDirective(asm, st, op);
    default:
      return asm.error(st.at, op.tok, `'${op.name}' is not supported`);
  }
}

/** NASM's sectalign: the section's alignment grows to `a` (ELF's sh_addralign, bin's align). */
function sectalign(s: Section, a: number): void {
  if (a <= 0 || (a & (a - 1)) !== 0) return;
  if (a > s.align) s.align = a;
  binSectalign(s, a);
}

/** The bytes of the fill statement of `align n, fill` (data or one instruction). */
export function fillBytes(asm: Assembler, st: Statement, text: string, at: Token): number[] | undefined {
  const sub = new LineParser(isMnemonic).parse(text, st.at);
  const bytes: number[] = [];
  if (sub.op && sub.op.kind === 'data') {
    asm.data(st, sub.op.width, sub.op.items, bytes, []);
    return bytes;
  }
  if (sub.op && sub.op.kind === 'insn') {
    const enc = encodeInstruction(sub.op.mnemonic, sub.op.tok, sub.op.operands, sub.prefixes, {
      bits: asm.state.bits,
      value: (e) => asm.value(st, e),
      section: asm.state.section,
      address: asm.hereValue().n,
      relocatable: asm.options.format === 'elf32',
      warn: () => undefined,
    });
    if (!('message' in enc)) return enc.bytes;
  }
  asm.error(st.at, at, "expected data (db/dw/dd/dq) or an instruction to fill the alignment with after ','");
  return undefined;
}

export function incbin(
  asm: Assembler,
  st: Statement,
  op: Extract<NonNullable<Statement['op']>, { kind: 'directive' }>,
  repeat = 1,
): void {
  const fileTok = op.args[0];
  if (!fileTok || fileTok.kind !== 'str') return asm.error(st.at, op.tok, "'incbin' needs a file name in quotes");
  const data = asm.options.readFile ? readRelative(asm.options.readFile, fileTok.text, st.at.file) : undefined;
  if (data === undefined) return asm.error(st.at, fileTok, `cannot open '${fileTok.text}' for incbin`);
  let skip = 0;
  let length = data.length;
  const rest = op.args.slice(1);
  if (rest.length > 0) {
    const parts = splitTokens(rest.slice(1));
    const s = parts[0] ? asm.exprOfTokens(st, parts[0]) : undefined;
    if (s) skip = Math.max(0, Math.min(s.n, data.length));
    const l = parts[1] ? asm.exprOfTokens(st, parts[1]) : undefined;
    length = l ? Math.max(0, Math.min(l.n, data.length - skip)) : data.length - skip;
  }
  const bytes = Array.from(data.subarray(skip, skip + length));
  const start = asm.here;
  for (let k = 0; k < repeat; k++) asm.emit(st, bytes, []);
  if (asm.state.final) {
    asm.recordLine(st, asm.state.section, start, bytes.length * repeat, 'data');
    if (asm.options.listing)
      asm.listing.push({
        stmt: asm.currentStmt,
        section: asm.state.section,
        offset: start,
        bytes,
        repeat,
        reserved: 0,
        fields: [],
        binary: true,
      });
  }
}

export function sectionName(args: Token[]): { name: string; attrs: string[]; attrStart: number } {
  // The name may contain dots (.text), the attributes are key=value words.
  const first = args[0];
  let name = first.text;
  let i = 1;
  while (i < args.length && args[i].col === args[i - 1].end && !(args[i].kind === 'id' && /=/.test(args[i].text))) {
    name += args[i].text;
    i++;
  }
  const attrs: string[] = [];
  const attrStart = i;
  while (i < args.length) {
    let attr = args[i].text;
    i++;
    while (i < args.length && args[i].col === args[i - 1].end) {
      attr += args[i].text;
      i++;
    }
    attrs.push(attr);
  }
  return { name, attrs, attrStart };
}

export function splitTokens(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'op' && t.text === ',') parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts;
}

export function readRelative(
  readFile: (path: string) => string | Uint8Array | undefined,
  name: string,
  from: string,
): Uint8Array | undefined {
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  for (const path of name.startsWith('/') ? [name] : [dir + name, name]) {
    let data: string | Uint8Array | undefined;
    try {
      data = readFile(path);
    } catch {
      data = undefined;
    }
    if (data === undefined) continue;
    if (typeof data === 'string') {
      const out = new Uint8Array(data.length);
      for (let i = 0; i < data.length; i++) out[i] = data.charCodeAt(i) & 0xff;
      return out;
    }
    return data;
  }
  return undefined;
}
