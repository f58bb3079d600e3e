// The commands of the palette: run a program without debugging, select the CPU model (with
// its status bar item), show the kernel interface page, and open an example.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { MODELS, findModel } from '../isa/models';
import { COMMAND_IDS } from './commandIds';
import { kipLayoutMarkdown } from './kipLayout';
import type { LanguageFeatures } from './languageFeatures';
import { indexSource } from './language/sourceIndex';
import { checkProgram } from './language/programCheck';
import { runPlan } from './launchPlan';
import { SETTINGS, setting, updateSetting } from './settings';

const COMMAND = COMMAND_IDS;

function selectedModel(): string {
  const id = setting<string>(SETTINGS.cpu, 'pentium-ii');
  return findModel(id) ? id : 'pentium-ii';
}

/** The assembly file a command acts on: its argument (explorer, editor title) or the active editor. */
function targetFile(uri: unknown): vscode.Uri | undefined {
  if (uri instanceof vscode.Uri) return uri;
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'i386-asm' ? editor.document.uri : undefined;
}

async function runProgram(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel,
  features: LanguageFeatures,
  uri: unknown,
): Promise<void> {
  const file = targetFile(uri);
  if (!file || file.scheme !== 'file') {
    void vscode.window.showErrorMessage(
      'i386: Run program needs an assembly file: open one or pick it in the explorer.',
    );
    return;
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
  if (open?.isDirty) await open.save();
  const text = features.readSource(file.fsPath) ?? '';
  const assembled = checkProgram(text, file.fsPath, (p) => features.readSource(p));
  const imagePath = path.join(context.globalStorageUri.fsPath || os.tmpdir(), `${path.basename(file.fsPath)}.bin`);
  const plan = runPlan(
    { path: file.fsPath, text },
    assembled,
    selectedModel(),
    setting<number>(SETTINGS.maxInstructions, 100_000_000),
    imagePath,
  );
  output.show(true);
  if ('error' in plan) {
    output.appendLine(plan.error);
    return;
  }
  if (plan.image) {
    fs.mkdirSync(path.dirname(plan.image.path), { recursive: true });
    fs.writeFileSync(plan.image.path, plan.image.bytes);
  }
  const cli = context.asAbsolutePath('dist/cli.js');
  output.appendLine(`$ i386-lab ${plan.args.join(' ')}`);
  // The extension host's runtime runs the bundled CLI as plain Node (Electron or Node alike).
  const child = spawn(process.execPath, [cli, ...plan.args], {
    cwd: path.dirname(file.fsPath),
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  child.stdout.setEncoding('utf8').on('data', (s: string) => output.append(s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => output.append(s));
  await new Promise<void>((resolve) => {
    child.on('error', (e) => {
      output.appendLine(`cannot start the emulator: ${e.message}`);
      resolve();
    });
    child.on('close', (code) => {
      output.appendLine(`[exit status ${code ?? 'killed'}]`);
      resolve();
    });
  });
}

async function selectCpuModel(status: vscode.StatusBarItem): Promise<void> {
  const current = selectedModel();
  const picked = await vscode.window.showQuickPick(
    MODELS.map((m) => ({ label: m.id, description: m.name + (m.id === current ? ' (current)' : ''), detail: m.notes })),
    { placeHolder: 'CPU model for F5 and i386: Run program' },
  );
  if (!picked) return;
  await updateSetting(SETTINGS.cpu, picked.label);
  updateStatus(status);
}

function updateStatus(status: vscode.StatusBarItem): void {
  const model = findModel(selectedModel())!;
  status.text = `$(chip) ${model.id}`;
  status.tooltip = `i386 Lab CPU model: ${model.name}. Click to change.`;
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'i386-asm' || vscode.debug.activeDebugSession?.type === 'i386') status.show();
  else status.hide();
}

/**
 * The KIP as a read-only virtual document (not an untitled buffer that asks to be saved):
 * its text is made when the command runs and served from here; running the command again
 * refreshes the open document.
 */
class KipDocument implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'i386-lab-kip';
  static readonly uri = vscode.Uri.from({ scheme: KipDocument.scheme, path: '/Kernel Interface Page.md' });
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private text = kipLayoutMarkdown();

  provideTextDocumentContent(): string {
    return this.text;
  }

  update(text: string): void {
    this.text = text;
    this.changed.fire(KipDocument.uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function showKernelInterface(kip: KipDocument): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  let content = kipLayoutMarkdown();
  if (session?.type === 'i386') {
    const item = vscode.debug.activeStackItem;
    const frameId = item instanceof vscode.DebugStackFrame ? item.frameId : undefined;
    try {
      const r = await session.customRequest('evaluate', { expression: 'info kip', context: 'repl', frameId });
      content = `# Kernel Interface Page of the running program\n\n\`\`\`\n${r.result}\n\`\`\`\n\n` + content;
    } catch (e) {
      content =
        `> The debug session could not show a live KIP: ${e instanceof Error ? e.message : String(e)}\n\n` + content;
    }
  }
  kip.update(content);
  const doc = await vscode.workspace.openTextDocument(KipDocument.uri);
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** The example and every include it needs that ships next to it (user.inc). */
function exampleWithIncludes(dir: string, name: string): string[] {
  const files = [name];
  for (let i = 0; i < files.length; i++) {
    const text = fs.readFileSync(path.join(dir, files[i]), 'utf8');
    for (const inc of indexSource(text).includes)
      if (fs.existsSync(path.join(dir, inc.target)) && !files.includes(inc.target)) files.push(inc.target);
  }
  return files;
}

async function openExample(context: vscode.ExtensionContext, arg: unknown): Promise<void> {
  const dir = context.asAbsolutePath('examples');
  const names = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.asm'))
    .sort();
  let name = typeof arg === 'string' ? arg : (arg as { name?: string } | undefined)?.name;
  if (name === undefined) {
    const picked = await vscode.window.showQuickPick(
      names.map((n) => ({
        label: n,
        detail: fs.readFileSync(path.join(dir, n), 'utf8').split('\n')[0].replace(/^;\s*/, ''),
      })),
      { placeHolder: 'Example to copy into the workspace' },
    );
    if (!picked) return;
    name = picked.label;
  }
  if (!names.includes(name)) {
    void vscode.window.showErrorMessage(`No example named ${name}; the examples are ${names.join(', ')}.`);
    return;
  }
  let target = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!target) {
    const chosen = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Copy the example here',
    });
    if (!chosen?.[0]) return;
    target = chosen[0];
  }
  const files = exampleWithIncludes(dir, name);
  const existing = files.filter((f) => fs.existsSync(path.join(target.fsPath, f)));
  if (existing.length > 0) {
    const answer = await vscode.window.showWarningMessage(
      `${existing.join(', ')} already exist in ${target.fsPath}.`,
      'Overwrite',
      'Open existing',
    );
    if (answer === undefined) return;
    if (answer === 'Open existing') {
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(target.fsPath, name)));
      return;
    }
  }
  for (const f of files) fs.copyFileSync(path.join(dir, f), path.join(target.fsPath, f));
  await vscode.window.showTextDocument(vscode.Uri.file(path.join(target.fsPath, name)));
}

export function registerCommands(context: vscode.ExtensionContext, features: LanguageFeatures): void {
  const output = vscode.window.createOutputChannel('i386 Lab');
  const status = vscode.window.createStatusBarItem('i386-lab.cpu', vscode.StatusBarAlignment.Right, 100);
  status.name = 'i386 Lab CPU model';
  status.command = COMMAND.selectCpu;
  updateStatus(status);
  const kip = new KipDocument();
  context.subscriptions.push(
    output,
    status,
    kip,
    vscode.workspace.registerTextDocumentContentProvider(KipDocument.scheme, kip),
    vscode.commands.registerCommand(COMMAND.run, (uri) => runProgram(context, output, features, uri)),
    vscode.commands.registerCommand(COMMAND.selectCpu, () => selectCpuModel(status)),
    vscode.commands.registerCommand(COMMAND.showKip, () => showKernelInterface(kip)),
    vscode.commands.registerCommand(COMMAND.openExample, (arg) => openExample(context, arg)),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus(status)),
    vscode.debug.onDidStartDebugSession(() => updateStatus(status)),
    vscode.debug.onDidTerminateDebugSession(() => updateStatus(status)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`i386Lab.${SETTINGS.cpu}`)) updateStatus(status);
    }),
  );
}
