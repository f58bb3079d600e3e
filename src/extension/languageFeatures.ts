// Language features for i386-asm files, as thin adapters from the editor's types to the
// plain modules under language/: hover, go to definition, find references, outline,
// completions, and diagnostics from the assembler as you type.

import * as fs from 'fs';
import * as vscode from 'vscode';
import { renderAbiInc } from '../kernel/abi';
import { labelHover, mnemonicHover, prefixHover, registerHover } from './language/hoverText';
import { completions, outline, type CompletionKind, type OutlineSymbol } from './language/outline';
import { checkKernel, checkProgram, Debouncer, kernelSourceDir, type ProgramCheck } from './language/programCheck';
import { WorkspaceIndex } from './language/workspaceIndex';

const LANGUAGE = 'i386-asm';
const SELECTOR: vscode.DocumentSelector = [{ language: LANGUAGE }];
/** abi.inc is generated from src/kernel/abi.ts: shown read-only under this address. */
export const ABI_URI = vscode.Uri.parse('i386-lab:/abi.inc');
const ASSEMBLY_GLOB = '**/*.{asm,nasm,inc}';
const DIAGNOSTICS_DELAY_MS = 300;

function keyOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

function uriOf(key: string): vscode.Uri {
  return key === ABI_URI.toString() ? ABI_URI : vscode.Uri.file(key);
}

function isProgram(key: string): boolean {
  return /\.(asm|nasm)$/i.test(key);
}

export class LanguageFeatures {
  readonly index = new WorkspaceIndex(new Map([['abi.inc', ABI_URI.toString()]]));
  private readonly checks = new Map<string, ProgramCheck>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(LANGUAGE);
  private readonly debounce = new Debouncer<string>(DIAGNOSTICS_DELAY_MS);

  constructor(context: vscode.ExtensionContext) {
    this.index.set(ABI_URI.toString(), renderAbiInc());
    const watcher = vscode.workspace.createFileSystemWatcher(ASSEMBLY_GLOB);
    context.subscriptions.push(
      this.diagnostics,
      watcher,
      { dispose: () => this.debounce.cancelAll() },
      vscode.workspace.registerTextDocumentContentProvider('i386-lab', {
        provideTextDocumentContent: () => renderAbiInc(),
      }),
      watcher.onDidCreate((uri) => this.readFromDisk(uri)),
      watcher.onDidChange((uri) => this.readFromDisk(uri)),
      watcher.onDidDelete((uri) => {
        this.index.delete(keyOf(uri));
        this.diagnostics.delete(uri);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.documentChanged(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.documentClosed(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e.document)),
      vscode.languages.registerHoverProvider(SELECTOR, { provideHover: (d, p) => this.hover(d, p) }),
      vscode.languages.registerDefinitionProvider(SELECTOR, { provideDefinition: (d, p) => this.definition(d, p) }),
      vscode.languages.registerReferenceProvider(SELECTOR, {
        provideReferences: (d, p, c) => this.references(d, p, c.includeDeclaration),
      }),
      vscode.languages.registerDocumentSymbolProvider(SELECTOR, { provideDocumentSymbols: (d) => this.symbols(d) }),
      vscode.languages.registerCompletionItemProvider(
        SELECTOR,
        { provideCompletionItems: (d, p) => this.complete(d, p) },
        '.',
      ),
    );
    void this.scanWorkspace();
    for (const d of vscode.workspace.textDocuments) this.documentChanged(d);
  }

  private async scanWorkspace(): Promise<void> {
    const uris = await vscode.workspace.findFiles(ASSEMBLY_GLOB, '**/node_modules/**', 5000);
    for (const uri of uris) if (!this.isOpen(uri)) this.readFromDisk(uri);
  }

  private isOpen(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  }

  private readFromDisk(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || this.isOpen(uri)) return;
    try {
      this.index.set(keyOf(uri), fs.readFileSync(uri.fsPath, 'utf8'));
    } catch {
      this.index.delete(keyOf(uri));
    }
  }

  private documentChanged(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE || document.uri.scheme !== 'file') return;
    const key = keyOf(document.uri);
    this.index.set(key, document.getText());
    this.debounce.schedule(key, () => this.check(key));
  }

