// POSIX threads of unmodified static i386 programs under `i386-lab run` against the host running
// the same binaries: clone(CLONE_THREAD), futex, the end of a thread, signals to threads and
// fork in a threaded process (test/linux/programs: threads, condvar, threadexit, threadsig,
// threadfork, built with `gcc -m32 -static -O2 -pthread`, and with Debian's i386 musl). stdout,
// stderr and the exit status must be identical, on a P6 with SYSENTER and an Athlon with SYSCALL
// (and through int 0x80 and the call gate). Every output is printed after the joins, so it does
// not depend on how the threads were scheduled.
//
// Needs gcc-multilib and dpkg-deb with musl-dev:i386 in I386_LAB_DEBS (default .debs): a missing
// one fails with the instruction.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMusl as buildMuslFor } from './hostCompare';
import { ROOT, runCli } from '../cli/cliProcess';

const PROGRAMS = path.join(ROOT, 'test', 'linux', 'programs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-threads-'));

interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
}

const MODELS: Array<[string, string[]]> = [
  ['pentium-ii (SYSENTER)', ['--cpu', 'pentium-ii']],
  ['athlon (SYSCALL)', ['--cpu', 'athlon', '--mechanism', 'syscall']],
];

/** The program's own output: the kernel's log lines and the CLI's messages are not the program's. */
function programStream(text: string): string {
  return text.replace(/\[kernel\] [^\n]*\n/g, '').replace(/^i386-lab run: [^\n]*\n/gm, '');
}

function native(binary: string, args: string[]): Outcome {
  const r = spawnSync(binary, args, { env: {}, encoding: 'latin1', maxBuffer: 64 << 20, timeout: 60000 });
  if (r.error) throw r.error;
  const status = r.signal ? 128 + os.constants.signals[r.signal] : r.status;
  return { stdout: r.stdout, stderr: r.stderr, status };
}

function ours(binary: string, args: string[], options: string[]): Outcome {
  const r = runCli(['run', binary, ...options, '--seed', '7', '--clear-env', '--', ...args]);
  return { stdout: programStream(r.stdout), stderr: programStream(r.stderr), status: r.status };
}

function same(binary: string, args: string[], options: string[], what: string): void {
  const expected = native(binary, args);
  const got = ours(binary, args, options);
  assert.deepEqual(got, expected, `${what}\n--- native:\n${expected.stdout}${expected.stderr}`);
}

function gcc(args: string[]): void {
  const r = spawnSync('gcc', args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`gcc ${args.join(' ')} failed (install gcc-multilib): ${r.error?.message ?? r.stderr}`);
  }
}

function buildGlibc(name: string): string {
  const out = path.join(work, name);
  gcc(['-m32', '-static', '-O2', '-pthread', '-o', out, path.join(PROGRAMS, `${name}.c`)]);
  return out;
}

/** gcc -m32 -static against Debian's i386 musl (hostCompare.ts). */
function buildMusl(name: string): string {
  return buildMuslFor(work, path.join(PROGRAMS, `${name}.c`), path.join(work, `${name}-musl`));
}

/** Program, its arguments, what it shows. */
const CASES: Array<[string, string[], string]> = [
  ['threads', [], 'create and join with return values, a mutex counter, __thread, pthread_once, detach'],
  ['condvar', [], 'producer/consumer on condition variables, semaphores, a barrier, timed waits'],
  ['threadexit', [], 'exit() in a thread while the others block ends the process with its status'],
  ['threadexit', ['main'], 'pthread_exit in main: the process lives until its last thread ends'],
  ['threadexit', ['group'], '_exit (exit_group) in a thread ends every thread'],
  ['threadsig', [], 'pthread_kill, a process signal to the thread not blocking it, per-thread masks and stacks'],
  ['threadfork', [], 'fork in a threaded process copies only the calling thread'],
];

describe('POSIX threads (glibc and musl): native vs i386-lab run', function () {
  this.timeout(900000);
  const glibc = new Map<string, string>();

  before(() => {
    for (const name of new Set(CASES.map(([n]) => n))) glibc.set(name, buildGlibc(name));
  });

  for (const [name, args, what] of CASES) {
    for (const [model, options] of MODELS) {
      it(`glibc ${[name, ...args].join(' ')} on ${model}: ${what}`, () =>
        same(glibc.get(name)!, args, options, `${name} ${args.join(' ')} on ${model}`));
    }
  }

  it('execve from a thread ends the other threads; the new image runs with the process id as its thread id', () => {
    // In a --fs view of the binary's directory, natively in that directory: ./threadexit is the
    // same file on both sides.
    const dir = path.dirname(glibc.get('threadexit')!);
    const args = ['exec', './threadexit'];
    const r = spawnSync('./threadexit', args, { cwd: dir, env: {}, encoding: 'latin1', timeout: 60000 });
    const expected = { stdout: r.stdout, stderr: r.stderr, status: r.status };
    assert.match(expected.stdout, /worker calls execve\nmain thread's id is the process's: yes\n/);
    for (const [model, options] of MODELS) {
      assert.deepEqual(ours(glibc.get('threadexit')!, args, [...options, '--fs', dir]), expected, model);
    }
  });

  it('glibc threads through int 0x80 and the call gate', () => {
    same(glibc.get('threads')!, [], ['--cpu', 'pentium-ii', '--mechanism', 'int'], 'threads int');
    same(glibc.get('condvar')!, [], ['--cpu', 'athlon', '--mechanism', 'callgate'], 'condvar callgate');
  });

  for (const [name, args] of [
    ['threads', []],
    ['condvar', []],
    ['threadexit', []],
    ['threadsig', []],
    ['threadfork', []],
  ] as Array<[string, string[]]>) {
    it(`musl ${name} (Debian's i386 musl)`, () => {
      const binary = buildMusl(name);
      same(binary, args, MODELS[0][1], `${name} musl`);
    });
  }

  it('--trace syscalls names clone, futex, set_robust_list and the thread that made each call', () => {
    const r = runCli(['run', glibc.get('threads')!, '--cpu', 'pentium-ii', '--trace', 'syscalls']);
    assert.equal(r.status, 0, r.stderr);
    for (const call of ['clone', 'futex', 'set_robust_list', 'sched_yield', 'exit'])
      assert.match(r.stderr, new RegExp(`\\] thread \\d+ [^\\n]* ${call}\\(`), call);
    // Nine threads made calls: the main thread and eight workers (the detached ones too).
    const threads = new Set([...r.stderr.matchAll(/\] thread (\d+) /g)].map((m) => m[1]));
    assert.ok(threads.size >= 9, `threads seen in the trace: ${[...threads].join(' ')}`);
  });
});
