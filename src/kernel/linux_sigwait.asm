; Waiting for a signal without a handler, and sending one with its siginfo, as Linux does
; (kernel/signal.c: do_sigtimedwait, do_rt_sigqueueinfo, do_rt_tgsigqueueinfo).
;
; rt_sigtimedwait(set, info, timeout, size) takes a pending signal of the set (the thread's
; first, then the process's; the synchronous ones first, then the lowest) and fills its
; siginfo. With none, it waits until one comes (the set is unblocked meanwhile, so that one
; wakes it), until the timeout (-EAGAIN; a zero timeout does not wait), or until another
; signal the thread does not block (-EINTR after its handler; never made again). SIGKILL and
; SIGSTOP are never waited for. rt_sigqueueinfo and rt_tgsigqueueinfo send the caller's
; si_code, si_pid and si_value; a non-negative si_code (or SI_TKILL) is for the caller only.

SIG_UNWAITABLE equ SIG_UNBLOCKABLE

; rt_sigtimedwait(set, info, struct timespec *, size); _time64 with struct __kernel_timespec.
linux_rt_sigtimedwait:
    mov eax, TO_TS32
    jmp sigtimedwait_common
linux_rt_sigtimedwait_time64:
    mov eax, TO_TS64
sigtimedwait_common:
    mov [sel_kind], eax
    cmp dword [ebp + F_ESI], 8
    jne linux_invalid
    mov esi, [ebp + F_EBX]
    mov ecx, 8
    xor edx, edx
    call user_check
    jc linux_fault
    mov eax, [esi]
    and eax, ~SIG_UNWAITABLE
    mov [sigwait_set], eax
    mov eax, [esi + 4]
    mov [sigwait_set + 4], eax
    mov eax, [ebp + F_EDX]
    mov [sel_timeout], eax
    call timeout_read                   ; linux_select.asm
    jc .result
    mov [sel_ticks], eax
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .take
    mov ecx, LINUX_SIG_SIGINFO_SIZE
    mov edx, 1
    call user_check
    jc linux_fault
.take:
    call current_tcb
    call sigwait_take
    jnc .result
    ; None: no wait for a zero timeout, or once the deadline has come.
    mov eax, -LINUX_EAGAIN
    cmp dword [sel_kind], TO_NONE
    je .wait
    cmp dword [sel_ticks], 0
    je .result
    mov edx, [ebx + TCB_DEADLINE]
    test edx, edx
    jnz .deadline
    mov edx, [sel_ticks]
    inc edx
    add edx, [ticks]
    jnz .first
    inc edx
.first:
    mov [ebx + TCB_DEADLINE], edx
.deadline:
    mov ecx, [ticks]
    sub ecx, edx
    jns .result
.wait:
    ; The set is unblocked while the thread waits (sigwait_woken blocks it again).
    call thread_slot
    cmp byte [sigwait_active + ecx], 0
    jne .asleep
    mov byte [sigwait_active + ecx], 1
    mov eax, [ebx + TCB_SIGMASK]
    mov [sigwait_saved + ecx * 8], eax
    mov eax, [ebx + TCB_SIGMASK + 4]
    mov [sigwait_saved + ecx * 8 + 4], eax
.asleep:
    mov eax, [sigwait_set]
    not eax
    and [ebx + TCB_SIGMASK], eax
    mov eax, [sigwait_set + 4]
    not eax
    and [ebx + TCB_SIGMASK + 4], eax
    cmp dword [sel_kind], TO_NONE
    je block_retry
    mov eax, [ebx + TCB_DEADLINE]
    sub eax, [ticks]
    jmp retry_sleep
.result:
    mov [ebp + F_EAX], eax
    call current_tcb
    mov dword [ebx + TCB_DEADLINE], 0
    ret

; EBX = the thread, sigwait_set: takes a pending signal of the set (CF clear, EAX = it, its
; siginfo written to the call's info pointer, checked); CF set when none is pending.
sigwait_take:
    mov eax, [ebx + TCB_SIGPENDING]
    and eax, [sigwait_set]
    mov edx, [ebx + TCB_SIGPENDING + 4]
    and edx, [sigwait_set + 4]
    mov esi, ebx
    add esi, TCB_SIGPENDING             ; ESI = the set it comes from
    mov ecx, eax
    or ecx, edx
    jnz .pick
    mov eax, [process_pending]
    and eax, [sigwait_set]
    mov edx, [process_pending + 4]
    and edx, [sigwait_set + 4]
    mov esi, process_pending
    mov ecx, eax
    or ecx, edx
    jnz .pick
    stc
    ret
.pick:
    test eax, SIG_SYNCHRONOUS
    jz .lowest
    and eax, SIG_SYNCHRONOUS
.lowest:
    bsf ecx, eax
    jnz .found
    bsf ecx, edx
    add ecx, 32
.found:
    btr [esi], ecx
    lea eax, [ecx + 1]
    mov edi, [ebp + F_ECX]
    test edi, edi
    jz .done
    push eax
    push edi
    mov ecx, LINUX_SIG_SIGINFO_SIZE / 4
    xor eax, eax
    rep stosd
    pop edi
    mov eax, [esp]
    mov [edi], eax                      ; si_signo
    lea eax, [eax + eax * 2 - 3]
    mov ecx, [signal_info + eax * 4]
    mov [edi + LINUX_SIG_SI_CODE], ecx
    mov ecx, [signal_info + eax * 4 + 4]
    mov [edi + LINUX_SIG_SI_PID], ecx
    mov ecx, [signal_info + eax * 4 + 8]
    mov [edi + LINUX_SIG_SI_STATUS], ecx
    pop eax
.done:
    clc
    ret

; resume_thread (EBX = the thread): a thread waiting in rt_sigtimedwait has its mask back before
; its signals are looked at. Keeps registers.
sigwait_woken:
    push ecx
    call thread_slot
    cmp byte [sigwait_active + ecx], 0
    je .done
    mov byte [sigwait_active + ecx], 0
    push eax
    mov eax, [sigwait_saved + ecx * 8]
    mov [ebx + TCB_SIGMASK], eax
    mov eax, [sigwait_saved + ecx * 8 + 4]
    mov [ebx + TCB_SIGMASK + 4], eax
    pop eax
.done:
    pop ecx
    ret

; ---- sending with a siginfo ----

; ESI = the caller's siginfo (the call's argument EAX names where): checked and read into
; ECX = si_code, EDX = si_pid, signal_value_next = si_value. CF set when unreadable; ZF clear
; when the code may be sent only to the caller (si_code >= 0 or SI_TKILL).
queue_info_read:
    mov ecx, LINUX_SIG_SIGINFO_SIZE
    xor edx, edx
    call user_check
    jc .done
    mov eax, [esi + LINUX_SIG_SI_STATUS]
    mov [signal_value_next], eax
    mov ecx, [esi + LINUX_SIG_SI_CODE]
    mov edx, [esi + LINUX_SIG_SI_PID]
    cmp ecx, LINUX_SIG_SI_TKILL
    je .own
    test ecx, ecx
    jns .own
    cmp eax, eax                        ; ZF set, CF clear
.done:
    ret
.own:
    or eax, 1                           ; ZF clear (CF clear)
    ret

; rt_sigqueueinfo(pid, signal, siginfo): to the process pid.
linux_rt_sigqueueinfo:
    mov esi, [ebp + F_EDX]
    call queue_info_read
    jc linux_fault
    jz .allowed
    call current_pid
    cmp [ebp + F_EBX], eax
    jne .denied
.allowed:
    mov eax, [ebp + F_ECX]
    call check_signal_number
    jc .invalid
    mov eax, [ebp + F_EBX]
    test eax, eax
    jle .missing
    push ecx
    push edx
    call find_process
    pop edx
    pop ecx
    jc .missing
    mov dword [ebp + F_EAX], 0
    mov eax, [ebp + F_ECX]
    test eax, eax
    jz .nothing
    cmp dword [esi + P_STATE], PROC_ALIVE
    jne .nothing
    push ebx
    call current_proc
    cmp esi, ebx
    pop ebx
    je signal_process
    jmp signal_other_process
.denied:
    mov dword [signal_value_next], 0
    mov dword [ebp + F_EAX], -LINUX_EPERM
    ret
.invalid:
    mov dword [signal_value_next], 0
    jmp linux_invalid
.missing:
    mov dword [signal_value_next], 0
    jmp no_such_process
.nothing:
    mov dword [signal_value_next], 0
    ret

; rt_tgsigqueueinfo(tgid, tid, signal, siginfo): to a thread of the caller's process.
linux_rt_tgsigqueueinfo:
    mov esi, [ebp + F_ESI]
    call queue_info_read
    jc linux_fault
    jz .allowed
    call current_tcb
    mov eax, [ebx + TCB_ID]
    cmp [ebp + F_ECX], eax
    jne .denied
.allowed:
    push ecx
    push edx
    call current_pid
    cmp [ebp + F_EBX], eax
    jne .missing
    mov eax, [ebp + F_EDX]
    call check_signal_number
    jc .invalid
    mov eax, [ebp + F_ECX]
    call find_thread                    ; EBX = the thread
    jc .missing
    pop edx
    pop ecx
    mov dword [ebp + F_EAX], 0
    mov eax, [ebp + F_EDX]
    test eax, eax
    jz .nothing
    jmp signal_thread
.denied:
    mov dword [signal_value_next], 0
    mov dword [ebp + F_EAX], -LINUX_EPERM
    ret
.invalid:
    add esp, 8
    mov dword [signal_value_next], 0
    jmp linux_invalid
.missing:
    add esp, 8
    mov dword [signal_value_next], 0
    jmp no_such_process
.nothing:
    mov dword [signal_value_next], 0
    ret

section .data
sigwait_set    dd 0, 0                  ; the set rt_sigtimedwait waits for
sigwait_active times LIMIT_MAX_THREADS db 0     ; per thread slot: its mask is in sigwait_saved
align 4, db 0
sigwait_saved  times LIMIT_MAX_THREADS * 2 dd 0
section .text
