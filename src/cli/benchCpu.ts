// The cpu suite: fixed integer and x87 workloads (bench/*.inc) on the emulator, natively on the host
// and under qemu-i386, in MIPS. The instruction count of a run is the emulator's, for the
// same work: executed(passes) = fixed + perPass * passes, measured exactly from an emulator
// run with 0 passes and one with the emulator's pass count. A workload's checksum (EAX) must
// be the same on the emulator as natively and under qemu, or the bench fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assemble, formatDiagnostic } from '../asm';
import { BareStop, createFlatMachine, runUntilStop } from './bare';
import { LinuxRunner, LinuxTools, buildLinuxWorkload, probeLinuxTools, runLinuxWorkload } from './benchLinux';
import { BenchContext, BenchSuite, Measurement } from './benchSuite';
import { TIMED_RUNS, describeTiming, timeRuns } from './benchTiming';

/** Where bench/bare.asm is linked (org) and entered. */
export const BARE_LOAD_ADDRESS = 0x100000;

export interface CpuWorkload {
  name: string;
  /** The core file in bench/, included by bench/linux.asm and by the bare wrapper. */
  core: string;
  /** The emulator's wrapper in bench/: bare.asm (flat, CPL0) unless said otherwise. */
  bareWrapper?: string;
  /**
   * Passes per run, fixed so figures compare across commits. The emulator does at least
   * qemu-i386's work (the same passes for the integer workloads), so neither figure weighs its
   * JIT's warm-up more than the other's: both compile their hot code at the start of every run
   * (a fresh machine, a fresh qemu process). Native and qemu runs take >= 0.3 s.
   */
  passes: Record<'emulator' | LinuxRunner, number>;
}

export const CPU_WORKLOADS: CpuWorkload[] = [
  { name: 'int-loop', core: 'int-loop.inc', passes: { emulator: 20000, native: 25000, qemu: 20000 } },
  { name: 'rep-movsd', core: 'rep-movsd.inc', passes: { emulator: 40000, native: 60000, qemu: 8000 } },
  { name: 'byte-loop', core: 'byte-loop.inc', passes: { emulator: 80000, native: 200000, qemu: 80000 } },
  { name: 'sort', core: 'sort.inc', passes: { emulator: 5000, native: 12000, qemu: 5000 } },
  { name: 'recursion', core: 'recursion.inc', passes: { emulator: 12000, native: 30000, qemu: 12000 } },
  // x87 double arithmetic (bench/mandelbrot.inc, bench/nbody.inc with FSQRT and FDIV): the
  // emulator's exact soft-float is slower per instruction than its integer path, hence the
  // small pass counts.
  { name: 'mandelbrot', core: 'mandelbrot.inc', passes: { emulator: 8, native: 1000, qemu: 40 } },
  { name: 'nbody', core: 'nbody.inc', passes: { emulator: 300, native: 80000, qemu: 1500 } },
];

/**
 * int-loop at CPL3 with paging on (the cost of paging). Its native and qemu baselines are
 * int-loop's: a Linux process already runs at CPL3 with paging on.
 */
export const PAGED_WORKLOAD: CpuWorkload = {
  name: 'int-loop-paged',
  core: 'int-loop.inc',
  bareWrapper: 'bare-paged.asm',
  passes: CPU_WORKLOADS[0].passes,
};

/** --quick divides every pass count by this. */
const QUICK_DIVISOR = 20;

export function passesFor(w: CpuWorkload, runner: 'emulator' | LinuxRunner, quick: boolean): number {
  const n = w.passes[runner];
  return quick ? Math.max(1, Math.floor(n / QUICK_DIVISOR)) : n;
}

/** The bare wrapper around the workload's core, assembled by our assembler. */
export function assembleBareWorkload(benchDir: string, core: string, passes: number, wrapper = 'bare.asm'): Uint8Array {
  const fileName = path.join(benchDir, wrapper);
  const result = assemble(fs.readFileSync(fileName, 'latin1'), {
    fileName,
    readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p) : undefined),
    defines: { WORKLOAD: `"${core}"`, ITERATIONS: String(passes) },
  });
  if (!result.ok || !result.bytes) {
    throw new Error(`assembling ${core}: ${result.diagnostics.map(formatDiagnostic).join('; ')}`);
  }
  return result.bytes;
}

export interface EmulatorRun {
  stop: BareStop;
  /** EAX at the stop: the workload's checksum. */
  checksum: number;
}

