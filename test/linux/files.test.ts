// The calls that change files (rename, links, modes, owners, times, umask, sync, statfs, flock,
// sendfile, ...) and the synthetic /dev files, against the oracle nobody here wrote: the same
// static i386 binaries run natively on the host. Every run starts from a fresh copy of the same
// tree, writable (--fs-rw) for ours and the native run's working directory for the host; stdout,
// stderr, the exit status and the tree afterwards (names, types, modes, sizes, link counts and
// targets) must be identical. Our C programs (test/linux/programs/fsops.c, devfiles.c) are built
// with gcc -m32 -static -O2; Debian's busybox-static:i386 runs the file tools.
//
// Needs gcc-multilib and dpkg-deb, and busybox-static:i386 in I386_LAB_DEBS (default .debs), as
// linux.test.ts: missing tools or packages fail with the instruction, nothing is skipped.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ROOT } from '../cli/cliProcess';

const PROGRAMS = path.join(ROOT, 'test', 'linux', 'programs');
const DEBS = process.env.I386_LAB_DEBS ?? path.join(ROOT, '.debs');
const MODELS: Array<[string, string[]]> = [
  ['pentium-ii', ['--cpu', 'pentium-ii']],
  ['athlon', ['--cpu', 'athlon', '--mechanism', 'syscall']],
];

interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-files-'));

function gcc(name: string): string {
  const out = path.join(work, name);
  const r = spawnSync('gcc', ['-m32', '-static', '-O2', '-o', out, path.join(PROGRAMS, `${name}.c`)], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0)
    throw new Error(`gcc -m32 -static failed (install gcc-multilib): ${r.error?.message ?? r.stderr}`);
  return out;
}

