// The extension's settings (package.json, contributes.configuration), read in one place.

import * as vscode from 'vscode';

export const SETTINGS = {
  /** CPU model for F5 without `cpu`, "i386: Run program" and the status bar. */
  cpu: 'cpu',
  separateProcess: 'debugAdapter.separateProcess',
  maxInstructions: 'run.maxInstructions',
} as const;

export const SECTION = 'i386Lab';

export function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration(SECTION).get<T>(key, fallback);
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update(key, value, target);
}
