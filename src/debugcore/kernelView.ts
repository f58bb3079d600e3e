// The guest kernel seen from outside, through its build's symbols (src/kernel/abi.ts,
// THREAD_STATE, documents the layout): the thread table, the running thread, the trap frames
// every entry from ring 3 builds (frame.inc). Nothing here writes guest memory. The syscall
// trace, the OS-aware threads and the stack across the trap boundary read the kernel here.

import { ADDRESS, API, DISCOVERY, KIP, LIMIT, LINUX_CALLS, THREAD_STATE, VECTOR } from '../kernel/abi';
import { vectorMnemonic } from './faults';

const FRAME_FIELDS = [
  'F_ES',
  'F_DS',
  'F_EDI',
  'F_ESI',
  'F_EBP',
  'F_EBX',
  'F_EDX',
  'F_ECX',
  'F_EAX',
  'F_VECTOR',
  'F_ERROR',
  'F_EIP',
  'F_CS',
  'F_EFLAGS',
  'F_USER_ESP',
  'F_USER_SS',
] as const;
const NEEDED = [
  'TCB_TABLE',
  'TCB_SIZE',
  'TCB_ID',
  'TCB_STATE',
  'TCB_FRAME',
  'current_thread',
  'USER_FRAME',
  'KIND_CALL_GATE',
  'KIND_SYSENTER',
  'KIND_SYSCALL',
  ...FRAME_FIELDS,
] as const;
type Needed = (typeof NEEDED)[number];
export type FrameField = (typeof FRAME_FIELDS)[number];

/** A trap frame in guest memory: the user registers saved by a kernel entry. */
export interface TrapFrame {
  /** Linear address of the frame (its F_ES slot). */
  address: number;
  /** Field name (F_EAX ...) to value; a field in unreadable memory is missing. */
  fields: Map<FrameField, number>;
}

export type KernelThreadState = 'running' | 'ready' | 'sleeping';

/** The process a thread belongs to (kernels with a process table: the Linux personality). */
export interface KernelProcess {
  /** Index in PROC_TABLE. */
  slot: number;
  pid: number;
  /** Its address space is the one in place (CR3's user PDEs are its own). */
  current: boolean;
  /** Physical page holding its user PDEs while another process runs (P_PDES; 0: none yet). */
  directory: number;
}

export interface KernelThread {
  /** Index in TCB_TABLE. */
  slot: number;
  /** The kernel's thread id (1 for the main thread). */
  id: number;
  state: KernelThreadState;
  /** The user address the thread started at (TCB_ENTRY), when the kernel records it. */
  entry: number | undefined;
  /** The slot `current_thread` names: its registers are in the CPU or at USER_FRAME. */
  current: boolean;
  /** Where the thread's saved user registers are (TCB_FRAME); for the current thread, stale. */
  savedFrame: number;
  process?: KernelProcess;
}

/** The process table's symbols (linux_fork.asm, frame.inc); a kernel without one lacks them. */
const PROCESS_SYMBOLS = ['TCB_PROC', 'PROC_TABLE', 'P_SIZE', 'P_PID', 'P_PDES', 'current_process'] as const;
type ProcessSymbol = (typeof PROCESS_SYMBOLS)[number];

export type ReadDword = (linear: number) => number | undefined;

export class KernelView {
  private constructor(
    private readonly at: Record<Needed, number>,
    /** TCB_ENTRY, when this kernel build records the entry point. */
    private readonly entryOffset: number | undefined,
    private readonly read: ReadDword,
    readonly lookup: (name: string) => number | undefined,
    private readonly proc: Record<ProcessSymbol, number> | undefined,
  ) {}

