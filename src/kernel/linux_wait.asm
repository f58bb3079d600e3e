; Waiting and process relations of the Linux personality: calls that wait and are made again
; (a pipe that is empty or full, wait4 with nothing to reap), wait4/waitpid/waitid, signals
; to other processes (kill, SIGCHLD), process groups and sessions, pipes.
;
; A call that must wait puts its thread to sleep with TCB_RETRY set and the call's number
; back in the frame's EAX: the thread wakes when a descriptor call or the end of a process
; may have changed what it waits for (wake_retry), and the scheduler then makes the call
; again from the start (resume_thread). Waking at every tick instead starves a new thread
; once the retries of many waiters take a whole tick. A signal it does not block ends
; the wait: the call is made once more without waiting, then -EINTR or made again after the
; handler as Linux's restart codes say (linux_restart.asm). Stops and continues of children
; are reported by linux_stop.asm's job_report.

WAIT_OPTIONS equ LINUX_WNOHANG | LINUX_WUNTRACED | LINUX_WCONTINUED | 0xE0000000  ; __WNOTHREAD, __WALL, __WCLONE
RUSAGE_SIZE  equ 72                     ; struct rusage on i386: two timevals, 14 longs
SIGINFO_SIZE equ 128

; ---- waiting for a call to be made again -----------------------------------------------

; The current call waits (a handler's tail): its number goes back to the frame's EAX and the
; thread sleeps until wake_retry or a signal it does not block wakes it (a second at most, a
; safety net that costs nothing while nothing is lost).
block_retry:
    mov eax, LIMIT_TIMER_HZ
    jmp retry_sleep                     ; linux_restart.asm

; Every thread waiting to make its call again becomes ready. Keeps all registers.
wake_retry:
    push ebx
    push ecx
    mov ebx, TCB_TABLE
    mov ecx, LIMIT_MAX_THREADS
.each:
    cmp dword [ebx + TCB_STATE], THREAD_SLEEPING
    jne .next
    cmp dword [ebx + TCB_RETRY], 0
    je .next
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_WAITING
    mov dword [ebx + TCB_STATE], THREAD_READY
.next:
    add ebx, TCB_SIZE
    loop .each
    pop ecx
    pop ebx
    ret

; The scheduler installed a thread's frame at USER_FRAME: back to ring 3, or, for a thread
; that waited in a call, the call again (-EINTR when a signal it does not block is pending).
resume_thread:
    call current_tcb
    call job_resume                     ; linux_stop.asm: a thread that stopped
    cmp dword [ebx + TCB_RETRY], 0
    je sanitize_frame_segments
    mov dword [ebx + TCB_RETRY], 0
    mov esp, USER_FRAME                 ; whatever called the scheduler is abandoned
    mov ebp, esp
    call sanitize_frame_segments
    call current_tcb
    call sigwait_woken                  ; linux_sigwait.asm: rt_sigtimedwait's mask back
    call deliverable
    setnz [retry_probe]                 ; a signal: the call may finish, but not wait again
    call linux_syscall
    mov byte [retry_probe], 0
    jmp trap_exit

; EAX = the host I/O device's result for the call at EBP: stored, or the call waits
; (-HOSTIO_BLOCK); a write to a pipe without readers also raises SIGPIPE. Waiters go on.
device_result:
    cmp eax, -HOSTIO_BLOCK
    je block_retry
    mov [ebp + F_EAX], eax
    cmp eax, -LINUX_EPIPE
    jne wake_retry
    push ebx
    call current_pid
    mov edx, eax
    mov eax, LINUX_SIG_SIGPIPE
    mov ecx, LINUX_SIG_SI_USER
    call current_tcb
    call signal_thread
    pop ebx
    jmp wake_retry

; ---- wait4, waitpid, waitid ---------------------------------------------------------------

; waitpid(pid, status, options) = wait4 without rusage.
linux_waitpid:
    xor esi, esi
    jmp wait4_common

; wait4(pid, status, options, rusage)
linux_wait4:
    mov esi, [ebp + F_ESI]
wait4_common:
    test dword [ebp + F_EDX], ~WAIT_OPTIONS
    jnz linux_invalid
    mov [wait_rusage], esi
    mov eax, [ebp + F_EDX]
    and eax, LINUX_WUNTRACED | LINUX_WCONTINUED
    or eax, LINUX_WEXITED
    mov [wait_want], eax
    mov eax, [ebp + F_EBX]
    cmp eax, 0x80000000                 ; INT_MIN has no group
    je no_such_child
    call find_child
    jc no_such_child
    test esi, esi
    jz .none_yet
    ; A zombie: its status, its (zeroed) usage, its pid; its slot is free again. A stop or a
    ; continue: its status (linux_stop.asm), seen.
    mov eax, [esi + P_STATUS]
    test edx, edx
    jz .status
    call job_reported
    mov eax, [wait_job_status]
.status:
    push esi
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .usage
    mov ecx, 4
    mov edx, 1
    call user_check
    jc .fault
    mov [esi], eax
.usage:
    mov esi, [wait_rusage]
    test esi, esi
    jz .reap
    mov ecx, RUSAGE_SIZE
    mov edx, 1
    call user_check
    jc .fault
    mov edi, esi
    xor eax, eax
    rep stosb
.reap:
    pop esi
    mov eax, [esi + P_PID]
    mov [ebp + F_EAX], eax
    cmp dword [esi + P_STATE], PROC_ZOMBIE
    jne .alive
    mov dword [esi + P_STATE], PROC_FREE
.alive:
    ret
.fault:
    pop esi
    jmp linux_fault
.none_yet:
    test dword [ebp + F_EDX], LINUX_WNOHANG
    jz block_retry
    mov dword [ebp + F_EAX], 0
    ret

no_such_child:
    mov dword [ebp + F_EAX], -LINUX_ECHILD
    ret

; EAX = wait's pid argument (> 0 that process, -1 any, 0 the caller's group, < -1 group -pid),
; wait_want = what the wait reports (LINUX_WEXITED, LINUX_WUNTRACED, LINUX_WCONTINUED): CF set
; when no child of the caller matches; else ESI = a matching child with something to report,
; or 0 when there is none yet. EDX = 0 for a zombie, else the JOB_REPORT_* bit of a stop or a
; continue, whose status is in wait_job_status.
find_child:
    push ebx
    push ecx
    push edi
    mov edx, eax                        ; EDX = the pid wanted, 0 for any
    xor edi, edi                        ; EDI = the group wanted, 0 for any
    call current_proc
    cmp edx, -1
    je .any
    test edx, edx
    jg .selector
    mov edi, edx
    neg edi
    jnz .any
    mov edi, [ebx + P_PGID]
