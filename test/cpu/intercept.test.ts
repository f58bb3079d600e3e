import * as assert from 'node:assert/strict';
import { StopReason, type CpuEvent } from '../../src/emulator/cpu/cpu';
import { bareCpu, CODE, DEFAULT_HANDLER, STACK_TOP, withIdt, type BareCpu } from './cpuHarness';

// cpu.interceptEvent: an event the hook claims is not delivered and changes nothing: a fault
// leaves EIP on the faulting instruction, INT n / INT3 / INTO leave EIP on the instruction,
// which has not retired. Running again asks the hook again; when it lets the event through,
// the event is delivered exactly as without a hook (compared with a CPU that has none).
// Encodings from nasm (bits 32).

const HLT = 0xf4;

interface Case {
  name: string;
  code: number[];
  /** Instructions that retire before the event. */
  before: number;
  vector: number;
  errorCode: number | undefined;
  kind: CpuEvent['kind'];
  /** Offset from CODE of the instruction raising the event. */
  at: number;
  /** The EIP the delivered frame holds (on the instruction for a fault, after it for INT). */
  frameEip: number;
}

const CASES: Case[] = [
  // mov eax, 1; int 0x40
  {
    name: 'INT n',
    code: [0xb8, 1, 0, 0, 0, 0xcd, 0x40, HLT],
    before: 1,
    vector: 0x40,
    errorCode: undefined,
    kind: 'software',
    at: 5,
    frameEip: 7,
  },
  // mov eax, 1; int3
  {
    name: 'INT3',
    code: [0xb8, 1, 0, 0, 0, 0xcc, HLT],
    before: 1,
    vector: 3,
    errorCode: undefined,
    kind: 'software',
    at: 5,
    frameEip: 6,
  },
  // mov al, 7fh; add al, 1 (OF = 1); into
  {
    name: 'INTO',
    code: [0xb0, 0x7f, 0x04, 0x01, 0xce, HLT],
    before: 2,
    vector: 4,
    errorCode: undefined,
    kind: 'software',
    at: 4,
    frameEip: 5,
  },
  // xor ecx, ecx; div ecx: #DE, a fault
  {
    name: '#DE (fault)',
    code: [0x31, 0xc9, 0xf7, 0xf1, HLT],
    before: 1,
    vector: 0,
    errorCode: undefined,
    kind: 'fault',
    at: 2,
    frameEip: 2,
  },
  // mov ax, 1234h; mov ds, ax: selector past the GDT limit, #GP(1234h)
  {
    name: '#GP with an error code (fault)',
    code: [0x66, 0xb8, 0x34, 0x12, 0x8e, 0xd8, HLT],
    before: 1,
    vector: 13,
    errorCode: 0x1234,
    kind: 'fault',
    at: 4,
    frameEip: 4,
  },
];

function state(b: BareCpu): unknown {
  const c = b.cpu;
  return {
    regs: Array.from(c.regs),
    eip: c.eip,
    eflags: c.getEflags(),
    sel: Array.from(c.segSelector),
    cpl: c.cpl,
    cr2: c.cr2,
    count: c.instructionCount,
    events: c.eventCount,
    stack: Array.from(b.memory.u8.subarray(STACK_TOP - 64, STACK_TOP)),
  };
}

