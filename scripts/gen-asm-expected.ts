// Writes test/asm/corpus/NAME.bin for every NAME.asm with `nasm -f bin` (the oracle), so
// the byte-for-byte test runs without NASM installed.
//
// Run: npx tsc -p tsconfig.json && node out/scripts/gen-asm-expected.js   (needs /usr/bin/nasm)

import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const CORPUS = join(__dirname, '..', '..', 'test', 'asm', 'corpus');

let count = 0;
for (const f of readdirSync(CORPUS)
  .filter((n) => n.endsWith('.asm'))
  .sort()) {
  const out = join(CORPUS, f.replace(/\.asm$/, '.bin'));
  execFileSync('nasm', ['-f', 'bin', '-I', CORPUS + '/', '-o', out, join(CORPUS, f)], {
    stdio: ['ignore', 'inherit', 'ignore'],
  });
  count++;
}
process.stdout.write(`${count} expected outputs written by ${execFileSync('nasm', ['-v']).toString().trim()}\n`);
