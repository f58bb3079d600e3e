// The one place where every number shared by the guest kernel and the host lives
// (docs/ARCHITECTURE.md, "Kernel interface"). The kernel's assembly sources `%include "abi.inc"`, whose
// text is rendered from this file by `renderAbiInc()`; nothing here is written twice.
//
// No Node imports: the debugger and the CLI import this, and so may a browser build.

import { LINUX_SIGNAL, LINUX_SIGNAL_CALLS, LINUX_SIGNAL_CALLS_ARGUMENTS } from './abiSignal';
import { LINUX_FILE, LINUX_FILE_CALLS, LINUX_FILE_CALLS_ARGUMENTS } from './abiFiles';
import { HOSTIO_PROCESS, LINUX_PROCESS_CALLS, LINUX_PROCESS_CALLS_ARGUMENTS } from './abiProcess';
import { LINUX_TIME, LINUX_TIME_CALLS, LINUX_TIME_CALLS_ARGUMENTS } from './abiTime';
import { HOSTIO_FS, LINUX_FS, LINUX_FS_CALLS, LINUX_FS_CALLS_ARGUMENTS } from './abiFs';
import { HOSTIO_WAIT, LINUX_WAIT_CALLS, LINUX_WAIT_CALLS_ARGUMENTS } from './abiWait';
import { LINUX_THREAD_CALLS, LINUX_THREAD_CALLS_ARGUMENTS } from './abiThread';

export { LINUX_SIGNAL } from './abiSignal';
export { LINUX_FILE } from './abiFiles';
export { LINUX_FS } from './abiFs';

/** Syscall numbers of the native interface (`int 0x30` and the KIP stub; EAX = number). */
export const SYSCALL = {
  /** exit(EBX = status): ends the whole program. */
  EXIT: 0,
  /** write(EBX = pointer, ECX = length) to the console; returns the byte count. */
  WRITE: 1,
  /** map(EBX = length in bytes): fresh zeroed read/write pages; returns their address. */
  MAP: 2,
  /** unmap(EBX = address, ECX = length): releases pages obtained from map. */
  UNMAP: 3,
  /** thread_create(EBX = entry, ECX = stack top, EDX = argument); returns the thread id. */
  THREAD_CREATE: 4,
  /** thread_exit(): ends the calling thread. */
  THREAD_EXIT: 5,
  /** thread_yield(): gives the rest of the time slice to the next ready thread. */
  THREAD_YIELD: 6,
  /** sleep(EBX = timer ticks). */
  SLEEP: 7,
  /** kernel_info(EBX = item, one of INFO): returns one dword. */
  KERNEL_INFO: 8,
} as const;

/** Items of the kernel_info syscall. */
export const INFO = {
  MECHANISM: 0,
  CPU_SIGNATURE: 1,
  TICKS: 2,
  THREAD_ID: 3,
  KIP_ADDRESS: 4,
  FREE_PAGES: 5,
  THREAD_COUNT: 6,
  TIMER_HZ: 7,
  /** The boot seed the loader passed (BOOT_OPTION seed=), 0 without one. */
  BOOT_SEED: 8,
} as const;

/** Error results of native syscalls (EAX, as signed dwords). */
export const ERROR = {
  NOSYS: -1,
  /** A pointer or length names memory the caller may not use. */
  FAULT: -2,
  INVAL: -3,
  NOMEM: -4,
  /** No free thread slot. */
  LIMIT: -5,
} as const;

