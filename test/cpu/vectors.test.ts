// Replays every golden vector of test/vectors/ (recorded on a real CPU by npm run
// gen-vectors) through the emulator: registers, EIP, EFLAGS (minus the flags the table calls
// undefined), memory windows and the exception vector and error code must all match.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describeFailure, replayMachine, replayVector } from '../../scripts/vectors/replay';
import type { VectorFile } from '../../scripts/vectors/vector';

const VECTOR_DIR = path.resolve(__dirname, '../../../test/vectors');
const SHOWN = 8;

describe('golden vectors from the real CPU', function () {
  this.timeout(120000);
  const files = fs.readdirSync(VECTOR_DIR).filter((f) => f.endsWith('.json')).sort();
  const machine = replayMachine();

  it('exist for every family', () => {
    assert.ok(files.length >= 15, `only ${files.length} vector files in ${VECTOR_DIR}`);
  });

  for (const file of files) {
    const data = JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, file), 'utf8')) as VectorFile;
    it(`${data.family}: ${data.vectors.length} vectors match the host CPU (${data.cpu})`, () => {
      const failures: string[] = [];
      let failed = 0;
      for (const v of data.vectors) {
        const diffs = replayVector(machine, v);
        if (diffs.length === 0) continue;
        failed++;
        if (failures.length < SHOWN) failures.push(describeFailure(v, diffs));
      }
      assert.strictEqual(failed, 0, `${failed} of ${data.vectors.length} ${data.family} vectors differ; first ${failures.length}:\n    ${failures.join('\n    ')}`);
    });
  }
});
