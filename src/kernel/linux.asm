; The Linux i386 personality on `int 0x80`: enough of the system-call interface for static
; programs built with `nasm -f elf32` and `ld -m elf_i386` (numbers and errno values from
; Linux's syscall_32.tbl and errno-base.h, collected in abi.inc). EAX = number, arguments
; in EBX, ECX, EDX, ESI, EDI, EBP; errors come back as -errno.

linux_syscall:
    mov eax, [ebp + F_EAX]
    mov [syscall_number], eax           ; a call that waits is made again (linux_wait.asm)
    mov esi, linux_syscall_table
.find:
    cmp esi, linux_syscall_table_end
    je .unknown
    cmp eax, [esi]
    je .found
    add esi, 8
    jmp .find
.found:
    jmp [esi + 4]
.unknown:
    mov dword [ebp + F_EAX], -LINUX_ENOSYS
    ret

linux_syscall_table:
    dd LINUX_SYS_EXIT, linux_exit
    dd LINUX_SYS_EXIT_GROUP, linux_exit_group
    dd LINUX_SYS_WRITE, linux_write
    dd LINUX_SYS_GETPID, linux_getpid
    dd LINUX_SYS_GETTID, linux_gettid
    dd LINUX_SYS_BRK, linux_brk
    dd LINUX_SYS_MMAP2, linux_mmap2
    dd LINUX_SYS_MUNMAP, linux_munmap
    dd LINUX_SYS_UNAME, linux_uname
    dd LINUX_SYS_CLOCK_GETTIME, linux_clock_gettime
    ; The host I/O calls (linux_io.asm).
    dd LINUX_SYS_READ, linux_read
    dd LINUX_SYS_READV, linux_readv
    dd LINUX_SYS_WRITEV, linux_writev
    dd LINUX_SYS_OPEN, linux_open
    dd LINUX_SYS_OPENAT, linux_openat
    dd LINUX_SYS_CLOSE, linux_close
    dd LINUX_SYS_LSEEK, linux_lseek
    dd LINUX_SYS_LLSEEK, linux_llseek
    dd LINUX_SYS_FSTAT64, linux_fstat64
    dd LINUX_SYS_STAT64, linux_stat64
    dd LINUX_SYS_LSTAT64, linux_lstat64
    dd LINUX_SYS_FSTATAT64, linux_fstatat64
    dd LINUX_SYS_STATX, linux_statx
    dd LINUX_SYS_ACCESS, linux_access
    dd LINUX_SYS_FACCESSAT, linux_faccessat
    dd LINUX_SYS_FACCESSAT2, linux_faccessat2
    dd LINUX_SYS_GETDENTS64, linux_getdents64
    dd LINUX_SYS_DUP, linux_dup
    dd LINUX_SYS_DUP2, linux_dup2
    dd LINUX_SYS_DUP3, linux_dup3
    dd LINUX_SYS_FCNTL, linux_fcntl
    dd LINUX_SYS_FCNTL64, linux_fcntl
    dd LINUX_SYS_UNLINK, linux_unlink
    dd LINUX_SYS_UNLINKAT, linux_unlinkat
    dd LINUX_SYS_RMDIR, linux_rmdir
    dd LINUX_SYS_MKDIR, linux_mkdir
    dd LINUX_SYS_MKDIRAT, linux_mkdirat
    dd LINUX_SYS_TIME, linux_time
    dd LINUX_SYS_GETTIMEOFDAY, linux_gettimeofday
    dd LINUX_SYS_CLOCK_GETTIME64, linux_clock_gettime64
    dd LINUX_SYS_NANOSLEEP, linux_nanosleep
    dd LINUX_SYS_CLOCK_NANOSLEEP, linux_clock_nanosleep
    dd LINUX_SYS_CLOCK_NANOSLEEP_TIME64, linux_clock_nanosleep_time64
    dd LINUX_SYS_SET_THREAD_AREA, linux_set_thread_area
    dd LINUX_SYS_GET_THREAD_AREA, linux_get_thread_area
    dd LINUX_SYS_MODIFY_LDT, linux_modify_ldt
    dd LINUX_SYS_MPROTECT, linux_mprotect
    dd LINUX_SYS_MREMAP, linux_mremap
    dd LINUX_SYS_MADVISE, linux_madvise
    dd LINUX_SYS_SET_TID_ADDRESS, linux_set_tid_address
    dd LINUX_SYS_SET_ROBUST_LIST, linux_set_robust_list
    dd LINUX_SYS_RSEQ, linux_rseq
    dd LINUX_SYS_GETRLIMIT, linux_getrlimit
    dd LINUX_SYS_UGETRLIMIT, linux_ugetrlimit
    dd LINUX_SYS_PRLIMIT64, linux_prlimit64
    dd LINUX_SYS_READLINK, linux_readlink
    dd LINUX_SYS_GETRANDOM, linux_getrandom
    dd LINUX_SYS_IOCTL, linux_ioctl_console
    dd LINUX_SYS_PRCTL, linux_prctl
    dd LINUX_SYS_GETUID, linux_get_id
    dd LINUX_SYS_GETEUID, linux_get_id
    dd LINUX_SYS_GETGID, linux_get_id
    dd LINUX_SYS_GETEGID, linux_get_id
    dd LINUX_SYS_GETUID32, linux_get_id
    dd LINUX_SYS_GETEUID32, linux_get_id
    dd LINUX_SYS_GETGID32, linux_get_id
    dd LINUX_SYS_GETEGID32, linux_get_id
    dd LINUX_SYS_GETPPID, linux_getppid
    dd LINUX_SYS_RT_SIGACTION, linux_rt_sigaction
    dd LINUX_SYS_SIGACTION, linux_sigaction
    dd LINUX_SYS_RT_SIGPROCMASK, linux_rt_sigprocmask
    dd LINUX_SYS_SIGPROCMASK, linux_sigprocmask
    dd LINUX_SYS_KILL, linux_kill
    dd LINUX_SYS_TKILL, linux_tkill
    dd LINUX_SYS_TGKILL, linux_tgkill
    dd LINUX_SYS_PREAD64, linux_pread64
    dd LINUX_SYS_CHDIR, linux_chdir
    dd LINUX_SYS_FCHDIR, linux_fchdir
    dd LINUX_SYS_GETCWD, linux_getcwd
    dd LINUX_SYS_SIGNAL, linux_signal
    dd LINUX_SYS_SIGRETURN, linux_sigreturn
    dd LINUX_SYS_RT_SIGRETURN, linux_rt_sigreturn
    dd LINUX_SYS_SIGALTSTACK, linux_sigaltstack
    dd LINUX_SYS_RT_SIGPENDING, linux_rt_sigpending
    dd LINUX_SYS_SIGPENDING, linux_sigpending
    dd LINUX_SYS_RT_SIGSUSPEND, linux_rt_sigsuspend
    dd LINUX_SYS_SIGSUSPEND, linux_sigsuspend
    dd LINUX_SYS_PAUSE, linux_pause
    dd LINUX_SYS_ALARM, linux_alarm
    dd LINUX_SYS_SETITIMER, linux_setitimer
    dd LINUX_SYS_GETITIMER, linux_getitimer
    ; Processes (linux_fork.asm, linux_wait.asm, linux_exec.asm).
    dd LINUX_SYS_FORK, linux_fork
    dd LINUX_SYS_VFORK, linux_vfork
    dd LINUX_SYS_CLONE, linux_clone
    dd LINUX_SYS_EXECVE, linux_execve
    dd LINUX_SYS_WAIT4, linux_wait4
    dd LINUX_SYS_WAITPID, linux_waitpid
    dd LINUX_SYS_WAITID, linux_waitid
    dd LINUX_SYS_PIPE, linux_pipe
    dd LINUX_SYS_PIPE2, linux_pipe2
    dd LINUX_SYS_SETPGID, linux_setpgid
    dd LINUX_SYS_GETPGID, linux_getpgid
    dd LINUX_SYS_GETPGRP, linux_getpgrp
    dd LINUX_SYS_SETSID, linux_setsid
    dd LINUX_SYS_GETSID, linux_getsid
    dd LINUX_SYS_POLL, linux_poll
    ; CPU time, shared maps, groups (linux_time.asm, linux_shm.asm, linux_misc.asm).
    dd LINUX_SYS_TIMES, linux_times
    dd LINUX_SYS_GETRUSAGE, linux_getrusage
    dd LINUX_SYS_CLOCK_GETRES, linux_clock_getres
    dd LINUX_SYS_CLOCK_GETRES_TIME64, linux_clock_getres_time64
    dd LINUX_SYS_MSYNC, linux_msync
    dd LINUX_SYS_MINCORE, linux_mincore
    dd LINUX_SYS_FTRUNCATE, linux_ftruncate
    dd LINUX_SYS_FTRUNCATE64, linux_ftruncate64
    dd LINUX_SYS_GETGROUPS, linux_getgroups
    dd LINUX_SYS_GETGROUPS32, linux_getgroups
    ; Threads (linux_thread.asm, linux_futex.asm).
    dd LINUX_SYS_FUTEX, linux_futex
    dd LINUX_SYS_FUTEX_TIME64, linux_futex_time64
    dd LINUX_SYS_SCHED_YIELD, linux_sched_yield
    dd LINUX_SYS_SCHED_GETAFFINITY, linux_sched_getaffinity
linux_syscall_table_end:

; exit(status) ends the calling thread (its clear_child_tid and robust list first:
; linux_thread.asm); the last one's status is its process's (exit_group, getpid:
; linux_fork.asm, linux_wait.asm).
linux_exit:
    call thread_exit_release
    movzx eax, byte [ebp + F_EBX]
    mov [exit_status], eax
    jmp end_current_thread

; write, writev and the other host I/O calls are in linux_io.asm.

linux_gettid:
    call current_tcb
    mov eax, [ebx + TCB_ID]
    mov [ebp + F_EAX], eax
    ret

; uname(struct new_utsname *): six fields of LINUX_UTS_FIELD bytes, as Linux fills them; the
; machine is the AT_PLATFORM name of this CPU (i386 .. i686), as Linux derives it.
linux_uname:
    mov esi, [ebp + F_EBX]
    mov ecx, 6 * LINUX_UTS_FIELD
    mov edx, 1
    call user_check
    jc .fault
    mov edi, esi
    xor eax, eax
    rep stosb
    mov edi, [ebp + F_EBX]
    mov esi, uts_fields
.field:
    lodsd
    test eax, eax
    jz .done
    push esi
    push edi
    mov esi, eax
.copy:
    lodsb
    stosb
    test al, al
    jnz .copy
    pop edi
    pop esi
    add edi, LINUX_UTS_FIELD
    jmp .field
.done:
    mov edi, [ebp + F_EBX]
    add edi, 4 * LINUX_UTS_FIELD
    call platform_name
    mov ecx, PLATFORM_MAX
    rep movsb
    mov dword [ebp + F_EAX], 0
    ret
.fault:
    mov dword [ebp + F_EAX], -LINUX_EFAULT
    ret

; clock_gettime and the other clocks are in linux_io.asm.

uts_fields dd uts_sysname, uts_nodename, uts_release, uts_version, uts_machine, uts_domain, 0
uts_sysname  db "Linux", 0
uts_nodename db "i386-lab", 0
uts_release  db "6.1.0-i386-lab", 0
uts_version  db "#1 SMP PREEMPT_DYNAMIC", 0
uts_machine  db 0                       ; written from platform_name
uts_domain   db "(none)", 0

section .data
brk_start   dd 0
brk_current dd 0
section .text
