// The guest kernel booted on a Machine the way a Multiboot loader (QEMU's -kernel/-initrd)
// does it: planMultibootBoot() says what goes where, this carries it out. The one place
// that does so for the debugger's kernel launch, the CLI's `run`, `demo` and the bench.

import { planMultibootBoot, type MultibootModule } from '../kernel/multiboot';
import { Machine } from '../emulator/machine';
import { EAX, EBX } from '../emulator/cpu/cpu';
import type { ModelId } from '../emulator/cpu/models';

export interface KernelBootRequest {
  /** The kernel image (flat Multiboot binary, src/kernel/build.ts). */
  kernel: Uint8Array;
  /** Module 0 is the user program; its string is argv. */
  modules: MultibootModule[];
  /** The kernel command line (src/kernel/cmdline.asm), e.g. "kernel mechanism=int". */
  cmdline: string;
  model: ModelId;
  memoryBytes: number;
}

export type KernelBoot = { ok: true; machine: Machine; end: number } | { ok: false; error: string };

/**
 * A machine in the Multiboot entry state (Multiboot spec 3.2): 32-bit protected mode, flat
 * segments, paging and interrupts off, EAX = the magic, EBX = the information structure.
 */
export function bootKernelMachine(request: KernelBootRequest): KernelBoot {
  const plan = planMultibootBoot({ kernel: request.kernel, modules: request.modules, cmdline: request.cmdline, memoryBytes: request.memoryBytes });
  if (!plan.ok) return { ok: false, error: plan.error };
  if (plan.plan.end > request.memoryBytes) {
    return { ok: false, error: `the kernel and the program need ${plan.plan.end} bytes of RAM, more than the machine's ${request.memoryBytes}` };
  }
  const machine = new Machine({ memoryBytes: request.memoryBytes, model: request.model });
  for (const l of plan.plan.loads) machine.memory.load(l.bytes, l.address);
  for (const z of plan.plan.zero) machine.memory.load(new Uint8Array(z.length), z.address);
  machine.cpu.setFlat32();
  machine.cpu.regs[EAX] = plan.plan.eax;
  machine.cpu.regs[EBX] = plan.plan.ebx;
  machine.cpu.eip = plan.plan.entry;
  return { ok: true, machine, end: plan.plan.end };
}
