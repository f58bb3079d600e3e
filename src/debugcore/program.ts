// Turning a launch's `program` into a loaded image: .asm is assembled on the fly (the line map
// and symbols come with it), .bin is a flat image at the requested address, ELF32 is loaded
// by its program headers. Problems come back as values with file:line, never as throws.

import { assemble, type Diagnostic } from '../asm/index';
import { LoadedImage, type ImageSymbol } from './image';

export interface ProgramSource {
  /** Absolute path, used in line maps and messages. */
  path: string;
  contents: Uint8Array;
  /** Reads included files (paths as the assembler asks for them). */
  readFile: (path: string) => string | Uint8Array | undefined;
  /** Where a flat binary is loaded (ignored for .asm, which has its org, and for ELF). */
  loadAddress: number;
}

export type ProgramResult =
  { ok: true; image: LoadedImage; warnings: Diagnostic[] } | { ok: false; message: string; diagnostics: Diagnostic[] };

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

export function isElf(bytes: Uint8Array): boolean {
  return ELF_MAGIC.every((b, i) => bytes[i] === b);
}

export function loadProgram(source: ProgramSource): ProgramResult {
  const lower = source.path.toLowerCase();
  if (isElf(source.contents)) return loadElf32(source);
  if (lower.endsWith('.asm') || lower.endsWith('.nasm') || lower.endsWith('.s')) return assembleProgram(source);
  const image = new LoadedImage('program', source.loadAddress >>> 0, source.contents, source.loadAddress >>> 0, [], []);
  return { ok: true, image, warnings: [] };
}

function assembleProgram(source: ProgramSource): ProgramResult {
  const text = new TextDecoder('utf-8').decode(source.contents);
  const r = assemble(text, { fileName: source.path, readFile: source.readFile, format: 'bin' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.ok || !r.bytes) {
    const first = errors[0];
    const where = first
      ? `${first.file}:${first.line}:${first.column}: ${first.message}`
      : 'the assembler produced no bytes';
    return {
      ok: false,
      message: `${source.path} does not assemble (${errors.length} error${errors.length === 1 ? '' : 's'}); first: ${where}`,
      diagnostics: r.diagnostics,
    };
  }
  const symbols: ImageSymbol[] = r.symbols.map((s) => ({
    name: s.name,
    address: s.address >>> 0,
    file: s.file,
    line: s.line,
    kind: s.kind,
  }));
  const entrySymbol = r.symbols.find((s) => s.kind === 'label' && (s.name === '_start' || s.name === 'start'));
  const entry = entrySymbol ? entrySymbol.address >>> 0 : r.origin >>> 0;
  const image = new LoadedImage('program', r.origin >>> 0, r.bytes, entry, r.lineMap.entries, symbols, source.path);
  return { ok: true, image, warnings: r.diagnostics.filter((d) => d.severity === 'warning') };
}

interface ElfLayout {
  entry: number;
  segments: { addr: number; data: Uint8Array; memsz: number }[];
  low: number;
  high: number;
}

/** The PT_LOAD segments of an ELF32 i386 executable, or why it is not one that loads. */
function elfLayout(b: Uint8Array): ElfLayout | string {
  if (b.length < 52) return 'file shorter than the ELF header';
  if (b[4] !== 1) return 'EI_CLASS is not ELFCLASS32';
  if (b[5] !== 1) return 'EI_DATA is not little-endian';
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number): number => dv.getUint16(o, true);
  const u32 = (o: number): number => dv.getUint32(o, true);
  if (u16(18) !== 3) return `e_machine is ${u16(18)}, not EM_386 (3)`;
  if (u16(16) !== 2) return `e_type is ${u16(16)}, not ET_EXEC (2)`;
  const entry = u32(24);
  const phoff = u32(28);
  const phentsize = u16(42);
  const phnum = u16(44);
  const segments: ElfLayout['segments'] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (o + 32 > b.length) return `program header ${i} lies outside the file`;
    if (u32(o) !== 1) continue; // PT_LOAD
    const offset = u32(o + 4);
    const paddr = u32(o + 12);
    const filesz = u32(o + 16);
    const memsz = u32(o + 20);
    if (offset + filesz > b.length) return `segment ${i} runs past the end of the file`;
    // gABI, "Program Header": p_filesz may not be larger than p_memsz.
    if (filesz > memsz)
      return `segment ${i} has more bytes in the file (p_filesz ${filesz}) than in memory (p_memsz ${memsz})`;
    segments.push({ addr: paddr, data: b.subarray(offset, offset + filesz), memsz });
  }
  if (segments.length === 0) return 'no PT_LOAD segment';
  const low = Math.min(...segments.map((s) => s.addr));
  const high = Math.max(...segments.map((s) => s.addr + s.memsz));
  if (high - low > 256 * 1024 * 1024) return 'loaded segments span more than 256 MiB';
  return { entry, segments, low, high };
}

