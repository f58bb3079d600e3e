// The host I/O device's interfaces: the ABI numbers it speaks and the host functions it is given
// (docs/HOSTIO.md). No Node API.

/** The ABI numbers the device speaks (the kernel's ABI file supplies them). */
export interface HostIoNumbers {
  port: number;
  logPort: number;
  protocol: {
    MAGIC: number;
    REQ_OP: number;
    REQ_PAGE_DIRECTORY: number;
    REQ_ARG0: number;
    REQ_RESULT: number;
    REQ_RESULT_HIGH: number;
    OP_WRITE: number;
    OP_READ: number;
    OP_WRITEV: number;
    OP_READV: number;
    OP_OPENAT: number;
    OP_CLOSE: number;
    OP_LSEEK: number;
    OP_FSTAT64: number;
    OP_FSTATAT64: number;
    OP_STATX: number;
    OP_FACCESSAT: number;
    OP_GETDENTS64: number;
    OP_DUP: number;
    OP_DUP2: number;
    OP_DUP3: number;
    OP_FCNTL: number;
    OP_UNLINKAT: number;
    OP_MKDIRAT: number;
    OP_CLOCK: number;
    OP_CHDIR: number;
    OP_FCHDIR: number;
    OP_GETCWD: number;
    OP_PREAD: number;
    REQ_PROCESS: number;
    OP_PIPE: number;
    OP_FORK_FILES: number;
    OP_EXIT_FILES: number;
    OP_EXEC_FILES: number;
    OP_PREAD_PHYS: number;
    OP_ABSOLUTE_PHYS: number;
    OP_POLL: number;
    OP_SELECT: number;
    POLLIN: number;
    POLLOUT: number;
    POLLERR: number;
    POLLHUP: number;
    POLLNVAL: number;
    BLOCK: number;
    COPY_ON_WRITE: number;
    PIPE_SIZE: number;
    OP_MAP_OPEN: number;
    OP_MAP_WRITE: number;
    OP_MAP_CLOSE: number;
    OP_FTRUNCATE: number;
    OP_READLINKAT: number;
    OP_RENAMEAT2: number;
    OP_LINKAT: number;
    OP_SYMLINKAT: number;
    OP_FCHMODAT: number;
    OP_FCHOWNAT: number;
    OP_UTIMENSAT: number;
    OP_PWRITE: number;
    OP_FSYNC: number;
    OP_TRUNCATE: number;
    OP_STATFS: number;
    OP_FLOCK: number;
    OP_SENDFILE: number;
    OP_GETDENTS: number;
    OP_FADVISE: number;
    OP_MKNODAT: number;
    OP_PREADV: number;
    OP_PWRITEV: number;
    FILL_RANDOM: number;
  };
  errno: {
    ENOENT: number;
    EBADF: number;
    EAGAIN: number;
    EPIPE: number;
    EFAULT: number;
    EINVAL: number;
    EMFILE: number;
    ENOTDIR: number;
    EISDIR: number;
    ESPIPE: number;
    ENAMETOOLONG: number;
    ERANGE: number;
    ENOSYS: number;
    EACCES: number;
    EPERM: number;
    EEXIST: number;
    ELOOP: number;
    ENOSPC: number;
    EOVERFLOW: number;
    AT_FDCWD: number;
    AT_SYMLINK_NOFOLLOW: number;
    AT_REMOVEDIR: number;
    AT_EMPTY_PATH: number;
    CLOCK_REALTIME: number;
    CLOCK_MONOTONIC: number;
    CLOCK_PROCESS_CPUTIME_ID: number;
    CLOCK_THREAD_CPUTIME_ID: number;
    CLOCK_MONOTONIC_RAW: number;
    CLOCK_REALTIME_COARSE: number;
    CLOCK_MONOTONIC_COARSE: number;
    CLOCK_BOOTTIME: number;
  };
  file: {
    O_ACCMODE: number;
    O_RDONLY: number;
    O_WRONLY: number;
    O_CREAT: number;
    O_EXCL: number;
    O_NOFOLLOW: number;
    O_NONBLOCK: number;
    O_DIRECTORY: number;
    O_CLOEXEC: number;
    F_DUPFD: number;
    F_GETFD: number;
    F_SETFD: number;
    F_GETFL: number;
    F_SETFL: number;
    F_DUPFD_CLOEXEC: number;
    FD_CLOEXEC: number;
    SEEK_SET: number;
    SEEK_CUR: number;
    SEEK_END: number;
    MAX_FDS: number;
  };
  /** The file-system calls' constants (LINUX_FS). */
  fs: HostIoFsNumbers;
  /** The largest transfer of one read or write (a longer one is cut short, as Linux may). */
  maxTransfer: number;
  /** The process id of the first program: the descriptor table 0, 1, 2 start in. */
  firstProcess: number;
  /** The PTE bit of a copy-on-write page (the device refuses stores there: protocol.COPY_ON_WRITE). */
  pteCopyOnWrite: number;
}