/** Linux i386 personality on `int 0x80` (numbers from arch/x86/entry/syscalls/syscall_32.tbl). */
export const LINUX = {
  VECTOR: 0x80,
  SYS_EXIT: 1,
  SYS_WRITE: 4,
  SYS_GETPID: 20,
  SYS_BRK: 45,
  SYS_MUNMAP: 91,
  SYS_UNAME: 122,
  SYS_MMAP2: 192,
  SYS_GETTID: 224,
  SYS_EXIT_GROUP: 252,
  SYS_CLOCK_GETTIME: 265,
  // The host I/O calls (linux_io.asm; docs/HOSTIO.md).
  SYS_READ: 3,
  SYS_OPEN: 5,
  SYS_CLOSE: 6,
  SYS_UNLINK: 10,
  SYS_TIME: 13,
  SYS_LSEEK: 19,
  SYS_ACCESS: 33,
  SYS_MKDIR: 39,
  SYS_RMDIR: 40,
  SYS_DUP: 41,
  SYS_FCNTL: 55,
  SYS_DUP2: 63,
  SYS_GETTIMEOFDAY: 78,
  SYS_LLSEEK: 140,
  SYS_READV: 145,
  SYS_WRITEV: 146,
  SYS_NANOSLEEP: 162,
  SYS_STAT64: 195,
  SYS_LSTAT64: 196,
  SYS_FSTAT64: 197,
  SYS_GETDENTS64: 220,
  SYS_FCNTL64: 221,
  SYS_CLOCK_NANOSLEEP: 267,
  SYS_OPENAT: 295,
  SYS_MKDIRAT: 296,
  SYS_FSTATAT64: 300,
  SYS_UNLINKAT: 301,
  SYS_FACCESSAT: 307,
  SYS_DUP3: 330,
  SYS_STATX: 383,
  SYS_CLOCK_GETTIME64: 403,
  SYS_CLOCK_NANOSLEEP_TIME64: 407,
  SYS_FACCESSAT2: 439,
  // errno values (include/uapi/asm-generic/errno-base.h, errno.h for ENOSYS, ELOOP).
  EPERM: 1,
  ENOENT: 2,
  EINTR: 4,
  EIO: 5,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  EMFILE: 24,
  ENOTTY: 25,
  EFBIG: 27,
  ENOSPC: 28,
  ESPIPE: 29,
  EROFS: 30,
  EPIPE: 32,
  ERANGE: 34,
  EOVERFLOW: 75,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ELOOP: 40,
  /** openat's "relative to the current directory" (include/uapi/linux/fcntl.h). */
  AT_FDCWD: -100,
  AT_SYMLINK_NOFOLLOW: 0x100,
  AT_REMOVEDIR: 0x200,
  AT_EMPTY_PATH: 0x1000,
  /** clock ids (include/uapi/linux/time.h). */
  CLOCK_REALTIME: 0,
  CLOCK_MONOTONIC: 1,
  CLOCK_PROCESS_CPUTIME_ID: 2,
  CLOCK_THREAD_CPUTIME_ID: 3,
  CLOCK_MONOTONIC_RAW: 4,
  CLOCK_REALTIME_COARSE: 5,
  CLOCK_MONOTONIC_COARSE: 6,
  CLOCK_BOOTTIME: 7,
  /** clock_nanosleep flag. */
  TIMER_ABSTIME: 1,
  /** The pid every program sees. */
  PID: 1,
  /** The size of a `struct new_utsname` field. */
  UTS_FIELD: 65,
} as const;

/**
 * How many argument registers each native call reads, in the order EBX, ECX, EDX, ESI, EDI
 * (the comments of SYSCALL say which); a tracer prints that many. One entry per call: a new
 * call without one does not compile.
 */
export const SYSCALL_ARGUMENTS: Readonly<Record<keyof typeof SYSCALL, number>> = {
  EXIT: 1,
  WRITE: 2,
  MAP: 1,
  UNMAP: 2,
  THREAD_CREATE: 3,
  THREAD_EXIT: 0,
  THREAD_YIELD: 0,
  SLEEP: 1,
  KERNEL_INFO: 1,
};

/** The same for the Linux personality's calls (their i386 Linux argument counts). */
export const LINUX_ARGUMENTS: Readonly<Record<Extract<keyof typeof LINUX, `SYS_${string}`>, number>> = {
  SYS_EXIT: 1,
  SYS_WRITE: 3,
  SYS_GETPID: 0,
  SYS_BRK: 1,
  SYS_MUNMAP: 2,
  SYS_UNAME: 1,
  SYS_MMAP2: 5,
  SYS_GETTID: 0,
  SYS_EXIT_GROUP: 1,
  SYS_CLOCK_GETTIME: 2,
  // The host I/O calls.
  SYS_READ: 3,
  SYS_OPEN: 3,
  SYS_CLOSE: 1,
  SYS_UNLINK: 1,
  SYS_TIME: 1,
  SYS_LSEEK: 3,
  SYS_ACCESS: 2,
  SYS_MKDIR: 2,
  SYS_RMDIR: 1,
  SYS_DUP: 1,
  SYS_FCNTL: 3,
  SYS_DUP2: 2,
  SYS_GETTIMEOFDAY: 2,
  SYS_LLSEEK: 5,
  SYS_READV: 3,
  SYS_WRITEV: 3,
  SYS_NANOSLEEP: 2,
  SYS_STAT64: 2,
  SYS_LSTAT64: 2,
  SYS_FSTAT64: 2,
  SYS_GETDENTS64: 3,
  SYS_FCNTL64: 3,
  SYS_CLOCK_NANOSLEEP: 4,
  SYS_OPENAT: 4,
  SYS_MKDIRAT: 3,
  SYS_FSTATAT64: 4,
  SYS_UNLINKAT: 3,
  SYS_FACCESSAT: 3,
  SYS_DUP3: 3,
  SYS_STATX: 5,
  SYS_CLOCK_GETTIME64: 2,
  SYS_CLOCK_NANOSLEEP_TIME64: 4,
  SYS_FACCESSAT2: 4,
};

