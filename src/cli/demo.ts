// `i386-lab demo` (npm start): every CPU model, first as bare hardware (small probe programs:
// does `lock nop` raise #UD, what CPUID says, do SYSENTER and SYSCALL exist), then with the
// guest kernel running examples/ask-kernel.asm: what the kernel detected, the mechanism it
// advertised, the stub's disassembly from the KIP in guest memory, and the cost of one
// syscall round trip in guest instructions and host nanoseconds. A model on which the kernel
// does not get through says why; nothing is filled in that was not measured.
import * as path from 'node:path';
import { CPUID_BITS } from '../kernel/abi';
import { MODEL_IDS, type ModelId } from '../isa/models';
import { BareFacts, probeBareFacts } from './bareFacts';
import {
  KipFacts,
  buildKernel,
  detectedFlags,
  stubDisassembly,
  findExamplesDir,
  loadUserProgram,
  type BuiltImage,
  type UserProgram,
} from './kernelRun';
import { randomBootSeed } from '../debugcore/kernelMachine';
import { countRoundTrips, describeEnd, timeRoundTrips } from './roundTrip';
import { DEFAULT_MAX_INSTRUCTIONS } from './runOptions';
import type { Command } from './cli';
import { DEMO_SPEC } from './commandSpecs';
import { InterruptWatch } from './interrupt';
import { writeOut } from './output';

const DEMO_PROGRAM = 'ask-kernel.asm';
const TIMED_LOOPS = 5;
/** Single steps allowed before ask-kernel's loop ends (it needs under 100,000). */
const STEP_LIMIT = 20_000_000;
/** ask-kernel's line when `lock nop` got no answer (a CPU on which it is a NOP). */
const FELL_BACK = 'lock nop got no answer; using int 0x30';

