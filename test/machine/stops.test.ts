// How Machine.run reports the debugger's stops, on bare programs that program the PIC and the
// PIT themselves: an external interrupt or a single-step trap claimed by cpu.interceptEvent
// (nothing delivered, nothing changed, offered again on the next run), a data watchpoint
// (after the instruction, with the access), and the PIT counting one input clock per
// retired instruction.
import * as assert from 'node:assert/strict';
import type { CpuEvent } from '../../src/emulator/cpu/cpu';
import type { Machine } from '../../src/emulator/machine';
import { bareMachine, picInit, pitInit } from './bare';

const EBX = 3,
  ECX = 1;

/** IRQ0 every 50 instructions into a counting loop; the handler counts in EBX. */
const TIMER_PROGRAM = `
start:
${picInit}
${pitInit(50)}
    sti
spin:
    inc eax
    jmp spin
vec20:
    inc ebx
    push eax
    mov al, 0x20
    out 0x20, al
    pop eax
    iretd
`;

function recordingHook(machine: Machine, claim: (e: CpuEvent) => boolean): CpuEvent[] {
  const seen: CpuEvent[] = [];
  machine.cpu.interceptEvent = (e) => {
    seen.push(e);
    return claim(e);
  };
  return seen;
}

describe('Machine stops for the debugger', () => {
  it('an external interrupt claimed by interceptEvent is not acknowledged, stays pending and is offered again', () => {
    const { machine, labels } = bareMachine(TIMER_PROGRAM);
    let claim = true;
    const seen = recordingHook(machine, (e) => claim && e.kind === 'external');
    const stop = machine.run(100000);
    assert.equal(stop.reason, 'exception');
    assert.equal(stop.intercepted, true);
    assert.equal(stop.eventKind, 'external');
    assert.equal(stop.vector, 0x20);
    assert.equal(stop.faultEip, machine.cpu.eip);
    assert.ok(
      machine.cpu.eip === labels.get('spin') || machine.cpu.eip === labels.get('spin')! + 1,
      'stopped in the loop',
    );
    assert.deepEqual(seen.at(-1), { vector: 0x20, errorCode: undefined, kind: 'external', eip: machine.cpu.eip });
    const master = machine.timers.pic.master;
    assert.equal(master.isr, 0, 'no INTA cycle: nothing in service');
    assert.equal(master.irr & 1, 1, 'IRQ0 still requested');
    assert.equal(machine.cpu.regs[EBX], 0, 'the handler did not run');

    const before = machine.snapshot();
    const again = machine.run(100000);
    assert.deepEqual(again, { ...stop, executed: 0 }, 'the same stop at once');
    assert.deepEqual(machine.snapshot(), before, 'nothing changed');

    claim = false;
    const count = machine.cpu.instructionCount;
    machine.run(1);
    assert.equal(machine.cpu.regs[EBX], 1, 'let through: delivered, the handler ran its first instruction');
    assert.equal(master.isr, 1);
    assert.equal(machine.cpu.instructionCount, count + 1);
  });

  it('an emulator defect while the machine delivers an interrupt is an internal-error stop, not a host exception', () => {
    const { machine } = bareMachine(TIMER_PROGRAM);
    machine.cpu.deliverInterrupt = (): void => {
      throw new TypeError('injected defect');
    };
    const stop = machine.run(100000);
    assert.equal(stop.reason, 'exception');
    assert.equal(stop.vector, -1);
    assert.match(
      stop.message ?? '',
      /^internal error: delivering an event at EIP [0-9a-f]+: TypeError: injected defect/,
    );
  });

  it('a hook that claims nothing changes nothing: interrupts are taken at the same instruction counts as without one', () => {
    const counts = (hook: boolean): number[] => {
      const { machine, labels } = bareMachine(TIMER_PROGRAM);
      if (hook) recordingHook(machine, () => false);
      const taken: number[] = [];
      const handler = labels.get('vec20')!;
      while (taken.length < 20) {
        machine.run(1);
        if (machine.cpu.eip === handler) taken.push(machine.cpu.instructionCount);
      }
      return taken;
    };
    const without = counts(false);
    assert.deepEqual(counts(true), without);
    // Every 50 PIT clocks = 50 instructions, the handler's 6 included.
    for (let i = 1; i < without.length; i++) assert.equal(without[i] - without[i - 1], 50);
  });

  describe('single-step trap', () => {
    const STEP_PROGRAM = `
start:
    pushfd
    or dword [esp], 0x100
    popfd                       ; TF = 1: the first trap follows the NEXT instruction
    mov ecx, 1
second:
    mov ecx, 2
    pushfd
    and dword [esp], ~0x100
    popfd                       ; TF = 0: this POPFD still traps (TF was set when it began)
done:
    hlt
vec01:
    inc ebx
    iretd
`;

    it('is delivered after each instruction that began with TF set, with DR6.BS (SDM Vol.3 17.3.1.4)', () => {
      const { machine, labels } = bareMachine(STEP_PROGRAM);
      const stop = machine.run(1000);
      assert.equal(stop.reason, 'halt');
      // Traps after: mov ecx,1; mov ecx,2; pushfd; and; popfd (TF cleared) = 5.
      assert.equal(machine.cpu.regs[EBX], 5);
      assert.equal(machine.cpu.regs[ECX], 2);
      assert.equal(machine.cpu.dr[6] & 0x4000, 0x4000);
      assert.equal(machine.cpu.eip, labels.get('done')! + 1, "halted on the program's HLT");
    });

    it('claimed by interceptEvent: kind trap, EIP after the instruction, DR6 untouched, offered again until let through', () => {
      const { machine, labels } = bareMachine(STEP_PROGRAM);
      let claim = true;
      const seen = recordingHook(machine, (e) => claim && e.kind === 'trap');
      const dr6 = machine.cpu.dr[6];
      const stop = machine.run(1000);
      assert.equal(stop.reason, 'exception');
      assert.equal(stop.intercepted, true);
      assert.equal(stop.eventKind, 'trap');
      assert.equal(stop.vector, 1);
      assert.equal(stop.faultEip, labels.get('second'));
      assert.deepEqual(seen.at(-1), { vector: 1, errorCode: undefined, kind: 'trap', eip: labels.get('second') });
      assert.equal(machine.cpu.regs[ECX], 1);
      assert.equal(machine.cpu.dr[6], dr6);
      assert.equal(machine.cpu.regs[EBX], 0);

      const before = machine.snapshot();
      assert.deepEqual(machine.run(1000), { ...stop, executed: 0 });
      assert.deepEqual(machine.snapshot(), before, 'nothing changed');

      claim = false;
      const end = machine.run(1000);
      assert.equal(end.reason, 'halt');
      assert.equal(machine.cpu.regs[EBX], 5, 'the claimed trap was delivered, then the other four');
    });

    it('a snapshot taken at a claimed trap keeps it pending', () => {
      const { machine } = bareMachine(STEP_PROGRAM);
      recordingHook(machine, (e) => e.kind === 'trap');
      machine.run(1000);
      const state = machine.snapshot();
      assert.equal(state.machine.singleStepPending, true);
      machine.cpu.interceptEvent = undefined;
      machine.run(1000);
      assert.equal(machine.cpu.regs[EBX], 5);
      // The handler's stack writes are the only RAM changes, and they are rewritten alike.
      machine.restore(state);
      assert.equal(machine.cpu.regs[EBX], 0);
      machine.run(1000);
      assert.equal(machine.cpu.regs[EBX], 5);
    });
  });

  it('a data watchpoint stops after the instruction with the access, as the #DB trap of a data breakpoint', () => {
    const { machine, labels } = bareMachine(`
start:
    mov eax, 7
    mov [data], eax
after:
    mov ecx, [data]
    hlt
align 4
data:
    dd 0
`);
    const data = labels.get('data')!;
    machine.cpu.setWatchpoints([{ linear: data, length: 4, read: false, write: true }]);
    const stop = machine.run(1000);
    assert.equal(stop.reason, 'watchpoint');
    assert.equal(stop.faultEip, labels.get('after'));
    assert.deepEqual(stop.watch, { linear: data, size: 4, write: true, index: 0 });
    assert.equal(stop.intercepted, undefined);
    assert.equal(stop.executed, 2);
    assert.equal(machine.memory.read32(data), 7, 'the write was done');
    assert.equal(machine.run(1000).reason, 'halt', 'running on continues after the write');
    assert.equal(machine.cpu.regs[ECX], 7);
  });

  it('a watchpoint hit while single-stepping: the watchpoint stop first, then the single-step #DB before the next instruction', () => {
    const { machine, labels } = bareMachine(`
start:
    pushfd
    or dword [esp], 0x100
    popfd
    mov dword [data], 5
after:
    nop
    hlt
vec01:
    inc ebx
    and dword [esp + 8], ~0x100
    iretd
align 4
data:
    dd 0
`);
    machine.cpu.setWatchpoints([{ linear: labels.get('data')!, length: 4, read: true, write: true }]);
    const stop = machine.run(1000);
    assert.deepEqual([stop.reason, stop.faultEip, machine.cpu.regs[EBX]], ['watchpoint', labels.get('after'), 0]);
    assert.ok(stop.watch);
    machine.cpu.setWatchpoints([]);
    machine.run(1);
    assert.equal(machine.cpu.regs[EBX], 1, 'the #DB came first: its handler ran');
  });

  it('the PIT counts one input clock per retired instruction, read exactly in mid-block whatever the slicing', () => {
    const nops = 37;
    const source = `
start:
    mov al, 0x34
    out 0x43, al
    mov al, 0
    out 0x40, al
    out 0x40, al               ; counter 0, mode 2, count 65536
    mov al, 0
    out 0x43, al               ; latch
    in al, 0x40
    mov ah, al
    in al, 0x40
    xchg al, ah
    mov bx, ax
    times ${nops} nop
    mov al, 0
    out 0x43, al               ; latch again, ${nops} + 7 instructions after the first latch
    in al, 0x40
    mov ah, al
    in al, 0x40
    xchg al, ah
    mov cx, ax
    hlt
`;
    const reads = (slice: number): [number, number] => {
      const { machine } = bareMachine(source);
      while (machine.run(slice).reason === 'limit');
      return [machine.cpu.regs[EBX] & 0xffff, machine.cpu.regs[ECX] & 0xffff];
    };
    const [first, second] = reads(1000);
    assert.equal(first - second, nops + 7);
    assert.deepEqual(reads(1), [first, second], 'one instruction at a time');
    assert.deepEqual(reads(7), [first, second], 'slices of 7');
  });
});
