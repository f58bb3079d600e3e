// The machine: CPU, physical memory and the I/O port bus, and the run/step interface the
// debugger, the CLI, the benchmarks and the tests drive.
//
// Time. The 8254 is clocked by retired instructions: one PIT input clock per instruction,
// plus the clocks HLT skips while waiting for the next timer tick (idleTicks). There is no
// host clock anywhere, so a run is a pure function of its starting state: the instruction
// count at which each timer interrupt is taken, each HLT wake-up and every value the guest
// reads from the PIT are the same whether the machine is run one instruction at a time, in
// one call, or in slices of any sizes. What keeps it so:
// - the PIT is brought up to date at the exact instruction of every access to its ports and
//   the PIC's, and before the machine looks for interrupts;
// - a slice never runs past the next rising edge of OUT0 (IRQ0), whatever IF is, so the PIC
//   sees each edge at the instruction count where it happens;
// - an OUT to the PIC or the PIT ends the slice (it can unmask a request or move the next
//   edge), as do the CPU's instructions that set IF (the CPU ends their block with
//   StopReason.Event);
// - after an instruction that opens an interrupt shadow (STI, MOV SS, POP SS) exactly one
//   more instruction runs before interrupts are looked at again (SDM Vol.3 6.8.3).
// The guest kernel programs a divisor of PIT_HZ / TIMER_HZ (src/kernel/abi.ts), so it sees a
// timer interrupt every ~12,000 instructions: enough to preempt a thread that never makes a
// system call, at a rate that does not depend on the host's speed.

import { Cpu, StopReason, type CpuEventKind, type WatchHit } from './cpu/cpu';
import { CodeCache, execute } from './cpu/interpreter';
import { DEFAULT_MODEL, findModel, type ModelId } from '../isa/models';
import { IoBus } from './io';
import { PhysicalMemory } from './memory';
import { attachPcTimerDevices, type PcTimerDevices } from './devices/pc';
import { Vector } from './cpu/exceptions';
import { DR6_BS, setDr6 } from './cpu/debug';
import { IF, TF } from './cpu/flags';
import { captureCpu, restoreCpu, type MachineState } from './snapshot';

export interface MachineOptions {
  /** RAM size in bytes, a multiple of 4 KiB (default 16 MiB). */
  memoryBytes?: number;
  model?: ModelId;
  /** Compile hot basic blocks to JavaScript (default true; false interprets every block). */
  compileBlocks?: boolean;
  /** Entries of a block before it is compiled (default 16; 1 compiles everything at once). */
  compileThreshold?: number;
  /**
   * RAM that V8 does not count as external memory (PhysicalMemory's `shared`): no garbage
   * collection when a large RAM is allocated, and none to reclaim it early. For a machine
   * that lives as long as its process (the command line's run); default false.
   */
  processLifetimeRam?: boolean;
}

export interface StopInfo {
  /**
   * limit: the instruction budget ran out; halt: HLT with no interrupt to wake it; exception:
   * an event that was not delivered: in the flat test mode (no IDT), or claimed by
   * cpu.interceptEvent (`intercepted`, with `eventKind`), with vector, errorCode and faultEip
   * (on the instruction for faults and INT n/INT3/INTO, after it for traps, the next
   * instruction for external interrupts); shutdown: triple fault.
   * vector -1 means the emulator itself stopped: the guest reached something it does not
   * implement yet, or (loudly, as "internal error") an emulator defect; `message` says which.
   * A data access that hit one of cpu.setWatchpoints' ranges stops after its instruction
   * as the #DB trap of an x86 data breakpoint would (SDM Vol.3 17.3.1.2): 'watchpoint' with
   * `watch` set, faultEip after the instruction; nothing is delivered.
   */
  reason: 'limit' | 'halt' | 'exception' | 'shutdown' | 'watchpoint';
  executed: number;
  vector?: number;
  errorCode?: number;
  faultEip?: number;
  message?: string;
  /** The event was claimed by cpu.interceptEvent: nothing was delivered. */
  intercepted?: boolean;
  eventKind?: CpuEventKind;
  /** The data access that stopped the run (a watchpoint stop). */
  watch?: WatchHit;
}

export class Machine {
  readonly cpu: Cpu;
  readonly memory: PhysicalMemory;
  readonly io: IoBus;
  /** The PC/AT 8259A pair and 8254 (ports 20h/A0h, 40h-43h), IRQ0 from counter 0. */
  readonly timers: PcTimerDevices;
  private readonly code: CodeCache;
  /** PIT clocks skipped while halted (HLT jumps to the next timer tick). */
  private idleTicks = 0;
  /**
   * A single-step #DB is due before anything else: it was claimed by cpu.interceptEvent (and
   * is offered again), or its instruction also stopped the run on a watchpoint.
   */
  private singleStepPending = false;

