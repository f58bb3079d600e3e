; select, pselect6 and ppoll of the Linux personality (fs/select.c). The host I/O device answers
; which descriptors are ready now (HOSTIO_OP_SELECT for the fd_sets, HOSTIO_OP_POLL for the
; pollfd array); when none is, the call waits as poll does (linux_wait.asm): made again when a
; descriptor call or the end of a process may have changed something, until the timeout's tick
; (TCB_DEADLINE), or for ever without a timeout.
;
; As Linux: a timeout is checked before anything else (EFAULT, EINVAL for a negative one; a
; timeval's microseconds past a second carry over); pselect6 and ppoll put their signal mask
; in place for the wait and the old one back when they return, or, interrupted by a signal, in
; the handler's frame (as rt_sigsuspend); select, pselect6 and ppoll write the time left back
; into their timeout (not for a zero timeout), also when a signal interrupts them (ERESTARTNOHAND,
; linux_restart.asm). Without the device (QEMU) they are ENOSYS, as poll.

TO_NONE     equ 0                       ; no timeout: wait for ever
TO_TIMEVAL  equ 1                       ; struct timeval (seconds, microseconds)
TO_TS32     equ 2                       ; struct timespec (32-bit fields)
TO_TS64     equ 3                       ; struct __kernel_timespec (64-bit fields)
SEL_SELECT  equ 0                       ; the fd_sets
SEL_POLL    equ 1                       ; a pollfd array (ppoll)
TICK_NS     equ 1000000000 / LIMIT_TIMER_HZ
MAX_SECONDS equ 0x7FFFFFFF / LIMIT_TIMER_HZ - 2

; _newselect(n, readfds, writefds, exceptfds, struct timeval *)
linux_newselect:
    NEED_DEVICE -LINUX_ENOSYS
    call select_args_new
    jmp select_run

; select(struct sel_arg_struct *): the old call, its five arguments in memory.
linux_old_select:
    NEED_DEVICE -LINUX_ENOSYS
    call select_args_old
    jc linux_fault
    jmp select_run

; pselect6(n, readfds, writefds, exceptfds, struct timespec *, {sigset *, size} *)
linux_pselect6:
    NEED_DEVICE -LINUX_ENOSYS
    mov eax, TO_TS32
    jmp pselect6_common
linux_pselect6_time64:
    NEED_DEVICE -LINUX_ENOSYS
    mov eax, TO_TS64
pselect6_common:
    call select_args_pselect6
    jc linux_fault
    jmp select_run

; ppoll(fds, nfds, struct timespec *, sigset *, sigset size)
linux_ppoll:
    NEED_DEVICE -LINUX_ENOSYS
    mov eax, TO_TS32
    jmp ppoll_common
linux_ppoll_time64:
    NEED_DEVICE -LINUX_ENOSYS
    mov eax, TO_TS64
ppoll_common:
    call select_args_ppoll
    jmp select_run

; ---- the arguments of each call into sel_* ----

select_args_new:
    mov dword [sel_what], SEL_SELECT
    mov eax, [ebp + F_EBX]
    mov [sel_n], eax
    mov eax, [ebp + F_ECX]
    mov [sel_sets], eax
    mov eax, [ebp + F_EDX]
    mov [sel_sets + 4], eax
    mov eax, [ebp + F_ESI]
    mov [sel_sets + 8], eax
    mov eax, [ebp + F_EDI]
    mov [sel_timeout], eax
    mov dword [sel_kind], TO_TIMEVAL
    mov dword [sel_mask_at], 0
    ret

; CF set when the argument block cannot be read.
select_args_old:
    mov esi, [ebp + F_EBX]
    mov ecx, 20
    xor edx, edx
    call user_check
    jc .done
    mov dword [sel_what], SEL_SELECT
    lodsd
    mov [sel_n], eax
    mov edi, sel_sets
    movsd
    movsd
    movsd
    lodsd
    mov [sel_timeout], eax
    mov dword [sel_kind], TO_TIMEVAL
    mov dword [sel_mask_at], 0
    clc
.done:
    ret

; EAX = the timeout's layout. CF set when the {sigset *, size} block cannot be read.
select_args_pselect6:
    push eax
    call select_args_new
    pop eax
    mov [sel_kind], eax
    mov esi, [ebp + F_EBP]
    test esi, esi
    jz .done
    mov ecx, 8
    xor edx, edx
    call user_check
    jc .fault
    mov eax, [esi]
    mov [sel_mask_at], eax
    mov eax, [esi + 4]
    mov [sel_mask_size], eax
.done:
    clc
.fault:
    ret

; EAX = the timeout's layout.
select_args_ppoll:
    mov [sel_kind], eax
    mov dword [sel_what], SEL_POLL
    mov eax, [ebp + F_EBX]
    mov [sel_sets], eax
    mov eax, [ebp + F_ECX]
    mov [sel_n], eax
    mov eax, [ebp + F_EDX]
    mov [sel_timeout], eax
    mov eax, [ebp + F_ESI]
    mov [sel_mask_at], eax
    mov eax, [ebp + F_EDI]
    mov [sel_mask_size], eax
    ret

; The arguments of the call numbered EDX into sel_*: CF set when it is not a select call or its
; arguments cannot be read.
select_args_of:
    mov eax, TO_TS32
    cmp edx, LINUX_SYS__NEWSELECT
    je .new
    cmp edx, LINUX_SYS_SELECT
    je select_args_old
    cmp edx, LINUX_SYS_PSELECT6
    je select_args_pselect6
    cmp edx, LINUX_SYS_PPOLL
    je .ppoll
    mov eax, TO_TS64
    cmp edx, LINUX_SYS_PSELECT6_TIME64
    je select_args_pselect6
    cmp edx, LINUX_SYS_PPOLL_TIME64
    je .ppoll
    stc
    ret
.new:
    call select_args_new
    clc
    ret
.ppoll:
    call select_args_ppoll
    clc
    ret

; ---- the call ----

; sel_* hold the call's arguments.
select_run:
    call timeout_read                   ; EAX = ticks asked for (0: none or zero), CF: -errno in EAX
    jc .error
    mov [sel_ticks], eax
    call select_mask_in
    jc .error
    call current_tcb
    ; Is this the last look? A zero timeout, or the deadline has come.
    mov dword [sel_final], 1
    cmp dword [sel_kind], TO_NONE
    je .forever
    mov eax, [sel_ticks]
    test eax, eax
    jz .ask
    mov edx, [ebx + TCB_DEADLINE]
    test edx, edx
    jnz .deadline
    lea edx, [eax + 1]                  ; the first time: that many ticks and one from now
    add edx, [ticks]
    jnz .first
    inc edx
.first:
    mov [ebx + TCB_DEADLINE], edx
.deadline:
    mov eax, [ticks]
    sub eax, edx
    jns .ask
.forever:
    mov dword [sel_final], 0
.ask:
    cmp dword [sel_what], SEL_POLL
    je .poll
    mov ebx, [sel_n]
    mov ecx, [sel_sets]
    mov edx, [sel_sets + 4]
    mov esi, [sel_sets + 8]
    mov edi, [sel_final]
    mov eax, HOSTIO_OP_SELECT
    call hostio_call
    jmp .answer
.poll:
    mov ebx, [sel_sets]
    mov ecx, [sel_n]
    mov eax, HOSTIO_OP_POLL
    call hostio_call
.answer:
    test eax, eax
    jnz .return
    cmp dword [sel_final], 0
    jne .return
    ; Nothing ready: wait, until the deadline or for ever.
    call current_tcb
    cmp dword [sel_kind], TO_NONE
    je block_retry
    cmp dword [sel_ticks], 0
    je block_retry
    mov eax, [ebx + TCB_DEADLINE]
    sub eax, [ticks]                    ; ticks left (the deadline has not come)
    jmp retry_sleep
.return:
    mov [ebp + F_EAX], eax
    call timeout_write_back
    call current_tcb
    mov dword [ebx + TCB_DEADLINE], 0
    jmp select_mask_out
.error:
    mov [ebp + F_EAX], eax
    call current_tcb
    mov dword [ebx + TCB_DEADLINE], 0
    jmp select_mask_out

; retry_interrupted (linux_restart.asm): EDX = the number of the call a signal interrupted. A
; select call writes back the time left; its mask stays for the handler's frame. Keeps registers.
select_interrupted:
    pushad
    call select_args_of
    jc .done
    call timeout_read
    jc .done
    mov [sel_ticks], eax
    call timeout_write_back
.done:
    popad
    ret

; ---- the timeout ----

; sel_timeout/sel_kind: EAX = the timeout in ticks (rounded up; 0 for none or a zero one),
; [sel_seconds]/[sel_ns] = as asked; CF set with EAX = -EFAULT or -EINVAL.
timeout_read:
    xor eax, eax
    mov esi, [sel_timeout]
    test esi, esi
    jnz .read
    mov dword [sel_kind], TO_NONE
    clc
    ret
.read:
    mov ecx, 8
    cmp dword [sel_kind], TO_TS64
    jne .check
    mov ecx, 16
.check:
    xor edx, edx
    call user_check
    jc .fault
    mov eax, [esi]                      ; seconds
    mov edx, [esi + 4]                  ; microseconds or nanoseconds
    cmp dword [sel_kind], TO_TS64
    jne .fields
    mov ecx, [esi + 4]                  ; seconds, high half
    mov edx, [esi + 8]                  ; nanoseconds (a 32-bit caller's high half is ignored)
    test ecx, ecx
    js .invalid
    jz .fields
    mov eax, 0x7FFFFFFF                 ; beyond 2^32 seconds: as long as a wait can be
.fields:
    test eax, eax
    js .invalid
    test edx, edx
    js .invalid
    cmp dword [sel_kind], TO_TIMEVAL
    jne .ns
    push eax                            ; microseconds: whole seconds carry over
    mov eax, edx
    xor edx, edx
    mov ecx, 1000000
    div ecx
    imul edx, edx, 1000
    mov ecx, eax
    pop eax
    add eax, ecx
    jno .ns_ok
    mov eax, 0x7FFFFFFF
    jmp .ns_ok
.ns:
    cmp edx, 999999999
    ja .invalid
.ns_ok:
    mov [sel_seconds], eax
    mov [sel_ns], edx
    cmp eax, MAX_SECONDS
    jbe .scale
    mov eax, MAX_SECONDS
.scale:
    imul ecx, eax, LIMIT_TIMER_HZ
    lea eax, [edx + TICK_NS - 1]
    xor edx, edx
    push ebx
    mov ebx, TICK_NS
    div ebx
    pop ebx
    add eax, ecx
    clc
    ret
.fault:
    mov eax, -LINUX_EFAULT
    stc
    ret
.invalid:
    mov eax, -LINUX_EINVAL
    stc
    ret

; The time left (never more than asked) into the timeout, in its layout; nothing for no timeout
; or a zero one, or when the call has no deadline yet.
timeout_write_back:
    cmp dword [sel_kind], TO_NONE
    je .done
    cmp dword [sel_ticks], 0
    je .done
    call current_tcb
    mov eax, [ebx + TCB_DEADLINE]
    test eax, eax
    jz .done
    sub eax, [ticks]
    dec eax                             ; the tick under way when it began
    jns .left
    xor eax, eax
.left:
    mov ecx, [sel_seconds]
    mov edx, [sel_ns]
    cmp eax, [sel_ticks]
    jae .write                          ; all of it is left
    xor edx, edx
    mov ecx, LIMIT_TIMER_HZ
    div ecx
    mov ecx, eax
    imul edx, edx, TICK_NS
.write:
    ; ECX = seconds, EDX = nanoseconds.
    mov esi, [sel_timeout]
    cmp dword [sel_kind], TO_TIMEVAL
    jne .spec
    mov eax, edx
    xor edx, edx
    push ecx
    mov ecx, 1000
    div ecx
    pop ecx
    mov edx, eax
.spec:
    push ecx
    push edx
    mov ecx, 8
    cmp dword [sel_kind], TO_TS64
    jne .check
    mov ecx, 16
.check:
    mov edx, 1
    call user_check
    pop edx
    pop ecx
    jc .done                            ; Linux: then the call cannot be made again; ours is
    mov [esi], ecx
    cmp dword [sel_kind], TO_TS64
    je .wide
    mov [esi + 4], edx
    ret
.wide:
    mov dword [esi + 4], 0
    mov [esi + 8], edx
    mov dword [esi + 12], 0
.done:
    ret

; ---- the signal mask ----

; pselect6/ppoll's mask (sel_mask_at, 0: none) becomes the thread's until the call returns; the
; first time only (a call made again finds TSIG_SAVED). CF set with EAX = -EINVAL or -EFAULT.
select_mask_in:
    mov esi, [sel_mask_at]
    test esi, esi
    jz .none
    mov eax, -LINUX_EINVAL
    cmp dword [sel_mask_size], 8
    jne .error
    mov ecx, 8
    xor edx, edx
    call user_check
    mov eax, -LINUX_EFAULT
    jc .error
    call current_tcb
    test dword [ebx + TCB_SIGFLAGS], TSIG_SAVED
    jnz .none
    mov eax, [ebx + TCB_SIGMASK]
    mov [ebx + TCB_SAVEDMASK], eax
    mov eax, [ebx + TCB_SIGMASK + 4]
    mov [ebx + TCB_SAVEDMASK + 4], eax
    or dword [ebx + TCB_SIGFLAGS], TSIG_SAVED
    mov eax, [esi]
    and eax, ~SIG_UNBLOCKABLE
    mov [ebx + TCB_SIGMASK], eax
    mov eax, [esi + 4]
    mov [ebx + TCB_SIGMASK + 4], eax
.none:
    clc
    ret
.error:
    stc
    ret

; The call returns: the mask select_mask_in replaced comes back.
select_mask_out:
    cmp dword [sel_mask_at], 0
    je .done
    call current_tcb
    test dword [ebx + TCB_SIGFLAGS], TSIG_SAVED
    jz .done
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_SAVED
    mov eax, [ebx + TCB_SAVEDMASK]
    mov [ebx + TCB_SIGMASK], eax
    mov eax, [ebx + TCB_SAVEDMASK + 4]
    mov [ebx + TCB_SIGMASK + 4], eax
.done:
    ret

section .data
sel_what      dd 0                      ; SEL_SELECT or SEL_POLL
sel_n         dd 0                      ; nfds
sel_sets      dd 0, 0, 0                ; readfds, writefds, exceptfds (ppoll: the array)
sel_timeout   dd 0                      ; the timeout's address (0: none)
sel_kind      dd 0                      ; TO_*
sel_seconds   dd 0                      ; the timeout as asked
sel_ns        dd 0
sel_ticks     dd 0                      ; ... in ticks, rounded up
sel_final     dd 0                      ; 1: the device writes the sets even when none is ready
sel_mask_at   dd 0                      ; pselect6/ppoll's mask (0: none) and its size
sel_mask_size dd 0
section .text
