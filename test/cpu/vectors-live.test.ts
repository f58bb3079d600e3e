// Live comparison with the host CPU (the host CPU as the oracle): fresh random vectors every run, from a printed
// seed (VECTORS_SEED reproduces a run), executed natively by the harness and by the emulator.
// Needs nasm, ld and an x86 Linux host that runs 32-bit programs; otherwise the test is skipped
// with the reason.

import * as assert from 'assert';
import { generate } from '../../scripts/vectors/gen-vectors';
import { probeNative } from '../../scripts/vectors/native';
import { describeFailure, replayMachine, replayVector } from '../../scripts/vectors/replay';

/** Cases per table row relative to the committed set (about 9,000 cases in all). */
const SCALE = 0.5;
const SHOWN_PER_FAMILY = 3;

describe('live random comparison with the host CPU', function () {
  this.timeout(180000);

  it('fresh random cases agree between the host CPU and the emulator', function () {
    const native = probeNative();
    if ('reason' in native) {
      console.log(`      skipped: ${native.reason}`);
      this.skip();
      return;
    }
    const seed = process.env.VECTORS_SEED ? Number(process.env.VECTORS_SEED) : Math.floor(Math.random() * 0x7fffffff);
    const started = Date.now();
    const generated = generate(seed, SCALE, native.binary);
    const machine = replayMachine();
    let total = 0;
    let failed = 0;
    const report: string[] = [];
    for (const [family, vectors] of [...generated.byFamily].sort()) {
      const shown: string[] = [];
      let familyFailed = 0;
      for (const v of vectors) {
        total++;
        const diffs = replayVector(machine, v);
        if (diffs.length === 0) continue;
        familyFailed++;
        if (shown.length < SHOWN_PER_FAMILY) shown.push(describeFailure(v, diffs));
      }
      if (familyFailed)
        report.push(`${family}: ${familyFailed} of ${vectors.length} differ\n    ${shown.join('\n    ')}`);
      failed += familyFailed;
    }
    const lowPage = generated.droppedLowPage
      ? `, ${generated.droppedLowPage} 16-bit-address cases dropped (page below 64 KiB not mappable)`
      : '';
    console.log(
      `      seed ${seed} (VECTORS_SEED=${seed} reproduces): ${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s${lowPage}`,
    );
    assert.deepStrictEqual(generated.rejected, [], 'the generator made cases the host could not run as laid out');
    assert.deepStrictEqual(generated.uncoveredRows, [], 'table rows without a single live case');
    assert.strictEqual(failed, 0, `seed ${seed}: ${failed} of ${total} live cases differ:\n  ${report.join('\n  ')}`);
  });
});