  constructor(opts: MachineOptions = {}) {
    const model = findModel(opts.model ?? DEFAULT_MODEL);
    if (!model) throw new Error(`unknown CPU model '${opts.model}'`);
    this.memory = new PhysicalMemory(opts.memoryBytes ?? 16 * 1024 * 1024, opts.processLifetimeRam === true);
    this.io = new IoBus();
    this.cpu = new Cpu(model, this.memory, this.io);
    this.code = new CodeCache(this.cpu);
    if (opts.compileThreshold !== undefined) this.code.compileThreshold = opts.compileThreshold;
    if (opts.compileBlocks === false) this.code.compileThreshold = Infinity;
    this.timers = attachPcTimerDevices(this.io);
    const { pic, pit } = this.timers;
    // Both chips see the time of the access: the PIT's count, and the PIC's IRR (an edge of
    // OUT0 earlier in the current block is already latched when the guest polls or reads IRR).
    this.io.registerDevice(0x40, 4, {
      in8: (port) => {
        this.syncTimerAtPort();
        return pit.in8(port);
      },
      out8: (port, value) => {
        this.syncTimerAtPort();
        pit.out8(port, value);
      },
    });
    const picPorts = {
      in8: (port: number) => {
        this.syncTimerAtPort();
        return pic.in8(port);
      },
      out8: (port: number, value: number) => {
        this.syncTimerAtPort();
        pic.out8(port, value);
      },
    };
    // FERR# of the x87 (CR0.NE = 0 error reporting) drives IRQ13, as on the PC/AT (SDM Vol.3 22.18.6).
    this.cpu.fpu.onError = (asserted) => pic.setIrq(13, asserted);
    this.io.registerDevice(0x20, 2, picPorts);
    this.io.registerDevice(0xa0, 2, picPorts);
    // Programming the PIC can unmask a pending request, programming the PIT can move the next
    // edge of IRQ0: the machine looks again right after such an OUT.
    this.io.onOut((port) => {
      if ((port & ~1) === 0x20 || (port & ~1) === 0xa0 || (port & ~3) === 0x40) {
        if (this.cpu.stopReason === StopReason.None) this.cpu.stopReason = StopReason.Event;
        this.cpu.leaveBlock = true;
      }
    });
  }

  /**
   * Runs until `maxInstructions` have retired or something stops the CPU. Between
   * instructions, in the order of SDM Vol.3 6.9 (Table 6-2), it delivers a single-step trap
   * for the previous instruction (TF, SDM Vol.3 17.3.1.4) and then takes an external
   * interrupt when IF = 1 and no interrupt shadow is open (SDM Vol.3 6.8.1, 6.8.3). HLT waits
   * for an interrupt, skipping the idle time to the next timer tick, and ends the run only
   * when no interrupt can come. Pending interrupts are taken before returning at the limit,
   * so a run that ends on an interrupt boundary stops on the handler's first instruction.
   */
  run(maxInstructions: number): StopInfo {
    const cpu = this.cpu;
    let executed = 0;
    for (;;) {
      this.syncTimer();
      if ((this.singleStepPending || cpu.dbHits !== 0) && this.deliverDebugTrap())
        return this.stopInfo(executed, cpu.stopReason);
      if (cpu.halted) {
        if (!this.wakeFromHalt()) return this.stopInfo(executed, StopReason.Halt);
      }
      if (this.takeInterrupt()) return this.stopInfo(executed, cpu.stopReason);
      if (cpu.stopReason === StopReason.Shutdown || cpu.stopReason === StopReason.Unimplemented)
        return this.stopInfo(executed, cpu.stopReason);
      if (executed >= maxInstructions) return this.stopInfo(executed, StopReason.None);
      const singleStep = (cpu.flags & TF) !== 0;
      const budget = singleStep ? 1 : Math.min(maxInstructions - executed, this.ticksToTimer());
      const events = cpu.eventCount;
      const n = execute(cpu, this.code, budget);
      executed += n;
      const reason = cpu.stopReason;
      if (
        singleStep &&
        n === 1 &&
        cpu.eventCount === events &&
        !cpu.debugShadow &&
        (reason === StopReason.None ||
          reason === StopReason.Event ||
          reason === StopReason.Halt ||
          reason === StopReason.Watchpoint)
      ) {
        // SDM Vol.3 17.3.1.4: the single-step trap follows the instruction (TF was set when it
        // began); it is delivered at the top of the loop, before any external interrupt. After
        // MOV SS / POP SS (debugShadow, SDM Vol.3 6.8.3) it waits for the next instruction,
        // whose own trap then covers both.
        this.singleStepPending = true;
      }
      if (reason === StopReason.Event || reason === StopReason.None || reason === StopReason.Halt) continue;
      return this.stopInfo(executed, reason);
    }
  }