/** System-call mechanisms, as advertised in the KIP (docs/ARCHITECTURE.md). */
export const MECHANISM = {
  INT: 0,
  CALL_GATE: 1,
  SYSENTER: 2,
  SYSCALL: 3,
} as const;

export type MechanismName = 'int' | 'callgate' | 'sysenter' | 'syscall';
export const MECHANISM_NAMES: readonly MechanismName[] = ['int', 'callgate', 'sysenter', 'syscall'];

/**
 * The kernel's preference order when the boot option is `mechanism=auto`: the first one the
 * CPU really supports wins. `int` is last and always available.
 */
export const MECHANISM_PREFERENCE: readonly number[] = [
  MECHANISM.SYSENTER,
  MECHANISM.SYSCALL,
  MECHANISM.CALL_GATE,
  MECHANISM.INT,
];

/** Discovery modes (boot option `discovery=`). */
export const DISCOVERY = {
  LOCK_NOP: 0,
  SHARED_PAGE: 1,
} as const;

/**
 * Boot options: the words `NAME=VALUE` of the Multiboot command line (cmdline.asm parses
 * them; the kernel reports an unknown option or a bad value on the console and ignores it;
 * a word without '=', such as the kernel's file name QEMU puts first, is skipped).
 * - `discovery=lock-nop|shared-page`: how programs find the KIP (default lock-nop).
 * - `mechanism=auto|int|callgate|sysenter|syscall`: the mechanism the KIP advertises
 *   (default auto: the first of MECHANISM_PREFERENCE that works on this CPU).
 * - `kip=ADDRESS`: the KIP's address, page aligned, in [ADDRESS.MAP_END, ADDRESS.USER_END).
 * - `seed=NUMBER`: the loader's per-boot entropy (32 bits; 0x hex or decimal), like a boot
 *   loader's KASLR seed. The kernel mixes it with the time-stamp counter (the PIT count on
 *   CPUs without TSC) to pick the default KIP page. On a machine whose clock is
 *   deterministic (ours: the TSC counts retired instructions) the same seed gives the same
 *   page, so a run can be repeated exactly. Our loader always passes one.
 * - `tty=0|1`, `stack=BYTES`: see below (the Linux personality).
 * Values are rendered into abi.inc as `%define BOOT_OPTION_NAME "name="`.
 */
export const BOOT_OPTION = {
  DISCOVERY: 'discovery',
  MECHANISM: 'mechanism',
  KIP: 'kip',
  SEED: 'seed',
  /** `tty=1`: the console is a terminal (fstat says character device, TCGETS answers);
   *  `tty=0` (default): a pipe, and terminal ioctls get -ENOTTY. */
  TTY: 'tty',
  /** `stack=BYTES`: a Linux program's stack size (default LINUX_CALLS.STACK_DEFAULT, a page
   *  multiple from 64 KiB to LINUX_CALLS.STACK_MAX). */
  STACK: 'stack',
} as const;

/** The command-line word that sets boot option `name` to `value`. */
export function bootOption(name: (typeof BOOT_OPTION)[keyof typeof BOOT_OPTION], value: string): string {
  return `${name}=${value}`;
}

/** The `lock nop` answer (EAX = KIP address, ECX, EDX, ESI below). */
export const API = {
  VERSION: 0x00010000,
  /** Bit 0: little endian, 32-bit; bit 1: the KIP carries a syscall stub. */
  FLAGS: 0x00000003,
  /** "i3lk" read as a little-endian dword. */
  KERNEL_ID: 0x6b6c3369,
} as const;

