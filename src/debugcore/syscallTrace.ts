// The system-call trace (launch `trace: ["syscalls"]`, CLI `run --trace syscalls`): one line
// per call, like strace: `thread 2 sysenter write(0x0804a000, 13) = 13`. It is driven by
// three kernel addresses from the kernel build's symbols: the dispatchers `native_syscall`
// and `linux_syscall`, where the trap frame at EBP holds the number and the arguments, and
// `trap_exit`, the one way back to ring 3, where the frame's EAX slot holds the result. How
// the thread entered is the frame's F_VECTOR (the KIND_* pseudo vectors of the call gate,
// SYSENTER and SYSCALL entries, or the interrupt vector). A thread that blocks (yield, sleep)
// has its result stored before the switch, so its line is completed when that thread next
// leaves the kernel. Calls that never return (exit) are completed at the end.
//
// The owner calls `arrive(eip, ebp)` whenever the CPU reaches one of `addresses` at CPL 0
// (an internal breakpoint in the debugger, a patched INT3 in the CLI's run).

import { LINUX, LINUX_ARGUMENTS, LINUX_CALLS, LINUX_CALLS_ARGUMENTS, SYSCALL, SYSCALL_ARGUMENTS } from '../kernel/abi';
import type { KernelView } from './kernelView';

const NATIVE_NAMES: string[] = [];
const NATIVE_ARITY: number[] = [];
for (const [name, n] of Object.entries(SYSCALL)) {
  NATIVE_NAMES[n] = name.toLowerCase();
  NATIVE_ARITY[n] = SYSCALL_ARGUMENTS[name as keyof typeof SYSCALL];
}
const LINUX_NAMES: string[] = [];
const LINUX_ARITY: number[] = [];
for (const [numbers, counts] of [
  [LINUX, LINUX_ARGUMENTS],
  [LINUX_CALLS, LINUX_CALLS_ARGUMENTS],
] as Array<[Record<string, number>, Record<string, number>]>) {
  for (const [name, arity] of Object.entries(counts)) {
    const n = numbers[name];
    LINUX_NAMES[n] = name.slice(4).toLowerCase();
    LINUX_ARITY[n] = arity;
  }
}

/** `write`, `exit_group`, or `#99` for a number the ABI does not name. */
export function syscallName(number: number, linux: boolean): string {
  return (linux ? LINUX_NAMES : NATIVE_NAMES)[number] ?? `#${number}`;
}

const ARGUMENTS = ['F_EBX', 'F_ECX', 'F_EDX', 'F_ESI', 'F_EDI'] as const;

export interface TracedCall {
  /** The kernel's thread id. */
  thread: number;
  /** `int`, `callgate`, `sysenter`, `syscall`, `int 0x80`. */
  mechanism: string;
  name: string;
  args: number[];
  /** Undefined for a call that did not return (exit, thread_exit, the end of the run). */
  result: number | undefined;
  /** `sysenter write(0x0804a000, 13) = 13`, without the thread. */
  text: string;
}

export class SyscallTracer {
  private readonly pending = new Map<number, Omit<TracedCall, 'result' | 'text'>>();

  private constructor(
    private readonly view: KernelView,
    private readonly native: number,
    private readonly linux: number,
    private readonly exit: number,
    private readonly emit: (call: TracedCall) => void,
  ) {}

  /** A tracer, or why the kernel build cannot be traced. */
  static create(view: KernelView, emit: (call: TracedCall) => void): SyscallTracer | string {
    const names = ['native_syscall', 'linux_syscall', 'trap_exit'] as const;
    const found = names.map((n) => view.lookup(n));
    const missing = names.filter((_, i) => found[i] === undefined);
    if (missing.length > 0) return `the kernel build has no symbol ${missing.join(', ')}`;
    return new SyscallTracer(view, found[0]! >>> 0, found[1]! >>> 0, found[2]! >>> 0, emit);
  }

  /** The kernel addresses the owner must report arrivals at. */
  get addresses(): number[] {
    return [this.native, this.linux, this.exit];
  }

  /** The CPU reached `eip` (one of `addresses`) with EBP = the trap frame. */
  arrive(eip: number, ebp: number): void {
    if (eip === this.native || eip === this.linux) this.enter(eip === this.linux, ebp >>> 0);
    else if (eip === this.exit) this.leave(ebp >>> 0);
  }

  /** Completes the calls still waiting for their result (the run ended). */
  finish(): void {
    for (const [, call] of this.pending)
      this.emit({ ...call, result: undefined, text: `${describe(call)} (did not return)` });
    this.pending.clear();
  }

  private enter(linux: boolean, frame: number): void {
    const slot = this.view.currentSlot() ?? -1;
    const thread = this.view.threadId(slot) ?? slot;
    const number = this.view.frameField(frame, 'F_EAX') ?? -1;
    const vector = this.view.frameField(frame, 'F_VECTOR') ?? -1;
    const mechanism = this.view.mechanism(vector);
    const name = syscallName(number, linux);
    const arity = (linux ? LINUX_ARITY : NATIVE_ARITY)[number] ?? ARGUMENTS.length;
    const args = ARGUMENTS.slice(0, arity).map((f) => this.view.frameField(frame, f) ?? 0);
    const earlier = this.pending.get(slot);
    // A call still pending in this slot did not return (its thread ended, the slot was reused).
    if (earlier) this.emit({ ...earlier, result: undefined, text: `${describe(earlier)} (did not return)` });
    this.pending.set(slot, { thread, mechanism, name, args });
  }

  private leave(frame: number): void {
    // An interrupt that arrived in the kernel (idle, while the caller sleeps) is no return to ring 3.
    if (((this.view.frameField(frame, 'F_CS') ?? 3) & 3) === 0) return;
    const slot = this.view.currentSlot() ?? -1;
    const call = this.pending.get(slot);
    if (!call) return;
    this.pending.delete(slot);
    const result = this.view.frameField(frame, 'F_EAX') ?? 0;
    this.emit({ ...call, result, text: `${describe(call)} = ${formatResult(result)}` });
  }
}

function describe(call: { mechanism: string; name: string; args: number[] }): string {
  return `${call.mechanism} ${call.name}(${call.args.map(formatArgument).join(', ')})`;
}

/** Counts and small numbers in decimal, the rest (addresses, flags) in hex, as strace does. */
function formatArgument(v: number): string {
  return v >>> 0 < 0x1000 ? String(v >>> 0) : `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
}

/** Results read as signed: errors are small negative numbers. */
function formatResult(v: number): string {
  const s = v | 0;
  return s < 0 && s > -4096 ? String(s) : formatArgument(v);
}
