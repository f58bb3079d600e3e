// Unmodified static i386 Linux programs under `i386-lab run` (dist/cli.js), against the oracle
// nobody here wrote: the same binaries run natively on the host (an x86-64 Linux machine runs
// i386 static binaries). Our C corpus (test/linux/programs, integer-only: the emulator has no
// x87) is built at test time with `gcc -m32 -static -O2` (glibc) and a few programs with the
// i386 musl from Debian's musl-dev:i386; Debian's busybox-static:i386 runs a set of applets.
// stdout, stderr and the exit status must be identical, on a P6 model with SYSENTER and on
// an Athlon with SYSCALL (the vDSO takes the advertised path), and with the int 0x80 path.
//
// Needs gcc-multilib (gcc -m32 -static) and dpkg-deb; the .deb files come from the directory
// in I386_LAB_DEBS (default .debs at the repository root), fetched by
//   dpkg --add-architecture i386 && apt-get update
//   cd .debs && apt-get download busybox-static:i386 musl-dev:i386
// Missing tools or packages fail the test with that instruction: nothing is skipped.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LINUX_CALLS } from '../../src/kernel/abi';
import { CLI, ROOT, runCli } from '../cli/cliProcess';
import { buildMusl as buildMuslFor } from './hostCompare';

const PROGRAMS = path.join(ROOT, 'test', 'linux', 'programs');
const DEBS = process.env.I386_LAB_DEBS ?? path.join(ROOT, '.debs');
const ENV = { A: '1', B: 'two words' };
const ENV_OPTIONS = Object.entries(ENV).flatMap(([name, value]) => ['--env', `${name}=${value}`]);