/** Kernel Interface Page layout: byte offsets of the fields (all dwords unless noted). */
export const KIP = {
  MAGIC_VALUE: 0x3650494b, // "KIP6"
  MAGIC: 0x00,
  VERSION: 0x04,
  FLAGS: 0x08,
  KERNEL_ID: 0x0c,
  MECHANISM: 0x10,
  STUB_OFFSET: 0x14,
  STUB_LENGTH: 0x18,
  DISCOVERY: 0x1c,
  /** 3 (no AC toggle), 4 (AC toggles, no CPUID), or the CPUID family. */
  CPU_CLASS: 0x20,
  /** Bits of CPU_FLAG. */
  CPU_FLAGS: 0x24,
  /** 12 characters of the CPUID vendor, then 4 zero bytes. */
  VENDOR: 0x28,
  SIGNATURE: 0x38,
  FAMILY: 0x3c,
  MODEL: 0x40,
  STEPPING: 0x44,
  FEATURES_EDX: 0x48,
  EXT_FEATURES_EDX: 0x4c,
  /** Bit n set when mechanism n works on this CPU. */
  MECHANISMS_AVAILABLE: 0x50,
  TIMER_HZ: 0x54,
  /** The KIP's own linear address in this address space. */
  SELF: 0x58,
  CALL_GATE_SELECTOR: 0x5c,
  INT_VECTOR: 0x60,
  SYSCALL_COUNT: 0x64,
  /** Where the stub for the advertised mechanism is copied. */
  STUB: 0x300,
  /** Room for the stub. */
  STUB_MAX: 0x100,
} as const;

/** Bits of KIP.CPU_FLAGS: what detection saw. */
export const CPU_FLAG = {
  AC_TOGGLES: 1 << 0,
  ID_TOGGLES: 1 << 1,
  SEP_REPORTED: 1 << 2,
  SEP_TRUSTED: 1 << 3,
  SYSCALL_REPORTED: 1 << 4,
  INTEL: 1 << 5,
  AMD: 1 << 6,
  MSR: 1 << 7,
  TSC: 1 << 8,
} as const;

/** CPUID bits the detection reads (SDM Vol.2A CPUID; AMD APM Vol.3 E.4.2). */
export const CPUID_BITS = {
  EDX_TSC: 1 << 4,
  EDX_MSR: 1 << 5,
  EDX_SEP: 1 << 11,
  EXT_EDX_SYSCALL: 1 << 11,
  /** SEP is trusted on Intel parts only from signature family 6, model 3, stepping 3 on. */
  SEP_MIN_SIGNATURE: 0x633,
} as const;

/** Model-specific registers (SDM Vol.4 table 2-2; AMD APM Vol.2 6.1.1). */
export const MSR = {
  SYSENTER_CS: 0x174,
  SYSENTER_ESP: 0x175,
  SYSENTER_EIP: 0x176,
  EFER: 0xc0000080,
  STAR: 0xc0000081,
  EFER_SCE: 1 << 0,
} as const;

/** GDT selectors. The order kernel code, kernel data, user code, user data is what
 *  SYSENTER/SYSEXIT (CS+8, CS+16, CS+24) and SYSCALL/SYSRET (STAR) require. */
export const SELECTOR = {
  KERNEL_CODE: 0x08,
  KERNEL_DATA: 0x10,
  USER_CODE: 0x1b,
  USER_DATA: 0x23,
  TSS: 0x28,
  /** DPL3 call gate to the kernel's call-gate entry (RPL 3). GDT entries 6-8 (0x33, 0x3b,
   *  0x43) are the Linux TLS entries (LINUX_TLS), as on Linux i386. */
  CALL_GATE: 0x4b,
  /** The LDT descriptor (modify_ldt's table; DPL 0, loaded with LLDT). */
  LDT: 0x50,
} as const;

/** Interrupt vectors. */
export const VECTOR = {
  /** The native `int` entry, DPL3 so ring 3 may use it. */
  SYSCALL_INT: 0x30,
  LINUX_INT: 0x80,
  /** The PIC is remapped so IRQ 0..15 arrive at 0x20..0x2f. */
  IRQ_BASE: 0x20,
  DB: 1,
  UD: 6,
  /** #NM: the kernel's lazy FPU switch (fpu.asm). */
  NM: 7,
  PF: 14,
  MF: 16,
} as const;

/** Fixed linear addresses of a user address space. */
export const ADDRESS = {
  /** Identity-mapped, supervisor-only kernel region [0, KERNEL_REGION_END). */
  KERNEL_REGION_END: 0x01000000,
  /** Lowest and highest+1 user-accessible address. */
  USER_START: 0x01000000,
  USER_END: 0x80000000,
  /** Where flat binaries are loaded and entered. */
  FLAT_LOAD: 0x01000000,
  /** The main thread's stack: top, and how much is mapped below it (a guard page follows). */
  STACK_TOP: 0x7f000000,
  STACK_SIZE: 0x00010000,
  /** map() hands out pages upward from here. */
  MAP_BASE: 0x40000000,
  MAP_END: 0x70000000,
  /** The Windows XP "SharedUserData" address; the stub sits at +0x300. */
  SHARED_PAGE: 0x7ffe0000,
  /** Default KIP placement: a page in [KIP_WINDOW, KIP_WINDOW + KIP_WINDOW_PAGES pages),
   *  chosen at boot from the time-stamp counter (or the PIT counter), so it is not constant. */
  KIP_WINDOW: 0x7f800000,
  KIP_WINDOW_PAGES: 0x400,
} as const;

