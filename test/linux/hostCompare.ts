// Running one static i386 binary natively and under `i386-lab run`, for tests that compare the
// two: the program's stdout, stderr and exit status must be identical.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ROOT } from '../cli/cliProcess';

/** Where the i386 .deb files are (fetched by .ci/run). */
export const DEBS = process.env.I386_LAB_DEBS ?? path.join(ROOT, '.debs');

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** A P6 with SYSENTER and an Athlon with SYSCALL: the vDSO takes each one's path. */
export const MODELS: Array<[string, string[]]> = [
  ['pentium-ii (SYSENTER)', ['--cpu', 'pentium-ii']],
  ['athlon (SYSCALL)', ['--cpu', 'athlon', '--mechanism', 'syscall']],
];

/** The program's own output: the kernel's log lines and the CLI's messages are not the program's. */
export function programStream(text: string): string {
  return text.replace(/\[kernel\] [^\n]*\n/g, '').replace(/^i386-lab run: [^\n]*\n/gm, '');
}

export interface RunSetting {
  /** The native run's working directory, and the guest's / (--fs). */
  root: string;
  /** The environment, on both sides (the guest starts from an empty one). */
  env: Record<string, string>;
  /** The native run's PATH; the guest's is env.PATH. */
  nativePath: string;
  input?: string;
}

/** The host: a program killed by signal N has the status a shell reports, 128 + N, which is
 *  what `i386-lab run` exits with for a guest ended by that signal. */
export function runNative(binary: string, args: string[], setting: RunSetting): Outcome {
  const r = spawnSync(binary, args, {
    cwd: setting.root,
    env: { ...setting.env, PATH: setting.nativePath },
    input: setting.input,
    encoding: 'latin1',
    maxBuffer: 64 << 20,
  });
  if (r.error) throw r.error;
  const status = r.signal ? 128 + os.constants.signals[r.signal] : r.status;
  return { stdout: r.stdout, stderr: r.stderr, status };
}

/** Ours: setting.root is the guest's / (read-only), the boot seed fixed. */
export function runOurs(binary: string, args: string[], options: string[], setting: RunSetting): Outcome {
  const envOptions = Object.entries(setting.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const cli = [CLI, 'run', binary, ...options, '--fs', setting.root, '--seed', '7', '--clear-env', ...envOptions];
  const r = spawnSync(process.execPath, [...cli, '--', ...args], {
    input: setting.input,
    encoding: 'latin1',
    maxBuffer: 64 << 20,
  });
  if (r.error) throw r.error;
  return { stdout: programStream(r.stdout), stderr: programStream(r.stderr), status: r.status };
}

/** The .deb of `pkg`:i386 in DEBS, extracted under `work`; a missing one fails with how to get it. */
export function extractDeb(work: string, pkg: string): string {
  const dir = path.join(work, pkg);
  if (fs.existsSync(dir)) return dir;
  const deb = fs.existsSync(DEBS)
    ? fs.readdirSync(DEBS).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('_i386.deb'))
    : undefined;
  if (!deb) {
    throw new Error(
      `${pkg}:i386 is not in ${DEBS}: run 'dpkg --add-architecture i386 && apt-get update', then 'apt-get download ${pkg}:i386' in that directory (or set I386_LAB_DEBS)`,
    );
  }
  const r = spawnSync('dpkg-deb', ['-x', path.join(DEBS, deb), dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dpkg-deb -x ${deb} failed: ${r.error?.message ?? r.stderr}`);
  return dir;
}

/** gcc with `args`; a failure throws with gcc's message and what to install. */
export function gcc(args: string[]): void {
  const r = spawnSync('gcc', args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`gcc ${args.join(' ')} failed (install gcc-multilib): ${r.error?.message ?? r.stderr}`);
  }
}

/**
 * `source` built into `out` with gcc -m32 -static -O2 against Debian's i386 musl, extracted
 * from musl-dev:i386 under `work` (its musl-gcc specs point at /usr paths, so the same
 * start-up files and libc.a are named here from the extracted package).
 */
export function buildMusl(work: string, source: string, out: string): string {
  const root = extractDeb(work, 'musl-dev');
  const lib = path.join(root, 'usr', 'lib', 'i386-linux-musl');
  const include = path.join(root, 'usr', 'include', 'i386-linux-musl');
  const gccFile = (file: string): string =>
    spawnSync('gcc', ['-m32', `-print-file-name=${file}`], { encoding: 'utf8' }).stdout.trim();
  const libgcc = spawnSync('gcc', ['-m32', '-print-libgcc-file-name'], { encoding: 'utf8' }).stdout.trim();
  gcc([
    ...['-m32', '-static', '-O2', '-nostdinc', '-isystem', include, '-isystem', gccFile('include'), '-nostdlib'],
    ...['-o', out, path.join(lib, 'crt1.o'), path.join(lib, 'crti.o'), gccFile('crtbeginT.o'), source],
    ...[`-L${lib}`, '-lc', libgcc, gccFile('crtend.o'), path.join(lib, 'crtn.o')],
  ]);
  return out;
}
