// Runs the built command line (dist/cli.js, as `npm test` builds it) and reports what a user
// would see: stdout, stderr and the exit status.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs dist/cli.js with node; `env` replaces the environment (e.g. a PATH without nasm). */
export function runCli(args: string[], env?: NodeJS.ProcessEnv): CliResult {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build with 'node scripts/build.mjs' (npm test does)`);
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'latin1', maxBuffer: 64 * 1024 * 1024, env });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

export function hasNasm(): boolean {
  return spawnSync('nasm', ['-v'], { stdio: 'ignore' }).status === 0;
}

export function hasQemuUser(): boolean {
  return spawnSync('qemu-i386', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** nasm and ld: what the Linux builds of the bench workloads need to run on the host CPU. */
export function hasLinuxToolchain(): boolean {
  return hasNasm() && spawnSync('ld', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-cli-test-'));
}

/** Assembles NASM source to a flat binary with nasm. */
export function nasmBin(source: string): Uint8Array {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, 'x.asm'), source);
    const r = spawnSync('nasm', ['-f', 'bin', 'x.asm', '-o', 'x.bin'], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`nasm: ${r.stderr}`);
    return fs.readFileSync(path.join(dir, 'x.bin'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
