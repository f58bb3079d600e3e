// `i386-lab run PROGRAM` through the built command line (node dist/cli.js): bad arguments and
// assembly errors end with status 2 before anything runs; every example on every model
// prints what the model table says it must and a --json report that agrees with the kernel's
// own console lines. Whether our machine can run the kernel yet is found by trying once: if
// ask-kernel does not exit, the example tests are skipped with the reason the CLI gave.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADDRESS, MECHANISM_NAMES, MECHANISM_PREFERENCE } from '../../src/kernel/abi';
import { parseKernelConsole } from '../../src/kernel/console';
import { MODEL_IDS, findModel } from '../../src/isa/models';
import { CLI, ROOT, hasLinuxToolchain, runCli, tempDir } from './cliProcess';

const EXAMPLES = path.join(ROOT, 'examples');
const example = (name: string): string => path.join(EXAMPLES, name);

interface Report {
  cpu: string;
  mechanism: string | null;
  kip: string | null;
  exitStatus: number | null;
  instructions: number;
  faults: { thread: number; name: string; vector: number; error: number; eip: string; cr2: string }[];
  cpuid: { vendor: string; family: number; model: number; stepping: number } | null;
  detected: { class: number; flags: string[] } | null;
  mechanisms: string[] | null;
  stub: { address: string; code: string[] } | null;
  roundTrip: { instructions: number; meanInstructions: number; count: number } | null;
}

interface KernelRunResult {
  stdout: string;
  stderr: string;
  status: number | null;
  /** The kernel's log (stderr with --verbose, without the JSON line) followed by stdout. */
  console: string;
  report: Report;
}

/** Runs the CLI without blocking the event loop, so several runs proceed at once. */
function runAsync(args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('latin1').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('latin1').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => resolve({ stdout, stderr, status }));
  });
}

