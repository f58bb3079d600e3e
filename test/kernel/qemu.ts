// QEMU as the kernel's real-machine oracle: `-kernel` is QEMU's Multiboot loader, the
// program goes in as module 0 (`-initrd`), the console is port 0xE9 (`-debugcon stdio`) and
// port 0xF4 powers off (`isa-debug-exit`, process exit code = status * 2 + 1, 8 bits).

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBootSeed, seedWord } from '../../src/debugcore/kernelMachine';
import { BootRequest, BootResult, KernelMachine, parseConsole } from './machine';

interface QemuModel {
  binary: 'qemu-system-i386' | 'qemu-system-x86_64';
  cpu: string;
}

/**
 * Our model ids as QEMU can play them. QEMU has no 80386 (it always has CPUID and
 * EFLAGS.AC), so i386-early, i386 and i486-nocpuid are left to our emulator. The signatures
 * are set to those of src/isa/models.ts where QEMU's differ, so the SEP rule sees
 * the same numbers. TCG offers SYSCALL (CPUID 80000001h EDX bit 11) only in the x86_64
 * binary, which runs the 32-bit kernel just the same.
 */
export const QEMU_MODELS: Readonly<Record<string, QemuModel>> = {
  i486: { binary: 'qemu-system-i386', cpu: '486' },
  pentium: { binary: 'qemu-system-i386', cpu: 'pentium' },
  'pentium-pro': { binary: 'qemu-system-i386', cpu: 'pentium2,model=1,stepping=2' },
  'pentium-ii': { binary: 'qemu-system-i386', cpu: 'pentium2,model=3,stepping=3' },
  'k6-2': {
    binary: 'qemu-system-x86_64',
    cpu: 'pentium,vendor=AuthenticAMD,family=5,model=8,stepping=12,+syscall,xlevel=0x80000001',
  },
  athlon: { binary: 'qemu-system-x86_64', cpu: 'athlon,model=4,stepping=2,+syscall' },
  /** QEMU's own generic 32-bit CPU (family 6 model 6 stepping 3). */
  qemu32: { binary: 'qemu-system-i386', cpu: 'qemu32' },
};

function hasBinary(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

export class QemuMachine implements KernelMachine {
  readonly name = 'qemu';
  /** QEMU's clock follows the host's, even with -icount (interrupts land on host timers). */
  readonly deterministic = false;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-qemu-'));
  private serial = 0;
  /** Boots at once: as many as there are CPUs, so timers (the PIT, timeouts) stay honest. */
  private readonly slots = Math.max(2, os.cpus().length);
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  unavailable(): string | undefined {
    for (const binary of ['qemu-system-i386', 'qemu-system-x86_64']) {
      if (!hasBinary(binary)) return `${binary} is not installed`;
    }
    return undefined;
  }

  models(): string[] {
    return Object.keys(QEMU_MODELS);
  }

  async boot(request: BootRequest): Promise<BootResult> {
    if (this.running >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await this.bootNow(request);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private bootNow(request: BootRequest): Promise<BootResult> {
    const model = QEMU_MODELS[request.model];
    if (!model) return Promise.reject(new Error(`QEMU cannot play model '${request.model}'`));
    const id = this.serial++;
    const seed = request.seed ?? randomBootSeed();
    const kernelPath = path.join(this.dir, `kernel-${id}.bin`);
    const programPath = path.join(this.dir, `program-${id}.bin`);
    fs.writeFileSync(kernelPath, request.kernel);
    fs.writeFileSync(programPath, request.program);
    const args = [
      '-display',
      'none',
      '-no-reboot',
      '-m',
      '64',
      '-cpu',
      model.cpu,
      '-kernel',
      kernelPath,
      '-initrd',
      [programPath, ...(request.programArgs ?? [])].join(' '),
      '-append',
      `${request.cmdline} ${seedWord(seed)}`.trimStart(),
      '-debugcon',
      'stdio',
      '-device',
      'isa-debug-exit,iobase=0xf4,iosize=1',
    ];
    if (request.instructionClock) args.push('-icount', 'shift=0');
    return new Promise((resolve, reject) => {
      const child = spawn(model.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, request.timeoutMs ?? 20000);
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        fs.rmSync(kernelPath, { force: true });
        fs.rmSync(programPath, { force: true });
        const text = Buffer.concat(out).toString('latin1');
        const status = code !== null && code % 2 === 1 ? (code - 1) / 2 : undefined;
        const result = { ...parseConsole(text, status, timedOut), givenSeed: seed };
        if (!timedOut && status === undefined) {
          reject(new Error(`${model.binary} exited with ${code}: ${Buffer.concat(err).toString()}`));
          return;
        }
        resolve(result);
      });
    });
  }
}
