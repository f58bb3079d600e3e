import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CPU_WORKLOADS,
  PAGED_WORKLOAD,
  assembleBareWorkload,
  bareWrapperUnsupported,
  measureCpuWorkload,
  runBareWorkload,
  SMC_MEASUREMENTS,
} from '../../src/cli/benchCpu';
import { buildLinuxWorkload, runLinuxWorkload } from '../../src/cli/benchLinux';
import { BenchContext, BenchResult, findBenchDir } from '../../src/cli/benchSuite';
import { formatBenchTable } from '../../src/cli/benchTable';
import { hasLinuxToolchain, hasNasm, hasQemuUser, runCli, tempDir } from './cliProcess';

const SMC_ROWS = SMC_MEASUREMENTS.map((m) => m.name);

const benchDir = findBenchDir(__dirname);

function context(workDir: string, dir = benchDir): BenchContext {
  return { benchDir: dir, workDir, quick: true, log: () => undefined };
}

describe('bench: cpu workloads', () => {
  let workDir: string;
  before(() => (workDir = tempDir()));
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  for (const w of CPU_WORKLOADS) {
    it(`${w.name}: the emulator's instruction count is linear in the number of passes`, () => {
      const counts = [0, 1, 2, 5].map(
        (n) => runBareWorkload(w.name, assembleBareWorkload(benchDir, w.core, n)).stop.total,
      );
      const perPass = counts[1] - counts[0];
      assert.ok(perPass > 0);
      assert.deepEqual(
        counts,
        [0, 1, 2, 5].map((n) => counts[0] + n * perPass),
      );
    });

    it(`${w.name}: the emulator's checksum equals the host CPU's`, function () {
      if (!hasLinuxToolchain()) this.skip();
      for (const passes of [1, 3]) {
        const emulator = runBareWorkload(w.name, assembleBareWorkload(benchDir, w.core, passes)).checksum;
        const native = runLinuxWorkload(buildLinuxWorkload(benchDir, workDir, w.core, passes), 'native');
        assert.equal(emulator.toString(16), native.toString(16), `${passes} passes`);
      }
    });
  }

  it('int-loop-paged (CPL3, paging on) computes what int-loop computes flat, once the machine can run it', function () {
    const unsupported = bareWrapperUnsupported(PAGED_WORKLOAD, benchDir);
    if (unsupported) {
      assert.match(unsupported, /not implemented yet/);
      this.skip();
    }
    for (const passes of [0, 2]) {
      const flat = runBareWorkload('int-loop', assembleBareWorkload(benchDir, 'int-loop.inc', passes));
      const paged = runBareWorkload(
        'int-loop-paged',
        assembleBareWorkload(benchDir, 'int-loop.inc', passes, 'bare-paged.asm'),
      );
      assert.equal(paged.checksum.toString(16), flat.checksum.toString(16), `${passes} passes`);
    }
  });

  it('a wrong result on the emulator fails the measurement loudly', function () {
    if (!hasLinuxToolchain()) this.skip();
    // A copy of bench/ whose bare wrapper corrupts the checksum before halting.
    const broken = path.join(workDir, 'broken-bench');
    fs.cpSync(benchDir, broken, { recursive: true });
    const bare = path.join(broken, 'bare.asm');
    const text = fs.readFileSync(bare, 'utf8');
    assert.match(text, /call work\n/);
    fs.writeFileSync(bare, text.replace('call work\n', 'call work\n        inc eax\n'));
    const w = CPU_WORKLOADS.find((x) => x.name === 'int-loop')!;
    assert.throws(
      () => measureCpuWorkload(w, context(workDir, broken)),
      /int-loop: wrong result on the emulator: checksum 0x[0-9a-f]{8}, native 0x[0-9a-f]{8}/,
    );
  });
});

describe('bench: table', () => {
  it('prints one aligned row per figure with baselines and our/baseline ratios, n/a where a baseline did not run', () => {
    const results: BenchResult[] = [
      { suite: 'cpu', name: 'int-loop', value: 300, unit: 'MIPS', baseline: { native: 3000, qemu: 1200 } },
      { suite: 'cpu', name: 'sort', value: 50, unit: 'MIPS', baseline: { qemu: 500 } },
      { suite: 'asm', name: '100k-lines', value: 800, unit: 'ms', baseline: { nasm: 400 } },
    ];
    assert.equal(
      formatBenchTable(results),
      [
        'suite  name        value  unit  native  qemu  nasm  vs native  vs qemu  vs nasm',
        'cpu    int-loop      300  MIPS    3000  1200            0.10x    0.25x',
        'cpu    sort         50.0  MIPS     n/a   500              n/a    0.10x',
        'asm    100k-lines    800  ms                   400                        2.00x',
        '',
      ].join('\n'),
    );
  });
});

