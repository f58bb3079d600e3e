// The command line as a new user meets it, run as a child process (dist/cli.js): --help and
// --version on every command, one line and a documented exit status for every bad input,
// quiet EPIPE, Ctrl-C, the header-comment settings, and every shipped example running as is.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ROOT, runCli, tempDir, type CliResult } from './cliProcess';
import { COMMANDS } from '../../src/cli/cli';
import { EXIT } from '../../src/cli/options';
import { LINUX_CALLS } from '../../src/kernel/abi';

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const EXAMPLES = path.join(ROOT, 'examples');

/** One line on stderr, `i386-lab COMMAND: what (hint)` or `i386-lab COMMAND: what`. */
function assertOneLine(r: CliResult, command: string, message: RegExp, status: number): void {
  const what = `status ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  assert.equal(r.status, status, what);
  assert.match(r.stderr, new RegExp(`^i386-lab${command ? ' ' + command : ''}: [^\\n]+\\n$`), what);
  assert.match(r.stderr, message, what);
  assert.doesNotMatch(r.stderr, /\n\s+at /, what);
  assert.equal(r.stdout, '', what);
}

/** Runs the CLI with a time limit (a command that started a server would otherwise hang the test). */
function runBounded(args: string[], timeout = 30_000): CliResult & { signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'latin1', timeout, input: '' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}

/**
 * Starts the CLI, waits until stdout contains `ready`, then acts on the child (closes the
 * pipe, sends a signal); resolves with everything it printed and how it ended.
 */
function runUntil(
  args: string[],
  ready: string,
  act: (child: ReturnType<typeof spawn>) => void,
): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let acted = false;
    child.stdout.setEncoding('latin1').on('data', (d: string) => {
      stdout += d;
      if (!acted && stdout.includes(ready)) {
        acted = true;
        act(child);
      }
    });
    child.stdout.on('error', () => {});
    child.stderr.setEncoding('latin1').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ stdout, stderr, status, signal }));
  });
}

describe('i386-lab command line', function () {
  this.timeout(120_000);
  let dir: string;
  const file = (name: string, text: string | Uint8Array): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  before(() => {
    dir = tempDir();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('--help, --version and help on every command', () => {
    for (const command of COMMANDS.map((c) => c.spec.name)) {
      it(`${command} --help prints its usage and options on stdout, status 0`, () => {
        const r = runBounded([command, '--help']);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stderr, '');
        assert.match(r.stdout, new RegExp(`^usage: i386-lab ${command}\\b`));
        assert.match(r.stdout, /\n {2}-h, --help +this help\n/);
        assert.equal(runBounded(['help', command]).stdout, r.stdout, 'i386-lab help COMMAND prints the same');
        assert.equal(runBounded([command, '-h']).stdout, r.stdout, '-h is --help');
      });
      it(`${command} --version prints the package version, status 0`, () => {
        const r = runBounded([command, '--version']);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.stdout, `i386-lab ${VERSION}\n`);
      });
      it(`${command} refuses an unknown option in one line, status 2`, () => {
        assertOneLine(runBounded([command, '--bogus']), command, /unknown option '--bogus'/, EXIT.USAGE);
      });
    }

    it('i386-lab --version, --help and help', () => {
      assert.equal(runCli(['--version']).stdout, `i386-lab ${VERSION}\n`);
      const help = runCli(['--help']);
      assert.equal(help.status, 0);
      for (const c of COMMANDS) assert.match(help.stdout, new RegExp(`\\n {2}${c.spec.name} +\\S`), c.spec.name);
      assert.equal(runCli(['help']).stdout, help.stdout);
    });

    it('an unknown command and an unknown help topic are one line, status 2', () => {
      assertOneLine(runCli(['frobnicate']), '', /unknown command 'frobnicate' \(one of run, asm/, EXIT.USAGE);
      assertOneLine(runCli(['help', 'frobnicate']), 'help', /unknown command 'frobnicate'/, EXIT.USAGE);
    });
  });

  describe('every bad input is one line on stderr with a documented status', () => {
    const cases: [string, () => string[], string, RegExp, number][] = [
      ['asm -I without a value', () => ['asm', 'x.asm', '-I'], 'asm', /-I needs a value DIR/, EXIT.USAGE],
      [
        'asm -f without a value',
        () => ['asm', 'x.asm', '-f'],
        'asm',
        /-f needs a value FORMAT \(one of bin, elf32\)/,
        EXIT.USAGE,
      ],
      [
        'asm -f with an unknown format',
        () => ['asm', 'x.asm', '-f', 'coff'],
        'asm',
        /-f: 'coff' is not one of bin, elf32/,
        EXIT.USAGE,
      ],
      ['asm -o without a value', () => ['asm', 'x.asm', '-o'], 'asm', /-o needs a value OUT/, EXIT.USAGE],
      [
        'asm -D with a bad name',
        () => ['asm', 'x.asm', '-D', '1x=2'],
        'asm',
        /-D: '1x=2' is not NAME or NAME=VALUE/,
        EXIT.USAGE,
      ],
      [
        'asm with two inputs',
        () => ['asm', 'a.asm', 'b.asm'],
        'asm',
        /unexpected argument 'b\.asm' \(asm takes one FILE\.asm\)/,
        EXIT.USAGE,
      ],
      ['asm without an input', () => ['asm'], 'asm', /missing FILE\.asm/, EXIT.USAGE],
      [
        'asm of a missing file',
        () => ['asm', path.join(dir, 'none.asm')],
        'asm',
        /cannot read '.*none\.asm': ENOENT \(no such file or directory\)/,
        EXIT.USAGE,
      ],
      [
        'asm -o into a missing directory',
        () => ['asm', file('ok.asm', 'db 1\n'), '-o', path.join(dir, 'no', 'such', 'x.bin')],
        'asm',
        /cannot write '.*x\.bin': ENOENT \(the directory .*no\/such does not exist\)/,
        EXIT.FAILURE,
      ],
      [
        'asm -o onto its own source',
        () => ['asm', file('self.asm', 'db 1\n'), '-o', path.join(dir, 'self.asm')],
        'asm',
        /would overwrite the source/,
        EXIT.USAGE,
      ],
      [
        'abi with a stray argument',
        () => ['abi', 'abi.inc'],
        'abi',
        /unexpected argument 'abi\.inc' \(abi takes no arguments\)/,
        EXIT.USAGE,
      ],
      [
        'abi -o into a missing directory',
        () => ['abi', '-o', path.join(dir, 'no', 'abi.inc')],
        'abi',
        /cannot write/,
        EXIT.FAILURE,
      ],
      ['models with a stray argument', () => ['models', 'all'], 'models', /unexpected argument 'all'/, EXIT.USAGE],
      ['demo with a stray argument', () => ['demo', 'now'], 'demo', /unexpected argument 'now'/, EXIT.USAGE],
      ['dap with a stray argument', () => ['dap', 'x'], 'dap', /unexpected argument 'x'/, EXIT.USAGE],
      [
        'bench with an unknown suite',
        () => ['bench', '--suite', 'gpu'],
        'bench',
        /--suite: 'gpu' is not one of cpu, c, startup, asm, kernel, dap/,
        EXIT.USAGE,
      ],
      [
        'an option given twice',
        () => ['run', 'x.asm', '--cpu', 'i386', '--cpu', 'i486'],
        'run',
        /--cpu is given twice/,
        EXIT.USAGE,
      ],
      ['a value for a flag', () => ['run', 'x.asm', '--json=yes'], 'run', /--json takes no value/, EXIT.USAGE],
      [
        '-- on a command without program arguments',
        () => ['asm', 'x.asm', '--', 'y'],
        'asm',
        /'--' is not expected/,
        EXIT.USAGE,
      ],
      [
        'a kernel option in bare mode',
        () => ['run', '--bare', 'x.bin', '--discovery', 'shared-page'],
        'run',
        /--discovery is for kernel mode, not bare mode/,
        EXIT.USAGE,
      ],
      [
        'a bare option in kernel mode',
        () => ['run', 'x.bin', '--load-at', '0x1000'],
        'run',
        /--load-at is for bare mode, not kernel mode/,
        EXIT.USAGE,
      ],
      [
        'program arguments in bare mode',
        () => ['run', '--bare', file('b.bin', new Uint8Array([0xf4])), '--load-at', '0', '--', 'x'],
        'run',
        /program arguments \(after --\) are for kernel mode/,
        EXIT.USAGE,
      ],
      [
        'a 64-bit ELF under the kernel',
        () => ['run', file('elf64', elfHeader(2, 2, 62))],
        'run',
        /elf64: a 64-bit ELF file \(machine x86-64\); only i386 \(ELFCLASS32, EM_386\) programs run here/,
        LINUX_CALLS.EXEC_FAILED,
      ],
      [
        'a truncated ELF under the kernel',
        () => ['run', file('short.elf', elfHeader(1, 2, 3).subarray(0, 40))],
        'run',
        /short\.elf: truncated ELF file \(shorter than its header\)/,
        LINUX_CALLS.EXEC_FAILED,
      ],
      [
        'an ELF whose segment runs past the file',
        () => ['run', file('cut.elf', elfWithSegment(0x08048000, 0x2000))],
        'run',
        /cut\.elf: truncated ELF file \(a PT_LOAD segment lies beyond the end\)/,
        LINUX_CALLS.EXEC_FAILED,
      ],
      [
        "an ELF below the kernel's program range",
        () => ['run', file('low.elf', elfWithSegment(0x1000, 0x10, true))],
        'run',
        /low\.elf: segment 0 at 0x1000\.\.0x1010 is outside the kernel's program range 0x1000000\.\.0x40000000/,
        EXIT.USAGE,
      ],
      [
        'an empty program',
        () => ['run', file('empty.bin', new Uint8Array(0))],
        'run',
        /empty\.bin is empty/,
        EXIT.USAGE,
      ],
      [
        'a kernel program with --bare',
        () => ['run', '--bare', path.join(EXAMPLES, 'ask-kernel.asm')],
        'run',
        /ask-kernel\.asm includes abi\.inc: it is a program for the kernel \(run it without --bare\)/,
        EXIT.USAGE,
      ],
      [
        '--load-at for an .asm in bare mode',
        () => ['run', '--bare', file('flat.asm', 'bits 32\nhlt\n'), '--load-at', '0x1000'],
        'run',
        /--load-at is for flat images; an \.asm file is loaded at its org/,
        EXIT.USAGE,
      ],
      [
        'a bad header comment',
        () => ['run', file('hdr.asm', '; i386-lab: --cpu z80\nbits 32\n')],
        'run',
        /hdr\.asm:1: --cpu: 'z80' is not one of .* \(fix its i386-lab: comment\)/,
        EXIT.USAGE,
      ],
      [
        'an unknown header setting',
        () => ['run', file('hdr2.asm', '; demo\n; i386-lab: --turbo\nbits 32\n')],
        'run',
        /hdr2\.asm:2: unknown setting '--turbo'/,
        EXIT.USAGE,
      ],
    ];
    for (const [what, args, command, message, status] of cases) {
      it(what, () => assertOneLine(runCli(args()), command, message, status));
    }

    it("a relocatable object (our assembler's -f elf32) under the kernel: link it first", () => {
      const src = file('rel.asm', 'global _start\nsection .text\n_start: mov eax, 1\nint 0x80\n');
      const obj = path.join(dir, 'rel.o');
      assert.equal(runCli(['asm', src, '-f', 'elf32', '-o', obj]).status, 0);
      assertOneLine(
        runCli(['run', obj]),
        'run',
        /rel\.o: a relocatable object \(ET_REL\): link it into an executable first/,
        LINUX_CALLS.EXEC_FAILED,
      );
    });

    it('an internal error is one line; --debug adds the stack trace', () => {
      // A CLI copied away from its package cannot find the kernel sources: a broken install.
      const lone = path.join(dir, 'lone');
      fs.mkdirSync(lone, { recursive: true });
      // The command line is dist/cli.js and the bundle it starts (src/cli/launch.ts).
      fs.copyFileSync(CLI, path.join(lone, 'cli.js'));
      fs.copyFileSync(path.join(path.dirname(CLI), 'cli-main.js'), path.join(lone, 'cli-main.js'));
      const program = path.join(EXAMPLES, 'ask-kernel.asm');
      const plain = spawnSync(process.execPath, [path.join(lone, 'cli.js'), 'run', program], { encoding: 'utf8' });
      assert.equal(plain.status, EXIT.INTERNAL, plain.stderr);
      assert.match(
        plain.stderr,
        /^i386-lab run: internal error: the kernel sources \(src\/kernel\/kernel\.asm\) are not found above .* \(run again with --debug for the stack trace\)\n$/,
      );
      const debug = spawnSync(process.execPath, [path.join(lone, 'cli.js'), 'run', program, '--debug'], {
        encoding: 'utf8',
      });
      assert.equal(debug.status, EXIT.INTERNAL);
      assert.match(
        debug.stderr,
        /^i386-lab run: internal error: the kernel sources[^\n]*\nError: the kernel sources[^\n]*\n\s+at /,
      );
    });

    it('dap --help prints help instead of starting the adapter', () => {
      const r = runBounded(['dap', '--help'], 10_000);
      assert.equal(r.signal, null, 'it did not wait for a client');
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^usage: i386-lab dap/);
    });
  });

  describe('a reader closing the pipe ends the command quietly (EPIPE, status 0)', () => {
    const closeEarly = (child: ReturnType<typeof spawn>): void => {
      child.stdout!.destroy();
    };
    it('models', async () => {
      const r = await runUntil(['models'], '\n', closeEarly);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
    });
    it('demo', async () => {
      const r = await runUntil(['demo'], '\n', closeEarly);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
    });
    it('run of a program that writes forever: the program ends as SIGPIPE ends a native one (128 + 13)', async () => {
      // The program, not the command, lost its reader: `yes | head -1` in a shell says 141.
      const program = file('yes.asm', kernelProgram('again:\n    write msg, 2\n    jmp again\nmsg db "y", 10\n'));
      const r = await runUntil(['run', program], 'y\n', closeEarly);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 141);
    });
    it('abi', async () => {
      const r = await runUntil(['abi'], '\n', closeEarly);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
    });
  });

  describe('Ctrl-C (SIGINT) stops a run with where it stopped, status 130', () => {
    it('under the kernel', async () => {
      const program = file('spin.asm', kernelProgram('    write msg, 6\nspin: jmp spin\nmsg db "ready", 10\n'));
      const r = await runUntil(['run', program], 'ready\n', (child) => child.kill('SIGINT'));
      assert.equal(r.status, EXIT.INTERRUPTED, r.stderr);
      // Ctrl-C is looked at between slices of the run: the spinning program, or the kernel's
      // timer interrupt that the slice happened to end in (the kernel lies at 1 MiB).
      assert.match(
        r.stderr,
        /^i386-lab run: interrupted \(Ctrl-C\) after \d+ instructions, at (0x0100[0-9a-f]{4} in the program \(CPL 3\)|0x001[0-9a-f]{5} in the kernel \(CPL 0\))\n$/,
      );
    });
    it('bare, with no instruction limit given', async () => {
      const program = file('bare-spin.asm', 'bits 32\norg 0x100000\nmov al, 10\nout 0xe9, al\nspin: jmp spin\n');
      const r = await runUntil(['run', '--bare', program], '\n', (child) => child.kill('SIGINT'));
      assert.equal(r.status, EXIT.INTERRUPTED, r.stderr);
      assert.match(r.stderr, /^interrupted \(Ctrl-C\) at 0x00100004 after \d+ instructions\n$/);
    });
  });

  describe('asm finds the kernel ABI; abi writes it for nasm', () => {
    it('asm examples/ask-kernel.asm assembles, to the bytes nasm makes with the abi.inc that `abi -o` writes', () => {
      const ours = path.join(dir, 'ask-kernel.bin');
      const r = runCli(['asm', path.join(EXAMPLES, 'ask-kernel.asm'), '-o', ours]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      const abi = path.join(dir, 'abi.inc');
      assert.equal(runCli(['abi', '-o', abi]).status, 0);
      assert.equal(fs.readFileSync(abi, 'utf8'), runCli(['abi']).stdout, '-o and stdout carry the same text');
      const nasmOut = path.join(dir, 'ask-kernel.nasm.bin');
      const nasm = spawnSync(
        'nasm',
        ['-f', 'bin', '-I', dir + '/', '-I', EXAMPLES + '/', path.join(EXAMPLES, 'ask-kernel.asm'), '-o', nasmOut],
        { encoding: 'utf8' },
      );
      assert.equal(
        nasm.status,
        0,
        `nasm (Debian package nasm) must be installed: ${nasm.error?.message ?? nasm.stderr}`,
      );
      assert.deepEqual(fs.readFileSync(ours), fs.readFileSync(nasmOut));
    });
  });

  describe('run --bare PROGRAM.asm assembles it', () => {
    it('runs the assembled code from _start at its org, not the source text', () => {
      const program = file(
        'hello-bare.asm',
        'bits 32\norg 0x200000\nmsg db "Hi", 10\n_start:\n    mov esi, msg\n    mov ecx, 3\n    mov dx, 0xe9\n    rep outsb\n    cli\n    hlt\n',
      );
      const r = runCli(['run', '--bare', program]);
      assert.equal(r.stdout, 'Hi\n');
      assert.equal(r.stderr, 'halted at 0x00200015 after 6 instructions\n');
      assert.equal(r.status, 0);
    });
  });

  describe("settings in the program's header comment", () => {
    it('apply and are reported; a flag wins over the header', () => {
      const program = file(
        'hdr-ok.asm',
        `; what this is\n; i386-lab: --cpu athlon --mechanism int\n${kernelProgram('    exit 0\n')}`,
      );
      const r = runCli(['run', program, '--json']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stderr,
        /^i386-lab run: --cpu athlon --mechanism int \(from the i386-lab: comment on line 2 of .*hdr-ok\.asm\)$/m,
      );
      const report = jsonReport(r);
      assert.equal(report.cpu, 'athlon');
      assert.equal(report.mechanism, 'int');
      const flag = runCli(['run', program, '--json', '--cpu', 'k6-2']);
      const again = jsonReport(flag);
      assert.equal(again.cpu, 'k6-2');
      assert.equal(again.mechanism, 'int');
      assert.match(flag.stderr, /^i386-lab run: --mechanism int \(from/m);
    });

    it('examples/shared-page.asm runs as is; --discovery lock-nop overrides its header and the call faults (0x80 + #PF = 142)', () => {
      const program = path.join(EXAMPLES, 'shared-page.asm');
      const r = runCli(['run', program]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /--discovery shared-page \(from the i386-lab: comment/);
      const overridden = runCli(['run', program, '--discovery', 'lock-nop']);
      assert.equal(overridden.status, 0x80 + 14, overridden.stderr);
    });
  });

  describe('every shipped example runs as is', () => {
    /** The status each example exits with (linux-hello ends with exit_group(7)). */
    const EXPECTED: Record<string, number> = {
      'ask-kernel.asm': 0,
      'early-i386-fallback.asm': 0,
      'faults.asm': 0,
      'fpu-threads.asm': 0,
      'linux-hello.asm': 7,
      'mmx-threads.asm': 0,
      'shared-page.asm': 0,
      'threads.asm': 0,
    };
    it('the table names every example', () => {
      assert.deepEqual(
        fs
          .readdirSync(EXAMPLES)
          .filter((f) => f.endsWith('.asm'))
          .sort(),
        Object.keys(EXPECTED).sort(),
      );
    });
    for (const [name, status] of Object.entries(EXPECTED)) {
      it(name, () => {
        const r = runCli(['run', path.join(EXAMPLES, name)]);
        assert.equal(r.status, status, `${name}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /i386-lab run: (stopped|the machine|the kernel gave up)/);
      });
    }
  });
});

