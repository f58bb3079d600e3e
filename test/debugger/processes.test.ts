// Several Linux processes under the debugger (kernel mode, a glibc program built with
// `gcc -m32 -static -O0`): the Threads view names each thread's process, and a thread of a
// process that is not running shows its own call stack, read through that process's page
// directory, not through the running process's (both stacks lie at the same addresses).
// Needs gcc-multilib.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const ROOT = path.resolve(__dirname, '../../..');
const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');
const SOURCE = path.join(ROOT, 'test', 'debugger', 'fixtures', 'linux-fork.c');

describe('debugger: processes of a Linux program', function () {
  this.timeout(600_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-dap-fork-'));
  const program = path.join(work, 'linux-fork');
  let dc: DebugClient | undefined;

  before(() => {
    const r = spawnSync('gcc', ['-m32', '-static', '-O0', '-o', program, SOURCE], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`gcc -m32 -static failed (${r.error?.message ?? r.stderr}): install gcc-multilib`);
    assert.equal(spawnSync(program).status, 7, 'the native run');
  });

  afterEach(async () => {
    await dc?.stop();
    dc = undefined;
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it("names each thread's process and walks a sleeping child's stack in the child's address space", async () => {
    dc = new DebugClient('node', ADAPTER, 'i386');
    dc.defaultTimeout = 300_000;
    await dc.start();
    await dc.initializeRequest();
    const initialized = dc.waitForEvent('initialized');
    await dc.launchRequest({ program, mode: 'kernel', seed: 7 } as DebugProtocol.LaunchRequestArguments);
    await initialized;
    const bp = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'parent_stops' }] });
    assert.ok(bp.body.breakpoints[0].verified, JSON.stringify(bp.body.breakpoints[0]));
    const stopped = dc.waitForEvent('stopped');
    await dc.configurationDoneRequest();
    await stopped;

    const threads = (await dc.threadsRequest()).body.threads;
    assert.equal(threads.length, 2, JSON.stringify(threads));
    const [parent, child] = threads;
    assert.match(parent.name, /^thread \d+ \(pid \d+/, parent.name);
    assert.match(child.name, /^thread \d+ \(pid \d+, .*(ready|sleeping)\)$/, child.name);
    assert.notEqual(parent.name.match(/pid (\d+)/)![1], child.name.match(/pid (\d+)/)![1]);

    const names = async (threadId: number): Promise<string[]> =>
      (await dc!.stackTraceRequest({ threadId })).body.stackFrames.map((f) => f.name);
    const parentStack = await names(parent.id);
    assert.match(parentStack[0], /^parent_stops/, parentStack.join(' | '));
    const childStack = await names(child.id);
    const waits = childStack.findIndex((n) => /^child_waits\b/.test(n));
    const main = childStack.findIndex((n) => /^child_main\b/.test(n));
    assert.ok(waits >= 0 && main > waits, `child_waits, then child_main: ${childStack.join(' | ')}`);
    assert.ok(!childStack.some((n) => /^parent_stops/.test(n)), childStack.join(' | '));

    const exited = dc.waitForEvent('exited');
    await dc.continueRequest({ threadId: parent.id });
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 7);
  });
});