.any:
    xor edx, edx
.selector:
    mov ebx, [ebx + P_PID]
    mov esi, PROC_TABLE
    mov ecx, LINUX_MAX_PROCESSES
    xor eax, eax                        ; EAX = a matching child seen
.each:
    cmp dword [esi + P_STATE], PROC_FREE
    je .next
    cmp [esi + P_PPID], ebx
    jne .next
    test edx, edx
    jz .by_group
    cmp [esi + P_PID], edx
    jne .next
.by_group:
    test edi, edi
    jz .match
    cmp [esi + P_PGID], edi
    jne .next
.match:
    mov eax, 1
    cmp dword [esi + P_STATE], PROC_ZOMBIE
    jne .job
    test dword [wait_want], LINUX_WEXITED
    jnz .zombie
    jmp .next
.job:
    push eax
    push edx
    call job_report                     ; linux_stop.asm
    jnc .nothing
    mov [wait_job_status], eax
    mov [wait_job_report], edx
    pop edx
    pop eax
    mov edx, [wait_job_report]
    jmp .found
.nothing:
    pop edx
    pop eax
.next:
    add esi, P_SIZE
    loop .each
    xor esi, esi
    test eax, eax
    jnz .found
    stc
    jmp .done
.zombie:
    xor edx, edx
.found:
    clc
.done:
    pop edi
    pop ecx
    pop ebx
    ret

; waitid(idtype, id, siginfo, options, rusage): WEXITED, WSTOPPED, WCONTINUED (one at least);
; the siginfo says CLD_EXITED or CLD_KILLED with the status, CLD_STOPPED with the stop signal or
; CLD_CONTINUED with SIGCONT; WNOWAIT leaves the zombie, or the report, for the next wait.
linux_waitid:
    mov eax, [ebp + F_ESI]
    test eax, ~(WAIT_OPTIONS | LINUX_WEXITED | LINUX_WNOWAIT)
    jnz linux_invalid
    and eax, LINUX_WEXITED | LINUX_WUNTRACED | LINUX_WCONTINUED
    jz linux_invalid
    mov [wait_want], eax
    mov eax, -1
    mov ecx, [ebp + F_EBX]
    cmp ecx, LINUX_P_ALL
    je .selected
    mov eax, [ebp + F_ECX]
    cmp ecx, LINUX_P_PID
    jne .group
    test eax, eax
    jle linux_invalid
    jmp .selected
.group:
    cmp ecx, LINUX_P_PGID
    jne linux_invalid
    test eax, eax
    js linux_invalid
    neg eax
.selected:
    call find_child
    jc no_such_child
    mov [wait_found_report], edx
    test esi, esi
    jnz .zombie
    test dword [ebp + F_ESI], LINUX_WNOHANG
    jz block_retry
