// Waiting the Linux way: select, pselect6, ppoll, the signal waits and queueing, job control's
// wait statuses, and the codes of calls a signal interrupts (numbers from Linux's
// arch/x86/entry/syscalls/syscall_32.tbl, include/linux/errno.h (the ERESTART* codes, never
// seen by a program), include/uapi/asm-generic/siginfo.h, include/uapi/linux/wait.h and
// include/uapi/linux/posix_types.h). abi.ts adds the calls and numbers to LINUX_CALLS (abi.inc:
// LINUX_*) and the device operation to HOSTIO. No Node imports.

export const LINUX_WAIT_CALLS = {
  SYS_RESTART_SYSCALL: 0,
  SYS_SELECT: 82, // old_select(struct sel_arg_struct *): n, inp, outp, exp, tvp
  SYS__NEWSELECT: 142,
  SYS_RT_SIGTIMEDWAIT: 177,
  SYS_RT_SIGQUEUEINFO: 178,
  SYS_PSELECT6: 308,
  SYS_PPOLL: 309,
  SYS_RT_TGSIGQUEUEINFO: 335,
  SYS_PSELECT6_TIME64: 413,
  SYS_PPOLL_TIME64: 414,
  SYS_RT_SIGTIMEDWAIT_TIME64: 421,
  /** What a call a signal interrupted leaves for the way back to ring 3 (arch/x86/kernel/signal.c):
   *  ERESTARTSYS is made again after a handler with SA_RESTART, EINTR after one without;
   *  ERESTARTNOHAND and ERESTART_RESTARTBLOCK are EINTR after any handler; all are made again when
   *  no handler runs (a stop and a continue), RESTARTBLOCK through restart_syscall. */
  ERESTARTSYS: 512,
  ERESTARTNOHAND: 514,
  ERESTART_RESTARTBLOCK: 516,
  /** select's fd_set: bits of FD_SETSIZE descriptors, copied in and out in longs. */
  FD_SETSIZE: 1024,
  /** siginfo si_code values of SIGCHLD for job control, and of rt_sigqueueinfo. */
  CLD_STOPPED: 5,
  CLD_CONTINUED: 6,
  SI_QUEUE: -1,
  /** wait statuses: stopped by signal N is (N << 8) | WSTOPPED_LOW, continued is WCONTINUED_STATUS. */
  WSTOPPED_LOW: 0x7f,
  WCONTINUED_STATUS: 0xffff,
} as const;

/** Argument counts of LINUX_WAIT_CALLS. */
export const LINUX_WAIT_CALLS_ARGUMENTS: Readonly<
  Record<Extract<keyof typeof LINUX_WAIT_CALLS, `SYS_${string}`>, number>
> = {
  SYS_RESTART_SYSCALL: 0,
  SYS_SELECT: 1,
  SYS__NEWSELECT: 5,
  SYS_RT_SIGTIMEDWAIT: 4,
  SYS_RT_SIGQUEUEINFO: 3,
  SYS_PSELECT6: 6,
  SYS_PPOLL: 5,
  SYS_RT_TGSIGQUEUEINFO: 4,
  SYS_PSELECT6_TIME64: 6,
  SYS_PPOLL_TIME64: 5,
  SYS_RT_SIGTIMEDWAIT_TIME64: 4,
};

/** The host I/O device's select operation (docs/HOSTIO.md). */
export const HOSTIO_WAIT = {
  /** nfds, readfds, writefds, exceptfds, final: each fd_set (FDS_BYTES(nfds), in longs) becomes
   *  the set of its descriptors that are ready -> how many bits are set; -EBADF for a descriptor
   *  that is not open. The sets are written only when some are ready, or when `final` is 1 (the
   *  call returns now: no wait is left). */
  OP_SELECT: 40,
} as const;
