// Threads of the Linux personality: clone's thread flags, futex, sched_yield,
// sched_getaffinity (numbers from Linux's arch/x86/entry/syscalls/syscall_32.tbl,
// include/uapi/linux/sched.h, include/uapi/linux/futex.h, include/uapi/asm-generic/errno.h).
// abi.ts adds them to LINUX_CALLS (abi.inc: LINUX_*, and the syscall trace names the calls).
// No Node imports.

export const LINUX_THREAD_CALLS = {
  SYS_SCHED_YIELD: 158,
  SYS_FUTEX: 240,
  SYS_SCHED_GETAFFINITY: 242,
  SYS_FUTEX_TIME64: 422,
  ETIMEDOUT: 110,
  /** clone flags a thread of the process is made with (besides CLONE_VM, CLONE_THREAD, ...). */
  CLONE_FS: 0x200,
  CLONE_FILES: 0x400,
  CLONE_SIGHAND: 0x800,
  CLONE_SYSVSEM: 0x40000,
  /** futex operations (the low 7 bits of op) and the flags above them. */
  FUTEX_WAIT: 0,
  FUTEX_WAKE: 1,
  FUTEX_REQUEUE: 3,
  FUTEX_CMP_REQUEUE: 4,
  FUTEX_WAKE_OP: 5,
  FUTEX_WAIT_BITSET: 9,
  FUTEX_WAKE_BITSET: 10,
  FUTEX_CMD_MASK: 0x7f,
  FUTEX_PRIVATE_FLAG: 0x80,
  FUTEX_CLOCK_REALTIME: 0x100,
  /** FUTEX_WAKE_OP's encoded operation: op (bits 28-31, 8 = oparg is a shift), cmp (24-27),
   *  oparg (12-23), cmparg (0-11). */
  FUTEX_OP_OPARG_SHIFT: 8,
  /** Robust futexes: the owner's tid in the low bits of the word, and the two flag bits. */
  FUTEX_WAITERS: 0x80000000,
  FUTEX_OWNER_DIED: 0x40000000,
  FUTEX_TID_MASK: 0x3fffffff,
  /** sizeof(struct robust_list_head): list, futex_offset, list_op_pending. */
  ROBUST_LIST_HEAD_SIZE: 12,
  /** Entries of a robust list walked at a thread's end (Linux's ROBUST_LIST_LIMIT). */
  ROBUST_LIST_LIMIT: 2048,
  /** sched_getaffinity: the CPUs there are (one), as the bytes of an unsigned long mask. */
  CPU_MASK_BYTES: 4,
} as const;

/** Argument counts of LINUX_THREAD_CALLS. */
export const LINUX_THREAD_CALLS_ARGUMENTS: Readonly<
  Record<Extract<keyof typeof LINUX_THREAD_CALLS, `SYS_${string}`>, number>
> = {
  SYS_SCHED_YIELD: 0,
  SYS_FUTEX: 6,
  SYS_SCHED_GETAFFINITY: 3,
  SYS_FUTEX_TIME64: 6,
};
