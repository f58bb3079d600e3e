// The syscall tracer (src/debugcore/syscallTrace.ts) as the command line drives it: once
// before every instruction of a single-stepped run, once at full speed with INT3s at the
// kernel's dispatchers. Both must see the same calls, and neither may change the run.

import * as assert from 'assert';
import * as path from 'path';
import {
  buildKernel,
  findExamplesDir,
  KernelRun,
  loadUserProgram,
  type BootConfig,
  type RunEnd,
} from '../../src/cli/kernelRun';
import { SyscallTrace } from '../../src/cli/syscallTrace';

const LIMIT = 20_000_000;

function boot(file: string, config: BootConfig): KernelRun {
  const kernel = buildKernel();
  const program = loadUserProgram(path.join(findExamplesDir(), file));
  assert.ok(kernel.ok && program.ok);
  const run = KernelRun.boot(kernel.value, program.value, config);
  assert.ok(typeof run !== 'string', String(run));
  return run;
}

function traced(
  file: string,
  config: BootConfig,
  fast: boolean,
): { lines: string[]; end: RunEnd | 'visited'; instructions: number; console: string } {
  const run = boot(file, config);
  const lines: string[] = [];
  const trace = SyscallTrace.create(run.kernel, run, (l) => lines.push(l));
  assert.ok(typeof trace !== 'string', String(trace));
  const end = fast ? trace.runFast(LIMIT) : run.runStepping(LIMIT, trace.visit);
  trace.finish();
  return { lines, end, instructions: run.instructions, console: run.console };
}

describe('syscall trace (CLI run --trace syscalls)', function () {
  this.timeout(120000);
  for (const [file, model, mechanism] of [
    ['threads.asm', 'pentium-ii', 'auto'],
    ['threads.asm', 'k6-2', 'syscall'],
    ['ask-kernel.asm', 'i486', 'callgate'],
  ] as const) {
    it(`${file} on ${model} (${mechanism}): INT3s at full speed see the calls single steps see, and the run is the untraced run`, () => {
      const config: BootConfig = { model, discovery: 'lock-nop', mechanism, seed: 0x1234abcd };
      const plain = boot(file, config);
      const plainEnd = plain.runFast(LIMIT);
      const slow = traced(file, config, false);
      const fast = traced(file, config, true);
      assert.ok(fast.lines.length > 5, fast.lines.join('\n'));
      assert.deepStrictEqual(fast.lines, slow.lines);
      assert.deepStrictEqual(fast.end, plainEnd);
      assert.deepStrictEqual(slow.end, plainEnd);
      assert.strictEqual(fast.instructions, plain.instructions, 'same instruction count as without the trace');
      assert.strictEqual(fast.console, plain.console);
      assert.ok(
        fast.lines.every((l) =>
          /^\[syscall\] thread \d+ (int|callgate|sysenter|syscall) [a-z_]+\(.*\)( = -?\w+| \(did not return\))$/.test(
            l,
          ),
        ),
        fast.lines.join('\n'),
      );
    });
  }
});
