// The file-system calls that change files or describe them (rename, links, modes, owners, times,
// sync, statfs, umask, ...), the process-information calls next to them (sysinfo, priorities,
// personality), their host I/O device operations and Linux's constants for them. Numbers from
// Linux's arch/x86/entry/syscalls/syscall_32.tbl and include/uapi (fcntl.h, stat.h, fs.h,
// resource.h, sysinfo.h, statfs.h, kdev_t.h). abi.ts adds the calls to LINUX_CALLS (abi.inc:
// LINUX_SYS_*), the operations to HOSTIO and the constants as LINUX_FS_*. No Node imports.

export const LINUX_FS_CALLS = {
  SYS_CREAT: 8,
  SYS_LINK: 9,
  SYS_MKNOD: 14,
  SYS_CHMOD: 15,
  SYS_LCHOWN: 16,
  SYS_UTIME: 30,
  SYS_NICE: 34,
  SYS_SYNC: 36,
  SYS_RENAME: 38,
  SYS_UMASK: 60,
  SYS_SYMLINK: 83,
  SYS_TRUNCATE: 92,
  SYS_FCHMOD: 94,
  SYS_FCHOWN: 95,
  SYS_GETPRIORITY: 96,
  SYS_SETPRIORITY: 97,
  SYS_STATFS: 99,
  SYS_FSTATFS: 100,
  SYS_SYSINFO: 116,
  SYS_FSYNC: 118,
  SYS_PERSONALITY: 136,
  SYS_GETDENTS: 141,
  SYS_FLOCK: 143,
  SYS_FDATASYNC: 148,
  SYS_SCHED_GETPARAM: 155,
  SYS_SCHED_GETSCHEDULER: 157,
  SYS_PWRITE64: 181,
  SYS_CHOWN: 182,
  SYS_SENDFILE: 187,
  SYS_TRUNCATE64: 193,
  SYS_LCHOWN32: 198,
  SYS_FCHOWN32: 207,
  SYS_CHOWN32: 212,
  SYS_SENDFILE64: 239,
  SYS_FADVISE64: 250,
  SYS_STATFS64: 268,
  SYS_FSTATFS64: 269,
  SYS_UTIMES: 271,
  SYS_FADVISE64_64: 272,
  SYS_MKNODAT: 297,
  SYS_FCHOWNAT: 298,
  SYS_FUTIMESAT: 299,
  SYS_RENAMEAT: 302,
  SYS_LINKAT: 303,
  SYS_SYMLINKAT: 304,
  SYS_READLINKAT: 305,
  SYS_FCHMODAT: 306,
  SYS_UTIMENSAT: 320,
  SYS_PREADV: 333,
  SYS_PWRITEV: 334,
  SYS_SYNCFS: 344,
  SYS_RENAMEAT2: 353,
  SYS_UTIMENSAT_TIME64: 412,
} as const;

/** Argument counts of LINUX_FS_CALLS. */
export const LINUX_FS_CALLS_ARGUMENTS: Readonly<Record<keyof typeof LINUX_FS_CALLS, number>> = {
  SYS_CREAT: 2,
  SYS_LINK: 2,
  SYS_MKNOD: 3,
  SYS_CHMOD: 2,
  SYS_LCHOWN: 3,
  SYS_UTIME: 2,
  SYS_NICE: 1,
  SYS_SYNC: 0,
  SYS_RENAME: 2,
  SYS_UMASK: 1,
  SYS_SYMLINK: 2,
  SYS_TRUNCATE: 2,
  SYS_FCHMOD: 2,
  SYS_FCHOWN: 3,
  SYS_GETPRIORITY: 2,
  SYS_SETPRIORITY: 3,
  SYS_STATFS: 2,
  SYS_FSTATFS: 2,
  SYS_SYSINFO: 1,
  SYS_FSYNC: 1,
  SYS_PERSONALITY: 1,
  SYS_GETDENTS: 3,
  SYS_FLOCK: 2,
  SYS_FDATASYNC: 1,
  SYS_SCHED_GETPARAM: 2,
  SYS_SCHED_GETSCHEDULER: 1,
  SYS_PWRITE64: 5,
  SYS_CHOWN: 3,
  SYS_SENDFILE: 4,
  SYS_TRUNCATE64: 3,
  SYS_LCHOWN32: 3,
  SYS_FCHOWN32: 3,
  SYS_CHOWN32: 3,
  SYS_SENDFILE64: 4,
  SYS_FADVISE64: 5,
  SYS_STATFS64: 3,
  SYS_FSTATFS64: 3,
  SYS_UTIMES: 2,
  SYS_FADVISE64_64: 6,
  SYS_MKNODAT: 4,
  SYS_FCHOWNAT: 5,
  SYS_FUTIMESAT: 3,
  SYS_RENAMEAT: 4,
  SYS_LINKAT: 5,
  SYS_SYMLINKAT: 3,
  SYS_READLINKAT: 4,
  SYS_FCHMODAT: 3,
  SYS_UTIMENSAT: 4,
  SYS_PREADV: 5,
  SYS_PWRITEV: 5,
  SYS_SYNCFS: 1,
  SYS_RENAMEAT2: 5,
  SYS_UTIMENSAT_TIME64: 4,
};

