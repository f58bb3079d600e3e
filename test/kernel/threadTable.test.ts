// The kernel's thread table as a debugger reads it (abi.ts THREAD_STATE): through the kernel
// symbols TCB_TABLE, TCB_SIZE, TCB_STATE, TCB_ID, TCB_ENTRY, TCB_FRAME, current_thread and
// the F_* frame offsets, on our machine booted the product's way (KernelRun, bootKernelMachine).
// examples/threads.asm: the main thread starts workers A and B at `worker` and exits; A
// prints and yields to B. The table is read when B executes its first instruction.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
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
});
