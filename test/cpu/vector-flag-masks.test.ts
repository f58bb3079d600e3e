// The golden vectors' flag masks from two sources: the instruction table's count-dependent rule
// (SDM Vol.2, vector.ts) and iced-x86's per-instruction RFLAGS information (icedFlags.ts).
// vectors.test.ts compares on the bits neither calls undefined; here every vector where the two
// differ must be a documented kind of disagreement (flagMaskKinds.ts, test/vectors/README.md),
// and each mask alone is replayed: the table's must match the host everywhere, iced's wherever
// it does not compare a flag the SDM leaves undefined for that count.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DISAGREEMENTS, disagreementKind } from '../../scripts/vectors/flagMaskKinds';
import { describeFailure, replayMachine, replayVector } from '../../scripts/vectors/replay';
import type { Vector, VectorFile } from '../../scripts/vectors/vector';

const VECTOR_DIR = path.resolve(__dirname, '../../../test/vectors');

/** Kinds where iced compares a flag the SDM leaves undefined for this count (CF, OF). */
const ICED_FINER_THAN_SDM: ReadonlySet<string> = new Set(['shift-past-width', 'rotate-full-cycle']);

function allVectors(): Vector[] {
  return fs
    .readdirSync(VECTOR_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => (JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, f), 'utf8')) as VectorFile).vectors);
}

describe('golden-vector flag masks: the instruction table and iced-x86', function () {
  this.timeout(300000);
  const vectors = allVectors();
  const kinds = new Map<string, Vector[]>();
  for (const v of vectors) {
    const kind = disagreementKind(v);
    if (kind !== undefined) kinds.set(kind, [...(kinds.get(kind) ?? []), v]);
  }

  it('every disagreement is a documented kind', () => {
    const unknown = [...kinds].filter(([k]) => !DISAGREEMENTS.some((d) => d.id === k));
    assert.deepEqual(
      unknown.map(([k, vs]) => `${k} (${vs.length}, e.g. ${vs[0].asm} [${vs[0].bytes}])`),
      [],
      'new kinds of disagreement: resolve each in flagMaskKinds.ts and test/vectors/README.md',
    );
  });

  it('every documented kind occurs in the vectors and is resolved in test/vectors/README.md', () => {
    const readme = fs.readFileSync(path.join(VECTOR_DIR, 'README.md'), 'utf8');
    for (const d of DISAGREEMENTS) {
      assert.ok(kinds.has(d.id), `${d.id}: no vector has this disagreement any more`);
      assert.ok(readme.includes(`\`${d.id}\``), `${d.id} is not in the README table`);
    }
  });

  it('most vectors have the same mask from both sources', () => {
    const differing = [...kinds.values()].reduce((n, vs) => n + vs.length, 0);
    assert.ok(vectors.length > 10000, `only ${vectors.length} vectors`);
    assert.ok(differing < vectors.length / 10, `${differing} of ${vectors.length} differ`);
  });

  it("the table's mask alone: every vector matches the host", () => {
    const machine = replayMachine(false);
    const failures = vectors
      .map((v) => ({ v, diffs: replayVector(machine, v, undefined, false, 'ours') }))
      .filter((r) => r.diffs.length > 0);
    assert.deepEqual(
      failures.slice(0, 5).map((r) => describeFailure(r.v, r.diffs)),
      [],
    );
  });

  it("iced's mask alone: the only mismatches are flags the SDM leaves undefined for that count", () => {
    const machine = replayMachine(false);
    const failures = vectors
      .map((v) => ({ v, diffs: replayVector(machine, v, undefined, false, 'iced') }))
      .filter((r) => r.diffs.length > 0);
    const unexpected = failures.filter((r) => !ICED_FINER_THAN_SDM.has(disagreementKind(r.v) ?? ''));
    assert.deepEqual(
      unexpected.slice(0, 5).map((r) => describeFailure(r.v, r.diffs)),
      [],
    );
    // Each remaining mismatch is on EFLAGS only (registers and memory agree).
    for (const r of failures)
      assert.ok(
        r.diffs.every((d) => d.startsWith('EFLAGS')),
        describeFailure(r.v, r.diffs),
      );
  });
});

// DIV and IDIV leave every arithmetic flag undefined (SDM Vol.2 DIV, IDIV), so neither mask
// compares any; the models whose undefined flags follow the host (all but the 80386s, the
// default model included) reproduce what the host left, through both execution paths.
describe('DIV and IDIV flags follow the host CPU (every flag compared)', function () {
  this.timeout(120000);
  const file = JSON.parse(fs.readFileSync(path.join(VECTOR_DIR, 'divide.json'), 'utf8')) as VectorFile;
  for (const compiled of [false, true])
    it(`${file.vectors.length} vectors (${compiled ? 'compiled regions' : 'interpreter'})`, () => {
      const machine = replayMachine(compiled);
      const failures = file.vectors
        .map((v) => ({ v, diffs: replayVector(machine, v, undefined, compiled, 'none') }))
        .filter((r) => r.diffs.length > 0);
      assert.deepEqual(
        failures.slice(0, 5).map((r) => describeFailure(r.v, r.diffs)),
        [],
      );
    });
});