for (const compile of [true, false]) {
  describe(`cpu.interceptEvent (${compile ? 'compiled blocks' : 'interpreter only'})`, () => {
    for (const c of CASES) {
      it(`${c.name}: intercepted with nothing changed, then let through and delivered as without a hook`, () => {
        // Reference: the same program without a hook, stopped right before the event.
        const ref = bareCpu(c.code, { compile });
        withIdt(ref);
        assert.equal(ref.run(c.before), c.before);
        const b = bareCpu(c.code, { compile });
        withIdt(b);
        const seen: CpuEvent[] = [];
        let allow = false;
        b.cpu.interceptEvent = (e) => {
          seen.push({ ...e });
          return !allow;
        };
        assert.equal(b.run(100), c.before, "the event's instruction does not retire");
        assert.equal(b.cpu.stopReason, StopReason.Exception);
        assert.equal(b.cpu.exceptionIntercepted, true);
        assert.equal(b.cpu.exceptionKind, c.kind);
        assert.equal(b.cpu.exceptionVector, c.vector);
        assert.equal(b.cpu.exceptionErrorCode, c.errorCode);
        assert.equal(b.cpu.exceptionEip, CODE + c.at);
        assert.deepEqual(seen, [{ vector: c.vector, errorCode: c.errorCode, kind: c.kind, eip: CODE + c.at }]);
        assert.deepEqual(state(b), state(ref));
        // Running again re-executes the instruction and asks again: still claimed.
        assert.equal(b.run(100), 0);
        assert.equal(seen.length, 2);
        assert.deepEqual(state(b), state(ref));
        // Let through: delivered to the handler (a HLT) with the frame the SDM describes.
        allow = true;
        // INT n / INT3 / INTO retire and then the handler's HLT; a fault retires nothing before the HLT.
        assert.equal(b.run(100), c.kind === 'software' ? 2 : 1);
        assert.equal(b.cpu.stopReason, StopReason.Halt);
        assert.equal(b.cpu.exceptionIntercepted, false);
        assert.equal(b.cpu.eip, DEFAULT_HANDLER + 1);
        const esp = b.cpu.regs[4] >>> 0;
        const frame = c.errorCode !== undefined ? esp + 4 : esp;
        if (c.errorCode !== undefined) assert.equal(b.memory.read32(esp), c.errorCode);
        assert.equal(b.memory.read32(frame), CODE + c.frameEip);
        assert.equal(b.memory.read32(frame + 4), 0x08);
        // The same delivery on the CPU without a hook.
        ref.run(100);
        assert.deepEqual(state(b), state(ref));
      });
    }

    it('#PF intercepted leaves CR2 as it was; let through, CR2 holds the linear address', () => {
      // mov eax, [0x5000] with linear page 5000h not present (identity paging otherwise)
      const b = bareCpu([0xa1, 0x00, 0x50, 0x00, 0x00, HLT], { compile });
      withIdt(b);
      b.memory.write32(0x10000, 0x11000 | 7);
      for (let i = 0; i < 256; i++) b.memory.write32(0x11000 + i * 4, i === 5 ? 0 : (i << 12) | 7);
      b.cpu.cr3 = 0x10000;
      b.cpu.cr0 |= 0x80000000;
      b.cpu.cr2 = 0x1111;
      let allow = false;
      b.cpu.interceptEvent = () => !allow;
      assert.equal(b.run(100), 0);
      assert.equal(b.cpu.exceptionIntercepted, true);
      assert.equal(b.cpu.exceptionVector, 14);
      assert.equal(b.cpu.exceptionErrorCode, 0);
      assert.equal(b.cpu.cr2, 0x1111);
      allow = true;
      b.run(100);
      assert.equal(b.cpu.stopReason, StopReason.Halt);
      assert.equal(b.cpu.cr2, 0x5000);
      assert.equal(b.memory.read32(b.cpu.regs[4] >>> 0), 0, '#PF error code: not present, read, supervisor');
    });

    it('INT n intercepted inside a hot loop: precise retired count, the loop resumes when let through', () => {
      // l: inc ebx; int 0x40; jmp l   with the 0x40 handler an IRET at 3100h
      const b = bareCpu([0x43, 0xcd, 0x40, 0xeb, 0xfb], { compile });
      withIdt(b, { 0x40: 0x3100 });
      b.memory.write8(0x3100, 0xcf);
      let asked = 0;
      b.cpu.interceptEvent = () => ++asked === 30;
      const n = b.run(10_000);
      assert.equal(b.cpu.stopReason, StopReason.Exception);
      assert.equal(b.cpu.exceptionIntercepted, true);
      assert.equal(b.cpu.regs[3], 30);
      assert.equal(b.cpu.eip, CODE + 1);
      // 30 INC, 29 INT, 29 IRET, 29 JMP.
      assert.equal(n, 30 + 29 * 3);
      assert.equal(b.cpu.instructionCount, n);
      assert.equal(b.cpu.regs[4] >>> 0, STACK_TOP);
      assert.equal(b.run(4), 4, 'INT, IRET, JMP, INC');
      assert.equal(b.cpu.regs[3], 31);
    });

    it('#DE raised in a hot (compiled) loop: intercepted precisely, then delivered', () => {
      // l: inc ebx; mov eax, 100; xor edx, edx; mov edi, ecx; sub edi, 20; div edi; dec ecx; jnz l; hlt
      const code = [
        0x43,
        0xb8,
        0x64,
        0,
        0,
        0,
        0x31,
        0xd2,
        0x89,
        0xcf,
        0x83,
        0xef,
        0x14,
        0xf7,
        0xf7,
        0x49,
        0x75,
        0xee,
        HLT,
      ];
      const b = bareCpu(code, { compile });
      withIdt(b);
      b.cpu.regs[1] = 60;
      let allow = false;
      b.cpu.interceptEvent = () => !allow;
      // 40 rounds of 8, then INC..SUB of the 41st: the DIV by ECX - 20 = 0 faults.
      assert.equal(b.run(10_000), 40 * 8 + 5);
      assert.equal(b.cpu.exceptionIntercepted, true);
      assert.equal(b.cpu.exceptionVector, 0);
      assert.equal(b.cpu.eip, CODE + 0x0d);
      assert.equal(b.cpu.instructionCount, 40 * 8 + 5);
      assert.deepEqual(
        [b.cpu.regs[0], b.cpu.regs[1], b.cpu.regs[2], b.cpu.regs[3], b.cpu.regs[7]],
        [100, 20, 0, 41, 0],
      );
      allow = true;
      assert.equal(b.run(100), 1);
      assert.equal(b.cpu.eip, DEFAULT_HANDLER + 1);
      assert.equal(b.memory.read32(b.cpu.regs[4] >>> 0), CODE + 0x0d);
    });

    it('in the flat test mode without an IDT (eventsStopRun) the hook is not asked: the CPU stops by itself', () => {
      const b = bareCpu([0xcd, 0x40, HLT], { compile });
      let asked = 0;
      b.cpu.interceptEvent = () => {
        asked++;
        return true;
      };
      b.run(100);
      assert.equal(asked, 0);
      assert.equal(b.cpu.stopReason, StopReason.Exception);
      assert.equal(b.cpu.exceptionIntercepted, false);
      assert.equal(b.cpu.exceptionKind, 'software');
    });

    it('an external-interrupt style delivery (deliverInterrupt, not software) is not offered to the hook', () => {
      const b = bareCpu([0x90, HLT], { compile });
      withIdt(b);
      let asked = 0;
      b.cpu.interceptEvent = () => {
        asked++;
        return true;
      };
      b.cpu.deliverInterrupt(0x20, false);
      assert.equal(asked, 0, 'the machine offers external interrupts itself, before acknowledging the PIC');
      assert.equal(b.cpu.eip, DEFAULT_HANDLER);
    });

    it('offerEvent records an intercepted stop for the machine (external, trap kinds)', () => {
      const b = bareCpu([HLT], { compile });
      withIdt(b);
      b.cpu.interceptEvent = (e) => e.kind === 'external';
      assert.equal(b.cpu.offerEvent(1, undefined, 'trap', CODE), false);
      assert.equal(b.cpu.stopReason, StopReason.None);
      assert.equal(b.cpu.offerEvent(0x20, undefined, 'external', CODE), true);
      assert.equal(b.cpu.stopReason, StopReason.Exception);
      assert.equal(b.cpu.exceptionIntercepted, true);
      assert.equal(b.cpu.exceptionKind, 'external');
    });
  });
}
