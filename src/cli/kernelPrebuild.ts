// Build time (scripts/build.mjs): the kernel assembled once and stored beside the bundle as
// dist/kernel-image.json, keyed by its sources (kernelImage.ts), so that `i386-lab run` starts
// without assembling it, also from a read-only install.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assembleKernel } from '../kernel/build';
import { findKernelDir } from './kernelRun';
import { PREBUILT_IMAGE, imageText, kernelSources, sourceStamp } from './kernelImage';

/** Writes `outDir`/kernel-image.json; returns what went wrong, or undefined. */
export function writePrebuiltImage(outDir: string, kernelDir: string = findKernelDir(outDir)): string | undefined {
  const file = path.join(outDir, PREBUILT_IMAGE);
  fs.rmSync(file, { force: true });
  const stamp = sourceStamp(kernelDir);
  const { sources, key } = kernelSources(kernelDir);
  const r = assembleKernel((name) => sources.get(name)!);
  if (!r.ok || !r.bytes) {
    const error = r.diagnostics.find((d) => d.severity === 'error');
    return `the kernel does not assemble${error ? `: ${error.message}` : ''}`;
  }
  const symbols = new Map(r.symbols.map((s) => [s.name, s.address >>> 0]));
  fs.writeFileSync(file, imageText(key, { bytes: r.bytes, symbols }, stamp));
  return undefined;
}
