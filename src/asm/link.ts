// A minimal static link of one ELF32 relocatable object (what `-f elf32` writes) into an
// ET_EXEC executable, what `ld -m elf_i386` does for a program without libraries: the
// sections are laid out in three segments (code R+X, read-only data R, data R+W with .bss
// after it) from 0x08048000 on, like ld's default layout for i386; REL relocations are
// applied (System V ABI, Intel386 supplement, "Relocation Types": R_386_32 = S + A,
// R_386_PC32 = S + A - P, and their 16- and 8-bit forms); the entry is `_start`.

const EXEC_BASE = 0x08048000;
const PAGE = 0x1000;
const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;
const SHT_REL = 9;
const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const SHN_UNDEF = 0;
const SHN_ABS = 0xfff1;
const PT_LOAD = 1;
const PF_X = 1;
const PF_W = 2;
const PF_R = 4;
/** Relocation type -> [size in bytes, PC-relative]. */
const RELOCATIONS: Record<number, [number, boolean]> = {
  1: [4, false],
  2: [4, true],
  20: [2, false],
  21: [2, true],
  22: [1, false],
  23: [1, true],
};

export interface LinkedSection {
  name: string;
  address: number;
  size: number;
}

export type LinkResult =
  | { ok: true; bytes: Uint8Array; entry: number; sections: LinkedSection[]; warnings: string[] }
  | { ok: false; message: string };

interface InputSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  offset: number;
  size: number;
  align: number;
  link: number;
  info: number;
  address: number;
}

