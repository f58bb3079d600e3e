import * as assert from 'node:assert/strict';
import { MODELS, MODEL_IDS, DEFAULT_MODEL, cpuidSignature, CPUID_EDX } from '../../src/isa/models';

describe('CPU model table', () => {
  it('has the nine model ids of docs/ARCHITECTURE.md, default pentium-ii', () => {
    assert.deepEqual(
      [...MODEL_IDS],
      ['i386-early', 'i386', 'i486-nocpuid', 'i486', 'pentium', 'pentium-pro', 'pentium-ii', 'k6-2', 'athlon'],
    );
    assert.equal(DEFAULT_MODEL, 'pentium-ii');
  });

  it('EFLAGS.ID is toggleable exactly when CPUID exists', () => {
    for (const m of MODELS) assert.equal(m.idFlag, m.cpuid !== null, m.id);
  });

  it('Pentium Pro reports SEP below the trusted signature 0x633; Pentium II is the first trusted one', () => {
    const ppro = MODELS.find((m) => m.id === 'pentium-pro')!;
    const p2 = MODELS.find((m) => m.id === 'pentium-ii')!;
    assert.ok(ppro.cpuid!.features & CPUID_EDX.SEP);
    assert.ok(cpuidSignature(ppro.cpuid!) < 0x633);
    assert.ok(!ppro.features.has('sep'));
    assert.equal(cpuidSignature(p2.cpuid!), 0x633);
    assert.ok(p2.features.has('sep'));
  });

  it('SEP in CPUID matches SYSENTER support wherever the signature is trusted', () => {
    for (const m of MODELS) {
      if (!m.cpuid || cpuidSignature(m.cpuid) < 0x633) continue;
      assert.equal(Boolean(m.cpuid.features & CPUID_EDX.SEP), m.features.has('sep'), m.id);
    }
  });
});
