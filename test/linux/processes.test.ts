// Processes under `i386-lab run` against the host running the same static i386 binaries: fork,
// wait, pipes, execve (test/linux/programs: forkwait, pipes, execer, forkbomb, built with
// `gcc -m32 -static -O2`), Debian's busybox sh pipelines and sash -c. stdout, stderr and the
// exit status must be identical, on a P6 with SYSENTER and an Athlon with SYSCALL.
//
// The --fs root holds the programs (and busybox with its applets as relative symbolic links in
// bin/); the host runs them in that directory with PATH at its bin/, so a path the program
// prints is the same on both sides. Needs gcc-multilib and dpkg-deb with busybox-static:i386
// and sash:i386 in I386_LAB_DEBS (default .debs): missing ones fail with the instruction.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LINUX, LINUX_CALLS } from '../../src/kernel/abi';
import { ROOT, runCli } from '../cli/cliProcess';

const PROGRAMS = path.join(ROOT, 'test', 'linux', 'programs');
const DEBS = process.env.I386_LAB_DEBS ?? path.join(ROOT, '.debs');

interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
}

const MODELS: Array<[string, string[]]> = [
  ['pentium-ii (SYSENTER)', ['--cpu', 'pentium-ii']],
  ['athlon (SYSCALL)', ['--cpu', 'athlon', '--mechanism', 'syscall']],
];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-processes-'));
const root = path.join(work, 'root');

/** The program's own output: the kernel's log lines and the CLI's messages are not the program's. */
function programStream(text: string): string {
  return text.replace(/\[kernel\] [^\n]*\n/g, '').replace(/^i386-lab run: [^\n]*\n/gm, '');
}

/** The host: in the root, with only PATH (its bin/) and the given variables. */
function native(binary: string, args: string[], env: Record<string, string> = {}): Outcome {
  const r = spawnSync(binary, args, {
    cwd: root,
    env: { PATH: path.join(root, 'bin'), ...env },
    encoding: 'latin1',
    maxBuffer: 64 << 20,
  });
  if (r.error) throw r.error;
  const status = r.signal ? 128 + os.constants.signals[r.signal] : r.status;
  return { stdout: r.stdout, stderr: r.stderr, status };
}

/** Ours: the root is the guest's /, where the program starts; PATH is /bin. */
function ours(binary: string, args: string[], options: string[], env: Record<string, string> = {}): Outcome {
  const envOptions = Object.entries({ PATH: '/bin', ...env }).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const r = runCli([
    'run',
    binary,
    ...options,
    '--fs',
    root,
    '--seed',
    '7',
    '--clear-env',
    ...envOptions,
    '--',
    ...args,
  ]);
  return { stdout: programStream(r.stdout), stderr: programStream(r.stderr), status: r.status };
}

function same(binary: string, args: string[], what: string): void {
  const expected = native(binary, args);
  for (const [model, options] of MODELS) {
    const got = ours(binary, args, options);
    assert.deepEqual(got, expected, `${what} on ${model}\n--- native:\n${expected.stdout}${expected.stderr}`);
  }
}

function gcc(name: string): string {
  const out = path.join(root, name);
  const r = spawnSync('gcc', ['-m32', '-static', '-O2', '-o', out, path.join(PROGRAMS, `${name}.c`)], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    throw new Error(`gcc -m32 -static ${name}.c failed (install gcc-multilib): ${r.error?.message ?? r.stderr}`);
  }
  return out;
}

