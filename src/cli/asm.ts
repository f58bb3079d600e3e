// `i386-lab asm FILE.asm [-o OUT] [-f bin|elf32] [--listing] [-I DIR] [-D NAME[=VALUE]]`: our
// NASM-dialect assembler. `%include "abi.inc"` is the kernel ABI (rendered from
// src/kernel/abi.ts), as `run` serves it; every other include is read from disk, relative to
// the including file, as written, or under each -I directory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../asm/index';
import { assembleProgram } from '../kernel/build';
import type { Command } from './cli';
import { readInput, writeOutput } from './files';
import { ASM_SPEC } from './commandSpecs';
import { EXIT, UsageError } from './options';
import { writeErr } from './output';

function readInclude(file: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

export const asmCommand: Command = {
  spec: ASM_SPEC,
  main: (args) => {
    const input = args.positionals[0];
    const format = (args.value('-f') ?? 'bin') as 'bin' | 'elf32';
    const listing = args.flag('--listing');
    const source = readInput(input).toString('latin1');
    const result = assembleProgram(source, input, readInclude, {
      format,
      includePaths: args.values('-I'),
      defines: Object.fromEntries(args.values<[string, string]>('-D')),
      listing,
    });
    for (const d of result.diagnostics) writeErr(formatDiagnostic(d) + '\n');
    if (!result.ok || !result.bytes) return EXIT.FAILURE;
    const out = args.value('-o') ?? input.replace(/\.(asm|nasm|s)$/i, '') + (format === 'elf32' ? '.o' : '.bin');
    if (path.resolve(out) === path.resolve(input))
      throw new UsageError(`the output '${out}' would overwrite the source`, 'give -o another file');
    writeOutput(out, result.bytes);
    if (listing && result.listing !== undefined) writeOutput(out.replace(/\.[^./]*$/, '') + '.lst', result.listing);
    return EXIT.OK;
  },
};