  /**
   * Delivers the pending #DB trap: single step (DR6.BS, SDM Vol.3 17.2.3) and/or the data, I/O
   * and task-switch breakpoints the last instruction or event hit (DR6.Bn, BT: cpu.dbHits),
   * as one #DB (17.3.1.2, 17.3.1.4), offered first to cpu.interceptEvent as kind 'trap'.
   * Returns true when the run must stop: the hook claimed it (it stays pending, DR6 unchanged)
   * or the delivery itself stopped the machine. Breakpoints hit by the #DB's own frame are
   * not reported again (that would be an endless loop of #DBs).
   */
  private deliverDebugTrap(): boolean {
    const cpu = this.cpu;
    const dr6 = cpu.dr[6];
    const step = this.singleStepPending;
    const hits = cpu.dbHits;
    this.singleStepPending = false;
    cpu.dbHits = 0;
    setDr6(cpu, hits | (step ? DR6_BS : 0));
    cpu.stopReason = StopReason.None as StopReason;
    cpu.exceptionIntercepted = false;
    this.deliverSafely(() => cpu.deliverException(Vector.DB, undefined, 'trap'));
    cpu.dbHits = 0;
    const reason = cpu.stopReason;
    if (reason === StopReason.Exception && cpu.exceptionIntercepted) {
      cpu.dr[6] = dr6;
      this.singleStepPending = step;
      cpu.dbHits = hits;
      return true;
    }
    // A trap after HLT leaves the halt: the handler returns to the instruction after it.
    cpu.halted = false;
    return reason !== StopReason.None && reason !== StopReason.Event;
  }

  /** The PIT's time base: one input clock per retired instruction, plus skipped idle time. */
  private syncTimer(): void {
    this.syncTimerTo(this.cpu.instructionCount + this.idleTicks);
  }

  /**
   * The same, during a port access. Inside a block cpu.instructionCount still counts from the
   * block's start; the port instructions (IN, OUT, INS, OUTS) record the count of the
   * instructions retired before them in cpu.ioInstructionCount, the exact time of the access.
   */
  private syncTimerAtPort(): void {
    this.syncTimerTo(this.cpu.ioInstructionCount + this.idleTicks);
  }

  private syncTimerTo(now: number): void {
    if (now > this.timers.pit.now) this.timers.pit.advance(now - this.timers.pit.now);
  }

  /** Instructions until OUT0 next rises (at least 1), or the largest budget when it never will. */
  private ticksToTimer(): number {
    const t = this.timers.pit.ticksToNextIrq0();
    return t === Infinity ? Number.MAX_SAFE_INTEGER : Math.max(1, Math.ceil(t));
  }

  /** HLT: resumes when an interrupt can be taken, skipping idle time to the next IRQ0. */
  private wakeFromHalt(): boolean {
    const cpu = this.cpu;
    if ((cpu.flags & IF) === 0) return false;
    if (this.timers.pic.pendingVector() >= 0) return true;
    const t = this.timers.pit.ticksToNextIrq0();
    if (t === Infinity) return false;
    this.idleTicks += Math.ceil(t);
    this.syncTimer();
    return this.timers.pic.pendingVector() >= 0;
  }

  /**
   * Takes a pending PIC interrupt when IF = 1 and no interrupt shadow is open (after STI from
   * IF = 0, MOV SS, POP SS: SDM Vol.3 6.8.3; execute then runs the one shadowed instruction
   * alone): offered to cpu.interceptEvent first (kind 'external'); claimed, it is not
   * acknowledged and stays pending. Returns true when the run must stop, the reason in
   * cpu.stopReason: the hook claimed it (Exception) or the delivery failed (InternalError).
   */
  private takeInterrupt(): boolean {
    const cpu = this.cpu;
    if ((cpu.flags & IF) === 0 || cpu.interruptShadow) return false;
    const pic = this.timers.pic;
    const pending = pic.pendingVector();
    if (pending < 0) return false;
    if (cpu.interceptEvent !== undefined && cpu.offerEvent(pending, undefined, 'external', cpu.eip)) return true;
    const vector = pic.acknowledge();
    cpu.stopReason = StopReason.None as StopReason;
    cpu.halted = false;
    if (!this.deliverSafely(() => cpu.deliverInterrupt(vector, false))) return true;
    // The frame's pushes hit a watchpoint: the run stops on the handler's first instruction.
    return cpu.stopReason === StopReason.Watchpoint;
  }

