// Generated handlers that wait for their shape to repeat (dispatch.ts, setHandlerGenerationDelay,
// which the command line's runs use): until a shape has run N times its instructions go through
// the closure handler (closures.ts), then the compiled one. Every golden vector of test/vectors/
// (recorded on a real CPU) must still match: once with every shape waiting for ever (the closure
// handlers alone), and once with a delay of 2, so that shapes seen three times or more switch
// from the closure to the compiled handler in the middle of the replay.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { describeFailure, replayMachine, replayVector } from '../../scripts/vectors/replay';
import type { VectorFile } from '../../scripts/vectors/vector';
import {
  forgetGeneratedHandlers,
  handlerGenerationState,
  setHandlerGenerationDelay,
} from '../../src/emulator/cpu/dispatch';

const VECTOR_DIR = path.resolve(__dirname, '../../../test/vectors');
const SHOWN = 8;

function replayAll(): { failed: number; total: number; shown: string[] } {
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
  return { failed, total, shown };
}

describe('generated handlers compiled after their shape repeats (setHandlerGenerationDelay)', function () {
  this.timeout(300_000);
  afterEach(() => {
    setHandlerGenerationDelay(0);
    forgetGeneratedHandlers();
  });

  it('rejects a negative delay', () => {
    assert.throws(() => setHandlerGenerationDelay(-1), /RangeError|>= 0/);
  });

  it('the closure handlers alone (no shape ever compiled) match every golden vector', () => {
    forgetGeneratedHandlers();
    setHandlerGenerationDelay(Number.MAX_SAFE_INTEGER);
    const r = replayAll();
    assert.ok(r.total > 1000, `only ${r.total} vectors`);
    assert.equal(r.failed, 0, `${r.failed} of ${r.total} vectors differ:\n    ${r.shown.join('\n    ')}`);
    const state = handlerGenerationState();
    assert.equal(state.compiled, 0, 'no shape was compiled');
    assert.ok(state.waiting > 50, `only ${state.waiting} shapes went through the closures`);
  });

  it('a delay of 2: shapes switch from the closure to the compiled handler mid-replay, every vector matches', () => {
    forgetGeneratedHandlers();
    setHandlerGenerationDelay(2);
    const r = replayAll();
    assert.equal(r.failed, 0, `${r.failed} of ${r.total} vectors differ:\n    ${r.shown.join('\n    ')}`);
    const state = handlerGenerationState();
    assert.ok(state.compiled > 20, `only ${state.compiled} shapes were compiled`);
    assert.ok(state.waiting > 0, 'shapes seen once or twice stay with their closure');
  });
});
