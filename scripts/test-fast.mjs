// `npm run test:fast`: the quick tier beside the full `npm test`: unit tests, the assembler
// against NASM, the instruction-level CPU tests and golden vectors, the decoder against
// iced-x86, the debugger core, the grammar and the extension's language features. It leaves
// out what boots whole machines (kernel, system ROMs on QEMU, CLI and adapter processes,
// benches). Prints its wall time; the tier is meant to stay under 90 s on a 2-core machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SPECS = [
  'out/test/unit/**/*.test.js',
  'out/test/asm/**/*.test.js',
  'out/test/grammar/**/*.test.js',
  'out/test/extension/**/*.test.js',
  'out/test/debugcore/**/*.test.js',
  'out/test/cpu/instructions.test.js',
  'out/test/cpu/faults.test.js',
  'out/test/cpu/intercept.test.js',
  'out/test/cpu/interrupt-shadow.test.js',
  'out/test/cpu/memory.test.js',
  'out/test/cpu/models-gating.test.js',
  'out/test/cpu/page-crossing.test.js',
  'out/test/cpu/segment-tables.test.js',
  'out/test/cpu/selfmodifying.test.js',
  'out/test/cpu/string.test.js',
  'out/test/cpu/watchpoints.test.js',
  'out/test/cpu/vectors.test.js',
  'out/test/cpu/iced-decoder.test.js',
];

const started = Date.now();
const specs = SPECS.filter((s) => s.includes('*') || existsSync(s));
const r = spawnSync(
  process.execPath,
  ['node_modules/mocha/bin/mocha.js', '--no-config', '--timeout', '60000', ...specs],
  {
    stdio: 'inherit',
  },
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`test:fast took ${seconds} s\n`);
process.exit(r.status ?? 1);
