// Assembling the kernel and the programs with NASM (and ld for ELF programs), the oracle
// assembler. The kernel sources come through src/kernel/sources.ts, so abi.inc is rendered
// from src/kernel/abi.ts into a scratch directory, never stored.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderAbiInc } from '../../src/kernel/abi';
import { KERNEL_MAIN, loadKernelSources } from '../../src/kernel/sources';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const KERNEL_DIR = path.join(REPO, 'src', 'kernel');
export const EXAMPLES_DIR = path.join(REPO, 'examples');
export const PROGRAMS_DIR = path.join(REPO, 'test', 'kernel', 'programs');

export function missingTools(): string | undefined {
  for (const [tool, args] of [
    ['nasm', ['-v']],
    ['ld', ['-v']],
  ] as const) {
    if (spawnSync(tool, [...args], { stdio: 'ignore' }).status !== 0) return `${tool} is not installed`;
  }
  return undefined;
}

export class NasmBuild {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-nasm-'));
  private kernelImage: Uint8Array | undefined;
  private readonly outputs = new Map<string, string>();

  constructor() {
    fs.writeFileSync(path.join(this.dir, 'abi.inc'), renderAbiInc());
  }

  kernel(): Uint8Array {
    if (!this.kernelImage) {
      const kernelDir = path.join(this.dir, 'kernel');
      fs.mkdirSync(kernelDir, { recursive: true });
      for (const [name, text] of loadKernelSources((name) => fs.readFileSync(path.join(KERNEL_DIR, name), 'utf8'))) {
        fs.writeFileSync(path.join(kernelDir, name), text);
      }
      const out = path.join(this.dir, 'kernel.bin');
      execFileSync('nasm', ['-f', 'bin', '-I', kernelDir + path.sep, '-o', out, path.join(kernelDir, KERNEL_MAIN)]);
      this.kernelImage = fs.readFileSync(out);
    }
    return this.kernelImage;
  }

  /** A user program: a flat binary, or with `elf` a static ELF32 executable. */
  program(file: string, format: 'bin' | 'elf' = 'bin'): Uint8Array {
    return fs.readFileSync(this.assemble(file, format));
  }

  /** Runs a static ELF program natively on the host (which runs i386 Linux binaries). */
  runNative(file: string, args: string[] = []): { stdout: string; status: number | null } {
    const result = spawnSync(this.assemble(file, 'elf'), args, { encoding: 'latin1' });
    return { stdout: result.stdout, status: result.status };
  }

  private assemble(file: string, format: 'bin' | 'elf'): string {
    const key = `${file}:${format}`;
    let out = this.outputs.get(key);
    if (!out) {
      out = path.join(this.dir, `${path.basename(file, '.asm')}-${this.outputs.size}`);
      const includes = ['-I', this.dir + path.sep, '-I', EXAMPLES_DIR + path.sep, '-I', path.dirname(file) + path.sep];
      if (format === 'bin') {
        execFileSync('nasm', ['-f', 'bin', ...includes, '-o', out, file]);
      } else {
        execFileSync('nasm', ['-f', 'elf32', ...includes, '-o', out + '.o', file]);
        execFileSync('ld', ['-m', 'elf_i386', '-o', out, out + '.o']);
      }
      this.outputs.set(key, out);
    }
    return out;
  }
}
