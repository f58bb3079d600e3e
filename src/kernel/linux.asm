; The Linux i386 personality on `int 0x80`: enough of the system-call interface for static
; programs built with `nasm -f elf32` and `ld -m elf_i386` (numbers and errno values from
; Linux's syscall_32.tbl and errno-base.h, collected in abi.inc). EAX = number, arguments
; in EBX, ECX, EDX, ESI, EDI, EBP; errors come back as -errno.

linux_syscall:
    mov eax, [ebp + F_EAX]
    mov [syscall_number], eax           ; a call that waits is made again (linux_wait.asm)
    mov ecx, [current_thread]
    mov dword [restart_code + ecx * 4], 0   ; linux_restart.asm: an older call's mark is void
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
    ; Files and process information (linux_fs.asm).
    dd LINUX_SYS_UMASK, linux_umask
    dd LINUX_SYS_CREAT, linux_creat
    dd LINUX_SYS_MKNOD, linux_mknod
    dd LINUX_SYS_MKNODAT, linux_mknodat
    dd LINUX_SYS_RENAME, linux_rename
    dd LINUX_SYS_RENAMEAT, linux_renameat
    dd LINUX_SYS_RENAMEAT2, linux_renameat2
    dd LINUX_SYS_LINK, linux_link
    dd LINUX_SYS_LINKAT, linux_linkat
    dd LINUX_SYS_SYMLINK, linux_symlink
    dd LINUX_SYS_SYMLINKAT, linux_symlinkat
    dd LINUX_SYS_READLINKAT, linux_readlinkat
    dd LINUX_SYS_CHMOD, linux_chmod
    dd LINUX_SYS_FCHMOD, linux_fchmod
    dd LINUX_SYS_FCHMODAT, linux_fchmodat
    dd LINUX_SYS_CHOWN, linux_chown16
    dd LINUX_SYS_LCHOWN, linux_lchown16
    dd LINUX_SYS_FCHOWN, linux_fchown16
    dd LINUX_SYS_CHOWN32, linux_chown32
    dd LINUX_SYS_LCHOWN32, linux_lchown32
    dd LINUX_SYS_FCHOWN32, linux_fchown32
    dd LINUX_SYS_FCHOWNAT, linux_fchownat
    dd LINUX_SYS_UTIME, linux_utime
    dd LINUX_SYS_UTIMES, linux_utimes
    dd LINUX_SYS_FUTIMESAT, linux_futimesat
    dd LINUX_SYS_UTIMENSAT, linux_utimensat
    dd LINUX_SYS_UTIMENSAT_TIME64, linux_utimensat_time64
    dd LINUX_SYS_PWRITE64, linux_pwrite64
    dd LINUX_SYS_PREADV, linux_preadv
    dd LINUX_SYS_PWRITEV, linux_pwritev
    dd LINUX_SYS_FSYNC, linux_fsync
    dd LINUX_SYS_FDATASYNC, linux_fsync
    dd LINUX_SYS_SYNCFS, linux_syncfs
    dd LINUX_SYS_SYNC, linux_sync
    dd LINUX_SYS_TRUNCATE, linux_truncate
    dd LINUX_SYS_TRUNCATE64, linux_truncate64
    dd LINUX_SYS_STATFS, linux_statfs
    dd LINUX_SYS_FSTATFS, linux_fstatfs
    dd LINUX_SYS_STATFS64, linux_statfs64
    dd LINUX_SYS_FSTATFS64, linux_fstatfs64
    dd LINUX_SYS_FLOCK, linux_flock
    dd LINUX_SYS_SENDFILE, linux_sendfile
    dd LINUX_SYS_SENDFILE64, linux_sendfile64
    dd LINUX_SYS_GETDENTS, linux_getdents
    dd LINUX_SYS_FADVISE64, linux_fadvise64
    dd LINUX_SYS_FADVISE64_64, linux_fadvise64_64
    dd LINUX_SYS_SYSINFO, linux_sysinfo
    dd LINUX_SYS_PERSONALITY, linux_set_personality
    dd LINUX_SYS_SCHED_GETSCHEDULER, linux_sched_getscheduler
    dd LINUX_SYS_SCHED_GETPARAM, linux_sched_getparam
    dd LINUX_SYS_GETPRIORITY, linux_getpriority
    dd LINUX_SYS_SETPRIORITY, linux_setpriority
    dd LINUX_SYS_NICE, linux_nice
    ; Waiting: select, signal waits, calls made again (linux_select.asm, linux_sigwait.asm,
    ; linux_restart.asm).
    dd LINUX_SYS_SELECT, linux_old_select
    dd LINUX_SYS__NEWSELECT, linux_newselect
    dd LINUX_SYS_PSELECT6, linux_pselect6
    dd LINUX_SYS_PSELECT6_TIME64, linux_pselect6_time64
    dd LINUX_SYS_PPOLL, linux_ppoll
    dd LINUX_SYS_PPOLL_TIME64, linux_ppoll_time64
    dd LINUX_SYS_RT_SIGTIMEDWAIT, linux_rt_sigtimedwait
    dd LINUX_SYS_RT_SIGTIMEDWAIT_TIME64, linux_rt_sigtimedwait_time64
    dd LINUX_SYS_RT_SIGQUEUEINFO, linux_rt_sigqueueinfo
    dd LINUX_SYS_RT_TGSIGQUEUEINFO, linux_rt_tgsigqueueinfo
    dd LINUX_SYS_RESTART_SYSCALL, linux_restart_syscall
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
