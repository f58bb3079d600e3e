// Linux i386 signals: the calls, the numbers and the frame layouts the kernel's signal code
// (linux_signal.asm) and the host share. abi.ts adds the calls to LINUX_CALLS (so the syscall
// trace names them) and renders the rest into abi.inc with the prefix LINUX_SIG_.
//
// Sources: arch/x86/entry/syscalls/syscall_32.tbl (numbers), arch/x86/include/uapi/asm/signal.h
// (signal numbers, SA_* flags, sigaltstack), include/uapi/asm-generic/siginfo.h (si_code values),
// arch/x86/include/uapi/asm/sigcontext.h (struct sigcontext_32, struct _fpstate_32),
// arch/x86/include/asm/sigframe.h (struct sigframe_ia32, struct rt_sigframe_ia32, struct
// ucontext_ia32), arch/x86/kernel/signal_32.c (retcode bytes, sigreturn frame addresses).
//
// No Node imports.

/** The signal system calls (numbers; same `LINUX_SYS_` names in abi.inc). */
export const LINUX_SIGNAL_CALLS = {
  SYS_ALARM: 27,
  SYS_PAUSE: 29,
  SYS_SIGNAL: 48,
  SYS_SIGSUSPEND: 72,
  SYS_SIGPENDING: 73,
  SYS_SETITIMER: 104,
  SYS_GETITIMER: 105,
  SYS_SIGRETURN: 119,
  SYS_RT_SIGRETURN: 173,
  SYS_RT_SIGPENDING: 176,
  SYS_RT_SIGSUSPEND: 179,
  SYS_SIGALTSTACK: 186,
} as const;

/** Argument counts of LINUX_SIGNAL_CALLS. */
export const LINUX_SIGNAL_CALLS_ARGUMENTS: Readonly<Record<keyof typeof LINUX_SIGNAL_CALLS, number>> = {
  SYS_ALARM: 1,
  SYS_PAUSE: 0,
  SYS_SIGNAL: 2,
  SYS_SIGSUSPEND: 3,
  SYS_SIGPENDING: 1,
  SYS_SETITIMER: 3,
  SYS_GETITIMER: 2,
  SYS_SIGRETURN: 0,
  SYS_RT_SIGRETURN: 0,
  SYS_RT_SIGPENDING: 2,
  SYS_RT_SIGSUSPEND: 2,
  SYS_SIGALTSTACK: 2,
};

