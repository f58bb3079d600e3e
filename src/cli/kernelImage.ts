// The assembled kernel image without assembling it at every start. Assembling src/kernel/
// takes about a second, longer than everything else `i386-lab run hello` does, so the image
// is kept keyed by a hash of what it is made from (every kernel source file and the rendered
// abi.inc, the input set the assembler reads): first the image that scripts/build.mjs
// writes beside the bundle (dist/kernel-image.json, present in a read-only install), then a
// per-user cache ($I386_LAB_CACHE, else $XDG_CACHE_HOME/i386-lab, else ~/.cache/i386-lab),
// written after an assembly when it can be and ignored when it cannot. A key that does not
// match (edited sources) is never used. The CPU model is not part of the key: the kernel
// detects the CPU when it boots, and the image is the same for every model.
// The prebuilt image also carries a stamp of its sources: every file's size and modification
// time, and abi.inc's text (rendered from abi.ts, so it follows the code that runs). When the
// stamp is the sources' own, the image is theirs without reading and hashing them (loading
// node:crypto and hashing 400 KB took about 10 ms of `i386-lab run hello`); any difference
// (an edit, a copy, an install that did not keep the times) falls back to the key.
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { renderAbiInc } from '../kernel/abi';
import { KERNEL_SOURCE_FILES, loadKernelSources } from '../kernel/sources';
import { userCacheDir } from './userCache';

export { userCacheDir };

/** The file name of the prebuilt image beside the bundle (dist/) and in the user cache. */
export const PREBUILT_IMAGE = 'kernel-image.json';
/** Bumped when the stored form below changes. */
const FORMAT = 1;

export interface StoredImage {
  bytes: Uint8Array;
  symbols: Map<string, number>;
}

interface ImageFile {
  format: number;
  key: string;
  bytes: string;
  symbols: [string, number][];
  /** The sources' stamp when the image was made (sourceStamp); only in the prebuilt image. */
  stamp?: string;
}

/** node:crypto, loaded only when a key is computed. */
function sha256(): Crypto.Hash {
  return (createRequire(__filename)('node:crypto') as typeof Crypto).createHash('sha256');
}

/**
 * The stamp of the kernel sources in `dir`: each file's name, size and modification time, then
 * abi.inc's text; undefined when a file cannot be examined.
 */
export function sourceStamp(dir: string): string | undefined {
  const lines: string[] = [];
  try {
    for (const name of KERNEL_SOURCE_FILES) {
      const stat = fs.statSync(path.join(dir, name));
      lines.push(`${name} ${stat.size} ${stat.mtimeMs}`);
    }
  } catch {
    return undefined;
  }
  lines.push(renderAbiInc());
  return lines.join('\n');
}

/** The sources of the kernel in `dir` and their key (reading a missing source throws). */
export function kernelSources(dir: string): { sources: Map<string, string>; key: string } {
  const sources = loadKernelSources((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
  const hash = sha256();
  hash.update(`i386-lab kernel image ${FORMAT}\n`);
  for (const name of [...sources.keys()].sort()) {
    const text = sources.get(name)!;
    hash.update(`${name}\n${Buffer.byteLength(text)}\n`);
    hash.update(text);
  }
  return { sources, key: hash.digest('hex') };
}

/** dist/kernel-image.json above this file (dist/ or out/src/cli/), when there is one. */
function prebuiltFile(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, PREBUILT_IMAGE), path.join(dir, 'dist', PREBUILT_IMAGE)]) {
      if (fs.existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function userCacheFile(key: string): string | undefined {
  const dir = userCacheDir();
  return dir ? path.join(dir, `kernel-${key.slice(0, 32)}.json`) : undefined;
}

/** The image in `file` if it was made from the sources of `key`, or (`stamp`) of that stamp. */
function readImage(file: string | undefined, want: { key: string } | { stamp: string }): StoredImage | undefined {
  if (!file) return undefined;
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as ImageFile;
    if (stored.format !== FORMAT) return undefined;
    if ('key' in want ? stored.key !== want.key : stored.stamp !== want.stamp) return undefined;
    return { bytes: new Uint8Array(Buffer.from(stored.bytes, 'base64')), symbols: new Map(stored.symbols) };
  } catch {
    return undefined; // absent, unreadable or damaged: assemble instead
  }
}

export function imageText(key: string, image: StoredImage, stamp?: string): string {
  const stored: ImageFile = {
    format: FORMAT,
    key,
    bytes: Buffer.from(image.bytes).toString('base64'),
    symbols: [...image.symbols],
    ...(stamp !== undefined ? { stamp } : {}),
  };
  return JSON.stringify(stored) + '\n';
}

/** The stored image for `key`: the prebuilt one, else the user cache's. */
export function cachedImage(key: string): StoredImage | undefined {
  return readImage(prebuiltFile(), { key }) ?? readImage(userCacheFile(key), { key });
}

/** The prebuilt image (`file`) when its stamp is `stamp` (sourceStamp of the sources at hand). */
export function prebuiltImageByStamp(
  stamp: string,
  file: string | undefined = prebuiltFile(),
): StoredImage | undefined {
  return readImage(file, { stamp });
}

/** Keeps a freshly assembled image in the user cache; a cache that cannot be written is skipped. */
export function rememberImage(key: string, image: StoredImage): void {
  const file = userCacheFile(key);
  if (!file) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written whole under a temporary name, then renamed: a reader never sees half a file.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, imageText(key, image));
    fs.renameSync(temp, file);
  } catch {
    // a read-only or full cache: the next run assembles again
  }
}
