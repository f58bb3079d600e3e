// The debug adapter under the guest kernel (launch mode "kernel"), driven through the protocol
// by @vscode/debugadapter-testsupport's DebugClient against the real adapter process
// (dist/debugAdapter.js): the syscall trace, kernel threads, the stack across the trap
// boundary, the system-call entry filter for every mechanism, stepping through the entries,
// reverse steps across a timer interrupt, memory across an unmapped page, exceptionInfo.
// Oracles: the CLI's own run (`run --trace syscalls`, which single-steps every instruction),
// the programs' semantics, the CPU's MSRs and descriptor tables read back over DAP, and a
// forward run compared with the replayed one.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { API, MULTIBOOT } from '../../src/kernel/abi';

const ROOT = path.resolve(__dirname, '../../..');
const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const KERNEL_DIR = path.join(ROOT, 'src', 'kernel');
const THREADS = path.join(ROOT, 'examples', 'threads.asm');
const ASK = path.join(ROOT, 'examples', 'ask-kernel.asm');
const FAULTS = path.join(ROOT, 'examples', 'faults.asm');
const USER_INC = path.join(ROOT, 'examples', 'user.inc');

/** Lines of a source file whose text matches `pattern` (1-based), to find breakpoint lines. */
function lineOf(file: string, pattern: RegExp, nth = 0): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const hits = lines.map((l, i) => (pattern.test(l) ? i + 1 : 0)).filter((n) => n > 0);
  assert.ok(hits.length > nth, `${path.basename(file)} has a line matching ${pattern}`);
  return hits[nth];
}

interface Launched {
  output: { category: string; text: string }[];
}

/**
 * initialize, launch, then (between `initialized` and configurationDone) the exception
 * filters and breakpoints of `setup`, as VS Code sends them.
 */
async function launch(
  dc: DebugClient,
  args: Record<string, unknown>,
  setup: (dc: DebugClient) => Promise<void> = async () => {},
): Promise<Launched> {
  const output: Launched['output'] = [];
  dc.on('output', (e: DebugProtocol.OutputEvent) =>
    output.push({ category: e.body.category ?? 'console', text: e.body.output }),
  );
  await dc.initializeRequest();
  const initialized = dc.waitForEvent('initialized');
  await dc.launchRequest(args as DebugProtocol.LaunchRequestArguments);
  await initialized;
  await setup(dc);
  await dc.configurationDoneRequest();
  return { output };
}

async function stoppedThread(dc: DebugClient): Promise<number> {
  return (await dc.threadsRequest()).body.threads.find((t) => !/, (ready|sleeping)\)/.test(t.name))!.id;
}

async function scopeVars(
  dc: DebugClient,
  scopeName: RegExp,
  frame = 0,
  threadId?: number,
): Promise<Map<string, string>> {
  const st = await dc.stackTraceRequest({ threadId: threadId ?? (await stoppedThread(dc)) });
  const scopes = await dc.scopesRequest({ frameId: st.body.stackFrames[frame].id });
  const scope = scopes.body.scopes.find((s) => scopeName.test(s.name));
  assert.ok(scope, `a scope ${scopeName} (have ${scopes.body.scopes.map((s) => s.name).join(', ')})`);
  const vars = await dc.variablesRequest({ variablesReference: scope.variablesReference });
  return new Map(vars.body.variables.map((v) => [v.name, v.value]));
}

/** Every register and the instruction count: the state a reverse step must land on exactly. */
async function fullState(dc: DebugClient): Promise<string> {
  const parts = [
    await scopeVars(dc, /^General registers$/),
    await scopeVars(dc, /^EFLAGS$/),
    await scopeVars(dc, /^Segment registers$/),
    await scopeVars(dc, /^Control/),
  ];
  return parts.map((m) => [...m].map(([k, v]) => `${k}=${v}`).join(' ')).join('\n');
}

