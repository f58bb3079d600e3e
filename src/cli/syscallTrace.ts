// `run --trace syscalls`: one line per system call on stderr, `[syscall] thread 1 int
// write(0x01000040, 13) = 13`. The tracing itself is debugcore's (src/debugcore/syscallTrace.ts,
// the same the debugger's launch `trace: ["syscalls"]` uses); this file feeds it the CPU's
// arrivals at the kernel addresses it watches.
import { EBP } from '../emulator/cpu/cpu';
import { KernelView } from '../debugcore/kernelView';
import { SyscallTracer } from '../debugcore/syscallTrace';
import type { BuiltImage, KernelRun } from './kernelRun';

export class SyscallTrace {
  private readonly watched: Set<number>;

  private constructor(private readonly tracer: SyscallTracer, private readonly run: KernelRun) {
    this.watched = new Set(tracer.addresses);
  }

  /** A tracer, or the names of the kernel symbols it could not find. */
  static create(kernel: BuiltImage, run: KernelRun, emit: (line: string) => void): SyscallTrace | string {
    const view = KernelView.create((name) => kernel.symbols.get(name), (linear) => run.readLinear(linear));
    if (typeof view === 'string') return view;
    const tracer = SyscallTracer.create(view, (call) => emit(`[syscall] thread ${call.thread} ${call.text}`));
    if (typeof tracer === 'string') return tracer;
    return new SyscallTrace(tracer, run);
  }

  /** Called before every instruction; never stops the run. */
  readonly visit = (eip: number, cpl: number): boolean => {
    if (cpl === 0 && this.watched.has(eip)) this.tracer.arrive(eip, this.run.machine.cpu.regs[EBP]);
    return false;
  };

  /** Calls still waiting for their result when the run ended. */
  finish(): void {
    this.tracer.finish();
  }
}