/** Runs a bench image on a fresh machine; throws unless it ends with HLT. */
export function runBareWorkload(name: string, image: Uint8Array): EmulatorRun {
  const machine = createFlatMachine({ bytes: image, loadAt: BARE_LOAD_ADDRESS }, BARE_LOAD_ADDRESS);
  const stop = runUntilStop(machine, Infinity);
  if (stop.reason !== 'halt') {
    const detail = stop.message
      ? ` (${stop.message})`
      : stop.vector !== undefined
        ? ` (vector ${stop.vector}${stop.errorCode !== undefined ? `, error code ${stop.errorCode}` : ''})`
        : '';
    const eip = stop.faultEip ?? machine.cpu.eip;
    throw new Error(
      `${name}: the emulator stopped with '${stop.reason}'${detail} at eip 0x${(eip >>> 0).toString(16)} after ${stop.total} instructions`,
    );
  }
  return { stop, checksum: machine.cpu.regs[0] >>> 0 };
}

const hex = (n: number) => '0x' + (n >>> 0).toString(16).padStart(8, '0');

/** Lazily probed once per process: nasm/ld/qemu availability. */
let linuxTools: LinuxTools | null = null;
function tools(): LinuxTools {
  return (linuxTools ??= probeLinuxTools());
}

type LinuxBaseline = { native?: number; qemu?: number };
/** Linux baselines already measured in this bench run, by core and emulator pass count. */
const measuredBaselines = new WeakMap<BenchContext, Map<string, LinuxBaseline>>();

/** Measures one workload: emulator MIPS, and native/qemu MIPS when they can run. */
export function measureCpuWorkload(w: CpuWorkload, ctx: BenchContext): { value: number; baseline: LinuxBaseline } {
  const runs = ctx.quick ? 1 : TIMED_RUNS;
  const emuPasses = passesFor(w, 'emulator', ctx.quick);
  const fixed = runBareWorkload(w.name, assembleBareWorkload(ctx.benchDir, w.core, 0, w.bareWrapper)).stop.total;
  const image = assembleBareWorkload(ctx.benchDir, w.core, emuPasses, w.bareWrapper);
  let last: EmulatorRun | null = null;
  const emuTiming = timeRuns(() => {
    const run = runBareWorkload(w.name, image);
    if (last && (run.checksum !== last.checksum || run.stop.total !== last.stop.total)) {
      throw new Error(
        `${w.name}: the emulator is not deterministic (${hex(last.checksum)}/${last.stop.total} then ${hex(run.checksum)}/${run.stop.total})`,
      );
    }
    last = run;
  }, runs);
  const emu = last as EmulatorRun | null;
  if (!emu) throw new Error(`${w.name}: no emulator run`);
  const perPass = (emu.stop.total - fixed) / emuPasses;
  if (!Number.isInteger(perPass))
    throw new Error(
      `${w.name}: instruction count is not linear in passes (${fixed} + ${emu.stop.total - fixed} for ${emuPasses})`,
    );
  const instructions = (passes: number) => fixed + perPass * passes;
  const emuSeconds = emuTiming.best;
  const value = instructions(emuPasses) / emuSeconds / 1e6;
  ctx.log(
    `${w.name}: emulator ${emuPasses} passes, ${emu.stop.total} instructions, ${describeTiming(emuTiming)}, checksum ${hex(emu.checksum)}`,
  );

  let known = measuredBaselines.get(ctx);
  if (!known) measuredBaselines.set(ctx, (known = new Map()));
  const key = `${w.core}/${emuPasses}`;
  const baseline: LinuxBaseline = {};
  const t = tools();
  for (const runner of ['native', 'qemu'] as const) {
    const missing = runner === 'native' ? t.nativeMissing : t.qemuMissing;
    if (missing) {
      ctx.log(`${w.name}: ${runner} n/a (${missing})`);
      continue;
    }
    // Same work as the emulator first: the checksums must agree.
    const check = buildLinuxWorkload(ctx.benchDir, ctx.workDir, w.core, emuPasses);
    let expected: number;
    try {
      expected = runLinuxWorkload(check, runner);
    } catch (e) {
      if (runner === 'native') t.nativeMissing = (e as Error).message;
      else t.qemuMissing = (e as Error).message;
      ctx.log(`${w.name}: ${runner} n/a (${(e as Error).message})`);
      continue;
    }
    if (expected !== emu.checksum) {
      throw new Error(
        `${w.name}: wrong result on the emulator: checksum ${hex(emu.checksum)}, ${runner} ${hex(expected)} (${emuPasses} passes)`,
      );
    }
    const previous = known.get(key)?.[runner];
    if (previous !== undefined) {
      baseline[runner] = previous;
      ctx.log(`${w.name}: ${runner} as measured for the same core (${w.core})`);
      continue;
    }
    const passes = passesFor(w, runner, ctx.quick);
    const binary = buildLinuxWorkload(ctx.benchDir, ctx.workDir, w.core, passes);
    const timing = timeRuns(() => runLinuxWorkload(binary, runner), runs);
    baseline[runner] = instructions(passes) / timing.best / 1e6;
    ctx.log(`${w.name}: ${runner} ${passes} passes, ${describeTiming(timing)}`);
  }
  known.set(key, baseline);
  return { value, baseline };
}

