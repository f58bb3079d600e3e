// Boots the kernel with one program on QEMU, for trying things by hand:
//   npx tsc -p tsconfig.json && node out/test/kernel/boot-qemu.js examples/ask-kernel.asm \
//       [--model pentium-ii] [--append "mechanism=int"] [--elf] [--instruction-clock]
// Prints the console and the exit status. The kernel and the program are assembled with
// NASM (abi.inc rendered from src/kernel/abi.ts into a scratch directory).

import * as path from 'node:path';
import { NasmBuild, missingTools } from './nasm';
import { QEMU_MODELS, QemuMachine } from './qemu';

async function main(argv: string[]): Promise<number> {
  let program: string | undefined;
  let model = 'pentium-ii';
  let cmdline = '';
  let elf = false;
  let instructionClock = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--model') model = argv[++i];
    else if (a === '--append') cmdline = argv[++i];
    else if (a === '--elf') elf = true;
    else if (a === '--instruction-clock') instructionClock = true;
    else if (!a.startsWith('--') && program === undefined) program = a;
    else {
      process.stderr.write(`boot-qemu: unknown argument '${a}'\n`);
      return 2;
    }
  }
  if (!program) {
    process.stderr.write(
      `usage: boot-qemu PROGRAM.asm [--model ${Object.keys(QEMU_MODELS).join('|')}] [--append OPTIONS] [--elf] [--instruction-clock]\n`,
    );
    return 2;
  }
  const machine = new QemuMachine();
  const missing = missingTools() ?? machine.unavailable();
  if (missing) {
    process.stderr.write(`boot-qemu: ${missing}\n`);
    return 2;
  }
  const build = new NasmBuild();
  const result = await machine.boot({
    kernel: build.kernel(),
    program: build.program(path.resolve(program), elf ? 'elf' : 'bin'),
    cmdline,
    model,
    instructionClock,
  });
  process.stdout.write(result.console);
  if (result.timedOut) process.stderr.write('boot-qemu: timed out\n');
  return result.exitStatus ?? 1;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(`boot-qemu: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
