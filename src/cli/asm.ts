// `i386-lab asm FILE.asm [-o OUT] [-f bin|elf32] [--listing] [-I DIR] [-D NAME[=VALUE]]`: our
// NASM-dialect assembler. `%include "abi.inc"` is the kernel ABI (rendered from
// src/kernel/abi.ts), as `run` serves it; every other include is read from disk, relative to
// the including file, as written, or under each -I directory. A `[map]` directive writes NASM's
// map file (relative to the working directory, or to stdout/stderr).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../asm/index';
import { assembleProgram } from '../kernel/build';
import type { Command } from './cli';
import { readInput, writeOutput } from './files';
import { ASM_SPEC } from './commandSpecs';
import { EXIT, UsageError } from './options';
import { writeErr, writeOut } from './output';

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
    const out = args.value('-o') ?? input.replace(/\.(asm|nasm|s)$/i, '') + (format === 'elf32' ? '.o' : '.bin');
    const result = assembleProgram(source, input, readInclude, {
      format,
      includePaths: args.values('-I'),
      defines: Object.fromEntries(args.values<[string, string]>('-D')),
      listing,
      outputFile: out,
    });
    for (const d of result.diagnostics) writeErr(formatDiagnostic(d) + '\n');
    if (!result.ok || !result.bytes) return EXIT.FAILURE;
    if (path.resolve(out) === path.resolve(input))
      throw new UsageError(`the output '${out}' would overwrite the source`, 'give -o another file');
    writeOutput(out, result.bytes);
    if (listing && result.listing !== undefined) writeOutput(out.replace(/\.[^./]*$/, '') + '.lst', result.listing);
    // A [map] file goes where NASM puts it: a path relative to the working directory, or a stream.
    if (result.map) {
      const to = result.map.to;
      if (to === 'stdout') writeOut(result.map.text);
      else if (to === 'stderr') writeErr(result.map.text);
      else writeOutput(to.path, result.map.text);
    }
    return EXIT.OK;
  },
};
