// The program's connection to the host (docs/HOSTIO.md) through the built command line:
// static Linux i386 programs (test/hostio/programs, built with nasm -f elf32 and ld) run by
// `i386-lab run` and, as the oracle, natively on the host CPU. stdout and stderr must be the
// program's own, byte for byte; the kernel's log only appears when asked for; the file
// sandbox refuses every way out; the clocks and sleeps behave.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOSTIO, LINUX } from '../../src/kernel/abi';
import { CLI, ROOT, hasLinuxToolchain, tempDir } from '../cli/cliProcess';

const PROGRAMS = path.join(ROOT, 'test', 'hostio', 'programs');

interface Result {
  stdout: Buffer;
  stderr: Buffer;
  status: number | null;
}

function build(dir: string, name: string): string {
  const exe = path.join(dir, name);
  execFileSync('nasm', ['-f', 'elf32', path.join(PROGRAMS, `${name}.asm`), '-o', `${exe}.o`]);
  execFileSync('ld', ['-m', 'elf_i386', `${exe}.o`, '-o', exe]);
  return exe;
}

function run(args: string[], input?: Buffer): Result {
  const r = spawnSync(process.execPath, [CLI, 'run', ...args], {
    input: input ?? Buffer.alloc(0),
    maxBuffer: 64 << 20,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function native(exe: string, args: string[], input?: Buffer, cwd?: string): Result {
  const r = spawnSync(exe, args, { input: input ?? Buffer.alloc(0), cwd, maxBuffer: 64 << 20 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The lines of files.asm's report for `args` (OPERATION PATH pairs). */
function files(exe: string, options: string[], args: string[]): string[] {
  const r = run([exe, ...options, '--', ...args]);
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout.toString('latin1').trimEnd().split('\n');
}

describe("host I/O: the program's own streams, files and clocks", function () {
  this.timeout(300000);
  let dir = '';
  const exe: Record<string, string> = {};

  before(function () {
    if (!hasLinuxToolchain()) throw new Error('these tests need nasm and ld (binutils) to build their Linux programs');
    dir = tempDir();
    for (const name of ['stdio', 'files', 'time', 'big']) exe[name] = build(dir, name);
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('standard streams', () => {
    const input = Buffer.from(Array.from({ length: 300000 }, (_, i) => (i * 7919 + (i >> 8)) & 0xff));

    it('stdin from a pipe is copied to stdout byte for byte, and stderr is separate: both as on the host', () => {
      const host = native(exe.stdio, [], input);
      const ours = run([exe.stdio], input);
      assert.equal(ours.status, host.status);
      assert.ok(
        ours.stdout.equals(host.stdout),
        `stdout differs (${ours.stdout.length} bytes, host ${host.stdout.length})`,
      );
      assert.ok(ours.stderr.equals(host.stderr), `stderr differs:\n${ours.stderr}\nhost:\n${host.stderr}`);
      assert.ok(host.stdout.subarray(0, input.length).equals(input));
    });

    it("`run prog > file` holds only the program's output; the log appears with --verbose or in --log FILE", () => {
      const out = path.join(dir, 'out.bin');
      const fd = fs.openSync(out, 'w');
      const r = spawnSync(process.execPath, [CLI, 'run', exe.stdio, '--json'], {
        input: Buffer.from('abc'),
        stdio: ['pipe', fd, 'pipe'],
      });
      fs.closeSync(fd);
      assert.equal(r.status, 0);
      assert.equal(fs.readFileSync(out, 'latin1'), 'abccopied 3\n');
      const stderr = r.stderr.toString('latin1');
      assert.doesNotMatch(stderr, /\[kernel\]/);
      assert.match(stderr, /^stdio: this line is on stderr\n\{"cpu":/);

      const verbose = run([exe.stdio, '-v'], Buffer.from('abc'));
      assert.equal(verbose.stdout.toString('latin1'), 'abccopied 3\n');
      assert.match(verbose.stderr.toString('latin1'), /^\[kernel\] cpu: /m);
      assert.match(verbose.stderr.toString('latin1'), /stdio: this line is on stderr\n\[kernel\] exit status 0\n$/);

      const log = path.join(dir, 'kernel.log');
      const logged = run([exe.stdio, '--log', log, '--json'], Buffer.from('abc'));
      assert.equal(logged.stderr.toString('latin1'), 'stdio: this line is on stderr\n');
      const text = fs.readFileSync(log, 'latin1');
      assert.match(text, /\[kernel\] exit status 0\n\{"cpu":".*"exitStatus":0/s);
    });

    it('100 MiB of output streams through a pipe under 400 MiB peak RSS, every byte delivered', async () => {
      const preload = path.join(dir, 'peak.js');
      fs.writeFileSync(
        preload,
        `process.on('exit', () => require('fs').writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS)));\n`,
      );
      const peakFile = path.join(dir, 'peak.txt');
      const child = spawn(process.execPath, ['--require', preload, CLI, 'run', exe.big], {
        env: { ...process.env, PEAK_FILE: peakFile },
      });
      let bytes = 0;
      let sum = 0;
      child.stdout.on('data', (d: Buffer) => {
        for (let i = 0; i < d.length; i += 4096) sum = (sum + d[i]) % 1000003;
        bytes += d.length;
      });
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(status, 0);
      assert.equal(bytes, 1600 * 65536);
      const peakMiB = Number(fs.readFileSync(peakFile, 'utf8')) / 1024;
      assert.ok(peakMiB < 400, `peak RSS ${peakMiB.toFixed(0)} MiB`);
    });

    it('a reader that goes away ends the program as SIGPIPE would (status 141)', async () => {
      const child = spawn(process.execPath, [CLI, 'run', exe.big]);
      child.stdout.once('data', () => child.stdout.destroy());
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(status, 141);
    });
  });

  describe("the file sandbox (--fs DIR at the guest's /)", () => {
    let root = '';
    before(() => {
      root = path.join(dir, 'root');
      fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
      fs.writeFileSync(path.join(root, 'hello.txt'), 'hello file\n');
      fs.writeFileSync(path.join(root, 'sub', 'inner.txt'), 'inner\n');
      fs.symlinkSync('/etc', path.join(root, 'out'));
      fs.symlinkSync('hello.txt', path.join(root, 'link-in'));
      fs.symlinkSync(path.join(dir, 'outside-target'), path.join(root, 'dangle'));
      fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret\n');
      fs.symlinkSync('../secret.txt', path.join(root, 'sub', 'up'));
    });

    it('reads, stats, lists and shares positions like the same program on the host in that directory', () => {
      const args = [
        'cat',
        'hello.txt',
        'stat',
        'hello.txt',
        'lstat',
        'link-in',
        'dup',
        'hello.txt',
        'access',
        'hello.txt',
        'cat',
        'nothere',
        'cat',
        'sub/inner.txt',
      ];
      const host = native(exe.files, args, undefined, root).stdout.toString('latin1').trimEnd().split('\n');
      assert.deepEqual(files(exe.files, ['--fs', root], args), host);
      // getdents64: the same names (the host lists them in its own order).
      const listing = (lines: string[]): string[] => lines.slice(1, -1).sort();
      assert.deepEqual(
        listing(files(exe.files, ['--fs', root], ['ls', 'sub'])),
        listing(native(exe.files, ['ls', 'sub'], undefined, root).stdout.toString().trimEnd().split('\n')),
      );
    });

    it('refuses every way out: .., absolute host paths, links out, /proc, /dev', () => {
      const tries: [string, number][] = [
        ['../secret.txt', LINUX.EACCES],
        ['/../secret.txt', LINUX.EACCES],
        ['sub/../../secret.txt', LINUX.EACCES],
        [path.join(dir, 'secret.txt'), LINUX.ENOENT], // a host path means DIR/<that path>
        ['/etc/passwd', LINUX.ENOENT],
        ['out/passwd', LINUX.EACCES],
        ['sub/up', LINUX.EACCES],
        ['/proc/self/maps', LINUX.EACCES],
        ['/proc/version', LINUX.EACCES],
        ['/dev/sda', LINUX.EACCES], // not one of the synthetic devices
        ['/sys/kernel', LINUX.EACCES],
      ];
      for (const [file, errno] of tries) {
        const lines = files(exe.files, ['--fs', root], ['cat', file, 'stat', file]);
        assert.deepEqual(lines, [`cat ${file}: error ${errno}`, `stat ${file}: error ${errno}`], file);
      }
      // A link that stays inside works.
      assert.deepEqual(files(exe.files, ['--fs', root], ['cat', 'link-in']), ['cat link-in: hello file']);
    });

    it('is read-only unless --fs-rw; writable, it creates, truncates, removes, makes directories, and still refuses the ways out', () => {
      assert.deepEqual(files(exe.files, ['--fs', root], ['write', 'new.txt', 'rm', 'hello.txt', 'mkdir', 'd']), [
        `write new.txt: error ${LINUX.EROFS}`,
        `rm hello.txt: error ${LINUX.EROFS}`,
        `mkdir d: error ${LINUX.EROFS}`,
      ]);
      assert.ok(fs.existsSync(path.join(root, 'hello.txt')));
      assert.deepEqual(
        files(
          exe.files,
          ['--fs-rw', root],
          ['write', 'new.txt', 'cat', 'new.txt', 'mkdir', 'd', 'write', 'd/f', 'rm', 'd/f'],
        ),
        ['write new.txt: written', 'cat new.txt: written', 'mkdir d: ok', 'write d/f: written', 'rm d/f: ok'],
      );
      assert.equal(fs.readFileSync(path.join(root, 'new.txt'), 'latin1'), 'written\n');
      assert.ok(fs.statSync(path.join(root, 'd')).isDirectory());
      assert.deepEqual(
        files(
          exe.files,
          ['--fs-rw', root],
          ['write', 'dangle', 'write', '../escaped', 'write', 'out/x', 'rm', '../secret.txt', 'mkdir', '/proc/x'],
        ),
        [
          `write dangle: error ${LINUX.EACCES}`,
          `write ../escaped: error ${LINUX.EACCES}`,
          `write out/x: error ${LINUX.EACCES}`,
          `rm ../secret.txt: error ${LINUX.EACCES}`,
          `mkdir /proc/x: error ${LINUX.EACCES}`,
        ],
      );
      assert.ok(
        !fs.existsSync(path.join(dir, 'outside-target')) &&
          !fs.existsSync(path.join(dir, 'escaped')) &&
          fs.existsSync(path.join(dir, 'secret.txt')),
      );
    });

    it('without --fs the program has no files (ENOENT)', () => {
      assert.deepEqual(files(exe.files, [], ['cat', 'hello.txt', 'stat', '/']), [
        `cat hello.txt: error ${LINUX.ENOENT}`,
        `stat /: error ${LINUX.ENOENT}`,
      ]);
    });

    it('a missing --fs directory is one line on stderr, status 2', () => {
      const r = run([exe.files, '--fs', path.join(dir, 'no-such-dir')]);
      assert.equal(r.status, 2);
      assert.match(
        r.stderr.toString(),
        /^i386-lab run: cannot use '.*no-such-dir' as the guest's file system: ENOENT\n$/,
      );
    });
  });

  describe('clocks', () => {
    /** "name N N" lines by name ("time T stored T" is checked on its own). */
    const values = (text: string): Map<string, number[]> => {
      const lines = text
        .trimEnd()
        .split('\n')
        .map((l) => /^([a-z][a-z0-9]*(?: [a-z]+)*) (\d+(?: \d+)*)$/.exec(l));
      return new Map(lines.filter((m) => m !== null).map((m) => [m[1], m[2].split(' ').map(Number)]));
    };

    it('with --seed: realtime starts at the fixed epoch, every call agrees, sleeps advance the emulated clock, runs repeat', () => {
      const a = run([exe.time, '--seed', '7']);
      assert.equal(a.status, 0, a.stderr.toString());
      const v = values(a.stdout.toString());
      const t = Number(/^time (\d+) stored \1\n/.exec(a.stdout.toString())?.[1]);
      assert.ok(t >= HOSTIO.FAKE_EPOCH_SECONDS && t < HOSTIO.FAKE_EPOCH_SECONDS + 10, String(t));
      assert.equal(v.get('gettimeofday')![0], t);
      assert.equal(v.get('realtime')![0], t);
      assert.ok(v.get('realtime')![1] < 1e9);
      assert.ok(v.get('slept')![0] >= 250 && v.get('slept')![0] < 400, `slept ${v.get('slept')}`);
      assert.ok(v.get('slept2')![0] >= 100 && v.get('slept2')![0] < 250, `slept2 ${v.get('slept2')}`);
      assert.deepEqual(v.get('bad clock error'), [LINUX.EINVAL]);
      const b = run([exe.time, '--seed', '7']);
      assert.ok(b.stdout.equals(a.stdout));
    });

    it("without --seed: realtime is the host's", () => {
      const before = Math.floor(Date.now() / 1000);
      const r = run([exe.time]);
      const after = Math.ceil(Date.now() / 1000);
      const t = values(r.stdout.toString()).get('realtime')![0];
      assert.ok(t >= before && t <= after, `${before} <= ${t} <= ${after}`);
    });
  });
});