interface KernelRow {
  model: ModelId;
  kip?: KipFacts;
  exitStatus?: number;
  instructions?: number;
  meanInstructions?: number;
  hostNs?: number;
  /** The program used int 0x30 instead of the advertised stub. */
  fellBack?: boolean;
  /** Why a part is missing. */
  problem?: string;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return (
    [header, ...rows]
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function signature(f: BareFacts): string {
  if (f.cpuidPresent === undefined) return 'n/a';
  if (!f.cpuidPresent) return f.acToggles ? 'no CPUID (486: AC toggles)' : 'no CPUID (386: AC fixed)';
  return `${f.vendor} ${f.family}/${f.model}/${f.stepping}`;
}

function bit(value: number | undefined, mask: number): string {
  return value === undefined ? '-' : (value & mask) !== 0 ? 'yes' : 'no';
}

function bareTable(facts: Map<ModelId, BareFacts>): string {
  const rows = [...facts].map(([model, f]) => [
    model,
    signature(f),
    f.lockNop,
    bit(f.featuresEdx, CPUID_BITS.EDX_SEP),
    f.sysenter,
    bit(f.extFeaturesEdx, CPUID_BITS.EXT_EDX_SYSCALL),
    f.syscall,
  ]);
  return table(
    [
      'model',
      'CPUID vendor fam/model/step',
      'lock nop (F0 90)',
      'SEP in CPUID',
      'SYSENTER',
      'SYSCALL in CPUID',
      'SYSCALL',
    ],
    rows,
  );
}

function detected(kip: KipFacts): string {
  const sig = kip.vendor ? ` ${kip.vendor} ${kip.family}/${kip.model}/${kip.stepping}` : '';
  return `class ${kip.cpuClass}${sig}; ${detectedFlags(kip).join(' ') || 'no flags'}`;
}

function stubText(kip: KipFacts): string {
  return stubDisassembly(kip).join('; ');
}

function kernelTable(rows: KernelRow[]): string {
  const body = rows.map((r) =>
    r.kip
      ? [
          r.model,
          detected(r.kip),
          r.kip.mechanismsAvailable.join(' '),
          r.kip.mechanism,
          r.instructions !== undefined ? String(r.instructions) : 'n/a',
          r.meanInstructions !== undefined ? r.meanInstructions.toFixed(1) : 'n/a',
          r.hostNs !== undefined ? r.hostNs.toFixed(0) : 'n/a',
        ]
      : [r.model, `no KIP: ${r.problem ?? 'unknown'}`, '', '', '', '', ''],
  );
  return table(
    ['model', 'kernel detected', 'working', 'advertised', 'instr/round trip', 'mean', 'host ns/round trip'],
    body,
  );
}

function runModel(kernel: BuiltImage, program: UserProgram, model: ModelId): KernelRow {
  // One seed for the counting run and the timed runs, so they run the same instructions.
  const config = { model, discovery: 'lock-nop' as const, mechanism: 'auto' as const, seed: randomBootSeed() };
  const row: KernelRow = { model };
  const counted = countRoundTrips(kernel, program, config, STEP_LIMIT);
  const run = counted.run;
  if (!counted.ok) row.problem = counted.reason;
  else {
    row.instructions = counted.value.instructions;
    row.meanInstructions = counted.value.meanInstructions;
  }
  if (run) {
    const end = counted.ok ? run.runFast(DEFAULT_MAX_INSTRUCTIONS) : undefined;
    if (end && end.kind === 'exit') row.exitStatus = end.status;
    else if (end) row.problem = `after the loop: ${describeEnd(end)}`;
    row.fellBack = run.console.includes(FELL_BACK);
    const kipAddress = run.report().kipAddress;
    if (kipAddress !== undefined) row.kip = run.readKip(kipAddress);
    if (!row.kip && !row.problem) row.problem = 'the kernel printed no KIP address';
  }
  if (counted.ok) {
    const timed = timeRoundTrips(kernel, program, config, counted.value, TIMED_LOOPS);
    if (timed.ok) row.hostNs = timed.value;
    else row.problem = timed.reason;
  }
  return row;
}

export const demoCommand: Command = {
  spec: DEMO_SPEC,
  main: async () => {
    const watch = new InterruptWatch();
    try {
      return await demo(watch);
    } finally {
      watch.dispose();
    }
  },
};

/** The demo; Ctrl-C stops it between models (Interrupted names the part it was in). */
async function demo(watch: InterruptWatch): Promise<number> {
  const out = (s: string): void => writeOut(s);
  out('i386 Lab: how a program asks the kernel for a system call, on every CPU model\n\n');
  out('The bare machine (no kernel; small probe programs on each model):\n');
  const facts = new Map<ModelId, BareFacts>();
  for (const model of MODEL_IDS) {
    await watch.checkpoint(`while probing the bare machine (before ${model})`);
    facts.set(model, probeBareFacts(model));
  }
  out(bareTable(facts));
  for (const [model, f] of facts) for (const p of f.problems) out(`  ${model}: ${p}\n`);

  const file = path.join(findExamplesDir(), DEMO_PROGRAM);
  out(
    `\nThe guest kernel running examples/${DEMO_PROGRAM} (mechanism auto; one round trip = one iteration of round_trip_loop):\n`,
  );
  const kernel = buildKernel();
  const program = loadUserProgram(file);
  if (!kernel.ok || !program.ok) {
    out(`the kernel part cannot run: ${!kernel.ok ? kernel.message : !program.ok ? program.message : ''}\n`);
    return 0;
  }
  const rows: KernelRow[] = [];
  for (const model of MODEL_IDS) {
    await watch.checkpoint(`while running the kernel (before ${model}, ${rows.length} of ${MODEL_IDS.length} done)`);
    rows.push(runModel(kernel.value, program.value, model));
  }
  await watch.checkpoint(`while running the kernel (after the last model)`);
  out(kernelTable(rows));
  if (rows.some((r) => r.fellBack)) out('\n');
  for (const r of rows.filter((row) => row.fellBack)) {
    out(
      `${r.model}: lock nop got no answer (it is a NOP on this CPU), so ask-kernel fell back to int 0x30: its round trips went through int, not the advertised stub\n`,
    );
  }
  const withStub = rows.filter((r) => r.kip);
  if (withStub.length > 0) {
    out('\nThe stub each KIP advertises (disassembled from guest memory):\n');
    out(
      table(
        ['model', 'mechanism', 'stub at', 'code'],
        withStub.map((r) => [r.model, r.kip!.mechanism, `0x${r.kip!.stubAddress.toString(16)}`, stubText(r.kip!)]),
      ),
    );
  }
  const failed = rows.filter((r) => r.problem);
  if (failed.length > 0) {
    out(
      `\nThe kernel did not get through on ${failed.length} of ${rows.length} models: it needs the emulator's system layer to be complete. First problem (${failed[0].model}): ${failed[0].problem}\n`,
    );
  }
  return 0;
}
