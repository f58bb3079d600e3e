// Our emulator as the kernel tests' machine (I386_LAB_KERNEL_MACHINE=ours): the Multiboot
// plan of src/kernel/multiboot.ts carried out on src/emulator's Machine, the console on port
// 0xE9, power-off on port 0xF4. The time-stamp counter counts retired instructions, so
// `instructionClock` always holds. Until the emulator's system layer (paging, IDT delivery,
// the PIC and PIT wired to the CPU) is complete, boots end where the emulator stops, and
// the result says so in `console`.

import { EAX, EBX } from '../../src/emulator/cpu/cpu';
import { MODEL_IDS, type ModelId } from '../../src/emulator/cpu/models';
import { Machine } from '../../src/emulator/machine';
import { planMultibootBoot } from '../../src/kernel/multiboot';
import { BootRequest, BootResult, KernelMachine, parseConsole } from './machine';

const MEMORY_BYTES = 64 << 20;
const SLICE = 1_000_000;
const MAX_INSTRUCTIONS = 2_000_000_000;

export class OurMachine implements KernelMachine {
  readonly name = 'ours';

  unavailable(): string | undefined {
    return undefined;
  }

  models(): string[] {
    return [...MODEL_IDS];
  }

  async boot(request: BootRequest): Promise<BootResult> {
    const plan = planMultibootBoot({
      kernel: request.kernel,
      modules: [{ bytes: request.program, string: ['program', ...(request.programArgs ?? [])].join(' ') }],
      cmdline: `kernel ${request.cmdline}`,
      memoryBytes: MEMORY_BYTES,
    });
    if (!plan.ok) throw new Error(plan.error);
    const machine = new Machine({ memoryBytes: MEMORY_BYTES, model: request.model as ModelId });
    for (const l of plan.plan.loads) machine.memory.load(l.bytes, l.address);
    for (const z of plan.plan.zero) machine.memory.load(new Uint8Array(z.length), z.address);
    machine.cpu.setFlat32();
    machine.cpu.regs[EAX] = plan.plan.eax;
    machine.cpu.regs[EBX] = plan.plan.ebx;
    machine.cpu.eip = plan.plan.entry;

    let text = '';
    let status: number | undefined;
    machine.io.onOut((port, value) => {
      if (port === 0xe9) text += String.fromCharCode(value & 0xff);
      else if (port === 0xf4) status = value & 0xff;
    });
    const deadline = Date.now() + (request.timeoutMs ?? 20000);
    let executed = 0;
    let timedOut = false;
    while (status === undefined) {
      const stop = machine.run(SLICE);
      executed += stop.executed;
      if (stop.reason !== 'limit') {
        if (status === undefined) text += `\n[machine] stopped: ${stop.reason}${stop.message ? ` (${stop.message})` : ''}\n`;
        break;
      }
      if (executed >= MAX_INSTRUCTIONS || Date.now() > deadline) {
        timedOut = true;
        break;
      }
      // Let other boots of a Promise.all batch make progress.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return parseConsole(text, status === undefined ? undefined : status & 0x7f, timedOut);
  }
}
