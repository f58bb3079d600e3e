// Measuring a program's syscall round trips and the kernel's boot on our machine, for `demo`
// and the kernel bench. Guest instructions are counted by single steps: every time the CPU
// is about to execute the program's `round_trip_loop` label at CPL 3 one round trip begins,
// and `round_trip_done` ends the loop (examples/ask-kernel.asm). The cheapest round trip is
// the mechanism's cost; a timer interrupt that lands inside one makes only that one longer.
// Host time is then taken on fresh machines run at full speed over part of the loop.
import { KernelRun, type BootConfig, type BuiltImage, type RunEnd, type UserProgram } from './kernelRun';

export const LOOP_LABEL = 'round_trip_loop';
export const DONE_LABEL = 'round_trip_done';

export interface RoundTrips {
  count: number;
  /** Guest instructions of the cheapest round trip (one loop iteration). */
  instructions: number;
  /** Guest instructions of the whole loop divided by the count (timer interrupts included). */
  meanInstructions: number;
  /** Instructions retired before the loop starts, and by the whole loop. */
  before: number;
  loop: number;
}

export type Measured<T> = { ok: true; value: T; run: KernelRun } | { ok: false; reason: string; run?: KernelRun };

export function describeEnd(end: RunEnd | 'visited'): string {
  if (end === 'visited') return 'reached';
  if (end.kind === 'exit') return `the program exited (status ${end.status})`;
  if (end.kind === 'limit') return 'the instruction limit was reached';
  if (end.kind === 'pipe') return "the reader of the program's output went away";
  return end.description;
}

/** Boots and single-steps to the loop label, then through the loop; the run is left at round_trip_done. */
export function countRoundTrips(
  kernel: BuiltImage,
  program: UserProgram,
  config: BootConfig,
  limit: number,
): Measured<RoundTrips> {
  const loopAt = program.symbols.get(LOOP_LABEL);
  const doneAt = program.symbols.get(DONE_LABEL);
  if (loopAt === undefined || doneAt === undefined)
    return { ok: false, reason: `${program.name} has no ${LOOP_LABEL} and ${DONE_LABEL} labels` };
  const run = KernelRun.boot(kernel, program, config);
  if (typeof run === 'string') return { ok: false, reason: run };
  const toLoop = run.runStepping(limit, (eip, cpl) => cpl === 3 && eip === loopAt);
  if (toLoop !== 'visited') return { ok: false, reason: `before ${LOOP_LABEL}: ${describeEnd(toLoop)}`, run };
  const before = run.instructions;
  const starts: number[] = [];
  const through = run.runStepping(limit, (eip, cpl) => {
    if (cpl !== 3) return false;
    if (eip === loopAt) starts.push(run.instructions);
    return eip === doneAt;
  });
  if (through !== 'visited') return { ok: false, reason: `in the round-trip loop: ${describeEnd(through)}`, run };
  const ends = [...starts.slice(1), run.instructions];
  const each = starts.map((s, i) => ends[i] - s);
  const loop = run.instructions - before;
  return {
    ok: true,
    value: {
      count: starts.length,
      instructions: Math.min(...each),
      meanInstructions: loop / starts.length,
      before,
      loop,
    },
    run,
  };
}

/** Runs at full speed until `count` instructions have retired in all; else why it stopped. */
function runExactly(run: KernelRun, count: number): string | undefined {
  while (run.instructions < count) {
    const stop = run.machine.run(count - run.instructions);
    if (stop.reason !== 'limit') {
      const at = `at 0x${(run.machine.cpu.eip >>> 0).toString(16)} after ${run.instructions} instructions`;
      return `${stop.reason}${stop.vector !== undefined ? ` vector ${stop.vector}` : ''}${stop.message ? ` (${stop.message.split('\n')[0]})` : ''} ${at}`;
    }
  }
  return undefined;
}

/**
 * Host nanoseconds per round trip: on fresh machines stepped to round_trip_loop, half the
 * loop's instructions run at full speed (so the timed run stays well inside the loop),
 * divided by the round trips those instructions make at the stepped mean; the best of `runs`.
 */
export function timeRoundTrips(
  kernel: BuiltImage,
  program: UserProgram,
  config: BootConfig,
  trips: RoundTrips,
  runs: number,
): Measured<number> {
  const loopAt = program.symbols.get(LOOP_LABEL)!;
  let best = Infinity;
  let last: KernelRun | undefined;
  for (let i = 0; i < runs; i++) {
    const run = KernelRun.boot(kernel, program, config);
    if (typeof run === 'string') return { ok: false, reason: run };
    last = run;
    const toLoop = run.runStepping(trips.before * 2, (eip, cpl) => cpl === 3 && eip === loopAt);
    if (toLoop !== 'visited')
      return { ok: false, reason: `a second run did not reach ${LOOP_LABEL}: ${describeEnd(toLoop)}`, run };
    const timed = Math.floor(trips.loop / 2);
    const target = run.instructions + timed;
    const start = process.hrtime.bigint();
    const stopped = runExactly(run, target);
    const ns = Number(process.hrtime.bigint() - start);
    if (stopped) return { ok: false, reason: `the machine stopped during a timed run of the loop: ${stopped}`, run };
    best = Math.min(best, ns / (timed / trips.meanInstructions));
  }
  return { ok: true, value: best, run: last! };
}

/** Instructions from power-on to the program's first instruction at CPL 3, by single steps. */
export function countBoot(
  kernel: BuiltImage,
  program: UserProgram,
  config: BootConfig,
  limit: number,
): Measured<number> {
  const run = KernelRun.boot(kernel, program, config);
  if (typeof run === 'string') return { ok: false, reason: run };
  const end = run.runStepping(limit, (_eip, cpl) => cpl === 3);
  if (end !== 'visited') return { ok: false, reason: `before the first user instruction: ${describeEnd(end)}`, run };
  return { ok: true, value: run.instructions, run };
}

/** Host milliseconds from an empty machine to the first user instruction: the best of `runs`. */
export function timeBoot(
  kernel: BuiltImage,
  program: UserProgram,
  config: BootConfig,
  instructions: number,
  runs: number,
): Measured<number> {
  let best = Infinity;
  let last: KernelRun | undefined;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = KernelRun.boot(kernel, program, config);
    if (typeof run === 'string') return { ok: false, reason: run };
    const stopped = runExactly(run, instructions);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    last = run;
    if (stopped) return { ok: false, reason: `a full-speed boot stopped: ${stopped}`, run };
    if (run.machine.cpu.cpl !== 3)
      return { ok: false, reason: `a full-speed boot was not at CPL 3 after ${instructions} instructions`, run };
    best = Math.min(best, ms);
  }
  return { ok: true, value: best, run: last! };
}
