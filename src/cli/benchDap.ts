// The dap suite (docs/ARCHITECTURE.md, "Contracts": launch, step, bp-1000-ratio, stepback), measured by
// the debugger layer through the protocol against dist/debugAdapter.js. No baselines.
import { dapBenchmarks } from '../debugger/bench';
import { BatchSuite } from './benchSuite';

export const dapSuite: BatchSuite = {
  id: 'dap',
  measureAll: async () =>
    (await dapBenchmarks()).map((r) => ({ name: r.name, value: r.value, unit: r.unit, baseline: {} })),
};
