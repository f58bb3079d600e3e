// The guest kernel on both machines: QEMU, the oracle (when qemu-system is installed), and
// our emulator, which the product runs it on. Every example on every model the machine can
// play, and hostile programs that must leave the kernel alive. Expectations come from
// oracles where one exists: the CPU model table for which mechanisms must work, the host's
// own Linux for the Linux personality, QEMU for what our machine does.
// Both boot the kernel image our assembler builds, as the product does (ourBuild.ts; equal
// to NASM's by assemble.test.ts); ELF programs need nasm and ld.
// I386_LAB_KERNEL_MACHINE=qemu or =ours runs one machine only.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ADDRESS, MECHANISM_NAMES, MECHANISM_PREFERENCE } from '../../src/kernel/abi';
import { findModel } from '../../src/isa/models';
import { BootResult, KernelMachine } from './machine';
import { EXAMPLES_DIR, NasmBuild, PROGRAMS_DIR, missingTools } from './nasm';
import { OurBuild } from './ourBuild';
import { OurMachine } from './ours';
import { QemuMachine } from './qemu';

function pickMachines(): KernelMachine[] {
  const name = process.env.I386_LAB_KERNEL_MACHINE;
  if (name === undefined || name === '') return [new QemuMachine(), new OurMachine()];
  if (name === 'qemu') return [new QemuMachine()];
  if (name === 'ours') return [new OurMachine()];
  throw new Error(`I386_LAB_KERNEL_MACHINE=${name}: no such machine (known: qemu, ours; unset for both)`);
}

const example = (name: string): string => path.join(EXAMPLES_DIR, name);
const hostile = (name: string): string => path.join(PROGRAMS_DIR, name);

/**
 * The mechanisms that must work on a model, from the model table's ground truth ('sep':
 * SYSENTER really executes; 'syscall': SYSCALL exists); qemu32 is QEMU's own model.
 */
function expectedMechanisms(model: string): string[] {
  const m = findModel(model);
  const sep = m ? m.features.has('sep') : model === 'qemu32';
  const syscall = m ? m.features.has('syscall') : false;
  return MECHANISM_NAMES.filter(
    (name) => name === 'int' || name === 'callgate' || (name === 'sysenter' && sep) || (name === 'syscall' && syscall),
  );
}

/** False on the early i386, where LOCK NOP executes as NOP and nobody answers. */
function lockNopAnswers(model: string): boolean {
  return !findModel(model)?.lockNopIsNop;
}

function expectedAuto(model: string): string {
  const available = expectedMechanisms(model);
  const first = MECHANISM_PREFERENCE.map((id) => MECHANISM_NAMES[id]).find((name) => available.includes(name));
  return first ?? 'int';
}

function assertClean(r: BootResult, what: string): void {
  assert.equal(r.timedOut, false, `${what}: timed out\n${r.console}`);
  assert.equal(r.panic, undefined, `${what}: ${r.panic}`);
  assert.ok(r.exitStatus !== undefined, `${what}: no exit status\n${r.console}`);
  assert.equal(r.machineStatus, r.exitStatus! & 0x7f, `${what}: the power-off port and the console disagree`);
}

/** How many `check` lines a hostile program has: each must print one "ok" line. */
function checksIn(file: string): number {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /^\s+check\s+"/.test(l)).length;
}