/** Links one ELF32 i386 relocatable object into an executable. */
export function linkExecutable(object: Uint8Array): LinkResult {
  const fail = (message: string): LinkResult => ({ ok: false, message });
  if (object.length < 52 || object[0] !== 0x7f || object[1] !== 0x45 || object[2] !== 0x4c || object[3] !== 0x46)
    return fail('not an ELF object');
  const dv = new DataView(object.buffer, object.byteOffset, object.byteLength);
  const u16 = (o: number): number => dv.getUint16(o, true);
  const u32 = (o: number): number => dv.getUint32(o, true);
  if (object[4] !== 1 || object[5] !== 1 || u16(18) !== 3) return fail('not a 32-bit little-endian i386 object');
  if (u16(16) !== 1) return fail('not a relocatable object (ET_REL)');
  const shoff = u32(32);
  const shnum = u16(48);
  const shstrndx = u16(50);
  if (shoff + shnum * 40 > object.length) return fail('section headers lie outside the file');
  const cString = (at: number): string => {
    let end = at;
    while (end < object.length && object[end] !== 0) end++;
    return new TextDecoder('latin1').decode(object.subarray(at, end));
  };
  const sections: InputSection[] = [];
  for (let i = 0; i < shnum; i++) {
    const h = shoff + i * 40;
    sections.push({
      index: i,
      name: '',
      type: u32(h + 4),
      flags: u32(h + 8),
      offset: u32(h + 16),
      size: u32(h + 20),
      link: u32(h + 24),
      info: u32(h + 28),
      align: Math.max(1, u32(h + 32)),
      address: 0,
    });
  }
  const names = sections[shstrndx];
  for (let i = 0; i < shnum; i++) sections[i].name = names ? cString(names.offset + u32(shoff + i * 40)) : '';

  // Layout: each group of allocated sections in its own pages, file offset congruent to the
  // address modulo the page size (System V gABI, "Program Loading").
  const allocated = sections.filter(
    (s) => (s.flags & SHF_ALLOC) !== 0 && (s.type === SHT_PROGBITS || s.type === SHT_NOBITS) && s.size > 0,
  );
  const groups = [
    { flags: PF_R | PF_X, list: allocated.filter((s) => (s.flags & SHF_EXECINSTR) !== 0) },
    { flags: PF_R, list: allocated.filter((s) => (s.flags & (SHF_EXECINSTR | SHF_WRITE)) === 0) },
    // .bss after the data it follows: file bytes first, then zero-filled memory.
    {
      flags: PF_R | PF_W,
      list: [
        ...allocated.filter(
          (s) => (s.flags & SHF_WRITE) !== 0 && (s.flags & SHF_EXECINSTR) === 0 && s.type !== SHT_NOBITS,
        ),
        ...allocated.filter(
          (s) => (s.flags & SHF_WRITE) !== 0 && (s.flags & SHF_EXECINSTR) === 0 && s.type === SHT_NOBITS,
        ),
      ],
    },
  ].filter((g) => g.list.length > 0);
  const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;
  const segments: { flags: number; offset: number; address: number; filesz: number; memsz: number }[] = [];
  let fileOffset = PAGE;
  for (const g of groups) {
    const start = fileOffset;
    let cursor = start;
    let fileEnd = start;
    for (const s of g.list) {
      cursor = alignUp(cursor, s.align);
      s.address = EXEC_BASE + cursor;
      cursor += s.size;
      if (s.type !== SHT_NOBITS) fileEnd = cursor;
    }
    segments.push({
      flags: g.flags,
      offset: start,
      address: EXEC_BASE + start,
      filesz: fileEnd - start,
      memsz: cursor - start,
    });
    fileOffset = alignUp(Math.max(fileEnd, start + 1), PAGE);
  }
  if (segments.length === 0) return fail('the object has no code or data to load');

  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  const symbols: { name: string; value: number; shndx: number }[] = [];
  if (symtab) {
    const strings = sections[symtab.link];
    for (let at = symtab.offset; at + 16 <= symtab.offset + symtab.size; at += 16) {
      symbols.push({ name: strings ? cString(strings.offset + u32(at)) : '', value: u32(at + 4), shndx: u16(at + 14) });
    }
  }
  const fileSize = segments[segments.length - 1].offset + segments[segments.length - 1].filesz;
  const out = new Uint8Array(Math.max(fileSize, 52 + 32 * segments.length));
  for (const s of allocated)
    if (s.type !== SHT_NOBITS) out.set(object.subarray(s.offset, s.offset + s.size), s.address - EXEC_BASE);

  const value = (index: number): number | string => {
    const sym = symbols[index];
    if (!sym) return `relocation against symbol ${index}, which the symbol table does not have`;
    if (sym.shndx === SHN_UNDEF)
      return `undefined symbol '${sym.name}': nothing is linked but this file (no libraries; a program under the Linux personality calls the kernel with int 0x80)`;
    if (sym.shndx === SHN_ABS) return sym.value;
    const target = sections[sym.shndx];
    if (!target || (target.flags & SHF_ALLOC) === 0) return `symbol '${sym.name}' is in a section that is not loaded`;
    return (target.address + sym.value) >>> 0;
  };
  const ov = new DataView(out.buffer);
  for (const rel of sections.filter((s) => s.type === SHT_REL)) {
    const into = sections[rel.info];
    if (!into || (into.flags & SHF_ALLOC) === 0 || into.size === 0) continue;
    for (let at = rel.offset; at + 8 <= rel.offset + rel.size; at += 8) {
      const offset = u32(at);
      const info = u32(at + 4);
      const kind = RELOCATIONS[info & 0xff];
      if (!kind)
        return fail(
          `relocation type ${info & 0xff} in ${rel.name} is not one of R_386_32, R_386_PC32, R_386_16, R_386_PC16, R_386_8, R_386_PC8`,
        );
      const [size, pcrel] = kind;
      if (offset + size > into.size) return fail(`a relocation in ${rel.name} lies outside ${into.name}`);
      const s = value(info >>> 8);
      if (typeof s === 'string') return fail(s);
      const place = into.address + offset;
      const file = place - EXEC_BASE;
      const addend = size === 4 ? ov.getInt32(file, true) : size === 2 ? ov.getInt16(file, true) : ov.getInt8(file);
      const result = s + addend - (pcrel ? place : 0);
      if (size === 4) ov.setUint32(file, result >>> 0, true);
      else {
        const bits = size * 8;
        const fits = pcrel
          ? result >= -(2 ** (bits - 1)) && result < 2 ** (bits - 1)
          : result >>> 0 < 2 ** bits || result >= -(2 ** (bits - 1));
        if (!fits)
          return fail(
            `a ${bits}-bit relocation in ${into.name} at offset 0x${offset.toString(16)} does not fit: 0x${(result >>> 0).toString(16)}`,
          );
        if (size === 2) ov.setUint16(file, result & 0xffff, true);
        else ov.setUint8(file, result & 0xff);
      }
    }
  }

  const warnings: string[] = [];
  const start = symbols.find((s) => s.name === '_start' && s.shndx !== SHN_UNDEF);
  let entry: number;
  if (start) {
    const v = value(symbols.indexOf(start));
    if (typeof v === 'string') return fail(v);
    entry = v;
  } else {
    entry = segments[0].address;
    warnings.push(`no _start symbol: the entry is the start of the code, 0x${entry.toString(16)}`);
  }

  // ELF header and program headers (System V gABI, "ELF Header", "Program Header").
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0], 0);
  ov.setUint16(16, 2, true); // ET_EXEC
  ov.setUint16(18, 3, true); // EM_386
  ov.setUint32(20, 1, true); // EV_CURRENT
  ov.setUint32(24, entry, true);
  ov.setUint32(28, 52, true); // e_phoff
  ov.setUint32(32, 0, true); // no section headers
  ov.setUint16(40, 52, true); // e_ehsize
  ov.setUint16(42, 32, true); // e_phentsize
  ov.setUint16(44, segments.length, true);
  ov.setUint16(46, 40, true); // e_shentsize
  segments.forEach((seg, i) => {
    const p = 52 + 32 * i;
    ov.setUint32(p, PT_LOAD, true);
    ov.setUint32(p + 4, seg.offset, true);
    ov.setUint32(p + 8, seg.address, true);
    ov.setUint32(p + 12, seg.address, true);
    ov.setUint32(p + 16, seg.filesz, true);
    ov.setUint32(p + 20, seg.memsz, true);
    ov.setUint32(p + 24, seg.flags, true);
    ov.setUint32(p + 28, PAGE, true);
  });
  return {
    ok: true,
    bytes: out,
    entry,
    sections: allocated.map((s) => ({ name: s.name, address: s.address, size: s.size })),
    warnings,
  };
}
