// The debug adapter driven through the protocol by @vscode/debugadapter-testsupport's
// DebugClient, against the real adapter process (node dist/debugAdapter.js) running bare-mode
// fixture programs. Expectations come from the programs' own semantics (what the CPU must
// compute) and from the emulator's state read back through other requests.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';

const ROOT = path.resolve(__dirname, '../../..');
const ADAPTER = path.join(ROOT, 'dist', 'debugAdapter.js');
const FIXTURES = path.join(ROOT, 'test', 'debugger', 'fixtures');
const HELLO = path.join(FIXTURES, 'hello.asm');
const SPIN = path.join(FIXTURES, 'spin.asm');
const LOCKNOP = path.join(FIXTURES, 'locknop.asm');
const BROKEN = path.join(FIXTURES, 'broken.asm');
const LINES = path.join(FIXTURES, 'lines.asm');

function bare(program: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { program, mode: 'bare', ...extra };
}

async function registers(dc: DebugClient): Promise<Map<string, string>> {
  const st = await dc.stackTraceRequest({ threadId: 1 });
  const scopes = await dc.scopesRequest({ frameId: st.body.stackFrames[0].id });
  const general = scopes.body.scopes.find((s) => s.name === 'General registers');
  assert.ok(general, 'a General registers scope');
  const vars = await dc.variablesRequest({ variablesReference: general.variablesReference });
  return new Map(vars.body.variables.map((v) => [v.name, v.value]));
}

async function evaluate(dc: DebugClient, expression: string): Promise<string> {
  const r = await dc.evaluateRequest({ expression, context: 'repl' });
  return r.body.result;
}

async function launchStopped(dc: DebugClient, args: Record<string, unknown>): Promise<void> {
  await Promise.all([
    dc.configurationSequence(),
    dc.launch({ ...args, stopOnEntry: true }),
    dc.waitForEvent('stopped'),
  ]);
}

