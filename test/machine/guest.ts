// The guest kernel with an example program on a Machine, watched from outside for the
// machine tests: the console (port 0xE9), the power-off (port 0xF4) and every external
// interrupt the CPU acknowledges, with the instruction count at which it was taken.
import * as path from 'node:path';
import type { ModelId } from '../../src/isa/models';
import type { Machine } from '../../src/emulator/machine';
import { bootKernelMachine } from '../../src/debugcore/kernelMachine';
import { buildKernel, findExamplesDir, loadUserProgram } from '../../src/cli/kernelRun';

export const GUEST_MEMORY_BYTES = 16 << 20;
const BOOT_SEED = 0x5eed1234;

export interface Guest {
  machine: Machine;
  /** Console bytes so far. */
  console: string;
  /** Value written to port 0xF4, once the kernel powered off. */
  powerOff: number | undefined;
  /** [instructionCount, vector] of each external interrupt acknowledged at the PIC. */
  interrupts: [number, number][];
}

/** Boots the kernel with `program` (a path under examples/ or absolute) as module 0. */
export function bootGuest(program: string, model: ModelId, cmdline = 'kernel'): Guest {
  const kernel = buildKernel();
  if (!kernel.ok) throw new Error(kernel.message);
  const file = path.isAbsolute(program) ? program : path.join(findExamplesDir(), program);
  const user = loadUserProgram(file);
  if (!user.ok) throw new Error(user.message);
  // A fixed boot seed (the loader's per-boot entropy, boot option seed=): the same boot twice.
  const request = {
    kernel: kernel.value.bytes,
    modules: [{ bytes: user.value.bytes, string: user.value.name }],
    cmdline,
    model,
    memoryBytes: GUEST_MEMORY_BYTES,
    seed: BOOT_SEED,
  };
  const boot = bootKernelMachine(request);
  if (!boot.ok) throw new Error(boot.error);
  const machine = boot.machine;
  const guest: Guest = { machine, console: '', powerOff: undefined, interrupts: [] };
  machine.io.onOut((port, value) => {
    if (port === 0xe9) guest.console += String.fromCharCode(value & 0xff);
    else if (port === 0xf4) guest.powerOff = value & 0xff;
  });
  // The INTA cycle is the moment an external interrupt is taken: observe it on the PIC pair.
  const pic = machine.timers.pic;
  const acknowledge = pic.acknowledge.bind(pic);
  pic.acknowledge = (): number => {
    const vector = acknowledge();
    guest.interrupts.push([machine.cpu.instructionCount, vector]);
    return vector;
  };
  return guest;
}

/**
 * Runs with slices from `slice()` until the machine stops for another reason than the
 * slice's end (the kernel halts with interrupts off after powering off) or `limit`
 * instructions have retired. Returns the reason.
 */
export function runGuest(guest: Guest, limit: number, slice: () => number): string {
  const cpu = guest.machine.cpu;
  while (cpu.instructionCount < limit) {
    const stop = guest.machine.run(Math.min(slice(), limit - cpu.instructionCount));
    if (stop.reason !== 'limit') return stop.message ? `${stop.reason}: ${stop.message}` : stop.reason;
  }
  return 'limit';
}

/** A deterministic pseudo-random sequence for slice sizes. */
export { mulberry32 as seededRandom } from '../../scripts/lib/random';
