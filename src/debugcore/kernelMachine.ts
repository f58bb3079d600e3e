// The guest kernel booted on a Machine the way a Multiboot loader (QEMU's -kernel/-initrd)
// does it: planMultibootBoot() says what goes where, this carries it out. The one place
// that does so for the debugger's kernel launch, the CLI's `run`, `demo`, the bench and the
// kernel tests on our machine.
//
// Like a boot loader handing the kernel a KASLR seed, the loader passes per-boot entropy on
// the command line (boot option seed=, abi.ts BOOT_OPTION): the caller's seed, or 32 bits of
// host randomness. Our machine's clock is deterministic, so a boot given the same seed again
// places the KIP on the same page and runs the same instructions.

import { BOOT_OPTION, HOSTIO, LIMIT, LINUX, LINUX_FILE, LINUX_FS, PORT, PTE_SOFTWARE, bootOption } from '../kernel/abi';
import { HostIoDevice, type HostFiles, type HostIoNumbers, type HostStream, type HostTime } from '../emulator';
import { PIT_HZ } from '../emulator';
import { planMultibootBoot, type MultibootModule } from '../kernel/multiboot';
import { Machine } from '../emulator';
import { EAX, EBX } from '../emulator';
import type { ModelId } from '../isa/models';

export interface KernelBootRequest {
  /** The kernel image (flat Multiboot binary, src/kernel/build.ts). */
  kernel: Uint8Array;
  /** Module 0 is the user program; its string is argv. */
  modules: MultibootModule[];
  /** The kernel command line (src/kernel/cmdline.asm), e.g. "kernel mechanism=int", without seed=. */
  cmdline: string;
  model: ModelId;
  memoryBytes: number;
  /** The boot seed (an unsigned 32-bit number); host randomness when absent. */
  seed?: number;
  /**
   * The host side of the host I/O device (docs/HOSTIO.md). Without it the machine has no such
   * device and the kernel keeps everything on the console port, as on QEMU.
   */
  hostIo?: KernelHostIo;
  /** Block entries before code is compiled (Machine's compileThreshold); the engine's default when absent. */
  compileThreshold?: number;
  /** The machine lives as long as the process (Machine's processLifetimeRam); default false. */
  processLifetimeRam?: boolean;
}

/** What the host I/O device reaches on the host. */
export interface KernelHostIo {
  /** The program's fd 1 and 2 (the count written, or -errno); may block (back-pressure). */
  write(stream: HostStream, bytes: Uint8Array): number;
  /** Standard input into `into`: the count, 0 at its end, or -errno. */
  readStdin(into: Uint8Array): number;
  /** A byte of the kernel's log. */
  log(byte: number): void;
  /** The guest's file system; none when absent. */
  files?: HostFiles;
  /** Whether stdin is a terminal (the guest's /dev/tty). */
  terminal?: boolean;
  /** 'host': the host's clock; 'fixed': HOSTIO.FAKE_EPOCH_SECONDS plus the machine's time, so a seeded run repeats. */
  realtime: 'host' | 'fixed';
}

/** The device's numbers, from the kernel ABI. */
export const HOSTIO_NUMBERS: HostIoNumbers = {
  port: PORT.HOSTIO,
  logPort: PORT.HOSTIO_LOG,
  protocol: HOSTIO,
  errno: LINUX,
  file: LINUX_FILE,
  fs: LINUX_FS,
  maxTransfer: LIMIT.MAX_WRITE,
  firstProcess: LINUX.PID,
  pteCopyOnWrite: PTE_SOFTWARE.COW,
};

/** The machine's own time: its PIT input clocks (one per retired instruction, plus skipped idle time). */
function machineTime(machine: Machine): HostTime {
  const clocks = machine.timers.pit.now;
  const seconds = Math.floor(clocks / PIT_HZ);
  return { seconds, nanoseconds: Math.floor(((clocks - seconds * PIT_HZ) * 1e9) / PIT_HZ) };
}

