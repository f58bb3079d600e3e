// `i386-lab abi [-o FILE]`: the kernel ABI include (abi.inc) for programs assembled with
// another assembler (nasm): rendered from src/kernel/abi.ts, the text `run` and `asm` serve.
import { renderAbiInc } from '../kernel/abi';
import type { Command } from './cli';
import { writeOutput } from './files';
import { EXIT } from './options';
import { writeOut } from './output';

export const abiCommand: Command = {
  spec: {
    name: 'abi',
    summary: 'the kernel ABI include (abi.inc) for nasm users: on stdout, or written to -o FILE',
    positionals: [],
    options: [{ name: '-o', value: 'FILE', help: 'write it to FILE (e.g. abi.inc) instead of stdout' }],
    notes: 'Example: i386-lab abi -o abi.inc && nasm -f bin examples/ask-kernel.asm -I . -o ask-kernel.bin',
  },
  main: (args) => {
    const out = args.value('-o');
    if (out === undefined) writeOut(renderAbiInc());
    else writeOutput(out, renderAbiInc());
    return EXIT.OK;
  },
};
