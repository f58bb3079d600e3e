// Runs a golden vector through the emulator and lists every difference from the host CPU's
// result. Used by test/cpu/vectors.test.ts (committed vectors) and vectors-live.test.ts.

import { Machine } from '../../src/emulator/machine';
import { REG32 } from './addressing';
import { comparedFlagsBy, type MaskSource } from './icedFlags';
import type { Vector } from './vector';

/** Exceptions that push an error code (SDM Vol.3 6.15): only for these is it compared. */
const HAS_ERROR_CODE: ReadonlySet<number> = new Set([8, 10, 11, 12, 13, 14, 17]);
const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;

/** The emulator's own explanation of a stop (unimplemented feature, internal error), if any. */
function stopNote(stop: object): string {
  const fields = stop as { detail?: unknown; message?: unknown };
  const text = fields.detail ?? fields.message;
  return typeof text === 'string' ? ` (${text.split('\n')[0]})` : '';
}

/** The input state, for failure messages. */
export function describeInput(v: Vector): string {
  const regs = v.in.regs.map((r, i) => `${REG32[i]}=${hex(r)}`).join(' ');
  const mem = v.in.mem.map(([a, h]) => `[${hex(a)}]=${h}`).join(' ');
  return `${regs} eflags=${hex(v.in.eflags)}${mem ? ' ' + mem : ''}`;
}

/**
 * A machine for replaying vectors: 16 MiB, flat 32-bit mode, reused across vectors.
 * `compiled`: every block is compiled at its first entry (replayVector's compiled mode).
 */
export function replayMachine(compiled = false): Machine {
  return new Machine({ memoryBytes: 16 * 1024 * 1024, ...(compiled ? { compileThreshold: 1 } : {}) });
}

/** HLT (SDM Vol.2 HLT: F4). */
const HLT = 0xf4;

/**
 * Runs one vector; returns the differences (empty when the emulator matches the host).
 * `prepare` changes the flat CPL 0 state before the run (the CPL 3 paged mode).
 *
 * `compiled` (on a replayMachine(true)): the instruction runs inside a compiled region, not
 * stepped alone. A region is entered only when the budget covers its whole block, so the run
 * gets two instructions: the vector's, then the HLT at the EIP the host ended on (written
 * there for a jump; see `alone` for a jump into its own data). At CPL 0 the run halts after
 * the HLT (EIP one past it); at CPL 3 the HLT is #GP(0) with EIP on it (SDM Vol.2 HLT). The
 * machine's compiled-code counters must show the instruction retired (or faulted) inside a
 * region.
 *
 * EFLAGS are compared on the bits neither the instruction table's rule nor iced-x86 calls
 * undefined (`maskSource` 'both', icedFlags.ts); 'ours' or 'iced' uses one of the two alone.
 */
