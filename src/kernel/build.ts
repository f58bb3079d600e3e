// Assembling the kernel and user programs with our own assembler, the way the host does it
// at launch: sources come through an injected readFile, abi.inc is served from abi.ts.

import { assemble, AssembleResult } from '../asm';
import { renderAbiInc } from './abi';
import { ABI_INCLUDE, KERNEL_MAIN, loadKernelSources } from './sources';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The kernel image (flat Multiboot binary); `readFile(name)` reads a file of src/kernel/. */
export function assembleKernel(readFile: (name: string) => string): AssembleResult {
  const sources = loadKernelSources(readFile);
  return assemble(sources.get(KERNEL_MAIN)!, {
    fileName: KERNEL_MAIN,
    format: 'bin',
    readFile: (path) => sources.get(baseName(path)),
  });
}

/**
 * A user program. `abi.inc` is served from the ABI; every other include goes to
 * `readFile` (undefined when absent), looked up as written and in `includePaths`.
 */
export function assembleProgram(
  source: string,
  fileName: string,
  readFile: (path: string) => string | Uint8Array | undefined,
  options: {
    format?: 'bin' | 'elf32';
    includePaths?: string[];
    defines?: Record<string, string>;
    listing?: boolean;
    outputFile?: string;
  } = {},
): AssembleResult {
  const abi = renderAbiInc();
  return assemble(source, {
    fileName,
    format: options.format ?? 'bin',
    includePaths: options.includePaths,
    defines: options.defines,
    listing: options.listing,
    outputFile: options.outputFile,
    readFile: (path) => (baseName(path) === ABI_INCLUDE ? abi : readFile(path)),
  });
}

/** Does the source include the kernel ABI (and so need the kernel to run)? */
export function usesKernelAbi(source: string): boolean {
  return /^\s*%include\s+["'<`]abi\.inc["'>`]/im.test(source);
}