for (const machine of pickMachines())
  describe(`guest kernel on ${machine.name}`, function () {
    this.timeout(180000);
    /** The kernel and flat programs as the product assembles them. */
    const build = new OurBuild();
    /** ELF programs (nasm -f elf32, ld) and running them on the host; undefined without the tools. */
    let nasm: NasmBuild | undefined;
    const models = machine.models();

    before(function () {
      const why = machine.unavailable();
      if (why) {
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      if (missingTools() === undefined) nasm = new NasmBuild();
      build.kernel();
    });

    const image = (program: string, format: 'bin' | 'elf'): Uint8Array => {
      if (format === 'bin') return build.program(program);
      if (!nasm) throw new Error(`${program}: an ELF program needs nasm and ld`);
      return nasm.program(program, 'elf');
    };

    const boot = (
      program: string,
      model: string,
      cmdline = '',
      format: 'bin' | 'elf' = 'bin',
      instructionClock = false,
      seed?: number,
    ): Promise<BootResult> =>
      machine.boot({ kernel: build.kernel(), program: image(program, format), cmdline, model, instructionClock, seed });

    const onEveryModel = (
      program: string,
      cmdline = '',
      format: 'bin' | 'elf' = 'bin',
    ): Promise<Array<[string, BootResult]>> =>
      Promise.all(
        models.map(async (model) => [model, await boot(program, model, cmdline, format)] as [string, BootResult]),
      );

    it('detects on every model the mechanisms the model table says work, and advertises the preferred one', async () => {
      for (const [model, r] of await onEveryModel(example('ask-kernel.asm'))) {
        assertClean(r, model);
        assert.deepEqual(r.mechanismsAvailable, expectedMechanisms(model), model);
        assert.equal(r.mechanism, expectedAuto(model), model);
        if (lockNopAnswers(model))
          assert.match(r.programOutput, new RegExp(`mechanism ${expectedAuto(model)} stub at`), model);
      }
    });

    it('answers lock nop with the KIP address, version, flags and kernel id; the stub preserves registers', async () => {
      for (const [model, r] of await onEveryModel(example('ask-kernel.asm'))) {
        if (!lockNopAnswers(model)) {
          assert.match(r.programOutput, /lock nop got no answer; using int 0x30\n/, model);
          assert.match(r.programOutput, /registers preserved\n/, model);
          assert.equal(r.exitStatus, 0, model);
          continue;
        }
        const kip = /KIP at 0x([0-9a-f]+) version 0x00010000 flags 0x00000003 kernel id 0x6b6c3369/.exec(
          r.programOutput,
        );
        assert.ok(kip, `${model}: ${r.programOutput}`);
        assert.equal(parseInt(kip[1], 16), r.kipAddress, model);
        assert.match(r.programOutput, /registers preserved\n/, model);
        assert.match(r.programOutput, /Hello through the advertised stub\n/, model);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('runs ask-kernel with each mechanism forced where it works, and refuses one that does not', async () => {
      const runs = models.flatMap((model) =>
        MECHANISM_NAMES.map(async (mechanism) => {
          const r = await boot(example('ask-kernel.asm'), model, `mechanism=${mechanism}`);
          return { model, mechanism, r };
        }),
      );
      for (const { model, mechanism, r } of await Promise.all(runs)) {
        const what = `${model} mechanism=${mechanism}`;
        assertClean(r, what);
        assert.equal(r.exitStatus, 0, `${what}\n${r.console}`);
        if (expectedMechanisms(model).includes(mechanism)) {
          assert.equal(r.mechanism, mechanism, what);
          assert.ok(
            r.kernelLines.some((l) => l.includes(`advertised ${mechanism} (forced)`)),
            what,
          );
        } else {
          assert.ok(
            r.kernelLines.some((l) => l.includes(`mechanism=${mechanism} does not work on this CPU`)),
            what,
          );
          assert.equal(r.mechanism, expectedAuto(model), what);
        }
        if (lockNopAnswers(model)) assert.match(r.programOutput, new RegExp(`mechanism ${r.mechanism} `), what);
        assert.match(r.programOutput, /registers preserved/, what);
      }
    });

    it('places the KIP where kip= says, else at a varying page of the KIP window', async () => {
      const fixed = await boot(example('ask-kernel.asm'), 'pentium-ii', 'kip=0x70000000');
      assert.match(fixed.programOutput, /KIP at 0x70000000 /);
      const inMapRegion = await boot(example('ask-kernel.asm'), 'pentium-ii', 'kip=0x50000000');
      assert.ok(inMapRegion.kernelLines.some((l) => l.includes('kip= must be')));
      assert.notEqual(inMapRegion.kipAddress, 0x50000000);
      const onTheStack = await boot(example('ask-kernel.asm'), 'pentium-ii', 'kip=0x7EFFF000');
      assert.ok(
        onTheStack.kernelLines.some((l) => l.includes('the KIP cannot go at 0x7EFFF000')),
        onTheStack.console,
      );
      assert.equal(onTheStack.exitStatus, 0);
      const defaults = await Promise.all([0, 1, 2, 3, 4].map(() => boot(example('ask-kernel.asm'), 'pentium-ii')));
      const addresses = new Set(defaults.map((r) => r.kipAddress));
      for (const a of addresses) {
        assert.ok(
          a !== undefined &&
            a >= ADDRESS.KIP_WINDOW &&
            a < ADDRESS.KIP_WINDOW + ADDRESS.KIP_WINDOW_PAGES * 0x1000 &&
            a % 0x1000 === 0,
          String(a),
        );
      }
      assert.ok(addresses.size > 1, 'five boots all put the KIP at the same address');
      const bad = await boot(example('ask-kernel.asm'), 'pentium-ii', 'kip=0x123 colour=blue');
      assert.ok(bad.kernelLines.some((l) => l.includes('kip= must be a page-aligned address')));
      assert.ok(bad.kernelLines.some((l) => l.includes('ignoring boot option colour=blue')));
      assert.equal(bad.exitStatus, 0);
      const malformed = await boot(example('ask-kernel.asm'), 'pentium-ii', 'kip=0x7F80Z000');
      assert.ok(malformed.kernelLines.includes('[kernel] ignoring boot option kip=0x7F80Z000'), malformed.console);
    });

    it("mixes the loader's seed into the KIP page: the kernel has the seed given, and different seeds move the page", async () => {
      const seeds = [0, 1, 2, 0x1386, 0xdeadbeef, 0xffffffff];
      const seen = async (model: string, seed: number): Promise<{ seed: number; kip: number }> => {
        const r = await boot(hostile('boot-seed.asm'), model, '', 'bin', false, seed);
        assertClean(r, `${model} seed ${seed}`);
        assert.equal(r.givenSeed, seed);
        const m = /^seed 0x([0-9a-f]{8}) kip 0x([0-9a-f]{8})\n$/.exec(r.programOutput);
        assert.ok(m, r.console);
        assert.equal(parseInt(m[2], 16), r.kipAddress, 'kernel_info and the boot report disagree on the KIP');
        return { seed: parseInt(m[1], 16), kip: parseInt(m[2], 16) };
      };
      const withTsc = await Promise.all(seeds.map((seed) => seen('pentium-ii', seed)));
      assert.deepEqual(
        withTsc.map((r) => r.seed),
        seeds,
      );
      assert.ok(new Set(withTsc.map((r) => r.kip)).size > 1, 'six seeds, one KIP page');
      // The 486 has no RDTSC: there the seed is mixed with the PIT's count.
      const noTsc = await Promise.all(seeds.map((seed) => seen(models.includes('i486') ? 'i486' : 'pentium', seed)));
      assert.deepEqual(
        noTsc.map((r) => r.seed),
        seeds,
      );
      assert.ok(new Set(noTsc.map((r) => r.kip)).size > 1, 'six seeds without a TSC, one KIP page');
    });

    if (machine.deterministic)
      it('repeats a boot exactly from its seed (a clock that counts instructions)', async () => {
        for (const model of ['pentium-ii', 'i486', 'i386-early']) {
          const [a, b] = await Promise.all(
            [0, 1].map(() => boot(example('ask-kernel.asm'), model, '', 'bin', false, 0x5eed)),
          );
          assert.equal(a.console, b.console, model);
          assert.equal(a.instructions, b.instructions, model);
          assert.equal(a.kipAddress, b.kipAddress, model);
        }
      });

    it('serves the stub at 0x7FFE0300 with discovery=shared-page, and only then', async () => {
      for (const [model, r] of await onEveryModel(example('shared-page.asm'), 'discovery=shared-page')) {
        assertClean(r, model);
        assert.equal(r.kipAddress, ADDRESS.SHARED_PAGE, model);
        assert.match(
          r.programOutput,
          new RegExp(`stub at 0x7ffe0300, mechanism ${expectedAuto(model)}, KIP says it lives at 0x7ffe0000\n`),
          model,
        );
        assert.match(r.programOutput, /hello through the constant address/, model);
        assert.equal(r.exitStatus, 0, model);
      }
      const without = await boot(example('shared-page.asm'), 'pentium-ii');
      assert.deepEqual(
        without.faults.map((f) => [f.name, f.eip, f.cr2]),
        [['#PF', 0x7ffe0300, 0x7ffe0300]],
      );
      assert.equal(without.exitStatus, 0x80 + 14);
      // In shared-page mode nobody answers lock nop: it is the #UD it really is.
      const lockNop = await boot(example('ask-kernel.asm'), 'pentium-ii', 'discovery=shared-page');
      assert.deepEqual(
        lockNop.faults.map((f) => f.name),
        ['#UD'],
      );
      assert.equal(lockNop.exitStatus, 0x80 + 6);
    });

    it('early-i386-fallback says which path it took and reaches the kernel through int 0x30', async () => {
      for (const [model, r] of await onEveryModel(example('early-i386-fallback.asm'))) {
        assertClean(r, model);
        if (lockNopAnswers(model)) {
          assert.match(
            r.programOutput,
            new RegExp(`the kernel answered lock nop; mechanism ${expectedAuto(model)}\n`),
            model,
          );
        } else {
          assert.match(r.programOutput, /lock nop did nothing \(EAX still 0\); falling back to int 0x30\n/, model);
        }
        assert.match(r.programOutput, /hello via int 0x30\n.*hello via the chosen entry\n/s, model);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('runs two threads interleaved; the program ends with its last thread', async () => {
      for (const [model, r] of await onEveryModel(example('threads.asm'))) {
        assertClean(r, model);
        const lines = r.programOutput.split('\n').filter((l) => /^[AB] line \d$/.test(l));
        for (const letter of ['A', 'B']) {
          assert.deepEqual(
            lines.filter((l) => l[0] === letter),
            [0, 1, 2, 3, 4].map((i) => `${letter} line ${i}`),
            model,
          );
        }
        assert.ok(
          lines.indexOf('B line 0') < lines.indexOf('A line 4'),
          `${model}: not interleaved\n${r.programOutput}`,
        );
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it("keeps each thread's x87 registers and control word across switches (lazy #NM switch, FNSAVE or FXSAVE); without an FPU the thread faults with #NM", async () => {
      for (const [model, r] of await onEveryModel(example('fpu-threads.asm'))) {
        if (model === 'i486-nocpuid') {
          assert.deepEqual(
            r.faults.map((f) => f.name),
            ['#NM', '#NM'],
            model,
          );
          continue;
        }
        assertClean(r, model);
        assert.match(r.programOutput, /^fpu-threads: A 6 3 B 320 2$/m, model);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it("keeps each thread's MMX registers across switches (MM0-MM7 are x87 state: the same lazy #NM switch); #UD without MMX", async () => {
      for (const [model, r] of await onEveryModel(example('mmx-threads.asm'))) {
        const m = findModel(model);
        if (!m?.features.has('mmx')) {
          // QEMU's TCG runs MMX on its 386/486/Pentium models whatever CPUID says, and qemu32 is
          // QEMU's own model: the #UD is checked on ours only.
          if (m && machine instanceof OurMachine) assert.equal(r.faults[0]?.name, '#UD', model);
          continue;
        }
        assertClean(r, model);
        assert.match(r.programOutput, /^mmx-threads: A 101058054 101058054 B 20971840 20971840$/m, model);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('reports each user fault in one line and keeps running the other threads', async () => {
      for (const [model, r] of await onEveryModel(example('faults.asm'))) {
        assertClean(r, model);
        assert.deepEqual(
          r.faults.map((f) => f.name),
          ['#DE', '#PF', '#PF', '#GP', '#UD'],
          model,
        );
        assert.deepEqual(
          r.faults.map((f) => f.vector),
          [0, 14, 14, 13, 6],
          model,
        );
        assert.equal(r.faults[1].error, 5, `${model}: user read of a supervisor page`);
        assert.equal(r.faults[1].cr2, 0x100000, model);
        if (lockNopAnswers(model)) {
          assert.equal(r.faults[2].error, 7, `${model}: user write to a read-only page`);
          assert.equal(r.faults[2].cr2, r.kipAddress, model);
        } else {
          assert.deepEqual([r.faults[2].error, r.faults[2].cr2], [6, 0], `${model}: no KIP, so a write to address 0`);
        }
        assert.match(r.programOutput, /main thread still running after 5 faults\n/, model);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('runs a static Linux program through int 0x80 with the same output and status as the host', async function () {
      if (!nasm) this.skip();
      const native = nasm.runNative(example('linux-hello.asm'));
      if (native.status === null) this.skip();
      for (const [model, r] of await onEveryModel(example('linux-hello.asm'), '', 'elf')) {
        assertClean(r, model);
        assert.equal(r.programOutput, native.stdout, model);
        assert.equal(r.exitStatus, native.status, model);
      }
    });

    it("copy-on-write fork: a child's own and the kernel's stores copy shared pages on every model (i386: no CR0.WP)", async function () {
      if (!nasm) this.skip();
      const native = nasm.runNative(hostile('cow-fork.asm'));
      if (native.status === null) this.skip();
      assert.equal(native.status, 0, native.stdout);
      for (const [model, r] of await onEveryModel(hostile('cow-fork.asm'), '', 'elf')) {
        assertClean(r, model);
        assert.equal(r.programOutput, native.stdout, `${model}\n${r.console}`);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it("without the host I/O device, a Linux program's clocks count timer ticks since boot and its sleeps move them on", async function () {
      if (!nasm) this.skip();
      const r = await boot(
        path.join(__dirname, '..', '..', '..', 'test', 'hostio', 'programs', 'time.asm'),
        'pentium-ii',
        '',
        'elf',
      );
      assertClean(r, 'time');
      assert.equal(r.exitStatus, 0, r.console);
      const number = (label: string): number => Number(new RegExp(`^${label} (\\d+)`, 'm').exec(r.programOutput)?.[1]);
      assert.ok(number('time') < 5, r.programOutput);
      assert.equal(number('realtime'), number('time'));
      assert.ok(number('slept') >= 250 && number('slept') < 5000, r.programOutput);
      assert.ok(number('slept2') >= 100 && number('slept2') < 5000, r.programOutput);
      assert.equal(number('bad clock error'), 22);
    });

    it('gives a Linux program its arguments from the module string, as the host does', async function () {
      const args = ['alpha', 'beta', 'gamma'];
      if (!nasm) this.skip();
      const native = nasm.runNative(hostile('linux-args.asm'), args);
      if (native.status === null) this.skip();
      const r = await machine.boot({
        kernel: build.kernel(),
        program: image(hostile('linux-args.asm'), 'elf'),
        programArgs: args,
        cmdline: '',
        model: 'pentium-ii',
      });
      assertClean(r, 'linux-args');
      assert.equal(r.programOutput, native.stdout);
      assert.equal(r.exitStatus, native.status);
    });

    it('returns error codes for bad pointers to every syscall, through every mechanism', async () => {
      const runs = models.flatMap((model) =>
        expectedMechanisms(model).map(async (mechanism) => ({
          model,
          mechanism,
          r: await boot(hostile('bad-pointers.asm'), model, `mechanism=${mechanism}`),
        })),
      );
      for (const { model, mechanism, r } of await Promise.all(runs)) {
        const what = `${model} ${mechanism}`;
        assertClean(r, what);
        assert.doesNotMatch(r.programOutput, /FAIL/, `${what}\n${r.programOutput}`);
        assert.equal(
          (r.programOutput.match(/^ok /gm) ?? []).length,
          checksIn(hostile('bad-pointers.asm')),
          `${what}: not every check ran\n${r.programOutput}`,
        );
        assert.match(r.programOutput, /bad-pointers: survived/, what);
        assert.deepEqual(r.faults, [], what);
        assert.equal(r.exitStatus, 0, what);
      }
    });

    it('survives jumps into kernel memory, writes to the kernel and the KIP, privileged instructions and stack exhaustion', async () => {
      for (const [model, r] of await onEveryModel(hostile('kernel-attacks.asm'))) {
        assertClean(r, model);
        assert.match(r.programOutput, /12 attacks, survived/, `${model}\n${r.console}`);
        assert.equal(r.faults.length, 12, model);
        const [jump, writeKernel, writeKip] = r.faults;
        assert.deepEqual([jump.name, jump.eip, jump.error], ['#PF', 0x100000, 5], model);
        assert.deepEqual([writeKernel.name, writeKernel.cr2, writeKernel.error], ['#PF', 0x100000, 7], model);
        const kipExpected = lockNopAnswers(model) ? ['#PF', r.kipAddress, 7] : ['#PF', 0, 6];
        assert.deepEqual([writeKip.name, writeKip.cr2 & ~0xfff, writeKip.error], kipExpected, model);
        const last = r.faults[11];
        assert.deepEqual([last.name, last.cr2], ['#PF', ADDRESS.MAP_BASE - 4], `${model}: stack exhaustion`);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('survives user EFLAGS.TF and EFLAGS.NT carried into the kernel by every entry', async () => {
      const runs = models.flatMap((model) =>
        expectedMechanisms(model).map(async (mechanism) => ({
          model,
          mechanism,
          r: await boot(hostile('flag-attacks.asm'), model, `mechanism=${mechanism}`),
        })),
      );
      for (const { model, mechanism, r } of await Promise.all(runs)) {
        const what = `${model} ${mechanism}`;
        assertClean(r, what);
        const available = expectedMechanisms(model);
        const tried = 3 + (available.includes('sysenter') ? 2 : 0) + (available.includes('syscall') ? 2 : 0);
        assert.match(r.programOutput, new RegExp(`flag-attacks: ${tried} tried, survived`), `${what}\n${r.console}`);
        assert.equal(r.exitStatus, 0, what);
      }
    });

    it('refuses map and brk when memory runs out, keeps working, and reuses unmapped pages', async () => {
      for (const [model, r] of await onEveryModel(hostile('memory-exhaustion.asm'))) {
        assertClean(r, model);
        assert.match(r.programOutput, /all memory mapped\n/, model);
        assert.match(r.programOutput, /\d+ MiB mapped twice, survived/, `${model}\n${r.console}`);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('refuses most of 10,000 thread creations and survives a thread-create bomb', async () => {
      for (const [model, r] of await onEveryModel(hostile('thread-storm.asm'))) {
        assertClean(r, model);
        const counts = /(\d+) created, (\d+) refused/.exec(r.programOutput);
        assert.ok(counts, `${model}\n${r.console}`);
        assert.equal(Number(counts[1]) + Number(counts[2]), 10000, model);
        assert.ok(Number(counts[2]) > 0, `${model}: the thread limit never applied`);
        assert.match(r.programOutput, /bomb made 3\d\d\d attempts, \d+ refused; survived/, model);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('preempts a thread that never makes a system call (PIT), and reports INT3 as #BP', async () => {
      for (const [model, r] of await onEveryModel(hostile('preemption.asm'))) {
        assertClean(r, model);
        assert.match(r.programOutput, /was preempted and kept running/, model);
        assert.deepEqual(
          r.faults.map((f) => [f.name, f.vector]),
          [['#BP', 3]],
          model,
        );
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('ends a program whose only thread exhausts its stack with #PF below the stack', async () => {
      const r = await boot(hostile('stack-exhaustion.asm'), 'pentium-ii');
      assertClean(r, 'stack-exhaustion');
      assert.deepEqual(
        r.faults.map((f) => [f.name, f.cr2]),
        [['#PF', ADDRESS.STACK_TOP - ADDRESS.STACK_SIZE - 4]],
      );
      assert.equal(r.exitStatus, 0x80 + 14);
    });

    it('keeps page 0 unmapped: a null read, write and call from ring 3 fault as not present', async () => {
      for (const [model, r] of await onEveryModel(hostile('null-pointers.asm'))) {
        assertClean(r, model);
        assert.deepEqual(
          r.faults.map((f) => [f.name, f.error, f.cr2]),
          [
            ['#PF', 4, 0],
            ['#PF', 6, 0],
            ['#PF', 4, 0],
          ],
          `${model}\n${r.console}`,
        );
        assert.equal(r.faults[2].eip, 0, `${model}: the fetch at 0 faults with EIP 0`);
        assert.match(r.programOutput, /null-pointers: 3 faults, survived\n/, model);
        assert.equal(r.exitStatus, 0, model);
      }
    });

    it('measures guest instructions per round trip for each mechanism (instruction-counting clock)', async function () {
      const model = 'athlon';
      if (!models.includes(model)) this.skip();
      const figures: string[] = [];
      for (const mechanism of MECHANISM_NAMES) {
        const r = await machine.boot({
          kernel: build.kernel(),
          program: build.program(example('ask-kernel.asm')),
          cmdline: `mechanism=${mechanism}`,
          model,
          instructionClock: true,
        });
        const each = /1000 round trips, (\d+) time-stamp ticks each/.exec(r.programOutput);
        assert.ok(each, `${mechanism}\n${r.console}`);
        const n = Number(each[1]);
        assert.ok(n > 10 && n < 300, `${mechanism}: ${n} instructions per round trip`);
        figures.push(`${mechanism} ${n}`);
      }
      console.log(`      instructions per round trip on ${machine.name} ${model}: ${figures.join(', ')}`);
    });
  });
