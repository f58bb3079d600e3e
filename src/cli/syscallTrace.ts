// `run --trace syscalls`: one line per system call, seen from outside the guest. Before each
// instruction (single steps) the CPU is checked against two kernel addresses taken from the
// kernel build's symbols: the dispatchers `native_syscall` / `linux_syscall`, where the
// trap frame at EBP holds the number and the arguments, and `trap_exit`, the one way back to
// ring 3, where the frame's EAX slot holds the result. A thread that blocks (yield, sleep)
// has its result stored before the switch (syscalls.asm), so its line is printed when that
// thread next leaves the kernel. Calls that never return (exit) are printed at the end.
import { LINUX, SYSCALL, VECTOR } from '../kernel/abi';
import { EBP } from '../emulator/cpu/cpu';
import type { BuiltImage, KernelRun } from './kernelRun';

const NATIVE_NAMES: string[] = [];
for (const [name, n] of Object.entries(SYSCALL)) NATIVE_NAMES[n] = name.toLowerCase();
const LINUX_NAMES: string[] = [];
for (const [name, n] of Object.entries(LINUX)) if (name.startsWith('SYS_')) LINUX_NAMES[n] = name.slice(4).toLowerCase();

/** How many of EBX, ECX, EDX, ESI, EDI each call reads (src/kernel/abi.ts documents them). */
const NATIVE_ARITY: Record<string, number> = { exit: 1, write: 2, map: 1, unmap: 2, thread_create: 3, thread_exit: 0, thread_yield: 0, sleep: 1, kernel_info: 1 };
const LINUX_ARITY: Record<string, number> = { exit: 1, write: 3, getpid: 0, brk: 1, munmap: 2, uname: 1, mmap2: 5, gettid: 0, exit_group: 1, clock_gettime: 2 };

/** Kernel symbols the trace reads; frame.inc's offsets come with the kernel's own build. */
const NEEDED = ['native_syscall', 'linux_syscall', 'trap_exit', 'current_thread', 'TCB_TABLE', 'TCB_SIZE', 'TCB_ID',
  'F_EAX', 'F_EBX', 'F_ECX', 'F_EDX', 'F_ESI', 'F_EDI', 'F_VECTOR', 'KIND_CALL_GATE', 'KIND_SYSENTER', 'KIND_SYSCALL'] as const;
type Needed = (typeof NEEDED)[number];

interface PendingCall {
  text: string;
}

export class SyscallTrace {
  private readonly at: Record<Needed, number>;
  private readonly pending = new Map<number, PendingCall>();

  private constructor(at: Record<Needed, number>, private readonly run: KernelRun, private readonly emit: (line: string) => void) {
    this.at = at;
  }

  /** A tracer, or the names of the kernel symbols it could not find. */
  static create(kernel: BuiltImage, run: KernelRun, emit: (line: string) => void): SyscallTrace | string {
    const at = {} as Record<Needed, number>;
    const missing: string[] = [];
    for (const name of NEEDED) {
      const v = kernel.symbols.get(name);
      if (v === undefined) missing.push(name);
      else at[name] = v;
    }
    if (missing.length > 0) return `the kernel build has no symbol ${missing.join(', ')}`;
    return new SyscallTrace(at, run, emit);
  }

  /** Called before every instruction; never stops the run. */
  readonly visit = (eip: number, cpl: number): boolean => {
    if (cpl !== 0) return false;
    if (eip === this.at.native_syscall || eip === this.at.linux_syscall) this.enter(eip === this.at.linux_syscall);
    else if (eip === this.at.trap_exit) this.leave();
    return false;
  };

  /** Calls still waiting for their result when the run ended. */
  finish(): void {
    for (const [, call] of this.pending) this.emit(`${call.text} (did not return)`);
    this.pending.clear();
  }

  private frame(offset: Needed): number {
    return this.run.readLinear((this.run.machine.cpu.regs[EBP] + this.at[offset]) >>> 0) ?? 0;
  }

  private threadSlot(): number {
    return this.run.readLinear(this.at.current_thread) ?? -1;
  }

  private enter(linux: boolean): void {
    const slot = this.threadSlot();
    const id = this.run.readLinear((this.at.TCB_TABLE + slot * this.at.TCB_SIZE + this.at.TCB_ID) >>> 0) ?? slot;
    const number = this.frame('F_EAX');
    const kind = this.frame('F_VECTOR');
    const mechanism = linux ? 'int 0x80'
      : kind === this.at.KIND_CALL_GATE ? 'callgate'
        : kind === this.at.KIND_SYSENTER ? 'sysenter'
          : kind === this.at.KIND_SYSCALL ? 'syscall'
            : kind === VECTOR.SYSCALL_INT ? 'int' : `vector 0x${kind.toString(16)}`;
    const name = (linux ? LINUX_NAMES : NATIVE_NAMES)[number] ?? `#${number}`;
    const arity = (linux ? LINUX_ARITY : NATIVE_ARITY)[name] ?? 5;
    const args = (['F_EBX', 'F_ECX', 'F_EDX', 'F_ESI', 'F_EDI'] as const).slice(0, arity).map((f) => hexArg(this.frame(f)));
    this.pending.set(slot, { text: `[syscall] thread ${id} ${mechanism} ${name}(${args.join(', ')})` });
  }

  private leave(): void {
    const slot = this.threadSlot();
    const call = this.pending.get(slot);
    if (!call) return;
    this.pending.delete(slot);
    this.emit(`${call.text} = ${hexResult(this.frame('F_EAX'))}`);
  }
}

function hexArg(v: number): string {
  return v < 10 ? String(v) : `0x${(v >>> 0).toString(16)}`;
}

/** Results read as signed: errors are small negative numbers. */
function hexResult(v: number): string {
  const s = v | 0;
  return s < 0 && s > -4096 ? String(s) : hexArg(v >>> 0);
}
