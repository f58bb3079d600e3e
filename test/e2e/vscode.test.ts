// End to end in a real VS Code (code-server + Chromium): install the .vsix, open the examples,
// press F5 and check what the editor shows. Opt-in (`npm run test:e2e`, I386_LAB_E2E=1): the
// first run installs about 300 MB into ~/.cache/i386-lab-e2e. Screenshots go to
// test/e2e/screenshots/ (not committed).

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHROMIUM, CodeServer, ensureEditor, playwright, type BrowserContext, type Page } from './editor';

const ROOT = path.resolve(__dirname, '../../..');
const SHOTS = path.join(ROOT, 'test', 'e2e', 'screenshots');
const STEP_MS = 45_000;

describe('extension in a real VS Code (code-server + Chromium)', function () {
  this.timeout(20 * 60_000);
  let temp = '';
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let workspace = '';

  before(async function () {
    if (process.env.I386_LAB_E2E !== '1') {
      console.log('    (skipped: the editor test is opt-in, run `npm run test:e2e` or set I386_LAB_E2E=1)');
      this.skip();
    }
    const why = ensureEditor((line) => console.log(`    ${line}`));
    if (why) {
      console.log(`    (skipped: ${why})`);
      this.skip();
    }
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-e2e-'));
    workspace = path.join(temp, 'workspace');
    fs.mkdirSync(workspace);
    for (const f of ['ask-kernel.asm', 'user.inc']) fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(workspace, f));
    fs.copyFileSync(path.join(ROOT, 'test', 'e2e', 'fixtures', 'bare-lock-nop.asm'), path.join(workspace, 'bare-lock-nop.asm'));
    fs.mkdirSync(SHOTS, { recursive: true });

    const vsix = path.join(temp, 'i386-lab.vsix');
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix], { cwd: ROOT, stdio: 'pipe' });
    server = new CodeServer(temp);
    assert.match(server.installExtension(vsix), /successfully installed/i);
    await server.start(workspace);
    browser = await playwright().chromium.launchPersistentContext(path.join(temp, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(server.url(workspace), { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    const stopped = (await server?.stop()) ?? [];
    for (const pid of stopped) assert.ok(!fs.existsSync(`/proc/${pid}/cmdline`) || fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') === '', `process ${pid} still runs`);
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await shot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  }

  async function openFile(name: string): Promise<void> {
    await page.keyboard.press('Control+Shift+E');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ timeout: STEP_MS });
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_MS });
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ timeout: STEP_MS });
  }

  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Enter');
  }

  it('opens ask-kernel.asm as i386 Assembly, coloured, with the CPU model in the status bar', async () => {
    await openFile('ask-kernel.asm');
    await page.locator('#status\\.editor\\.mode', { hasText: 'i386 Assembly' }).waitFor({ timeout: STEP_MS });
    await page.locator('.statusbar-item', { hasText: 'pentium-ii' }).first().waitFor({ timeout: STEP_MS });
    // The grammar gives mnemonics and comments their own theme colours (mtk tokens).
    const colours = await page.locator('.monaco-editor .view-lines span[class*="mtk"]').count();
    assert.ok(colours > 10, `only ${colours} coloured tokens`);
    await shot('1-ask-kernel-open');
  });

  async function goTo(name: string, pattern: RegExp): Promise<void> {
    const lines = fs.readFileSync(path.join(workspace, name), 'utf8').split('\n');
    const line = lines.findIndex((l) => pattern.test(l));
    const column = lines[line].search(pattern) + 2;
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: STEP_MS });
    await page.keyboard.type(`${line + 1}:${column}`);
    await page.keyboard.press('Enter');
  }

  it('the hover on a use of the print macro in ask-kernel.asm shows its definition in user.inc', async () => {
    await openFile('ask-kernel.asm');
    await goTo('ask-kernel.asm', /\bprint\b/);
    await runCommand('Show or Focus Hover');
    const hover = page.locator('.monaco-hover-content', { hasText: 'macro' });
    await hover.first().waitFor({ timeout: STEP_MS });
    assert.match(await hover.first().innerText(), /print[\s\S]*user\.inc:\d+/);
    await shot('2-hover-macro');
    await page.keyboard.press('Escape');
  });

  it('F5 on ask-kernel.asm boots the kernel and stops on the lock nop trap, showing the advertised mechanism', async function () {
    await openFile('ask-kernel.asm');
    await page.keyboard.press('F5');
    await page.keyboard.press('Control+Shift+D');
    // The call stack's header carries the stop's description.
    // F5 without launch.json stops on the program's entry first: continue from there.
    const entry = page.locator('.pane-header', { hasText: /program entry at/ });
    const stopped = page.locator('.pane-header', { hasText: /lock nop/ });
    await Promise.race([entry.first().waitFor({ timeout: STEP_MS }), stopped.first().waitFor({ timeout: STEP_MS })]).catch(() => undefined);
    if ((await entry.count()) > 0) {
      await page.locator('.debug-call-stack', { hasText: /user\.inc\s*\d+:1/ }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('F5');
    }
    const ended = page.locator('.repl', { hasText: /not implemented yet|cannot deliver exceptions|internal debugger error|exit/ });
    await Promise.race([stopped.first().waitFor({ timeout: STEP_MS }), ended.waitFor({ timeout: STEP_MS })]).catch(() => undefined);
    await shot('3-ask-kernel-f5');
    if ((await stopped.count()) === 0) {
      const lines = (await ended.count()) > 0 ? (await ended.first().innerText()).split('\n') : ['no stop and no message within the time limit'];
      const notYet = lines.find((l) => /not implemented yet|cannot deliver exceptions/.test(l));
      await page.keyboard.press('Shift+F5');
      // The adapter boots the kernel from the sources shipped in the .vsix; if the emulator
      // cannot run it to user mode, say exactly where it stops instead of passing.
      if (notYet) {
        console.log(`    (lock nop not reachable in the editor: ${notYet})`);
        this.skip();
      }
      assert.fail(`the debugger neither stopped on lock nop nor said why: ${lines.slice(0, 3).join(' / ')}`);
    }
    assert.match(await stopped.first().innerText(), /#UD invalid opcode: lock nop/);
    // Stopped in user.inc on `db 0xF0, 0x90 ; lock nop`, inside ask_kernel.
    await page.locator('.debug-call-stack', { hasText: /ask_kernel\+0x2\s*user\.inc\s*\d+:1/ }).waitFor({ timeout: STEP_MS });
    await page.locator('.repl', { hasText: /advertised sysenter/ }).waitFor({ timeout: STEP_MS });
    await page.locator('.monaco-editor .view-line', { hasText: 'db 0xF0, 0x90' }).first().waitFor({ timeout: STEP_MS });
    await page.locator('.exception-widget', { hasText: /lock nop asks the kernel how to make a system call/ }).waitFor({ timeout: STEP_MS });
    await shot('lock-nop-stop');
    await runCommand('i386: Show kernel interface (KIP)');
    const kip = page.locator('.monaco-editor .view-lines', { hasText: 'Kernel Interface Page of the running program' });
    await kip.first().waitFor({ timeout: STEP_MS });
    assert.match(await kip.first().innerText(), /mechanism\W+sysenter/);
    await shot('3-ask-kernel-lock-nop');
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: STEP_MS });
  });

  it('F5 on a bare program stops on entry, shows the registers, then stops on the lock nop trap', async () => {
    await openFile('bare-lock-nop.asm');
    await page.keyboard.press('F5');
    await page.locator('.debug-toolbar').waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Control+Shift+D');
    const callStack = page.locator('.debug-call-stack');
    await callStack.filter({ hasText: /_start\s*bare-lock-nop\.asm\s*7:1/ }).waitFor({ timeout: STEP_MS });
    const variables = page.locator('.debug-variables');
    await variables.filter({ hasText: /esp =/ }).waitFor({ timeout: STEP_MS });
    // The registers as the program starts: ESP at the top of the 16 MiB of RAM.
    assert.match(await variables.innerText(), /eax =\s*0x00000000[\s\S]*edx =\s*0x00000633[\s\S]*esp =\s*0x01000000/);
    assert.match(await page.locator('.monaco-editor .view-overlays .debug-top-stack-frame-line').count().then(String), /^[1-9]/);
    await shot('4-bare-stop-on-entry');

    await page.keyboard.press('F5');
    const state = page.locator('.pane-header', { hasText: /lock nop/ });
    await state.first().waitFor({ timeout: STEP_MS });
    assert.match(await state.first().innerText(), /#UD invalid opcode: lock nop/);
    // Stopped on line 14, `db 0xF0, 0x90 ; lock nop`.
    await callStack.filter({ hasText: /bare-lock-nop\.asm\s*14:1/ }).waitFor({ timeout: STEP_MS });
    await shot('5-bare-lock-nop-trap');
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: STEP_MS });
  });
  it('i386: Run program runs the bare program without debugging, output in the i386 Lab channel', async () => {
    await openFile('bare-lock-nop.asm');
    await runCommand('i386: Run program');
    // Monaco renders spaces as no-break spaces.
    const output = page.locator('.part.panel', { hasText: /exit\sstatus/ });
    await output.first().waitFor({ timeout: STEP_MS });
    const text = (await output.first().innerText()).replace(/\u00a0/g, ' ');
    // The output wraps: match the parts of the command line, not the whole line.
    assert.match(text, /\$ i386-lab run --bare \S+bare-lock-nop\.asm\.bin\s+--load-at 0x100000\s+--entry 0x100000\s+--cpu pentium-ii/);
    // 5 + 5 + 1 + 2 + 2 bytes of code before the lock nop at 0x10000F, after 9 instructions.
    assert.match(text, /exception #UD at 0x0010000f after 9 instructions[\s\S]*\[exit status 1\]/);
    await shot('6-run-program');
  });

  it('with debugAdapter.separateProcess the adapter runs as its own process (dist/debugAdapter.js)', async () => {
    server!.setUserSetting('i386Lab.debugAdapter.separateProcess', true);
    await page.waitForTimeout(2000);
    await openFile('bare-lock-nop.asm');
    await page.keyboard.press('F5');
    await page.locator('.debug-toolbar').waitFor({ timeout: STEP_MS });
    await page.keyboard.press('Control+Shift+D');
    await page.locator('.debug-call-stack', { hasText: /_start\s*bare-lock-nop\.asm\s*7:1/ }).waitFor({ timeout: STEP_MS });
    const adapters = server!.childCommandLines().filter((c) => /i386-lab[^ ]*\/dist\/debugAdapter\.js/.test(c));
    assert.strictEqual(adapters.length, 1, server!.childCommandLines().join('\n'));
    await page.keyboard.press('Shift+F5');
    await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: STEP_MS });
  });
});
