// The short fuzz budget of `npm test`: every harness of `npm run fuzz` (scripts/fuzz) for a
// few seconds from a fixed seed, so a run repeats; any finding fails the test with the file
// its input was written to. The long budget is `npm run fuzz -- --seconds N` (README,
// "Reliability").

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HARNESSES } from '../../scripts/fuzz/fuzz';
import { runHarness, summary, type Harness } from '../../scripts/fuzz/harness';

const SEED = 20261207;
const SECONDS = 4;
/**
 * Each harness must get through at least one input (one that tries nothing proves nothing); no more is asked,
 * a loaded machine does little in 4 s.
 */
const MINIMUM_TRIED: Record<string, number> = { dap: 1, elf: 1, asm: 1, syscalls: 1, cpu: 1 };

describe('fuzz harnesses, short budget (fixed seed)', function () {
  this.timeout(180000);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-fuzz-'));

  for (const harness of HARNESSES) {
    it(`${harness.name}: ${harness.description}`, async () => {
      const r = await runHarness(harness, { seed: SEED, seconds: SECONDS, outDir });
      console.log(`      ${summary(r).split('\n').join('\n      ')}`);
      assert.deepStrictEqual(r.findings, [], summary(r));
      assert.ok(
        r.tried >= MINIMUM_TRIED[harness.name],
        `${harness.name}: only ${r.tried} inputs tried in ${SECONDS} s`,
      );
    });
  }

  it('a finding is written to a file and reported (the harness plumbing can fail)', async () => {
    const broken: Harness = {
      name: 'selfcheck',
      description: 'fails on its third input',
      async run(ctx) {
        for (let i = 0; ctx.timeLeft(); i++) {
          ctx.tried();
          if (i === 2) ctx.fail({ why: 'third input', input: 'abc', ext: 'txt' });
          if (i === 2) throw new Error('escaped');
        }
      },
    };
    const r = await runHarness(broken, { seed: 1, seconds: 1, outDir });
    assert.strictEqual(r.tried, 3);
    assert.strictEqual(r.findings.length, 2);
    assert.strictEqual(fs.readFileSync(r.findings[0].file, 'utf8'), 'abc');
    assert.match(r.findings[1].why, /host exception escaped: Error: escaped/);
  });
});
