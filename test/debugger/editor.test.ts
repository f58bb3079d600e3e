// What VS Code sends and shows after the first F5, through the protocol against the real
// adapter process (dist/debugAdapter.js): data breakpoints set from the Breakpoints view
// (address + bytes), from a watch expression and from a memory variable; which failures are
// shown to the user; Step Out refused in the outermost frame; the call stack from EBP chains
// and return addresses checked against their CALL (leaf functions, the lock nop stop, the
// KIP stub without source, the SYSENTER entry, the trap exit after a step back); the
// exception widget's title and text; `help` in the Debug Console.
// Oracles: the programs' own semantics (which instruction touches which bytes, which CALL
// returns where) read back over other requests.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const ROOT = path.resolve(__dirname, '../../..');
const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');
const WATCH = path.join(ROOT, 'test', 'debugger', 'fixtures', 'watch.asm');
const ASK = path.join(ROOT, 'examples', 'ask-kernel.asm');
const THREADS = path.join(ROOT, 'examples', 'threads.asm');
const USER_INC = path.join(ROOT, 'examples', 'user.inc');
const KERNEL_DIR = path.join(ROOT, 'src', 'kernel');

function lineOf(file: string, pattern: RegExp): number {
  const i = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => pattern.test(l));
  assert.ok(i >= 0, `${path.basename(file)} has a line matching ${pattern}`);
  return i + 1;
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

/** The raw response (success or not), to see `showUser` on errors. */
function raw(dc: DebugClient, command: string, args: unknown): Promise<DebugProtocol.Response> {
  return new Promise((resolve) =>
    (dc as unknown as { doSend(c: string, a: unknown, cb: (r: DebugProtocol.Response) => void): void }).doSend(
      command,
      args,
      resolve,
    ),
  );
}

async function evaluate(dc: DebugClient, expression: string): Promise<number> {
  return Number((await dc.evaluateRequest({ expression, context: 'repl' })).body.result.split(' ')[0]);
}

async function stoppedThread(dc: DebugClient): Promise<number> {
  return (await dc.threadsRequest()).body.threads.find((t) => !/, (ready|sleeping)\)/.test(t.name))!.id;
}

async function frames(dc: DebugClient): Promise<DebugProtocol.StackFrame[]> {
  return (await dc.stackTraceRequest({ threadId: await stoppedThread(dc) })).body.stackFrames;
}

async function step(
  dc: DebugClient,
  kind: 'in' | 'over' | 'out' | 'back',
  granularity: 'instruction' | 'line' = 'instruction',
): Promise<DebugProtocol.StoppedEvent> {
  const threadId = await stoppedThread(dc);
  const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  if (kind === 'in') await dc.stepInRequest({ threadId, granularity });
  else if (kind === 'over') await dc.nextRequest({ threadId, granularity });
  else if (kind === 'out') await dc.stepOutRequest({ threadId });
  else await dc.stepBackRequest({ threadId, granularity });
  return stopped;
}

async function resume(dc: DebugClient): Promise<DebugProtocol.StoppedEvent> {
  const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  await dc.continueRequest({ threadId: await stoppedThread(dc) });
  return stopped;
}

async function launch(
  dc: DebugClient,
  args: Record<string, unknown>,
  setup: (dc: DebugClient) => Promise<unknown> = async () => {},
): Promise<void> {
  await dc.initializeRequest();
  const initialized = dc.waitForEvent('initialized');
  await dc.launchRequest(args as DebugProtocol.LaunchRequestArguments);
  await initialized;
  await setup(dc);
  await dc.configurationDoneRequest();
}