/** The .deb of `pkg`:i386 in DEBS, extracted under work/. */
function extractDeb(pkg: string): string {
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

const APPLETS = ['sh', 'tr', 'seq', 'wc', 'ls', 'sort', 'head', 'cat', 'echo', 'true', 'false'];

describe('processes: fork, wait, pipes, execve, native vs i386-lab run', function () {
  this.timeout(900000);
  let busybox = '';
  let sash = '';

  before(() => {
    fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(root, 'data'));
    for (const name of ['alpha', 'beta', 'gamma', 'delta', 'epsilon']) {
      fs.writeFileSync(path.join(root, 'data', `${name}.txt`), `${name}\n`);
    }
    fs.writeFileSync(path.join(root, 'notes.txt'), 'not a program\n');
    for (const name of ['forkwait', 'forkinherit', 'pipes', 'execer', 'forkbomb', 'args']) gcc(name);
    busybox = path.join(root, 'bin', 'busybox');
    fs.copyFileSync(path.join(extractDeb('busybox-static'), 'bin', 'busybox'), busybox);
    fs.chmodSync(busybox, 0o755);
    for (const applet of APPLETS) fs.symlinkSync('busybox', path.join(root, 'bin', applet));
    sash = path.join(root, 'bin', 'sash');
    fs.copyFileSync(path.join(extractDeb('sash'), 'bin', 'sash'), sash);
    fs.chmodSync(sash, 0o755);
  });

  it('fork and wait: exit statuses, children killed by signals, WNOHANG, SIGCHLD, ECHILD', () => {
    same(path.join(root, 'forkwait'), [], 'forkwait');
  });

  it('a forked child has no interval timers or alarm of its parent, and CPU times of its own', () => {
    same(path.join(root, 'forkinherit'), [], 'forkinherit');
  });

  it('pipes between processes: both ways, dup2, more than a pipe holds, pipe2 flags, EPIPE and SIGPIPE', () => {
    same(path.join(root, 'pipes'), [], 'pipes');
  });

  it('execve of another program with argv and envp; ENOENT, EACCES; close-on-exec', () => {
    same(path.join(root, 'execer'), [], 'execer');
  });

  it('a fork bomb stops at the process table with EAGAIN, and every child is reaped', () => {
    same(path.join(root, 'forkbomb'), [], 'forkbomb');
    // Ours only: the table's size is the limit (the first program holds one slot).
    const r = ours(path.join(root, 'forkbomb'), [], MODELS[0][1], { REPORT: '1' });
    assert.match(r.stdout, new RegExp(`children ${LINUX_CALLS.MAX_PROCESSES - 1}, errno ${LINUX.EAGAIN}\\n`));
  });

  for (const command of [
    'echo hi | tr a-z A-Z',
    'seq 1 100 | wc -l',
    'ls /data | sort -r | head -3',
    'false; echo $?',
    'x=$(echo sub); echo $x',
    'exit 7',
    'seq 1 5 | while read n; do echo $((n * n)); done | sort -rn | head -2',
    'cat /data/alpha.txt missing 2>&1; echo status $?',
    '(exit 3) || echo subshell $?; sh -c "kill -TERM \\$\\$"; echo killed $?',
  ]) {
    it(`busybox sh -c '${command}'`, () => {
      // The host's root is not the guest's /: /data is the same directory under the root.
      const expected = native(busybox, ['sh', '-c', command.replaceAll('/data', path.join(root, 'data'))]);
      for (const [model, options] of MODELS) {
        assert.deepEqual(ours(busybox, ['sh', '-c', command], options), expected, `${command} on ${model}`);
      }
    });
  }

  it('sash -c runs its built-ins and external programs', () => {
    for (const command of ['echo hello sash', '-ls /data', 'seq 1 3', 'false']) {
      const expected = native(sash, ['-c', command.replaceAll('/data', path.join(root, 'data'))]);
      for (const [model, options] of MODELS) {
        assert.deepEqual(ours(sash, ['-c', command], options), expected, `sash -c ${command} on ${model}`);
      }
    }
  });

  it('--trace syscalls names the process calls', () => {
    const r = runCli(['run', path.join(root, 'pipes'), '--fs', root, '--trace', 'syscalls']);
    for (const call of ['clone', 'pipe2', 'wait4', 'dup2', 'exit_group'])
      assert.match(r.stderr, new RegExp(`\\] [^\\n]* ${call}\\(`));
  });
});