function busybox(): string {
  const dir = path.join(work, 'busybox-static');
  const bin = path.join(dir, 'bin', 'busybox');
  if (fs.existsSync(bin)) return bin;
  const deb = fs.existsSync(DEBS)
    ? fs.readdirSync(DEBS).find((f) => f.startsWith('busybox-static_') && f.endsWith('_i386.deb'))
    : undefined;
  if (!deb)
    throw new Error(
      `busybox-static:i386 is not in ${DEBS}: run 'apt-get download busybox-static:i386' there (or set I386_LAB_DEBS)`,
    );
  const r = spawnSync('dpkg-deb', ['-x', path.join(DEBS, deb), dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dpkg-deb -x ${deb} failed: ${r.error?.message ?? r.stderr}`);
  return bin;
}

function native(binary: string, args: string[], cwd: string, env: Record<string, string>, input = ''): Outcome {
  const r = spawnSync(binary, args, { cwd, env, input, encoding: 'latin1', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function ours(binary: string, args: string[], options: string[], input = ''): Outcome {
  const r = spawnSync(process.execPath, [CLI, 'run', binary, '--seed', '7', '--clear-env', ...options, '--', ...args], {
    input,
    encoding: 'latin1',
    maxBuffer: 64 << 20,
  });
  const own = (t: string): string => t.replace(/\[kernel\] [^\n]*\n/g, '').replace(/^i386-lab run: [^\n]*\n/gm, '');
  return { stdout: own(r.stdout), stderr: own(r.stderr), status: r.status };
}

/** A tree's listing: every path with its type, permission bits, size (files), link count and link target. */
function tree(dir: string, under = ''): string[] {
  const lines: string[] = [];
  for (const name of fs.readdirSync(path.join(dir, under)).sort()) {
    const rel = path.join(under, name);
    const st = fs.lstatSync(path.join(dir, rel));
    const kind = st.isSymbolicLink() ? 'l' : st.isDirectory() ? 'd' : 'f';
    const extra = st.isSymbolicLink() ? `-> ${fs.readlinkSync(path.join(dir, rel))}` : st.isFile() ? `${st.size}` : '';
    lines.push(`${rel} ${kind} ${(st.mode & 0o7777).toString(8)} ${st.nlink} ${extra}`);
    if (st.isDirectory()) lines.push(...tree(dir, rel));
  }
  return lines;
}

/** Two fresh copies of a tree made by `seed`: one for the native run, one for ours. */
function twoTrees(name: string, seed: (dir: string) => void): [string, string] {
  const theirs = fs.mkdtempSync(path.join(work, `${name}-native-`));
  const mine = fs.mkdtempSync(path.join(work, `${name}-ours-`));
  seed(theirs);
  seed(mine);
  return [theirs, mine];
}

describe('file-changing calls and /dev: native vs i386-lab run --fs-rw', function () {
  this.timeout(600000);
  let fsops = '';
  let devfiles = '';

  before(() => {
    // The guest starts with Linux's initial umask (022), not the host's: the native runs inherit
    // this process's, so it is set to the same.
    process.umask(0o022);
    fsops = gcc('fsops');
    devfiles = gcc('devfiles');
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  for (const [model, options] of MODELS) {
    it(`fsops (umask, rename, links, modes, times, truncate, statfs, flock, sendfile, ...) on ${model}`, () => {
      const [theirs, mine] = twoTrees('fsops', () => undefined);
      const expected = native(fsops, [], theirs, {});
      assert.equal(expected.status, 0, expected.stdout + expected.stderr);
      const got = ours(fsops, [], [...options, '--fs-rw', mine]);
      assert.deepEqual(got, expected, `fsops ${model}\n${got.stdout}\n${got.stderr}`);
      assert.deepEqual(tree(mine), tree(theirs), `fsops ${model}: the trees differ afterwards`);
    });

    it(`devfiles (/dev/null, zero, full, urandom, stdin.., fd/N; sysinfo, priorities) on ${model}`, () => {
      const input = '';
      const expected = native(devfiles, [], work, {}, input);
      assert.equal(expected.status, 0, expected.stdout + expected.stderr);
      assert.deepEqual(ours(devfiles, [], options, input), expected, `devfiles ${model}`);
    });
  }

  // Busybox's file tools in a fresh tree: bin/ holds busybox and its applet names (links), which
  // is PATH for both runs, so both run busybox's own applets.
  const APPLETS = ['sed', 'tar', 'du', 'cat', 'sleep', 'install', 'ls', 'stat', 'mv', 'cp', 'touch', 'ln'];
  APPLETS.push('readlink', 'chmod', 'find', 'sync', 'rm', 'mkdir', 'rmdir', 'dd', 'head', 'truncate', 'wc', 'sort');
  const CASES: string[] = [
    'mv a.txt b.txt && mv sub newsub && ls -R',
    "cp -p a.txt c.txt && stat -c '%n %a %s %Y %u' a.txt c.txt",
    "TZ=UTC0 touch -d '2001-02-03 04:05:06' a.txt && stat -c '%n %Y %X' a.txt",
    "ln -s a.txt l && readlink l && stat -c '%N %F' l",
    "chmod 640 a.txt && chmod u+x,g-r a.txt && stat -c '%a' a.txt",
    "sed -i s/apple/APPLE/ a.txt && cat a.txt && stat -c '%a %s' a.txt",
    "tar xf arch.tar && find x | sort && stat -c '%n %a %Y %s' x/h.txt x/m.txt",
    'touch -d @1000000000 old && touch -d @2000000000 new && find . -newer old -name "*e*" | sort',
    "stat -c '%n %F %a %s %h' a.txt sub sub/h.txt",
    'du -a sub | sort -k2',
    'sync && echo synced',
    "umask && umask 027 && umask && touch f && mkdir dd && stat -c '%n %a' f dd",
    "cp -a sub sub2 && ls -R sub2 && stat -c '%n %a %Y' sub2/h.txt",
    'rm -r sub && ls',
    'mkdir -p p/q/r && rmdir -p p/q/r && ls',
    'dd if=/dev/zero of=z bs=512 count=3 2>/dev/null && stat -c %s z && cat /dev/null && head -c 8 /dev/urandom | wc -c',
    'sleep 0 </dev/null & wait; echo background done',
    'truncate -s 100 t && stat -c %s t && truncate -s 10 t && stat -c %s t',
    "install -m 600 a.txt inst && stat -c '%n %a' inst",
    "ln a.txt hard && stat -c '%n %h' a.txt hard && rm hard && stat -c %h a.txt",
    'mv sub/h.txt . && mv h.txt sub/h2.txt && find sub | sort',
    '(echo x > /dev/stdout) | cat; (echo y > /dev/stderr) 2>&1 | cat; echo z | cat /dev/stdin; cat < /dev/null',
    "chmod -R go-rwx sub && stat -c '%n %a' sub sub/h.txt",
    'mv a.txt sub/ && mv sub/a.txt sub/../moved && ls; mv moved /nowhere/x; echo $?',
  ];

  it(`Debian's static busybox: ${CASES.length} file-tool scripts as on the host (trees compared afterwards)`, () => {
    const bb = busybox();
    // The archive tar x reads, made natively by the same busybox.
    const src = fs.mkdtempSync(path.join(work, 'tar-'));
    fs.mkdirSync(path.join(src, 'x'));
    fs.writeFileSync(path.join(src, 'x', 'h.txt'), 'in tar\n');
    fs.writeFileSync(path.join(src, 'x', 'm.txt'), 'mode\n');
    fs.chmodSync(path.join(src, 'x', 'm.txt'), 0o751);
    for (const f of ['h.txt', 'm.txt']) fs.utimesSync(path.join(src, 'x', f), 1234567890, 1234567890);
    const made = spawnSync(bb, ['tar', 'cf', 'arch.tar', 'x'], { cwd: src, encoding: 'latin1' });
    assert.equal(made.status, 0, made.stderr);
    const seed = (dir: string): void => {
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.copyFileSync(bb, path.join(dir, 'bin', 'busybox'));
      fs.chmodSync(path.join(dir, 'bin', 'busybox'), 0o755);
      for (const a of APPLETS) fs.symlinkSync('busybox', path.join(dir, 'bin', a));
      fs.writeFileSync(path.join(dir, 'a.txt'), 'banana\napple\n', { mode: 0o644 });
      fs.writeFileSync(path.join(dir, 'sub', 'h.txt'), 'hello\n', { mode: 0o644 });
      fs.chmodSync(path.join(dir, 'a.txt'), 0o644);
      fs.chmodSync(path.join(dir, 'sub', 'h.txt'), 0o644);
      for (const f of ['a.txt', 'sub/h.txt']) fs.utimesSync(path.join(dir, f), 1500000000, 1500000000);
      fs.copyFileSync(path.join(src, 'arch.tar'), path.join(dir, 'arch.tar'));
    };
    for (const script of CASES) {
      const [theirs, mine] = twoTrees('bb', seed);
      const expected = native(bb, ['sh', '-c', script], theirs, { A: '1', PATH: path.join(theirs, 'bin') });
      const got = ours(
        bb,
        ['sh', '-c', script],
        ['--cpu', 'pentium-ii', '--env', 'A=1', '--env', 'PATH=/bin', '--fs-rw', mine],
      );
      assert.deepEqual(got, expected, `busybox sh -c '${script}'`);
      assert.deepEqual(tree(mine), tree(theirs), `busybox sh -c '${script}': the trees differ afterwards`);
    }
  });

  it('read-only --fs: every change is EROFS (what a read-only mount answers), and the tree stays', () => {
    const bb = busybox();
    const root = fs.mkdtempSync(path.join(work, 'ro-'));
    fs.writeFileSync(path.join(root, 'a.txt'), 'data\n');
    const before = tree(root);
    const tries: Array<[string, RegExp]> = [
      ['mv a.txt b', /Read-only file system/],
      ['ln -s a.txt l', /Read-only file system/],
      ['ln a.txt h', /Read-only file system/],
      ['chmod 600 a.txt', /Read-only file system/],
      ['touch -d @1 a.txt', /Read-only file system/],
      ['truncate -s 0 a.txt', /Read-only file system/],
      ['touch new', /Read-only file system/],
    ];
    for (const [script, why] of tries) {
      const r = ours(bb, script.split(' '), ['--fs', root]);
      assert.notEqual(r.status, 0, script);
      assert.match(r.stderr, why, script);
    }
    assert.deepEqual(tree(root), before);
  });

  it('/dev/tty is ENXIO when stdin is not a terminal; sysinfo reports --memory; --trace names the new calls', () => {
    const bb = busybox();
    const tty = ours(bb, ['sh', '-c', 'echo hi > /dev/tty'], ['--cpu', 'pentium-ii']);
    assert.match(tty.stderr, /\/dev\/tty: No such device or address/);
    assert.equal(ours(devfiles, ['mem'], ['--memory', '64']).stdout, `totalram ${64 << 20} procs 1\n`);
    const mine = fs.mkdtempSync(path.join(work, 'trace-'));
    const traced = ours(fsops, [], ['--cpu', 'pentium-ii', '--fs-rw', mine, '--trace', 'syscalls']);
    for (const name of ['umask', 'creat', 'renameat2', 'linkat', 'symlinkat', 'readlinkat', 'fchmodat', 'fchownat'])
      assert.match(traced.stderr, new RegExp(`\\] [^\\n]* ${name}\\(`), name);
    for (const name of ['utimensat_time64', 'utimensat', 'utime', 'utimes', 'truncate', 'truncate64', 'statfs64'])
      assert.match(traced.stderr, new RegExp(`\\] [^\\n]* ${name}\\(`), name);
    for (const name of ['fstatfs64', 'flock', 'sendfile', 'sendfile64', 'getdents', 'fadvise64', 'pwrite64', 'preadv'])
      assert.match(traced.stderr, new RegExp(`\\] [^\\n]* ${name}\\(`), name);
    for (const name of ['pwritev', 'mknodat', 'chown', 'lchown', 'fchown', 'chown32', 'lchown32', 'fchown32', 'syncfs'])
      assert.match(traced.stderr, new RegExp(`\\] [^\\n]* ${name}\\(`), name);
    for (const name of ['fdatasync', 'sync']) assert.match(traced.stderr, new RegExp(`\\] [^\\n]* ${name}\\(`), name);
  });
});
