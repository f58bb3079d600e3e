// The CPU-time calls of the Linux personality: `times`, `getrusage`, `clock_getres`, and the
// layouts they fill (numbers from Linux's arch/x86/entry/syscalls/syscall_32.tbl,
// include/uapi/linux/resource.h, include/uapi/linux/times.h, include/uapi/asm-generic/param.h).
// abi.ts adds the calls to LINUX_CALLS (so the syscall trace names them) and renders LINUX_TIME
// into abi.inc with the prefix LINUX_TIME_. No Node imports.

export const LINUX_TIME_CALLS = {
  SYS_TIMES: 43,
  SYS_GETRUSAGE: 77,
  SYS_CLOCK_GETRES: 266,
  SYS_CLOCK_GETRES_TIME64: 406,
} as const;

/** Argument counts of LINUX_TIME_CALLS. */
export const LINUX_TIME_CALLS_ARGUMENTS: Readonly<Record<keyof typeof LINUX_TIME_CALLS, number>> = {
  SYS_TIMES: 1,
  SYS_GETRUSAGE: 2,
  SYS_CLOCK_GETRES: 2,
  SYS_CLOCK_GETRES_TIME64: 2,
};

/** Numbers and layouts (abi.inc: `LINUX_TIME_<name>`). */
export const LINUX_TIME = {
  /** clock_t's unit for user space (USER_HZ on i386). */
  USER_HZ: 100,
  /** getrusage's `who`. */
  RUSAGE_SELF: 0,
  RUSAGE_CHILDREN: -1,
  RUSAGE_THREAD: 1,
  /** struct rusage (i386, 32-bit longs): ru_utime and ru_stime (struct timeval), then 14 longs. */
  RU_UTIME: 0,
  RU_STIME: 8,
  RU_MAXRSS: 16,
  RU_MINFLT: 32,
  RU_SIZE: 72,
  /** struct tms: tms_utime, tms_stime, tms_cutime, tms_cstime (clock_t). */
  TMS_SIZE: 16,
} as const;