/** Signal numbers, flags, codes and frame layouts (abi.inc: `LINUX_SIG_<name>`). */
export const LINUX_SIGNAL = {
  /** Signals 1..NSIG; a set is 8 bytes (two dwords, bit n-1 = signal n). */
  NSIG: 64,
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGVTALRM: 26,
  SIGPROF: 27,
  /** Default actions (signal(7)) as bit sets of signals 1..31, bit n = signal n. */
  DEFAULT_IGNORE: (1 << 17) | (1 << 18) | (1 << 23) | (1 << 28), // CHLD CONT URG WINCH
  DEFAULT_STOP: (1 << 19) | (1 << 20) | (1 << 21) | (1 << 22), // STOP TSTP TTIN TTOU
  /** sa_handler values. */
  SIG_DFL: 0,
  SIG_IGN: 1,
  /** sa_flags. */
  SA_NOCLDSTOP: 0x00000001,
  SA_SIGINFO: 0x00000004,
  SA_ONSTACK: 0x08000000,
  SA_RESTART: 0x10000000,
  SA_NODEFER: 0x40000000,
  SA_RESETHAND: 0x80000000,
  SA_RESTORER: 0x04000000,
  /** sigprocmask how. */
  SIG_BLOCK: 0,
  SIG_UNBLOCK: 1,
  SIG_SETMASK: 2,
  /** sigaltstack: ss_flags, and the smallest stack it accepts (MINSIGSTKSZ). */
  SS_ONSTACK: 1,
  SS_DISABLE: 2,
  SS_AUTODISARM: 0x80000000,
  MINSIGSTKSZ: 2048,
  /** si_code values. */
  SI_USER: 0,
  SI_KERNEL: 0x80,
  SI_TKILL: -6,
  ILL_ILLOPN: 2,
  FPE_INTDIV: 1,
  FPE_FLTDIV: 3,
  FPE_FLTOVF: 4,
  FPE_FLTUND: 5,
  FPE_FLTRES: 6,
  FPE_FLTINV: 7,
  SEGV_MAPERR: 1,
  SEGV_ACCERR: 2,
  BUS_ADRALN: 1,
  TRAP_TRACE: 2,
  /** setitimer's timers. */
  ITIMER_REAL: 0,
  ITIMER_VIRTUAL: 1,
  ITIMER_PROF: 2,
  /** struct sigcontext_32 (88 bytes): the offsets of its fields. */
  SC_GS: 0,
  SC_FS: 4,
  SC_ES: 8,
  SC_DS: 12,
  SC_EDI: 16,
  SC_ESI: 20,
  SC_EBP: 24,
  SC_ESP: 28,
  SC_EBX: 32,
  SC_EDX: 36,
  SC_ECX: 40,
  SC_EAX: 44,
  SC_TRAPNO: 48,
  SC_ERR: 52,
  SC_EIP: 56,
  SC_CS: 60,
  SC_EFLAGS: 64,
  SC_ESP_AT_SIGNAL: 68,
  SC_SS: 72,
  SC_FPSTATE: 76,
  SC_OLDMASK: 80,
  SC_CR2: 84,
  SC_SIZE: 88,
  /** struct sigframe_ia32: pretcode, sig, sc, fpstate_unused (struct _fpstate_32, 624 bytes),
   *  extramask[1], retcode[8]. */
  FRAME_SIG: 4,
  FRAME_SC: 8,
  FRAME_EXTRAMASK: 720,
  FRAME_RETCODE: 724,
  FRAME_SIZE: 732,
  /** struct _fpstate_32: its size, `status` (the magic word follows), and _fxsr_env, where the
   *  FXSAVE image starts. */
  FPSTATE_SIZE: 624,
  FPSTATE_STATUS: 108,
  FPSTATE_FXSR: 112,
  /** struct rt_sigframe_ia32: pretcode, sig, pinfo, puc, info (128), uc, retcode[8]; struct
   *  ucontext_ia32 is uc_flags, uc_link, uc_stack (ss_sp, ss_flags, ss_size), uc_mcontext
   *  (sigcontext_32), uc_sigmask (8 bytes). */
  RT_PINFO: 8,
  RT_PUC: 12,
  RT_INFO: 16,
  RT_UC: 144,
  UC_STACK: 8,
  UC_MCONTEXT: 20,
  UC_SIGMASK: 108,
  RT_RETCODE: 260,
  RT_SIZE: 268,
  SIGINFO_SIZE: 128,
  /** siginfo: si_signo, si_errno, si_code, then the union (si_pid/si_addr at 12, si_uid at 16). */
  SI_CODE: 8,
  SI_PID: 12,
  SI_ADDR: 12,
  SI_UID: 16,
  /** si_status of SIGCHLD, si_value of a queued signal. */
  SI_STATUS: 20,
  /** sigreturn finds its frame at ESP - 8 (the handler's RET popped pretcode, the retcode's POP
   *  popped sig), rt_sigreturn at ESP - 4 (RET popped pretcode). */
  SIGRETURN_BACK: 8,
  RT_SIGRETURN_BACK: 4,
  /** The EFLAGS bits sigreturn takes from the context (FIX_EFLAGS: AC OF DF TF SF ZF AF PF CF RF). */
  FIX_EFLAGS: 0x50dd5,
  /** EFLAGS bits a handler starts without (DF, RF, TF). */
  HANDLER_CLEAR_EFLAGS: 0x10500,
  /** The exit status of a program ended by signal N is this plus N, as a shell reports it. */
  STATUS_BASE: 128,
} as const;