/** Kernel-side limits and timing. */
export const LIMIT = {
  MAX_THREADS: 32,
  TIMER_HZ: 100,
  /** PIT input clock / TIMER_HZ (SDM is silent; 8254 data sheet: 1.193182 MHz). */
  PIT_DIVISOR: 11932,
  /** Largest single write() the console accepts. */
  MAX_WRITE: 0x100000,
} as const;

/**
 * Thread states, the dword at TCB_STATE of each thread control block. The debugger reads the
 * kernel's thread table through kernel symbols (equ values of frame.inc and kernel.asm):
 * - `TCB_TABLE`: LIMIT.MAX_THREADS blocks of `TCB_SIZE` bytes; `current_thread`: a dword,
 *   the index of the slot that runs (or ran last, while the kernel idles).
 * - per block: `TCB_STATE` (below), `TCB_WAKE` (tick a sleeper wakes at), `TCB_ID` (thread
 *   id, 1 for the main thread, never reused), `TCB_ENTRY` (the user address it started at),
 *   `TCB_FRAME` (a saved trap frame of `FRAME_SIZE` bytes, fields at the `F_*` offsets:
 *   F_EAX .. F_EDI, F_EIP, F_CS, F_EFLAGS, F_USER_ESP, F_USER_SS, F_VECTOR, F_ERROR).
 * Where a thread's user registers are: READY and SLEEPING threads, in TCB_FRAME. The
 * RUNNING thread, in the CPU while it runs at CPL 3; while the kernel serves it (CPL 0),
 * in the trap frame at `USER_FRAME` (the top of the one kernel stack); its TCB_FRAME is
 * stale then. A FREE slot holds no thread: one that ended (exit or fault) is FREE at once.
 * There is no blocked state besides sleeping.
 */
export const THREAD_STATE = {
  FREE: 0,
  READY: 1,
  SLEEPING: 2,
  RUNNING: 3,
} as const;

/** Multiboot v1 (Multiboot Specification 0.6.96, section 3). */
export const MULTIBOOT = {
  HEADER_MAGIC: 0x1badb002,
  /** Bit 0: page-align modules; bit 1: memory info; bit 16: the address fields are valid. */
  HEADER_FLAGS: 0x00010003,
  BOOT_MAGIC: 0x2badb002,
  INFO_FLAG_MEM: 1 << 0,
  INFO_FLAG_CMDLINE: 1 << 2,
  INFO_FLAG_MODS: 1 << 3,
  /** Offsets in the multiboot information structure. */
  INFO_FLAGS: 0,
  INFO_MEM_LOWER: 4,
  INFO_MEM_UPPER: 8,
  INFO_CMDLINE: 16,
  INFO_MODS_COUNT: 20,
  INFO_MODS_ADDR: 24,
  /** Offsets in a module entry. */
  MOD_START: 0,
  MOD_END: 4,
  /** The module's string (its file name and arguments: the program's argv). */
  MOD_STRING: 8,
  /** The physical address the kernel image is linked and loaded at. */
  KERNEL_LOAD: 0x00100000,
} as const;

/** Debug ports of the machine (QEMU: -debugcon, -device isa-debug-exit). */
export const PORT = {
  CONSOLE: 0xe9,
  /** Writing status S here powers off; QEMU's process exit code is then S*2+1. */
  POWER_OFF: 0xf4,
  /** The host I/O device (docs/HOSTIO.md): IN dword = HOSTIO.MAGIC when present (all ones on
   *  a machine without it, QEMU included); OUT dword = physical address of a request block. */
  HOSTIO: 0x5a0,
  /** The host I/O device's log channel: OUT byte = one byte of the kernel's log. */
  HOSTIO_LOG: 0x5a4,
} as const;

/**
 * The host I/O device's protocol (docs/HOSTIO.md). The kernel fills a request block in its
 * identity-mapped memory and writes its physical address to PORT.HOSTIO; the device performs
 * the operation before the OUT retires and stores the result in the block. Addresses of
 * user buffers in a request are linear addresses of the address space whose page directory
 * (CR3) the block names; the device walks those page tables and refuses (-EFAULT) anything
 * that is not a present user page (writable ones when it writes). Results are Linux style:
 * a count or descriptor, or -errno (LINUX.E*). A 64-bit result (lseek, clock) uses RESULT
 * and RESULT_HIGH.
 */
