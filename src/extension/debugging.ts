// Debug type `i386`: F5 without launch.json (DebugConfigurationProvider) and the adapter, run
// inline in the extension host by default or as a separate Node process on request.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { I386DebugSession } from '../debugger/session';
import { resolveDebugConfig } from './launchPlan';
import { SETTINGS, setting } from './settings';

class ConfigurationProvider implements vscode.DebugConfigurationProvider {
  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.ProviderResult<vscode.DebugConfiguration> {
    const editor = vscode.window.activeTextEditor;
    const active = editor ? { path: editor.document.uri.fsPath, languageId: editor.document.languageId, text: editor.document.getText() } : undefined;
    const r = resolveDebugConfig(config, active, setting<string>(SETTINGS.cpu, 'pentium-ii'), (file) => {
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
}

class AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly context: vscode.ExtensionContext) {}

  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    if (setting<boolean>(SETTINGS.separateProcess, false)) {
      // The extension host's own runtime runs the bundled adapter as plain Node.
      return new vscode.DebugAdapterExecutable(process.execPath, [this.context.asAbsolutePath('dist/debugAdapter.js')], {
        env: { ELECTRON_RUN_AS_NODE: '1' },
      });
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
