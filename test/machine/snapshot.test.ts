// Machine.snapshot() / Machine.restore(): the state covers every field of the CPU, the PIC
// pair, the PIT and the machine; a restored machine (with its RAM put back by the caller)
// runs on exactly as the original did, from anywhere: in user code, inside the timer's
// interrupt handler, right after HLT woke up, inside HLT.
import * as assert from 'node:assert/strict';
import { Machine } from '../../src/emulator/machine';
import {
  CPU_FIELDS_NOT_IN_STATE,
  CPU_STATE_FIELDS,
  MACHINE_FIELDS_NOT_IN_STATE,
  type MachineState,
} from '../../src/emulator/snapshot';
import { FPU_FIELDS_NOT_IN_STATE, FPU_STATE_FIELDS } from '../../src/emulator/cpu/fpu/state';
import { bootGuest, runGuest, seededRandom, type Guest } from './guest';

function sorted(keys: Iterable<string>): string[] {
  return [...keys].sort();
}

/** Every own enumerable field of `target` is either in `covered` or in `excluded`, not both. */
function assertCovered(what: string, target: object, covered: readonly string[], excluded: readonly string[]): void {
  const both = covered.filter((k) => excluded.includes(k));
  assert.deepEqual(both, [], `${what}: fields both saved and excluded`);
  assert.deepEqual(
    sorted(Object.keys(target)),
    sorted([...covered, ...excluded]),
    `${what}: own fields vs the snapshot's lists`,
  );
}

/** A value of the same type as `like`, different from it (random for numbers). */
function perturbed(like: unknown, random: () => number): unknown {
  switch (typeof like) {
    case 'boolean':
      return !like;
    case 'number':
      return Math.floor(random() * 0x7fffffff) + 1;
    case 'string':
      return `changed ${random()}`;
    case 'undefined':
      return Math.floor(random() * 0xffff);
    default:
      return like;
  }
}

/** Sets every state field of a machine to a random value through its snapshot, then restores it. */
function scrambled(machine: Machine, seed: number): MachineState {
  const random = seededRandom(seed);
  // Fields that are often undefined get a value of their type first, so it can be scrambled.
  const cpu = machine.cpu;
  cpu.exceptionErrorCode = 0x18;
  cpu.exceptionKind = 'trap';
  cpu.watchHit = { linear: 0x1000, size: 4, write: true, index: 1 };
  cpu.deferredWatchHit = { linear: 0x2000, size: 2, write: false, index: 0 };
  const state = machine.snapshot();
  const scramble = (o: Record<string, unknown>): void => {
    for (const [k, v] of Object.entries(o)) {
      if (ArrayBuffer.isView(v)) {
        const a = v as unknown as { length: number; [i: number]: number };
        for (let i = 0; i < a.length; i++) a[i] = Math.floor(random() * 0xffffffff);
      } else if (Array.isArray(v)) v.forEach((e) => scramble(e as Record<string, unknown>));
      else if (v !== null && typeof v === 'object') scramble(v as Record<string, unknown>);
      else if (k !== 'model' && k !== 'memoryBytes') o[k] = perturbed(v, random);
    }
  };
  scramble(state as unknown as Record<string, unknown>);
  // The bits of `flags` under `lazyFlags` are not state (a snapshot saves them as 0).
  state.cpu.flags = (state.cpu.flags & ~state.cpu.lazyFlags) >>> 0;
  return state;
}

/** The whole observable state: machine state plus a digest of RAM. */
function fullState(machine: Machine): { state: MachineState; ram: string } {
  const u32 = machine.memory.u32;
  let h1 = 0x811c9dc5,
    h2 = 0;
  for (let i = 0; i < u32.length; i++) {
    h1 = Math.imul(h1 ^ u32[i], 0x01000193);
    h2 = (h2 + Math.imul(u32[i], i | 1)) | 0;
  }
  return { state: machine.snapshot(), ram: `${(h1 >>> 0).toString(16)}-${(h2 >>> 0).toString(16)}` };
}

