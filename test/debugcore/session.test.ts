// MachineSession in process, on programs assembled by our assembler: the cases where stepping
// must reason about the stack (recursion) and where run control meets the machine's stops.

import * as assert from 'assert';
import { assemble } from '../../src/asm/index';
import { Machine } from '../../src/emulator/machine';
import { ESP, EAX, ESI } from '../../src/emulator/cpu/cpu';
import { LoadedImage } from '../../src/debugcore/image';
import { MachineSession, type StopEvent } from '../../src/debugcore/session';

const FACT = `bits 32
org 0x100000
start:
    mov eax, 4
    call fact
    hlt
fact:                       ; eax = eax!
    cmp eax, 1
    jbe .one
    push eax
    dec eax
    call fact               ; line 12
    pop ecx                 ; line 13
    imul eax, ecx
    ret
.one:
    mov eax, 1
    ret
`;

interface Harness {
  session: MachineSession;
  machine: Machine;
  /** Output events so far, `category: text`. */
  output: string[];
  next(): Promise<StopEvent | { exited: number; reason: string }>;
  /** Starts or resumes with `action` and waits for the next stop or the end. */
  run(action: () => void): Promise<StopEvent | { exited: number; reason: string }>;
}

function harness(source: string): Harness {
  const r = assemble(source, { fileName: '/t/p.asm' });
  assert.ok(r.ok && r.bytes, JSON.stringify(r.diagnostics));
  const image = new LoadedImage(
    'program',
    r.origin,
    r.bytes!,
    r.origin,
    r.lineMap.entries,
    r.symbols.map((s) => ({ ...s, kind: s.kind })),
    '/t/p.asm',
  );
  const machine = new Machine({ memoryBytes: 4 * 1024 * 1024 });
  machine.cpu.setFlat32();
  machine.memory.load(r.bytes!, r.origin);
  machine.cpu.eip = r.origin;
  machine.cpu.regs[ESP] = 0x400000;
  let resolve: ((v: StopEvent | { exited: number; reason: string }) => void) | undefined;
  const output: string[] = [];
  const session = new MachineSession(machine, [image], {
    stopped: (e) => resolve?.(e),
    output: (text, category) => output.push(`${category}: ${text}`),
    exited: (code, reason) => resolve?.({ exited: code, reason }),
  });
  const next = (): Promise<StopEvent | { exited: number; reason: string }> => new Promise((r) => (resolve = r));
  return {
    session,
    machine,
    output,
    next,
    run: (action) => {
      const stop = next();
      action();
      return stop;
    },
  };
}