/** The host I/O device's file-system operations (docs/HOSTIO.md); a path address of 0 means
 *  the descriptor in the dirfd argument itself. */
export const HOSTIO_FS = {
  OP_RENAMEAT2: 50, // old dirfd, old path, new dirfd, new path, flags (RENAME_*)
  OP_LINKAT: 51, // old dirfd, old path, new dirfd, new path, flags (AT_SYMLINK_FOLLOW)
  OP_SYMLINKAT: 52, // target, new dirfd, new path
  OP_FCHMODAT: 53, // dirfd, path (0: the fd), mode, flags
  OP_FCHOWNAT: 54, // dirfd, path (0: the fd), uid, gid, flags (uid/gid -1: unchanged)
  OP_UTIMENSAT: 55, // dirfd, path (0: the fd), times (0: now), flags, layout (TIMES_*)
  OP_PWRITE: 56, // fd, buffer, count, offset low, offset high
  OP_FSYNC: 57, // fd; -1: every open file (sync)
  OP_TRUNCATE: 58, // path, length low, length high
  OP_STATFS: 59, // fd, path (0: the fd), buffer, layout (STATFS_SIZE or STATFS64_SIZE)
  OP_FLOCK: 60, // fd, operation (LOCK_*)
  OP_SENDFILE: 61, // out fd, in fd, offset pointer (0: the position), count, offset size (4 or 8)
  OP_GETDENTS: 62, // fd, buffer, count: struct linux_dirent (the old one)
  OP_FADVISE: 63, // fd, advice
  OP_MKNODAT: 64, // dirfd, path, mode (with the file type), dev
  OP_PREADV: 65, // fd, iovec array, count, offset low, offset high: the position stays
  OP_PWRITEV: 66, // fd, iovec array, count, offset low, offset high
  /** A read of /dev/random or /dev/urandom: the kernel fills the buffer from getrandom's source. */
  FILL_RANDOM: 520,
} as const;

export const LINUX_FS = {
  /** The umask a process starts with (Linux's init_task: 0022). */
  UMASK_DEFAULT: 0o022,
  S_IALLUGO: 0o7777,
  S_IFMT: 0o170000,
  S_IFSOCK: 0o140000,
  S_IFLNK: 0o120000,
  S_IFREG: 0o100000,
  S_IFBLK: 0o060000,
  S_IFDIR: 0o040000,
  S_IFCHR: 0o020000,
  S_IFIFO: 0o010000,
  /** renameat2 flags. */
  RENAME_NOREPLACE: 1,
  RENAME_EXCHANGE: 2,
  RENAME_WHITEOUT: 4,
  /** linkat's flag (AT_EMPTY_PATH is LINUX.AT_EMPTY_PATH). */
  AT_SYMLINK_FOLLOW: 0x400,
  /** utimensat's special nanoseconds. */
  UTIME_NOW: (1 << 30) - 1,
  UTIME_OMIT: (1 << 30) - 2,
  /** OP_UTIMENSAT layouts: two struct timespec (32-bit), two __kernel_timespec (64-bit),
   *  two struct timeval (utimes, futimesat), one struct utimbuf (utime). */
  TIMES_TIMESPEC32: 0,
  TIMES_TIMESPEC64: 1,
  TIMES_TIMEVAL: 2,
  TIMES_UTIMBUF: 3,
  /** sizeof(struct statfs) and sizeof(struct statfs64) on i386. */
  STATFS_SIZE: 64,
  STATFS64_SIZE: 84,
  /** statfs f_flags (include/linux/statfs.h): ST_RDONLY, and ST_VALID that every answer has. */
  ST_RDONLY: 1,
  ST_VALID: 0x20,
  /** flock operations. */
  LOCK_SH: 1,
  LOCK_EX: 2,
  LOCK_NB: 4,
  LOCK_UN: 8,
  /** posix_fadvise's largest advice (POSIX_FADV_NOREUSE). */
  FADV_MAX: 5,
  /** The device numbers of the synthetic /dev files (major << 8 | minor, as old_encode_dev). */
  DEV_NULL: 0x103,
  DEV_ZERO: 0x105,
  DEV_FULL: 0x107,
  DEV_RANDOM: 0x108,
  DEV_URANDOM: 0x109,
  DEV_TTY: 0x500,
  /** getpriority/setpriority: which, and the nice range. */
  PRIO_PROCESS: 0,
  PRIO_PGRP: 1,
  PRIO_USER: 2,
  NICE_MIN: -20,
  NICE_MAX: 19,
  /** personality: the query value, and the one persona a process starts with (PER_LINUX). */
  PERSONALITY_QUERY: 0xffffffff,
  /** sizeof(struct sysinfo) on i386, and its fields' offsets. */
  SYSINFO_SIZE: 64,
  SYSINFO_UPTIME: 0,
  SYSINFO_TOTALRAM: 16,
  SYSINFO_FREERAM: 20,
  SYSINFO_PROCS: 40,
  SYSINFO_MEM_UNIT: 52,
  /** sched_getscheduler's SCHED_OTHER. */
  SCHED_OTHER: 0,
  /** errno values these calls add (include/uapi/asm-generic/errno-base.h, errno.h). */
  ENXIO: 6,
  EXDEV: 18,
  EOPNOTSUPP: 95,
} as const;
