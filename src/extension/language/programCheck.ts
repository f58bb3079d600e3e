// Diagnostics as you type: assemble the program the way the debugger will (abi.inc served from
// the ABI, other includes read through the caller) and group the assembler's diagnostics by
// the file they belong to, with 0-based ranges for the editor.

import type { AssembleResult, SymbolInfo } from '../../asm/index';
import { assembleKernel, assembleProgram } from '../../kernel/build';
import { ABI_INCLUDE, KERNEL_MAIN, KERNEL_SOURCE_FILES } from '../../kernel/sources';

export interface EditorDiagnostic {
  line: number; // 0-based
  start: number; // 0-based
  end: number; // exclusive
  severity: 'error' | 'warning';
  message: string;
}

export interface ProgramCheck {
  ok: boolean;
  /** Diagnostics per file path; every file the program read appears, with [] when clean. */
  byFile: Map<string, EditorDiagnostic[]>;
  symbols: SymbolInfo[];
  origin: number;
  bytes?: Uint8Array;
}

function isAbiInclude(file: string): boolean {
  return file.slice(file.lastIndexOf('/') + 1) === ABI_INCLUDE;
}

export { usesKernelAbi } from '../../kernel/build';

export function checkProgram(
  source: string,
  fileName: string,
  readFile: (path: string) => string | Uint8Array | undefined,
): ProgramCheck {
  const read = new Set<string>([fileName]);
  const result: AssembleResult = assembleProgram(source, fileName, (p) => {
    const text = readFile(p);
    if (text !== undefined) read.add(p);
    return text;
  });
  const byFile = new Map<string, EditorDiagnostic[]>();
  for (const f of read) byFile.set(f, []);
  for (const d of result.diagnostics) {
    // abi.inc is generated from src/kernel/abi.ts: nothing the user could fix in an editor.
    if (isAbiInclude(d.file)) continue;
    if (!byFile.has(d.file)) byFile.set(d.file, []);
    byFile.get(d.file)!.push({
      line: Math.max(0, d.line - 1),
      start: Math.max(0, d.column - 1),
      end: Math.max(d.column, d.endColumn - 1),
      severity: d.severity,
      message: d.message,
    });
  }
  return { ok: result.ok, byFile, symbols: result.symbols, origin: result.origin, bytes: result.bytes };
}

/** The folder of the kernel's sources when `file` is one of them (kernel.asm sits beside it), else undefined. */
export function kernelSourceDir(file: string, exists: (path: string) => boolean): string | undefined {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dir = file.slice(0, slash);
  const name = file.slice(slash + 1);
  if (!KERNEL_SOURCE_FILES.includes(name)) return undefined;
  return exists(`${dir}/${KERNEL_MAIN}`) && exists(`${dir}/traps.asm`) ? dir : undefined;
}

/**
 * A kernel source is a piece of kernel.asm, not a program: it is assembled the way the
 * debugger builds the kernel (every file of the folder, abi.inc rendered from abi.ts), and
 * the diagnostics are keyed by the files' full paths.
 */
export function checkKernel(dir: string, readFile: (path: string) => string | undefined): ProgramCheck {
  const missing: string[] = [];
  const result = assembleKernel((name) => {
    const text = readFile(`${dir}/${name}`);
    if (text === undefined) missing.push(name);
    return text ?? '';
  });
  const byFile = new Map<string, EditorDiagnostic[]>();
  for (const name of KERNEL_SOURCE_FILES) byFile.set(`${dir}/${name}`, []);
  if (missing.length > 0) {
    byFile.get(`${dir}/${KERNEL_MAIN}`)!.push({
      line: 0,
      start: 0,
      end: 1,
      severity: 'error',
      message: `kernel sources missing beside kernel.asm: ${missing.join(', ')}`,
    });
  }
  for (const d of result.diagnostics) {
    if (isAbiInclude(d.file)) continue;
    const file = `${dir}/${d.file.slice(d.file.lastIndexOf('/') + 1)}`;
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push({
      line: Math.max(0, d.line - 1),
      start: Math.max(0, d.column - 1),
      end: Math.max(d.column, d.endColumn - 1),
      severity: d.severity,
      message: d.message,
    });
  }
  return {
    ok: result.ok && missing.length === 0,
    byFile,
    symbols: result.symbols,
    origin: result.origin,
    bytes: result.bytes,
  };
}

/**
 * Collapse rapid calls into one after `delayMs` of quiet (diagnostics while typing). The
 * timer functions are parameters so tests can drive time.
 */
export class Debouncer<K> {
  private readonly pending = new Map<K, unknown>();

  constructor(
    private readonly delayMs: number,
    private readonly timers: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  ) {}

  schedule(key: K, run: () => void): void {
    const old = this.pending.get(key);
    if (old !== undefined) this.timers.clear(old);
    this.pending.set(
      key,
      this.timers.set(() => {
        this.pending.delete(key);
        run();
      }, this.delayMs),
    );
  }

  cancelAll(): void {
    for (const h of this.pending.values()) this.timers.clear(h);
    this.pending.clear();
  }
}
