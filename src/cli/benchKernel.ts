// The kernel suite (docs/ARCHITECTURE.md, "Contracts"): `boot`, host milliseconds from
// an empty machine to the first user instruction of examples/ask-kernel.asm (target < 50 ms;
// the kernel is assembled once beforehand and not counted), and `syscall-int`,
// `syscall-callgate`, `syscall-sysenter`, `syscall-syscall`, host nanoseconds per round trip
// of ask-kernel's round_trip_loop with that mechanism forced, on a model that has it. Each
// mechanism also gets a `-instructions` row: guest instructions of the cheapest round trip.
// The guest work is found by single steps first (roundTrip.ts); a row whose run does not get
// there is omitted with the reason, never estimated.
import * as path from 'node:path';
import type { ModelId } from '../isa/models';
import { BenchSuite, Measurement } from './benchSuite';
import { TIMED_RUNS } from './benchTiming';
import {
  BootConfig,
  BuiltImage,
  UserProgram,
  buildKernel,
  findExamplesDir,
  loadUserProgram,
  type MechanismChoice,
} from './kernelRun';
import { RoundTrips, countBoot, countRoundTrips, timeBoot, timeRoundTrips } from './roundTrip';

const PROGRAM = 'ask-kernel.asm';
const BOOT_MODEL: ModelId = 'pentium-ii';
/**
 * Timed runs per mechanism, best taken: one run times ~500 round trips (a few milliseconds), so
 * a garbage collection or a V8 tier-up in one of them would otherwise decide the figure.
 */
const ROUND_TRIP_RUNS = 12;

/** Where each mechanism runs: the default model, or the AMD part for SYSCALL. */
const MECHANISM_MODELS: [Exclude<MechanismChoice, 'auto'>, ModelId][] = [
  ['int', 'pentium-ii'],
  ['callgate', 'pentium-ii'],
  ['sysenter', 'pentium-ii'],
  ['syscall', 'k6-2'],
];
/** The boot seed of every measured boot: the workload stays the same from run to run. */
const BENCH_SEED = 0x1386;
/** Single steps allowed to reach the measured work (ask-kernel needs under 100,000). */
const LIMIT = 20_000_000;

type Prepared<T> = { ok: true; value: T } | { ok: false; reason: string };

function inputs(): Prepared<{ kernel: BuiltImage; program: UserProgram }> {
  const kernel = buildKernel();
  if (!kernel.ok) return { ok: false, reason: kernel.message };
  const program = loadUserProgram(path.join(findExamplesDir(), PROGRAM));
  if (!program.ok) return { ok: false, reason: program.message };
  return { ok: true, value: { kernel: kernel.value, program: program.value } };
}

/** Work found once per process by single steps, shared by the rows that time it. */
const bootCounts = new Map<string, Prepared<number>>();
const tripCounts = new Map<string, Prepared<RoundTrips>>();

function bootCount(config: BootConfig): Prepared<number> {
  const key = JSON.stringify(config);
  if (!bootCounts.has(key)) {
    const i = inputs();
    if (!i.ok) bootCounts.set(key, i);
    else {
      const c = countBoot(i.value.kernel, i.value.program, config, LIMIT);
      bootCounts.set(
        key,
        c.ok
          ? { ok: true, value: c.value }
          : { ok: false, reason: `the kernel does not boot to user mode on our machine yet: ${c.reason}` },
      );
    }
  }
  return bootCounts.get(key)!;
}

function tripCount(config: BootConfig): Prepared<RoundTrips> {
  const key = JSON.stringify(config);
  if (!tripCounts.has(key)) {
    const i = inputs();
    if (!i.ok) tripCounts.set(key, i);
    else {
      const c = countRoundTrips(i.value.kernel, i.value.program, config, LIMIT);
      const advertised = c.run?.report().mechanism;
      if (!c.ok)
        tripCounts.set(key, {
          ok: false,
          reason: `the kernel does not run ${PROGRAM}'s round trips on our machine yet: ${c.reason}`,
        });
      else if (advertised !== config.mechanism)
        tripCounts.set(key, {
          ok: false,
          reason: `the kernel advertised ${advertised ?? 'nothing'} on ${config.model}, not ${config.mechanism}`,
        });
      else tripCounts.set(key, { ok: true, value: c.value });
    }
  }
  return tripCounts.get(key)!;
}

const boot: Measurement = {
  name: 'boot',
  unit: 'ms',
  unavailable: () => {
    const c = bootCount({ model: BOOT_MODEL, discovery: 'lock-nop', mechanism: 'auto', seed: BENCH_SEED });
    return c.ok ? null : c.reason;
  },
  measure(ctx) {
    const config: BootConfig = { model: BOOT_MODEL, discovery: 'lock-nop', mechanism: 'auto', seed: BENCH_SEED };
    const count = bootCount(config);
    const i = inputs();
    if (!count.ok || !i.ok) throw new Error('boot: measured without its count');
    const t = timeBoot(i.value.kernel, i.value.program, config, count.value, (ctx.quick ? 1 : TIMED_RUNS) + 1);
    if (!t.ok) throw new Error(`boot: ${t.reason}`);
    ctx.log(
      `boot: ${count.value} guest instructions to the first user instruction on ${BOOT_MODEL}, best ${t.value.toFixed(2)} ms`,
    );
    return { value: t.value, baseline: {} };
  },
};

function roundTripRows(mechanism: Exclude<MechanismChoice, 'auto'>, model: ModelId): Measurement[] {
  const config: BootConfig = { model, discovery: 'lock-nop', mechanism, seed: BENCH_SEED };
  const unavailable = (): string | null => {
    const c = tripCount(config);
    return c.ok ? null : c.reason;
  };
  return [
    {
      name: `syscall-${mechanism}`,
      unit: 'ns',
      unavailable,
      measure(ctx) {
        const count = tripCount(config);
        const i = inputs();
        if (!count.ok || !i.ok) throw new Error(`syscall-${mechanism}: measured without its count`);
        const t = timeRoundTrips(i.value.kernel, i.value.program, config, count.value, ctx.quick ? 2 : ROUND_TRIP_RUNS);
        if (!t.ok) throw new Error(`syscall-${mechanism}: ${t.reason}`);
        ctx.log(
          `syscall-${mechanism} on ${model}: ${count.value.count} round trips, ${count.value.instructions} guest instructions each (mean ${count.value.meanInstructions.toFixed(1)}), best ${t.value.toFixed(0)} ns each`,
        );
        return { value: t.value, baseline: {} };
      },
    },
    {
      name: `syscall-${mechanism}-instructions`,
      unit: 'instr',
      unavailable,
      measure() {
        const count = tripCount(config);
        if (!count.ok) throw new Error(`syscall-${mechanism}-instructions: measured without its count`);
        return { value: count.value.instructions, baseline: {} };
      },
    },
  ];
}

export const kernelSuite: BenchSuite = {
  id: 'kernel',
  measurements: [boot, ...MECHANISM_MODELS.flatMap(([mechanism, model]) => roundTripRows(mechanism, model))],
};
