import * as assert from 'node:assert/strict';
import {
  chooseHeader,
  components,
  isLoop,
  layoutLoop,
  structuredJump,
  type Level,
} from '../../src/emulator/cpu/jit/structure';
import { xorshift32 as random } from '../../scripts/lib/random';

// The loop layout of compiled regions (src/emulator/cpu/jit/structure.ts) on random graphs,
// irregular ones included: every loop laid out as region.ts does it, with each node's code
// recording the node and jumping to the successor an oracle picks. The walk the generated
// JavaScript takes must be the oracle's walk, node for node.

/** Generated code for the graph: `run(pick, start, steps)` returns the nodes visited. */
function compileGraph(succ: number[][]): (pick: (node: number, count: number) => number, start: number) => number[] {
  const nodes = succ.map((_, i) => i);
  const next = (k: number) => succ[k];
  const cases: string[] = [];
  const loopNode = new Set<number>();
  // Node code: record it, stop after enough steps, jump to the picked successor.
  const code = (k: number, levels: Level[]) => {
    const arms = succ[k].map((t, i) => {
      const s = structuredJump(levels, t);
      return `if (c === ${i}) ${s === null ? `{ s = ${t}; continue R; }` : s.code}`;
    });
    return `trace.push(${k}); if (trace.length >= 400) return trace; { const c = pick(${k}, ${succ[k].length}); ${arms.join(' ')} } throw new Error('no arm');`;
  };
  for (const c of components(nodes, next)) {
    if (!isLoop(c, next)) continue;
    const header = chooseHeader(c, next);
    for (const m of c) loopNode.add(m);
    const text = layoutLoop(c, header, next, [], code, () => '', new Set(), { next: 0 });
    cases.push(`case ${header}: {\n${text}\n}`);
    // The other members: on their own, as jumps from outside the layout reach them.
    for (const m of c) if (m !== header) cases.push(`case ${m}: { ${code(m, [])} }`);
  }
  for (const k of nodes) if (!loopNode.has(k)) cases.push(`case ${k}: { ${code(k, [])} }`);
  const source = `return function (pick, s) { const trace = []; R: for (;;) { switch (s) {\n${cases.join('\n')}\n} throw new Error('no case ' + s); } };`;
  return new Function(source)() as (pick: (node: number, count: number) => number, start: number) => number[];
}

describe('region loop layout (jit/structure.ts)', () => {
  it('components come sources first, each a strongly connected set', () => {
    // 0 -> 1 -> 2 -> 1, 2 -> 3, 3 -> 3
    const succ = [[1], [2], [1, 3], [3]];
    assert.deepEqual(
      components([0, 1, 2, 3], (n) => succ[n]),
      [[0], [1, 2], [3]],
    );
  });

  it('a block jumping to itself is the innermost loop, not the outermost', () => {
    // sort's insertion loop: 0 jumps to itself and to 1; 1 -> 2 -> 0, 2 -> 1
    const succ = [[0, 1], [2], [1, 0]];
    assert.notEqual(
      chooseHeader([0, 1, 2], (n) => succ[n]),
      0,
    );
  });

  it('random graphs: the generated code walks exactly the graph', () => {
    const next = random(Number(process.env.CPU_FUZZ_SEED ?? 21));
    for (let g = 0; g < 400; g++) {
      const n = 1 + (next() % 9);
      const succ = Array.from({ length: n }, () => {
        const out = new Set<number>();
        const count = 1 + (next() % 3);
        for (let i = 0; i < count; i++) out.add(next() % n);
        return [...out];
      });
      const run = compileGraph(succ);
      const start = next() % n;
      const seed = next();
      // The same oracle twice: once for the generated code, once walked here.
      let r = random(seed);
      const trace = run((_node, count) => r() % count, start);
      r = random(seed);
      const expected = [start];
      while (expected.length < 400) {
        const at = expected[expected.length - 1];
        expected.push(succ[at][r() % succ[at].length]);
      }
      assert.deepEqual(trace, expected, `graph ${JSON.stringify(succ)} from ${start}`);
    }
  });
});
