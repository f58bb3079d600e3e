// `i386-lab models [--json]`: the emulated CPU models, from the models table.
import { MODELS } from '../isa/models';
import type { Command } from './cli';
import { EXIT } from './options';
import { writeOut } from './output';

function printModels(json: boolean): void {
  if (json) {
    writeOut(JSON.stringify(MODELS.map((m) => ({ ...m, features: [...m.features] }))) + '\n');
    return;
  }
  const rows = MODELS.map((m) => {
    const sig = m.cpuid ? `${m.cpuid.vendor} ${m.cpuid.family}/${m.cpuid.model}/${m.cpuid.stepping}` : 'no CPUID';
    return [m.id, m.name, sig, [...m.features].join(' ') || '-', m.notes];
  });
  const header = ['id', 'name', 'CPUID vendor family/model/stepping', 'features', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  writeOut(
    [header, ...rows]
      .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ') + '\n')
      .join(''),
  );
}

export const modelsCommand: Command = {
  spec: {
    name: 'models',
    summary: 'the emulated CPU models (ids for --cpu), their CPUID signatures and features',
    positionals: [],
    options: [{ name: '--json', help: 'one JSON array instead of the table' }],
  },
  main: (args) => {
    printModels(args.flag('--json'));
    return EXIT.OK;
  },
};
