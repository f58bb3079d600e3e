// A glibc program using float, double and long double (libm, printf %f %e %g %a %Lg, strtod,
// strtold), built with gcc -m32 -static -O2 and run under `i386-lab run` on the guest kernel:
// its output and status must equal the same binary's run natively on the host. Exercises the
// x87 through the compiler's and glibc's own code, and the kernel's lazy FPU switch (FXSAVE
// on the Pentium II and the Athlon, FNSAVE on the Pentium Pro). The host's gcc targets the
// i686 (CMOV), so the models are P6-class.
//
// Needs gcc-multilib (gcc -m32 -static); a missing compiler fails the test with that
// instruction. glibc's start-up needs set_thread_area from the kernel's Linux personality.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runCli } from '../cli/cliProcess';

const SOURCE = path.join(ROOT, 'test', 'fpu', 'programs', 'float.c');

function withoutKernelLines(text: string): string {
  return text.replace(/\[kernel\] [^\n]*\n/g, '').replace(/^i386-lab run: [^\n]*\n/gm, '');
}

describe('glibc floating point (gcc -m32 -static -O2) under the guest kernel, against the host', function () {
  this.timeout(600000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-fpu-'));
  const binary = path.join(work, 'float');

  before(() => {
    const r = spawnSync('gcc', ['-m32', '-static', '-O2', '-o', binary, SOURCE, '-lm'], { encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(
        `gcc -m32 -static does not work here (${r.error?.message ?? r.stderr.trim().split('\n').pop()}): install gcc-multilib (apt-get install gcc-multilib)`,
      );
    }
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  for (const model of ['pentium-ii', 'pentium-pro', 'athlon']) {
    it(`prints what the host prints (${model})`, () => {
      const native = spawnSync(binary, [], { encoding: 'latin1' });
      assert.equal(native.status, 0, 'the program runs natively');
      const ours = runCli(['run', binary, '--cpu', model, '--seed', '3']);
      assert.equal(withoutKernelLines(ours.stdout), native.stdout, `--- ours stderr:\n${ours.stderr.slice(0, 2000)}`);
      assert.equal(ours.status, native.status);
    });
  }
});
