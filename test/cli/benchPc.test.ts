// The bare bench wrappers are real PC programs: booted by QEMU's PC (qemu-system-i386
// -kernel, Multiboot) they compute the same checksum as the Linux build on the host CPU. This
// checks the wrappers themselves (flat and CPL3-with-paging) against a machine that is not ours.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CPU_WORKLOADS, PAGED_WORKLOAD, assembleBareWorkload } from '../../src/cli/benchCpu';
import { buildLinuxWorkload, runLinuxWorkload } from '../../src/cli/benchLinux';
import { findBenchDir } from '../../src/cli/benchSuite';
import { hasLinuxToolchain, tempDir } from './cliProcess';

const benchDir = findBenchDir(__dirname);
const hasQemuPc = spawnSync('qemu-system-i386', ['--version'], { stdio: 'ignore' }).status === 0;

/** Boots a bench image on QEMU's PC; returns the checksum it reports on port 0xE9. */
function bootOnQemu(image: string): number {
  const r = spawnSync(
    'qemu-system-i386',
    [
      '-kernel',
      image,
      '-debugcon',
      'stdio',
      '-display',
      'none',
      '-nodefaults',
      '-no-reboot',
      '-m',
      '32',
      '-device',
      'isa-debug-exit,iobase=0xf4,iosize=1',
    ],
    { timeout: 60_000 },
  );
  // isa-debug-exit: status (value << 1) | 1, so 1 for the 0 the wrapper writes.
  assert.equal(r.status, 1, `qemu-system-i386 status ${r.status}: ${r.stderr?.toString()}`);
  assert.equal(r.stdout.length, 4, `port 0xE9 output ${r.stdout.toString('hex')}`);
  return r.stdout.readUInt32LE(0);
}

describe("bench: the bare wrappers on QEMU's PC", function () {
  this.timeout(120_000);
  let dir: string;
  before(function () {
    if (!hasQemuPc || !hasLinuxToolchain()) this.skip();
    dir = tempDir();
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  for (const w of [...CPU_WORKLOADS, PAGED_WORKLOAD]) {
    it(`${w.name} (${w.bareWrapper ?? 'bare.asm'}) computes the host CPU's checksum`, () => {
      const image = path.join(dir, `${w.name}.bin`);
      fs.writeFileSync(image, assembleBareWorkload(benchDir, w.core, 3, w.bareWrapper));
      const native = runLinuxWorkload(buildLinuxWorkload(benchDir, dir, w.core, 3), 'native');
      assert.equal(bootOnQemu(image).toString(16), native.toString(16));
    });
  }
});
