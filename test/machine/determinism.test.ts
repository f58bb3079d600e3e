// Deterministic time: the guest kernel and a program run to the end one instruction at a time
// (run(1) repeated), in one call, and in seeded random slices must retire the same number of
// instructions, take every external interrupt at the same instruction count, print the same
// console output and end in the same machine state (registers, descriptor caches, PIC, PIT,
// RAM). Each model runs every system-call mechanism it has (kernel option mechanism=).
import * as assert from 'node:assert/strict';
import type { ModelId } from '../../src/isa/models';
import { findModel } from '../../src/isa/models';
import type { MachineState } from '../../src/emulator/snapshot';
import { bootGuest, runGuest, seededRandom } from './guest';

/** More than any of these programs needs; reaching it is a failure. */
const LIMIT = 5_000_000;

interface Outcome {
  end: string;
  instructions: number;
  interrupts: [number, number][];
  console: string;
  state: MachineState;
  ram: string;
}

function ramDigest(u32: Uint32Array): string {
  let h1 = 0x811c9dc5,
    h2 = 0;
  for (let i = 0; i < u32.length; i++) {
    h1 = Math.imul(h1 ^ u32[i], 0x01000193);
    h2 = (h2 + Math.imul(u32[i], i | 1)) | 0;
  }
  return `${(h1 >>> 0).toString(16)}-${(h2 >>> 0).toString(16)}`;
}

function runToEnd(program: string, model: ModelId, mechanism: string, slice: () => number): Outcome {
  const guest = bootGuest(program, model, `kernel mechanism=${mechanism}`);
  const end = runGuest(guest, LIMIT, slice);
  const machine = guest.machine;
  return {
    end,
    instructions: machine.cpu.instructionCount,
    interrupts: guest.interrupts,
    console: guest.console,
    state: machine.snapshot(),
    ram: ramDigest(machine.memory.u32),
  };
}

/** The first difference between two outcomes, in words (deepEqual's diff of a whole state is unreadable). */
function firstDifference(a: Outcome, b: Outcome): string | undefined {
  if (a.end !== b.end) return `end: ${a.end} vs ${b.end}`;
  if (a.instructions !== b.instructions) return `instructions retired: ${a.instructions} vs ${b.instructions}`;
  const n = Math.min(a.interrupts.length, b.interrupts.length);
  for (let i = 0; i < n; i++) {
    if (a.interrupts[i][0] !== b.interrupts[i][0] || a.interrupts[i][1] !== b.interrupts[i][1]) {
      return `external interrupt #${i}: vector ${a.interrupts[i][1]} at instruction ${a.interrupts[i][0]} vs vector ${b.interrupts[i][1]} at ${b.interrupts[i][0]}`;
    }
  }
  if (a.interrupts.length !== b.interrupts.length)
    return `external interrupts taken: ${a.interrupts.length} vs ${b.interrupts.length}`;
  if (a.console !== b.console) return `console output differs:\n${a.console}\n---\n${b.console}`;
  if (a.ram !== b.ram) return 'RAM contents differ';
  try {
    assert.deepEqual(b.state, a.state);
  } catch (e) {
    return `machine state differs: ${(e as Error).message}`;
  }
  return undefined;
}

const MODELS: ModelId[] = ['i386', 'pentium-ii', 'k6-2', 'athlon'];

function mechanismsOf(model: ModelId): string[] {
  const features = findModel(model)!.features;
  const list = ['int', 'callgate'];
  if (features.has('sep')) list.push('sysenter');
  if (features.has('syscall')) list.push('syscall');
  return list;
}

describe('Deterministic time: the same run whatever the slicing', function () {
  this.timeout(300000);

  const cases: [string, ModelId, string][] = [];
  for (const model of MODELS) {
    for (const mechanism of mechanismsOf(model)) {
      cases.push(['threads.asm', model, mechanism]);
      cases.push(['ask-kernel.asm', model, mechanism]);
    }
  }
  // Sleeps and the idle loop's HLT (time skipped to the next tick) and user faults.
  cases.push(['faults.asm', 'pentium-ii', 'sysenter'], ['faults.asm', 'i386', 'int']);

  for (const [program, model, mechanism] of cases) {
    it(`${program} on ${model}, mechanism=${mechanism}: run(1) repeated = one run = random slices`, () => {
      const stepped = runToEnd(program, model, mechanism, () => 1);
      assert.match(stepped.end, /^halt$/, `the guest should power off and halt (console:\n${stepped.console})`);
      assert.match(stepped.console, /\[kernel\] exit status 0/, 'the program should succeed');
      assert.ok(stepped.interrupts.length > 0, 'the timer should have interrupted the run at least once');
      const whole = runToEnd(program, model, mechanism, () => LIMIT);
      assert.equal(firstDifference(stepped, whole), undefined, 'run(1) repeated vs one run');
      for (const seed of [1, 2]) {
        const random = seededRandom(seed);
        // Mostly short slices (they end inside blocks and inside handlers), some long ones.
        const sliced = runToEnd(program, model, mechanism, () =>
          random() < 0.9 ? 1 + Math.floor(random() * 40) : 1 + Math.floor(random() * 20000),
        );
        assert.equal(firstDifference(stepped, sliced), undefined, `run(1) repeated vs random slices (seed ${seed})`);
      }
    });
  }
});
