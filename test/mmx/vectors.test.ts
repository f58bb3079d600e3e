// MMX golden vectors: the MMX and MMX-extension forms recorded on the host CPU, the 3DNow! forms
// under qemu-i386 -cpu athlon (scripts/vectors/mmx/gen-mmx-vectors.ts), replayed on the Athlon
// model by the interpreter and by compiled blocks (compile threshold 1). Every vector must agree
// bit for bit: the FNSAVE image (CW, SW with TOP, the full tag word, R0-R7 with the aliased
// MMX registers and the x87 value left in R7), the memory operand and EDX; against qemu the
// registers' significands only (replay.ts compareMmx says why).

import * as assert from 'node:assert/strict';
import { MmxReplayer, compareMmx, loadMmxVectors } from './replay';

const FILES = ['mmx.json', '3dnow.json'];

describe('MMX vectors (host CPU; 3DNow! under qemu-i386)', function () {
  this.timeout(600000);
  for (const compiled of [false, true]) {
    describe(compiled ? 'compiled blocks' : 'interpreter', () => {
      for (const file of FILES) {
        it(`${file}: no differences from the oracle`, () => {
          const f = loadMmxVectors(file);
          const r = new MmxReplayer(compiled);
          const failures: string[] = [];
          let count = 0;
          for (const g of f.groups) {
            for (const v of g.vectors) {
              count++;
              const got = r.run(v);
              const diffs = got.stop === 'halt' ? compareMmx(v.out, got.outcome, file === '3dnow.json') : [got.stop];
              if (diffs.length)
                failures.push(`${g.name} [${v.op}] a=${v.a} b=${v.b} mem=${v.mem}: ${diffs.join('; ')}`);
            }
          }
          assert.ok(count > 1000, `only ${count} vectors`);
          assert.equal(
            failures.length,
            0,
            `${failures.length} of ${count} differ:\n${failures.slice(0, 30).join('\n')}`,
          );
        });
      }
    });
  }
});