  /** A view, or the names of the kernel symbols that are missing. */
  static create(lookup: (name: string) => number | undefined, read: ReadDword): KernelView | string {
    const at = {} as Record<Needed, number>;
    const missing: string[] = [];
    for (const name of NEEDED) {
      const v = lookup(name);
      if (v === undefined) missing.push(name);
      else at[name] = v;
    }
    if (missing.length > 0) return `the kernel build has no symbol ${missing.join(', ')}`;
    const proc = {} as Record<ProcessSymbol, number>;
    for (const name of PROCESS_SYMBOLS) {
      const v = lookup(name);
      if (v === undefined) return new KernelView(at, lookup('TCB_ENTRY'), read, lookup, undefined);
      proc[name] = v;
    }
    return new KernelView(at, lookup('TCB_ENTRY'), read, lookup, proc);
  }

  /** The trap frame at `address` (EBP in the dispatchers and at trap_exit; USER_FRAME). */
  frameAt(address: number): TrapFrame {
    const fields = new Map<FrameField, number>();
    for (const f of FRAME_FIELDS) {
      const v = this.read((address + this.at[f]) >>> 0);
      if (v !== undefined) fields.set(f, v);
    }
    return { address, fields };
  }

  /** A field's offset in the trap frame. */
  offset(field: FrameField): number {
    return this.at[field];
  }

  /** One field of the frame at `address`, or undefined when unreadable. */
  frameField(address: number, field: FrameField): number | undefined {
    return this.read((address + this.at[field]) >>> 0);
  }

  /** Where every entry from ring 3 puts its frame (the top of the one kernel stack). */
  get userFrame(): number {
    return this.at.USER_FRAME >>> 0;
  }

  get frameSize(): number {
    return this.at.F_USER_SS + 4;
  }

  /** The slot of the thread that runs (or ran last, while the kernel idles). */
  currentSlot(): number | undefined {
    return this.read(this.at.current_thread >>> 0);
  }

  /** The thread id in `slot`, or undefined when unreadable. */
  threadId(slot: number): number | undefined {
    return this.read((this.at.TCB_TABLE + slot * this.at.TCB_SIZE + this.at.TCB_ID) >>> 0);
  }

  /** The live threads of the table (FREE slots are not threads), in slot order. */
  threads(): KernelThread[] {
    const current = this.currentSlot();
    const list: KernelThread[] = [];
    for (let slot = 0; slot < LIMIT.MAX_THREADS; slot++) {
      const base = (this.at.TCB_TABLE + slot * this.at.TCB_SIZE) >>> 0;
      const raw = this.read(base + this.at.TCB_STATE);
      if (raw === undefined) break;
      if (raw === THREAD_STATE.FREE) continue;
      const state: KernelThreadState =
        raw === THREAD_STATE.SLEEPING
          ? 'sleeping'
          : raw === THREAD_STATE.RUNNING || slot === current
            ? 'running'
            : 'ready';
      list.push({
        slot,
        id: this.read(base + this.at.TCB_ID) ?? slot + 1,
        state,
        entry: this.entryOffset !== undefined ? this.read(base + this.entryOffset) : undefined,
        current: slot === current,
        savedFrame: (base + this.at.TCB_FRAME) >>> 0,
        process: this.processOf(base),
      });
    }
    return list;
  }

  /** The process of the thread control block at `base`, when the kernel has a process table. */
  private processOf(base: number): KernelProcess | undefined {
    const p = this.proc;
    if (!p) return undefined;
    const slot = this.read((base + p.TCB_PROC) >>> 0);
    const current = this.read(p.current_process >>> 0);
    if (slot === undefined || slot >= LINUX_CALLS.MAX_PROCESSES) return undefined;
    const entry = (p.PROC_TABLE + slot * p.P_SIZE) >>> 0;
    const pid = this.read(entry + p.P_PID);
    const directory = this.read(entry + p.P_PDES);
    if (pid === undefined || directory === undefined) return undefined;
    return { slot, pid, current: slot === current, directory };
  }