describe('Machine snapshot and restore', () => {
  it('covers every own field of the Cpu, the 8259As, the 8254 and its counters, and the Machine', () => {
    const machine = new Machine({ memoryBytes: 1 << 20 });
    assertCovered('Cpu', machine.cpu, CPU_STATE_FIELDS, Object.keys(CPU_FIELDS_NOT_IN_STATE));
    assertCovered('Fpu', machine.cpu.fpu, FPU_STATE_FIELDS, Object.keys(FPU_FIELDS_NOT_IN_STATE));
    const state = machine.snapshot();
    const pic = machine.timers.pic;
    assertCovered('PicPair', pic, Object.keys(state.pic), []);
    for (const chip of [pic.master, pic.slave])
      assertCovered('Pic8259', chip, Object.keys(state.pic.master), ['isMaster']);
    const pit = machine.timers.pit;
    assertCovered('Pit8254', pit, Object.keys(state.pit), ['onOut0']);
    const counters = Reflect.get(pit, 'counters') as object[];
    assert.equal(counters.length, state.pit.counters.length);
    for (const c of counters) assertCovered('8254 counter', c, Object.keys(state.pit.counters[0]), []);
    assertCovered('Machine', machine, Object.keys(state.machine), Object.keys(MACHINE_FIELDS_NOT_IN_STATE));
    assert.deepEqual(Object.keys(state.cpu).sort(), [...CPU_STATE_FIELDS].sort());
  });

  it('is plain data: a structured clone restores the same state', () => {
    const machine = new Machine({ memoryBytes: 1 << 20 });
    const state = scrambled(machine, 1);
    machine.restore(structuredClone(state));
    assert.deepEqual(machine.snapshot(), state);
  });

  it('restores every field: a scrambled state survives restore on a fresh machine, field by field', () => {
    for (const seed of [2, 3, 4]) {
      const state = scrambled(new Machine({ memoryBytes: 1 << 20 }), seed);
      const fresh = new Machine({ memoryBytes: 1 << 20 });
      fresh.restore(state);
      assert.deepEqual(fresh.snapshot(), state, `seed ${seed}`);
      // The snapshot is a copy, not a view of the machine.
      fresh.cpu.regs[0] ^= 1;
      fresh.cpu.eip ^= 1;
      assert.notEqual(state.cpu.regs[0], fresh.cpu.regs[0]);
      assert.notEqual(state.cpu.eip, fresh.cpu.eip);
    }
  });

  it('refuses a state of another CPU model or RAM size, and a malformed one, with a message', () => {
    const state = new Machine({ memoryBytes: 1 << 20, model: 'k6-2' }).snapshot();
    assert.throws(
      () => new Machine({ memoryBytes: 1 << 20, model: 'pentium-ii' }).restore(state),
      /k6-2 machine cannot be restored on a pentium-ii/,
    );
    assert.throws(
      () => new Machine({ memoryBytes: 2 << 20, model: 'k6-2' }).restore(state),
      /1048576 bytes of RAM cannot be restored on one with 2097152/,
    );
    const target = new Machine({ memoryBytes: 1 << 20, model: 'k6-2' });
    target.cpu.eip = 0x1234;
    const before = target.snapshot();
    const short = structuredClone(state);
    short.cpu.regs = new Int32Array(4);
    assert.throws(() => target.restore(short), /regs has 4 elements, not 8/);
    const partial: Partial<typeof state.cpu> = structuredClone(state.cpu);
    delete partial.halted;
    assert.throws(() => target.restore({ ...state, cpu: partial as typeof state.cpu }), /a CPU state has no halted/);
    assert.deepEqual(target.snapshot(), before, 'a refused state changes nothing');
  });

  it('flushes the TLB on restore', () => {
    const machine = new Machine({ memoryBytes: 1 << 20 });
    const state = machine.snapshot();
    machine.cpu.tlb.fill(5, 0x3000 | 0xf);
    machine.restore(state);
    assert.equal(machine.cpu.tlb.entries[5], 0);
  });

  describe('a restored kernel run repeats itself exactly (faults.asm on pentium-ii: timer, sleeps, idle HLT, user faults)', function () {
    this.timeout(120000);
    const AFTER = 12500;

    /** Runs `count` instructions in slices of 997 (so runs end at odd places). */
    function runFor(guest: Guest, count: number): string {
      return runGuest(guest, guest.machine.cpu.instructionCount + count, () => 997);
    }

    function replayFrom(guest: Guest, why: string): void {
      const machine = guest.machine;
      const state = machine.snapshot();
      const ram = machine.memory.u8.slice();
      const at = { console: guest.console.length, interrupts: guest.interrupts.length };
      const firstEnd = runFor(guest, AFTER);
      const first = {
        end: firstEnd,
        full: fullState(machine),
        console: guest.console.slice(at.console),
        interrupts: guest.interrupts.slice(at.interrupts),
      };
      machine.restore(state);
      machine.memory.load(ram, 0);
      guest.powerOff = undefined;
      const secondEnd = runFor(guest, AFTER);
      const second = {
        end: secondEnd,
        full: fullState(machine),
        console: guest.console.slice(at.console + first.console.length),
        interrupts: guest.interrupts.slice(at.interrupts + first.interrupts.length),
      };
      assert.ok(
        first.interrupts.length > 0 || first.end !== 'limit',
        `${why}: the replayed stretch should see the timer or the end`,
      );
      assert.deepEqual(second, first, why);
    }

    it('from fixed instruction counts', () => {
      // Counted from the first user instruction: the boot's length depends on the RAM the
      // kernel maps (all of it, through its physical window).
      const probe = bootGuest('faults.asm', 'pentium-ii');
      while (probe.machine.cpu.cpl !== 3) probe.machine.run(1);
      const booted = probe.machine.cpu.instructionCount;
      for (const n of [booted + 1000, booted + 4000, booted + 7000]) {
        const guest = bootGuest('faults.asm', 'pentium-ii');
        runFor(guest, n);
        assert.equal(guest.machine.cpu.instructionCount, n);
        replayFrom(guest, `snapshot at ${n}`);
      }
    });

    it('from inside the timer interrupt handler (IRQ0 in service at the PIC)', () => {
      const guest = bootGuest('faults.asm', 'pentium-ii');
      const master = guest.machine.timers.pic.master;
      let inHandler = 0;
      while (guest.powerOff === undefined && inHandler < 3) {
        guest.machine.run(1);
        if ((master.isr & 1) !== 0) inHandler++;
      }
      assert.equal(inHandler, 3, 'the timer interrupt should have been taken');
      replayFrom(guest, `snapshot in the IRQ0 handler at ${guest.machine.cpu.instructionCount}`);
    });

    it('from right after HLT woke up on the timer (the idle thread)', () => {
      const guest = bootGuest('faults.asm', 'pentium-ii');
      const machine = guest.machine;
      let idled = false;
      while (guest.powerOff === undefined && !idled) {
        const before = machine.snapshot().machine.idleTicks;
        machine.run(1);
        idled = machine.snapshot().machine.idleTicks !== before;
      }
      assert.ok(idled, 'the kernel should have idled in HLT');
      replayFrom(guest, `snapshot after HLT at ${machine.cpu.instructionCount}`);
    });

    it('from inside HLT, the waking timer interrupt held by interceptEvent', () => {
      const guest = bootGuest('faults.asm', 'pentium-ii');
      const machine = guest.machine;
      machine.cpu.interceptEvent = (e) => e.kind === 'external' && machine.cpu.halted;
      let stop = machine.run(1000);
      while (stop.reason === 'limit') stop = machine.run(1000);
      assert.equal(stop.intercepted, true, `the idle HLT should be woken by the timer (stop: ${stop.reason})`);
      assert.equal(machine.cpu.halted, true);
      machine.cpu.interceptEvent = undefined;
      replayFrom(guest, `snapshot in HLT at ${machine.cpu.instructionCount}`);
    });
  });
});
