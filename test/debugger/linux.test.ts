// A Linux program built with `gcc -m32 -static -O2` (glibc) under the debugger in kernel mode,
// driven through the protocol (DebugClient against dist/debugAdapter.js): argv exactly as
// given, the environment (env, clearEnv), standard input from a file, a mapped folder, fd 1
// and fd 2 as output events of category stdout and stderr, all compared with the same binary
// run natively on this machine; a function breakpoint on the vDSO's __kernel_vsyscall with
// glibc's write and main on the stack; reverse execution across host reads replaying what the
// host gave instead of asking again, output shown once. Needs gcc-multilib.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { validateLaunch } from '../../src/debugger/launchConfig';
import { programEnvironment } from '../../src/debugger/programLoad';

const ROOT = path.resolve(__dirname, '../../..');
const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');
const SOURCE = path.join(ROOT, 'test', 'debugger', 'fixtures', 'linux-io.c');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-dap-linux-'));
const PROGRAM = path.join(work, 'linux-io');
const FOLDER = path.join(work, 'folder');
const STDIN = path.join(work, 'stdin.txt');
const ARGS = ['a b', '', 'c', '  spaced  '];
const INPUT = 'line one from stdin\n';

function build(): void {
  const r = spawnSync('gcc', ['-m32', '-static', '-O2', '-o', PROGRAM, SOURCE], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `gcc -m32 -static -O2 failed (${r.error?.message ?? r.stderr.trim().split('\n').pop()}): install gcc-multilib`,
    );
  fs.mkdirSync(FOLDER, { recursive: true });
  fs.writeFileSync(path.join(FOLDER, 'data.txt'), 'contents of data.txt\n');
  fs.writeFileSync(STDIN, INPUT);
}

/** The same binary natively: argv[0] the path, the environment only FOO, cwd the mapped folder. */
function native(): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(PROGRAM, ARGS, { cwd: FOLDER, env: { FOO: 'bar' }, input: INPUT, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const LAUNCH = {
  program: PROGRAM,
  mode: 'kernel',
  args: ARGS,
  env: { FOO: 'bar' },
  clearEnv: true,
  stdin: STDIN,
  fs: FOLDER,
  seed: 0x1234,
};

interface Session {
  dc: DebugClient;
  output: { category: string; text: string }[];
}

async function start(
  args: Record<string, unknown>,
  setup: (dc: DebugClient) => Promise<void> = async () => {},
): Promise<Session> {
  const dc = new DebugClient('node', ADAPTER, 'i386');
  // Booting assembles the kernel, and the program runs to its end: many seconds on a busy machine.
  dc.defaultTimeout = 300_000;
  await dc.start();
  const output: Session['output'] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) =>
    output.push({ category: e.body.category ?? 'console', text: e.body.output }),
  );
  await dc.initializeRequest();
  const initialized = dc.waitForEvent('initialized');
  await dc.launchRequest(args as DebugProtocol.LaunchRequestArguments);
  await initialized;
  await setup(dc);
  await dc.configurationDoneRequest();
  return { dc, output };
}

const text = (s: Session, category: string): string =>
  s.output
    .filter((o) => o.category === category)
    .map((o) => o.text)
    .join('');

async function stackNames(dc: DebugClient): Promise<string[]> {
  const threadId = (await dc.threadsRequest()).body.threads[0].id;
  const st = await dc.stackTraceRequest({ threadId });
  return st.body.stackFrames.map((f) => f.name);
}

