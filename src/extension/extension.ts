// VS Code entry point. The only layer that imports 'vscode' (DESIGN.md, "Layers").
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Contributions are registered by later parts (debug adapter, language features).
}

export function deactivate(): void {}
