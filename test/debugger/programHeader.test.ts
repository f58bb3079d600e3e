// The program's header comment (`; i386-lab: --discovery shared-page --cpu athlon`) in the
// three places that launch a program besides `run` (test/cli/commandLine.test.ts): the
// debug adapter (F5 and any DAP client), F5's configuration without launch.json, and the
// "i386: Run program" command line.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { readProgramSettings, settingsText } from '../../src/debugcore/programSettings';
import { validateLaunch, withProgramHeader } from '../../src/debugger/launchConfig';
import { resolveDebugConfig, runPlan } from '../../src/extension/launchPlan';

const ROOT = path.resolve(__dirname, '../../..');
const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');
const SHARED_PAGE = path.join(ROOT, 'examples', 'shared-page.asm');

describe('program header comment', () => {
  describe('readProgramSettings', () => {
    it('reads the i386-lab: line of the leading comment block, in either flag form', () => {
      const h = readProgramSettings(
        '; a program\n;; i386-lab: --cpu=athlon --discovery shared-page --seed 0x10\n\nbits 32\n',
      );
      assert.deepEqual(h, {
        settings: { cpu: 'athlon', discovery: 'shared-page', seed: 16 },
        line: 2,
        text: '--cpu=athlon --discovery shared-page --seed 0x10',
        problems: [],
      });
      assert.equal(settingsText(h.settings), '--cpu athlon --discovery shared-page --seed 0x10');
    });
    it('ignores an i386-lab: comment after the first line of code', () => {
      assert.deepEqual(readProgramSettings('bits 32\n; i386-lab: --cpu athlon\n').settings, {});
    });
    it('names what is wrong, with the line', () => {
      assert.deepEqual(readProgramSettings('; i386-lab: --cpu\n').problems, ['1: --cpu needs a value']);
      assert.deepEqual(readProgramSettings('; i386-lab: --mechanism warp\n').problems, [
        "1: --mechanism: 'warp' is not one of auto, int, callgate, sysenter, syscall",
      ]);
      assert.match(
        readProgramSettings('; i386-lab: --cpu i386\n; i386-lab: --cpu i486\n').problems[0],
        /^2: a second i386-lab: line/,
      );
      assert.match(
        readProgramSettings('; i386-lab: --seed 0x100000000\n').problems[0],
        /^1: --seed: '0x100000000' is not a number/,
      );
    });
  });

  describe('launch attributes', () => {
    const source = '; i386-lab: --discovery shared-page --cpu athlon\nbits 32\n';
    it('fill the attributes a configuration does not give; given ones win', () => {
      const r = withProgramHeader({ program: 'p.asm', cpu: 'i486' }, source);
      assert.ok(!('error' in r));
      assert.equal(r.applied, '--discovery shared-page');
      const v = validateLaunch(r.raw);
      assert.ok(v.ok);
      assert.equal(v.config.discovery, 'shared-page');
      assert.equal(v.config.cpu, 'i486');
    });
    it('a bad header stops the launch with its line', () => {
      const r = withProgramHeader({ program: 'p.asm' }, '; i386-lab: --discovery ask\n');
      assert.ok('error' in r);
      assert.match(r.error, /i386-lab: comment, line 1: --discovery: 'ask' is not one of lock-nop, shared-page/);
    });
  });

  describe('F5 without launch.json and "i386: Run program"', () => {
    const kernelText = '; i386-lab: --cpu athlon\n%include "abi.inc"\nbits 32\n';
    const active = { path: '/w/k.asm', languageId: 'i386-asm', text: kernelText };
    it('F5 leaves cpu to the header instead of the selected model', () => {
      const r = resolveDebugConfig({}, active, 'i486');
      assert.ok(r.ok);
      assert.equal(r.config.cpu, undefined);
      const none = resolveDebugConfig({}, { ...active, text: '%include "abi.inc"\n' }, 'i486');
      assert.ok(none.ok);
      assert.equal(none.config.cpu, 'i486');
    });
    it('a launch.json program is read for its header', () => {
      const r = resolveDebugConfig(
        { type: 'i386', request: 'launch', name: 'x', program: 'other.asm' },
        undefined,
        'i486',
        (p) => (p === 'other.asm' ? kernelText : undefined),
      );
      assert.ok(r.ok);
      assert.equal(r.config.cpu, undefined);
    });
    it('Run program lets run read the header (no --cpu) in kernel mode, and passes its model in bare mode', () => {
      const kernel = runPlan(
        { path: '/w/k.asm', text: kernelText },
        { ok: true, origin: 0, symbols: [] },
        'i486',
        1000,
        '/tmp/k.bin',
      );
      assert.ok(!('error' in kernel));
      assert.deepEqual(kernel.args, ['run', '/w/k.asm', '--max-instructions', '1000']);
      const bare = runPlan(
        { path: '/w/b.asm', text: '; i386-lab: --cpu athlon\nbits 32\nhlt\n' },
        { ok: true, bytes: new Uint8Array([0xf4]), origin: 0x100000, symbols: [] },
        'i486',
        1000,
        '/tmp/b.bin',
      );
      assert.ok(!('error' in bare));
      assert.deepEqual(bare.args.slice(bare.args.indexOf('--cpu'), bare.args.indexOf('--cpu') + 2), [
        '--cpu',
        'athlon',
      ]);
    });
  });

  describe('the debug adapter', function () {
    this.timeout(120_000);
    let dc: DebugClient;
    beforeEach(async () => {
      dc = new DebugClient(process.execPath, ADAPTER, 'i386');
      // Kernel launches assemble the kernel: seconds on a loaded machine (no timing is tested).
      dc.defaultTimeout = 60_000;
      await dc.start();
    });
    afterEach(async () => {
      await dc.stop();
    });

    it('runs examples/shared-page.asm as is (its header asks for discovery shared-page) and says so', async () => {
      const output: string[] = [];
      dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
      const exited = dc.waitForEvent('exited', 100_000);
      await dc.initializeRequest();
      const initialized = dc.waitForEvent('initialized');
      await dc.launchRequest({ program: SHARED_PAGE, mode: 'kernel' } as DebugProtocol.LaunchRequestArguments);
      await initialized;
      await dc.configurationDoneRequest();
      const code = ((await exited) as DebugProtocol.ExitedEvent).body.exitCode;
      assert.equal(code, 0, output.join(''));
      assert.match(
        output.join(''),
        /--discovery shared-page \(from the i386-lab: comment on line \d+ of .*shared-page\.asm\)/,
      );
      assert.match(output.join(''), /shared-page: hello through the constant address/);
    });
  });
});
