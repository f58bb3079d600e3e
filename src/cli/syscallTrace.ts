// `run --trace syscalls`: one line per system call on stderr, `[syscall] thread 1 int
// write(0x01000040, 13) = 13`. The tracing itself is debugcore's (src/debugcore/syscallTrace.ts,
// the same the debugger's launch `trace: ["syscalls"]` uses); this file feeds it the CPU's
// arrivals at the kernel addresses it watches: either before every instruction of a
// single-stepped run (`visit`), or at full speed with INT3s at those addresses (`runFast`).
import { EBP } from '../emulator';
import { KernelView } from '../debugcore/kernelView';
import { SyscallTracer } from '../debugcore/syscallTrace';
import type { CpuEvent } from '../emulator';
import type { BuiltImage, KernelRun, RunEnd } from './kernelRun';

const INT3 = 0xcc;

export class SyscallTrace {
  private readonly watched: Set<number>;

  private constructor(
    private readonly tracer: SyscallTracer,
    private readonly run: KernelRun,
  ) {
    this.watched = new Set(tracer.addresses);
  }

  /** A tracer, or the names of the kernel symbols it could not find. */
  static create(kernel: BuiltImage, run: KernelRun, emit: (line: string) => void): SyscallTrace | string {
    const view = KernelView.create(
      (name) => kernel.symbols.get(name),
      (linear) => run.readLinear(linear),
    );
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

  /**
   * The run at full speed, like KernelRun.runFast, with an INT3 at each watched kernel
   * address. The CPU offers each INT3 to `interceptEvent` before delivery; claimed, it leaves
   * EIP on the INT3 with nothing retired, the tracer records the arrival, the original
   * instruction runs once in its place, and the run goes on. The guest sees the same run as
   * without the trace (same instruction counts, same output). The kernel is loaded where it
   * is linked and mapped there one to one, so its addresses are physical ones.
   */
  runFast(limit: number, each: () => void = () => {}): RunEnd {
    const machine = this.run.machine;
    const cpu = machine.cpu;
    const memory = machine.memory;
    const originals = new Map<number, number>();
    for (const a of this.watched) originals.set(a, memory.u8[a]);
    const patch = (): void => {
      for (const a of originals.keys()) memory.write8(a, INT3);
    };
    const previous = cpu.interceptEvent;
    cpu.interceptEvent = (event: CpuEvent): boolean =>
      (event.kind === 'software' && event.vector === 3 && originals.has(event.eip) && memory.u8[event.eip] === INT3) ||
      (previous?.(event) ?? false);
    patch();
    try {
      for (;;) {
        const end = this.run.runFast(limit, each);
        const at = cpu.eip >>> 0;
        const ours =
          end.kind === 'machine' && cpu.exceptionIntercepted && cpu.exceptionVector === 3 && originals.has(at);
        if (!ours) return end;
        this.visit(at, cpu.cpl);
        memory.write8(at, originals.get(at)!);
        machine.step();
        memory.write8(at, INT3);
      }
    } finally {
      for (const [a, byte] of originals) if (memory.u8[a] === INT3) memory.write8(a, byte);
      cpu.interceptEvent = previous;
    }
  }

  /** Calls still waiting for their result when the run ended. */
  finish(): void {
    this.tracer.finish();
  }
}
