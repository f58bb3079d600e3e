// The closure handlers (closures.ts) that stand in for the generated ones where code generation
// is unavailable (a host without `new Function`, setCodeGeneration(false)): every golden vector
// of test/vectors/ (recorded on a real CPU) must match through them as it does through the
// generated handlers (vectors.test.ts). Decoding with code generation off gives every
// instruction of a generated family its closure handler.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describeFailure, replayMachine, replayVector } from '../../scripts/vectors/replay';
import type { VectorFile } from '../../scripts/vectors/vector';
import { compileSource, setCodeGeneration } from '../../src/emulator/cpu/jit/codegen';

const VECTOR_DIR = path.resolve(__dirname, '../../../test/vectors');
const SHOWN = 8;

describe('golden vectors through the closure handlers (code generation off)', function () {
  this.timeout(300_000);
  after(() => setCodeGeneration(true));

  it('every vector matches the host CPU', () => {
    setCodeGeneration(false);
    assert.equal(compileSource([], 'return 1'), null, 'code generation is off');
    const machine = replayMachine(false);
    let failed = 0,
      total = 0;
    const shown: string[] = [];
    for (const file of fs.readdirSync(VECTOR_DIR).filter((f) => f.endsWith('.json'))) {
      const data = JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, file), 'utf8')) as VectorFile;
      for (const v of data.vectors) {
        total++;
        const diffs = replayVector(machine, v);
        if (diffs.length === 0) continue;
        failed++;
        if (shown.length < SHOWN) shown.push(`${data.family}: ${describeFailure(v, diffs)}`);
      }
    }
    assert.ok(total > 1000, `only ${total} vectors`);
    assert.equal(failed, 0, `${failed} of ${total} vectors differ:\n    ${shown.join('\n    ')}`);
  });
});
