// dist/cli.js starts the bundle dist/cli-main.js with V8's code cache (src/cli/launch.ts): the
// first run of a command writes the cache into the user cache folder, later runs use it, a
// damaged or foreign file is rejected by V8 and written again, and none of this changes what
// a run prints or how it exits. A package without the bundle says so in one line.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT, runCli, tempDir } from './cliProcess';
import { EXIT } from '../../src/cli/options';

const HELLO = path.join(ROOT, 'bench', 'startup-hello.asm');

describe('i386-lab start-up (dist/cli.js and the code cache)', function () {
  this.timeout(120_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const caches = (): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

  beforeEach(() => {
    dir = path.join(tempDir(), 'cache');
    env = { ...process.env, I386_LAB_CACHE: dir };
  });

  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('the first run of a command writes its cache; later runs use it and print the same', () => {
    const first = runCli(['run', HELLO, '--seed', '7'], env);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, 'hello\n');
    const written = caches();
    assert.equal(written.length, 1, `one cache file for run: ${written.join(', ')}`);
    assert.match(written[0], new RegExp(`^cli-run-${process.version.replace(/\./g, '\\.')}-${process.arch}-`));
    const stat = fs.statSync(path.join(dir, written[0]));
    assert.ok(stat.size > 0);
    const second = runCli(['run', HELLO, '--seed', '7'], env);
    assert.deepEqual(second, first);
    // Used, not written again.
    assert.equal(fs.statSync(path.join(dir, written[0])).mtimeMs, stat.mtimeMs);
    const version = runCli(['--version'], env);
    assert.equal(version.status, 0);
    assert.equal(caches().filter((f) => f.startsWith('cli-other-')).length, 1, caches().join(', '));
  });

  it('runs from the cache with stdin on /dev/null (a character device, asked of node:tty) as without it', () => {
    // The terminal check loads node:tty for a character device; from the code cache that load
    // must not be a dynamic import (Node 20 has no callback for it there).
    const run = (): { status: number | null; stdout: string; stderr: string } => {
      const r = spawnSync(process.execPath, [CLI, 'run', HELLO], {
        encoding: 'latin1',
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const first = run();
    assert.deepEqual(first, { status: 0, stdout: 'hello\n', stderr: '' });
    assert.equal(caches().length, 1);
    assert.deepEqual(run(), first);
  });

  it('a damaged cache is rejected, the run is unchanged and the file is written again', () => {
    const first = runCli(['run', HELLO, '--seed', '7', '--json'], env);
    assert.equal(first.status, 0, first.stderr);
    const [file] = caches();
    fs.writeFileSync(path.join(dir, file), Buffer.from('not a code cache'));
    const again = runCli(['run', HELLO, '--seed', '7', '--json'], env);
    assert.deepEqual(again, first);
    assert.ok(fs.statSync(path.join(dir, file)).size > 100, 'written again');
  });

  it("another build's recent cache file is kept; the command's oldest ones beyond four are removed", () => {
    fs.mkdirSync(dir, { recursive: true });
    const now = Date.now() / 1000;
    // Five files of other bundles for run, written 1..5 hours ago, and one for other commands.
    const foreign = [1, 2, 3, 4, 5].map((hours) => {
      const name = `cli-run-${process.version}-${process.arch}-${1000 + hours}-${hours}.v8cache`;
      fs.writeFileSync(path.join(dir, name), 'another bundle');
      fs.utimesSync(path.join(dir, name), now - hours * 3600, now - hours * 3600);
      return name;
    });
    const otherCommand = `cli-other-${process.version}-${process.arch}-999-9.v8cache`;
    fs.writeFileSync(path.join(dir, otherCommand), 'another bundle');
    fs.utimesSync(path.join(dir, otherCommand), now - 99 * 3600, now - 99 * 3600);
    const r = runCli(['run', HELLO], env);
    assert.equal(r.status, 0, r.stderr);
    const left = caches();
    // This bundle's file and the three other run files written last; the other command's is untouched.
    assert.deepEqual(
      foreign.filter((f) => left.includes(f)),
      foreign.slice(0, 3),
    );
    assert.ok(left.includes(otherCommand));
    assert.equal(left.filter((f) => f.startsWith('cli-run-')).length, 4, left.join(', '));
  });

  it('a cache folder that cannot be made is skipped', () => {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(dir, 'a file where the folder would be');
    const r = runCli(['run', HELLO], env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'hello\n');
    assert.equal(r.stderr, '');
  });

  it('without the bundle beside it, dist/cli.js says so in one line', () => {
    const lone = path.join(path.dirname(dir), 'lone');
    fs.mkdirSync(lone, { recursive: true });
    fs.copyFileSync(CLI, path.join(lone, 'cli.js'));
    const r = spawnSync(process.execPath, [path.join(lone, 'cli.js'), 'run', HELLO], { encoding: 'utf8', env });
    assert.equal(r.status, EXIT.INTERNAL);
    assert.match(
      r.stderr,
      /^i386-lab: internal error: .*cli-main\.js cannot be read \(ENOENT\): the package is incomplete\n$/,
    );
  });
});
