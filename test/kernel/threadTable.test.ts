// The kernel's thread table as a debugger reads it (abi.ts THREAD_STATE): through the kernel
// symbols TCB_TABLE, TCB_SIZE, TCB_STATE, TCB_ID, TCB_ENTRY, TCB_FRAME, current_thread and
// the F_* frame offsets, on our machine booted the product's way (KernelRun, bootKernelMachine).
// examples/threads.asm: the main thread starts workers A and B at `worker` and exits; A
// prints and yields to B. The table is read when B executes its first instruction.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KernelView } from '../../src/debugcore/kernelView';
import { LIMIT, SELECTOR, THREAD_STATE } from '../../src/kernel/abi';
import { ESP } from '../../src/emulator/cpu/cpu';
import { KernelRun, buildKernel, findExamplesDir, loadUserProgram } from '../../src/cli/kernelRun';

interface ThreadSlot {
  slot: number;
  state: number;
  id: number;
  entry: number;
  eip: number;
  cs: number;
  userEsp: number;
  eax: number;
}

describe('kernel thread table through kernel symbols', () => {
  it('shows the running thread in current_thread and the others with their saved frames', () => {
    const kernel = buildKernel();
    assert.ok(kernel.ok, kernel.ok ? '' : kernel.message);
    const program = loadUserProgram(path.join(findExamplesDir(), 'threads.asm'));
    assert.ok(program.ok, program.ok ? '' : program.message);
    const sym = (name: string): number => {
      const v = kernel.value.symbols.get(name);
      assert.notEqual(v, undefined, `the kernel has no symbol ${name}`);
      return v!;
    };
    const worker = program.value.symbols.get('worker')!;
    const run = KernelRun.boot(kernel.value, program.value, {
      model: 'pentium-ii',
      discovery: 'lock-nop',
      mechanism: 'sysenter',
      seed: 1,
    });
    assert.ok(typeof run !== 'string', String(run));

    let workersStarted = 0;
    const end = run.runStepping(10_000_000, (eip, cpl) => cpl === 3 && eip === worker && ++workersStarted === 2);
    assert.equal(end, 'visited', `B never started: ${run.console}`);

    const dword = (address: number): number => run.readLinear(address >>> 0)!;
    const slots: ThreadSlot[] = [];
    for (let slot = 0; slot < LIMIT.MAX_THREADS; slot++) {
      const tcb = sym('TCB_TABLE') + slot * sym('TCB_SIZE');
      const frame = tcb + sym('TCB_FRAME');
      slots.push({
        slot,
        state: dword(tcb + sym('TCB_STATE')),
        id: dword(tcb + sym('TCB_ID')),
        entry: dword(tcb + sym('TCB_ENTRY')),
        eip: dword(frame + sym('F_EIP')),
        cs: dword(frame + sym('F_CS')),
        userEsp: dword(frame + sym('F_USER_ESP')),
        eax: dword(frame + sym('F_EAX')),
      });
    }
    const live = slots.filter((s) => s.state !== THREAD_STATE.FREE);
    // The main thread (id 1) has exited; A (id 2) yielded; B (id 3) runs.
    assert.deepEqual(
      live.map((s) => [s.id, s.state, s.entry]),
      [
        [2, THREAD_STATE.READY, worker],
        [3, THREAD_STATE.RUNNING, worker],
      ],
    );
    const [a, b] = live;
    assert.equal(dword(sym('current_thread')), b.slot);
    assert.equal(run.machine.cpu.eip >>> 0, worker);
    // A's registers are in its saved frame: ring 3 code, a stack inside its own stack area
    // (below B's, threads.asm maps both together), and EAX = its result of thread_yield (0).
    assert.equal(a.cs, SELECTOR.USER_CODE);
    assert.ok(a.eip !== worker, 'A has run past its entry');
    assert.ok(a.userEsp < run.machine.cpu.regs[ESP] >>> 0, "A's stack lies below B's");
    assert.equal(a.eax, 0);
  });

  it("shows a glibc program's POSIX threads (clone with CLONE_THREAD) as the debugger's KernelView reads them", () => {
    // test/linux/programs/threads.c, built with gcc -m32 -static -pthread: stopped when the
    // third worker executes the first instruction of its start routine `square`.
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-threadtable-'));
    const binary = path.join(work, 'threads');
    const source = path.join(__dirname, '..', '..', '..', 'test', 'linux', 'programs', 'threads.c');
    const gcc = spawnSync('gcc', ['-m32', '-static', '-O2', '-pthread', '-o', binary, source], { encoding: 'utf8' });
    assert.equal(gcc.status, 0, `gcc -m32 -static failed (install gcc-multilib): ${gcc.stderr}`);
    const nm = spawnSync('nm', [binary], { encoding: 'utf8' }).stdout.match(/^([0-9a-f]+) t square$/m);
    assert.ok(nm, 'nm finds square');
    const square = parseInt(nm[1], 16);
    const kernel = buildKernel();
    assert.ok(kernel.ok, kernel.ok ? '' : kernel.message);
    const program = loadUserProgram(binary);
    assert.ok(program.ok, program.ok ? '' : program.message);
    const run = KernelRun.boot(
      kernel.value,
      program.value,
      { model: 'pentium-ii', discovery: 'lock-nop', mechanism: 'sysenter', seed: 1, memoryBytes: 256 << 20 },
      [],
      undefined,
      { argv0: binary, env: [], exePath: binary },
    );
    assert.ok(typeof run !== 'string', String(run));
    let started = 0;
    const end = run.runStepping(400_000_000, (eip, cpl) => cpl === 3 && eip === square && ++started === 3);
    assert.equal(end, 'visited', `the third worker never started: ${run.console}`);

    const symbols = kernel.value.symbols;
    const view = KernelView.create(
      (name) => symbols.get(name),
      (linear) => run.readLinear(linear),
    );
    assert.ok(typeof view !== 'string', String(view));
    const threads = view.threads();
    // The main thread (id 1) and at least three workers, all of process slot 0, with ids of
    // their own; the one running is the current slot and executes `square`.
    assert.ok(threads.length >= 4, JSON.stringify(threads));
    assert.equal(threads[0].id, 1);
    assert.equal(new Set(threads.map((t) => t.id)).size, threads.length, 'distinct thread ids');
    const running = threads.filter((t) => t.current);
    assert.equal(running.length, 1);
    assert.equal(running[0].state, 'running');
    assert.equal(run.machine.cpu.eip >>> 0, square);
    const dword = (address: number): number => run.readLinear(address >>> 0)!;
    const tcb = (slot: number): number => symbols.get('TCB_TABLE')! + slot * symbols.get('TCB_SIZE')!;
    for (const t of threads) {
      assert.equal(dword(tcb(t.slot) + symbols.get('TCB_PROC')!), 0, `thread ${t.id} belongs to the first process`);
      if (t.current) continue;
      // A thread that is not running has its user registers in its saved frame: ring 3 code.
      assert.equal(dword(t.savedFrame + symbols.get('F_CS')!), SELECTOR.USER_CODE, `thread ${t.id}'s CS`);
    }
    // Each worker's stack is its own mmap (glibc's), far from the main thread's stack.
    const esps = threads.filter((t) => !t.current).map((t) => dword(t.savedFrame + symbols.get('F_USER_ESP')!));
    assert.equal(new Set(esps.map((e) => e >>> 20)).size, esps.length, `stacks ${esps.map((e) => e.toString(16))}`);
  });
});
