// Diagnostics as values the editor, the CLI and the debugger can show (docs/CONVENTIONS.md: errors are
// values). Columns are 1-based; endColumn is exclusive.

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endColumn: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Where a line of preprocessed source came from. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** Collects diagnostics; caps the count so hostile input cannot flood memory. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  errorCount = 0;
  private readonly seen = new Set<string>();
  static readonly MAX = 1000;

  report(severity: 'error' | 'warning', at: SourceLocation, column: number, endColumn: number, message: string): void {
    const key = `${at.file}\u0000${at.line}\u0000${column}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (severity === 'error') this.errorCount++;
    if (this.list.length >= DiagnosticSink.MAX) return;
    this.list.push({
      file: at.file,
      line: at.line,
      column,
      endColumn: Math.max(endColumn, column + 1),
      severity,
      message,
    });
  }

  error(at: SourceLocation, column: number, endColumn: number, message: string): void {
    this.report('error', at, column, endColumn, message);
  }

  warning(at: SourceLocation, column: number, endColumn: number, message: string): void {
    this.report('warning', at, column, endColumn, message);
  }
}

/** Render a diagnostic as `file:line:col: severity: message` (CLI and tests). */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
