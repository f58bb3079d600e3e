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
import { EXIT, UsageError } from './options';
import { writeErr } from './output';

function readInclude(file: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function define(text: string): [string, string] {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  if (!/^[A-Za-z_.?$][A-Za-z0-9_.?$@#~]*$/.test(name)) throw new UsageError(`'${text}' is not NAME or NAME=VALUE`);
  return [name, eq < 0 ? '' : text.slice(eq + 1)];
}

export const asmCommand: Command = {
  spec: {
    name: 'asm',
    summary: 'assemble (NASM dialect): flat binary or ELF32 object; errors as file:line:col: error: message',
    positionals: ['FILE.asm'],
    options: [
      { name: '-o', value: 'OUT', help: 'the output file (default: FILE with .bin, or .o for -f elf32)' },
      {
        name: '-f',
        value: 'FORMAT',
        choices: ['bin', 'elf32'],
        help: 'bin (default, NASM -f bin) or elf32 (a relocatable object, NASM -f elf32)',
      },
      { name: '--listing', short: '-l', help: "also write OUT.lst in NASM's -l layout" },
      { name: '-I', value: 'DIR', repeatable: true, help: 'look for %include files in DIR too' },
      {
        name: '-D',
        value: 'NAME[=VALUE]',
        repeatable: true,
        parse: define,
        help: 'define a single-line macro, as %define NAME VALUE',
      },
    ],
    notes:
      '%include "abi.inc" is the kernel ABI, as run serves it (i386-lab abi writes it for nasm).\nExit status: 0 assembled, 1 assembly errors or OUT not written, 2 usage error.',
  },
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