.zombie:
    push esi
    mov esi, [ebp + F_EDX]
    test esi, esi
    jz .no_info
    mov ecx, SIGINFO_SIZE
    mov edx, 1
    call user_check
    jc .fault
    mov edi, esi
    xor eax, eax
    rep stosb
    mov ebx, [esp]
    test ebx, ebx
    jz .no_info
    mov dword [esi], LINUX_SIG_SIGCHLD
    mov eax, [ebx + P_PID]
    mov [esi + 12], eax                 ; si_pid (si_uid 0)
    cmp dword [wait_found_report], 0
    jne .job
    mov eax, [ebx + P_STATUS]
    mov ecx, LINUX_CLD_KILLED
    mov edx, eax
    and edx, 0x7F
    jnz .status
    mov ecx, LINUX_CLD_EXITED
    movzx edx, ah
.status:
    mov [esi + 8], ecx                  ; si_code
    mov [esi + 20], edx                 ; si_status
.no_info:
    pop esi
    mov dword [ebp + F_EAX], 0
    test esi, esi
    jz .done
    test dword [ebp + F_ESI], LINUX_WNOWAIT
    jnz .done
    mov edx, [wait_found_report]
    test edx, edx
    jnz job_reported
    mov dword [esi + P_STATE], PROC_FREE
.done:
    ret
.job:
    mov ecx, LINUX_CLD_CONTINUED
    mov edx, LINUX_SIG_SIGCONT
    cmp dword [wait_job_status], LINUX_WCONTINUED_STATUS
    je .status
    mov ecx, LINUX_CLD_STOPPED
    movzx edx, byte [wait_job_status + 1]
    jmp .status
.fault:
    pop esi
    jmp linux_fault

; ---- signals to processes ------------------------------------------------------------------

; ESI = a live process's entry, EAX = signal, ECX = si_code, EDX = si_pid: the signal for that
; process, as signal_process does it for the current one. Keeps all registers.
signal_other_process:
    pushad
    push dword [current_process]
    push eax
    push edx
    mov eax, esi
    sub eax, PROC_TABLE
    xor edx, edx
    mov ebx, P_SIZE
    div ebx
    mov edx, eax
    call process_switch
    pop edx
    pop eax
    call signal_process
    pop edx
    call process_switch
    popad
    ret

; ESI = a live process: kill_signal for it, from the caller (SI_USER).
kill_one:
    mov eax, [kill_signal]
    test eax, eax
    jz .done
    call current_pid
    mov edx, eax
    mov eax, [kill_signal]
    mov ecx, LINUX_SIG_SI_USER
    call current_proc
    cmp esi, ebx
    je signal_process
    jmp signal_other_process
.done:
    ret

; kill(pid, signal): pid > 0 that process, 0 the caller's group, -1 every process but the
; first, < -1 the group -pid. Signal 0 only checks that there is one.
linux_kill:
    mov eax, [ebp + F_ECX]
    call check_signal_number
    jc linux_invalid
    mov [kill_signal], eax
    mov eax, [ebp + F_EBX]
    test eax, eax
    jle .many
    call find_process
    jc no_such_process
    mov dword [ebp + F_EAX], 0
    cmp dword [esi + P_STATE], PROC_ALIVE
    je kill_one
    ret
.many:
    xor edx, edx                        ; EDX = the group, 0 for every process but the first
    cmp eax, -1
    je .selector
    mov edx, eax
    neg edx
    jnz .selector
    call current_proc
    mov edx, [ebx + P_PGID]
.selector:
    mov dword [ebp + F_EAX], -LINUX_ESRCH
    mov esi, PROC_TABLE
    mov ecx, LINUX_MAX_PROCESSES
.each:
    cmp dword [esi + P_STATE], PROC_ALIVE
    jne .next
    test edx, edx
    jnz .in_group
    cmp dword [esi + P_PID], LINUX_PID
    je .next
    jmp .send
.in_group:
    cmp [esi + P_PGID], edx
    jne .next
.send:
    mov dword [ebp + F_EAX], 0
    pushad
    call kill_one
    popad
.next:
    add esi, P_SIZE
    loop .each
.done:
    ret

; ---- ids, groups, sessions -------------------------------------------------------------------

linux_getpid:
    call current_pid
    mov [ebp + F_EAX], eax
    ret

linux_getppid:
    call current_proc
    mov eax, [ebx + P_PPID]
    mov [ebp + F_EAX], eax
    ret

; EAX = a pid argument (0: the caller): ESI = its entry, CF set when there is none.
process_argument:
    test eax, eax
    jnz find_process
    push ebx
    call current_proc
    mov esi, ebx
    pop ebx
    clc
    ret

