// Document symbols (the outline) and completion items of an assembly file, as plain data.

import { MNEMONIC_INFO } from '../../isa/mnemonicInfo';
import { PREFIX_INFO, REGISTER_INFO } from '../../isa/mnemonics';
import type { Definition, DefinitionKind, SourceIndex, Span } from './sourceIndex';
import type { WorkspaceIndex } from './workspaceIndex';

export interface OutlineSymbol extends Span {
  name: string;
  kind: DefinitionKind | 'section';
  /** Last line the symbol covers (a label runs to the line before the next label or section). */
  endLine: number;
  children: OutlineSymbol[];
}

/**
 * Sections and non-local labels at the top level, locals under their label, `equ` constants,
 * macros and defines as their own entries. Macro-local labels (`%%x`) are left out.
 */
export function outline(index: SourceIndex, lineCount: number): OutlineSymbol[] {
  const top: OutlineSymbol[] = [];
  const marks = [
    ...index.sections.map((s) => ({ ...s, kind: 'section' as const, written: s.name })),
    ...index.definitions
      .filter((d) => !d.written.startsWith('%%'))
      .map((d) => ({ ...d, name: d.kind === 'local' ? d.written : d.name })),
  ].sort((a, b) => a.line - b.line || a.start - b.start);
  let label: OutlineSymbol | undefined;
  const boundaries = marks
    .filter((m) => m.kind === 'section' || m.kind === 'label' || m.kind === 'struc')
    .map((m) => m.line);
  const endOf = (line: number, local: boolean): number => {
    const next = (
      local
        ? marks.filter((m) => m.kind !== 'equ' && m.kind !== 'define' && m.kind !== 'macro').map((m) => m.line)
        : boundaries
    ).find((l) => l > line);
    return next === undefined ? lineCount - 1 : next - 1;
  };
  for (const m of marks) {
    const symbol: OutlineSymbol = {
      name: m.name,
      kind: m.kind,
      line: m.line,
      start: m.start,
      end: m.end,
      endLine: m.line,
      children: [],
    };
    if (m.kind === 'local' && label) {
      symbol.endLine = Math.min(endOf(m.line, true), label.endLine);
      label.children.push(symbol);
      continue;
    }
    if (m.kind === 'section' || m.kind === 'label' || m.kind === 'struc') {
      symbol.endLine = endOf(m.line, false);
      label = m.kind === 'section' ? undefined : symbol;
    }
    top.push(symbol);
  }
  return top;
}

export type CompletionKind = 'mnemonic' | 'prefix' | 'register' | DefinitionKind;

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail: string;
}

/** The non-local label whose scope holds `line` (locals written there belong to it). */
export function scopeAt(index: SourceIndex, line: number): string {
  let scope = '';
  for (const d of index.definitions) {
    if (d.line > line) break;
    if (d.kind === 'label' || d.kind === 'struc') scope = d.name;
  }
  return scope;
}

function definitionDetail(d: Definition, file: string): string {
  return `${d.kind} in ${file.slice(file.lastIndexOf('/') + 1)}:${d.line + 1}`;
}

/** Mnemonics, prefixes, registers, then the names visible from `file` at `line`. */
export function completions(workspace: WorkspaceIndex, file: string, line: number): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const [name, info] of Object.entries(MNEMONIC_INFO))
    out.push({ label: name, kind: 'mnemonic', detail: info.summary });
  for (const [name, info] of Object.entries(PREFIX_INFO))
    out.push({ label: name, kind: 'prefix', detail: info.summary });
  for (const [name, info] of Object.entries(REGISTER_INFO))
    out.push({ label: name, kind: 'register', detail: info.summary });
  const index = workspace.index(file);
  const scope = index ? scopeAt(index, line) : '';
  const seen = new Set<string>();
  for (const { file: f, item } of workspace.visibleDefinitions(file)) {
    if (item.written.startsWith('%%')) continue;
    let label = item.name;
    if (item.kind === 'local') {
      if (item.parent !== scope || f !== file) continue;
      label = item.written;
    }
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({ label, kind: item.kind, detail: definitionDetail(item, f) });
  }
  return out;
}
