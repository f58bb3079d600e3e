// A CPU with its memory, I/O bus and code cache but no Machine around it: tests of the CPU's
// own stop reasons (watchpoints, intercepted events) drive `execute` directly, so they do not
// depend on how Machine.run reports them.
import { Cpu } from '../../src/emulator/cpu/cpu';
import { CodeCache, execute } from '../../src/emulator/cpu/interpreter';
import { findModel, type ModelId } from '../../src/isa/models';
import { IoBus } from '../../src/emulator/io';
import { PhysicalMemory } from '../../src/emulator/memory';

export const CODE = 0x1000;
export const STACK_TOP = 0x80000;

export interface BareCpu {
  cpu: Cpu;
  memory: PhysicalMemory;
  cache: CodeCache;
  /** Runs up to `max` instructions; returns how many retired. */
  run(max: number): number;
}

/** Flat 32-bit CPL 0, paging off, code at CODE, ESP = STACK_TOP, other registers 0. */
export function bareCpu(code: number[], opts: { model?: ModelId; compile?: boolean } = {}): BareCpu {
  const memory = new PhysicalMemory(1 << 20);
  const cpu = new Cpu(findModel(opts.model ?? 'pentium-ii')!, memory, new IoBus());
  const cache = new CodeCache(cpu);
  if (opts.compile === false) cache.compileThreshold = Infinity;
  cpu.setFlat32();
  memory.load(Uint8Array.from(code), CODE);
  cpu.eip = CODE;
  cpu.regs.fill(0);
  cpu.regs[4] = STACK_TOP;
  return { cpu, memory, cache, run: (max) => execute(cpu, cache, max) };
}

export const GDT = 0x500,
  IDT = 0x800;
/** Where every IDT gate points unless `handlers` says otherwise: a HLT. */
export const DEFAULT_HANDLER = 0x3000;

/**
 * Gives a flat CPU a GDT (null, flat code 08h, flat data 10h) and an IDT of 32-bit interrupt
 * gates with DPL 3 (so INT n is allowed at any CPL), each to DEFAULT_HANDLER (a HLT) or to the
 * address `handlers` gives for its vector; events are then delivered, not stopping the run.
 */
export function withIdt(b: BareCpu, handlers: Record<number, number> = {}): void {
  const m = b.memory;
  m.write32(GDT, 0);
  m.write32(GDT + 4, 0);
  m.write32(GDT + 8, 0x0000ffff);
  m.write32(GDT + 12, 0x00cf9a00);
  m.write32(GDT + 16, 0x0000ffff);
  m.write32(GDT + 20, 0x00cf9200);
  b.cpu.gdtBase = GDT;
  b.cpu.gdtLimit = 23;
  for (let v = 0; v < 256; v++) {
    const handler = handlers[v] ?? DEFAULT_HANDLER;
    m.write32(IDT + v * 8, (0x08 << 16) | (handler & 0xffff));
    m.write32(IDT + v * 8 + 4, (handler & 0xffff0000) | 0xee00);
  }
  b.cpu.idtBase = IDT;
  b.cpu.idtLimit = 256 * 8 - 1;
  m.write8(DEFAULT_HANDLER, 0xf4);
  b.cpu.eventsStopRun = false;
}
