// Copy-on-write fork and MAP_SHARED across fork under `i386-lab run`, against the host running
// the same static i386 binaries (test/linux/programs: cowheap, cowfile, built with
// `gcc -m32 -static -O2`): stdout, stderr, the exit status and, for cowfile, the file's bytes
// after the run must be identical, on a P6 with SYSENTER and an Athlon with SYSCALL. Needs
// gcc-multilib.

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

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-cow-'));

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

function native(binary: string, args: string[], cwd: string): Outcome {
  const r = spawnSync(binary, args, { cwd, env: {}, encoding: 'latin1', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.signal ? 128 + os.constants.signals[r.signal] : r.status };
}

function ours(binary: string, args: string[], options: string[]): Outcome {
  const r = runCli(['run', binary, ...options, '--seed', '7', '--clear-env', '--', ...args]);
  return { stdout: r.stdout, stderr: r.stderr.replace(/^i386-lab run: [^\n]*\n/gm, ''), status: r.status };
}

describe('copy-on-write fork and MAP_SHARED across fork, native vs i386-lab run', function () {
  this.timeout(900000);

  it('both sides of a fork write a large heap; the kernel stores into forked pages; shared anonymous memory; mprotect, mremap, munmap of forked pages; 12 forks of a 64 MiB heap', () => {
    const binary = gcc('cowheap');
    const expected = native(binary, [], work);
    assert.equal(expected.status, 0, expected.stdout + expected.stderr);
    for (const [model, options] of MODELS) {
      assert.deepEqual(ours(binary, [], options), expected, `cowheap on ${model}`);
    }
  });

  it('a shared file mapping written by a child is the parent’s and the file’s; two mappings of one file share pages', () => {
    const binary = gcc('cowfile');
    const data = Buffer.from(Array.from({ length: 20000 }, (_, i) => 48 + ((i * 13 + (i >> 9)) & 0x3f)));
    for (const [model, options] of MODELS) {
      const mine = fs.mkdtempSync(path.join(work, 'ours-'));
      const theirs = fs.mkdtempSync(path.join(work, 'native-'));
      fs.writeFileSync(path.join(mine, 'data.bin'), data);
      fs.writeFileSync(path.join(theirs, 'data.bin'), data);
      const expected = native(binary, [], theirs);
      assert.equal(expected.status, 0, expected.stdout + expected.stderr);
      assert.deepEqual(ours(binary, [], [...options, '--fs-rw', mine]), expected, `cowfile on ${model}`);
      assert.ok(
        fs.readFileSync(path.join(mine, 'data.bin')).equals(fs.readFileSync(path.join(theirs, 'data.bin'))),
        `cowfile on ${model}: the file's bytes differ after the run`,
      );
    }
  });

  it('strict accounting: a fork whose copies could not all be made later is ENOMEM, and the parent goes on', () => {
    // Ours only (Linux's default overcommit would let this fork through): in 64 MiB of RAM a
    // 40 MiB heap cannot be copied once more, a 20 MiB one can (and the child copies all of it).
    const binary = gcc('forknomem');
    for (const [mib, out] of [
      ['40', 'fork: Cannot allocate memory\nstill running\n'],
      ['20', 'child 7\n'],
    ]) {
      const r = ours(binary, [mib], ['--cpu', 'pentium-ii', '--memory', '64']);
      assert.deepEqual(r, { stdout: out, stderr: '', status: 0 }, `${mib} MiB heap`);
    }
  });
});
