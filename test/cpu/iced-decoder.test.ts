// Decoder check against iced-x86 (proof against a decoder we did not write): 1,000,000 random
// byte strings per mode; the seed is printed and can be set with ICED_SEED.

import * as assert from 'assert';
import { compareWithIced, type IcedComparison } from './iced-compare';

const STRINGS = 1_000_000;
const SEED = process.env.ICED_SEED ? Number(process.env.ICED_SEED) : 0x1ced;

function summary(r: IcedComparison): string {
  const missing = [...r.notInTable].map(([m, n]) => `${m} ${n}`).join(', ') || 'none';
  return (
    `${r.strings} strings: ${r.compared} compared, ${r.agreed} agree (LOCK: ${r.lockAccepted} legal, ${r.lockRejected} #UD), ${r.disagreementCount} disagree, ` +
    `${r.skippedOtherIsa} skipped (FPU/SSE/AVX/... by iced's CPUID class); forms iced knows and the table lacks: ${missing}`
  );
}

function check(r: IcedComparison, bits: number): void {
  assert.deepStrictEqual(r.thrown, [], `decoder threw on ${r.thrown.length} inputs`);
  assert.deepStrictEqual(r.truncationMismatches, [], 'a cut-off copy of an instruction did not decode as truncated');
  assert.strictEqual(r.compared + r.skippedOtherIsa + [...r.notInTable.values()].reduce((a, b) => a + b, 0), r.strings);
  const listed = r.disagreements
    .slice(0, 25)
    .map((d) => `  ${d.bytes}  ours: ${d.ours}  iced: ${d.iced}`)
    .join('\n');
  assert.strictEqual(
    r.disagreementCount,
    0,
    `${bits}-bit: ${r.disagreementCount} disagreements with iced-x86 (seed ${SEED}), first ones:\n${listed}`,
  );
}

describe('decoder agrees with iced-x86 on random byte strings', function () {
  this.timeout(120000);
  before(() => console.log(`      iced comparison seed ${SEED} (ICED_SEED overrides)`));

  it('32-bit code: length, legality (LOCK included) and mnemonic of every table form; no host exception', () => {
    const r = compareWithIced(STRINGS, SEED, 32);
    console.log(`      32-bit: ${summary(r)}`);
    check(r, 32);
  });

  it('16-bit code: length, legality (LOCK included) and mnemonic of every table form; no host exception', () => {
    const r = compareWithIced(STRINGS, SEED, 16);
    console.log(`      16-bit: ${summary(r)}`);
    check(r, 16);
  });
});
