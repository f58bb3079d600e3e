// Processes of the Linux personality: fork, exec, wait, pipes and process groups (numbers from
// Linux's arch/x86/entry/syscalls/syscall_32.tbl, include/uapi/asm-generic/errno-base.h,
// include/uapi/linux/wait.h and sched.h), and the host I/O device's per-process operations.
// abi.ts adds the calls to LINUX_CALLS (abi.inc: LINUX_*) and the operations to HOSTIO. No Node
// imports.

export const LINUX_PROCESS_CALLS = {
  SYS_FORK: 2,
  SYS_WAITPID: 7,
  SYS_EXECVE: 11,
  SYS_PIPE: 42,
  SYS_SETPGID: 57,
  SYS_GETPGRP: 65,
  SYS_SETSID: 66,
  SYS_WAIT4: 114,
  SYS_CLONE: 120,
  SYS_GETPGID: 132,
  SYS_GETSID: 147,
  SYS_POLL: 168,
  SYS_VFORK: 190,
  SYS_WAITID: 284,
  SYS_PIPE2: 331,
  E2BIG: 7,
  ENOEXEC: 8,
  ECHILD: 10,
  /** wait4/waitid options. */
  WNOHANG: 1,
  WUNTRACED: 2,
  WEXITED: 4,
  WCONTINUED: 8,
  WNOWAIT: 0x01000000,
  /** waitid id types. */
  P_ALL: 0,
  P_PID: 1,
  P_PGID: 2,
  /** siginfo si_code values of SIGCHLD. */
  CLD_EXITED: 1,
  CLD_KILLED: 2,
  /** clone flags (the low byte is the exit signal). */
  CLONE_VM: 0x100,
  CLONE_SETTLS: 0x80000,
  CLONE_VFORK: 0x4000,
  CLONE_THREAD: 0x10000,
  CLONE_PARENT_SETTID: 0x100000,
  CLONE_CHILD_CLEARTID: 0x200000,
  CLONE_CHILD_SETTID: 0x1000000,
  /** ioctl: the console's foreground process group. */
  TIOCGPGRP: 0x540f,
  TIOCSPGRP: 0x5410,
  /** Processes at once (zombies included); fork beyond is EAGAIN. */
  MAX_PROCESSES: 16,
  /** Largest executable execve reads (bytes); its argv and envp strings may take ARGS_MAX. */
  EXEC_MAX_FILE: 0x00800000,
} as const;

/** Argument counts of LINUX_PROCESS_CALLS. */
export const LINUX_PROCESS_CALLS_ARGUMENTS: Readonly<
  Record<Extract<keyof typeof LINUX_PROCESS_CALLS, `SYS_${string}`>, number>
> = {
  SYS_FORK: 0,
  SYS_WAITPID: 3,
  SYS_EXECVE: 3,
  SYS_PIPE: 1,
  SYS_SETPGID: 2,
  SYS_GETPGRP: 0,
  SYS_SETSID: 0,
  SYS_WAIT4: 4,
  SYS_CLONE: 5,
  SYS_GETPGID: 1,
  SYS_GETSID: 1,
  SYS_POLL: 3,
  SYS_VFORK: 0,
  SYS_WAITID: 5,
  SYS_PIPE2: 2,
};

/**
 * The host I/O device's process operations (docs/HOSTIO.md). Every request names the process
 * it is made for (REQ_PROCESS): the device keeps a descriptor table and a current directory
 * per process.
 */
export const HOSTIO_PROCESS = {
  OP_PIPE: 24, // int fds[2], flags (O_CLOEXEC, O_NONBLOCK)
  OP_FORK_FILES: 25, // child process: a copy of the caller's table (sharing the open files) and directory
  OP_EXIT_FILES: 26, // closes every descriptor of the caller; its table is gone
  OP_EXEC_FILES: 27, // closes the caller's close-on-exec descriptors
  OP_PREAD_PHYS: 28, // fd, physical address, count, offset (kernel buffers for execve)
  OP_ABSOLUTE_PHYS: 29, // path, physical address, size: the absolute guest path with its NUL -> length
  OP_POLL: 30, // struct pollfd array, count: revents filled now -> how many are ready
  /** poll events (include/uapi/asm-generic/poll.h). */
  POLLIN: 1,
  POLLOUT: 4,
  POLLERR: 8,
  POLLHUP: 0x10,
  POLLNVAL: 0x20,
  /** A read or write that must wait (an empty pipe with writers, a full one with readers):
   *  the result -BLOCK tells the kernel to put the thread to sleep and retry the call. */
  BLOCK: 512,
  /** A store the device refused because the page is copy-on-write (PTE_SOFTWARE.COW): the
   *  result -COPY_ON_WRITE, the page in the result's high dword; the kernel gives the page its
   *  own frame and makes the request again. The device answers it only for a request that
   *  changed nothing yet (one that would otherwise be -EFAULT). */
  COPY_ON_WRITE: 513,
  /** Bytes a pipe holds (Linux's default pipe size). */
  PIPE_SIZE: 65536,
} as const;
