// Debug type `i386`: F5 without launch.json, the configurations "create a launch.json file"
// writes and the check of the program they name (DebugConfigurationProvider); the adapter, run
// inline in the extension host by default or as a separate Node process on request.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { I386DebugSession } from '../debugger/session';
import { checkProgramConfig, initialConfigurations, resolveDebugConfig } from './launchPlan';
import { SETTINGS, setting } from './settings';

function activeProgram(): { path: string; languageId: string; text: string } | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor
    ? { path: editor.document.uri.fsPath, languageId: editor.document.languageId, text: editor.document.getText() }
    : undefined;
}

class ConfigurationProvider implements vscode.DebugConfigurationProvider {
  /** "create a launch.json file": a configuration for the open program, kernel or bare by its source. */
  provideDebugConfigurations(
    folder: vscode.WorkspaceFolder | undefined,
  ): vscode.ProviderResult<vscode.DebugConfiguration[]> {
    // The open assembly program (the active editor, else a visible one: the picker may be in front).
    const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].filter(
      (e): e is vscode.TextEditor => e?.document.languageId === 'i386-asm',
    );
    const doc = editors[0]?.document;
    const relativePath = doc && folder ? path.relative(folder.uri.fsPath, doc.uri.fsPath) : doc?.uri.fsPath;
    return initialConfigurations(
      doc && relativePath !== undefined ? { relativePath, languageId: doc.languageId, text: doc.getText() } : undefined,
    ) as vscode.DebugConfiguration[];
  }

  resolveDebugConfiguration(
    _folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): vscode.ProviderResult<vscode.DebugConfiguration> {
    const r = resolveDebugConfig(config, activeProgram(), setting<string>(SETTINGS.cpu, 'pentium-ii'), (file) => {
      try {
        return fs.readFileSync(path.resolve(_folder?.uri.fsPath ?? '', file), 'utf8');
      } catch {
        return undefined;
      }
    });
    if (!r.ok) {
      void vscode.window.showErrorMessage(r.message);
      // undefined aborts the launch quietly; the message above says why.
      return undefined;
    }
    return r.config as vscode.DebugConfiguration;
  }

  /** `${file}` is known now: refuse launch.json (or any non-program) as the program, pick the mode by the source. */
  resolveDebugConfigurationWithSubstitutedVariables(
    _folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): vscode.ProviderResult<vscode.DebugConfiguration> {
    const r = checkProgramConfig(config, (p) => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === p);
      if (open) return open.getText();
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    });
    if (!r.ok) {
      void vscode.window.showErrorMessage(r.message);
      return undefined;
    }
    return r.config as vscode.DebugConfiguration;
  }
}

class AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly context: vscode.ExtensionContext) {}

  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    if (setting<boolean>(SETTINGS.separateProcess, false)) {
      // The extension host's own runtime runs the bundled adapter as plain Node.
      return new vscode.DebugAdapterExecutable(
        process.execPath,
        [this.context.asAbsolutePath('dist/debugAdapter.js')],
        {
          env: { ELECTRON_RUN_AS_NODE: '1' },
        },
      );
    }
    return new vscode.DebugAdapterInlineImplementation(new I386DebugSession());
  }
}

export function registerDebugging(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider('i386', new ConfigurationProvider()),
    vscode.debug.registerDebugAdapterDescriptorFactory('i386', new AdapterFactory(context)),
  );
}
