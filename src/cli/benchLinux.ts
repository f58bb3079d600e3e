// The Linux side of the cpu bench: a workload built with nasm + ld as a 32-bit Linux ELF
// (bench/linux.asm wrapping the workload's core), run natively on the host and under
// qemu-i386. Each run prints the workload's checksum as 8 hex digits.
import * as path from 'node:path';
import { hasProgram, runChecked, runProcess } from './benchTiming';

export type LinuxRunner = 'native' | 'qemu';

export interface LinuxTools {
  /** Why Linux binaries cannot be built, or null when nasm and ld are both present. */
  buildMissing: string | null;
  /** Why the host cannot run them natively (only known after a first try), or null. */
  nativeMissing: string | null;
  /** Why qemu-i386 is not usable, or null. */
  qemuMissing: string | null;
}

export function probeLinuxTools(): LinuxTools {
  const missing = ['nasm', 'ld'].filter((p) => !hasProgram(p));
  const buildMissing = missing.length ? `${missing.join(' and ')} not installed` : null;
  return {
    buildMissing,
    nativeMissing: buildMissing,
    qemuMissing: buildMissing ?? (hasProgram('qemu-i386') ? null : 'qemu-i386 not installed'),
  };
}

/** Builds `bench/linux.asm` around `core` (a file in benchDir) with ITERATIONS = passes. */
export function buildLinuxWorkload(benchDir: string, workDir: string, core: string, passes: number): string {
  const base = path.join(workDir, `${path.basename(core, '.inc')}-${passes}`);
  runChecked('nasm', [
    '-f',
    'elf32',
    '-i',
    benchDir + path.sep,
    `-DWORKLOAD="${core}"`,
    `-DITERATIONS=${passes}`,
    path.join(benchDir, 'linux.asm'),
    '-o',
    base + '.o',
  ]);
  runChecked('ld', ['-m', 'elf_i386', base + '.o', '-o', base]);
  return base;
}

/** Runs a built workload and returns its checksum; throws with the reason if it cannot run. */
export function runLinuxWorkload(binary: string, runner: LinuxRunner): number {
  const [program, args] = runner === 'native' ? [binary, []] : ['qemu-i386', [binary]];
  const r = runProcess(program, args);
  if (r.error) throw new Error(`${runner}: cannot run ${path.basename(binary)}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(`${runner}: ${path.basename(binary)} exited with ${r.status}: ${r.stderr.trim()}`);
  const text = r.stdout.trim();
  if (!/^[0-9a-f]{8}$/.test(text))
    throw new Error(`${runner}: ${path.basename(binary)} printed '${text}', not a checksum`);
  return parseInt(text, 16) >>> 0;
}
