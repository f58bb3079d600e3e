// Signals that interrupt and wait, under `i386-lab run` against the host running the same static
// i386 binaries (test/linux/programs: restart, jobstop, selects, sigwait, built with
// `gcc -m32 -static -O2`): SA_RESTART and the calls Linux makes again, stop and continue seen
// through waitpid/waitid and SIGCHLD's siginfo, select/pselect6/ppoll with timeouts and masks,
// sigsuspend, sigtimedwait and sigqueue. stdout, stderr and the exit status must be identical,
// on a P6 with SYSENTER and an Athlon with SYSCALL (restart also through int 0x80 and the call
// gate, whose instructions a call is made again from).
//
// The --fs root holds the programs and data.txt; the host runs them in that directory with an
// empty stdin, as ours gets. Needs gcc-multilib.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runCli } from '../cli/cliProcess';

const PROGRAMS = path.join(ROOT, 'test', 'linux', 'programs');

interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
}

const MODELS: Array<[string, string[]]> = [
  ['pentium-ii (SYSENTER)', ['--cpu', 'pentium-ii']],
  ['athlon (SYSCALL)', ['--cpu', 'athlon', '--mechanism', 'syscall']],
];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-waiting-'));

function programStream(text: string): string {
  return text.replace(/\[kernel\] [^\n]*\n/g, '').replace(/^i386-lab run: [^\n]*\n/gm, '');
}

function native(binary: string): Outcome {
  const r = spawnSync(binary, [], { cwd: work, env: {}, input: '', encoding: 'latin1' });
  if (r.error) throw r.error;
  const status = r.signal ? 128 + os.constants.signals[r.signal] : r.status;
  return { stdout: r.stdout, stderr: r.stderr, status };
}

function ours(binary: string, options: string[]): Outcome {
  const r = runCli(['run', binary, ...options, '--fs', work, '--seed', '11', '--clear-env']);
  return { stdout: programStream(r.stdout), stderr: programStream(r.stderr), status: r.status };
}

function gcc(name: string): string {
  const out = path.join(work, name);
  const r = spawnSync('gcc', ['-m32', '-static', '-O2', '-o', out, path.join(PROGRAMS, `${name}.c`)], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    throw new Error(`gcc -m32 -static ${name}.c failed (install gcc-multilib): ${r.error?.message ?? r.stderr}`);
  }
  return out;
}

function same(name: string, models: Array<[string, string[]]> = MODELS): void {
  const binary = path.join(work, name);
  const expected = native(binary);
  assert.equal(expected.status, 0, `${name} natively:\n${expected.stdout}${expected.stderr}`);
  for (const [model, options] of models) {
    const got = ours(binary, options);
    assert.deepEqual(got, expected, `${name} on ${model}\n--- native:\n${expected.stdout}${expected.stderr}`);
  }
}

describe('signals that interrupt and wait: native vs i386-lab run', function () {
  this.timeout(900000);

  before(() => {
    fs.writeFileSync(path.join(work, 'data.txt'), 'some data\n');
    for (const name of ['restart', 'jobstop', 'selects', 'sigwait']) gcc(name);
  });

  it('SA_RESTART: read and waitpid are made again after the handler, select, poll, nanosleep and pause are not', () => {
    same('restart', [
      ...MODELS,
      ['pentium-ii (int 0x80)', ['--cpu', 'pentium-ii', '--mechanism', 'int']],
      ['pentium-ii (call gate)', ['--cpu', 'pentium-ii', '--mechanism', 'callgate']],
    ]);
  });

  it('stop and continue: waitpid WUNTRACED/WCONTINUED, waitid, SIGCHLD siginfo, SA_NOCLDSTOP, SIGKILL', () => {
    same('jobstop');
  });

  it('select, _newselect, the old select, pselect6 and ppoll: timeouts, time left, fd_set bounds, masks', () => {
    same('selects');
  });

  it('sigsuspend, sigtimedwait, sigwaitinfo, sigqueue and rt_sigqueueinfo, the alternate stack', () => {
    same('sigwait');
  });

  it('--trace syscalls names the new calls', () => {
    const traced = (name: string): string =>
      runCli(['run', path.join(work, name), '--fs', work, '--trace', 'syscalls', '--cpu', 'pentium-ii']).stderr;
    const selects = traced('selects');
    for (const call of ['_newselect', 'select', 'pselect6', 'ppoll', 'pselect6_time64', 'ppoll_time64'])
      assert.match(selects, new RegExp(`\\] [^\\n]* ${call}\\(`), call);
    const sigwait = traced('sigwait');
    for (const call of ['rt_sigtimedwait', 'rt_sigqueueinfo', 'rt_sigsuspend'])
      assert.match(sigwait, new RegExp(`\\] [^\\n]* ${call}\\(`), call);
    assert.match(traced('jobstop'), /\] [^\n]* restart_syscall\(\) = 0/);
  });
});
