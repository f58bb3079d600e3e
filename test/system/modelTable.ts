// Expected output of cpuid.asm derived from the CPU model table: the program must find, by
// the ID toggle and CPUID, exactly what src/isa/models.ts says each model reports.
// (QEMU's models report other signatures and features, so it cannot be the oracle here.)
import { findModel } from '../../src/isa/models';

/** Source id in programs.json for outputs computed here rather than read from a file. */
export const MODEL_TABLE_SOURCE = 'model-table';

function hex32(n: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

export function cpuidProgramLines(modelId: string): string[] {
  const model = findModel(modelId);
  if (!model) throw new Error(`unknown model ${modelId}`);
  const c = model.cpuid;
  if (!c) return ['no cpuid', 'done'];
  const lines = [
    `max leaf ${hex32(c.maxLeaf)} vendor ${c.vendor}`,
    `leaf 1 signature ${hex32((c.family << 8) | (c.model << 4) | c.stepping)} edx ${hex32(c.features)}`,
  ];
  if (c.vendor === 'AuthenticAMD') {
    lines.push(`max extended leaf ${hex32(c.maxExtendedLeaf)}`);
    if (c.maxExtendedLeaf >= 0x80000004) {
      lines.push(`leaf 80000001 edx ${hex32(c.extendedFeatures)}`);
      lines.push(`brand ${c.brand}`);
    }
  }
  lines.push('done');
  return lines;
}
