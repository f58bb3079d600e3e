// The debug registers where the system ROMs (test/system/debugregs*.asm) cannot look: the
// debugger's data watchpoints seeing the processor's own frame pushes (software and external
// interrupts), I/O breakpoints (CR4.DE), data breakpoints in compiled code, the breakpoint
// lists re-armed on restore, and nothing armed without DR7 enables (the accessors' fast path).
// SDM Vol.3 chapter 17; programs assembled by NASM.
import * as assert from 'node:assert/strict';
import { bareMachine, picInit, pitInit, STACK_TOP } from './bare';
import { Machine } from '../../src/emulator/machine';

const EBX = 3,
  ECX = 1,
  EDX = 2;

describe('debug registers and frame pushes (machine)', () => {
  it('a debugger write watchpoint on the stack sees the frame INT n pushes: stop on the handler, before it runs', () => {
    const { machine, labels } = bareMachine(`
start:
    int 0x40
    hlt
vec40:
    inc ebx
    iretd
`);
    machine.cpu.setWatchpoints([{ linear: STACK_TOP - 4, length: 4, read: false, write: true }]);
    const stop = machine.run(1000);
    assert.equal(stop.reason, 'watchpoint');
    assert.equal(stop.faultEip, labels.get('vec40'));
    assert.deepEqual(stop.watch, { linear: STACK_TOP - 4, size: 4, write: true, index: 0 });
    assert.equal(machine.cpu.regs[EBX], 0, 'the handler has not run');
    assert.equal(machine.run(1000).reason, 'halt');
    assert.equal(machine.cpu.regs[EBX], 1);
  });

  it('the frame of an external interrupt stops the run on the handler, before its first instruction', () => {
    const { machine, labels } = bareMachine(`
start:
${picInit}
${pitInit(50)}
    sti
spin:
    jmp spin
vec20:
    inc ebx
    cli
    hlt
`);
    machine.cpu.setWatchpoints([{ linear: STACK_TOP - 12, length: 4, read: false, write: true }]);
    const stop = machine.run(100000);
    assert.equal(stop.reason, 'watchpoint');
    assert.equal(stop.faultEip, labels.get('vec20'));
    assert.equal(machine.cpu.regs[EBX], 0);
    assert.equal(machine.memory.read32(STACK_TOP - 12), labels.get('spin'), 'the saved EIP was written');
  });

  it('an I/O breakpoint (R/W = 10, CR4.DE) traps after OUT and IN to its port; without CR4.DE nothing', () => {
    for (const de of [true, false]) {
      const { machine, labels } = bareMachine(`
start:
    mov eax, cr4
    ${de ? 'or eax, 8' : 'and eax, ~8'}
    mov cr4, eax
    mov eax, 0x80
    mov dr0, eax
    mov eax, 0x20001            ; L0, R/W0 = 10 (I/O), LEN0 = 00
    mov dr7, eax
    mov al, 1
    out 0x81, al                ; another port: no hit
    out 0x80, al
after_out:
    in al, 0x80
after_in:
    hlt
vec01:
    inc ebx
    mov ecx, [esp]
    mov edx, dr6
    xor eax, eax
    mov dr6, eax
    cmp ebx, 1
    jne .second
    mov [first_eip], ecx
    mov [first_dr6], edx
.second:
    iretd
align 4
first_eip: dd 0
first_dr6: dd 0
`);
      assert.equal(machine.run(1000).reason, 'halt');
      if (!de) {
        assert.equal(machine.cpu.regs[EBX], 0);
        continue;
      }
      assert.equal(machine.cpu.regs[EBX], 2, 'one #DB after OUT, one after IN');
      assert.equal(machine.memory.read32(labels.get('first_eip')!), labels.get('after_out'));
      assert.equal(machine.memory.read32(labels.get('first_dr6')!) & 0xe00f, 1);
      assert.equal(machine.cpu.regs[ECX], labels.get('after_in'));
      assert.equal(machine.cpu.regs[EDX] & 0xe00f, 1);
    }
  });

  it('a data breakpoint in a hot loop (compiled) traps on every iteration that writes', () => {
    const { machine } = bareMachine(`
start:
    mov eax, data
    mov dr0, eax
    mov eax, 0xd0001            ; L0, R/W0 = 01 (write), LEN0 = 11
    mov dr7, eax
    mov ecx, 200
loop:
    mov [data], ecx
    add esi, 1
    dec ecx
    jnz loop
    hlt
vec01:
    inc ebx
    iretd
align 4
data: dd 0
`);
    assert.equal(machine.run(100000).reason, 'halt');
    assert.equal(machine.cpu.regs[EBX], 200);
    assert.equal(machine.cpu.regs[6], 200);
  });

  it('DR0-DR3 loaded with DR7 enables clear arms nothing; a snapshot restored elsewhere re-arms them', () => {
    const { machine } = bareMachine(`
start:
    mov eax, 0x3000
    mov dr0, eax
    mov dr1, eax
    mov eax, 0xdd0000           ; R/W = 01 and LEN = 11 for DR0, DR1; no L/G bit
    mov dr7, eax
    hlt
`);
    assert.equal(machine.run(100).reason, 'halt');
    assert.equal(machine.cpu.watching, false);
    assert.equal(machine.cpu.codeBreakpoints, 0);
    machine.cpu.dr[7] |= 1;
    const state = machine.snapshot();
    const other = new Machine({ memoryBytes: 1 << 20, model: 'pentium-ii' });
    other.restore(state);
    assert.equal(other.cpu.watching, true);
    assert.deepEqual(Array.from(other.cpu.breakRanges), [0x3000, 4, 0, 0]);
  });
});