describe('i386-lab bench', () => {
  /** One `bench --json --quick --suite S` run: its single line of output, parsed. */
  function benchJson(suite: string): BenchResult[] {
    const r = runCli(['bench', '--json', '--quick', '--suite', suite]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    return (JSON.parse(lines[0]) as { results: BenchResult[] }).results;
  }

  it('--json --quick prints the docs/ARCHITECTURE.md result object (cpu, asm and dap suites)', function () {
    this.timeout(300_000);
    const results = ['cpu', 'asm', 'dap'].flatMap(benchJson);
    const paged = bareWrapperUnsupported(PAGED_WORKLOAD, benchDir) === null ? ['cpu int-loop-paged MIPS'] : [];
    assert.deepEqual(
      results.map((x) => `${x.suite} ${x.name} ${x.unit}`),
      [
        'cpu int-loop MIPS',
        'cpu rep-movsd MIPS',
        'cpu byte-loop MIPS',
        'cpu sort MIPS',
        'cpu recursion MIPS',
        'cpu mandelbrot MIPS',
        'cpu nbody MIPS',
        ...paged,
        ...SMC_ROWS.map((name) => `cpu ${name} MIPS`),
        'asm 100k-lines ms',
        'dap launch ms',
        'dap step ms',
        'dap bp-1000-ratio x',
        'dap stepback ms',
      ],
    );
    for (const x of results) {
      assert.ok(x.value > 0, `${x.name} value`);
      const linux = hasLinuxToolchain();
      const expected =
        x.suite === 'asm'
          ? hasNasm()
            ? ['nasm']
            : []
          : x.suite === 'cpu' && !SMC_ROWS.includes(x.name)
            ? [...(linux ? ['native'] : []), ...(linux && hasQemuUser() ? ['qemu'] : [])]
            : [];
      assert.deepEqual(Object.keys(x.baseline).sort(), expected.sort(), `${x.name} baselines`);
      for (const v of Object.values(x.baseline)) assert.ok(typeof v === 'number' && v > 0);
    }
  });

  it('without --json prints the table', function () {
    this.timeout(300_000);
    const r = runCli(['bench', '--quick', '--suite', 'cpu']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^suite\s+name\s+value\s+unit\s+native\s+qemu\s+vs native\s+vs qemu$/);
    const paged = bareWrapperUnsupported(PAGED_WORKLOAD, benchDir) === null ? [PAGED_WORKLOAD] : [];
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
      [...[...CPU_WORKLOADS, ...paged].map((w) => w.name), ...SMC_ROWS].map((name) => `cpu ${name}`),
    );
  });

  it('works without nasm, ld and qemu: our assembler builds the images, the baselines are n/a', function () {
    this.timeout(300_000);
    const r = runCli(['bench', '--quick', '--suite', 'cpu', '--json'], { PATH: '/nonexistent' });
    assert.equal(r.status, 0, r.stderr);
    const { results } = JSON.parse(r.stdout) as { results: BenchResult[] };
    assert.equal(
      results.length,
      CPU_WORKLOADS.length + (bareWrapperUnsupported(PAGED_WORKLOAD, benchDir) === null ? 1 : 0) + SMC_ROWS.length,
    );
    for (const x of results) assert.deepEqual(x.baseline, {}, x.name);
    assert.match(r.stderr, /int-loop: native n\/a \(nasm and ld not installed\)/);
    const table = runCli(['bench', '--quick', '--suite', 'cpu'], { PATH: '/nonexistent' });
    assert.match(table.stdout, /\ncpu\s+int-loop\s+\S+\s+MIPS\s+n\/a\s+n\/a\s+n\/a\s+n\/a\n/);
  });

  it('refuses unknown arguments, unknown suites and a missing suite name, with status 2', () => {
    const bad = runCli(['bench', '--fast']);
    assert.match(bad.stderr, /^i386-lab bench: unknown option '--fast' \(see i386-lab bench --help\)\n$/);
    assert.equal(bad.status, 2);
    const suite = runCli(['bench', '--suite', 'gpu']);
    assert.match(suite.stderr, /^i386-lab bench: --suite: 'gpu' is not one of cpu, c, startup, asm, kernel, dap/);
    assert.equal(suite.status, 2);
    const missing = runCli(['bench', '--suite']);
    assert.match(missing.stderr, /--suite needs a value/);
    assert.equal(missing.status, 2);
  });
});
