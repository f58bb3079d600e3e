// The current-directory calls, pread64 and the file flags of the Linux personality (numbers from Linux's
// arch/x86/entry/syscalls/syscall_32.tbl). abi.ts adds them to LINUX_CALLS, so abi.inc has them
// as LINUX_SYS_* and the syscall trace names them. No Node imports.

export const LINUX_FILE_CALLS = {
  SYS_CHDIR: 12,
  SYS_FCHDIR: 133,
  SYS_GETCWD: 183,
  SYS_PREAD64: 180,
  SYS_FTRUNCATE: 93,
  SYS_FTRUNCATE64: 194,
  SYS_MSYNC: 144,
  SYS_MINCORE: 218,
  SYS_GETGROUPS: 80,
  SYS_GETGROUPS32: 205,
} as const;

/** Argument counts of LINUX_FILE_CALLS. */
export const LINUX_FILE_CALLS_ARGUMENTS: Readonly<Record<keyof typeof LINUX_FILE_CALLS, number>> = {
  SYS_CHDIR: 1,
  SYS_FCHDIR: 1,
  SYS_GETCWD: 2,
  SYS_PREAD64: 5,
  SYS_FTRUNCATE: 2,
  SYS_FTRUNCATE64: 3,
  SYS_MSYNC: 3,
  SYS_MINCORE: 3,
  SYS_GETGROUPS: 2,
  SYS_GETGROUPS32: 2,
};

/** Linux file flags and commands the host I/O device interprets (include/uapi/asm-generic/fcntl.h, i386). */
export const LINUX_FILE = {
  O_ACCMODE: 3,
  O_RDONLY: 0,
  O_WRONLY: 1,
  O_RDWR: 2,
  O_CREAT: 0x40,
  O_EXCL: 0x80,
  O_TRUNC: 0x200,
  O_APPEND: 0x400,
  O_NONBLOCK: 0x800,
  O_DIRECTORY: 0x10000,
  O_NOFOLLOW: 0x20000,
  O_CLOEXEC: 0x80000,
  F_DUPFD: 0,
  F_GETFD: 1,
  F_SETFD: 2,
  F_GETFL: 3,
  F_SETFL: 4,
  F_DUPFD_CLOEXEC: 1030,
  FD_CLOEXEC: 1,
  SEEK_SET: 0,
  SEEK_CUR: 1,
  SEEK_END: 2,
  /** msync flags (include/uapi/asm-generic/mman-common.h), and MAP_SHARED_VALIDATE. */
  MS_ASYNC: 1,
  MS_INVALIDATE: 2,
  MS_SYNC: 4,
  MAP_SHARED: 0x01,
  MAP_SHARED_VALIDATE: 0x03,
  /** faccessat modes. */
  F_OK: 0,
  X_OK: 1,
  W_OK: 2,
  R_OK: 4,
  /** Open descriptors per program. */
  MAX_FDS: 64,
  /** getdents64 d_type values (include/linux/fs_types.h, DT_* = S_IFMT >> 12). */
  DT_UNKNOWN: 0,
  DT_FIFO: 1,
  DT_CHR: 2,
  DT_DIR: 4,
  DT_BLK: 6,
  DT_REG: 8,
  DT_LNK: 10,
  DT_SOCK: 12,
} as const;