export function replayVector(
  machine: Machine,
  v: Vector,
  prepare?: (machine: Machine) => void,
  compiled = false,
  maskSource: MaskSource = 'both',
): string[] {
  const cpu = machine.cpu;
  const memory = machine.memory;
  cpu.reset();
  cpu.setFlat32();
  prepare?.(machine);
  const bytes = Buffer.from(v.bytes, 'hex');
  // As in the harness: the instruction is followed by HLT.
  for (let i = 0; i < 16; i++) memory.write8(v.in.eip + i, 0xf4);
  memory.load(new Uint8Array(bytes), v.in.eip);
  for (const [address, contents] of v.in.mem) memory.load(new Uint8Array(Buffer.from(contents, 'hex')), address);
  const fault = v.out.fault;
  // A jump into its own code or data (RET to an address in its stack window) has no room for
  // the HLT: it runs alone with a budget of 1, which covers its block (a RET ends one).
  let alone = false;
  if (compiled && !fault) {
    const end = v.out.eip >>> 0;
    const inside = (a: number, from: number, length: number) => a >= from && a < from + length;
    alone = inside(end, v.in.eip, bytes.length) || v.in.mem.some(([a, h]) => inside(end, a, h.length / 2));
    if (!alone) memory.write8(end, HLT);
  }
  machine.flushCodeCache();
  for (let i = 0; i < 8; i++) cpu.regs[i] = v.in.regs[i] | 0;
  cpu.eip = v.in.eip;
  cpu.setEflags(v.in.eflags);

  const diffs: string[] = [];
  let stop;
  const before = machine.compiledStats();
  try {
    stop = compiled ? machine.run(alone ? 1 : 2) : machine.step();
  } catch (e) {
    return [`emulator threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
  let expectedEip = v.out.eip;
  if (compiled) {
    const after = machine.compiledStats();
    if (after.retired === before.retired && after.faults === before.faults)
      diffs.push('did not run inside a compiled region');
    if (!fault && alone) {
      if (stop.reason !== 'limit' || stop.executed !== 1)
        diffs.push(`expected completion, emulator stopped with ${stop.reason}${stopNote(stop)}`);
    } else if (!fault) {
      const user = machine.cpu.cpl === 3;
      const halted = user
        ? stop.reason === 'exception' && stop.vector === 13
        : stop.reason === 'halt' && stop.executed === 2;
      if (!halted)
        diffs.push(
          `expected the HLT after it to ${user ? 'raise #GP' : 'halt'}, emulator stopped with ${stop.reason}${stop.vector !== undefined ? ' vector ' + stop.vector : ''}${stopNote(stop)}`,
        );
      if (!user) expectedEip = (expectedEip + 1) >>> 0;
    }
  }
  if (fault) {
    if (stop.reason !== 'exception' || stop.vector !== fault.vector) {
      diffs.push(
        `expected exception ${fault.vector}${HAS_ERROR_CODE.has(fault.vector) ? `(${hex(fault.errorCode)})` : ''}, emulator stopped with ${stop.reason}${stop.vector !== undefined ? ' vector ' + stop.vector : ''}${stopNote(stop)}`,
      );
    } else if (HAS_ERROR_CODE.has(fault.vector) && (stop.errorCode ?? -1) !== fault.errorCode) {
      diffs.push(
        `exception ${fault.vector}: error code expected ${hex(fault.errorCode)}, got ${stop.errorCode === undefined ? 'none' : hex(stop.errorCode)}`,
      );
    }
  } else if (!compiled && (stop.reason !== 'limit' || stop.executed !== 1)) {
    diffs.push(
      `expected completion, emulator stopped with ${stop.reason}${stop.vector !== undefined ? ' vector ' + stop.vector : ''}${stop.errorCode !== undefined ? ' error code ' + hex(stop.errorCode) : ''}${stopNote(stop)}`,
    );
  }
  if (cpu.eip >>> 0 !== expectedEip) diffs.push(`EIP expected ${hex(expectedEip)}, got ${hex(cpu.eip)}`);
  for (let i = 0; i < 8; i++) {
    if (cpu.regs[i] >>> 0 !== v.out.regs[i])
      diffs.push(`${REG32[i].toUpperCase()} expected ${hex(v.out.regs[i])}, got ${hex(cpu.regs[i])}`);
  }
  const compared = comparedFlagsBy(v, maskSource);
  const flags = cpu.getEflags() & compared;
  const expectedFlags = v.out.eflags & compared;
  if (flags !== expectedFlags) {
    const names: [number, string][] = [
      [0x800, 'OF'],
      [0x400, 'DF'],
      [0x80, 'SF'],
      [0x40, 'ZF'],
      [0x10, 'AF'],
      [0x4, 'PF'],
      [0x1, 'CF'],
    ];
    const which = names
      .filter(([bit]) => (flags ^ expectedFlags) & bit)
      .map(([bit, n]) => `${n}=${expectedFlags & bit ? 1 : 0}`);
    diffs.push(
      `EFLAGS expected ${which.join(' ')} (compared ${hex(compared)}), got ${hex(flags)} vs ${hex(expectedFlags)}`,
    );
  }
  for (const [address, before] of v.in.mem) {
    const expected = v.out.mem.find(([a]) => a === address)?.[1] ?? before;
    const length = expected.length / 2;
    const actual = Buffer.from(memory.u8.subarray(address, address + length)).toString('hex');
    if (actual !== expected) {
      const first = [...Array(length).keys()].find((i) => actual.substr(2 * i, 2) !== expected.substr(2 * i, 2)) ?? 0;
      diffs.push(
        `memory at ${hex(address + first)}: expected ${expected.substr(2 * first, 16)}.., got ${actual.substr(2 * first, 16)}..`,
      );
    }
  }
  return diffs;
}

/** One failure line: instruction, bytes, input and the differences. */
export function describeFailure(v: Vector, diffs: string[]): string {
  return `${v.asm} [${v.bytes}] o${v.opsize}\n      in: ${describeInput(v)}\n      ${diffs.join('\n      ')}`;
}
