// The c bench's programs (bench/c/) as gcc builds them: under `i386-lab run` each prints and
// exits exactly as the same binary does on the host CPU and under qemu-i386 (the check the
// bench makes before timing), and a wrong output fails the measurement instead of timing it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { C_PROGRAMS, buildCProgram, gccMissing, measureCProgram } from '../../src/cli/benchC';
import { builtCli, outcome, runOnce } from '../../src/cli/benchProcess';
import { findBenchDir, type BenchContext } from '../../src/cli/benchSuite';
import { hasQemuUser, tempDir } from './cliProcess';

describe('bench: the c suite programs', function () {
  this.timeout(600_000);
  let ctx: BenchContext;
  before(() => {
    ctx = { benchDir: findBenchDir(__dirname), workDir: tempDir(), quick: true, log: () => undefined };
    assert.equal(gccMissing(ctx.workDir), null, 'gcc with gcc-multilib (Debian packages gcc, gcc-multilib)');
    assert.ok(hasQemuUser(), 'qemu-i386 (Debian package qemu-user)');
  });
  after(() => fs.rmSync(ctx.workDir, { recursive: true, force: true }));

  // The quicker programs at one pass; the bench itself checks all six at both pass counts.
  for (const name of ['crc32', 'interp', 'stack-o0']) {
    it(`${name}: i386-lab run prints and exits as native and qemu-i386 do`, () => {
      const program = C_PROGRAMS.find((p) => p.name === name)!;
      const binary = buildCProgram(ctx, program);
      const cli = builtCli(ctx.benchDir)!;
      const native = outcome(runOnce(cli, 'native', binary, ['1']));
      assert.match(native, new RegExp(`^status 0, stdout "${name} [0-9a-f]{8}\\\\n"$`));
      assert.equal(outcome(runOnce(cli, 'qemu', binary, ['1'])), native);
      assert.equal(outcome(runOnce(cli, 'emulator', binary, ['1'])), native);
    });
  }

  it('a build is kept in the cache and found again without compiling', () => {
    const program = C_PROGRAMS[0];
    const first = buildCProgram(ctx, program);
    const mtime = fs.statSync(first).mtimeMs;
    assert.equal(buildCProgram(ctx, program), first);
    assert.equal(fs.statSync(first).mtimeMs, mtime);
  });

  it('an emulator whose output differs fails the measurement before anything is timed', () => {
    // A "cli" that prints another checksum stands in for a broken emulator.
    const fake = `${ctx.workDir}/fake-cli.js`;
    fs.writeFileSync(fake, 'process.stdout.write("crc32 00000000\\n");\n');
    assert.throws(
      () => measureCProgram(ctx, C_PROGRAMS[0], fake),
      /c-crc32: emulator printed something else than native at 1 passes/,
    );
  });
});
