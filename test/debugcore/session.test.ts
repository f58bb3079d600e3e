// MachineSession in process, on programs assembled by our assembler: the cases where stepping
// must reason about the stack (recursion) and where run control meets the machine's stops.

import * as assert from 'assert';
import { assemble } from '../../src/asm/index';
import { Machine } from '../../src/emulator/machine';
import { ESP, EAX } from '../../src/emulator/cpu/cpu';
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
  next(): Promise<StopEvent | { exited: number; reason: string }>;
}

function harness(source: string): Harness {
  const r = assemble(source, { fileName: '/t/p.asm' });
  assert.ok(r.ok && r.bytes, JSON.stringify(r.diagnostics));
  const image = new LoadedImage('program', r.origin, r.bytes!, r.origin, r.lineMap.entries, r.symbols.map((s) => ({ ...s, kind: s.kind })), '/t/p.asm');
  const machine = new Machine({ memoryBytes: 4 * 1024 * 1024 });
  machine.cpu.setFlat32();
  machine.memory.load(r.bytes!, r.origin);
  machine.cpu.eip = r.origin;
  machine.cpu.regs[ESP] = 0x400000;
  let resolve: ((v: StopEvent | { exited: number; reason: string }) => void) | undefined;
  const session = new MachineSession(machine, [image], {
    stopped: (e) => resolve?.(e),
    output: () => undefined,
    exited: (code, reason) => resolve?.({ exited: code, reason }),
  });
  return { session, machine, next: () => new Promise((r) => (resolve = r)) };
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

  it('a HLT ends the run with the exit status written to port 0xF4', async () => {
    const h = harness('bits 32\norg 0x100000\n    mov al, 7\n    out 0xf4, al\n    hlt\n');
    const stop = h.next();
    h.session.start(false);
    const end = (await stop) as { exited: number; reason: string };
    assert.strictEqual(end.exited, 7);
    assert.match(end.reason, /HLT/);
  });
});
