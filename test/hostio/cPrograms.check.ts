// gcc -m32 -static C programs through the host I/O device, against the same programs run
// natively. Not part of `npm test` yet (the name does not end in .test.ts): glibc's start-up
// needs set_thread_area (thread-local storage), which the kernel does not offer on this
// branch. Once it does: npx mocha --no-config -t 600000 out/test/hostio/cPrograms.check.js
// (and rename this file to cPrograms.test.ts).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT, tempDir } from '../cli/cliProcess';

const SOURCES = path.join(ROOT, 'test', 'hostio', 'programs', 'c');

function run(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, 'run', ...args], { input, encoding: 'latin1' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('gcc -m32 -static programs on the host I/O device', function () {
  this.timeout(300000);
  let dir = '';
  const exe = (name: string): string => path.join(dir, name);

  before(() => {
    dir = tempDir();
    for (const name of ['cat', 'tree', 'clocks'])
      execFileSync('gcc', ['-m32', '-static', '-O1', path.join(SOURCES, `${name}.c`), '-o', exe(name)]);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cat: stdio through stdin, stdout and stderr as natively', () => {
    const input = 'line one\nline two\n'.repeat(500);
    const host = spawnSync(exe('cat'), [], { input, encoding: 'latin1' });
    const ours = run([exe('cat')], input);
    assert.equal(ours.stdout, host.stdout);
    assert.equal(ours.stderr, host.stderr);
    assert.equal(ours.status, host.status);
  });

  it('tree: opendir/readdir/lstat/fopen in the --fs sandbox as natively in that directory; /etc/passwd refused', () => {
    const root = path.join(dir, 'root');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'a.txt'), 'first\nsecond\n');
    fs.symlinkSync('a.txt', path.join(root, 'link'));
    const host = spawnSync(exe('tree'), ['.'], { cwd: root, encoding: 'latin1' }).stdout.trimEnd().split('\n');
    const ours = run([exe('tree'), '--fs', root, '--', '/'])
      .stdout.trimEnd()
      .split('\n');
    // Directory sizes are the host file system's; both runs see the same host directory.
    assert.deepEqual(ours.slice(0, -1), host.slice(0, -1));
    assert.equal(ours[ours.length - 1], '/etc/passwd refused');
  });

  it('clocks: time, gettimeofday, clock_gettime and nanosleep agree', () => {
    const r = run([exe('clocks'), '--seed', '3']);
    assert.equal(r.stdout, 'realtime ok\nslept ok\n');
  });
});