const notLoadable = (path: string, why: string): string => `${path}: not a loadable ELF32 i386 executable: ${why}`;

/**
 * Why loadProgram would refuse the ELF file `contents` (the message it gives), or undefined:
 * the same checks without building the image and its symbols.
 */
export function elfLoadProblem(path: string, contents: Uint8Array): string | undefined {
  const layout = elfLayout(contents);
  return typeof layout === 'string' ? notLoadable(path, layout) : undefined;
}

/**
 * ELF32 executables (System V gABI, "Program Header"): every PT_LOAD segment is copied to its
 * p_paddr (flat, no paging here), the rest of p_memsz zero-filled; entry is e_entry. Symbols
 * come from .symtab when present. The image spans the lowest to the highest loaded address.
 */
function loadElf32(source: ProgramSource): ProgramResult {
  const b = source.contents;
  const layout = elfLayout(b);
  if (typeof layout === 'string') return { ok: false, message: notLoadable(source.path, layout), diagnostics: [] };
  const { entry, segments, low, high } = layout;
  const flat = new Uint8Array(high - low);
  for (const s of segments) flat.set(s.data, s.addr - low);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const image = new LoadedImage('program', low, flat, entry, [], elfSymbols(b, dv), undefined);
  return { ok: true, image, warnings: [] };
}

/** Function and object symbols of .symtab (SHT_SYMTAB = 2), with their string table. */
function elfSymbols(b: Uint8Array, dv: DataView): ImageSymbol[] {
  const u16 = (o: number): number => dv.getUint16(o, true);
  const u32 = (o: number): number => dv.getUint32(o, true);
  const shoff = u32(32);
  const shentsize = u16(46);
  const shnum = u16(48);
  const out: ImageSymbol[] = [];
  const latin1 = new TextDecoder('latin1');
  if (shoff === 0 || shoff + shnum * shentsize > b.length) return out;
  for (let i = 0; i < shnum; i++) {
    const sh = shoff + i * shentsize;
    if (u32(sh + 4) !== 2) continue;
    const symOff = u32(sh + 16);
    const symSize = u32(sh + 20);
    const strIndex = u32(sh + 24);
    const str = shoff + strIndex * shentsize;
    if (strIndex >= shnum) continue;
    const strOff = u32(str + 16);
    for (let s = symOff; s + 16 <= symOff + symSize && s + 16 <= b.length; s += 16) {
      const nameOff = u32(s);
      const value = u32(s + 4);
      const type = b[s + 12] & 0xf;
      const shndx = u16(s + 14);
      if (nameOff === 0 || shndx === 0 || type > 2) continue; // NOTYPE, OBJECT, FUNC only
      let end = strOff + nameOff;
      while (end < b.length && b[end] !== 0) end++;
      const name = latin1.decode(b.subarray(strOff + nameOff, end));
      out.push({ name, address: value, kind: shndx === 0xfff1 ? 'equ' : 'label' });
    }
  }
  return out;
}