async function evaluate(dc: DebugClient, expression: string): Promise<number> {
  const r = await dc.evaluateRequest({ expression, context: 'repl' });
  return Number(r.body.result.split(' ')[0]);
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

const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

describe('debug adapter under the kernel (DAP over stdio)', function () {
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

  for (const mechanism of ['auto', 'int', 'callgate']) {
    it(`trace "syscalls" (${mechanism}): one line per call, the same calls the CLI's single-stepping trace sees`, async () => {
      // The same boot seed: the same KIP address.
      const seed = 0x5eed0000 + mechanism.length;
      const { output } = await launch(dc, { program: THREADS, trace: ['syscalls'], mechanism, seed }, (c) =>
        c.setExceptionBreakpointsRequest({ filters: [] }).then(() => undefined),
      );
      await dc.waitForEvent('terminated');
      const text = output.map((o) => o.text).join('');
      const traced = text.split('\n').filter((l) => l.startsWith('[thread '));
      // The debugger's default RAM (launch memoryMB 16): the kernel maps all of RAM at boot, so
      // the two boots run the same instructions only with the same RAM.
      const cli = spawnSync(
        'node',
        [
          CLI,
          'run',
          THREADS,
          '--trace',
          'syscalls',
          '--mechanism',
          mechanism,
          '--seed',
          String(seed),
          '--memory',
          '16',
        ],
        { encoding: 'utf8' },
      );
      const cliLines = cli.stderr
        .split('\n')
        .filter((l) => l.startsWith('[syscall] '))
        .map((l) => l.replace(/^\[syscall\] thread (\d+) /, '[thread $1] '));
      assert.ok(traced.length > 10, traced.join('\n'));
      // The CLI's program writes through the host I/O device and the debugger's through the
      // console port: the kernel's write path differs in length, so the timer may preempt at
      // other points and the threads interleave differently. Each thread makes the same calls
      // with the same results, in the same order.
      const byThread = (lines: string[]): Map<string, string[]> => {
        const m = new Map<string, string[]>();
        for (const l of lines) {
          const id = /^\[thread (\d+)\]/.exec(l)![1];
          m.set(id, [...(m.get(id) ?? []), l]);
        }
        return m;
      };
      assert.deepStrictEqual(byThread(traced), byThread(cliLines));
      const advertised = /advertised (\w+)/.exec(text)?.[1];
      assert.ok(advertised, 'the kernel reports the advertised mechanism');
      assert.ok(
        traced.every((l) => l.startsWith(`[thread `) && l.includes(`] ${advertised} `)),
        `every call through ${advertised}`,
      );
      // write(buffer, length) returns the length: the program's output lines come out whole.
      const writes = traced.filter((l) => / write\(/.test(l));
      for (const w of writes) assert.match(w, /write\(0x[0-9a-f]{8}, (\d+)\) = \1$/, w);
      assert.strictEqual(writes.length, text.split('\n').filter((l) => /^(threads:|[AB] line)/.test(l)).length);
      assert.deepStrictEqual(
        [...new Set(traced.map((l) => Number(/^\[thread (\d+)\]/.exec(l)![1])))].sort(),
        [1, 2, 3],
      );
    });
  }

  it('threads: one per kernel thread, named by entry; the one not running shows its saved frame, and editing it changes what it does', async () => {
    const afterWrite = lineOf(THREADS, /^\s+inc byte \[esp \+ 7\]/);
    const events: DebugProtocol.ThreadEvent[] = [];
    dc.on('thread', (e: DebugProtocol.ThreadEvent) => events.push(e));
    const { output } = await launch(dc, { program: THREADS }, async (c) => {
      await c.setExceptionBreakpointsRequest({ filters: [] });
      await c.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [{ line: afterWrite }] });
    });
    const first = (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepStrictEqual(
      threads.map((t) => t.id),
      [2, 3],
      'the main thread (1) has ended; workers 2 and 3 live',
    );
    assert.strictEqual(first.body.threadId, 2);
    assert.strictEqual(threads[0].name, 'thread 2 (worker)');
    assert.strictEqual(threads[1].name, 'thread 3 (worker, ready)');
    assert.deepStrictEqual(events.map((e) => `${e.body.reason} ${e.body.threadId}`).sort(), [
      'exited 1',
      'started 2',
      'started 3',
    ]);
    // Thread 3 has not run yet: its saved frame is the one thread_create built.
    const saved3 = await scopeVars(dc, /^Saved registers \(thread 3, ready\)$/, 0, 3);
    assert.strictEqual(Number(saved3.get('eip')), await evaluate(dc, 'worker'), 'starts at worker');
    assert.strictEqual(saved3.get('eax'), hex(0x42), "its argument 'B' in EAX");
    assert.strictEqual((await dc.stackTraceRequest({ threadId: 3 })).body.stackFrames[0].name, 'worker');
    // Thread 2 runs: it is in the CPU, at the breakpoint, with the loop counter in EDI.
    assert.strictEqual((await scopeVars(dc, /^General registers$/, 0, 2)).get('edi'), hex(5));
    // Next stop: thread 3 at the breakpoint; thread 2 waits in its yield with EDI still 5.
    const second = await resume(dc);
    assert.strictEqual(second.body.threadId, 3);
    const saved2 = await scopeVars(dc, /^Saved registers \(thread 2, ready\)$/, 0, 2);
    assert.strictEqual(saved2.get('edi'), hex(5));
    // It waits inside the kernel's stub, called from the worker's yield.
    const waiting = (await dc.stackTraceRequest({ threadId: 2 })).body.stackFrames;
    assert.match(waiting[0].name, /^kip_stub\+0x[0-9a-f]+$/);
    assert.strictEqual(Number(waiting[0].instructionPointerReference), Number(saved2.get('eip')));
    assert.strictEqual(waiting[1].source?.path, THREADS);
    assert.strictEqual(waiting[1].line, lineOf(THREADS, /^\s+dec edi$/) - 1, 'the caller frame shows the yield call');
    // Make thread 2's loop end after this round: EDI = 1 in its saved frame.
    const scopes = await dc.scopesRequest({
      frameId: (await dc.stackTraceRequest({ threadId: 2 })).body.stackFrames[0].id,
    });
    const set = await dc.setVariableRequest({
      variablesReference: scopes.body.scopes[0].variablesReference,
      name: 'edi',
      value: '1',
    });
    assert.strictEqual(set.body.value, hex(1));
    await dc.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [] });
    await Promise.all([dc.continueRequest({ threadId: 3 }), dc.waitForEvent('terminated')]);
    const lines = output
      .map((o) => o.text)
      .join('')
      .split('\n');
    assert.strictEqual(
      lines.filter((l) => /^A line/.test(l)).length,
      1,
      'thread 2 (A) printed line 0 only: its counter was 1 when it resumed',
    );
    assert.strictEqual(lines.filter((l) => /^B line/.test(l)).length, 5);
  });

  it('stack across the trap boundary: kernel frames, "#UD from user at <lock nop>", then the user frames; exceptionInfo says what the kernel will answer', async () => {
    await launch(dc, { program: ASK }, (c) =>
      c.setExceptionBreakpointsRequest({ filters: ['lock-nop'] }).then(() => undefined),
    );
    await dc.waitForEvent('stopped');
    const lockNop = await evaluate(dc, 'eip');
    const info = await dc.exceptionInfoRequest({ threadId: await stoppedThread(dc) });
    const text = info.body.description ?? '';
    assert.match(text, /invalid opcode.*\(vector 6\)/);
    assert.match(info.body.details?.stackTrace ?? '', new RegExp(`^at ${hex(lockNop)} <ask_kernel\\+0x2>: lock nop`));
    const answer = /EAX = (0x[0-9a-f]+) \(KIP\), ECX = (0x[0-9a-f]+) .*EDX = (0x[0-9a-f]+) .*ESI = (0x[0-9a-f]+)/.exec(
      text,
    );
    assert.ok(answer, text);
    assert.deepStrictEqual(answer.slice(2).map(Number), [API.VERSION, API.FLAGS, API.KERNEL_ID]);
    await step(dc, 'in');
    await step(dc, 'in');
    const frames = (await dc.stackTraceRequest({ threadId: await stoppedThread(dc) })).body.stackFrames;
    const b = frames.findIndex((f) => f.presentationHint === 'label');
    assert.ok(b > 0, frames.map((f) => f.name).join(' | '));
    assert.strictEqual(frames[b].name, `#UD from user at ${hex(lockNop)}`);
    assert.strictEqual(Number(frames[b].instructionPointerReference), lockNop);
    for (const f of frames.slice(0, b))
      assert.strictEqual(path.dirname(f.source?.path ?? ''), KERNEL_DIR, `${f.name} is a kernel frame`);
    assert.strictEqual(frames[b + 1].source?.path, USER_INC);
    assert.strictEqual(frames[b + 1].line, lineOf(USER_INC, /db 0xF0, 0x90/));
    assert.ok(
      frames.every((f) => /^0x[0-9a-f]{8}$/.test(f.instructionPointerReference ?? '')),
      'instructionPointerReference on every frame',
    );
    // Out of the handler: back in user mode after the two bytes, with the answer predicted.
    await step(dc, 'out');
    assert.strictEqual(await evaluate(dc, 'cpl'), 3);
    assert.strictEqual(await evaluate(dc, 'eip'), lockNop + 2);
    assert.deepStrictEqual(
      [await evaluate(dc, 'eax'), await evaluate(dc, 'ecx'), await evaluate(dc, 'edx'), await evaluate(dc, 'esi')],
      answer.slice(1).map(Number),
    );
  });

  it('stepping into sysenter lands on IA32_SYSENTER_EIP in the kernel, with a boundary frame back to the stub', async () => {
    await launch(dc, { program: ASK, cpu: 'pentium-ii', mechanism: 'sysenter' }, (c) =>
      c.setExceptionBreakpointsRequest({ filters: ['lock-nop'] }).then(() => undefined),
    );
    await dc.waitForEvent('stopped');
    await step(dc, 'out');
    const kernel = await scopeVars(dc, /^Kernel$/);
    const stub = /^0x[0-9a-f]+/.exec(
      (await dc.evaluateRequest({ expression: '[syscall_entry]', context: 'repl' })).body.result,
    )![0];
    const listing = (await dc.disassembleRequest({ memoryReference: stub, instructionCount: 8 })).body!.instructions;
    assert.match(kernel.get('stub') ?? '', /sysenter/);
    const sysenter = listing.find((i) => /^sysenter/.test(i.instruction));
    assert.ok(sysenter, listing.map((i) => i.instruction).join('; '));
    await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: sysenter.address }] });
    const at = await resume(dc);
    assert.strictEqual(at.body.reason, 'instruction breakpoint');
    await step(dc, 'in');
    const msrs = await scopeVars(dc, /^MSRs$/);
    assert.strictEqual(await evaluate(dc, 'eip'), Number(msrs.get('SYSENTER_EIP (0x176)')));
    assert.strictEqual(await evaluate(dc, 'cpl'), 0);
    const frames = (await dc.stackTraceRequest({ threadId: await stoppedThread(dc) })).body.stackFrames;
    assert.strictEqual(frames[0].name, 'sysenter_entry');
    assert.match(frames[1].name, /^sysenter from user, returns to 0x[0-9a-f]{8}$/);
    const next = listing[listing.indexOf(sysenter) + 1];
    assert.strictEqual(
      Number(frames[1].instructionPointerReference),
      Number(next.address),
      'SYSEXIT resumes after the sysenter of the stub',
    );
    // Step out of the kernel: SYSEXIT brings it back to that instruction, in user mode.
    await step(dc, 'out');
    assert.strictEqual(await evaluate(dc, 'cpl'), 3);
    assert.strictEqual(await evaluate(dc, 'eip'), Number(next.address));
    assert.match(
      (await dc.stackTraceRequest({ threadId: await stoppedThread(dc) })).body.stackFrames[0].name,
      /^kip_stub\+0x[0-9a-f]+$/,
    );
  });

  for (const [mechanism, name] of [
    ['sysenter', 'sysenter'],
    ['int', 'int 0x30'],
    ['callgate', 'callgate'],
  ] as const) {
    it(`every instruction of the ${mechanism} entry path shows the same "${name} from user" boundary until the dispatcher`, async () => {
      await launch(dc, { program: THREADS, mechanism }, (c) =>
        c
          .setExceptionBreakpointsRequest({
            filters: [],
            filterOptions: [{ filterId: 'syscall', condition: 'eax == 1' }],
          })
          .then(() => undefined),
      );
      await dc.waitForEvent('stopped');
      if (mechanism === 'int') await step(dc, 'in');
      const dispatcher = await evaluate(dc, 'native_syscall');
      const names = new Set<string>();
      const users = new Set<string>();
      let steps = 0;
      while ((await evaluate(dc, 'eip')) !== dispatcher) {
        const frames = (await dc.stackTraceRequest({ threadId: await stoppedThread(dc) })).body.stackFrames;
        const boundary = frames.find((f) => f.presentationHint === 'label');
        assert.ok(boundary, `a boundary frame at ${frames[0].name}`);
        names.add(boundary.name);
        // SYSENTER saves no user EIP/ESP until the entry pushes them; the others have them from the start.
        const user = frames.slice(frames.indexOf(boundary) + 1);
        if (mechanism !== 'sysenter') {
          assert.ok(user.length > 0, `user frames after the boundary at ${frames[0].name}`);
          assert.ok(
            user.every((f) => !/^(call_gate_entry|isr_|fast_common|trap_)/.test(f.name)),
            `user frames only: ${user.map((f) => f.name).join(', ')}`,
          );
          users.add(user.map((f) => f.name).join(' < '));
        }
        assert.ok(++steps < 60, 'the entry reaches the dispatcher');
        await step(dc, 'in');
      }
      assert.strictEqual(names.size, 1, [...names].join(' / '));
      assert.match([...names][0], new RegExp(`^${name} from user, returns to 0x[0-9a-f]{8}$`));
      if (mechanism !== 'sysenter')
        assert.strictEqual(users.size, 1, `the same user frames on every instruction: ${[...users].join(' / ')}`);
      assert.ok(steps > 5, `${steps} instructions in the entry path`);
    });
  }

  it('step over a syscall stub call returns after it with the result, the output already sent', async () => {
    const call = lineOf(THREADS, /^\s+mov ecx, 9$/) + 1;
    const { output } = await launch(dc, { program: THREADS }, async (c) => {
      await c.setExceptionBreakpointsRequest({ filters: [] });
      await c.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [{ line: call }] });
    });
    await dc.waitForEvent('stopped');
    assert.strictEqual(await evaluate(dc, 'eax'), 1, 'write');
    const length = await evaluate(dc, 'ecx');
    await dc.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [] });
    await step(dc, 'over', 'line');
    const top = (await dc.stackTraceRequest({ threadId: await stoppedThread(dc) })).body.stackFrames[0];
    assert.strictEqual(top.source?.path, THREADS);
    assert.strictEqual(top.line, call + 1);
    assert.strictEqual(await evaluate(dc, 'eax'), length, 'write returned the length');
    assert.ok(output.some((o) => o.category === 'stdout' && /^A line 0/.test(o.text)));
  });

  for (const [mechanism, cpu] of [
    ['int', 'pentium-ii'],
    ['callgate', 'i486'],
    ['sysenter', 'pentium-ii'],
    ['syscall', 'k6-2'],
  ] as const) {
    it(`"system call entry" filter with condition eax == 1 stops on every write through ${mechanism} (${cpu})`, async () => {
      const { output } = await launch(dc, { program: THREADS, mechanism, cpu, trace: ['syscalls'] }, (c) =>
        c
          .setExceptionBreakpointsRequest({
            filters: [],
            filterOptions: [{ filterId: 'syscall', condition: 'eax == 1' }],
          })
          .then(() => undefined),
      );
      let stops = 0;
      const ended = dc.waitForEvent('terminated', 60000).then(() => undefined);
      let stopped = (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
      const cpuState = await scopeVars(dc, /^MSRs$/);
      const entry =
        mechanism === 'sysenter'
          ? Number(cpuState.get('SYSENTER_EIP (0x176)'))
          : mechanism === 'syscall'
            ? Number(`0x${/_([0-9a-f]{8})$/.exec(cpuState.get('STAR (0xC0000081)')!)![1]}`)
            : undefined;
      for (;;) {
        stops++;
        assert.strictEqual(stopped.body.reason, 'exception');
        assert.match(
          stopped.body.description ?? '',
          new RegExp(`system call entry${mechanism === 'int' ? '' : ` through ${mechanism}`}: eax=1 \\(write\\)`),
        );
        assert.strictEqual(await evaluate(dc, 'eax'), 1);
        if (mechanism === 'int') {
          assert.strictEqual(await evaluate(dc, 'cpl'), 3, 'int 0x30 stops before delivery, on the instruction');
          assert.strictEqual(await evaluate(dc, 'byte [eip]'), 0xcd);
        } else {
          assert.strictEqual(await evaluate(dc, 'cpl'), 0, 'in the kernel, at its entry');
          if (entry !== undefined) assert.strictEqual(await evaluate(dc, 'eip'), entry);
          else {
            const gdt = (await dc.evaluateRequest({ expression: 'info gdt', context: 'repl' })).body.result;
            assert.match(
              gdt,
              new RegExp(
                `call gate -> [0-9a-f]{4}:${(await evaluate(dc, 'eip')).toString(16).padStart(8, '0')}.*DPL3`,
                'i',
              ),
            );
          }
        }
        const next = dc.waitForEvent('stopped').then(
          (e) => e as DebugProtocol.StoppedEvent,
          () => undefined,
        );
        await dc.continueRequest({ threadId: await stoppedThread(dc) });
        const r = await Promise.race([next, ended]);
        if (!r) break;
        stopped = r;
      }
      const writes = output
        .map((o) => o.text)
        .join('')
        .split('\n')
        .filter((l) => / write\(/.test(l) && l.startsWith('[thread '));
      assert.strictEqual(stops, writes.length, 'one stop per write the trace saw');
    });
  }

  it('reverse steps across a timer interrupt land on the exact states of the forward run (registers, flags, segments, instruction count)', async () => {
    await launch(dc, { program: THREADS }, async (c) => {
      await c.setExceptionBreakpointsRequest({ filters: [] });
      await c.setFunctionBreakpointsRequest({
        breakpoints: [{ name: 'irq_0', condition: '(dword [esp + 4] & 3) == 3' }],
      });
    });
    await dc.waitForEvent('stopped');
    await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    assert.strictEqual(await evaluate(dc, 'eip'), await evaluate(dc, 'irq_0'));
    // Back before the interrupt, then forward again by single steps: the forward run.
    const back = 6;
    for (let i = 0; i < back; i++) await step(dc, 'back');
    assert.notStrictEqual(await evaluate(dc, 'eip'), await evaluate(dc, 'irq_0'));
    const forward: string[] = [await fullState(dc)];
    for (let i = 0; i < back + 4; i++) {
      await step(dc, 'in');
      forward.push(await fullState(dc));
    }
    // The interrupt was pending while the kernel ran with IF = 0: the IRET to user mode opens
    // it, and the step over that IRET ends in the IRQ 0 stub, delivered at the boundary.
    const irq0 = await evaluate(dc, 'irq_0');
    const at = forward.findIndex((s) => new RegExp(`eip=${hex(irq0)}`).test(s));
    assert.ok(at > 0, 'the forward steps reach the IRQ 0 stub');
    assert.match(forward[at - 1], /cpl=0/);
    const count = (s: string): number => Number(/instructions=(\d+)/.exec(s)![1]);
    assert.ok(
      forward.every((s, i) => i === 0 || count(s) > count(forward[i - 1])),
      'each step retires instructions',
    );
    for (let i = forward.length - 2; i >= 0; i--) {
      await step(dc, 'back');
      assert.strictEqual(await fullState(dc), forward[i], `state ${i} after stepping back`);
    }
  });

  it("watchpoints under paging: a write watch stops after the user's inc, a read watch inside the kernel's write() reading the user buffer", async () => {
    const inc = lineOf(THREADS, /^\s+inc byte \[esp \+ 7\]/);
    await launch(dc, { program: THREADS }, async (c) => {
      await c.setExceptionBreakpointsRequest({ filters: [] });
      await c.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [{ line: inc }] });
    });
    await dc.waitForEvent('stopped');
    await dc.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [] });
    const digit = await dc.dataBreakpointInfoRequest({ name: 'byte [esp + 7]' });
    assert.ok(digit.body.dataId, digit.body.description);
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: digit.body.dataId, accessType: 'write' }] });
    const wrote = await resume(dc);
    assert.strictEqual(wrote.body.reason, 'data breakpoint');
    assert.match(
      wrote.body.description ?? '',
      /write of 1 byte at 0x[0-9a-f]{8} 0x30 -> 0x31/,
      "the line digit '0' became '1'",
    );
    const top = (await dc.stackTraceRequest({ threadId: wrote.body.threadId! })).body.stackFrames[0];
    assert.strictEqual(top.line, inc + 1, 'stopped right after the inc');
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: digit.body.dataId, accessType: 'read' }] });
    const read = await resume(dc);
    assert.match(read.body.description ?? '', /read of 1 byte at 0x[0-9a-f]{8} = 0x31/);
    assert.strictEqual(await evaluate(dc, 'cpl'), 0, 'the kernel reads the buffer the user passed to write()');
    const frames = (await dc.stackTraceRequest({ threadId: read.body.threadId! })).body.stackFrames;
    assert.strictEqual(path.dirname(frames[0].source?.path ?? ''), KERNEL_DIR);
    assert.ok(
      frames.some((f) => f.presentationHint === 'label' && / from user, returns to /.test(f.name)),
      frames.map((f) => f.name).join(' | '),
    );
  });

  it('reverse continue under the kernel lands on the previous hit with the exact state it had, across thread switches and timer ticks', async () => {
    const afterWrite = lineOf(THREADS, /^\s+inc byte \[esp \+ 7\]/);
    await launch(dc, { program: THREADS, seed: 7 }, async (c) => {
      await c.setExceptionBreakpointsRequest({ filters: [] });
      await c.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [{ line: afterWrite }] });
    });
    await dc.waitForEvent('stopped');
    const hits: string[] = [await fullState(dc)];
    for (let i = 0; i < 3; i++) {
      await resume(dc);
      hits.push(await fullState(dc));
    }
    assert.strictEqual(new Set(hits).size, hits.length, 'four different hits');
    for (let i = hits.length - 2; i >= 0; i--) {
      const back = dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
      await dc.reverseContinueRequest({ threadId: await stoppedThread(dc) });
      assert.strictEqual((await back).body.reason, 'breakpoint');
      assert.strictEqual(await fullState(dc), hits[i], `hit ${i} again`);
    }
  });

  it('output after reverse execution: program output, kernel lines and syscall-trace lines are sent once, as in an uninterrupted run', async () => {
    const args = { program: THREADS, seed: 11, trace: ['syscalls'] };
    const noFilters = (c: DebugClient): Promise<void> =>
      c.setExceptionBreakpointsRequest({ filters: [] }).then(() => undefined);
    // The oracle: the same boot (same seed) run to its end without a stop.
    const plain = await launch(dc, args, noFilters);
    await dc.waitForEvent('terminated');
    const expected = plain.output.map((o) => `${o.category}: ${o.text}`).join('');
    assert.ok(
      /\[thread \d+\] \S+ write\(/.test(expected) && /\n(stdout: )?[AB] line/.test(expected.replace(/stdout: /g, '\n')),
      expected,
    );
    await dc.stop();

    dc = new DebugClient('node', ADAPTER, 'i386');
    dc.defaultTimeout = 30000;
    await dc.start();
    const afterWrite = lineOf(THREADS, /^\s+inc byte \[esp \+ 7\]/);
    const { output } = await launch(dc, args, async (c) => {
      await noFilters(c);
      await c.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [{ line: afterWrite }] });
    });
    await dc.waitForEvent('stopped');
    for (let i = 0; i < 3; i++) await resume(dc);
    // Back over two writes (and the trace lines of their calls), forward over one, back into
    // the kernel's write by single steps, forward again: several back/forward cycles.
    for (let i = 0; i < 2; i++) {
      const back = dc.waitForEvent('stopped');
      await dc.reverseContinueRequest({ threadId: await stoppedThread(dc) });
      await back;
    }
    await resume(dc);
    for (let i = 0; i < 40; i++) await step(dc, 'back');
    for (let i = 0; i < 10; i++) await step(dc, 'in');
    await step(dc, 'back', 'line');
    await dc.setBreakpointsRequest({ source: { path: THREADS }, breakpoints: [] });
    await Promise.all([dc.continueRequest({ threadId: await stoppedThread(dc) }), dc.waitForEvent('terminated')]);
    assert.strictEqual(output.map((o) => `${o.category}: ${o.text}`).join(''), expected);
  });

  it('readMemory across the end of a mapped user range reports the unmapped rest as unreadable', async () => {
    await launch(dc, { program: ASK }, (c) =>
      c.setExceptionBreakpointsRequest({ filters: ['lock-nop'] }).then(() => undefined),
    );
    await dc.waitForEvent('stopped');
    const tlb = (await dc.evaluateRequest({ expression: 'info tlb', context: 'repl' })).body.result;
    const user = tlb
      .split('\n')
      .map((l) => /^0x([0-9a-f]{8})-0x([0-9a-f]{8}) -> 0x[0-9a-f]+ user/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    const ranges: [number, number][] = user.map((m) => [parseInt(m[1], 16), parseInt(m[2], 16) + 1]);
    const end = ranges.map(([, e]) => e).find((e) => !ranges.some(([s]) => s === e))!;
    assert.ok(end !== undefined, tlb);
    const r = await dc.customRequest('readMemory', { memoryReference: hex(end - 16), count: 64 });
    assert.strictEqual(r.body.unreadableBytes, 48);
    const data = Buffer.from(r.body.data, 'base64');
    assert.strictEqual(data.length, 16);
    assert.strictEqual(data.readUInt32LE(12), await evaluate(dc, `dword [${end - 4}]`));
    await assert.rejects(dc.evaluateRequest({ expression: `byte [${end}]`, context: 'repl' }), /not readable/);
  });

  it('exceptionInfo of a page fault decodes P/W/U and CR2 against what the program touched', async () => {
    const touch = lineOf(FAULTS, /mov eax, \[MB_KERNEL_LOAD\]/);
    await launch(dc, { program: FAULTS }, (c) =>
      c.setExceptionBreakpointsRequest({ filters: ['pf'] }).then(() => undefined),
    );
    const stopped = (await dc.waitForEvent('stopped')) as DebugProtocol.StoppedEvent;
    const frames = (await dc.stackTraceRequest({ threadId: stopped.body.threadId! })).body.stackFrames;
    assert.strictEqual(frames[0].line, touch);
    const text = (await dc.exceptionInfoRequest({ threadId: stopped.body.threadId! })).body.description ?? '';
    const info = (await dc.exceptionInfoRequest({ threadId: stopped.body.threadId! })).body;
    assert.strictEqual(info.exceptionId, 'Page fault (#PF)');
    assert.match(text, /page fault \(vector 14\)/);
    assert.match(text, /protection violation \(P=1\), read \(W=0\), user mode \(U=1\)/);
    assert.match(text, new RegExp(`CR2=${hex(MULTIBOOT.KERNEL_LOAD)}`));
    assert.match(
      info.details?.stackTrace ?? '',
      new RegExp(`<touch_kernel>: mov eax, \\[0x${MULTIBOOT.KERNEL_LOAD.toString(16)}\\]`),
    );
    const next = await resume(dc);
    assert.match(next.body.description ?? '', /#PF/);
    const second = (await dc.exceptionInfoRequest({ threadId: next.body.threadId! })).body.description ?? '';
    assert.match(
      second,
      /protection violation \(P=1\), write \(W=1\), user mode \(U=1\)/,
      'the write to the read-only KIP',
    );
    assert.match(second, new RegExp(`CR2=${hex(await evaluate(dc, 'dword [kip]'))}`));
  });
});