export const HOSTIO = {
  /** "HIO1" read as a little-endian dword. */
  MAGIC: 0x314f4948,
  /** Request block layout: byte offsets of dwords. */
  REQ_OP: 0,
  REQ_PAGE_DIRECTORY: 4,
  REQ_ARG0: 8,
  REQ_ARG1: 12,
  REQ_ARG2: 16,
  REQ_ARG3: 20,
  REQ_ARG4: 24,
  REQ_RESULT: 28,
  REQ_RESULT_HIGH: 32,
  REQ_PROCESS: 36, // the process the request is made for (its descriptors, its directory)
  REQ_SIZE: 40,
  /** Operations (arguments ARG0.. in the order of the Linux call named). */
  OP_WRITE: 1, // fd, buffer, count
  OP_READ: 2, // fd, buffer, count
  OP_WRITEV: 3, // fd, iovec array, count
  OP_READV: 4, // fd, iovec array, count
  OP_OPENAT: 5, // dirfd, path, flags, mode
  OP_CLOSE: 6, // fd
  OP_LSEEK: 7, // fd, offset low, offset high, whence -> 64-bit position
  OP_FSTAT64: 8, // fd, struct stat64
  OP_FSTATAT64: 9, // dirfd, path, struct stat64, flags
  OP_STATX: 10, // dirfd, path, flags, mask, struct statx
  OP_FACCESSAT: 11, // dirfd, path, mode, flags
  OP_GETDENTS64: 12, // fd, buffer, count
  OP_DUP: 13, // fd
  OP_DUP2: 14, // fd, new fd
  OP_DUP3: 15, // fd, new fd, flags
  OP_FCNTL: 16, // fd, command, argument
  OP_UNLINKAT: 17, // dirfd, path, flags
  OP_MKDIRAT: 18, // dirfd, path, mode
  /** clock id (LINUX.CLOCK_*) -> RESULT = seconds, RESULT_HIGH = nanoseconds. */
  OP_CLOCK: 19,
  OP_CHDIR: 20, // path: the current directory of AT_FDCWD paths
  OP_FCHDIR: 21, // fd of a directory
  OP_GETCWD: 22, // buffer, size -> length with the NUL, -ERANGE when it does not fit
  OP_PREAD: 23, // fd, buffer, count, offset low, offset high (for file mmap; -EACCES when write-only)
  ...HOSTIO_PROCESS,
  ...HOSTIO_FS,
  ...HOSTIO_WAIT,
  OP_MAP_OPEN: 31, // fd, writable -> a handle on the open file for a MAP_SHARED map (RESULT_HIGH: file id)
  OP_MAP_WRITE: 32, // handle, buffer, count, offset low, offset high: write-back, never past the file's end
  OP_MAP_CLOSE: 33, // handle
  OP_FTRUNCATE: 34, // fd, length low, length high
  OP_READLINKAT: 35, // dirfd, path, buffer, size -> the link's length (cut at size)
  /** Where a `--seed` run's realtime clock starts (seconds since 1970): 2000-01-01 00:00 UTC. */
  FAKE_EPOCH_SECONDS: 946684800,
} as const;

// ---- Linux personality: process image, TLS, memory, start-up calls -----------------------
// Numbers from Linux's arch/x86/entry/syscalls/syscall_32.tbl, include/uapi/asm-generic
// (errno, mman, resource), arch/x86/include/uapi/asm (ldt.h, auxvec.h) and
// include/uapi/linux/auxvec.h.

