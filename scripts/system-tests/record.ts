// Records the expected outputs of the system test programs on QEMU:
//   node out/scripts/system-tests/record.js [NAME...]
// assembles each test/system/NAME.asm with nasm to NAME.bin (committed, so `npm test` needs
// no nasm), runs it on every QEMU oracle that one of its models uses (test/system/programs.json)
// and writes test/system/NAME.<oracle>.expected. Hand-written expected files are not touched.

import * as fs from 'fs';
import { MODEL_IDS } from '../../src/isa/models';
import {
  assemble,
  binPath,
  expectedPath,
  expectedSource,
  isOracle,
  loadManifest,
  programModels,
  runQemu,
} from './oracle';

function main(names: string[]): number {
  const manifest = loadManifest();
  const selected = names.length > 0 ? manifest.programs.filter((p) => names.includes(p.name)) : manifest.programs;
  for (const n of names) {
    if (!manifest.programs.some((p) => p.name === n)) {
      process.stderr.write(`record: ${n} is not listed in test/system/programs.json\n`);
      return 2;
    }
  }
  for (const entry of selected) {
    const bin = binPath(entry.name);
    assemble(entry.name, bin);
    const oracles = new Set(
      programModels(entry, MODEL_IDS)
        .map((m) => expectedSource(manifest, entry, m))
        .filter((id) => isOracle(manifest, id)),
    );
    for (const id of oracles) {
      const run = runQemu(manifest.oracles[id], bin);
      const wanted = entry.ends ?? 'exit';
      if (run.ending !== wanted) {
        process.stderr.write(`record: ${entry.name} on ${id} ended by ${run.ending}, programs.json says ${wanted}\n`);
        return 1;
      }
      fs.writeFileSync(expectedPath(entry.name, id), run.stdout);
      process.stdout.write(`${entry.name}.${id}.expected  ${run.stdout.split('\n').length - 1} lines\n`);
    }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
