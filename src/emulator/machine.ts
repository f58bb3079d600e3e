// The machine: CPU, physical memory and the I/O port bus, and the run/step interface the
// debugger, the CLI, the benchmarks and the tests drive.

import { Cpu, StopReason } from './cpu/cpu';
import { CodeCache, execute } from './cpu/interpreter';
import { DEFAULT_MODEL, findModel, type ModelId } from './cpu/models';
import { IoBus } from './io';
import { PhysicalMemory } from './memory';

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
  private readonly code: CodeCache;

  constructor(opts: MachineOptions = {}) {
    const model = findModel(opts.model ?? DEFAULT_MODEL);
    if (!model) throw new Error(`unknown CPU model '${opts.model}'`);
    this.memory = new PhysicalMemory(opts.memoryBytes ?? 16 * 1024 * 1024);
    this.io = new IoBus();
    this.cpu = new Cpu(model, this.memory, this.io);
    this.code = new CodeCache(this.cpu);
    if (opts.compileBlocks === false) this.code.compileThreshold = Infinity;
  }

  /** Runs until `maxInstructions` have retired or something stops the CPU. */
  run(maxInstructions: number): StopInfo {
    const executed = execute(this.cpu, this.code, maxInstructions);
    return this.stopInfo(executed);
  }

  step(): StopInfo {
    return this.run(1);
  }

  /** Forgets every decoded instruction (after changing memory behind the CPU's back). */
  flushCodeCache(): void {
    this.code.invalidateAll();
  }

  private stopInfo(executed: number): StopInfo {
    const cpu = this.cpu;
    switch (cpu.stopReason) {
      case StopReason.None:
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
    }
  }
}
