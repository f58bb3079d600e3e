// `npm run fuzz -- [HARNESS...] [--seed N] [--seconds S] [--out DIR] [--verbose]`: runs each
// fuzz harness (all when none is named) for S seconds from seed N, prints inputs tried and
// failures per harness, writes each failing input to DIR, and exits 1 on any finding;
// `--replay FILE` runs one finding again.

import * as path from 'path';
import { runHarness, summary, type Harness } from './harness';
import { asmHarness } from './asmHarness';
import { cpuHarness } from './cpuHarness';
import { dapHarness } from './dapHarness';
import { elfHarness } from './elfHarness';
import { syscallHarness } from './syscallHarness';
import { ROOT } from './dapClient';
import { replay } from './replay';

export const HARNESSES: readonly Harness[] = [dapHarness, elfHarness, asmHarness, syscallHarness, cpuHarness];

const USAGE = `usage: npm run fuzz -- [HARNESS...] [--seed N] [--seconds S] [--out DIR] [--verbose]
       npm run fuzz -- --replay FILE
  HARNESS      ${HARNESSES.map((h) => h.name).join(', ')} (default: all, one after the other)
  --seed N     the generator's seed (default: random, printed)
  --seconds S  the budget of each harness (default 60)
  --out DIR    where failing inputs are written (default fuzz-findings/)
  --replay F   run the finding F again and say whether it still fails
${HARNESSES.map((h) => `  ${h.name.padEnd(9)}${h.description}`).join('\n')}
Exit status 1 when any harness found a failure, 2 on bad arguments.`;

async function main(argv: string[]): Promise<number> {
  let seed = Math.floor(Math.random() * 0x7fffffff);
  let seconds = 60;
  let outDir = path.join(ROOT, 'fuzz-findings');
  let verbose = false;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--seed') seed = Number(value());
    else if (a === '--seconds') seconds = Number(value());
    else if (a === '--out') outDir = path.resolve(value());
    else if (a === '--verbose') verbose = true;
    else if (a === '--replay') {
      const r = await replay(path.resolve(value()));
      for (const line of r.lines) console.log(line);
      console.log(r.fails ? 'still fails' : 'passes now');
      return r.fails ? 1 : 0;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error(`--seed must be an integer from 0 to 0xffffffff`);
  if (!(seconds > 0)) throw new Error('--seconds must be above 0');
  const chosen =
    names.length === 0
      ? HARNESSES
      : names.map(
          (n) =>
            HARNESSES.find((h) => h.name === n) ??
            (() => {
              throw new Error(`no harness '${n}'; known: ${HARNESSES.map((h) => h.name).join(', ')}`);
            })(),
        );
  let findings = 0;
  for (const h of chosen) {
    const r = await runHarness(h, { seed, seconds, outDir, verbose });
    console.log(summary(r));
    findings += r.findings.length;
  }
  return findings > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      console.error(`fuzz: ${e.message}\n${USAGE}`);
      process.exit(2);
    },
  );
}
