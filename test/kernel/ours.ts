// Our emulator as the kernel tests' machine: booted through bootKernelMachine
// (src/debugcore/kernelMachine.ts), the one boot path of the debugger, `i386-lab run`, the
// demo and the bench, so these tests prove what the product runs. The console is port 0xE9,
// power-off port 0xF4. The time-stamp counter and the PIT count retired instructions, so a
// boot is deterministic: `instructionClock` always holds, and the same seed repeats a run.

import { MODEL_IDS, type ModelId } from '../../src/isa/models';
import { bootKernelMachine } from '../../src/debugcore/kernelMachine';
import { BootRequest, BootResult, KernelMachine, parseConsole } from './machine';

const MEMORY_BYTES = 64 << 20;
const SLICE = 1_000_000;
/**
 * A boot that retires this many instructions has hung (the largest test program needs about
 * 3.5 million). Counted in instructions, not host time, so a slow or busy host cannot fail a
 * boot that would have finished.
 */
const MAX_INSTRUCTIONS = 100_000_000;

export class OurMachine implements KernelMachine {
  readonly name = 'ours';
  readonly deterministic = true;

  unavailable(): string | undefined {
    return undefined;
  }

  models(): string[] {
    return [...MODEL_IDS];
  }

  async boot(request: BootRequest): Promise<BootResult> {
    if (!(MODEL_IDS as readonly string[]).includes(request.model))
      throw new Error(`our machine has no model '${request.model}'`);
    const boot = bootKernelMachine({
      kernel: request.kernel,
      modules: [{ bytes: request.program, string: ['program', ...(request.programArgs ?? [])].join(' ') }],
      cmdline: `kernel ${request.cmdline}`.trimEnd(),
      model: request.model as ModelId,
      memoryBytes: MEMORY_BYTES,
      seed: request.seed,
    });
    if (!boot.ok) throw new Error(boot.error);
    const machine = boot.machine;

    let text = '';
    let status: number | undefined;
    machine.io.onOut((port, value) => {
      if (port === 0xe9) text += String.fromCharCode(value & 0xff);
      else if (port === 0xf4) status = value & 0xff;
    });
    let timedOut = false;
    while (status === undefined) {
      const stop = machine.run(SLICE);
      if (stop.reason !== 'limit') {
        if (status === undefined)
          text += `\n[machine] stopped: ${stop.reason}${stop.message ? ` (${stop.message})` : ''}\n`;
        break;
      }
      if (machine.cpu.instructionCount >= MAX_INSTRUCTIONS) {
        timedOut = true;
        break;
      }
      // Let the other boots of a Promise.all batch make progress.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return {
      ...parseConsole(text, status === undefined ? undefined : status & 0x7f, timedOut),
      givenSeed: boot.seed,
      instructions: machine.cpu.instructionCount,
    };
  }
}
