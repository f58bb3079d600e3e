// Threads as a debugger shows them (the Threads view): under the kernel, one per live slot
// of the kernel's thread table, named by id and by the label it started at ("thread 2
// (worker)"), and by its process when several are alive ("thread 3 (pid 3, ready)"); the CPU's
// registers belong to the current slot's thread. Before the kernel has
// threads (boot), after the last one ended, and in bare mode, there is one thread: the CPU.

import { symbolicName } from './image';
import type { KernelThread } from './kernelView';
import type { MachineSession } from './session';

export interface DebugThread {
  /** The DAP thread id: the kernel's thread id, or CPU_THREAD. */
  id: number;
  name: string;
  /** The CPU runs this thread (its registers are the CPU's). */
  onCpu: boolean;
  kernel?: KernelThread;
}

/** The one thread of bare mode, of the boot and of a kernel between threads. */
export const CPU_THREAD = 1;
/** The CPU in the kernel with no live thread of its own, while kernel threads exist. */
export const KERNEL_ONLY_THREAD = 0x7fff0000;

export function debugThreads(session: MachineSession): DebugThread[] {
  const view = session.kernel;
  const table = view ? view.threads() : [];
  if (table.length === 0) return [{ id: CPU_THREAD, name: view ? 'CPU (no kernel thread yet)' : 'CPU', onCpu: true }];
  // With more than one process alive, each thread names its process.
  const processes = new Set(table.map((t) => t.process?.pid));
  const list: DebugThread[] = table.map((t) => {
    const started =
      t.entry !== undefined && t.entry !== 0
        ? (symbolicName(session.images, t.entry) ?? `0x${t.entry.toString(16)}`)
        : undefined;
    const state = t.current ? '' : `, ${t.state}`;
    const pid = processes.size > 1 && t.process ? `pid ${t.process.pid}` : undefined;
    const details = [pid, started].filter((d) => d !== undefined).join(', ');
    return {
      id: t.id,
      name: `thread ${t.id}${details ? ` (${details}${state})` : state ? ` (${t.state})` : ''}`,
      onCpu: t.current,
      kernel: t,
    };
  });
  if (!list.some((t) => t.onCpu))
    list.push({ id: KERNEL_ONLY_THREAD, name: 'kernel (no current thread)', onCpu: true });
  return list;
}