describe('debugger: a glibc program in kernel mode', function () {
  this.timeout(600_000);
  let expected: ReturnType<typeof native>;
  const sessions: DebugClient[] = [];

  before(() => {
    build();
    expected = native();
    assert.equal(expected.status, 7, `the native run: ${expected.stderr}`);
  });

  afterEach(async () => {
    for (const dc of sessions.splice(0)) await dc.stop();
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('runs with argv, env, stdin and the mapped folder as natively: stdout and stderr apart, exit status', async () => {
    const s = await start(LAUNCH);
    sessions.push(s.dc);
    // Both are sent together: each wait is in place before either arrives.
    const [exited] = (await Promise.all([s.dc.waitForEvent('exited'), s.dc.waitForEvent('terminated')])) as [
      DebugProtocol.ExitedEvent,
      DebugProtocol.Event,
    ];
    assert.equal(text(s, 'stdout'), expected.stdout);
    assert.equal(text(s, 'stderr'), expected.stderr);
    assert.equal(exited.body.exitCode, expected.status);
    assert.match(text(s, 'console'), /\[kernel\] /, 'the kernel log is on the console');
    assert.doesNotMatch(text(s, 'stdout'), /\[kernel\]/);
  });

  it('stops at __kernel_vsyscall (vDSO) with write and main from the ELF symbols on the stack', async () => {
    const s = await start(LAUNCH, async (dc) => {
      // The first write(2) (eax = 4, i386 __NR_write) is main's echo of stdin.
      const r = await dc.setFunctionBreakpointsRequest({
        breakpoints: [{ name: '__kernel_vsyscall', condition: 'eax == 4' }],
      });
      assert.ok(r.body.breakpoints[0].verified, JSON.stringify(r.body.breakpoints[0]));
    });
    sessions.push(s.dc);
    const stop = (await s.dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
    assert.equal(stop.body.reason, 'function breakpoint', stop.body.description);
    const names = await stackNames(s.dc);
    assert.match(names[0], /^__kernel_vsyscall/, names.join(' | '));
    const caller = names.findIndex((n) => /^(__libc_write|__GI___libc_write|write|__write)\b/.test(n));
    const main = names.findIndex((n) => /^main\b/.test(n));
    assert.ok(caller > 0, `a libc write frame below the vDSO: ${names.join(' | ')}`);
    assert.ok(main > caller, `main below the libc caller: ${names.join(' | ')}`);
  });

  it('steps back across the host reads and runs again: the replayed input and output are exact, shown once', async () => {
    const s = await start({ ...LAUNCH, stopOnEntry: true });
    sessions.push(s.dc);
    await s.dc.waitForEvent('stopped');
    await s.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'main' }] });
    let stopped = s.dc.waitForEvent('stopped');
    await s.dc.continueRequest({ threadId: 1 });
    await stopped;
    // Past the read of stdin and the read of data.txt: at the stderr line's write (fd 2).
    await s.dc.setFunctionBreakpointsRequest({
      breakpoints: [{ name: '__kernel_vsyscall', condition: 'eax == 4 && ebx == 2' }],
    });
    stopped = s.dc.waitForEvent('stopped');
    await s.dc.continueRequest({ threadId: 1 });
    await stopped;
    const before = text(s, 'stdout');
    assert.ok(before.startsWith(INPUT), `the echo of stdin came first: ${JSON.stringify(before)}`);
    // Back to main (before every host read), then forward to the end.
    await s.dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'main' }] });
    stopped = s.dc.waitForEvent('stopped');
    await s.dc.customRequest('reverseContinue', { threadId: 1 });
    const back = (await stopped) as DebugProtocol.StoppedEvent;
    assert.match(back.body.description ?? '', /reverse: breakpoint/);
    await s.dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    stopped = s.dc.waitForEvent('stopped');
    await s.dc.stepInRequest({ threadId: 1, granularity: 'instruction' });
    await stopped;
    const exited = s.dc.waitForEvent('exited');
    await s.dc.continueRequest({ threadId: 1 });
    await exited;
    assert.equal(text(s, 'stdout'), expected.stdout);
    assert.equal(text(s, 'stderr'), expected.stderr);
  });

  it('launch attributes of the host connection: one clear message each', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ env: ['FOO=bar'] }, /launch attribute 'env' is \["FOO=bar"\]; allowed values: an object/],
      [{ env: { 'A=B': 'x' } }, /launch attribute 'env'.*without '='/],
      [{ env: { FOO: 1 } }, /launch attribute 'env'/],
      [{ clearEnv: 'yes' }, /launch attribute 'clearEnv' is "yes"; allowed values: true, false/],
      [{ stdin: 3 }, /launch attribute 'stdin' is 3; allowed values: a path/],
      [{ fs: '' }, /launch attribute 'fs' is ""; allowed values: a path/],
      [{ fs: '/a', fsRw: '/b' }, /launch attributes 'fs' and 'fsRw' exclude each other/],
      [{ args: 'a b' }, /launch attribute 'args' is "a b"; allowed values: an array of strings/],
    ];
    for (const [attrs, message] of bad) {
      const v = validateLaunch({ program: PROGRAM, ...attrs });
      assert.ok(!v.ok, JSON.stringify(attrs));
      assert.match(v.message, message);
      assert.equal(v.message.split('\n').length, 1, v.message);
    }
    const ok = validateLaunch(LAUNCH);
    assert.ok(ok.ok);
    assert.deepEqual(ok.config.fs, { dir: FOLDER, writable: false });
    const rw = validateLaunch({ program: PROGRAM, fsRw: FOLDER });
    assert.ok(rw.ok);
    assert.deepEqual(rw.config.fs, { dir: FOLDER, writable: true });
  });

  it('env over the host environment, clearEnv without it (the CLI --env/--clear-env rules)', () => {
    const host = { HOME: '/h', FOO: 'old' };
    assert.deepEqual(programEnvironment({ env: { FOO: 'new', X: '' }, clearEnv: false }, host), [
      'HOME=/h',
      'FOO=new',
      'X=',
    ]);
    assert.deepEqual(programEnvironment({ env: { FOO: 'new' }, clearEnv: true }, host), ['FOO=new']);
  });

  it('a stdin file or folder that cannot be used fails the launch with its attribute named', async () => {
    for (const [attrs, message] of [
      [{ stdin: path.join(work, 'missing.txt') }, /launch attribute 'stdin': cannot read .*missing\.txt: ENOENT/],
      [{ fs: path.join(work, 'nowhere') }, /launch attribute 'fs': cannot use .*nowhere.*ENOENT/],
    ] as const) {
      const dc = new DebugClient('node', ADAPTER, 'i386');
      // Booting assembles the kernel, and the program runs to its end: many seconds on a busy machine.
      dc.defaultTimeout = 300_000;
      await dc.start();
      sessions.push(dc);
      await dc.initializeRequest();
      await assert.rejects(
        dc.launchRequest({ ...LAUNCH, ...attrs } as DebugProtocol.LaunchRequestArguments),
        (e: Error) => message.test(e.message),
      );
    }
  });
});
