// test386.asm (https://github.com/barotto/test386.asm, commit cfd052d1e64d5375dea5a681c1eadeed64ceda2c,
// vendored unmodified in test/vendor/test386, GPL-3.0) end to end on the bare machine: an 80386 tester
// that runs as the BIOS, reports each test's POST code, halts on the first failure and writes POST
// 0xFF when every test passed; its POST 0xEE tests print results that must equal the reference it
// ships. Assembled by our assembler and, when installed, by nasm (the same bytes), configured by
// test/system/test386/configuration.asm (POST codes on port 0x80, text on port 0xE9) and run as
// `i386-lab run --bare IMAGE --load-at 0xf0000 --entry reset --cpu MODEL` runs it (runBare).
// With TEST_UNDEF=1 (CPU family 3) it also checks the 80386's undefined behaviour: on the models
// whose undefined flags are the 80386's. Each run is about 80 million instructions (5-10 s): by default
// on three models, on every model with TEST386=all.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assemble, formatDiagnostic } from '../../src/asm';
import { runBare } from '../../src/cli/bare';
import { MODELS } from '../../src/isa/models';
import { hasTool } from '../../scripts/system-tests/oracle';

const ROOT = path.resolve(__dirname, '../../..');
const VENDOR = path.join(ROOT, 'test/vendor/test386');
const CONFIG_DIR = path.join(ROOT, 'test/system/test386');
const SOURCE = path.join(VENDOR, 'src/test386.asm');
/** Our configuration first, then upstream's sources, as nasm -i searches them. */
const INCLUDE_PATHS = [CONFIG_DIR + path.sep, path.join(VENDOR, 'src') + path.sep];

const POST_PORT = 0x80;
const OUT_PORT = 0xe9;
const LOAD_AT = 0xf0000;
/** About 80 million instructions run; a tenfold margin. */
const MAX_INSTRUCTIONS = 800_000_000;
/**
 * The POST codes in the order upstream's README lists its tests (0x22, the task-switch tests of the
 * 128 KiB ROM, still reports its code in the 64 KiB one), ending with 0xFF: testing completed.
 */
const POST_SEQUENCE = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08, 0x09, 0x20, 0x21, 0x22, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11,
  0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0xe0, 0xee, 0xff,
];

/**
 * The models every test run covers (each run takes 5-10 s): the 80386 with its undefined behaviour,
 * a 486 and the last model. `TEST386=all` runs every model.
 */
const DEFAULT_MODELS: readonly string[] = ['i386', 'i486', 'athlon'];

type Variant = '0' | '1';

const images = new Map<Variant, Uint8Array>();

function ours(undef: Variant): Uint8Array {
  let bytes = images.get(undef);
  if (bytes) return bytes;
  const r = assemble(fs.readFileSync(SOURCE, 'latin1'), {
    fileName: SOURCE,
    readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p) : undefined),
    includePaths: INCLUDE_PATHS,
    defines: { TEST386_UNDEF: undef },
  });
  assert.ok(r.ok && r.bytes, r.diagnostics.map(formatDiagnostic).join('\n'));
  bytes = r.bytes;
  images.set(undef, bytes);
  return bytes;
}

function withNasm(undef: Variant, dir: string): Buffer {
  const out = path.join(dir, `test386-undef${undef}.bin`);
  // From an empty directory: nasm looks for an include in the working directory first.
  const r = spawnSync(
    'nasm',
    [...INCLUDE_PATHS.flatMap((p) => ['-i', p]), `-DTEST386_UNDEF=${undef}`, '-f', 'bin', '-w-all', '-o', out, SOURCE],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, `nasm: ${r.stderr}`);
  return fs.readFileSync(out);
}

describe('test386.asm (barotto/test386.asm cfd052d1, vendored) on the bare machine', () => {
  let tmp: string | undefined;
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const undef of ['0', '1'] as const) {
    it(`TEST_UNDEF=${undef}: our assembler builds the same 64 KiB image as nasm`, function () {
      this.timeout(120_000);
      const bytes = ours(undef);
      assert.equal(bytes.length, 0x10000);
      if (!hasTool('nasm')) this.skip();
      tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-test386-'));
      assert.ok(Buffer.from(bytes).equals(withNasm(undef, tmp)), 'our image differs from nasm');
    });
  }

  const reference = fs.readFileSync(path.join(VENDOR, 'test386-EE-reference.txt'), 'latin1');
  for (const model of MODELS.filter((m) => process.env.TEST386 === 'all' || DEFAULT_MODELS.includes(m.id))) {
    const undef: Variant = model.undefinedFlags === 'i386' ? '1' : '0';
    it(`--cpu ${model.id} (TEST_UNDEF=${undef}): every test passes (POST 0xFF) and the POST 0xEE results equal test386-EE-reference.txt`, function () {
      this.timeout(300_000);
      const posts: number[] = [];
      const text: number[] = [];
      const report = runBare(
        {
          image: { bytes: ours(undef), loadAt: LOAD_AT, model: model.id },
          entry: 'reset',
          maxInstructions: MAX_INSTRUCTIONS,
          tracePorts: false,
        },
        (port, value) => {
          if (port === POST_PORT) posts.push(value & 0xff);
          else if (port === OUT_PORT) text.push(value & 0xff);
        },
      );
      const hex = posts.map((p) => p.toString(16).padStart(2, '0')).join(' ');
      assert.equal(report.reason, 'halt', `the run ends on HLT (${report.reason} at 0x${report.address.toString(16)})`);
      assert.equal(posts[posts.length - 1], 0xff, `halted after POST ${hex}: that test failed`);
      assert.deepEqual(posts, POST_SEQUENCE, 'every test ran, in order');
      const output = Buffer.from(text).toString('latin1');
      if (output !== reference) {
        const got = output.split('\n');
        const want = reference.split('\n');
        const i = want.findIndex((line, k) => got[k] !== line);
        assert.fail(
          `POST 0xEE output differs at line ${i + 1}: got ${JSON.stringify(got[i])}, want ${JSON.stringify(want[i])}`,
        );
      }
    });
  }
});