interface Outcome {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** The program's own output: the kernel's log lines (on the console until the host I/O split
 *  them off) and the CLI's own messages are not the program's. */
function programStream(text: string): string {
  return text.replace(/\[kernel\] [^\n]*\n/g, '').replace(/^i386-lab run: [^\n]*\n/gm, '');
}

/** A native program killed by signal N has the status a shell reports for it, 128 + N, which is
 *  what `i386-lab run` exits with for a guest ended by that signal. */
function native(binary: string, args: string[], cwd?: string): Outcome {
  const r = spawnSync(binary, args, { env: ENV, cwd, encoding: 'latin1', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  const status = r.signal ? 128 + os.constants.signals[r.signal] : r.status;
  return { stdout: r.stdout, stderr: r.stderr, status };
}

function ours(binary: string, args: string[], options: string[]): Outcome {
  const r = runCli(['run', binary, ...options, '--seed', '7', '--clear-env', ...ENV_OPTIONS, '--', ...args]);
  return { stdout: programStream(r.stdout), stderr: programStream(r.stderr), status: r.status };
}

function same(binary: string, args: string[], options: string[], what: string): void {
  const expected = native(binary, args);
  const got = ours(binary, args, options);
  const context = `${what}\n--- native stdout:\n${expected.stdout.slice(0, 2000)}\n--- ours stdout:\n${got.stdout.slice(0, 2000)}\n--- ours stderr:\n${got.stderr.slice(0, 2000)}`;
  assert.equal(got.stdout, expected.stdout, context);
  assert.equal(got.stderr, expected.stderr, context);
  assert.equal(got.status, expected.status, context);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-linux-'));

function requireGccM32(): void {
  const probe = path.join(work, 'probe.c');
  fs.writeFileSync(probe, 'int main(void) { return 0; }\n');
  const r = spawnSync('gcc', ['-m32', '-static', '-o', path.join(work, 'probe'), probe], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `gcc -m32 -static does not work here (${r.error?.message ?? r.stderr.trim().split('\n').pop()}): install gcc-multilib (apt-get install gcc-multilib)`,
    );
  }
}

function gcc(args: string[]): void {
  const r = spawnSync('gcc', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `gcc ${args.join(' ')}\n${r.stderr}`);
}

function buildGlibc(name: string): string {
  const out = path.join(work, name);
  gcc(['-m32', '-static', '-O2', '-o', out, path.join(PROGRAMS, `${name}.c`), '-lm']);
  return out;
}

/** The .deb whose name starts with `pkg`_ in DEBS, extracted (once) under work/. */
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

/** gcc -m32 -static against Debian's i386 musl (hostCompare.ts). */
function buildMusl(name: string): string {
  return buildMuslFor(work, path.join(PROGRAMS, `${name}.c`), path.join(work, `${name}-musl`));
}

/** The C corpus: program and its arguments (argv[1..]). */
const CORPUS: Array<[string, string[]]> = [
  ['intmath', []],
  ['strings', []],
  ['qsort', []],
  ['printf', []],
  ['malloc', []],
  ['recursion', []],
  ['setjmp', []],
  ['div64', []],
  ['switch', []],
  ['args', ['', 'with space', 'x', '-', '--', 'é']],
  ['auxv', []],
  ['atexit', []],
  ['bits', []],
  ['structs', []],
  ['hashtable', []],
  ['strtol', []],
  ['tls', []],
  ['mmap', []],
  ['descriptors', []],
  ['ldtpull', []],
  ['stderr', []],
  ['signals', []],
  ['faults', []],
  ['abort', []],
  ['fpsignal', []],
  ['cputime', []],
];

const MODELS: Array<[string, string[]]> = [
  ['pentium-ii (SYSENTER)', ['--cpu', 'pentium-ii']],
  ['athlon (SYSCALL)', ['--cpu', 'athlon', '--mechanism', 'syscall']],
];

describe('static i386 Linux programs: native vs i386-lab run', function () {
  this.timeout(600000);
  const built = new Map<string, string>();

  before(() => {
    requireGccM32();
    for (const [name] of CORPUS) built.set(name, buildGlibc(name));
  });

  for (const [name, args] of CORPUS) {
    for (const [model, options] of MODELS) {
      it(`glibc ${name} on ${model}`, () => same(built.get(name)!, args, options, `${name} ${model}`));
    }
  }

  it('glibc programs through int 0x80 (mechanism=int) and the call gate', () => {
    same(built.get('args')!, ['a', 'b c'], ['--cpu', 'pentium-ii', '--mechanism', 'int'], 'args int');
    same(built.get('tls')!, [], ['--cpu', 'athlon', '--mechanism', 'callgate'], 'tls callgate');
  });

  it('a static-PIE (ET_DYN without PT_INTERP) loads at the fixed base and runs as on the host', () => {
    for (const name of ['args', 'tls']) {
      const out = path.join(work, `${name}-pie`);
      gcc(['-m32', '-static-pie', '-O2', '-o', out, path.join(PROGRAMS, `${name}.c`)]);
      same(out, ['pie'], ['--cpu', 'pentium-ii'], `${name} static-pie`);
    }
  });

  it('chdir/fchdir/getcwd and file mmap in the --fs view, as natively in that directory', () => {
    const root = path.join(work, 'fsroot');
    fs.mkdirSync(path.join(root, 'sub', 'deeper'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sub', 'data.txt'), 'hello mapped file\nsecond line\n');
    const big = Buffer.from(Array.from({ length: 13000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));
    fs.writeFileSync(path.join(root, 'big.txt'), big);
    for (const name of ['cwd', 'filemap']) {
      const binary = buildGlibc(name);
      const expected = native(binary, [], root);
      assert.equal(expected.status, 0, expected.stdout + expected.stderr);
      for (const [model, options] of MODELS) {
        assert.deepEqual(ours(binary, [], [...options, '--fs', root]), expected, `${name} ${model}`);
      }
    }
  });

  it('MAP_SHARED file maps write back to the file (--fs-rw), and refuse writing a read-only one (--fs)', () => {
    // The native run works on a copy of the same file: the output and the file's bytes after
    // the run must be identical.
    const binary = buildGlibc('mapshared');
    const data = Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 13 + (i >> 9)) & 0xff));
    for (const [mode, args] of [
      ['--fs-rw', []],
      ['--fs', ['ro']],
    ] as const) {
      for (const [model, options] of MODELS) {
        const mine = fs.mkdtempSync(path.join(work, 'shm-ours-'));
        const theirs = fs.mkdtempSync(path.join(work, 'shm-native-'));
        fs.writeFileSync(path.join(mine, 'data.bin'), data);
        fs.writeFileSync(path.join(theirs, 'data.bin'), data);
        const expected = native(binary, [...args], theirs);
        assert.equal(expected.status, 0, expected.stdout + expected.stderr);
        const context = `mapshared ${mode} ${model}`;
        assert.deepEqual(ours(binary, [...args], [...options, mode, mine]), expected, context);
        assert.ok(
          fs.readFileSync(path.join(mine, 'data.bin')).equals(fs.readFileSync(path.join(theirs, 'data.bin'))),
          `${context}: the file's bytes differ after the run`,
        );
      }
    }
  });

  it('names the signal that ended a program in the -v log, and exits with 128 + N', () => {
    for (const [name, status, signal] of [
      ['abort', 134, 'signal 6 \\(SIGABRT\\)'],
      ['faults', 139, 'signal 11 \\(SIGSEGV\\)'],
      ['signals', 143, 'signal 15 \\(SIGTERM\\)'],
    ] as const) {
      const r = runCli(['run', built.get(name)!, '--cpu', 'pentium-ii', '-v']);
      assert.equal(r.status, status, r.stderr);
      assert.match(r.stderr, new RegExp(`killed by ${signal}`), r.stderr);
    }
  });

  for (const name of ['intmath', 'args', 'qsort', 'signals', 'faults']) {
    it(`musl ${name} (Debian's i386 musl)`, () => {
      const binary = buildMusl(name);
      same(binary, name === 'args' ? ['one', 'two three'] : [], ['--cpu', 'pentium-ii'], `${name} musl`);
    });
  }

  const APPLETS: string[][] = [
    ['echo', 'hello', 'world'],
    ['echo', '-n', 'a  b'],
    ['true'],
    ['false'],
    ['expr', '6', '*', '7'],
    ['expr', 'length', 'abcdef'],
    ['expr', 'substr', 'hello', '2', '3'],
    ['basename', '/usr/lib/x.so', '.so'],
    ['dirname', '/usr/lib/x.so'],
    ['test', '3', '-lt', '4'],
    ['[', 'a', '=', 'b', ']'],
    ['env'],
    ['factor', '360', '1001'],
    ['uname', '-s'],
    ['--help'],
    ['sh', '-c', 'x=5; echo $((x*x+1)); for i in 1 2 3; do echo i$i; done'],
    ['sh', '-c', 'a=abcdef; echo ${#a} ${a#ab} ${a%ef}'],
    ['sh', '-c', 'i=0; while [ $i -lt 200 ]; do i=$((i+1)); done; echo $i'],
    ['sh', '-c', 'set -- a "b c"; echo $#; for x in "$@"; do echo "[$x]"; done'],
    ['sh', '-c', 'f() { echo f$1; return 3; }; f 1; echo $?; exit 7'],
  ];

  it(`Debian's static busybox runs ${APPLETS.length} applets as on the host`, () => {
    const busybox = path.join(extractDeb('busybox-static'), 'bin', 'busybox');
    for (const applet of APPLETS) same(busybox, applet, ['--cpu', 'pentium-ii'], `busybox ${applet.join(' ')}`);
  });

  // Applets on files of a --fs view (natively: in that directory) and on standard input.
  const VIEW_APPLETS: Array<[string[], string?]> = [
    [['od', '-c', 'fruits.txt']],
    [['hexdump', '-C', 'colon.txt']],
    [['md5sum', 'fruits.txt', 'nums.txt']],
    [['sha256sum', 'colon.txt']],
    [['base64', 'colon.txt']],
    [['sed', '-n', 's/apple/APPLE/p', 'fruits.txt']],
    [['sed', '-e', '2d', '-e', 's/[0-9]\\+/N/g'], 'fruits.txt'],
    [['awk', '{s+=$2} END {print s, NR}'], 'fruits.txt'],
    [['awk', '-F:', '{print $3 $1}', 'colon.txt']],
    [['grep', '-E', 'an|ch', 'fruits.txt']],
    [['sort', '-n'], 'nums.txt'],
    [['sort', '-k2,2n', '-k1,1', 'fruits.txt']],
    [['uniq', '-c', 'fruits.txt']],
    [['tr', 'a-z', 'A-Z'], 'fruits.txt'],
    [['cut', '-d:', '-f2', 'colon.txt']],
    [['printf', '%5.2f|%-4s|%x|%o\\n', '3.14159', 'ab', '255', '8']],
    [['date', '-d', '@0', '-u']],
    [['date', '-u', '-d', '@1234567890', '+%Y-%m-%d %H:%M:%S %j %a']],
    [['dd', 'if=fruits.txt', 'bs=4', 'count=3']],
    [['dd', 'bs=7', 'skip=1'], 'fruits.txt'],
    [['find', '.', '-name', '*.txt']],
    [['tar', 'tvf', 'sub.tar']],
    [['tar', 'xOf', 'sub.tar', 'sub/h.txt']],
    [['wc', 'fruits.txt', 'nums.txt']],
    [['head', '-n', '2', 'fruits.txt']],
    [['tac', 'fruits.txt']],
    [['paste', 'colon.txt', 'nums.txt']],
    [['cmp', 'fruits.txt', 'nums.txt']],
    [['stat', '-c', '%s %n %F', 'fruits.txt', 'sub']],
    [['readlink', 'link']],
    [['sh', '-c', 'while read a b; do echo "$b-$a"; done'], 'fruits.txt'],
  ];

  it(`Debian's static busybox runs ${VIEW_APPLETS.length} applets on a --fs view and stdin as on the host`, () => {
    const busybox = path.join(extractDeb('busybox-static'), 'bin', 'busybox');
    const root = fs.mkdtempSync(path.join(work, 'bbview-'));
    fs.mkdirSync(path.join(root, 'sub'));
    fs.writeFileSync(path.join(root, 'fruits.txt'), 'banana 3\napple 10\ncherry 2\napple 10\ndate 1\n');
    fs.writeFileSync(path.join(root, 'nums.txt'), '10\n9\n100\n-3\n2.5\n9\n');
    fs.writeFileSync(path.join(root, 'colon.txt'), 'a:b:c\nd:e:f\n');
    fs.writeFileSync(path.join(root, 'sub', 'h.txt'), 'hello\n');
    fs.writeFileSync(path.join(root, 'sub', 'x.txt'), 'x'.repeat(300));
    fs.symlinkSync('fruits.txt', path.join(root, 'link'));
    // The archive the tar cases read, made by the same busybox natively (its owner names come
    // from the host's user database, which the view does not have).
    const tar = spawnSync(busybox, ['tar', 'cf', 'sub.tar', 'sub'], { cwd: root, encoding: 'latin1' });
    assert.equal(tar.status, 0, tar.stderr);
    for (const [applet, input] of VIEW_APPLETS) {
      const stdin = input === undefined ? '' : fs.readFileSync(path.join(root, input), 'latin1');
      const n = spawnSync(busybox, applet, { cwd: root, env: ENV, input: stdin, encoding: 'latin1' });
      const expected = { stdout: n.stdout, stderr: n.stderr, status: n.status };
      const r = spawnSync(
        process.execPath,
        [
          CLI,
          'run',
          busybox,
          '--cpu',
          'pentium-ii',
          '--seed',
          '7',
          '--clear-env',
          ...ENV_OPTIONS,
          '--fs',
          root,
          '--',
          ...applet,
        ],
        { input: stdin, encoding: 'latin1', maxBuffer: 64 << 20 },
      );
      const got = { stdout: programStream(r.stdout), stderr: programStream(r.stderr), status: r.status };
      assert.deepEqual(got, expected, `busybox ${applet.join(' ')}`);
    }
  });

  it('keeps each thread its own TLS entries and FS across thread switches (native threads, ours only)', () => {
    // Both threads allocate the entry after glibc's (TLS_ENTRY_MIN) and read their own base.
    const out = path.join(work, 'tlsthreads');
    gcc(['-m32', '-static', '-O2', '-o', out, path.join(ROOT, 'test', 'linux', 'kernel', 'tlsthreads.c')]);
    for (const [model, options] of MODELS) {
      const r = ours(out, [], options);
      const entry = LINUX_CALLS.TLS_ENTRY_MIN + 1;
      assert.equal(
        r.stdout,
        [0, 1].map((who) => `thread ${who}: entry ${entry}, own value 200 times, another's 0 times\n`).join(''),
        `${model}\n${r.stderr}`,
      );
      assert.equal(r.status, 0, model);
    }
  });

  it('refuses a dynamic, a 64-bit and a truncated ELF file with one line and status 126', () => {
    const source = path.join(PROGRAMS, 'intmath.c');
    const dynamic = path.join(work, 'dynamic');
    gcc(['-m32', '-O2', '-o', dynamic, source]);
    const wide = path.join(work, 'wide');
    gcc(['-static', '-O2', '-o', wide, source]);
    const truncated = path.join(work, 'truncated');
    fs.writeFileSync(truncated, fs.readFileSync(built.get('intmath')!).subarray(0, 40));
    for (const [file, why] of [
      [dynamic, /PT_INTERP/],
      [wide, /64-bit ELF file \(machine x86-64\)/],
      [truncated, /truncated ELF/],
    ] as const) {
      const r = runCli(['run', file]);
      assert.equal(r.status, 126, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, why);
    }
  });
});
