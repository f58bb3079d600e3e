// The current-directory calls and pread64 of the Linux personality (numbers from Linux's
// arch/x86/entry/syscalls/syscall_32.tbl). abi.ts adds them to LINUX_CALLS, so abi.inc has them
// as LINUX_SYS_* and the syscall trace names them. No Node imports.

export const LINUX_FILE_CALLS = {
  SYS_CHDIR: 12,
  SYS_FCHDIR: 133,
  SYS_GETCWD: 183,
  SYS_PREAD64: 180,
} as const;

/** Argument counts of LINUX_FILE_CALLS. */
export const LINUX_FILE_CALLS_ARGUMENTS: Readonly<Record<keyof typeof LINUX_FILE_CALLS, number>> = {
  SYS_CHDIR: 1,
  SYS_FCHDIR: 1,
  SYS_GETCWD: 2,
  SYS_PREAD64: 5,
};
