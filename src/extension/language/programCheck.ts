// Diagnostics as you type: assemble the program the way the debugger will (abi.inc served from
// the ABI, other includes read through the caller) and group the assembler's diagnostics by
// the file they belong to, with 0-based ranges for the editor.

import type { AssembleResult, SymbolInfo } from '../../asm/index';
import { assembleProgram } from '../../kernel/build';
import { ABI_INCLUDE } from '../../kernel/sources';

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

/** Does the source include the kernel ABI (and so need the kernel to run)? */
export function usesKernelAbi(source: string): boolean {
  return /^\s*%include\s+["'<`]abi\.inc["'>`]/im.test(source);
}

export function checkProgram(source: string, fileName: string, readFile: (path: string) => string | Uint8Array | undefined): ProgramCheck {
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
    byFile.get(d.file)!.push({ line: Math.max(0, d.line - 1), start: Math.max(0, d.column - 1), end: Math.max(d.column, d.endColumn - 1), severity: d.severity, message: d.message });
  }
  return { ok: result.ok, byFile, symbols: result.symbols, origin: result.origin, bytes: result.bytes };
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
    this.pending.set(key, this.timers.set(() => {
      this.pending.delete(key);
      run();
    }, this.delayMs));
  }

  cancelAll(): void {
    for (const h of this.pending.values()) this.timers.clear(h);
    this.pending.clear();
  }
}
