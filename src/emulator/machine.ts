// The machine: CPU, physical memory and the I/O port bus, and the run/step interface the
// debugger, the CLI, the benchmarks and the tests drive.

import { Cpu, StopReason } from './cpu/cpu';
import { CodeCache, execute } from './cpu/interpreter';
import { DEFAULT_MODEL, findModel, type ModelId } from './cpu/models';
import { IoBus } from './io';
import { PhysicalMemory } from './memory';
import { attachPcTimerDevices, type PcTimerDevices } from './devices/pc';
import { Vector } from './cpu/exceptions';
import { IF, TF } from './cpu/flags';
import { captureCpu, restoreCpu, type MachineState } from './snapshot';

export interface MachineOptions {
  /** RAM size in bytes, a multiple of 4 KiB (default 16 MiB). */
  memoryBytes?: number;
  model?: ModelId;
  /** Compile hot basic blocks to JavaScript (default true; false interprets every block). */
  compileBlocks?: boolean;
}

export interface StopInfo {
  /**
   * limit: the instruction budget ran out; halt: HLT; exception: a fault or trap with no
   * handler to deliver it to yet (vector, errorCode, faultEip); shutdown: triple fault.
   * vector -1 means the emulator itself stopped: the guest reached something it does not
   * implement yet, or (loudly, as "internal error") an emulator defect; `message` says which.
   */
  reason: 'limit' | 'halt' | 'exception' | 'shutdown';
  executed: number;
  vector?: number;
  errorCode?: number;
  faultEip?: number;
  message?: string;
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

  constructor(opts: MachineOptions = {}) {
    const model = findModel(opts.model ?? DEFAULT_MODEL);
    if (!model) throw new Error(`unknown CPU model '${opts.model}'`);
    this.memory = new PhysicalMemory(opts.memoryBytes ?? 16 * 1024 * 1024);
    this.io = new IoBus();
    this.cpu = new Cpu(model, this.memory, this.io);
    this.code = new CodeCache(this.cpu);
    if (opts.compileBlocks === false) this.code.compileThreshold = Infinity;
    this.timers = attachPcTimerDevices(this.io);
    const pit = this.timers.pit;
    // The PIT sees the time of the access; programming the PIC can unmask a pending request,
    // so the machine looks for it right after the OUT.
    this.io.registerDevice(0x40, 4, {
      in8: (port) => { this.syncTimer(); return pit.in8(port); },
      out8: (port, value) => { this.syncTimer(); pit.out8(port, value); },
    });
    this.io.onOut((port) => {
      if ((port & ~1) === 0x20 || (port & ~1) === 0xa0) {
        if (this.cpu.stopReason === StopReason.None) this.cpu.stopReason = StopReason.Event;
        this.cpu.leaveBlock = true;
      }
    });
  }

  /**
   * Runs until `maxInstructions` have retired or something stops the CPU. Between
   * instructions it takes external interrupts when IF = 1 (SDM Vol.3 6.8.1) and single-step
   * traps (TF, SDM Vol.3 17.3.1.4); HLT waits for an interrupt, skipping the idle time to the
   * next timer tick, and ends the run only when no interrupt can come (IF = 0).
   */
  run(maxInstructions: number): StopInfo {
    const cpu = this.cpu;
    let executed = 0;
    for (;;) {
      this.syncTimer();
      if (cpu.halted) {
        if (!this.wakeFromHalt()) return this.stopInfo(executed, StopReason.Halt);
      }
      this.takeInterrupt();
      if (cpu.stopReason === StopReason.Shutdown || cpu.stopReason === StopReason.Unimplemented) return this.stopInfo(executed, cpu.stopReason);
      if (executed >= maxInstructions) return this.stopInfo(executed, StopReason.None);
      const singleStep = (cpu.flags & TF) !== 0;
      let budget = maxInstructions - executed;
      if (singleStep) budget = 1;
      else if ((cpu.flags & IF) !== 0) budget = Math.min(budget, Math.max(1, this.ticksToTimer()));
      const events = cpu.eventCount;
      const n = execute(cpu, this.code, budget);
      executed += n;
      const reason = cpu.stopReason;
      if (singleStep && n === 1 && cpu.eventCount === events && (reason === StopReason.None || reason === StopReason.Event || reason === StopReason.Halt)) {
        // SDM Vol.3 17.3.1.4: the single-step trap follows the instruction; DR6.BS says why.
        cpu.dr[6] |= 0x4000;
        cpu.stopReason = StopReason.None;
        cpu.deliverException(Vector.DB, undefined);
        if (cpu.stopReason !== StopReason.None) return this.stopInfo(executed, cpu.stopReason);
        continue;
      }
      if (reason === StopReason.Event || reason === StopReason.None) continue;
      if (reason === StopReason.Halt) continue;
      return this.stopInfo(executed, reason);
    }
  }

  /** The PIT's time base: one input clock per retired instruction, plus skipped idle time. */
  private syncTimer(): void {
    const now = this.cpu.instructionCount + this.idleTicks;
    if (now > this.timers.pit.now) this.timers.pit.advance(now - this.timers.pit.now);
  }

  private ticksToTimer(): number {
    const t = this.timers.pit.ticksToNextIrq0();
    return t === Infinity ? Number.MAX_SAFE_INTEGER : Math.ceil(t);
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

  /** Acknowledges and delivers a pending PIC interrupt when IF = 1. */
  private takeInterrupt(): void {
    const cpu = this.cpu;
    if ((cpu.flags & IF) === 0 || this.timers.pic.pendingVector() < 0) return;
    const vector = this.timers.pic.acknowledge();
    cpu.stopReason = StopReason.None;
    cpu.halted = false;
    cpu.deliverInterrupt(vector, false);
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
      machine: { idleTicks: this.idleTicks },
    };
  }

  /**
   * The exact inverse of snapshot(). Flushes the TLB (it caches page tables the restored CR3
   * may not point at); decoded code stays, because RAM is the caller's business and
   * PhysicalMemory.load already drops the decoded blocks of the pages it rewrites.
   */
  restore(state: MachineState): void {
    if (state.model !== this.cpu.model.id) throw new Error(`a snapshot of a ${state.model} machine cannot be restored on a ${this.cpu.model.id} machine`);
    if (state.memoryBytes !== this.memory.size) throw new Error(`a snapshot of a machine with ${state.memoryBytes} bytes of RAM cannot be restored on one with ${this.memory.size}`);
    restoreCpu(this.cpu, state.cpu);
    this.timers.pic.restoreState(state.pic);
    this.timers.pit.restoreState(state.pit);
    this.idleTicks = state.machine.idleTicks;
  }

  step(): StopInfo {
    return this.run(1);
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
        return { reason: 'exception', executed, vector: -1, faultEip: cpu.eip, message: `not implemented yet: ${cpu.unimplementedWhat}` };
      case StopReason.InternalError:
        return { reason: 'exception', executed, vector: -1, faultEip: cpu.eip, message: `internal error: ${cpu.unimplementedWhat}` };
      case StopReason.Exception: {
        const info: StopInfo = { reason: 'exception', executed, vector: cpu.exceptionVector, faultEip: cpu.exceptionEip };
        if (cpu.exceptionErrorCode !== undefined) info.errorCode = cpu.exceptionErrorCode;
        return info;
      }
      default:
        return { reason: 'exception', executed, vector: -1, faultEip: cpu.eip, message: `internal error: stop reason ${reason as number} has no report` };
    }
  }
}
