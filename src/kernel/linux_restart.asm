; Calls a signal interrupts, as Linux i386 ends or makes them again (arch/x86/kernel/signal.c,
; handle_signal and arch_do_signal_or_restart). A call that waits and is interrupted leaves the
; code Linux's would: ERESTARTSYS (read and write on a pipe, wait4, waitpid, waitid),
; ERESTARTNOHAND (pause, sigsuspend, poll, select, pselect6, ppoll) or ERESTART_RESTARTBLOCK
; (nanosleep, clock_nanosleep), kept per thread with the call's number. On the way back to
; ring 3 (signal_deliver):
; - a handler runs: ERESTARTSYS with SA_RESTART makes the call again once the handler
;   returns (the frame's EIP goes back to the call's instruction and EAX is the number again);
;   every other case returns -EINTR;
; - no handler runs (a stop and a continue): the call is made again; a RESTARTBLOCK sleep
;   through restart_syscall, which sleeps what is left until its first deadline.
; The instruction the call is made again from: int 0x80 (EIP - 2), the call gate's far call
; (EIP - 7), and for SYSENTER and SYSCALL the int 0x80 of the vDSO's __kernel_vsyscall, which
; returns to the same pops (Linux's int80_landing_pad): the registers are the arguments.

; EBX = a thread's control block: ECX = its slot. Keeps other registers.
thread_slot:
    push eax
    push edx
    mov eax, ebx
    sub eax, TCB_TABLE
    xor edx, edx
    mov ecx, TCB_SIZE
    div ecx
    mov ecx, eax
    pop edx
    pop eax
    ret

; EBX = the thread, EAX = the code (LINUX_ERESTART*), EDX = the call's number, ESI = the EIP of
; its frame: the call the thread was in was interrupted. Keeps registers.
restart_mark:
    push ecx
    call thread_slot
    mov [restart_code + ecx * 4], eax
    mov [restart_number + ecx * 4], edx
    mov [restart_eip + ecx * 4], esi
    pop ecx
    ret

; The current thread's call (its number in syscall_number, the frame at EBP) returns -EINTR
; unless made again (pause, sigsuspend: ERESTARTNOHAND). Keeps registers.
restart_mark_nohand:
    pushad
    call current_tcb
    mov eax, LINUX_ERESTARTNOHAND
    mov edx, [syscall_number]
    mov esi, [ebp + F_EIP]
    call restart_mark
    popad
    ret

; EBX = a thread asleep in nanosleep that a signal woke: it is made again as restart_syscall,
; which sleeps until the same tick. Keeps registers.
restart_mark_sleep:
    pushad
    call thread_slot
    mov eax, [ebx + TCB_WAKE]
    mov [restart_deadline + ecx * 4], eax
    mov eax, LINUX_ERESTART_RESTARTBLOCK
    mov edx, LINUX_SYS_RESTART_SYSCALL
    mov esi, [ebx + TCB_FRAME + F_EIP]
    call restart_mark
    popad
    ret

; EAX = ticks: the current call waits to be made again (TCB_RETRY) for at most that long, or
; until wake_retry or a signal it does not block. With such a signal pending already, or made
; again with one pending (retry_probe, resume_thread), it does not wait: it is interrupted.
retry_sleep:
    mov edx, [syscall_number]
    mov [ebp + F_EAX], edx
    cmp byte [retry_probe], 0
    jne .interrupted
    call current_tcb
    push eax
    call deliverable                    ; a signal already pending: no wait (pselect6's mask)
    pop eax
    jnz .interrupted
    mov dword [ebx + TCB_RETRY], 1
    or dword [ebx + TCB_SIGFLAGS], TSIG_WAITING
    jmp sleep_current
.interrupted:
    mov byte [retry_probe], 0
    mov esp, USER_FRAME                 ; whatever the call had on the stack is abandoned
    mov ebp, esp
    call current_tcb
    call sigwait_woken                  ; linux_sigwait.asm: rt_sigtimedwait's mask back
    ; fall through

; A call that waited to be made again has a signal to take (EBX = the thread, the call's
; number in the frame's EAX). It returns -EINTR, marked with its restart code; the select
; calls write back the time left.
retry_interrupted:
    mov edx, [ebp + F_EAX]
    mov eax, LINUX_ERESTARTSYS
    mov esi, restart_nohand_calls
.find:
    cmp dword [esi], -1
    je .mark
    cmp [esi], edx
    je .nohand
    add esi, 4
    jmp .find
.nohand:
    mov eax, LINUX_ERESTARTNOHAND
.mark:
    mov esi, [ebp + F_EIP]
    cmp edx, LINUX_SYS_RT_SIGTIMEDWAIT
    je .final
    cmp edx, LINUX_SYS_RT_SIGTIMEDWAIT_TIME64
    je .final
    call restart_mark
    jmp .interrupted
.final:
    mov dword [ebx + TCB_DEADLINE], 0   ; its wait is over
.interrupted:
    mov dword [ebp + F_EAX], -LINUX_EINTR
    call select_interrupted             ; linux_select.asm
    jmp trap_exit

; The calls that wait by being made again and that Linux ends with ERESTARTNOHAND.
restart_nohand_calls:
    dd LINUX_SYS_POLL, LINUX_SYS_SELECT, LINUX_SYS__NEWSELECT, LINUX_SYS_PSELECT6, LINUX_SYS_PPOLL
    dd LINUX_SYS_PSELECT6_TIME64, LINUX_SYS_PPOLL_TIME64, -1

; EBX = the thread: EAX = its restart code (0: none) and ECX = its slot; the mark is used up.
; A mark whose frame is no longer at the call (EIP moved, EAX not -EINTR) is dropped.
restart_take:
    call thread_slot
    xor eax, eax
    xchg eax, [restart_code + ecx * 4]
    test eax, eax
    jz .done
    cmp dword [ebp + F_EAX], -LINUX_EINTR
    jne .stale
    push edx
    mov edx, [restart_eip + ecx * 4]
    cmp edx, [ebp + F_EIP]
    pop edx
    je .done
.stale:
    xor eax, eax
    mov [ebx + TCB_DEADLINE], eax
.done:
    ret

; setup_frame, before the frame is saved (EBX = the thread, ESI = the action, EBP = the frame):
; ERESTARTSYS with SA_RESTART is made again after the handler; the rest is -EINTR.
restart_for_handler:
    push ecx
    push eax
    call restart_take
    test eax, eax
    jz .done
    cmp eax, LINUX_ERESTARTSYS
    jne .eintr
    test dword [esi + 4], LINUX_SIG_SA_RESTART
    jz .eintr
    mov eax, [restart_number + ecx * 4]
    mov [ebp + F_EAX], eax
    call restart_address
    jmp .done
.eintr:
    mov dword [ebp + F_EAX], -LINUX_EINTR
    mov dword [ebx + TCB_DEADLINE], 0
.done:
    pop eax
    pop ecx
    ret

; signal_deliver found nothing to deliver (EBX = the thread): an interrupted call is made again,
; through IRET to the instruction that made it.
restart_without_handler:
    call restart_take
    test eax, eax
    jz .done
    mov edx, [restart_number + ecx * 4]
    mov [ebp + F_EAX], edx
    call restart_address
    jmp user_segments                   ; linux_sigframe.asm: back by IRET
.done:
    ret

; The frame at EBP: EIP goes back to the instruction that made the call (see the top).
restart_address:
    mov eax, [ebp + F_VECTOR]
    cmp eax, KIND_CALL_GATE
    je .gate
    cmp eax, KIND_SYSCALL
    jne .back
    mov eax, [vdso_entry]
    add eax, vdso_syscall_resume - vdso_syscall
    cmp [ebp + F_EIP], eax
    jne .back
    add dword [ebp + F_EIP], vdso_syscall_restart - vdso_syscall_resume
    ret
.gate:
    sub dword [ebp + F_EIP], 7          ; call far ptr16:32 (9A)
    ret
.back:
    sub dword [ebp + F_EIP], 2          ; int 0x80 (CD 80), SYSENTER's int 0x80, SYSCALL (0F 05)
    ret

; restart_syscall(): the sleep a stop interrupted goes on until its deadline, with the same
; remainder; without one, -EINTR (Linux's do_no_restart_syscall).
linux_restart_syscall:
    call current_tcb
    call thread_slot
    xor eax, eax
    xchg eax, [restart_deadline + ecx * 4]
    test eax, eax
    jz .none
    sub eax, [ticks]
    jle .over
    push eax
    mov eax, [ebx + TCB_SLEEP_REM]
    mov edx, [ebx + TCB_SLEEP_KIND]
    call sleep_remainder_at
    pop eax
    mov dword [ebp + F_EAX], 0
    jmp sleep_for_signal
.over:
    mov dword [ebp + F_EAX], 0
    ret
.none:
    mov dword [ebp + F_EAX], -LINUX_EINTR
    ret

; EDI = a new thread's control block: no call of its own to make again, not stopped.
restart_thread_init:
    push ebx
    push ecx
    mov ebx, edi
    call thread_slot
    mov dword [restart_code + ecx * 4], 0
    mov dword [restart_deadline + ecx * 4], 0
    mov byte [job_thread_stopped + ecx], 0
    pop ecx
    pop ebx
    ret

section .data
restart_code     times LIMIT_MAX_THREADS dd 0   ; per thread slot: LINUX_ERESTART*, 0: none
restart_number   times LIMIT_MAX_THREADS dd 0   ; the call to make again
restart_eip      times LIMIT_MAX_THREADS dd 0   ; the frame's EIP when it was interrupted
restart_deadline times LIMIT_MAX_THREADS dd 0   ; restart_syscall's tick (0: none)
retry_probe      db 0                           ; 1: the call being made again must not wait
section .text
