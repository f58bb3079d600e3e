// The stored kernel image (src/cli/kernelImage.ts): keyed by the kernel sources, so an edit
// makes it unusable; the prebuilt image that scripts/build.mjs writes matches the sources it
// was built from and is byte-identical to a fresh assembly; a user cache that cannot be
// written (a read-only install, no home) is skipped, and a damaged one is ignored.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assembleKernel } from '../../src/kernel/build';
import { findKernelDir } from '../../src/cli/kernelRun';
import {
  PREBUILT_IMAGE,
  cachedImage,
  imageText,
  kernelSources,
  prebuiltImageByStamp,
  rememberImage,
  sourceStamp,
  userCacheDir,
} from '../../src/cli/kernelImage';
import { writePrebuiltImage } from '../../src/cli/kernelPrebuild';
import { renderAbiInc } from '../../src/kernel/abi';
import { KERNEL_SOURCE_FILES } from '../../src/kernel/sources';

describe('the stored kernel image', function () {
  this.timeout(120_000);
  let dir = '';
  let saved: string | undefined;
  const kernelDir = findKernelDir(__dirname);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-kernel-image-'));
    saved = process.env.I386_LAB_CACHE;
  });
  after(() => {
    if (saved === undefined) delete process.env.I386_LAB_CACHE;
    else process.env.I386_LAB_CACHE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the key follows every source file: one changed byte gives another key', () => {
    const copy = path.join(dir, 'kernel');
    fs.cpSync(kernelDir, copy, { recursive: true });
    const { key } = kernelSources(copy);
    assert.equal(kernelSources(copy).key, key, 'the same sources, the same key');
    for (const name of [KERNEL_SOURCE_FILES[0], KERNEL_SOURCE_FILES[KERNEL_SOURCE_FILES.length - 1]]) {
      const file = path.join(copy, name);
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text + '\n');
      assert.notEqual(kernelSources(copy).key, key, name);
      fs.writeFileSync(file, text);
    }
  });

  it('the prebuilt image is the kernel assembled from the same sources, and is found only for its key', () => {
    const out = path.join(dir, 'dist');
    fs.mkdirSync(out);
    assert.equal(writePrebuiltImage(out, kernelDir), undefined);
    const stored = JSON.parse(fs.readFileSync(path.join(out, PREBUILT_IMAGE), 'utf8')) as {
      key: string;
      bytes: string;
    };
    const { key } = kernelSources(kernelDir);
    assert.equal(stored.key, key);
    const fresh = assembleKernel((name) => fs.readFileSync(path.join(kernelDir, name), 'utf8'));
    assert.ok(fresh.ok && fresh.bytes);
    assert.deepEqual(Buffer.from(stored.bytes, 'base64'), Buffer.from(fresh.bytes));
  });

  it('the prebuilt image is found by the stamp of the files it was made from, not after a file is touched', () => {
    const copy = path.join(dir, 'stamped-kernel');
    const out = path.join(dir, 'stamped-dist');
    fs.cpSync(kernelDir, copy, { recursive: true });
    fs.mkdirSync(out);
    assert.equal(writePrebuiltImage(out, copy), undefined);
    const file = path.join(out, PREBUILT_IMAGE);
    const stamp = sourceStamp(copy);
    assert.ok(stamp !== undefined);
    assert.ok(stamp.endsWith(renderAbiInc()), 'the stamp holds abi.inc as rendered by the running code');
    const found = prebuiltImageByStamp(stamp, file);
    assert.ok(found);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { bytes: string };
    assert.deepEqual(Buffer.from(found.bytes), Buffer.from(stored.bytes, 'base64'));
    // The same bytes with another modification time: the stamp differs, the key does not.
    const touched = path.join(copy, KERNEL_SOURCE_FILES[KERNEL_SOURCE_FILES.length - 1]);
    const later = new Date(fs.statSync(touched).mtimeMs + 5000);
    fs.utimesSync(touched, later, later);
    const after = sourceStamp(copy);
    assert.ok(after !== undefined && after !== stamp);
    assert.equal(prebuiltImageByStamp(after, file), undefined);
    assert.equal(kernelSources(copy).key, JSON.parse(fs.readFileSync(file, 'utf8')).key);
    // A missing source gives no stamp.
    fs.rmSync(touched);
    assert.equal(sourceStamp(copy), undefined);
  });

  it('a user cache round-trips an image; another key, a damaged file or an unwritable folder give nothing', () => {
    const image = { bytes: new Uint8Array([1, 2, 3, 0xff]), symbols: new Map([['start', 0x100000]]) };
    const key = 'f'.repeat(64);
    process.env.I386_LAB_CACHE = path.join(dir, 'cache');
    assert.equal(userCacheDir(), path.join(dir, 'cache'));
    rememberImage(key, image);
    const back = cachedImage(key);
    assert.ok(back);
    assert.deepEqual([...back.bytes], [...image.bytes]);
    assert.deepEqual([...back.symbols], [...image.symbols]);
    assert.equal(cachedImage('e'.repeat(64)), undefined, 'another key');
    const file = fs.readdirSync(path.join(dir, 'cache')).find((f) => f.startsWith('kernel-'))!;
    fs.writeFileSync(path.join(dir, 'cache', file), imageText(key, image).slice(0, 20));
    assert.equal(cachedImage(key), undefined, 'a damaged file');
    // A folder that cannot be made (its parent is a file): remembering is skipped without an error.
    fs.writeFileSync(path.join(dir, 'plain-file'), '');
    process.env.I386_LAB_CACHE = path.join(dir, 'plain-file', 'cache');
    rememberImage(key, image);
    assert.equal(cachedImage(key), undefined);
  });
});