async function runJson(args: string[]): Promise<KernelRunResult> {
  const r = await runAsync(['run', ...args, '--json', '--verbose']);
  const lines = r.stderr.split('\n');
  const last = lines[lines.length - 2] ?? '';
  let report: Report;
  try {
    report = JSON.parse(last) as Report;
  } catch {
    throw new Error(`no JSON line at the end of stderr (status ${r.status})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return { ...r, console: lines.slice(0, -2).join('\n') + '\n' + r.stdout, report };
}

/** At most `width` promises at a time, results in order. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width)
    results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}

/** The mechanisms a model really has, from the model table: int and the call gate always. */
function workingMechanisms(model: string): string[] {
  const m = findModel(model)!;
  return MECHANISM_NAMES.filter(
    (n) =>
      n === 'int' ||
      n === 'callgate' ||
      (n === 'sysenter' && m.features.has('sep')) ||
      (n === 'syscall' && m.features.has('syscall')),
  );
}

function preferred(model: string): string {
  const working = workingMechanisms(model);
  return MECHANISM_PREFERENCE.map((id) => MECHANISM_NAMES[id]).find((n) => working.includes(n))!;
}

/** The --json report says what the console says: status, KIP, faults. */
function assertReportMatchesConsole(r: KernelRunResult, model: string): void {
  const kc = parseKernelConsole(r.console);
  const what = `${model}\n${r.stdout}\n${r.stderr}`;
  assert.equal(r.report.cpu, model, what);
  assert.equal(r.report.exitStatus, kc.exitStatus, what);
  assert.equal(r.status, kc.exitStatus, what);
  assert.equal(
    r.report.kip,
    kc.kipAddress === undefined ? null : `0x${kc.kipAddress.toString(16).padStart(8, '0')}`,
    what,
  );
  assert.equal(r.report.mechanism, kc.mechanism, what);
  assert.deepEqual(
    r.report.faults.map((f) => [f.name, f.vector, f.error, parseInt(f.eip, 16), parseInt(f.cr2, 16)]),
    kc.faults.map((f) => [f.name, f.vector, f.error, f.eip, f.cr2]),
    what,
  );
  assert.ok(r.report.instructions > 0, what);
}

describe('i386-lab run PROGRAM (under the kernel)', function () {
  this.timeout(600000);

  describe('refuses bad arguments before running anything (status 2)', () => {
    const cases: [string, string[], RegExp][] = [
      ['no program', ['run', '--cpu', 'pentium'], /missing PROGRAM/],
      ['an unknown option', ['run', 'x.asm', '--colour'], /unknown option '--colour'/],
      ['an unknown model', ['run', 'x.asm', '--cpu', 'z80'], /--cpu: unknown model 'z80'/],
      ['an unknown mechanism', ['run', 'x.asm', '--mechanism', 'teleport'], /--mechanism: 'teleport' is not one of/],
      ['an unknown discovery', ['run', 'x.asm', '--discovery', 'ask'], /--discovery: 'ask' is not one of/],
      ['a KIP address off a page', ['run', 'x.asm', '--kip', '0x70000123'], /--kip: 0x70000123 is not a page address/],
      ['a KIP address outside the window', ['run', 'x.asm', '--kip', '0x1000'], /--kip: 0x1000 is not a page address/],
      ['an unknown trace', ['run', 'x.asm', '--trace', 'ports'], /--trace: 'ports' is not traceable/],
      ['a missing value', ['run', 'x.asm', '--max-instructions'], /--max-instructions needs a value/],
      ['a zero instruction limit', ['run', 'x.asm', '--max-instructions', '0'], /must be at least 1/],
      ['two programs', ['run', 'x.asm', 'y.asm'], /unexpected argument 'y.asm'/],
      ['a missing file', ['run', 'no-such-file.asm'], /cannot read 'no-such-file.asm': ENOENT/],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        const r = runCli(args);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '');
        assert.equal(r.status, 2);
      });
    }
  });

  it('prints assembly errors as file:line:col: error: and runs nothing (status 2)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'broken.asm');
    fs.writeFileSync(
      file,
      'bits 32\n%include "abi.inc"\norg ADDR_FLAT_LOAD\n    mov eax, SYS_EXIT\n    frobnicate eax\n    mov ebx, [\n',
    );
    const r = runCli(['run', file, '--json']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const errors = r.stderr.split('\n').filter((l) => / error: /.test(l));
    assert.equal(errors.length, 2, r.stderr);
    assert.match(errors[0], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:\\d+: error: `));
    assert.match(errors[1], /:6:\d+: error: /);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a program assembled for another address, saying where flat programs run', () => {
    const dir = tempDir();
    const file = path.join(dir, 'low.asm');
    fs.writeFileSync(file, 'bits 32\norg 0x1000\n    jmp $\n');
    const r = runCli(['run', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /org is 0x1000, but the kernel runs flat programs at 0x1000000/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('every example on every model', function () {
    let machineReason: string | undefined;

    before(async function () {
      const probe = await runJson([example('ask-kernel.asm'), '--cpu', 'pentium-ii']);
      if (probe.report.exitStatus === null) {
        machineReason = probe.stderr.trim().split('\n').pop();
        console.log(`      skipped: our machine does not run the kernel to the end yet: ${machineReason}`);
        this.skip();
      }
    });

    it('ask-kernel: lock nop answered, the preferred mechanism advertised, registers preserved', async () => {
      const runs = await inBatches(
        [...MODEL_IDS],
        4,
        async (model) => [model, await runJson([example('ask-kernel.asm'), '--cpu', model])] as const,
      );
      for (const [model, r] of runs) {
        assertReportMatchesConsole(r, model);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(r.report.mechanism, preferred(model), model);
        // The demo's facts, as JSON: the CPUID signature the kernel read is the model table's,
        // the working mechanisms are the ones the model has, the stub holds its instruction.
        const cpuid = findModel(model)!.cpuid;
        assert.deepEqual(
          r.report.cpuid,
          cpuid ? { vendor: cpuid.vendor, family: cpuid.family, model: cpuid.model, stepping: cpuid.stepping } : null,
          model,
        );
        assert.deepEqual(r.report.mechanisms, workingMechanisms(model), model);
        const entry = {
          int: /^int 0x30$/,
          callgate: /^call 0x[0-9a-f]+:0x0$/,
          sysenter: /^sysenter$/,
          syscall: /^syscall$/,
        }[r.report.mechanism!]!;
        assert.ok(
          r.report.stub!.code.some((line) => entry.test(line)),
          `${model}: ${r.report.stub!.code.join('; ')}`,
        );
        assert.ok(
          r.report.roundTrip &&
            r.report.roundTrip.count > 0 &&
            r.report.roundTrip.instructions > 0 &&
            r.report.roundTrip.meanInstructions >= r.report.roundTrip.instructions,
          model,
        );
        assert.match(r.console, /registers preserved\n/, model);
        if (findModel(model)!.lockNopIsNop) assert.match(r.console, /lock nop got no answer; using int 0x30\n/, model);
        else {
          assert.match(
            r.console,
            new RegExp(`KIP at ${r.report.kip} version 0x00010000 flags 0x00000003 kernel id 0x6b6c3369\n`),
            model,
          );
          assert.match(r.console, /Hello through the advertised stub\n/, model);
        }
      }
    });

    it('ask-kernel with each mechanism forced: the forced one where the model has it, the preferred one otherwise', async () => {
      const jobs = MODEL_IDS.flatMap((model) => MECHANISM_NAMES.map((mechanism) => ({ model, mechanism })));
      const runs = await inBatches(jobs, 4, async (j) => ({
        ...j,
        r: await runJson([example('ask-kernel.asm'), '--cpu', j.model, '--mechanism', j.mechanism]),
      }));
      for (const { model, mechanism, r } of runs) {
        assertReportMatchesConsole(r, model);
        assert.equal(r.status, 0, `${model} ${mechanism}: ${r.stderr}`);
        assert.equal(
          r.report.mechanism,
          workingMechanisms(model).includes(mechanism) ? mechanism : preferred(model),
          `${model} ${mechanism}`,
        );
      }
    });

    it('--kip places the KIP; shared-page serves the stub at 0x7FFE0300', async () => {
      const fixed = await runJson([example('ask-kernel.asm'), '--kip', '0x70000000']);
      assert.equal(fixed.report.kip, '0x70000000');
      assert.match(fixed.console, /KIP at 0x70000000 /);
      for (const model of MODEL_IDS) {
        const r = await runJson([example('shared-page.asm'), '--cpu', model, '--discovery', 'shared-page']);
        assertReportMatchesConsole(r, model);
        assert.equal(parseInt(r.report.kip!, 16), ADDRESS.SHARED_PAGE, model);
        assert.match(r.console, /hello through the constant address/, model);
        assert.equal(r.status, 0, model);
      }
      // Its header asks for shared-page; the flag overrides it, and the call to 0x7FFE0300 faults.
      const without = await runJson([example('shared-page.asm'), '--discovery', 'lock-nop']);
      assert.deepEqual(
        without.report.faults.map((f) => [f.name, f.cr2]),
        [['#PF', '0x7ffe0300']],
      );
      assert.equal(without.status, 0x80 + 14);
    });

    it('early-i386-fallback, threads and faults on every model', async () => {
      for (const model of MODEL_IDS) {
        const fallback = await runJson([example('early-i386-fallback.asm'), '--cpu', model]);
        assertReportMatchesConsole(fallback, model);
        assert.match(fallback.console, /hello via int 0x30\n.*hello via the chosen entry\n/s, model);
        const threads = await runJson([example('threads.asm'), '--cpu', model]);
        assertReportMatchesConsole(threads, model);
        for (const letter of ['A', 'B']) {
          assert.deepEqual(
            threads.console.split('\n').filter((l) => l.startsWith(`${letter} line`)),
            [0, 1, 2, 3, 4].map((i) => `${letter} line ${i}`),
            model,
          );
        }
        const faults = await runJson([example('faults.asm'), '--cpu', model]);
        assertReportMatchesConsole(faults, model);
        assert.deepEqual(
          faults.report.faults.map((f) => f.name),
          ['#DE', '#PF', '#PF', '#GP', '#UD'],
          model,
        );
        assert.match(faults.console, /main thread still running after 5 faults\n/, model);
        assert.equal(faults.status, 0, model);
      }
    });

    it('linux-hello built by nasm and ld prints here what it prints on the host', async function () {
      if (!hasLinuxToolchain()) this.skip();
      const dir = tempDir();
      const exe = path.join(dir, 'linux-hello');
      const { execFileSync, spawnSync } = await import('node:child_process');
      execFileSync('nasm', ['-f', 'elf32', example('linux-hello.asm'), '-o', exe + '.o']);
      execFileSync('ld', ['-m', 'elf_i386', exe + '.o', '-o', exe]);
      const native = spawnSync(exe, [], { encoding: 'latin1' });
      if (native.status === null) this.skip();
      for (const model of MODEL_IDS) {
        const r = await runJson([exe, '--cpu', model]);
        assertReportMatchesConsole(r, model);
        assert.equal(parseKernelConsole(r.console).programOutput, native.stdout, model);
        assert.equal(r.status, native.status, model);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('--trace syscalls prints one line per call on stderr and leaves stdout as without it', async () => {
      const args = [example('ask-kernel.asm'), '--kip', '0x70000000', '--mechanism', 'int'];
      const plain = await runAsync(['run', ...args]);
      const traced = await runAsync(['run', ...args, '--trace', 'syscalls']);
      assert.equal(traced.stdout, plain.stdout);
      assert.equal(traced.status, plain.status);
      const lines = traced.stderr.split('\n').filter((l) => l.startsWith('[syscall] '));
      assert.ok(lines.length > 1000, `${lines.length} trace lines`);
      assert.ok(
        lines.every((l) => /^\[syscall\] thread \d+ int [a-z_]+\(.*\)( = -?\w+| \(did not return\))$/.test(l)),
        lines.slice(0, 5).join('\n'),
      );
      // The round-trip loop makes ROUND_TRIPS kernel_info(INFO_TICKS) calls; the program may make more.
      const roundTrips = Number(/^ROUND_TRIPS equ (\d+)/m.exec(fs.readFileSync(example('ask-kernel.asm'), 'utf8'))![1]);
      assert.ok(lines.filter((l) => l.includes(' int kernel_info(2) = ')).length >= roundTrips);
      assert.match(lines[lines.length - 1], /exit\(0\) \(did not return\)$/);
    });

    it('ends a guest that does not exit at --max-instructions, with status 1 and a line on stderr', () => {
      const dir = tempDir();
      const file = path.join(dir, 'spin.asm');
      fs.writeFileSync(file, 'bits 32\n%include "abi.inc"\norg ADDR_FLAT_LOAD\nspin:\n    jmp spin\n');
      const r = runCli(['run', file, '--max-instructions', '3000000', '--json']);
      assert.equal(r.status, 1);
      assert.match(
        r.stderr,
        /stopped after 3000000 instructions \(--max-instructions 3000000\): the guest did not exit/,
      );
      assert.equal(r.stdout, '');
      const report = JSON.parse(r.stderr.trim().split('\n').pop()!) as Report;
      assert.equal(report.exitStatus, null);
      assert.equal(report.instructions, 3000000);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  it('bench --suite kernel: each row measured, or omitted with the reason on stderr', () => {
    const r = runCli(['bench', '--json', '--quick', '--suite', 'kernel']);
    assert.equal(r.status, 0, r.stderr);
    const results = (
      JSON.parse(r.stdout) as { results: { suite: string; name: string; value: number; unit: string }[] }
    ).results;
    const units: Record<string, string> = { boot: 'ms' };
    for (const m of MECHANISM_NAMES) {
      units[`syscall-${m}`] = 'ns';
      units[`syscall-${m}-instructions`] = 'instr';
    }
    for (const [name, unit] of Object.entries(units)) {
      const row = results.find((x) => x.name === name);
      if (row) {
        assert.equal(row.suite, 'kernel');
        assert.equal(row.unit, unit, name);
        assert.ok(row.value > 0, name);
      } else assert.match(r.stderr, new RegExp(`bench: kernel ${name}: skipped \\(.+\\)`), name);
    }
    assert.equal(results.length, results.filter((x) => x.name in units).length, 'no rows beyond the kernel suite');
  });
});