  /**
   * A file outside the workspace (a kernel source the debugger opened, an example) leaves no
   * Problems behind once closed: its diagnostics, and those of the files its check read
   * that are neither open nor in the workspace, go with it.
   */
  private documentClosed(document: vscode.TextDocument): void {
    if (
      document.languageId !== LANGUAGE ||
      document.uri.scheme !== 'file' ||
      vscode.workspace.getWorkspaceFolder(document.uri)
    )
      return;
    const key = keyOf(document.uri);
    const outside = (file: string): boolean =>
      !vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) && !this.isOpen(vscode.Uri.file(file));
    for (const [root, check] of this.checks) {
      if (!check.byFile.has(key)) continue;
      for (const file of check.byFile.keys())
        if (file !== ABI_URI.toString() && outside(file)) this.diagnostics.delete(vscode.Uri.file(file));
      if (outside(root)) this.checks.delete(root);
    }
    this.diagnostics.delete(document.uri);
    this.index.delete(key);
  }

  /** Text of an open document, else the file on disk (the assembler's readFile). */
  readSource(path: string): string | undefined {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
    if (open) return open.getText();
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  /**
   * Assemble the program a file belongs to: the file itself when it is a program, else one
   * program that includes it (an include file alone would only report undefined labels).
   */
  check(key: string): ProgramCheck | undefined {
    // A kernel source (opened by stepping into the kernel, or edited in the repository) is a
    // piece of kernel.asm: diagnosed as the kernel is built, with its generated abi.inc.
    const kernelDir = kernelSourceDir(key, (p) => fs.existsSync(p));
    let root: string | undefined;
    let result: ProgramCheck;
    if (kernelDir !== undefined) {
      root = `${kernelDir}/kernel.asm`;
      result = checkKernel(kernelDir, (p) => this.readSource(p));
    } else {
      root = isProgram(key) ? key : this.index.unit(key).find((f) => isProgram(f) && f !== ABI_URI.toString());
      if (root === undefined) return undefined;
      const source = this.readSource(root);
      if (source === undefined) return undefined;
      result = checkProgram(source, root, (p) => this.readSource(p));
    }
    this.checks.set(root, result);
    for (const [file, list] of result.byFile) {
      if (file === ABI_URI.toString() || !fs.existsSync(file)) continue;
      this.diagnostics.set(
        vscode.Uri.file(file),
        list.map((d) => {
          const diag = new vscode.Diagnostic(
            new vscode.Range(d.line, d.start, d.line, d.end),
            d.message,
            d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          );
          diag.source = 'i386-lab asm';
          return diag;
        }),
      );
    }
    return result;
  }

  private async hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const range = document.getWordRangeAtPosition(position);
    if (!range) return undefined;
    const word = document.getText(range);
    const key = keyOf(document.uri);
    const occurrence = this.index.occurrenceAt(key, position.line, position.character);
    const definition = occurrence ? this.index.definitions(key, occurrence.name)[0] : undefined;
    let text: string | undefined;
    if (definition) {
      // The address from a program that read the defining file (programs may reuse names).
      const checks = [...this.checks.values()].filter(
        (c) => definition.file === ABI_URI.toString() || c.byFile.has(definition.file),
      );
      const symbol = checks.flatMap((c) => c.symbols).find((s) => s.name === definition.item.name);
      const file =
        definition.file === ABI_URI.toString() ? 'abi.inc' : vscode.workspace.asRelativePath(definition.file);
      text = labelHover(
        {
          name: definition.item.name,
          kind: definition.item.kind,
          address: symbol?.address,
          file: definition.file,
          line: definition.item.line + 1,
          text: this.index.lineText(definition.file, definition.item.line),
        },
        file,
      );
    } else {
      text = prefixHover(word) ?? mnemonicHover(word) ?? registerHover(word, await this.registerValue(word));
    }
    return text ? new vscode.Hover(new vscode.MarkdownString(text), range) : undefined;
  }

  /** A register's value from the stopped i386 debug session, if there is one. */
  private async registerValue(word: string): Promise<string | undefined> {
    const session = vscode.debug.activeDebugSession;
    if (session?.type !== 'i386' || !registerHover(word)) return undefined;
    const item = vscode.debug.activeStackItem;
    const frameId = item instanceof vscode.DebugStackFrame ? item.frameId : undefined;
    try {
      const r = await session.customRequest('evaluate', { expression: word.toLowerCase(), frameId, context: 'hover' });
      return typeof r?.result === 'string' ? r.result : undefined;
    } catch {
      return undefined;
    }
  }

  private definition(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] {
    const key = keyOf(document.uri);
    const occurrence = this.index.occurrenceAt(key, position.line, position.character);
    if (!occurrence) return [];
    return this.index
      .definitions(key, occurrence.name)
      .map(
        (d) => new vscode.Location(uriOf(d.file), new vscode.Range(d.item.line, d.item.start, d.item.line, d.item.end)),
      );
  }

  private references(
    document: vscode.TextDocument,
    position: vscode.Position,
    includeDeclaration: boolean,
  ): vscode.Location[] {
    const key = keyOf(document.uri);
    const occurrence = this.index.occurrenceAt(key, position.line, position.character);
    if (!occurrence) return [];
    return this.index
      .references(key, occurrence.name, includeDeclaration)
      .map(
        (r) => new vscode.Location(uriOf(r.file), new vscode.Range(r.item.line, r.item.start, r.item.line, r.item.end)),
      );
  }

  private symbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const index = this.index.index(keyOf(document.uri));
    if (!index) return [];
    const kinds: Record<OutlineSymbol['kind'], vscode.SymbolKind> = {
      section: vscode.SymbolKind.Namespace,
      label: vscode.SymbolKind.Function,
      local: vscode.SymbolKind.Key,
      equ: vscode.SymbolKind.Constant,
      define: vscode.SymbolKind.Constant,
      macro: vscode.SymbolKind.Method,
      struc: vscode.SymbolKind.Struct,
    };
    const convert = (s: OutlineSymbol): vscode.DocumentSymbol => {
      const end = document.lineAt(Math.min(s.endLine, document.lineCount - 1)).range.end;
      const full = new vscode.Range(
        new vscode.Position(s.line, 0),
        end.isBefore(new vscode.Position(s.line, s.end)) ? new vscode.Position(s.line, s.end) : end,
      );
      const symbol = new vscode.DocumentSymbol(
        s.name,
        s.kind,
        kinds[s.kind],
        full,
        new vscode.Range(s.line, s.start, s.line, s.end),
      );
      symbol.children = s.children.map(convert);
      return symbol;
    };
    return outline(index, document.lineCount).map(convert);
  }

  private complete(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const kinds: Record<CompletionKind, vscode.CompletionItemKind> = {
      mnemonic: vscode.CompletionItemKind.Keyword,
      prefix: vscode.CompletionItemKind.Keyword,
      register: vscode.CompletionItemKind.Variable,
      label: vscode.CompletionItemKind.Function,
      local: vscode.CompletionItemKind.Field,
      equ: vscode.CompletionItemKind.Constant,
      define: vscode.CompletionItemKind.Constant,
      macro: vscode.CompletionItemKind.Method,
      struc: vscode.CompletionItemKind.Struct,
    };
    return completions(this.index, keyOf(document.uri), position.line).map((c) => {
      const item = new vscode.CompletionItem(c.label, kinds[c.kind]);
      item.detail = c.detail;
      return item;
    });
  }
}
