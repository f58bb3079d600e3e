// The system test programs (test/system/*.asm) and their oracle: each program is assembled
// with nasm into a 64 KiB ROM image and run on QEMU, whose port 0xE9 output is the expected
// output for the CPU models that QEMU CPU stands for. Shared by the recording script and by
// test/system/system.test.ts.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const SYSTEM_DIR = path.resolve(__dirname, '../../../test/system');

export interface Oracle {
  /** QEMU system emulator binary. */
  qemu: string;
  /** Argument of -cpu. */
  cpu: string;
  why: string;
}

export interface ProgramEntry {
  name: string;
  /** What the program checks, one line. */
  checks: string;
  /** Our model ids the program runs on, or "all". */
  models: string[] | 'all';
  /**
   * Expected-output source per model id ("*" for every model) when it is not the model's
   * nearest oracle: an oracle name, or the id of a hand-written file NAME.<id>.expected.
   */
  expected?: Record<string, string>;
  /** How the run ends: "exit" (0 written to port 0xF4) or "shutdown" (triple fault). */
  ends?: 'exit' | 'shutdown';
  maxInstructions?: number;
}

export interface Manifest {
  oracles: Record<string, Oracle>;
  /** The QEMU oracle standing for each of our models in programs that use no model feature. */
  nearest: Record<string, string>;
  programs: ProgramEntry[];
}

export function loadManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(SYSTEM_DIR, 'programs.json'), 'utf8')) as Manifest;
}

export function programModels(entry: ProgramEntry, allModels: readonly string[]): string[] {
  return entry.models === 'all' ? [...allModels] : entry.models;
}

/** The expected-output id for a program on one of our models: an oracle or a hand-written id. */
export function expectedSource(manifest: Manifest, entry: ProgramEntry, model: string): string {
  const id = entry.expected?.[model] ?? entry.expected?.['*'] ?? manifest.nearest[model];
  if (id === undefined) throw new Error(`programs.json: no expected output source for ${entry.name} on ${model}`);
  return id;
}

export function isOracle(manifest: Manifest, id: string): boolean {
  return Object.prototype.hasOwnProperty.call(manifest.oracles, id);
}

export function expectedPath(name: string, id: string): string {
  return path.join(SYSTEM_DIR, `${name}.${id}.expected`);
}

export function binPath(name: string): string {
  return path.join(SYSTEM_DIR, `${name}.bin`);
}

/**
 * Lines of an expected file. Hand-written files start with `;` header lines citing the manual
 * or erratum they follow; those are not program output.
 */
export function expectedLines(text: string): string[] {
  const lines = text.split('\n');
  while (lines.length > 0 && lines[0].startsWith(';')) lines.shift();
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function outputLines(stdout: string): string[] {
  const lines = stdout.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function hasTool(binary: string): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Assembles test/system/NAME.asm with nasm to `out` (a 64 KiB image). */
export function assemble(name: string, out: string): void {
  const r = spawnSync(
    'nasm',
    ['-f', 'bin', '-I', SYSTEM_DIR + path.sep, '-o', out, path.join(SYSTEM_DIR, `${name}.asm`)],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`nasm failed on ${name}.asm:\n${r.stderr}`);
  const size = fs.statSync(out).size;
  if (size !== 0x10000) throw new Error(`${name}.asm assembles to ${size} bytes, not 65536`);
}

export interface QemuRun {
  stdout: string;
  /** "exit" when the program wrote 0 to port 0xF4, "shutdown" when QEMU stopped on a reset. */
  ending: 'exit' | 'shutdown';
}

/**
 * Runs an image as the BIOS of a QEMU PC: port 0xE9 to stdout, isa-debug-exit on port 0xF4
 * (exit status (value << 1) | 1, so 1 for a 0 written), -no-reboot so a triple fault ends
 * the run with status 0 instead of restarting the ROM.
 */
export function runQemu(oracle: Oracle, image: string, timeoutMs = 20000): QemuRun {
  const r = spawnSync(
    oracle.qemu,
    [
      '-bios',
      image,
      '-debugcon',
      'stdio',
      '-display',
      'none',
      '-nodefaults',
      '-no-reboot',
      '-m',
      '32',
      '-device',
      'isa-debug-exit,iobase=0xf4,iosize=1',
      '-cpu',
      oracle.cpu,
    ],
    { encoding: 'utf8', timeout: timeoutMs },
  );
  if (r.error) throw new Error(`${oracle.qemu} -cpu ${oracle.cpu} ${image}: ${r.error.message}`);
  if (r.status === 1) return { stdout: r.stdout, ending: 'exit' };
  if (r.status === 0) return { stdout: r.stdout, ending: 'shutdown' };
  throw new Error(`${oracle.qemu} -cpu ${oracle.cpu} ${image}: exit status ${r.status}, stderr:\n${r.stderr}`);
}