/** LINUX_FS's numbers the device uses. */
export interface HostIoFsNumbers {
  S_IFMT: number;
  S_IFREG: number;
  S_IFCHR: number;
  S_IFLNK: number;
  S_IFBLK: number;
  S_IFIFO: number;
  S_IFSOCK: number;
  S_IFDIR: number;
  RENAME_NOREPLACE: number;
  RENAME_EXCHANGE: number;
  RENAME_WHITEOUT: number;
  AT_SYMLINK_FOLLOW: number;
  UTIME_NOW: number;
  UTIME_OMIT: number;
  TIMES_TIMESPEC32: number;
  TIMES_TIMESPEC64: number;
  TIMES_TIMEVAL: number;
  TIMES_UTIMBUF: number;
  STATFS_SIZE: number;
  STATFS64_SIZE: number;
  ST_RDONLY: number;
  ST_VALID: number;
  LOCK_SH: number;
  LOCK_EX: number;
  LOCK_NB: number;
  LOCK_UN: number;
  FADV_MAX: number;
  DEV_NULL: number;
  DEV_ZERO: number;
  DEV_FULL: number;
  DEV_RANDOM: number;
  DEV_URANDOM: number;
  DEV_TTY: number;
  ENXIO: number;
  EXDEV: number;
  EOPNOTSUPP: number;
}

/** What statfs tells of the file system holding a path (the counts in blocks of `bsize`). */
export interface HostStatFs {
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  namelen: number;
  readOnly: boolean;
}

/** What stat tells, in Linux's terms (st_mode bits as in <sys/stat.h>). */
export interface HostStat {
  dev: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atime: HostTime;
  mtime: HostTime;
  ctime: HostTime;
  btime: HostTime;
}

export interface HostTime {
  seconds: number;
  nanoseconds: number;
}

/** A directory entry; `type` is Linux's DT_* value. */
export interface HostDirEntry {
  name: Uint8Array;
  ino: number;
  type: number;
}

/** An open host file. Numbers returned are counts, or -errno. */
export interface HostFile {
  readonly directory: boolean;
  /** The O_* flags it was opened with (F_GETFL). */
  readonly flags: number;
  read(into: Uint8Array): number;
  /** `bytes` is only valid during the call. */
  write(bytes: Uint8Array): number;
  /** The new position, or -errno. */
  seek(offset: number, whence: number): number;
  /** `bytes` written at `offset` whatever the position and O_APPEND (a shared mapping's
   *  write-back): the count, or -errno. */
  writeAt(bytes: Uint8Array, offset: number): number;
  /** ftruncate: 0 or -errno. */
  truncate(length: number): number;
  stat(): HostStat | number;
  /** fchmod, fchown (-1: unchanged), futimens (undefined: unchanged), fsync, fstatfs: 0 or -errno. */
  chmod(mode: number): number;
  chown(uid: number, gid: number): number;
  utimes(atime: HostTime | undefined, mtime: HostTime | undefined): number;
  sync(): number;
  statfs(): HostStatFs | number;
  /** Every entry, "." and ".." first (directories only). */
  entries(): HostDirEntry[] | number;
  close(): void;
}

/** A view of host files by absolute guest path ("/..."); absent: the program has none. */
export interface HostFiles {
  open(path: string, flags: number, mode: number): HostFile | number;
  stat(path: string, follow: boolean): HostStat | number;
  access(path: string, mode: number): number;
  unlink(path: string, directory: boolean): number;
  mkdir(path: string, mode: number): number;
  /** The text of the symbolic link at `path` (EINVAL when it is not one), or -errno. */
  readlink(path: string): Uint8Array | number;
  /** rename (flags 0, RENAME_NOREPLACE or RENAME_EXCHANGE): 0 or -errno. */
  rename(from: string, to: string, flags: number): number;
  /** A hard link `to` of `from` (its last link followed when `follow`). */
  link(from: string, to: string, follow: boolean): number;
  symlink(target: Uint8Array, path: string): number;
  /** chmod, chown (-1: unchanged) and utimes (undefined: unchanged) of the path's file (its
   *  last link followed when `follow`). */
  chmod(path: string, mode: number, follow: boolean): number;
  chown(path: string, uid: number, gid: number, follow: boolean): number;
  utimes(path: string, atime: HostTime | undefined, mtime: HostTime | undefined, follow: boolean): number;
  truncate(path: string, length: number): number;
  statfs(path: string): HostStatFs | number;
  /** An empty regular file (mknod with S_IFREG), the mode's permission bits as given. */
  mknod(path: string, mode: number): number;
}

export type HostStream = 'stdout' | 'stderr';

/** The host functions the device needs, injected by whoever builds the machine. */
export interface HostIo {
  /** The program's output (`bytes` is only valid during the call); blocks while the host
   *  cannot take it (back-pressure). The count written, or -errno. */
  write(stream: HostStream, bytes: Uint8Array): number;
  /** Bytes of standard input into `into`: the count, 0 at end of input, or -errno. */
  readStdin(into: Uint8Array): number;
  /** One byte of the kernel's log. */
  log(byte: number): void;
  /** The realtime clock, or the emulated monotonic one. */
  clock(kind: 'realtime' | 'monotonic'): HostTime;
  files?: HostFiles;
  /** Whether standard input is a terminal (/dev/tty opens only then; else ENXIO). */
  terminal?: boolean;
}