/** run --json's report line (on stdout, or on stderr where the program's output owns stdout). */
function jsonReport(r: CliResult): { cpu: string; mechanism: string } {
  const line = `${r.stdout}\n${r.stderr}`.split('\n').find((l) => l.startsWith('{"cpu"'));
  assert.ok(line, `a --json line\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return JSON.parse(line) as { cpu: string; mechanism: string };
}

/** A flat kernel program with `write LABEL, LENGTH` and `exit STATUS` macros over int 0x30. */
function kernelProgram(body: string): string {
  return [
    'bits 32',
    '%include "abi.inc"',
    'org ADDR_FLAT_LOAD',
    '%macro write 2',
    '    mov eax, SYS_WRITE',
    '    mov ebx, %1',
    '    mov ecx, %2',
    '    int VEC_SYSCALL_INT',
    '%endmacro',
    '%macro exit 1',
    '    mov eax, SYS_EXIT',
    '    mov ebx, %1',
    '    int VEC_SYSCALL_INT',
    '%endmacro',
    body,
  ].join('\n');
}

/** An ELF header (52 bytes as ELF32 would have) with the given class, type and machine (System V gABI). */
function elfHeader(elfClass: number, type: number, machine: number): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, elfClass, 1, 1]);
  const dv = new DataView(b.buffer);
  dv.setUint16(16, type, true);
  dv.setUint16(18, machine, true);
  dv.setUint32(20, 1, true);
  return b;
}

/**
 * An ELF32 i386 executable with one PT_LOAD segment at `vaddr` of `size` bytes; the file holds
 * the segment's bytes only when `complete`.
 */
function elfWithSegment(vaddr: number, size: number, complete = false): Uint8Array {
  const header = elfHeader(1, 2, 3).subarray(0, 52);
  const b = new Uint8Array(52 + 32 + (complete ? size : 16));
  b.set(header);
  const dv = new DataView(b.buffer);
  dv.setUint32(24, vaddr, true); // e_entry
  dv.setUint32(28, 52, true); // e_phoff
  dv.setUint16(40, 52, true); // e_ehsize
  dv.setUint16(42, 32, true); // e_phentsize
  dv.setUint16(44, 1, true); // e_phnum
  dv.setUint32(52, 1, true); // p_type PT_LOAD
  dv.setUint32(56, 84, true); // p_offset
  dv.setUint32(60, vaddr, true); // p_vaddr
  dv.setUint32(64, vaddr, true); // p_paddr
  dv.setUint32(68, size, true); // p_filesz
  dv.setUint32(72, size, true); // p_memsz
  dv.setUint32(76, 5, true); // p_flags R+X
  return b;
}