/**
 * Why the machine cannot run a workload's wrapper yet (it stops with "not implemented yet"),
 * or null. Any other outcome counts as able: a wrong result then fails the measurement.
 */
export function bareWrapperUnsupported(w: CpuWorkload, benchDir: string): string | null {
  const machine = createFlatMachine(
    { bytes: assembleBareWorkload(benchDir, w.core, 1, w.bareWrapper), loadAt: BARE_LOAD_ADDRESS },
    BARE_LOAD_ADDRESS,
  );
  const stop = runUntilStop(machine, 100_000_000);
  return stop.reason === 'exception' && stop.vector === -1 && stop.message?.startsWith('not implemented')
    ? `the machine stops: ${stop.message}`
    : null;
}

function workloadMeasurement(w: CpuWorkload): Measurement {
  return {
    name: w.name,
    unit: 'MIPS',
    unavailable: (ctx) => (w.bareWrapper ? bareWrapperUnsupported(w, ctx.benchDir) : null),
    measure: (ctx) => measureCpuWorkload(w, ctx),
  };
}

/**
 * Stores next to or into code (self-modifying stores), emulator only: a native run
 * would need writable code and measures nothing comparable. `smc-line` is a counter in the
 * same 64-byte line as the loop that increments it (no decoded byte changes); `smc-patch`
 * patches the immediate of the loop's next ADD every pass (the block really changes).
 * The result (EAX) and the instruction count are checked against what the source computes.
 */
interface SmcWorkload {
  name: string;
  /** Loop passes per run (--quick divides it by QUICK_DIVISOR). */
  passes: number;
  source(passes: number): string;
  instructions(passes: number): number;
  checksum(passes: number): number;
}

export const SMC_WORKLOADS: SmcWorkload[] = [
  {
    name: 'smc-line',
    passes: 3_000_000,
    source: (n) => `bits 32
org ${BARE_LOAD_ADDRESS}
        mov ecx, ${n}
spin:   inc dword [count]
        dec ecx
        jnz spin
        mov eax, [count]
        hlt
count:  dd 0                    ; in the loop's 64-byte line
`,
    instructions: (n) => 1 + 3 * n + 2,
    checksum: (n) => n >>> 0,
  },
  {
    name: 'smc-patch',
    passes: 1_000_000,
    source: (n) => `bits 32
org ${BARE_LOAD_ADDRESS}
        mov ecx, ${n}
        xor eax, eax
spin:   db 0x83, 0xc0           ; add eax, imm8
imm:    db 0
        inc byte [imm]          ; the next pass adds one more (mod 256, sign-extended)
        dec ecx
        jnz spin
        hlt
`,
    instructions: (n) => 2 + 4 * n + 1,
    checksum: (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum = (sum + (((i & 0xff) << 24) >> 24)) | 0;
      return sum >>> 0;
    },
  },
];

function smcMeasurement(w: SmcWorkload): Measurement {
  return {
    name: w.name,
    unit: 'MIPS',
    unavailable: () => null,
    measure(ctx) {
      const passes = ctx.quick ? Math.max(1, Math.floor(w.passes / QUICK_DIVISOR)) : w.passes;
      const result = assemble(w.source(passes), { fileName: `${w.name}.asm` });
      if (!result.ok || !result.bytes)
        throw new Error(`assembling ${w.name}: ${result.diagnostics.map(formatDiagnostic).join('; ')}`);
      const image = result.bytes;
      const expected = { instructions: w.instructions(passes), checksum: w.checksum(passes) };
      const timing = timeRuns(
        () => {
          const run = runBareWorkload(w.name, image);
          if (run.stop.total !== expected.instructions || run.checksum !== expected.checksum) {
            throw new Error(
              `${w.name}: wrong result on the emulator: ${run.stop.total} instructions, checksum ${hex(run.checksum)}; expected ${expected.instructions}, ${hex(expected.checksum)}`,
            );
          }
        },
        ctx.quick ? 1 : TIMED_RUNS,
      );
      ctx.log(
        `${w.name}: emulator ${passes} passes, ${expected.instructions} instructions, ${describeTiming(timing)}, checksum ${hex(expected.checksum)}`,
      );
      return { value: expected.instructions / timing.best / 1e6, baseline: {} };
    },
  };
}

/**
 * The smc-line and smc-patch rows: stores into the running code's own 64-byte line and an
 * immediate patched every pass (emulator MIPS; no baselines: the host and qemu-i386 would
 * measure their own self-modifying-code handling, not a comparable workload).
 */
export const SMC_MEASUREMENTS: Measurement[] = SMC_WORKLOADS.map(smcMeasurement);

export const cpuSuite: BenchSuite = {
  id: 'cpu',
  measurements: [...[...CPU_WORKLOADS, PAGED_WORKLOAD].map(workloadMeasurement), ...SMC_MEASUREMENTS],
};
