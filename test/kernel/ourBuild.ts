// The kernel and flat user programs assembled by our assembler, the way the product builds
// them (src/cli/kernelRun.ts buildKernel, src/kernel/build.ts assembleProgram), so the kernel
// tests boot the very image the debugger and `i386-lab run` boot. assemble.test.ts proves
// these bytes equal NASM's. Programs include abi.inc (served from abi.ts) and examples/user.inc.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../../src/asm';
import { buildKernel } from '../../src/cli/kernelRun';
import { assembleProgram } from '../../src/kernel/build';
import { EXAMPLES_DIR } from './nasm';

function readIfThere(file: string): Uint8Array | undefined {
  return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
}

export class OurBuild {
  private readonly programs = new Map<string, Uint8Array>();

  kernel(): Uint8Array {
    const k = buildKernel();
    if (!k.ok) throw new Error(k.message);
    return k.value.bytes;
  }

  /** A flat binary of `file` (an absolute path), assembled at ADDR_FLAT_LOAD by its `org`. */
  program(file: string): Uint8Array {
    let bytes = this.programs.get(file);
    if (!bytes) {
      const r = assembleProgram(fs.readFileSync(file, 'utf8'), file, readIfThere, {
        includePaths: [path.dirname(file), EXAMPLES_DIR],
      });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (!r.ok || !r.bytes || errors.length > 0)
        throw new Error(`${file} does not assemble:\n${errors.map(formatDiagnostic).join('\n')}`);
      bytes = r.bytes;
      this.programs.set(file, bytes);
    }
    return bytes;
  }
}
