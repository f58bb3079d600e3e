// VS Code entry point. The only layer that imports 'vscode' (docs/ARCHITECTURE.md, "Layers"): debugging,
// language features and commands each live in their own file.
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerDebugging } from './debugging';
import { LanguageFeatures } from './languageFeatures';

export function activate(context: vscode.ExtensionContext): void {
  registerDebugging(context);
  const features = new LanguageFeatures(context);
  registerCommands(context, features);
}

export function deactivate(): void {}
