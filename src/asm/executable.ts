// A program written for Linux (`global _start`, system calls through int 0x80, sections and
// no org) assembled the way `nasm -f elf32 && ld -m elf_i386` builds it: an ELF32 object
// linked into an ET_EXEC (link.ts), with the line map and symbols moved to the addresses
// the link gave their sections, so a debugger can map the executable back to the source.

import type { AssembleOptions, AssembleResult, Diagnostic, SymbolInfo } from './index';
import { assemble } from './index';
import type { LineMapEntry } from './linemap';
import { linkExecutable } from './link';

/** The source declares the Linux entry point (`global _start`): it is built as an executable. */
export function declaresLinuxStart(source: string): boolean {
  return /^[ \t]*global[ \t]+(?:[^;\n]*[ \t,])?_start\b/im.test(source);
}

export type ExecutableResult =
  | {
      ok: true;
      bytes: Uint8Array;
      entry: number;
      lines: LineMapEntry[];
      symbols: SymbolInfo[];
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[]; message: string };

/** Assembles `source` to an object and links it into an executable. */
export function assembleExecutable(source: string, options: Omit<AssembleOptions, 'format'>): ExecutableResult {
  const r: AssembleResult = assemble(source, { ...options, format: 'elf32' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.ok || !r.bytes) {
    const first = errors[0];
    return {
      ok: false,
      diagnostics: r.diagnostics,
      message: first
        ? `${first.file}:${first.line}:${first.column}: ${first.message}`
        : 'the assembler produced no bytes',
    };
  }
  const linked = linkExecutable(r.bytes);
  if (!linked.ok) {
    const d: Diagnostic = {
      file: options.fileName,
      line: 1,
      column: 1,
      endColumn: 1,
      severity: 'error',
      message: `link: ${linked.message}`,
    } as Diagnostic;
    return { ok: false, diagnostics: [...r.diagnostics, d], message: `link: ${linked.message}` };
  }
  const base = new Map(linked.sections.map((s) => [s.name, s.address]));
  const lines = r.lineMap.entries
    .filter((e) => base.has(e.section))
    .map((e) => ({ ...e, address: (base.get(e.section)! + e.address) >>> 0 }));
  const symbols = r.symbols.map((s) =>
    s.section !== undefined && base.has(s.section) ? { ...s, address: (base.get(s.section)! + s.address) >>> 0 } : s,
  );
  const warnings = linked.warnings.map(
    (message) =>
      ({ file: options.fileName, line: 1, column: 1, endColumn: 1, severity: 'warning', message }) as Diagnostic,
  );
  return {
    ok: true,
    bytes: linked.bytes,
    entry: linked.entry,
    lines,
    symbols,
    diagnostics: [...r.diagnostics, ...warnings],
  };
}
