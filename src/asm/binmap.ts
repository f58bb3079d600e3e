// NASM's map file for bin output (NASM manual, "Map Files" in the bin format chapter):
// `[map KEYWORD... [FILE]]` with the keywords brief, sections, segments, symbols and all; no
// keyword means brief, no file means standard output. The text is what NASM 2.16's bin writer
// prints once the layout is done: the program origin, a summary and a detailed view of the
// sections in layout order, and the symbols (those with no section first), each in the order
// they were defined.

import type { Assembler } from './assembler';
import type { Statement } from './parse';
import { ABSOLUTE, START_REL } from './expr';

export const MAP_ORIGIN = 1;
export const MAP_SUMMARY = 2;
export const MAP_SECTIONS = 4;
export const MAP_SYMBOLS = 8;

const KEYWORDS: Record<string, number> = {
  all: MAP_ORIGIN | MAP_SUMMARY | MAP_SECTIONS | MAP_SYMBOLS,
  brief: MAP_ORIGIN | MAP_SUMMARY,
  sections: MAP_ORIGIN | MAP_SUMMARY | MAP_SECTIONS,
  segments: MAP_ORIGIN | MAP_SUMMARY | MAP_SECTIONS,
  symbols: MAP_SYMBOLS,
};

/** What the `[map]` directives asked for: the parts, and where (`stdout`, `stderr` or a path). */
export interface MapRequest {
  control: number;
  file: string;
}

/** `[map ...]`: each word is a keyword or, the first time, the file (later ones are ignored). */
export function mapDirective(
  asm: Assembler,
  st: Statement,
  op: Extract<NonNullable<Statement['op']>, { kind: 'directive' }>,
): void {
  if (asm.options.format !== 'bin') return asm.error(st.at, op.tok, 'unrecognized directive [map]');
  const request = (asm.mapRequest ??= { control: 0, file: '' });
  for (const word of op.rest.split(/[ \t]+/).filter((w) => w !== '')) {
    const bits = KEYWORDS[word.toLowerCase()];
    if (bits !== undefined) request.control |= bits;
    else if (request.file === '') request.file = word;
  }
  if (request.control === 0) request.control = MAP_ORIGIN | MAP_SUMMARY;
}

/** Where a map without a file name goes, and the names that stand for the standard streams. */
export function mapDestination(request: MapRequest): 'stdout' | 'stderr' | { path: string } {
  const lower = request.file.toLowerCase();
  if (request.file === '' || lower === 'stdout') return 'stdout';
  if (lower === 'stderr') return 'stderr';
  return { path: request.file };
}

/** An unsigned 64-bit hexadecimal number, upper case, padded to `width` (NASM's PRIX64). */
function hex(v: number, width: number, pad: ' ' | '0'): string {
  return BigInt.asUintN(64, BigInt(Math.trunc(v)))
    .toString(16)
    .toUpperCase()
    .padStart(width, pad);
}

function rule(title: string): string {
  return title + '-'.repeat(Math.max(0, 79 - title.length));
}

/** The map text, as NASM writes it for `source` assembled into `output`. */
export function formatBinMap(asm: Assembler, request: MapRequest, source: string, output: string): string {
  const out: string[] = [];
  const put = (s: string) => out.push(s);
  put(`\n${rule('- NASM Map file ')}\n\nSource file:  ${source}\nOutput file:  ${output}\n\n`);
  const order = asm.binDetails.map((d) => ({ d, s: asm.sections[d.index] }));
  if (request.control & MAP_ORIGIN) put(`${rule('-- Program origin ')}\n\n${hex(asm.imageOrigin, 8, '0')}\n\n`);
  if (request.control & MAP_SUMMARY) {
    put(
      `${rule('-- Sections (summary) ')}\n\nVstart            Start             Stop              Length    Class     Name\n`,
    );
    for (const { s } of order) {
      const cls = s.nobits ? 'nobits    ' : 'progbits  ';
      put(`${hex(s.base, 16, ' ')}  ${hex(s.start, 16, ' ')}  ${hex(s.start + s.size, 16, ' ')}  `);
      put(`${hex(s.size, 8, '0')}  ${cls}${s.name}\n`);
    }
    put('\n');
  }
  if (request.control & MAP_SECTIONS) {
    put(`${rule('-- Sections (detailed) ')}\n\n`);
    const value = (v: number | undefined) => (v === undefined ? 'not defined' : hex(v, 16, ' '));
    for (const { d, s } of order) {
      put(`${rule(`---- Section ${s.name} `)}\n\nclass:     ${s.nobits ? 'nobits' : 'progbits'}\n`);
      put(`length:    ${hex(s.size, 16, ' ')}\nstart:     ${hex(s.start, 16, ' ')}\n`);
      put(`align:     ${value(d.align)}\nfollows:   ${d.follows ?? 'not defined'}\n`);
      put(`vstart:    ${hex(s.base, 16, ' ')}\nvalign:    ${value(d.valign)}\n`);
      put(`vfollows:  ${d.vfollows ?? 'not defined'}\n\n`);
    }
  }
  if (request.control & MAP_SYMBOLS) {
    put(`${rule('-- Symbols ')}\n\n`);
    const none: string[] = [];
    const bySection = new Map<number, string[]>();
    for (const sym of asm.symbols.values()) {
      if (sym.kind === 'extern') continue;
      if (sym.rel === ABSOLUTE) {
        none.push(`${hex(sym.offset, 8, '0')}  ${sym.name}\n`);
        continue;
      }
      const k = sym.rel >= START_REL ? sym.rel - START_REL : sym.rel;
      const s = asm.sections[k];
      if (sym.rel < 0 || !s) continue;
      const rows = bySection.get(k) ?? [];
      rows.push(`${hex(s.start + sym.offset, 16, ' ')}  ${hex(s.base + sym.offset, 16, ' ')}  ${sym.name}\n`);
      bySection.set(k, rows);
    }
    if (none.length > 0) put(`${rule('---- No Section ')}\n\nValue     Name\n${none.join('')}\n\n`);
    for (const { d, s } of order) {
      const rows = bySection.get(d.index);
      if (rows)
        put(`${rule(`---- Section ${s.name} `)}\n\nReal              Virtual           Name\n${rows.join('')}\n`);
    }
  }
  return out.join('');
}
