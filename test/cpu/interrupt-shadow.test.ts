import * as assert from 'node:assert/strict';
import { StopReason } from '../../src/emulator/cpu/cpu';
import { bareCpu, CODE, STACK_TOP, withIdt, type BareCpu } from './cpuHarness';

// Where the CPU hands control back so the machine can take an interrupt: after every
// instruction that sets IF from 0 to 1 (STI, POPF, IRET, SYSRET, a task switch) the run stops
// with StopReason.Event at that exact boundary, whatever the budget; STI from IF = 0, MOV SS and
// POP SS open a shadow (SDM Vol.3 6.8.3) during which exactly one more instruction runs alone.
// Encodings from nasm (bits 32).

const STI = 0xfb,
  CLI = 0xfa,
  NOP = 0x90,
  HLT = 0xf4,
  INC_EBX = 0x43;
const PUSH_202H = [0x68, 0x02, 0x02, 0x00, 0x00];
const POPF = 0x9d;
const PUSH_SS = 0x16,
  POP_SS = 0x17;
const MOV_AX_10H = [0x66, 0xb8, 0x10, 0x00],
  MOV_SS_AX = [0x8e, 0xd0];
const IF = 0x200;

function ifOff(b: BareCpu): BareCpu {
  b.cpu.setEflags(b.cpu.getEflags() & ~IF);
  return b;
}