/** More Linux i386 system calls (same `LINUX_` prefix in abi.inc as LINUX). */
export const LINUX_CALLS = {
  ...LINUX_SIGNAL_CALLS,
  ...LINUX_FILE_CALLS,
  ...LINUX_PROCESS_CALLS,
  ...LINUX_TIME_CALLS,
  ...LINUX_FS_CALLS,
  ...LINUX_WAIT_CALLS,
  ...LINUX_THREAD_CALLS,
  SYS_GETUID: 24,
  SYS_KILL: 37,
  SYS_GETGID: 47,
  SYS_GETEUID: 49,
  SYS_GETEGID: 50,
  SYS_IOCTL: 54,
  SYS_GETPPID: 64,
  SYS_GETRLIMIT: 76,
  SYS_READLINK: 85,
  SYS_MODIFY_LDT: 123,
  SYS_MPROTECT: 125,
  SYS_SIGPROCMASK: 126,
  SYS_PRCTL: 172,
  SYS_RT_SIGACTION: 174,
  SYS_RT_SIGPROCMASK: 175,
  SYS_MREMAP: 163,
  SYS_SIGACTION: 67,
  SYS_UGETRLIMIT: 191,
  SYS_GETUID32: 199,
  SYS_GETGID32: 200,
  SYS_GETEUID32: 201,
  SYS_GETEGID32: 202,
  SYS_MADVISE: 219,
  SYS_SET_THREAD_AREA: 243,
  SYS_GET_THREAD_AREA: 244,
  SYS_TKILL: 238,
  SYS_SET_TID_ADDRESS: 258,
  SYS_TGKILL: 270,
  SYS_SET_ROBUST_LIST: 311,
  SYS_PRLIMIT64: 340,
  SYS_GETRANDOM: 355,
  SYS_RSEQ: 386,
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EEXIST: 17,
  ENODEV: 19,
  ENOTTY: 25,
  ERANGE: 34,
  ENAMETOOLONG: 36,
  /** GDT entries of the TLS descriptors: set_thread_area's entry numbers (Linux i386). */
  TLS_ENTRY_MIN: 6,
  TLS_ENTRIES: 3,
  /** Entries of the process's LDT (Linux has 8192; modify_ldt refuses higher numbers). */
  LDT_ENTRIES: 64,
  /** sizeof(struct user_desc). */
  USER_DESC_SIZE: 16,
  /** The uid and gid every program sees (like a root shell in a container). */
  UID: 0,
  GID: 0,
  /** getrlimit resource numbers. */
  RLIMIT_STACK: 3,
  /** mmap protection and flags. */
  PROT_WRITE: 2,
  MAP_PRIVATE: 0x02,
  MAP_FIXED: 0x10,
  MAP_ANONYMOUS: 0x20,
  MREMAP_MAYMOVE: 1,
  MREMAP_FIXED: 2,
  /** ioctl TCGETS, and sizeof(struct termios) for it (kernel struct, 36 bytes on i386). */
  TCGETS: 0x5401,
  TIOCGWINSZ: 0x5413,
  TERMIOS_SIZE: 36,
  /** Where a static-PIE (ET_DYN without PT_INTERP) is loaded, as qemu-i386 and Linux do. */
  PIE_BASE: 0x56555000,
  /** The vDSO's address (one page, read-only, code + ELF headers). */
  VDSO: 0x7f700000, // between the stack top and the KIP window, out of the KIP's random range
  /** Default stack size (ulimit -s 8192), and the largest --stack accepts. */
  STACK_DEFAULT: 0x00800000,
  STACK_MAX: 0x10000000,
  /** The physical-memory window: all RAM mapped at this linear address for the kernel. */
  PHYS_WINDOW: 0xc0000000,
  /** Largest RAM the window covers. */
  MAX_MEMORY: 0x40000000,
  /** The argument block (Multiboot module 1): magic, argc, envc, then the strings. */
  ARGS_MAGIC: 0x56475241, // "ARGV"
  ARGS_MAX: 0x00020000,
  /** Exit status when the program cannot be loaded (like a shell's 'cannot execute'). */
  EXEC_FAILED: 126,
} as const;

/** The auxiliary vector's entry types (include/uapi/linux/auxvec.h, asm/auxvec.h). */
export const AUXV = {
  NULL: 0,
  PHDR: 3,
  PHENT: 4,
  PHNUM: 5,
  PAGESZ: 6,
  BASE: 7,
  FLAGS: 8,
  ENTRY: 9,
  UID: 11,
  EUID: 12,
  GID: 13,
  EGID: 14,
  PLATFORM: 15,
  HWCAP: 16,
  CLKTCK: 17,
  SECURE: 23,
  RANDOM: 25,
  EXECFN: 31,
  SYSINFO: 32,
  SYSINFO_EHDR: 33,
} as const;