; setpgid(pid, pgid): the caller or one of its children joins group pgid (0: its own pid).
linux_setpgid:
    mov eax, [ebp + F_EBX]
    test eax, eax
    js linux_invalid
    call process_argument
    jc no_such_process
    call current_proc
    cmp esi, ebx
    je .allowed
    mov eax, [ebx + P_PID]
    cmp [esi + P_PPID], eax
    jne no_such_process
.allowed:
    mov eax, [ebp + F_ECX]
    test eax, eax
    js linux_invalid
    jnz .set
    mov eax, [esi + P_PID]
.set:
    mov [esi + P_PGID], eax
    mov dword [ebp + F_EAX], 0
    ret

linux_getpgid:
    mov eax, [ebp + F_EBX]
    call process_argument
    jc no_such_process
    mov eax, [esi + P_PGID]
    mov [ebp + F_EAX], eax
    ret

linux_getpgrp:
    call current_proc
    mov eax, [ebx + P_PGID]
    mov [ebp + F_EAX], eax
    ret

linux_getsid:
    mov eax, [ebp + F_EBX]
    call process_argument
    jc no_such_process
    mov eax, [esi + P_SID]
    mov [ebp + F_EAX], eax
    ret

; setsid(): a new session and group led by the caller; EPERM for a group leader.
linux_setsid:
    call current_proc
    mov eax, [ebx + P_PID]
    mov esi, PROC_TABLE
    mov ecx, LINUX_MAX_PROCESSES
.each:
    cmp dword [esi + P_STATE], PROC_FREE
    je .next
    cmp [esi + P_PGID], eax
    je .leader
.next:
    add esi, P_SIZE
    loop .each
    mov [ebx + P_PGID], eax
    mov [ebx + P_SID], eax
    mov [ebp + F_EAX], eax
    ret
.leader:
    mov dword [ebp + F_EAX], -LINUX_EPERM
    ret

; ioctl TIOCGPGRP / TIOCSPGRP on the console (a terminal): its foreground process group.
console_pgrp:
    mov esi, [ebp + F_EDX]
    mov ecx, 4
    mov edx, 1
    call user_check
    jc linux_fault
    cmp dword [ebp + F_ECX], LINUX_TIOCGPGRP
    jne .set
    mov eax, [foreground_group]
    mov [esi], eax
    mov dword [ebp + F_EAX], 0
    ret
.set:
    mov eax, [esi]
    test eax, eax
    js linux_invalid
    mov [foreground_group], eax
    mov dword [ebp + F_EAX], 0
    ret

; ---- poll -------------------------------------------------------------------------------------

; poll(fds, count, timeout in ms): the device fills revents; when none is ready the call
; waits (timeout < 0), returns 0 (timeout 0), or waits until the timeout's tick.
linux_poll:
    NEED_DEVICE -LINUX_ENOSYS
    mov ebx, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    mov eax, HOSTIO_OP_POLL
    call hostio_call
    test eax, eax
    jnz .result
    mov ecx, [ebp + F_EDX]
    test ecx, ecx
    jz .result
    js block_retry
    call current_tcb
    mov edx, [ebx + TCB_DEADLINE]
    test edx, edx
    jnz .deadline
    mov eax, ecx                        ; the first time: ms / (1000 / HZ) + 1 ticks from now
    xor edx, edx
    mov ecx, 1000 / LIMIT_TIMER_HZ
    div ecx
    inc eax
    add eax, [ticks]
    jnz .first
    inc eax
.first:
    mov [ebx + TCB_DEADLINE], eax
    mov edx, eax
.deadline:
    mov eax, [ticks]
    sub eax, edx
    jns .expired
    neg eax                             ; EAX = ticks left
    jmp retry_sleep
.expired:
    xor eax, eax
.result:
    mov [ebp + F_EAX], eax
    call current_tcb
    mov dword [ebx + TCB_DEADLINE], 0
    ret

; ---- pipes -----------------------------------------------------------------------------------

; pipe(fds) = pipe2(fds, 0)
linux_pipe:
    NEED_DEVICE -LINUX_EMFILE
    mov ebx, [ebp + F_EBX]
    xor ecx, ecx
    mov eax, HOSTIO_OP_PIPE
    jmp linux_call_store

linux_pipe2:
    DEVICE_CALL -LINUX_EMFILE, HOSTIO_OP_PIPE

section .data
syscall_number   dd 0                   ; the Linux call being made (linux_syscall)
wait_rusage      dd 0
wait_job_status  dd 0                   ; find_child: the status of a stop or a continue
wait_job_report  dd 0
wait_found_report dd 0
kill_signal      dd 0
foreground_group dd LINUX_PID
section .text
