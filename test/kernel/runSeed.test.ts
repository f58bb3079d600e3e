// The boot seed from the user's side (`i386-lab run`, dist/cli.js as `npm test` builds it):
// a run without --seed gets one from host randomness and reports it in --json; giving that
// seed back repeats the run byte for byte (console, KIP address, instruction count).

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ADDRESS } from '../../src/kernel/abi';
import { ROOT, runCli } from '../cli/cliProcess';

const PROGRAM = path.join(ROOT, 'examples', 'threads.asm');

interface SeedReport {
  kip: string | null;
  seed: string;
  exitStatus: number | null;
  instructions: number;
}

/** The --json line: the last line of stderr (stdout is only the program's output). */
function lastJson(stderr: string): SeedReport {
  return JSON.parse(stderr.trim().split('\n').pop()!) as SeedReport;
}

describe('i386-lab run --seed', function () {
  this.timeout(60000);

  it('reports the random seed of a run in --json, and that seed repeats the run exactly', () => {
    const first = runCli(['run', PROGRAM, '--cpu', 'i486', '--json']);
    assert.equal(first.status, 0, first.stderr);
    const report = lastJson(first.stderr);
    assert.match(report.seed, /^0x[0-9a-f]{8}$/);
    const kip = parseInt(report.kip ?? '', 16);
    assert.ok(
      kip >= ADDRESS.KIP_WINDOW && kip < ADDRESS.KIP_WINDOW + ADDRESS.KIP_WINDOW_PAGES * 0x1000,
      String(report.kip),
    );
    const again = runCli(['run', PROGRAM, '--cpu', 'i486', '--json', '--seed', report.seed]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, first.stdout);
    assert.equal(again.stderr, first.stderr);
  });

  it('takes decimal or 0x seeds up to 32 bits and refuses others', () => {
    const decimal = runCli(['run', PROGRAM, '--json', '--seed', '4096']);
    assert.equal(lastJson(decimal.stderr).seed, '0x00001000');
    for (const bad of ['0x100000000', '-1', 'seven']) {
      const r = runCli(['run', PROGRAM, '--seed', bad]);
      assert.equal(r.status, 2, bad);
      assert.match(r.stderr, /--seed: '.*' is not a number from 0 to 4294967295/, bad);
    }
  });
});
