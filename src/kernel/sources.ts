// The kernel's assembly sources as the host sees them: file names, the main file, and the
// include text the assembler needs (abi.inc is rendered from abi.ts, never stored).
// Reading files is injected, so this module has no Node imports and also works in a browser
// build where the sources come bundled as strings.

import { renderAbiInc } from './abi';

/** The file the kernel is assembled from; it `%include`s the others. */
export const KERNEL_MAIN = 'kernel.asm';

/** Every file under src/kernel/ that the kernel build reads, besides the generated abi.inc. */
export const KERNEL_SOURCE_FILES: readonly string[] = [
  'kernel.asm',
  'frame.inc',
  'boot.asm',
  'console.asm',
  'hostio.asm',
  'cmdline.asm',
  'gdt.asm',
  'traps.asm',
  'detect.asm',
  'timer.asm',
  'mm.asm',
  'sched.asm',
  'fpu.asm',
  'syscalls.asm',
  'linux.asm',
  'linux_io.asm',
  'linux_tls.asm',
  'linux_vdso.asm',
  'linux_mm.asm',
  'linux_proc.asm',
  'linux_signal.asm',
  'linux_sigframe.asm',
  'linux_itimer.asm',
  'linux_time.asm',
  'linux_shm.asm',
  'linux_cow.asm',
  'linux_shmcache.asm',
  'linux_misc.asm',
  'linux_fs.asm',
  'kip.asm',
  'loader.asm',
  'linux_fork.asm',
  'linux_wait.asm',
  'linux_exec.asm',
  'linux_restart.asm',
  'linux_stop.asm',
  'linux_select.asm',
  'linux_sigwait.asm',
  'linux_thread.asm',
  'linux_futex.asm',
];

/** The name under which the rendered ABI is included by the kernel and the examples. */
export const ABI_INCLUDE = 'abi.inc';

/**
 * Reads the kernel sources through `readFile(name)` (a name from KERNEL_SOURCE_FILES) and
 * returns them with abi.inc added: the map an assembler's include resolver can serve from.
 */
export function loadKernelSources(readFile: (name: string) => string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const name of KERNEL_SOURCE_FILES) sources.set(name, readFile(name));
  sources.set(ABI_INCLUDE, renderAbiInc());
  return sources;
}
