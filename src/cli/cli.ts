// `i386-lab`: the command line over the layers (docs/ARCHITECTURE.md, "Contracts").
import { MODELS } from '../emulator/cpu/models';
import { dapCommand } from './dap';
import { asmCommand } from './asm';
import { benchCommand } from './bench';
import { demoCommand } from './demo';
import { runCommand } from './run';

const USAGE = `usage: i386-lab <command> [options]

commands:
  models [--json]     the emulated CPU models
  asm FILE.asm [-o OUT] [-f bin|elf32] [--listing] [-I DIR] [-D NAME[=VALUE]]
                      assemble (NASM dialect); errors as file:line:col: error: message
  dap                 the debug adapter (Debug Adapter Protocol on stdin/stdout)
  run PROGRAM [--cpu MODEL] [--discovery lock-nop|shared-page] [--mechanism M] [--kip ADDR]
      [--seed N] [--trace syscalls] [--max-instructions N] [--json] [-- ARGS...]
                      run a program (.asm, ELF32, flat .bin) under the guest kernel
  run --bare IMAGE --load-at ADDR [--entry reset|ADDR] [--cpu MODEL] [--max-instructions N] [--trace-ports]
                      run a flat image on the machine without the kernel
  demo                every model: lock nop, CPUID, the mechanism the kernel advertises, its stub, round-trip cost
  bench [--json] [--suite cpu|asm|kernel|dap]
                      benchmarks: emulator MIPS against native and qemu-i386, assembler against nasm
`;

function printModels(json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(MODELS.map((m) => ({ ...m, features: [...m.features] }))) + '\n');
    return;
  }
  const rows = MODELS.map((m) => {
    const sig = m.cpuid ? `${m.cpuid.vendor} ${m.cpuid.family}/${m.cpuid.model}/${m.cpuid.stepping}` : 'no CPUID';
    return [m.id, m.name, sig, [...m.features].join(' ') || '-', m.notes];
  });
  const header = ['id', 'name', 'CPUID vendor family/model/stepping', 'features', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) {
    process.stdout.write(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ') + '\n');
  }
}

/** The exit status; commands that wait on other processes (bench) return it as a promise. */
export function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'asm':
      return asmCommand(rest);
    case 'dap':
      return dapCommand();
    case 'models':
      printModels(rest.includes('--json'));
      return 0;
    case 'run':
      return runCommand(rest);
    case 'demo':
      return demoCommand(rest);
    case 'bench':
      return benchCommand(rest);
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`i386-lab: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((status) => {
    process.exitCode = status;
  });
}