  /**
   * Runs an event delivery the machine starts itself (outside the interpreter's safety net):
   * a host exception there is an emulator defect, reported as an internal-error stop rather
   * than thrown at the caller (returns false). Guest faults during delivery are resolved
   * inside it.
   */
  private deliverSafely(deliver: () => void): boolean {
    try {
      deliver();
      return true;
    } catch (e) {
      const cpu = this.cpu;
      cpu.unimplementedWhat = `delivering an event at EIP ${cpu.eip.toString(16)}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      cpu.stopReason = StopReason.InternalError;
      return false;
    }
  }

  /**
   * Everything but RAM contents, as plain data (src/emulator/snapshot.ts): the CPU, the PIC
   * pair, the PIT and the machine's time base. With RAM copied alongside, restore() followed
   * by the same run calls reproduces the same execution exactly.
   */
  snapshot(): MachineState {
    return {
      model: this.cpu.model.id,
      memoryBytes: this.memory.size,
      cpu: captureCpu(this.cpu),
      pic: this.timers.pic.saveState(),
      pit: this.timers.pit.saveState(),
      machine: { idleTicks: this.idleTicks, singleStepPending: this.singleStepPending },
    };
  }

  /**
   * The exact inverse of snapshot(). Flushes the TLB (it caches page tables the restored CR3
   * may not point at); decoded code stays, because RAM is the caller's business and
   * PhysicalMemory.load already drops the decoded blocks of the pages it rewrites.
   */
  restore(state: MachineState): void {
    if (state.model !== this.cpu.model.id)
      throw new Error(`a snapshot of a ${state.model} machine cannot be restored on a ${this.cpu.model.id} machine`);
    if (state.memoryBytes !== this.memory.size)
      throw new Error(
        `a snapshot of a machine with ${state.memoryBytes} bytes of RAM cannot be restored on one with ${this.memory.size}`,
      );
    restoreCpu(this.cpu, state.cpu);
    this.timers.pic.restoreState(state.pic);
    this.timers.pit.restoreState(state.pit);
    this.idleTicks = state.machine.idleTicks;
    this.singleStepPending = state.machine.singleStepPending;
  }

  step(): StopInfo {
    return this.run(1);
  }

  /** Instructions retired inside compiled regions so far, and faults raised inside them. */
  compiledStats(): { retired: number; faults: number } {
    return { retired: this.code.compiledRetired, faults: this.code.compiledFaults };
  }

  /** Forgets every decoded instruction (after changing memory behind the CPU's back). */
  flushCodeCache(): void {
    this.code.invalidateAll();
  }

  private stopInfo(executed: number, reason: StopReason): StopInfo {
    const cpu = this.cpu;
    cpu.stopReason = reason;
    switch (reason) {
      case StopReason.None:
      case StopReason.Event:
        return { reason: 'limit', executed };
      case StopReason.Halt:
        return { reason: 'halt', executed };
      case StopReason.Shutdown:
        return { reason: 'shutdown', executed };
      case StopReason.Unimplemented:
        return {
          reason: 'exception',
          executed,
          vector: -1,
          faultEip: cpu.eip,
          message: `not implemented yet: ${cpu.unimplementedWhat}`,
        };
      case StopReason.InternalError:
        return {
          reason: 'exception',
          executed,
          vector: -1,
          faultEip: cpu.eip,
          message: `internal error: ${cpu.unimplementedWhat}`,
        };
      case StopReason.Exception: {
        const info: StopInfo = {
          reason: 'exception',
          executed,
          vector: cpu.exceptionVector,
          faultEip: cpu.exceptionEip,
        };
        if (cpu.exceptionErrorCode !== undefined) info.errorCode = cpu.exceptionErrorCode;
        if (cpu.exceptionIntercepted) info.intercepted = true;
        if (cpu.exceptionKind !== undefined) info.eventKind = cpu.exceptionKind;
        return info;
      }
      case StopReason.Watchpoint:
        return { reason: 'watchpoint', executed, faultEip: cpu.eip, watch: { ...cpu.watchHit! } };
    }
  }
}