  /**
   * A name for an address in the system-call stub the kernel hands out (no image has symbols
   * there): `kip_stub+0x5` in the KIP, `shared_stub+0x5` in the shared page (docs/ARCHITECTURE.md).
   */
  stubName(address: number): string | undefined {
    const kipAt = this.lookup('kip_address');
    const kip = kipAt !== undefined ? this.read(kipAt >>> 0) : undefined;
    if (kip === undefined || kip === 0) return undefined;
    const offset = this.read((kip + KIP.STUB_OFFSET) >>> 0);
    const length = this.read((kip + KIP.STUB_LENGTH) >>> 0);
    if (offset === undefined || length === undefined || length > KIP.STUB_MAX) return undefined;
    const name = (base: number, label: string): string | undefined => {
      const d = (address - base) >>> 0;
      return d < length ? (d === 0 ? label : `${label}+0x${d.toString(16)}`) : undefined;
    };
    return name((kip + offset) >>> 0, 'kip_stub') ?? name(ADDRESS.SHARED_PAGE + KIP.STUB, 'shared_stub');
  }

  /**
   * What the kernel's #UD handler will do with a `lock nop` at CPL 3 (traps.asm,
   * answer_lock_nop): with lock-nop discovery it writes the KIP address, the API version, the
   * API flags and the kernel id into EAX, ECX, EDX, ESI and moves EIP past the two bytes;
   * otherwise the #UD is a fault that ends the thread.
   */
  lockNopAnswer():
    | { answered: true; eax: number; ecx: number; edx: number; esi: number }
    | { answered: false; why: string }
    | undefined {
    const discoveryAt = this.lookup('discovery');
    const kipAt = this.lookup('kip_address');
    if (discoveryAt === undefined || kipAt === undefined) return undefined;
    const discovery = this.read(discoveryAt >>> 0);
    const kip = this.read(kipAt >>> 0);
    if (discovery === undefined || kip === undefined) return undefined;
    if (discovery !== DISCOVERY.LOCK_NOP)
      return {
        answered: false,
        why: 'the kernel was booted with discovery=shared-page: it does not answer lock nop, the #UD ends the thread',
      };
    return { answered: true, eax: kip >>> 0, ecx: API.VERSION, edx: API.FLAGS, esi: API.KERNEL_ID };
  }

  /**
   * How a frame's thread entered the kernel, from its F_VECTOR: the pseudo vectors of the
   * call gate, SYSENTER and SYSCALL entries, `int 0x30`, Linux `int 0x80`, an IRQ, or the
   * exception's mnemonic.
   */
  mechanism(vector: number): string {
    if (vector === this.at.KIND_CALL_GATE) return 'callgate';
    if (vector === this.at.KIND_SYSENTER) return 'sysenter';
    if (vector === this.at.KIND_SYSCALL) return 'syscall';
    if (vector === VECTOR.SYSCALL_INT) return 'int';
    if (vector === VECTOR.LINUX_INT) return intInstruction(VECTOR.LINUX_INT);
    if (vector >= VECTOR.IRQ_BASE && vector < VECTOR.IRQ_BASE + 16) return `irq ${vector - VECTOR.IRQ_BASE}`;
    if (vector < 32) return vectorMnemonic(vector);
    return `vector 0x${vector.toString(16)}`;
  }

  /**
   * The boundary as a frame name: "#UD from user at 0x..." (a fault saves the faulting
   * instruction's address), "sysenter from user, returns to 0x..." (the other entries save
   * the address after the instruction).
   */
  boundaryName(vector: number, userEip: number): string {
    const how = this.mechanism(vector);
    const label = how === 'int' ? intInstruction(VECTOR.SYSCALL_INT) : how;
    const at = `0x${(userEip >>> 0).toString(16).padStart(8, '0')}`;
    return vector < 32 ? `${label} from user at ${at}` : `${label} from user, returns to ${at}`;
  }
}

/** `int 0x30` for vector 0x30: how the instruction raising `vector` is written. */
export function intInstruction(vector: number): string {
  return `int 0x${vector.toString(16)}`;
}