describe('debugcore run control', () => {
  it('step over a recursive call returns to the same frame, not a deeper one', async () => {
    const h = harness(FACT);
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [{ line: 12 }], h.session.images);
    let stop = h.next();
    h.session.start(false);
    assert.strictEqual(((await stop) as StopEvent).reason, 'breakpoint');
    const esp = h.machine.cpu.regs[ESP];
    assert.strictEqual(h.machine.cpu.regs[EAX], 3, 'first hit: fact(4) calls fact(3)');
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [], h.session.images);
    stop = h.next();
    h.session.stepOver('line');
    assert.strictEqual(((await stop) as StopEvent).reason, 'step');
    assert.strictEqual(h.session.lineAt(h.machine.cpu.eip)?.line, 13);
    assert.strictEqual(h.machine.cpu.regs[ESP], esp, 'back in the frame that made the call');
    assert.strictEqual(h.machine.cpu.regs[EAX], 6, 'fact(3) = 6 came back');
  });

  it('step out of the innermost recursion lands after the call in its caller', async () => {
    const h = harness(FACT);
    h.session.breakpoints.setFunctionBreakpoints([{ name: 'fact.one' }], h.session.images);
    let stop = h.next();
    h.session.start(false);
    await stop;
    const esp = h.machine.cpu.regs[ESP];
    stop = h.next();
    h.session.stepOut();
    await stop;
    assert.strictEqual(h.session.lineAt(h.machine.cpu.eip)?.line, 13);
    assert.strictEqual(h.machine.cpu.regs[ESP], esp + 4, 'the return address was popped');
    assert.strictEqual(h.machine.cpu.regs[EAX], 1);
  });

  it('reverse continue walks back through earlier hits of the same breakpoint', async () => {
    const h = harness(FACT);
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [{ line: 13 }], h.session.images);
    let stop = h.next();
    h.session.start(false);
    await stop;
    const seen: number[] = [h.machine.cpu.regs[EAX]];
    for (let i = 0; i < 2; i++) {
      stop = h.next();
      h.session.continue();
      await stop;
      seen.push(h.machine.cpu.regs[EAX]);
    }
    assert.deepStrictEqual(seen, [1, 2, 6], 'eax after each return: 1!, 2!, 3!');
    stop = h.next();
    h.session.reverseContinue();
    await stop;
    assert.strictEqual(h.machine.cpu.regs[EAX], 2);
    stop = h.next();
    h.session.reverseContinue();
    await stop;
    assert.strictEqual(h.machine.cpu.regs[EAX], 1);
  });

  // Two lines, each written by one REP OUTSB (every byte of a line at the same instruction
  // count), with the port trace on: the trace and the console must each be sent once.
  const TWO_LINES = `bits 32
org 0x100000
start:
    mov dx, 0xe9
    mov esi, one
    mov ecx, 4
    rep outsb               ; line 7
    mov esi, two            ; line 8
    mov ecx, 4
    rep outsb               ; line 10
    nop                     ; line 11
    hlt
one: db "one", 10
two: db "two", 10
`;

  it('output after going back is not sent again, REP OUTS bytes at one instruction count included', async () => {
    const h = harness(TWO_LINES);
    h.session.tracePorts = true;
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [{ line: 11 }], h.session.images);
    await h.run(() => h.session.start(false));
    const first = h.output.join('');
    assert.strictEqual(
      h.output
        .filter((o) => o.startsWith('stdout'))
        .map((o) => o.slice(8))
        .join(''),
      'one\ntwo\n',
    );
    assert.strictEqual(h.output.filter((o) => o.startsWith('console: port e9 ')).length, 8, 'one trace line per byte');
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [{ line: 8 }, { line: 11 }], h.session.images);
    await h.run(() => h.session.reverseContinue());
    assert.strictEqual(h.session.lineAt(h.machine.cpu.eip)?.line, 8);
    await h.run(() => h.session.stepBack('instruction'));
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [{ line: 11 }], h.session.images);
    await h.run(() => h.session.continue());
    assert.strictEqual(h.session.lineAt(h.machine.cpu.eip)?.line, 11);
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [], h.session.images);
    const end = await h.run(() => h.session.continue());
    assert.ok('exited' in end);
    assert.strictEqual(h.output.join(''), first, 'nothing more: the rest of the run had been sent');
  });

  it('after an edit the output is that of the new future: sent although earlier runs passed there', async () => {
    const h = harness(TWO_LINES);
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [{ line: 11 }], h.session.images);
    await h.run(() => h.session.start(false));
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [{ line: 10 }], h.session.images);
    await h.run(() => h.session.reverseContinue());
    assert.strictEqual(h.session.lineAt(h.machine.cpu.eip)?.line, 10);
    h.machine.cpu.regs[ESI] = h.session.symbolAddress('one')!;
    h.session.edited();
    h.session.breakpoints.setSourceBreakpoints('/t/p.asm', [], h.session.images);
    await h.run(() => h.session.continue());
    assert.strictEqual(
      h.output
        .filter((o) => o.startsWith('stdout'))
        .map((o) => o.slice(8))
        .join(''),
      'one\ntwo\none\n',
    );
  });

  it('a HLT ends the run with the exit status written to port 0xF4', async () => {
    const h = harness('bits 32\norg 0x100000\n    mov al, 7\n    out 0xf4, al\n    hlt\n');
    const stop = h.next();
    h.session.start(false);
    const end = (await stop) as { exited: number; reason: string };
    assert.strictEqual(end.exited, 7);
    assert.match(end.reason, /HLT/);
  });
});
