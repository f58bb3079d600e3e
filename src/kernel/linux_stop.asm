; Job control of the Linux personality (kernel/signal.c: prepare_signal, do_signal_stop,
; do_notify_parent_cldstop). SIGSTOP, and SIGTSTP, SIGTTIN, SIGTTOU whose action is SIG_DFL,
; stop the process when a thread takes one (those three are discarded in an orphaned process
; group, as Linux's get_signal does): every thread of it stops on its way back to ring 3 and
; sleeps until SIGCONT or SIGKILL. Sending SIGCONT continues a stopped process whatever its
; action or mask, and discards its pending stop signals; sending a stop signal discards a
; pending SIGCONT. Each stop and continue is reported once to wait4/waitid (WUNTRACED or
; WSTOPPED, WCONTINUED) and to the parent as SIGCHLD (CLD_STOPPED, CLD_CONTINUED with the
; signal in si_status) unless the parent's SIGCHLD action has SA_NOCLDSTOP or is SIG_IGN.
; Our first program is no init: its children's groups are orphaned by Linux's rule alone.

JOB_STOPPED     equ 1                   ; the process is stopped
JOB_REPORT_STOP equ 2                   ; a wait has not seen the stop yet
JOB_REPORT_CONT equ 4                   ; a wait has not seen the continue yet
JOB_SIGNAL_SHIFT equ 8                  ; bits 8..15: the signal that stopped it
STOP_PENDING    equ LINUX_SIG_DEFAULT_STOP >> 1             ; the stop signals as a pending set
CONT_PENDING    equ 1 << (LINUX_SIG_SIGCONT - 1)
KILL_PENDING    equ 1 << (LINUX_SIG_SIGKILL - 1)
SIGCHLD_ACTION  equ signal_actions + (LINUX_SIG_SIGCHLD - 1) * ACTION_SIZE

; fork: the child's slot (fork_slot) starts neither stopped nor with anything to report.
job_forked:
    push eax
    mov eax, [fork_slot]
    mov dword [job_state + eax * 4], 0
    pop eax
    ret

; ESI = a process's entry: EAX = its slot. Keeps other registers.
proc_slot_of:
    push edx
    push ecx
    mov eax, esi
    sub eax, PROC_TABLE
    xor edx, edx
    mov ecx, P_SIZE
    div ecx
    pop ecx
    pop edx
    ret

; EAX = a signal about to be sent to the current process or one of its threads (signal_process,
; signal_thread): what sending it does before it is made pending. Keeps all registers.
job_prepare:
    pushad
    cmp eax, LINUX_SIG_SIGCONT
    je .cont
    cmp eax, LINUX_SIG_SIGKILL
    je .kill
    cmp eax, 32
    jae .done
    bt dword [job_stop_set], eax
    jnc .done
    mov eax, CONT_PENDING               ; a stop signal: a pending SIGCONT goes
    call job_unpend
    jmp .done
.cont:
    mov eax, STOP_PENDING
    call job_unpend
    mov ebx, [current_process]
    test dword [job_state + ebx * 4], JOB_STOPPED
    jz .done
    mov dword [job_state + ebx * 4], JOB_REPORT_CONT
    call job_wake
    mov eax, LINUX_CLD_CONTINUED
    mov edx, LINUX_SIG_SIGCONT
    call job_notify_parent
    jmp .done
.kill:
    call job_wake                       ; a stopped process wakes to die
.done:
    popad
    ret

; EAX = pending bits (signals 1..32) to discard from the current process and its threads.
job_unpend:
    not eax
    and [process_pending], eax
    mov ebx, TCB_TABLE
    mov ecx, LIMIT_MAX_THREADS
    mov edx, [current_process]
.each:
    cmp dword [ebx + TCB_STATE], THREAD_FREE
    je .next
    cmp [ebx + TCB_PROC], edx
    jne .next
    and [ebx + TCB_SIGPENDING], eax
.next:
    add ebx, TCB_SIZE
    loop .each
    ret

; The current process's stopped threads become ready; each goes back through signal_deliver.
job_wake:
    mov ebx, TCB_TABLE
    mov edx, [current_process]
.each:
    cmp [ebx + TCB_PROC], edx
    jne .next
    call thread_slot
    cmp byte [job_thread_stopped + ecx], 0
    je .next
    cmp dword [ebx + TCB_STATE], THREAD_SLEEPING
    jne .next
    mov dword [ebx + TCB_STATE], THREAD_READY
.next:
    add ebx, TCB_SIZE
    cmp ebx, TCB_TABLE + LIMIT_MAX_THREADS * TCB_SIZE
    jb .each
    ret

; EAX = si_code (CLD_STOPPED, CLD_CONTINUED), EDX = si_status: SIGCHLD for the current
; process's parent unless its SIGCHLD action has SA_NOCLDSTOP or is SIG_IGN; its waits look
; again. Keeps all registers.
job_notify_parent:
    pushad
    push dword [signal_value_next]      ; a value being sent waits for its own record
    mov [job_code], eax
    mov [job_status], edx
    call current_proc
    mov eax, [ebx + P_PID]
    mov [job_child], eax
    mov eax, [ebx + P_PPID]
    call find_process
    jc .done
    cmp dword [esi + P_STATE], PROC_ALIVE
    jne .done
    push dword [current_process]
    call proc_slot_of
    mov edx, eax
    call process_switch                 ; the parent's variables: its actions
    test dword [SIGCHLD_ACTION + 4], LINUX_SIG_SA_NOCLDSTOP
    jnz .back
    cmp dword [SIGCHLD_ACTION], LINUX_SIG_SIG_IGN
    je .back
    mov eax, [job_status]
    mov [signal_value_next], eax
    mov eax, LINUX_SIG_SIGCHLD
    mov ecx, [job_code]
    mov edx, [job_child]
    call signal_process
.back:
    pop edx
    call process_switch
    call wake_retry
.done:
    pop dword [signal_value_next]
    popad
    ret

; signal_deliver took the stop signal EAX with SIG_DFL (EBX = the thread): the process stops,
; or, for SIGTSTP, SIGTTIN and SIGTTOU in an orphaned group, the signal is discarded.
job_stop:
    cmp eax, LINUX_SIG_SIGSTOP
    je .stop
    call group_orphaned
    jc signal_deliver.again
.stop:
    mov ecx, [current_process]
    mov edx, eax
    shl edx, JOB_SIGNAL_SHIFT
    or edx, JOB_STOPPED | JOB_REPORT_STOP
    mov [job_state + ecx * 4], edx
    mov edx, eax
    mov eax, LINUX_CLD_STOPPED
    call job_notify_parent
    ; fall through

; The current thread stops: it sleeps (no signal wakes it, only job_wake) and, when it runs
; again, goes back through trap_exit. The scheduler's next thread also returns through
; trap_exit, with its signals.
job_stop_thread:
    call current_tcb
    call thread_slot
    mov byte [job_thread_stopped + ecx], 1
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_WAITING
    mov eax, [ticks]
    add eax, 0x7FFFFFFF                 ; no wake-up tick within reach
    mov [ebx + TCB_WAKE], eax
    mov dword [ebx + TCB_STATE], THREAD_SLEEPING
    mov esp, USER_FRAME
    mov ebp, esp
    push trap_exit
    jmp schedule

; signal_deliver, first (EBX = the thread): a thread of a stopped process stops too, unless
; SIGKILL is on its way.
job_stopped_here:
    mov eax, [current_process]
    test dword [job_state + eax * 4], JOB_STOPPED
    jz .go
    mov eax, [ebx + TCB_SIGPENDING]
    or eax, [process_pending]
    test eax, KILL_PENDING
    jnz .go
    jmp job_stop_thread
.go:
    ret

; resume_thread (EBX = the thread): a thread that stopped goes back through trap_exit, from a
; clean kernel stack; any other returns.
job_resume:
    push ecx
    call thread_slot
    cmp byte [job_thread_stopped + ecx], 0
    je .not_stopped
    mov byte [job_thread_stopped + ecx], 0
    mov esp, USER_FRAME
    mov ebp, esp
    call sanitize_frame_segments
    jmp trap_exit
.not_stopped:
    pop ecx
    ret

; CF set when the current process's group is orphaned: no live member has a live parent in
; another group of the same session (will_become_orphaned_pgrp). Keeps registers.
group_orphaned:
    pushad
    call current_proc
    mov edx, [ebx + P_PGID]
    mov edi, PROC_TABLE
.member:
    cmp dword [edi + P_STATE], PROC_ALIVE
    jne .next
    cmp [edi + P_PGID], edx
    jne .next
    mov eax, [edi + P_PPID]
    call find_process
    jc .next
    cmp dword [esi + P_STATE], PROC_ALIVE
    jne .next
    cmp [esi + P_PGID], edx
    je .next
    mov eax, [esi + P_SID]
    cmp eax, [edi + P_SID]
    je .not_orphaned
.next:
    add edi, P_SIZE
    cmp edi, PROC_TABLE + LINUX_MAX_PROCESSES * P_SIZE
    jb .member
    popad
    stc
    ret
.not_orphaned:
    popad
    clc
    ret

; find_child (ESI = a child's live entry, wait_want = the wait's WSTOPPED/WCONTINUED):
; EAX = the status its stop or continue reports (JOB_REPORT_* in EDX), CF set; CF clear when it
; has none to report. Keeps other registers.
job_report:
    push esi
    call proc_slot_of
    mov esi, [job_state + eax * 4]
    test dword [wait_want], LINUX_WUNTRACED
    jz .cont
    test esi, JOB_REPORT_STOP
    jz .cont
    mov edx, JOB_REPORT_STOP
    mov eax, esi
    and eax, 0xFF << JOB_SIGNAL_SHIFT
    or eax, LINUX_WSTOPPED_LOW
    pop esi
    stc
    ret
.cont:
    test dword [wait_want], LINUX_WCONTINUED
    jz .none
    test esi, JOB_REPORT_CONT
    jz .none
    mov edx, JOB_REPORT_CONT
    mov eax, LINUX_WCONTINUED_STATUS
    pop esi
    stc
    ret
.none:
    pop esi
    clc
    ret

; ESI = a child's entry, EDX = the JOB_REPORT_* bit a wait reported: seen. Keeps registers.
job_reported:
    push eax
    call proc_slot_of
    not edx
    and [job_state + eax * 4], edx
    not edx
    pop eax
    ret

section .data
job_state          times LINUX_MAX_PROCESSES dd 0   ; per process slot: JOB_* and the stop signal
job_thread_stopped times LIMIT_MAX_THREADS db 0     ; per thread slot: asleep because stopped
job_stop_set       dd LINUX_SIG_DEFAULT_STOP         ; bit n: signal n stops by default
job_code           dd 0
job_status         dd 0
job_child          dd 0
signal_value_next  dd 0                 ; si_status/si_value of the next record_signal_info
wait_want          dd 0                 ; the wait's LINUX_WUNTRACED | LINUX_WCONTINUED | LINUX_WEXITED
section .text
