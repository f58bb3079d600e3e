// The assembler's entry point : NASM dialect in, bytes + line map + symbols +
// diagnostics out. Pure: no file system access (the caller passes readFile), no Node
// imports, never throws for any input.

import { Assembler, ASSEMBLER_LIMITS, EXTERN_BASE } from './assembler';
import { Diagnostic, DiagnosticSink } from './diagnostics';
import { START_REL } from './expr';
import { writeElf32 } from './elf';
import { formatListing } from './listing';
import { formatBinMap, mapDestination } from './binmap';
import { LineMap } from './linemap';
import { Preprocessor } from './preprocess';

export type { Diagnostic } from './diagnostics';
export { formatDiagnostic } from './diagnostics';
export { LineMap } from './linemap';

export interface AssembleOptions {
  fileName: string;
  readFile?: (path: string) => string | Uint8Array | undefined;
  format?: 'bin' | 'elf32';
  includePaths?: string[];
  defines?: Record<string, string>;
  /** Produce the NASM-style listing (-l) in `listing`. */
  listing?: boolean;
  /** The output file's name, as a `[map]` file names it (default: `fileName` without extension). */
  outputFile?: string;
}

export interface SymbolInfo {
  name: string;
  /** Absolute address (after org) in bin output; section offset in elf32 output; the value for equ. */
  address: number;
  file: string;
  line: number;
  kind: 'label' | 'local' | 'equ' | 'extern';
  /** Section name, or undefined for absolute symbols (equ, struc fields). */
  section: string | undefined;
  global: boolean;
}

export interface SectionInfo {
  name: string;
  /** Virtual start address, what its labels count from (bin) or 0 (elf32). */
  address: number;
  /** Load address in the image (bin: differs from `address` with vstart=) or 0 (elf32). */
  start: number;
  size: number;
  nobits: boolean;
  align: number;
}

export interface AssembleResult {
  ok: boolean;
  bytes?: Uint8Array;
  diagnostics: Diagnostic[];
  lineMap: LineMap;
  symbols: SymbolInfo[];
  listing?: string;
  /** The map file `[map]` asked for (bin): its text and where it goes. */
  map?: { to: 'stdout' | 'stderr' | { path: string }; text: string };
  sections: SectionInfo[];
  origin: number;
}

export function assemble(source: string, options: AssembleOptions): AssembleResult {
  const diags = new DiagnosticSink();
  const format = options.format ?? 'bin';
  try {
    const pre = new Preprocessor(options, diags);
    const lines = pre.run(source);
    const asm = new Assembler({ format, readFile: options.readFile, listing: options.listing }, diags);
    asm.run(lines);
    const sections: SectionInfo[] = asm.sections.map((s) => ({
      name: s.name,
      address: s.base,
      start: s.start,
      size: s.size,
      nobits: s.nobits,
      align: s.align,
    }));
    const lineMap = new LineMap(asm.lines);
    const symbols: SymbolInfo[] = [...asm.symbols.values()].map((s) => ({
      name: s.name,
      address: asm.relBase(s.rel) + s.offset,
      file: s.file,
      line: s.line,
      kind: s.kind,
      section: s.rel < 0 || s.rel >= EXTERN_BASE ? undefined : asm.sections[s.rel % START_REL].name,
      global: s.global || asm.globals.has(s.name),
    }));
    const ok = diags.errorCount === 0;
    const origin = format === 'bin' ? asm.imageOrigin : asm.origin;
    const result: AssembleResult = { ok, diagnostics: diags.list, lineMap, symbols, sections, origin };
    if (ok) {
      const image = format === 'elf32' ? writeElf32(asm, options.fileName) : flatImage(asm);
      if (typeof image === 'string') {
        diags.error({ file: options.fileName, line: 1 }, 1, 1, image);
        return { ...result, ok: false, diagnostics: diags.list };
      }
      result.bytes = image;
    }
    if (options.listing && ok) result.listing = formatListing(asm, pre.trace ?? []);
    if (asm.mapRequest && ok && format === 'bin') {
      const output = options.outputFile ?? defaultOutputName(options.fileName);
      const text = formatBinMap(asm, asm.mapRequest, options.fileName, output);
      result.map = { to: mapDestination(asm.mapRequest), text };
    }
    return result;
  } catch (e) {
    // A defect in the assembler must still come back as a diagnostic, never as a host exception.
    diags.error(
      { file: options.fileName, line: 1 },
      1,
      1,
      `internal assembler error: ${e instanceof Error ? e.message : String(e)}`,
    );
    return { ok: false, diagnostics: diags.list, lineMap: new LineMap([]), symbols: [], sections: [], origin: 0 };
  }
}

/** NASM's output name for bin when none is given: the source's name without its extension. */
function defaultOutputName(source: string): string {
  const out = source.replace(/\.[^./\\]*$/, '');
  return out === source ? 'nasm.out' : out;
}

/** NASM -f bin: progbits sections at their load addresses from the image origin, gaps zero-filled. */
function flatImage(asm: Assembler): Uint8Array | string {
  const origin = asm.imageOrigin;
  let end = origin;
  for (const s of asm.sections) if (!s.nobits && s.size > 0) end = Math.max(end, s.start + s.size);
  if (end - origin > ASSEMBLER_LIMITS.maxOutputBytes) {
    return `the flat image would span ${end - origin} bytes, more than the limit of ${ASSEMBLER_LIMITS.maxOutputBytes} (section alignment or addresses too far apart)`;
  }
  const out = new Uint8Array(end - origin);
  for (const k of asm.imageOrder) {
    const s = asm.sections[k];
    // An empty section may sit past the image's end (its aligned start): nothing to copy.
    if (s.nobits || s.size === 0) continue;
    out.set(s.bytes.view(), s.start - origin);
  }
  return out;
}