describe('debug adapter: what VS Code shows after F5', function () {
  this.timeout(60000);
  let dc: DebugClient;

  beforeEach(async () => {
    dc = new DebugClient('node', ADAPTER, 'i386');
    dc.defaultTimeout = 30000;
    await dc.start();
  });

  afterEach(async () => {
    await dc.stop();
  });

  async function bareAtEntry(): Promise<void> {
    const stopped = dc.waitForEvent('stopped');
    await launch(dc, { program: WATCH, mode: 'bare', stopOnEntry: true });
    await stopped;
  }

  it('declares supportsDataBreakpointBytes', async () => {
    const caps = (await dc.initializeRequest()).body!;
    assert.strictEqual(caps.supportsDataBreakpoints, true);
    assert.strictEqual(caps.supportsDataBreakpointBytes, true);
  });

  it('data breakpoint at an address from the Breakpoints view (asAddress, bytes 1/2/4): write, read and access stop after the instruction that touched those bytes', async () => {
    await bareAtEntry();
    const counter = await evaluate(dc, 'counter');
    const after = async (pattern: RegExp): Promise<number> => {
      const listing = (
        await dc.disassembleRequest({ memoryReference: hex(await evaluate(dc, 'start')), instructionCount: 12 })
      ).body!.instructions;
      const i = listing.findIndex((x) => pattern.test(x.instruction));
      assert.ok(i >= 0, listing.map((x) => x.instruction).join('; '));
      return Number(listing[i + 1].address);
    };
    // Write, 1 byte at counter+1: the INC of that byte (the ADD of the word above does not touch it).
    const one = (
      await dc.dataBreakpointInfoRequest({
        name: hex(counter + 1),
        asAddress: true,
        bytes: 1,
      } as DebugProtocol.DataBreakpointInfoArguments)
    ).body;
    assert.strictEqual(one.dataId, `${hex(counter + 1)}:1`);
    assert.deepStrictEqual(one.accessTypes, ['read', 'write', 'readWrite']);
    const set = await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: one.dataId!, accessType: 'write' }] });
    assert.strictEqual(set.body.breakpoints[0].verified, true);
    let hit = await resume(dc);
    assert.strictEqual(hit.body.reason, 'data breakpoint');
    assert.strictEqual(await evaluate(dc, 'eip'), await after(/^inc byte/));
    assert.strictEqual(await evaluate(dc, 'byte [counter + 1]'), 1);
    // Read, 2 bytes at counter+2, written as an expression: the ADD reads them (read-modify-write).
    const two = (
      await dc.dataBreakpointInfoRequest({
        name: 'counter + 2',
        asAddress: true,
        bytes: 2,
      } as DebugProtocol.DataBreakpointInfoArguments)
    ).body;
    assert.strictEqual(two.dataId, `${hex(counter + 2)}:2`);
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: two.dataId!, accessType: 'read' }] });
    hit = await resume(dc);
    assert.strictEqual(await evaluate(dc, 'eip'), await after(/^add word/));
    assert.strictEqual(await evaluate(dc, 'word [counter + 2]'), 5);
    // Access (readWrite), 4 bytes: the next touch is the MOV that reads the dword.
    const four = (
      await dc.dataBreakpointInfoRequest({
        name: hex(counter),
        asAddress: true,
        bytes: 4,
      } as DebugProtocol.DataBreakpointInfoArguments)
    ).body;
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: four.dataId!, accessType: 'readWrite' }] });
    hit = await resume(dc);
    assert.strictEqual(hit.body.reason, 'data breakpoint');
    assert.strictEqual(await evaluate(dc, 'eip'), await after(/^mov eax, \[/));
    assert.strictEqual(await evaluate(dc, 'eax'), 0x00050100, 'EAX holds the dword read: byte 1 = 1, word 2 = 5');
    // Bytes must be a sensible count.
    const bad = (
      await dc.dataBreakpointInfoRequest({
        name: hex(counter),
        asAddress: true,
        bytes: 0,
      } as DebugProtocol.DataBreakpointInfoArguments)
    ).body;
    assert.strictEqual(bad.dataId, null);
    assert.match(bad.description, /1 to 4096 bytes/);
  });

  it('data breakpoint on a watch expression (word [counter + 2]) watches its 2 bytes; a register variable cannot be watched', async () => {
    await bareAtEntry();
    const counter = await evaluate(dc, 'counter');
    const st = await frames(dc);
    const info = (await dc.dataBreakpointInfoRequest({ name: 'word [counter + 2]', frameId: st[0].id })).body;
    assert.strictEqual(info.dataId, `${hex(counter + 2)}:2`);
    assert.match(info.description, /^word \[0x[0-9a-f]{8}\] \(word \[counter \+ 2\]\)$/);
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.dataId!, accessType: 'write' }] });
    const hit = await resume(dc);
    assert.match(hit.body.description ?? '', /write of 2 bytes/);
    assert.strictEqual(await evaluate(dc, 'word [counter + 2]'), 5);
    const scopes = (await dc.scopesRequest({ frameId: (await frames(dc))[0].id })).body.scopes;
    const general = scopes.find((s) => s.name === 'General registers')!;
    const reg = (await dc.dataBreakpointInfoRequest({ name: 'eax', variablesReference: general.variablesReference }))
      .body;
    assert.strictEqual(reg.dataId, null);
    assert.match(reg.description, /register, not memory/);
  });

  it("a memory variable (a register saved in a thread's trap frame) is watched where it is stored", async () => {
    const stopped = dc.waitForEvent('stopped');
    await launch(dc, { program: THREADS }, async (c) => {
      await c.setExceptionBreakpointsRequest({ filters: [] });
      await c.setBreakpointsRequest({
        source: { path: THREADS },
        breakpoints: [{ line: lineOf(THREADS, /^\s+inc byte \[esp \+ 7\]/) }],
      });
    });
    await stopped;
    // Thread 3 is ready: its registers are in its saved trap frame.
    const st = (await dc.stackTraceRequest({ threadId: 3 })).body.stackFrames;
    const scope = (await dc.scopesRequest({ frameId: st[0].id })).body.scopes.find((s) =>
      /^Saved registers/.test(s.name),
    )!;
    const vars = (await dc.variablesRequest({ variablesReference: scope.variablesReference })).body.variables;
    const eax = vars.find((v) => v.name === 'eax')!;
    const info = (await dc.dataBreakpointInfoRequest({ name: 'eax', variablesReference: scope.variablesReference }))
      .body;
    assert.strictEqual(info.dataId, `${eax.memoryReference}:4`, 'the dword where the frame keeps EAX');
    assert.deepStrictEqual(info.accessTypes, ['read', 'write', 'readWrite']);
    // The kernel reads that slot when it switches to thread 3 (the POPAD of the trap exit).
    await dc.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [] });
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.dataId!, accessType: 'read' }] });
    const hit = await resume(dc);
    assert.strictEqual(hit.body.reason, 'data breakpoint');
    assert.strictEqual(await evaluate(dc, 'cpl'), 0, 'read by the kernel');
    assert.strictEqual(path.dirname((await frames(dc))[0].source?.path ?? ''), KERNEL_DIR);
  });

  it('errors are quiet for requests VS Code makes by itself (a watch) and shown for actions the user took', async () => {
    await bareAtEntry();
    const watch = await raw(dc, 'evaluate', { expression: '[[', context: 'watch' });
    assert.strictEqual(watch.success, false);
    assert.notStrictEqual(
      (watch.body as { error?: { showUser?: boolean } })?.error?.showUser,
      true,
      'a bad watch expression does not pop up at every stop',
    );
    const hover = await raw(dc, 'evaluate', { expression: 'nosuchlabel', context: 'hover' });
    assert.notStrictEqual((hover.body as { error?: { showUser?: boolean } })?.error?.showUser, true);
    const scopes = (await dc.scopesRequest({ frameId: (await frames(dc))[0].id })).body.scopes;
    const general = scopes.find((s) => s.name === 'General registers')!;
    const edit = await raw(dc, 'setVariable', {
      variablesReference: general.variablesReference,
      name: 'eax',
      value: '[[',
    });
    assert.strictEqual(edit.success, false);
    assert.strictEqual(
      (edit.body as { error?: { showUser?: boolean } }).error?.showUser,
      true,
      "a failed edit is the user's action",
    );
  });

  it('Step Out in the outermost frame is refused with a message and the program stays where it is', async () => {
    await bareAtEntry();
    let terminated = false;
    dc.on('terminated', () => (terminated = true));
    const eip = await evaluate(dc, 'eip');
    const r = await raw(dc, 'stepOut', { threadId: 1 });
    assert.strictEqual(r.success, false);
    assert.match(r.message ?? '', /outermost frame/);
    assert.strictEqual((r.body as { error?: { showUser?: boolean } }).error?.showUser, true);
    assert.strictEqual(await evaluate(dc, 'eip'), eip);
    assert.strictEqual(terminated, false);
  });

  it('a leaf function without a frame pointer: the caller from the stack, checked against its CALL; Step Out returns there', async () => {
    await bareAtEntry();
    await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'leaf' }] });
    await resume(dc);
    await step(dc, 'in'); // push ebx: the return address is now at [esp + 4]
    const st = await frames(dc);
    assert.deepStrictEqual(
      st.map((f) => f.name),
      ['leaf+0x1', `again+0x${((await evaluate(dc, 'leaf')) - (await evaluate(dc, 'again')) - 1).toString(16)}`],
    );
    assert.strictEqual(st[1].line, lineOf(WATCH, /^\s+call leaf/), 'the caller frame shows its CALL line');
    await step(dc, 'out');
    assert.strictEqual((await frames(dc)).length, 1);
    assert.strictEqual(await evaluate(dc, 'eip'), Number(st[1].instructionPointerReference));
  });

  it('a scope reference and a frame id from the previous stop still answer after a step (VS Code refreshes expanded scopes), with the new values', async () => {
    await bareAtEntry();
    const scopes = (await dc.scopesRequest({ frameId: (await frames(dc))[0].id })).body.scopes;
    const general = scopes.find((s) => s.name === 'General registers')!;
    const oldFrame = (await frames(dc))[0].id;
    await step(dc, 'in');
    const vars = (await dc.variablesRequest({ variablesReference: general.variablesReference })).body.variables;
    assert.strictEqual(Number(vars.find((v) => v.name === 'ecx')!.value), 3, 'the value after mov ecx, 3');
    // The previous stop's frame still answers scopes; ids of the new stop are new ones.
    assert.ok((await dc.scopesRequest({ frameId: oldFrame })).body.scopes.length > 0);
    assert.notStrictEqual((await frames(dc))[0].id, oldFrame);
  });

  it('help in the Debug Console lists the commands and the expression syntax', async () => {
    await bareAtEntry();
    const text = (await dc.evaluateRequest({ expression: 'help', context: 'repl' })).body.result;
    for (const c of [
      'x/NFU ADDR',
      'info registers',
      'info gdt',
      'info idt',
      'info tlb',
      'info kip',
      'info breakpoints',
      'byte|word|dword [expr]',
    ])
      assert.ok(text.includes(c), `help mentions ${c}`);
  });

  it('under the kernel: the lock nop stop has its caller, a human exception title and the location once; KIP stub frames have no source; step back onto IRETD keeps the boundary', async () => {
    const stopped = dc.waitForEvent('stopped');
    await launch(dc, { program: ASK, cpu: 'pentium-ii' }, (c) =>
      c.setExceptionBreakpointsRequest({ filters: ['lock-nop'] }),
    );
    await stopped;
    const lockNop = await evaluate(dc, 'eip');
    let st = await frames(dc);
    assert.strictEqual(st[0].source?.path, USER_INC);
    assert.strictEqual(st[1]?.name.replace(/\+.*/, ''), 'main', st.map((f) => f.name).join(' | '));
    assert.strictEqual(st[1].source?.path, ASK);
    assert.strictEqual(st[1].line, lineOf(ASK, /^\s+call ask_kernel/));
    const info = (await dc.exceptionInfoRequest({ threadId: await stoppedThread(dc) })).body;
    assert.strictEqual(info.exceptionId, 'Invalid opcode (#UD): lock nop');
    assert.ok(!(info.description ?? '').includes(hex(lockNop)), 'the location is not repeated in the description');
    assert.match(info.details?.stackTrace ?? '', new RegExp(`^at ${hex(lockNop)} <ask_kernel\\+0x2>`));
    // Into the handler and out: back in user mode after the two bytes; one step back is the
    // kernel's IRETD, still inside the #UD entry.
    await step(dc, 'in');
    await step(dc, 'out');
    assert.strictEqual(await evaluate(dc, 'eip'), lockNop + 2);
    await step(dc, 'back');
    assert.strictEqual(await evaluate(dc, 'cpl'), 0);
    const listing = (
      await dc.disassembleRequest({ memoryReference: hex(await evaluate(dc, 'eip')), instructionCount: 1 })
    ).body!.instructions;
    assert.match(listing[0].instruction, /^iret/);
    st = await frames(dc);
    const boundary = st.find((f) => f.presentationHint === 'label');
    assert.strictEqual(
      boundary?.name,
      `#UD from user at ${hex(lockNop + 2)}`.replace(
        hex(lockNop + 2),
        hex(Number(boundary?.instructionPointerReference)),
      ),
      st.map((f) => f.name).join(' | '),
    );
    assert.ok(!st.some((f) => /INT -1/.test(f.name)), st.map((f) => f.name).join(' | '));
    // Step in to the system-call stub the KIP advertises: no source, no hint, an instruction pointer.
    const call = lineOf(ASK, /^\s+call \[syscall_entry\]/);
    await dc.setBreakpointsRequest({ source: { path: ASK }, breakpoints: [{ line: call }] });
    await dc.setExceptionBreakpointsRequest({ filters: [] });
    await resume(dc);
    const into = await step(dc, 'in', 'line');
    assert.strictEqual(
      into.body.reason,
      'instruction breakpoint',
      'an instruction-level stop: VS Code opens the Disassembly view',
    );
    assert.match(into.body.description ?? '', /kip_stub/);
    st = await frames(dc);
    assert.match(st[0].name, /^kip_stub(\+0x[0-9a-f]+)?$/);
    assert.strictEqual(st[0].source, undefined, 'no source: VS Code shows the Disassembly view');
    assert.strictEqual(st[0].presentationHint, undefined);
    assert.strictEqual(Number(st[0].instructionPointerReference), await evaluate(dc, 'eip'));
    assert.strictEqual(st[1].line, call, 'the caller frame is the CALL');
  });

  it('examples/linux-hello.asm under F5: built into an ELF executable, run by the Linux personality, breakpoints in its source', async () => {
    const LINUX = path.join(ROOT, 'examples', 'linux-hello.asm');
    const output: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    const line = lineOf(LINUX, /^\s+mov eax, SYS_brk$/);
    const stopped = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
    await launch(dc, { program: LINUX, mode: 'kernel' }, (c) =>
      c.setBreakpointsRequest({ source: { path: LINUX }, breakpoints: [{ line }] }),
    );
    assert.strictEqual((await stopped).body.reason, 'breakpoint');
    const st = await frames(dc);
    assert.strictEqual(st[0].source?.path, LINUX);
    assert.strictEqual(st[0].line, line);
    assert.strictEqual(
      st[0].name,
      `_start+0x${((await evaluate(dc, 'eip')) - (await evaluate(dc, '_start'))).toString(16)}`,
    );
    assert.ok((await evaluate(dc, '_start')) >= 0x08048000, 'linked at the ELF addresses');
    assert.match(output.join(''), /Hello from a static Linux i386 program/, 'the first write ran');
    const exited = dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    await dc.setBreakpointsRequest({ source: { path: LINUX }, breakpoints: [] });
    await dc.continueRequest({ threadId: await stoppedThread(dc) });
    assert.strictEqual((await exited).body.exitCode, 7);
    assert.match(output.join(''), /\.bss: 16 KiB of zeros, then this line/);
  });

  it('under the kernel: at sysenter_entry the user frames continue below the boundary; macro-local labels never name a frame', async () => {
    const stopped = dc.waitForEvent('stopped');
    await launch(dc, { program: ASK, cpu: 'pentium-ii', mechanism: 'sysenter' }, async (c) => {
      await c.setExceptionBreakpointsRequest({ filters: [] });
      await c.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'sysenter_entry' }] });
    });
    await stopped;
    const st = await frames(dc);
    const names = st.map((f) => f.name).join(' | ');
    assert.strictEqual(st[0].name, 'sysenter_entry', names);
    const b = st.findIndex((f) => f.presentationHint === 'label');
    assert.match(st[b].name, /^sysenter from user, returns to 0x[0-9a-f]{8}$/);
    const user = st.slice(b + 1);
    assert.match(user[0]?.name ?? '', /^kip_stub\+0x[0-9a-f]+$/, names);
    assert.ok(
      user.some((f) => f.source?.path === ASK || f.source?.path === USER_INC),
      `a user frame with source below the boundary: ${names}`,
    );
    assert.ok(!st.some((f) => f.name.includes('..@')), names);
    const listing = (
      await dc.disassembleRequest({ memoryReference: hex(await evaluate(dc, 'main')), instructionCount: 40 })
    ).body!.instructions;
    assert.ok(
      !listing.some((i) => (i.symbol ?? '').includes('..@')),
      "the print macro's %%labels do not name addresses",
    );
  });
});