for (const compile of [true, false]) {
  describe(`IF 0->1 boundaries and interrupt shadows (${compile ? 'compiled blocks' : 'interpreter only'})`, () => {
    it('STI with IF = 0 stops after it with a shadow; the next instruction then runs alone', () => {
      const b = ifOff(bareCpu([STI, NOP, NOP, HLT], { compile }));
      assert.equal(b.run(1000), 1);
      assert.equal(b.cpu.stopReason, StopReason.Event);
      assert.equal(b.cpu.interruptShadow, true);
      assert.equal(b.cpu.debugShadow, false, 'STI does not hold off the single-step trap');
      assert.equal(b.run(1000), 1, 'the shadowed instruction alone');
      assert.equal(b.cpu.stopReason, StopReason.Event);
      assert.equal(b.cpu.interruptShadow, false);
      assert.equal(b.cpu.eip, CODE + 2);
      assert.equal(b.run(1000), 2);
      assert.equal(b.cpu.stopReason, StopReason.Halt);
    });

    it('STI with IF = 1 opens no shadow and does not stop the run', () => {
      const b = bareCpu([STI, NOP, HLT], { compile });
      b.cpu.setEflags(b.cpu.getEflags() | IF);
      assert.equal(b.run(1000), 3);
      assert.equal(b.cpu.stopReason, StopReason.Halt);
      assert.equal(b.cpu.interruptShadow, false);
    });

    it("STI; STI: the second STI runs in the first one's shadow and opens none", () => {
      const b = ifOff(bareCpu([STI, STI, NOP, HLT], { compile }));
      assert.equal(b.run(1000), 1);
      assert.equal(b.cpu.interruptShadow, true);
      assert.equal(b.run(1000), 1);
      assert.equal(b.cpu.stopReason, StopReason.Event);
      assert.equal(b.cpu.interruptShadow, false);
      assert.equal(b.cpu.eip, CODE + 2);
    });

    it('sti; hlt: HLT runs alone in the shadow and halts (the interrupt comes after HLT began)', () => {
      const b = ifOff(bareCpu([STI, HLT, INC_EBX], { compile }));
      assert.equal(b.run(1000), 1);
      assert.equal(b.run(1000), 1);
      assert.equal(b.cpu.halted, true);
      assert.equal(b.cpu.eip, CODE + 2);
      assert.equal(b.cpu.interruptShadow, false);
    });

    it('POPF setting IF stops right after it, with no shadow; POPF leaving IF at 1 does not stop', () => {
      const b = ifOff(bareCpu([...PUSH_202H, POPF, NOP, ...PUSH_202H, POPF, NOP, HLT], { compile }));
      assert.equal(b.run(1000), 2);
      assert.equal(b.cpu.stopReason, StopReason.Event);
      assert.equal(b.cpu.eip, CODE + 6);
      assert.equal(b.cpu.interruptShadow, false);
      assert.equal(b.run(1000), 5, 'nop; push; popf (IF stays 1); nop; hlt');
      assert.equal(b.cpu.stopReason, StopReason.Halt);
    });

    it('IRET loading IF = 1 stops right after it', () => {
      // push 202h; push cs; push CODE+18 (the INC); iret; cli; inc ebx; hlt
      const b = ifOff(
        bareCpu([...PUSH_202H, 0x0e, 0x68, 0x12, 0x10, 0x00, 0x00, 0xcf, CLI, INC_EBX, HLT], { compile }),
      );
      withIdt(b);
      assert.equal(b.run(1000), 4);
      assert.equal(b.cpu.stopReason, StopReason.Event);
      assert.equal(b.cpu.eip, CODE + 0x12);
      assert.equal((b.cpu.getEflags() & IF) !== 0, true);
    });

    it('MOV SS and POP SS open a shadow that also holds off debug events', () => {
      const mov = bareCpu([...MOV_AX_10H, ...MOV_SS_AX, NOP, NOP, HLT], { compile });
      withIdt(mov);
      assert.equal(mov.run(1000), 2);
      assert.equal(mov.cpu.stopReason, StopReason.Event);
      assert.equal(mov.cpu.interruptShadow, true);
      assert.equal(mov.cpu.debugShadow, true);
      assert.equal(mov.run(1000), 1);
      assert.equal(mov.cpu.interruptShadow || mov.cpu.debugShadow, false);
      const pop = bareCpu([PUSH_SS, POP_SS, NOP, HLT], { compile });
      withIdt(pop);
      assert.equal(pop.run(1000), 2);
      assert.equal(pop.cpu.debugShadow, true);
      assert.equal(pop.run(1000), 1);
      assert.equal(pop.cpu.eip, CODE + 3);
    });

    it('a watchpoint hit by POP SS is reported after the instruction that follows it', () => {
      const b = bareCpu([PUSH_SS, POP_SS, INC_EBX, HLT], { compile });
      withIdt(b);
      b.cpu.setWatchpoints([{ linear: STACK_TOP - 4, length: 4, read: true, write: false }]);
      assert.equal(b.run(1000), 2);
      assert.equal(b.cpu.stopReason, StopReason.Event);
      assert.equal(b.cpu.watchHit, undefined);
      assert.equal(b.run(1000), 1);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.regs[3], 1, 'the INC after POP SS ran');
      assert.deepEqual(b.cpu.watchHit, { linear: STACK_TOP - 4, size: 4, write: false, index: 0 });
    });

    it('a watchpoint hit by POP SS followed by HLT is reported, and the CPU stays halted', () => {
      const b = bareCpu([PUSH_SS, POP_SS, HLT], { compile });
      withIdt(b);
      b.cpu.setWatchpoints([{ linear: STACK_TOP - 4, length: 4, read: true, write: false }]);
      assert.equal(b.run(1000), 2);
      assert.equal(b.run(1000), 1);
      assert.equal(b.cpu.stopReason, StopReason.Watchpoint);
      assert.equal(b.cpu.halted, true);
      assert.equal(b.run(1000), 0);
      assert.equal(b.cpu.stopReason, StopReason.Halt);
    });

    it('every boundary where IF has just become 1 is a stop, whatever the slicing', () => {
      // A mix of CLI and the IF-setting instructions, each followed by a few plain ones.
      const code: number[] = [];
      const loop = [
        CLI,
        INC_EBX,
        STI,
        INC_EBX,
        INC_EBX,
        CLI,
        ...PUSH_202H,
        POPF,
        INC_EBX,
        CLI,
        STI,
        STI,
        INC_EBX,
        PUSH_SS,
        POP_SS,
        INC_EBX,
        INC_EBX,
      ];
      for (let i = 0; i < 6; i++) code.push(...loop);
      code.push(HLT);
      // Step by step: the counts at which an interrupt may first be taken after IF rose.
      const step = ifOff(bareCpu(code, { compile }));
      withIdt(step);
      const eligible: number[] = [];
      let blockedBefore = true; // IF = 0 or a shadow at the previous boundary
      while (!step.cpu.halted) {
        step.run(1);
        const blocked = (step.cpu.getEflags() & IF) === 0 || step.cpu.interruptShadow;
        if (blockedBefore && !blocked) eligible.push(step.cpu.instructionCount);
        blockedBefore = blocked;
      }
      assert.ok(eligible.length >= 6 * 3, `found ${eligible.length} boundaries`);
      for (const slice of [1e9, 7, 3]) {
        const full = ifOff(bareCpu(code, { compile }));
        withIdt(full);
        const stops = new Set<number>();
        while (!full.cpu.halted) {
          full.run(slice);
          if (full.cpu.stopReason === StopReason.Event) stops.add(full.cpu.instructionCount);
        }
        for (const at of eligible)
          assert.ok(stops.has(at), `slice ${slice}: no stop at instruction ${at} (IF became 1 there)`);
      }
    });
  });
}