/** Argument counts of LINUX_CALLS, as LINUX_ARGUMENTS. */
export const LINUX_CALLS_ARGUMENTS: Readonly<Record<Extract<keyof typeof LINUX_CALLS, `SYS_${string}`>, number>> = {
  ...LINUX_SIGNAL_CALLS_ARGUMENTS,
  ...LINUX_FILE_CALLS_ARGUMENTS,
  ...LINUX_PROCESS_CALLS_ARGUMENTS,
  ...LINUX_TIME_CALLS_ARGUMENTS,
  ...LINUX_FS_CALLS_ARGUMENTS,
  ...LINUX_WAIT_CALLS_ARGUMENTS,
  ...LINUX_THREAD_CALLS_ARGUMENTS,
  SYS_GETUID: 0,
  SYS_KILL: 2,
  SYS_TKILL: 2,
  SYS_GETGID: 0,
  SYS_GETEUID: 0,
  SYS_GETEGID: 0,
  SYS_IOCTL: 3,
  SYS_GETPPID: 0,
  SYS_GETRLIMIT: 2,
  SYS_READLINK: 3,
  SYS_MODIFY_LDT: 3,
  SYS_MPROTECT: 3,
  SYS_SIGPROCMASK: 3,
  SYS_PRCTL: 5,
  SYS_RT_SIGACTION: 4,
  SYS_RT_SIGPROCMASK: 4,
  SYS_MREMAP: 5,
  SYS_SIGACTION: 3,
  SYS_UGETRLIMIT: 2,
  SYS_GETUID32: 0,
  SYS_GETGID32: 0,
  SYS_GETEUID32: 0,
  SYS_GETEGID32: 0,
  SYS_MADVISE: 3,
  SYS_SET_THREAD_AREA: 1,
  SYS_GET_THREAD_AREA: 1,
  SYS_SET_TID_ADDRESS: 1,
  SYS_TGKILL: 3,
  SYS_SET_ROBUST_LIST: 2,
  SYS_PRLIMIT64: 4,
  SYS_GETRANDOM: 3,
  SYS_RSEQ: 4,
};

/**
 * Software bits of a not-present page-table entry (the AVL bits, SDM Vol.3 4.3 Table 4-6): the
 * kernel reads them in its #PF handler, the debugger to tell a fault the kernel answers.
 */
export const PTE_SOFTWARE = {
  /** PROT_NONE: not present, but in use. */
  NONE: 0x200,
  /** Mapped; the frame is given at the first touch (demand paging). */
  LAZY: 0x400,
  /** MAP_SHARED: the frame is shared, not copied, by fork. */
  SHARED: 0x800,
  /** The same bit as LAZY, on a PTE that has a frame (a lazy page never has one): a private
   *  writable page whose frame fork shared; it is mapped read-only, and the first write (the
   *  CPU's #PF, or the kernel's user_check) copies the frame, or takes it over when no other
   *  process maps it any more. */
  COW: 0x400,
} as const;

type Table = Readonly<Record<string, number>>;

const TABLES: Array<[string, Table]> = [
  ['SYS', SYSCALL],
  ['INFO', INFO],
  ['E', ERROR],
  ['LINUX', LINUX],
  ['LINUX', LINUX_CALLS],
  ['LINUX_SIG', LINUX_SIGNAL],
  ['LINUX_TIME', LINUX_TIME],
  ['AT', AUXV],
  ['MECH', MECHANISM],
  ['DISCOVERY', DISCOVERY],
  ['API', API],
  ['KIP', KIP],
  ['CPU_FLAG', CPU_FLAG],
  ['CPUID', CPUID_BITS],
  ['MSR', MSR],
  ['SEL', SELECTOR],
  ['PTE', PTE_SOFTWARE],
  ['VEC', VECTOR],
  ['ADDR', ADDRESS],
  ['LIMIT', LIMIT],
  ['THREAD', THREAD_STATE],
  ['MB', MULTIBOOT],
  ['PORT', PORT],
  ['HOSTIO', HOSTIO],
  ['LINUX_FILE', LINUX_FILE],
  ['LINUX_FS', LINUX_FS],
];

function hex(value: number): string {
  if (value < 0) return String(value);
  return '0x' + (value >>> 0).toString(16).toUpperCase();
}

/** The ABI as NASM source: one `%define PREFIX_NAME value` per number. */
export function renderAbiInc(): string {
  const lines = ['; Generated from src/kernel/abi.ts by renderAbiInc(); do not edit.'];
  for (const [prefix, table] of TABLES) {
    lines.push('');
    for (const [name, value] of Object.entries(table)) {
      lines.push(`%define ${prefix}_${name} ${hex(value)}`);
    }
  }
  lines.push('');
  for (const [name, value] of Object.entries(BOOT_OPTION)) lines.push(`%define BOOT_OPTION_${name} "${value}="`);
  lines.push('');
  lines.push(`%define MECH_PREFERENCE ${MECHANISM_PREFERENCE.join(', ')}`);
  lines.push(`%define MECH_PREFERENCE_COUNT ${MECHANISM_PREFERENCE.length}`);
  return lines.join('\n') + '\n';
}
