// The invariant the descriptor calls (set_thread_area, modify_ldt) must keep, checked from
// outside the machine between slices of a hostile program's run: every descriptor user code
// can install (the GDT's TLS entries and the whole LDT) is empty, or a code/data descriptor
// (S = 1) of DPL 3; code at CPL < 3 runs only inside the kernel's image; at CPL 3 every loaded
// segment register holds a code/data descriptor and CS one of DPL 3 (SDM Vol.3 3.4.5, 5.5).
import { ATTR_CODE, ATTR_PRESENT, ATTR_S, CS, SEGMENT_NAMES, dplOf } from '../../src/emulator';
import { GuestMemory } from '../../src/debugcore/guestMemory';
import { ADDRESS, LINUX_CALLS, MULTIBOOT } from '../../src/kernel/abi';
import type { KernelRun } from '../../src/cli/kernelRun';

const DESCRIPTOR_BYTES = 8;

/** What is wrong with the 8-byte descriptor at `bytes[at]`, or undefined. */
function userDescriptorProblem(bytes: Uint8Array, at: number): string | undefined {
  const low = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  const high = (bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16) | (bytes[at + 7] << 24)) >>> 0;
  if (low === 0 && high === 0) return undefined;
  const text = `${high.toString(16).padStart(8, '0')}:${low.toString(16).padStart(8, '0')}`;
  // The descriptor's high dword has the layout of the CPU's attribute word (S, DPL, P).
  if ((high & ATTR_S) === 0) return `a system descriptor ${text}`;
  if (dplOf(high) !== 3) return `a descriptor of DPL ${dplOf(high)} ${text}`;
  return undefined;
}

/** The first broken invariant in the machine's present state, or undefined. */
export function descriptorInvariant(run: KernelRun): string | undefined {
  const cpu = run.machine.cpu;
  const memory = new GuestMemory(cpu, run.machine.memory);
  const eip = cpu.eip >>> 0;
  if (cpu.cpl < 3 && (eip < MULTIBOOT.KERNEL_LOAD || eip >= ADDRESS.FLAT_LOAD))
    return `code at CPL ${cpu.cpl} outside the kernel: EIP 0x${eip.toString(16)}`;
  if (cpu.cpl === 3) {
    for (let seg = 0; seg < SEGMENT_NAMES.length; seg++) {
      if ((cpu.segSelector[seg] & ~3) === 0) continue;
      const attr = cpu.segAttr[seg];
      if ((attr & ATTR_PRESENT) !== 0 && (attr & ATTR_S) === 0)
        return `${SEGMENT_NAMES[seg]} holds a system descriptor at CPL 3 (selector 0x${cpu.segSelector[seg].toString(16)})`;
    }
    if ((cpu.segAttr[CS] & ATTR_CODE) === 0) return `CS holds a data descriptor at CPL 3`;
    if (dplOf(cpu.segAttr[CS]) !== 3) return `CS has DPL ${dplOf(cpu.segAttr[CS])} at CPL 3`;
  }
  const tls = memory.read(
    (cpu.gdtBase + LINUX_CALLS.TLS_ENTRY_MIN * DESCRIPTOR_BYTES) >>> 0,
    LINUX_CALLS.TLS_ENTRIES * DESCRIPTOR_BYTES,
  );
  for (let i = 0; i + DESCRIPTOR_BYTES <= tls.length; i += DESCRIPTOR_BYTES) {
    const problem = userDescriptorProblem(tls, i);
    if (problem) return `GDT entry ${LINUX_CALLS.TLS_ENTRY_MIN + i / DESCRIPTOR_BYTES} (TLS) is ${problem}`;
  }
  if ((cpu.ldtSelector & ~3) !== 0) {
    const ldt = memory.read(cpu.ldtBase >>> 0, Math.min(cpu.ldtLimit + 1, 0x10000));
    for (let i = 0; i + DESCRIPTOR_BYTES <= ldt.length; i += DESCRIPTOR_BYTES) {
      const problem = userDescriptorProblem(ldt, i);
      if (problem) return `LDT entry ${i / DESCRIPTOR_BYTES} is ${problem}`;
    }
  }
  return undefined;
}
