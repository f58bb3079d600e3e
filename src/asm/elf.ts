// ELF32 relocatable output (System V ABI, Intel386 supplement): the sections, a symbol table
// and REL relocations R_386_32 / R_386_PC32 (and their 16/8-bit forms), as `ld -m elf_i386`
// and the loader need. Addends are stored in place (REL, not RELA).

import type { Assembler } from './assembler';
import { EXTERN_BASE } from './assembler';
import { ABSOLUTE } from './expr';

const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_NOBITS = 8;
const SHT_REL = 9;
const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const STB_LOCAL = 0;
const STB_GLOBAL = 1;
const STT_NOTYPE = 0;
const STT_SECTION = 3;
const STT_FILE = 4;
const SHN_ABS = 0xfff1;
const R_386_32 = 1;
const R_386_PC32 = 2;
const R_386_16 = 20;
const R_386_PC16 = 21;
const R_386_8 = 22;
const R_386_PC8 = 23;

class ByteWriter {
  bytes: number[] = [];
  u8(v: number): void {
    this.bytes.push(v & 0xff);
  }
  u16(v: number): void {
    this.u8(v);
    this.u8(v >>> 8);
  }
  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16((v >>> 16) & 0xffff);
  }
  pad(align: number): void {
    while (this.bytes.length % align !== 0) this.bytes.push(0);
  }
}

class StringTable {
  readonly bytes: number[] = [0];
  add(s: string): number {
    if (s === '') return 0;
    const at = this.bytes.length;
    for (let i = 0; i < s.length; i++) this.bytes.push(s.charCodeAt(i) & 0xff);
    this.bytes.push(0);
    return at;
  }
}

interface ElfSymbol {
  name: number;
  value: number;
  size: number;
  info: number;
  shndx: number;
}

/** ELF gABI: the section index of a common symbol. */
const SHN_COMMON = 0xfff2;

