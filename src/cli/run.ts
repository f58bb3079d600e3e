// `i386-lab run` (options: runOptions.ts): without --bare, PROGRAM under the kernel
// (runKernel.ts); with --bare, PROGRAM alone on the machine (runBare.ts, loaded only then).
import type { Command } from './cli';
import type { ParsedArgs } from './options';
import { RUN_SPEC, runMode } from './runOptions';
import { runKernelCommand } from './runKernel';

async function runBare(args: ParsedArgs): Promise<number> {
  return (await import('./runBare')).runBareCommand(args);
}

export const runCommand: Command = {
  spec: RUN_SPEC,
  mode: runMode,
  main: (args) => (args.flag('--bare') ? runBare(args) : runKernelCommand(args)),
};