describe('debug adapter (DAP over stdio, bare mode)', function () {
  // Kernel-mode launches assemble the kernel: seconds on a loaded machine (no timing is tested).
  this.timeout(120000);
  let dc: DebugClient;

  beforeEach(async () => {
    dc = new DebugClient('node', ADAPTER, 'i386');
    dc.defaultTimeout = 60000;
    await dc.start();
  });

  afterEach(async () => {
    await dc.stop();
  });

  it('answers initialize with the capabilities and the exception filters of the issue', async () => {
    const r = await dc.initializeRequest();
    const caps = r.body!;
    assert.strictEqual(caps.supportsStepBack, true);
    assert.strictEqual(caps.supportsInstructionBreakpoints, true);
    assert.strictEqual(caps.supportsDataBreakpoints, true);
    const ids = (caps.exceptionBreakpointFilters ?? []).map((f) => f.filter);
    assert.deepStrictEqual(ids, ['lock-nop', 'ud', 'gp', 'pf', 'de', 'any', 'syscall', 'user-fault', 'triple-fault']);
  });

  it('rejects a bad launch attribute naming it and the allowed values', async () => {
    await dc.initializeRequest();
    await assert.rejects(
      dc.launchRequest({ program: HELLO, mode: 'bare', cpu: 'z80' } as DebugProtocol.LaunchRequestArguments),
      /'cpu' is "z80"; allowed values: .*"pentium-ii"/,
    );
    await assert.rejects(
      dc.launchRequest({ program: HELLO, mode: 'bare', memoryMB: 'lots' } as DebugProtocol.LaunchRequestArguments),
      /'memoryMB'/,
    );
    await assert.rejects(
      dc.launchRequest({ program: HELLO, mode: 'bare', trace: ['everything'] } as DebugProtocol.LaunchRequestArguments),
      /'trace'.*"syscalls", "traps", "ports"/,
    );
  });

  it('kernel mode (the default) boots the kernel by Multiboot: stops on kernel entry, breaks in kernel sources', async () => {
    const KERNEL_DIR = path.join(ROOT, 'src', 'kernel');
    const bootLines = fs.readFileSync(path.join(KERNEL_DIR, 'boot.asm'), 'utf8').split('\n');
    const detectLines = fs.readFileSync(path.join(KERNEL_DIR, 'detect.asm'), 'utf8').split('\n');
    const detectLabel = detectLines.findIndex((l) => /^detect_cpu:/.test(l)) + 1;
    assert.ok(detectLabel > 0, 'detect.asm defines detect_cpu');
    await Promise.all([
      dc.configurationSequence(),
      dc.launch({ program: path.join(ROOT, 'examples', 'ask-kernel.asm'), stopOnKernelEntry: true }),
      dc.waitForEvent('stopped'),
    ]);
    const st = await dc.stackTraceRequest({ threadId: 1 });
    const top = st.body.stackFrames[0];
    assert.strictEqual(top.source?.path, path.join(KERNEL_DIR, 'boot.asm'));
    assert.match(bootLines[top.line - 1], /\S/, 'the entry line has code');
    assert.strictEqual(top.name, 'kernel_entry');
    assert.strictEqual((await registers(dc)).get('eax'), '0x2badb002', 'Multiboot magic in EAX');
    const bp = await dc.setBreakpointsRequest({
      source: { path: path.join(KERNEL_DIR, 'detect.asm') },
      breakpoints: [{ line: detectLabel }],
    });
    assert.strictEqual(bp.body.breakpoints[0].verified, true);
    await Promise.all([
      dc.continueRequest({ threadId: 1 }),
      dc.assertStoppedLocation('breakpoint', { path: path.join(KERNEL_DIR, 'detect.asm') }),
    ]);
    assert.match((await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0].name, /^detect_cpu/);
  });

  it("kernel mode: stops on the user program's lock nop before the kernel answers, steps into the #UD handler and out again", async () => {
    const KERNEL_DIR = path.join(ROOT, 'src', 'kernel');
    await Promise.all([
      dc.configurationSequence(),
      dc.launch({ program: path.join(ROOT, 'examples', 'ask-kernel.asm'), stopOnEntry: true }),
      dc.assertStoppedLocation('entry', {}),
    ]);
    assert.strictEqual(
      (await registers(dc)).get('eip'),
      '0x01000000',
      'stopOnEntry under the kernel stops at the program entry, in user mode',
    );
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('exception', {})]);
    const info = await dc.exceptionInfoRequest({ threadId: 1 });
    assert.strictEqual(info.body.exceptionId, 'Invalid opcode (#UD): lock nop');
    assert.match(info.body.description ?? '', /lock nop.*continuing delivers it to the kernel/s);
    const user = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
    assert.strictEqual((await evaluate(dc, 'cpl')).split(' ')[0], '0x00000003', 'stopped in user mode');
    await Promise.all([dc.stepInRequest({ threadId: 1, granularity: 'instruction' }), dc.waitForEvent('stopped')]);
    const handler = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
    assert.strictEqual(
      path.dirname(handler.source?.path ?? ''),
      KERNEL_DIR,
      `in the kernel's #UD handler (${handler.name})`,
    );
    assert.strictEqual((await evaluate(dc, 'cpl')).split(' ')[0], '0x00000000');
    await Promise.all([dc.stepOutRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
    const back = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
    assert.strictEqual(back.source?.path, user.source?.path);
    assert.strictEqual(
      Number(back.instructionPointerReference),
      Number(user.instructionPointerReference) + 2,
      'after the two bytes of lock nop',
    );
    assert.match(await evaluate(dc, 'info kip eax'), /mechanism\s+\w+ \(\d\)/, 'EAX holds the KIP address');
    assert.strictEqual(
      await evaluate(dc, 'info kip'),
      await evaluate(dc, 'info kip eax'),
      'the KIP the kernel reported is the one lock nop answered',
    );
    const st = await dc.stackTraceRequest({ threadId: 1 });
    const scopes = (await dc.scopesRequest({ frameId: st.body.stackFrames[0].id })).body.scopes;
    const kernel = scopes.find((x) => x.name === 'Kernel');
    assert.ok(kernel, 'a Kernel scope in kernel mode');
    const vars = (await dc.variablesRequest({ variablesReference: kernel.variablesReference })).body.variables;
    const get = (n: string): string | undefined => vars.find((x) => x.name === n)?.value;
    assert.match(get('cpu model') ?? '', /^pentium-ii \(/, 'the default model');
    assert.strictEqual(get('mechanism'), 'sysenter', 'a Pentium II gets sysenter');
    assert.match(get('stub') ?? '', /sysenter/, 'the advertised stub disassembled');
    assert.strictEqual(
      get('KIP'),
      `0x${Number((await evaluate(dc, 'eax')).split(' ')[0])
        .toString(16)
        .padStart(8, '0')}`,
    );
  });

  it('reports assembler diagnostics with file:line when the program does not assemble', async () => {
    await dc.initializeRequest();
    const stderr = dc.assertOutput('stderr', `${BROKEN}:3:`);
    await assert.rejects(
      dc.launchRequest(bare(BROKEN) as DebugProtocol.LaunchRequestArguments),
      /does not assemble \(2 errors\)/,
    );
    await stderr;
  });

  it('stops on entry at the first instruction with registers as the launch set them', async () => {
    await launchStopped(dc, bare(HELLO));
    const st = await dc.stackTraceRequest({ threadId: 1 });
    assert.strictEqual(st.body.stackFrames[0].line, 6);
    assert.strictEqual(st.body.stackFrames[0].instructionPointerReference, '0x00100000');
    const regs = await registers(dc);
    assert.strictEqual(regs.get('eip'), '0x00100000');
    assert.strictEqual(regs.get('esp'), '0x01000000');
  });

  it('runs to a source breakpoint, sends the console output, and ends on HLT', async () => {
    const output = dc.assertOutput('stdout', 'hi\n');
    await dc.hitBreakpoint(bare(HELLO), { path: HELLO, line: 28 });
    await output;
    const regs = await registers(dc);
    assert.strictEqual(regs.get('eax'), '0x00000003');
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
  });

  it('conditional breakpoints stop only when the condition holds; hit counts count', async () => {
    await launchStopped(dc, bare(HELLO));
    const set = await dc.setBreakpointsRequest({
      source: { path: HELLO },
      breakpoints: [{ line: 17, condition: 'ecx == 2 && [esp-4] == 0' }],
    });
    assert.strictEqual(set.body.breakpoints[0].verified, true);
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 17 })]);
    assert.strictEqual((await registers(dc)).get('ecx'), '0x00000002');

    await dc.setBreakpointsRequest({ source: { path: HELLO }, breakpoints: [] });
    await launchAgain(dc);
    await dc.setBreakpointsRequest({ source: { path: HELLO }, breakpoints: [{ line: 17, hitCondition: '4' }] });
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 17 })]);
    assert.strictEqual((await registers(dc)).get('ecx'), '0x00000002', 'the 4th hit has ecx = 2');
  });

  it('logpoints print with {expression} interpolation and do not stop', async () => {
    await launchStopped(dc, bare(HELLO));
    await dc.setBreakpointsRequest({
      source: { path: HELLO },
      breakpoints: [{ line: 17, logMessage: 'ecx={ecx}' }, { line: 23 }],
    });
    const logs: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.category === 'console' && e.body.output.startsWith('ecx=')) logs.push(e.body.output.trim());
    });
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 23 })]);
    assert.deepStrictEqual(logs, ['ecx=0x5', 'ecx=0x4', 'ecx=0x3', 'ecx=0x2', 'ecx=0x1']);
  });

  it('a breakpoint line without code moves to the next line with code; one past the end is unverified', async () => {
    await launchStopped(dc, bare(HELLO));
    const r = await dc.setBreakpointsRequest({ source: { path: HELLO }, breakpoints: [{ line: 16 }, { line: 99 }] });
    assert.deepStrictEqual(
      r.body.breakpoints.map((b) => [b.verified, b.line]),
      [
        [true, 17],
        [false, 99],
      ],
    );
    assert.match(r.body.breakpoints[1].message ?? '', /no code/);
  });

  it('function and instruction breakpoints', async () => {
    await launchStopped(dc, bare(HELLO));
    const f = await dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'square' }, { name: 'nosuch' }] });
    assert.deepStrictEqual(
      f.body.breakpoints.map((b) => b.verified),
      [true, false],
    );
    await Promise.all([
      dc.continueRequest({ threadId: 1 }),
      dc.assertStoppedLocation('function breakpoint', { line: 26 }),
    ]);
    await dc.setFunctionBreakpointsRequest({ breakpoints: [] });
    const i = (await dc.customRequest('setInstructionBreakpoints', {
      breakpoints: [{ instructionReference: '0x100029' }],
    })) as DebugProtocol.SetInstructionBreakpointsResponse;
    assert.strictEqual(i.body.breakpoints[0].verified, true);
    await Promise.all([
      dc.continueRequest({ threadId: 1 }),
      dc.assertStoppedLocation('instruction breakpoint', { line: 23 }),
    ]);
    assert.strictEqual((await registers(dc)).get('eax'), '0x00000009');
  });

  it('steps by line and by instruction, over and into calls, and out', async () => {
    await launchStopped(dc, bare(HELLO));
    await dc.setBreakpointsRequest({ source: { path: HELLO }, breakpoints: [{ line: 21 }] });
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 21 })]);
    await Promise.all([dc.stepInRequest({ threadId: 1 }), dc.assertStoppedLocation('step', { line: 26 })]);
    const st = await dc.stackTraceRequest({ threadId: 1 });
    assert.deepStrictEqual(
      st.body.stackFrames.map((f) => f.name),
      ['square', 'count+0xf'],
    );
    await Promise.all([
      dc.nextRequest({ threadId: 1, granularity: 'instruction' }),
      dc.assertStoppedLocation('step', { line: 27 }),
    ]);
    await Promise.all([dc.stepOutRequest({ threadId: 1 }), dc.assertStoppedLocation('step', { line: 22 })]);
    assert.strictEqual((await registers(dc)).get('eax'), '0x00000009');
    await launchAgain(dc);
    await dc.setBreakpointsRequest({ source: { path: HELLO }, breakpoints: [{ line: 21 }] });
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 21 })]);
    await Promise.all([dc.nextRequest({ threadId: 1 }), dc.assertStoppedLocation('step', { line: 22 })]);
    assert.strictEqual((await registers(dc)).get('eax'), '0x00000009');
  });

  it('scopes show the emulator state: EFLAGS bits, segment caches, control registers, MSRs', async () => {
    await launchStopped(dc, bare(HELLO));
    const st = await dc.stackTraceRequest({ threadId: 1 });
    const scopes = (await dc.scopesRequest({ frameId: st.body.stackFrames[0].id })).body.scopes;
    assert.deepStrictEqual(
      scopes.map((s) => s.name),
      [
        'General registers',
        'EFLAGS',
        'Segment registers',
        'Control and debug registers',
        'MSRs',
        'FPU',
        'Descriptor tables',
      ],
    );
    const vars = async (name: string): Promise<DebugProtocol.Variable[]> =>
      (await dc.variablesRequest({ variablesReference: scopes.find((s) => s.name === name)!.variablesReference })).body
        .variables;
    const flags = await vars('EFLAGS');
    assert.strictEqual(flags.find((v) => v.name === 'eflags')?.value, '0x00000002');
    assert.strictEqual(flags.find((v) => v.name === 'zf')?.value, '0');
    const segs = await vars('Segment registers');
    const cs = segs.find((v) => v.name === 'cs')!;
    assert.strictEqual(cs.value, '0008');
    const cache = (await dc.variablesRequest({ variablesReference: cs.variablesReference })).body.variables;
    assert.strictEqual(cache.find((v) => v.name === 'limit')?.value, '0xffffffff');
    assert.match(cache.find((v) => v.name === 'attributes')?.value ?? '', /code 32-bit readable/);
    const control = await vars('Control and debug registers');
    assert.match(control.find((v) => v.name === 'cr0')?.value ?? '', /PE/);
    const msrs = await vars('MSRs');
    assert.ok(msrs.some((v) => v.name.startsWith('SYSENTER_EIP')));
    const fpu = await vars('FPU');
    assert.deepStrictEqual(
      fpu.map((v) => v.name),
      // The default model (pentium-ii) has MMX: MM0-MM7 follow the x87 registers they alias.
      ['st0', 'st1', 'st2', 'st3', 'st4', 'st5', 'st6', 'st7', 'cw', 'sw', 'tag', 'fip', 'fdp', 'fop'].concat([
        'mm0',
        'mm1',
        'mm2',
        'mm3',
        'mm4',
        'mm5',
        'mm6',
        'mm7',
      ]),
    );
    assert.match(fpu.find((v) => v.name === 'cw')?.value ?? '', /^0x0040 /);
  });

  it('setVariable edits registers and flags; setExpression edits memory; both are read back', async () => {
    await launchStopped(dc, bare(HELLO));
    const st = await dc.stackTraceRequest({ threadId: 1 });
    const scopes = (await dc.scopesRequest({ frameId: st.body.stackFrames[0].id })).body.scopes;
    const general = scopes.find((s) => s.name === 'General registers')!.variablesReference;
    const r = await dc.setVariableRequest({ variablesReference: general, name: 'ebx', value: '0x1234 + 1' });
    assert.strictEqual(r.body.value, '0x00001235');
    assert.strictEqual(await evaluate(dc, 'bx'), '0x00001235 (4661)');
    const flags = scopes.find((s) => s.name === 'EFLAGS')!.variablesReference;
    await dc.setVariableRequest({ variablesReference: flags, name: 'cf', value: '1' });
    assert.strictEqual(await evaluate(dc, 'eflags & 1'), '0x00000001 (1)');
    await assert.rejects(
      dc.setVariableRequest({ variablesReference: general, name: 'ebx', value: 'nosuch' }),
      /unknown register or label 'nosuch'/,
    );
    const e = (await dc.customRequest('setExpression', {
      expression: 'dword [result]',
      value: '0xdeadbeef',
    })) as DebugProtocol.SetExpressionResponse;
    assert.strictEqual(e.body.value, '0xdeadbeef');
    assert.strictEqual(await evaluate(dc, 'byte [result+3]'), '0x000000de (222)');
  });

  it('evaluates expressions and console commands', async () => {
    await launchStopped(dc, bare(HELLO));
    assert.strictEqual(await evaluate(dc, 'square'), '0x0010002c (1048620)');
    assert.strictEqual(await evaluate(dc, 'byte [msg]'), '0x00000068 (104)');
    assert.strictEqual(
      await evaluate(dc, '.next'),
      '0x00100005 (1048581)',
      'a local label resolves under the label before EIP',
    );
    assert.match(await evaluate(dc, 'x/4xb msg'), /^0x00100034: 0x68 0x69 0x0a 0x00$/);
    assert.match(await evaluate(dc, 'info registers'), /eip=0x00100000/);
    await assert.rejects(evaluate(dc, 'info frobs'), /unknown command 'info frobs'/);
    const c = await dc.completionsRequest({ text: 'squ', column: 4 });
    assert.ok(c.body.targets.some((t) => t.label === 'square'));
  });

  it('readMemory reads guest memory and reports bytes past the end of RAM as unreadable', async () => {
    await launchStopped(dc, bare(HELLO, { memoryMB: 2 }));
    const r = (await dc.customRequest('readMemory', {
      memoryReference: '0x100034',
      count: 3,
    })) as DebugProtocol.ReadMemoryResponse;
    assert.strictEqual(Buffer.from(r.body!.data!, 'base64').toString('latin1'), 'hi\n');
    const edge = (await dc.customRequest('readMemory', {
      memoryReference: '0x1ffff0',
      count: 32,
    })) as DebugProtocol.ReadMemoryResponse;
    assert.strictEqual(Buffer.from(edge.body!.data!, 'base64').length, 16);
    assert.strictEqual(edge.body!.unreadableBytes, 16);
    const w = (await dc.customRequest('writeMemory', {
      memoryReference: '0x100034',
      data: Buffer.from('HI').toString('base64'),
    })) as DebugProtocol.WriteMemoryResponse;
    assert.strictEqual(w.body!.bytesWritten, 2);
    assert.strictEqual(await evaluate(dc, 'word [msg]'), '0x00004948 (18760)');
  });

  it('disassembles with labels and source lines', async () => {
    await launchStopped(dc, bare(HELLO));
    const r = (await dc.customRequest('disassemble', {
      memoryReference: '0x10001f',
      instructionCount: 3,
    })) as DebugProtocol.DisassembleResponse;
    const ins = r.body!.instructions;
    assert.deepStrictEqual(
      ins.map((i) => i.address),
      ['0x0010001f', '0x00100024', '0x00100029'],
    );
    assert.match(ins[0].instruction, /^call near \$\+0xd {2}; 0x0010002c <square>$/);
    assert.strictEqual(ins[0].instructionBytes, 'e8 08 00 00 00');
    assert.strictEqual(ins[0].line, 21);
    const back = (await dc.customRequest('disassemble', {
      memoryReference: '0x10001f',
      instructionOffset: -2,
      instructionCount: 2,
    })) as DebugProtocol.DisassembleResponse;
    assert.deepStrictEqual(
      back.body!.instructions.map((i) => i.address),
      ['0x00100018', '0x0010001a'],
    );
  });

  it('stops on lock nop as the kernel-interface query, with exceptionInfo', async () => {
    await Promise.all([
      dc.configurationSequence(),
      dc.launch(bare(LOCKNOP)),
      dc.assertStoppedLocation('exception', { line: 6 }),
    ]);
    const info = await dc.exceptionInfoRequest({ threadId: 1 });
    assert.strictEqual(info.body.exceptionId, 'Invalid opcode (#UD): lock nop', 'a human title, not the filter id');
    assert.match(info.body.description ?? '', /invalid opcode: lock nop.*vector 6/);
    assert.strictEqual(
      info.body.details?.stackTrace,
      'at 0x00100002 <start+0x2>: lock nop  ; #UD: LOCK is not allowed here',
    );
    assert.doesNotMatch(info.body.description ?? '', /\bat 0x/, 'the location is shown once, as the stack trace line');
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
  });

  it('trace "ports" logs each OUT as `port value` and trace "traps" logs the exception', async () => {
    const lines: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.category === 'console') lines.push(...e.body.output.split('\n').filter(Boolean));
    });
    await Promise.all([
      dc.configurationSequence(),
      dc.launch(bare(HELLO, { trace: ['ports'] })),
      dc.waitForEvent('terminated'),
    ]);
    assert.deepStrictEqual(
      lines.filter((l) => l.startsWith('port ')),
      ['port e9 68', 'port e9 69', 'port e9 0a'],
    );
    await dc.stop();
    dc = new DebugClient('node', ADAPTER, 'i386');
    await dc.start();
    lines.length = 0;
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.category === 'console') lines.push(...e.body.output.split('\n').filter(Boolean));
    });
    await Promise.all([
      dc.configurationSequence(),
      dc.launch(bare(LOCKNOP, { trace: ['traps'] })),
      dc.waitForEvent('stopped'),
    ]);
    assert.ok(
      lines.some((l) => /^trap #UD \(vector 6\) at 0x00100002/.test(l)),
      lines.join('\n'),
    );
  });

  it('lock nop executes as a NOP on the early i386 and the program ends normally', async () => {
    await Promise.all([
      dc.configurationSequence(),
      dc.launch(bare(LOCKNOP, { cpu: 'i386-early' })),
      dc.waitForEvent('terminated'),
    ]);
  });

  it('watchpoints stop right after the instruction that wrote the watched dword, with old and new value', async () => {
    await launchStopped(dc, bare(HELLO));
    const info = await dc.dataBreakpointInfoRequest({ name: 'dword [result]' });
    assert.deepStrictEqual(info.body.accessTypes, ['read', 'write', 'readWrite']);
    const register = await dc.dataBreakpointInfoRequest({ name: 'eax', variablesReference: 1 });
    assert.strictEqual(register.body.dataId, null);
    assert.match(register.body.description, /is a register, not memory/);
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    const stopped = dc.waitForEvent('stopped');
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('data breakpoint', { line: 23 })]);
    const result = Number((await evaluate(dc, 'result')).split(' ')[0]);
    assert.match(
      (await stopped).body.description,
      new RegExp(`write of 4 bytes at 0x${result.toString(16).padStart(8, '0')} 0x00000000 -> 0x00000009`),
    );
    assert.strictEqual(await evaluate(dc, '[result]'), '0x00000009 (9)');
  });

  it('read watchpoints stop after the instruction that read (lodsb of the second byte), readWrite on reads and writes', async () => {
    await launchStopped(dc, bare(HELLO));
    const second = await dc.dataBreakpointInfoRequest({ name: 'byte [msg+1]' });
    const result = await dc.dataBreakpointInfoRequest({ name: '[result]' });
    const set = await dc.setDataBreakpointsRequest({
      breakpoints: [
        { dataId: second.body.dataId!, accessType: 'read' },
        { dataId: result.body.dataId!, accessType: 'readWrite' },
      ],
    });
    assert.deepStrictEqual(
      set.body.breakpoints.map((b) => b.verified),
      [true, true],
    );
    const stopped = dc.waitForEvent('stopped');
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('data breakpoint', { line: 9 })]);
    assert.match((await stopped).body.description, /read of 1 byte at .* = 0x69/);
    assert.strictEqual((await registers(dc)).get('eax'), '0x00000069', "lodsb loaded 'i'");
    assert.strictEqual(
      Number((await registers(dc)).get('esi')),
      Number((await evaluate(dc, 'msg + 2')).split(' ')[0]),
      'ESI moved past the byte read',
    );
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('data breakpoint', { line: 23 })]);
    const bad = await dc.setDataBreakpointsRequest({
      breakpoints: [
        { dataId: result.body.dataId!, accessType: 'execute' as DebugProtocol.DataBreakpointAccessType },
        { dataId: 'nonsense' },
      ],
    });
    assert.deepStrictEqual(
      bad.body.breakpoints.map((b) => b.verified),
      [false, false],
    );
  });

  it('steps back to the exact previous state and reverse-continues to the last breakpoint hit', async () => {
    await launchStopped(dc, bare(HELLO));
    await dc.setBreakpointsRequest({ source: { path: HELLO }, breakpoints: [{ line: 17 }] });
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 17 })]);
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 17 })]);
    const before = await registers(dc);
    await Promise.all([
      dc.nextRequest({ threadId: 1, granularity: 'instruction' }),
      dc.assertStoppedLocation('step', { line: 18 }),
    ]);
    assert.notDeepStrictEqual(await registers(dc), before);
    await Promise.all([
      dc.stepBackRequest({ threadId: 1, granularity: 'instruction' }),
      dc.assertStoppedLocation('step', { line: 17 }),
    ]);
    assert.deepStrictEqual(await registers(dc), before);
    await dc.setBreakpointsRequest({ source: { path: HELLO }, breakpoints: [{ line: 17 }] });
    await Promise.all([
      dc.reverseContinueRequest({ threadId: 1 }),
      dc.assertStoppedLocation('breakpoint', { line: 17 }),
    ]);
    assert.strictEqual((await registers(dc)).get('ecx'), '0x00000005', 'the previous hit was the first, with ecx = 5');
  });

  it('reverse continue stops at breakpoints on consecutive instructions in order', async () => {
    await launchStopped(dc, bare(HELLO));
    await dc.setBreakpointsRequest({ source: { path: HELLO }, breakpoints: [{ line: 17 }, { line: 18 }] });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
      const st = await dc.stackTraceRequest({ threadId: 1 });
      seen.push(`${st.body.stackFrames[0].line} ecx=${(await registers(dc)).get('ecx')}`);
    }
    assert.deepStrictEqual(seen, ['17 ecx=0x00000005', '18 ecx=0x00000005', '17 ecx=0x00000004', '18 ecx=0x00000004']);
    for (const expected of [seen[2], seen[1], seen[0]]) {
      await Promise.all([dc.reverseContinueRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
      const st = await dc.stackTraceRequest({ threadId: 1 });
      assert.strictEqual(`${st.body.stackFrames[0].line} ecx=${(await registers(dc)).get('ecx')}`, expected);
    }
  });

  it('guest output is sent once: stepping back past prints and running forward again does not repeat it', async () => {
    let stdout = '';
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.category === 'stdout') stdout += e.body.output;
    });
    const stop = async (request: Promise<unknown>, reason: string, line: number): Promise<void> => {
      await Promise.all([request, dc.assertStoppedLocation(reason, { line })]);
    };
    await launchStopped(dc, bare(LINES));
    await dc.setBreakpointsRequest({ source: { path: LINES }, breakpoints: [{ line: 10 }] });
    await stop(dc.continueRequest({ threadId: 1 }), 'breakpoint', 10);
    assert.strictEqual(stdout, 'one\ntwo\n', 'two lines before the breakpoint');
    // Back before the call that prints the second line, then forward over it again.
    await dc.setBreakpointsRequest({ source: { path: LINES }, breakpoints: [{ line: 9 }, { line: 10 }] });
    await stop(dc.reverseContinueRequest({ threadId: 1 }), 'breakpoint', 9);
    await stop(dc.continueRequest({ threadId: 1 }), 'breakpoint', 10);
    // Back into the middle of the second line (the OUT of its 'w'), by reverse continue and
    // then by single steps back, and forward from there.
    await dc.setBreakpointsRequest({ source: { path: LINES }, breakpoints: [{ line: 18, condition: "al == 'w'" }] });
    await stop(dc.reverseContinueRequest({ threadId: 1 }), 'breakpoint', 18);
    await stop(dc.stepBackRequest({ threadId: 1, granularity: 'instruction' }), 'step', 17);
    await stop(dc.stepInRequest({ threadId: 1, granularity: 'instruction' }), 'step', 18);
    await stop(dc.stepInRequest({ threadId: 1, granularity: 'instruction' }), 'step', 19);
    await stop(dc.stepBackRequest({ threadId: 1, granularity: 'instruction' }), 'step', 18);
    await stop(dc.stepBackRequest({ threadId: 1, granularity: 'line' }), 'step', 17);
    assert.strictEqual(stdout, 'one\ntwo\n', 'nothing sent again while going back and forth');
    await dc.setBreakpointsRequest({ source: { path: LINES }, breakpoints: [] });
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.waitForEvent('terminated')]);
    assert.strictEqual(stdout, 'one\ntwo\nthree\n', 'each line exactly once');
  });

  it('a logpoint prints on every forward run through it, also after a step back (not during the replay)', async () => {
    const logs: string[] = [];
    dc.on('output', (e: DebugProtocol.OutputEvent) => {
      if (e.body.category === 'console' && e.body.output.startsWith('printing ')) logs.push(e.body.output.trim());
    });
    await launchStopped(dc, bare(LINES));
    await dc.setBreakpointsRequest({
      source: { path: LINES },
      breakpoints: [{ line: 9, logMessage: 'printing {[esi]}' }, { line: 10 }],
    });
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 10 })]);
    assert.strictEqual(logs.length, 1);
    await dc.setBreakpointsRequest({
      source: { path: LINES },
      breakpoints: [{ line: 8 }, { line: 9, logMessage: 'printing {[esi]}' }, { line: 10 }],
    });
    await Promise.all([
      dc.reverseContinueRequest({ threadId: 1 }),
      dc.assertStoppedLocation('breakpoint', { line: 8 }),
    ]);
    assert.strictEqual(logs.length, 1, 'the replay that found the breakpoint printed nothing');
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 10 })]);
    assert.strictEqual(logs.length, 2, 'the forward run the user asked for passed the logpoint again');
    assert.strictEqual(logs[0], logs[1]);
  });

  it('pauses an endless loop and keeps answering while the guest runs', async () => {
    await Promise.all([dc.configurationSequence(), dc.launch(bare(SPIN))]);
    const threads = await dc.threadsRequest();
    assert.strictEqual(threads.body.threads.length, 1);
    await new Promise((r) => setTimeout(r, 200));
    await Promise.all([dc.pauseRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
    const eax = Number((await registers(dc)).get('eax'));
    assert.ok(eax > 1000, `the loop ran (eax = ${eax})`);
    const st = await dc.stackTraceRequest({ threadId: 1 });
    assert.ok([7, 8].includes(st.body.stackFrames[0].line));
  });

  it('restart reloads the program and stops on entry again; terminate ends the session', async () => {
    await launchStopped(dc, bare(HELLO));
    await Promise.all([dc.stepInRequest({ threadId: 1 }), dc.waitForEvent('stopped')]);
    await Promise.all([dc.restartRequest({}), dc.waitForEvent('stopped')]);
    assert.strictEqual((await registers(dc)).get('eip'), '0x00100000');
    await Promise.all([dc.terminateRequest({}), dc.waitForEvent('terminated')]);
  });

  it('answers malformed requests with errors and stays alive', async () => {
    await launchStopped(dc, bare(HELLO));
    await assert.rejects(dc.variablesRequest({ variablesReference: 987654 }), /not valid/);
    await assert.rejects(
      dc.customRequest('readMemory', { memoryReference: 'banana', count: 4 }),
      /memoryReference must be an address/,
    );
    await assert.rejects(
      dc.customRequest('disassemble', { memoryReference: '0x100000', instructionCount: -1 }),
      /instructionCount/,
    );
    await assert.rejects(dc.setBreakpointsRequest({} as DebugProtocol.SetBreakpointsArguments), /source.path/);
    await assert.rejects(dc.stackTraceRequest({ threadId: 42 }), /unknown thread 42/);
    await assert.rejects(dc.evaluateRequest({ expression: '[[' }), /expected/);
    await assert.rejects(dc.customRequest('frobnicate', {}), /unrecognized request/);
    await assert.rejects(
      dc.setExceptionBreakpointsRequest({ filters: ['nosuch'] }),
      /unknown exception filter 'nosuch'/,
    );
    assert.strictEqual((await registers(dc)).get('eip'), '0x00100000', 'still alive and answering');
  });

  /** Restarts the current program and waits for the entry stop. */
  async function launchAgain(client: DebugClient): Promise<void> {
    await Promise.all([client.restartRequest({}), client.waitForEvent('stopped')]);
  }
});