export function writeElf32(asm: Assembler, fileName: string): Uint8Array {
  const user = asm.sections.filter(
    (s) => s.size > 0 || s.index === 0 || asm.relocations.some((r) => r.section === s.index),
  );
  const shIndex = new Map<number, number>();
  user.forEach((s, i) => shIndex.set(s.index, i + 1));
  const strtab = new StringTable();
  const symbols: ElfSymbol[] = [{ name: 0, value: 0, size: 0, info: 0, shndx: 0 }];
  symbols.push({
    name: strtab.add(fileName.replace(/^.*\//, '')),
    value: 0,
    size: 0,
    info: (STB_LOCAL << 4) | STT_FILE,
    shndx: SHN_ABS,
  });
  const sectionSymbol = new Map<number, number>();
  for (const s of user) {
    sectionSymbol.set(s.index, symbols.length);
    symbols.push({ name: 0, value: 0, size: 0, info: (STB_LOCAL << 4) | STT_SECTION, shndx: shIndex.get(s.index)! });
  }
  const defined = [...asm.symbols.values()].filter((s) => s.kind !== 'extern');
  const shndxOf = (rel: number) => (rel === ABSOLUTE ? SHN_ABS : (shIndex.get(rel) ?? SHN_ABS));
  for (const s of defined) {
    if (s.global || asm.globals.has(s.name)) continue;
    symbols.push({
      name: strtab.add(s.name),
      value: s.offset,
      size: 0,
      info: (STB_LOCAL << 4) | STT_NOTYPE,
      shndx: shndxOf(s.rel),
    });
  }
  const firstGlobal = symbols.length;
  for (const s of defined) {
    if (!(s.global || asm.globals.has(s.name))) continue;
    symbols.push({
      name: strtab.add(s.name),
      value: s.offset,
      size: 0,
      info: (STB_GLOBAL << 4) | STT_NOTYPE,
      shndx: shndxOf(s.rel),
    });
  }
  const externSymbol = new Map<number, number>();
  asm.externs.forEach((name, k) => {
    externSymbol.set(EXTERN_BASE + k, symbols.length);
    const common = asm.commons.get(k);
    // A common symbol: value = alignment, size = size, section SHN_COMMON (ELF gABI).
    if (common)
      symbols.push({
        name: strtab.add(name),
        value: common.align,
        size: common.size,
        info: (STB_GLOBAL << 4) | STT_NOTYPE,
        shndx: SHN_COMMON,
      });
    else symbols.push({ name: strtab.add(name), value: 0, size: 0, info: (STB_GLOBAL << 4) | STT_NOTYPE, shndx: 0 });
  });

  const shstrtab = new StringTable();
  const w = new ByteWriter();
  for (let i = 0; i < 52; i++) w.u8(0);
  interface Header {
    name: number;
    type: number;
    flags: number;
    offset: number;
    size: number;
    link: number;
    info: number;
    align: number;
    entsize: number;
  }
  const headers: Header[] = [
    { name: 0, type: 0, flags: 0, offset: 0, size: 0, link: 0, info: 0, align: 0, entsize: 0 },
  ];
  for (const s of user) {
    w.pad(Math.max(s.align, 1));
    const offset = w.bytes.length;
    if (!s.nobits) for (const b of s.bytes.view()) w.u8(b);
    let flags = elfDefaultFlags(s.name);
    for (const f of s.elfFlags) {
      const bit = f.endsWith('exec') ? SHF_EXECINSTR : f.endsWith('write') ? SHF_WRITE : SHF_ALLOC;
      flags = f.startsWith('no') ? flags & ~bit : flags | bit;
    }
    headers.push({
      name: shstrtab.add(s.name),
      type: s.nobits ? SHT_NOBITS : SHT_PROGBITS,
      flags,
      offset,
      size: s.size,
      link: 0,
      info: 0,
      align: s.align,
      entsize: 0,
    });
  }
  const symtabIndex = headers.length + user.filter((s) => asm.relocations.some((r) => r.section === s.index)).length;
  for (const s of user) {
    const relocs = asm.relocations.filter((r) => r.section === s.index);
    if (relocs.length === 0) continue;
    w.pad(4);
    const offset = w.bytes.length;
    for (const r of relocs) {
      const sym = r.target >= EXTERN_BASE ? externSymbol.get(r.target)! : sectionSymbol.get(r.target)!;
      const type =
        r.size === 4
          ? r.pcrel
            ? R_386_PC32
            : R_386_32
          : r.size === 2
            ? r.pcrel
              ? R_386_PC16
              : R_386_16
            : r.pcrel
              ? R_386_PC8
              : R_386_8;
      w.u32(r.offset);
      w.u32((sym << 8) | type);
    }
    headers.push({
      name: shstrtab.add('.rel' + s.name),
      type: SHT_REL,
      flags: 0,
      offset,
      size: relocs.length * 8,
      link: symtabIndex,
      info: shIndex.get(s.index)!,
      align: 4,
      entsize: 8,
    });
  }
  w.pad(4);
  const symOffset = w.bytes.length;
  for (const s of symbols) {
    w.u32(s.name);
    w.u32(s.value);
    w.u32(s.size);
    w.u8(s.info);
    w.u8(0);
    w.u16(s.shndx);
  }
  headers.push({
    name: shstrtab.add('.symtab'),
    type: SHT_SYMTAB,
    flags: 0,
    offset: symOffset,
    size: symbols.length * 16,
    link: symtabIndex + 1,
    info: firstGlobal,
    align: 4,
    entsize: 16,
  });
  const strOffset = w.bytes.length;
  for (const b of strtab.bytes) w.u8(b);
  headers.push({
    name: shstrtab.add('.strtab'),
    type: SHT_STRTAB,
    flags: 0,
    offset: strOffset,
    size: strtab.bytes.length,
    link: 0,
    info: 0,
    align: 1,
    entsize: 0,
  });
  const shstrName = shstrtab.add('.shstrtab');
  const shstrOffset = w.bytes.length;
  for (const b of shstrtab.bytes) w.u8(b);
  headers.push({
    name: shstrName,
    type: SHT_STRTAB,
    flags: 0,
    offset: shstrOffset,
    size: shstrtab.bytes.length,
    link: 0,
    info: 0,
    align: 1,
    entsize: 0,
  });
  w.pad(4);
  const shoff = w.bytes.length;
  for (const h of headers) {
    w.u32(h.name);
    w.u32(h.type);
    w.u32(h.flags);
    w.u32(0);
    w.u32(h.offset);
    w.u32(h.size);
    w.u32(h.link);
    w.u32(h.info);
    w.u32(h.align);
    w.u32(h.entsize);
  }
  const out = Uint8Array.from(w.bytes);
  const ident = [0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0];
  out.set(ident, 0);
  const view = new DataView(out.buffer);
  view.setUint16(16, 1, true); // ET_REL
  view.setUint16(18, 3, true); // EM_386
  view.setUint32(20, 1, true); // EV_CURRENT
  view.setUint32(24, 0, true); // entry
  view.setUint32(28, 0, true); // phoff
  view.setUint32(32, shoff, true);
  view.setUint32(36, 0, true); // flags
  view.setUint16(40, 52, true); // ehsize
  view.setUint16(42, 0, true);
  view.setUint16(44, 0, true);
  view.setUint16(46, 40, true); // shentsize
  view.setUint16(48, headers.length, true);
  view.setUint16(50, headers.length - 1, true); // shstrndx
  return out;
}

/** NASM's ELF defaults for a section of this name (its table of known sections; others: alloc, align 1). */
function elfDefaultFlags(name: string): number {
  if (name === '.text') return SHF_ALLOC | SHF_EXECINSTR;
  if (name === '.rodata' || name === '.lrodata') return SHF_ALLOC;
  if (['.data', '.ldata', '.bss', '.lbss'].includes(name)) return SHF_ALLOC | SHF_WRITE;
  if (name === '.comment' || name === '.note') return 0;
  return SHF_ALLOC;
}

export function elfDefaultAlign(name: string): number {
  if (name === '.text') return 16;
  if (['.rodata', '.lrodata', '.data', '.ldata', '.bss', '.lbss', '.note'].includes(name)) return 4;
  return 1;
}