/** The device's clocks: monotonic is the machine's time; realtime the host's, or the fake epoch plus the machine's. */
export function hostClock(machine: Machine, kind: 'realtime' | 'monotonic', realtime: 'host' | 'fixed'): HostTime {
  const t = machineTime(machine);
  if (kind === 'monotonic') return t;
  if (realtime === 'fixed') return { seconds: HOSTIO.FAKE_EPOCH_SECONDS + t.seconds, nanoseconds: t.nanoseconds };
  const ms = Date.now();
  return { seconds: Math.floor(ms / 1000), nanoseconds: (ms % 1000) * 1e6 };
}

function attachHostIo(machine: Machine, io: KernelHostIo): HostIoDevice {
  const clock = (kind: 'realtime' | 'monotonic'): HostTime => hostClock(machine, kind, io.realtime);
  const device = new HostIoDevice(
    machine.memory,
    {
      write: (stream, bytes) => io.write(stream, bytes),
      readStdin: (into) => io.readStdin(into),
      log: (byte) => io.log(byte),
      clock,
      files: io.files,
      terminal: io.terminal,
    },
    HOSTIO_NUMBERS,
  );
  device.attach(machine.io);
  return device;
}

export type KernelBoot =
  | { ok: true; machine: Machine; end: number; seed: number; cmdline: string; hostIo?: HostIoDevice }
  | { ok: false; error: string };

/** 32 bits of host randomness (Web Crypto, also a global in Node). */
export function randomBootSeed(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0];
}

/** `seed=0x...` with eight digits, so every seed costs the kernel the same instructions. */
export function seedWord(seed: number): string {
  return bootOption(BOOT_OPTION.SEED, '0x' + (seed >>> 0).toString(16).padStart(8, '0'));
}

export function isBootSeed(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/**
 * A machine in the Multiboot entry state (Multiboot spec 3.2): 32-bit protected mode, flat
 * segments, paging and interrupts off, EAX = the magic, EBX = the information structure.
 */
export function bootKernelMachine(request: KernelBootRequest): KernelBoot {
  if (request.cmdline.split(' ').some((word) => word.startsWith(`${BOOT_OPTION.SEED}=`))) {
    return {
      ok: false,
      error: `the command line '${request.cmdline}' sets ${BOOT_OPTION.SEED}= itself; give the seed as the boot's seed instead`,
    };
  }
  if (request.seed !== undefined && !isBootSeed(request.seed)) {
    return { ok: false, error: `the boot seed ${request.seed} is not a number from 0 to 0xffffffff` };
  }
  const seed = request.seed ?? randomBootSeed();
  const cmdline = `${request.cmdline} ${seedWord(seed)}`.trimStart();
  const plan = planMultibootBoot({
    kernel: request.kernel,
    modules: request.modules,
    cmdline,
    memoryBytes: request.memoryBytes,
  });
  if (!plan.ok) return { ok: false, error: plan.error };
  if (plan.plan.end > request.memoryBytes) {
    return {
      ok: false,
      error: `the kernel and the program need ${plan.plan.end} bytes of RAM, more than the machine's ${request.memoryBytes}`,
    };
  }
  const machine = new Machine({
    memoryBytes: request.memoryBytes,
    model: request.model,
    compileThreshold: request.compileThreshold,
    processLifetimeRam: request.processLifetimeRam,
  });
  for (const l of plan.plan.loads) machine.memory.load(l.bytes, l.address);
  for (const z of plan.plan.zero) machine.memory.load(new Uint8Array(z.length), z.address);
  machine.cpu.setFlat32();
  machine.cpu.regs[EAX] = plan.plan.eax;
  machine.cpu.regs[EBX] = plan.plan.ebx;
  machine.cpu.eip = plan.plan.entry;
  const hostIo = request.hostIo ? attachHostIo(machine, request.hostIo) : undefined;
  return { ok: true, machine, end: plan.plan.end, seed, cmdline, hostIo };
}
