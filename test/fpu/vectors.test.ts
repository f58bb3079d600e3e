// x87 golden vectors recorded on the host CPU (scripts/vectors/fpu/gen-fpu-vectors.ts), replayed
// by the interpreter and by compiled blocks (compile threshold 1). Every form must agree bit for
// bit (status, tags, registers, stored memory, EFLAGS of FCOMI); the transcendental forms to 1
// ulp of the 64-bit significand, with C1 and PE (which follow the rounding direction) excluded.

import * as assert from 'node:assert/strict';
import { Replayer, compareOutcome, loadFpuVectors } from './replay';

const FILES = ['binary.json', 'memory.json', 'misc.json', 'transcendental.json', 'fastpath.json', 'unmasked.json'];

describe('x87 host vectors', function () {
  this.timeout(600000);
  for (const compiled of [false, true]) {
    describe(compiled ? 'compiled blocks' : 'interpreter', () => {
      for (const file of FILES) {
        it(`${file}: no differences from the host`, () => {
          const f = loadFpuVectors(file);
          const r = new Replayer(compiled);
          const failures: string[] = [];
          let count = 0;
          for (const { spec, vectors } of f.ops) {
            for (const v of vectors) {
              count++;
              const got = r.run(v);
              const diffs =
                got.stop === 'halt'
                  ? compareOutcome(
                      spec.name,
                      v.out,
                      got.outcome,
                      spec.ulp === true,
                      spec.shape === 'mem' || spec.shape === 'store',
                    )
                  : [got.stop];
              if (diffs.length)
                failures.push(
                  `${spec.name} [${v.op}] cw=${v.cw.toString(16)} a=${v.a} b=${v.b} mem=${v.mem}: ${diffs.join('; ')}`,
                );
            }
          }
          assert.ok(count > 0, 'no vectors');
          assert.equal(
            failures.length,
            0,
            `${failures.length} of ${count} differ:\n${failures.slice(0, 25).join('\n')}`,
          );
        });
      }
    });
  }
});
