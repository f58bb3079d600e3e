; futex and futex_time64 (Linux's kernel/futex): FUTEX_WAIT, FUTEX_WAKE, FUTEX_REQUEUE,
; FUTEX_CMP_REQUEUE, FUTEX_WAKE_OP, FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET, with
; FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME. The PI operations are ENOSYS.
;
; A waiter is a sleeping thread whose block holds the futex's key (TCB_FUTEX_ADDR, _KEY), its
; bitset and when it began waiting (wakes go oldest first, as Linux's queue of equal
; priorities). The key is the process and the address, or, for a word on a MAP_SHARED page
; (PTE_SHARED) in a call without FUTEX_PRIVATE_FLAG, the physical address, so processes
; sharing the page meet. The kernel runs with interrupts off: checking the word and going
; to sleep cannot be split by a wake.
;
; The waiter's frame says how the wait ended: a wake stores 0 there (it returns 0 whatever
; the word holds by then), the timeout leaves the -ETIMEDOUT stored before it slept, and a
; signal it does not block -EINTR (wake_for_signal, as for nanosleep, with no remainder).

; futex(uaddr, op, val, timeout or val2, uaddr2, val3)
linux_futex:
    mov byte [futex_wide], 0
    jmp futex_common

; futex_time64: the same, with a struct __kernel_timespec (64-bit seconds).
linux_futex_time64:
    mov byte [futex_wide], 1
futex_common:
    mov eax, [ebp + F_ECX]
    mov ecx, eax
    and ecx, LINUX_FUTEX_CMD_MASK
    test eax, LINUX_FUTEX_CLOCK_REALTIME
    jz .op
    cmp ecx, LINUX_FUTEX_WAIT
    je .op
    cmp ecx, LINUX_FUTEX_WAIT_BITSET
    jne .no_op
.op:
    mov esi, [ebp + F_EBX]
    test esi, 3
    jnz linux_invalid
    cmp ecx, LINUX_FUTEX_WAIT
    je futex_wait
    cmp ecx, LINUX_FUTEX_WAIT_BITSET
    je futex_wait
    cmp ecx, LINUX_FUTEX_WAKE
    je futex_wake
    cmp ecx, LINUX_FUTEX_WAKE_BITSET
    je futex_wake
    cmp ecx, LINUX_FUTEX_REQUEUE
    je futex_requeue
    cmp ecx, LINUX_FUTEX_CMP_REQUEUE
    je futex_requeue
    cmp ecx, LINUX_FUTEX_WAKE_OP
    je futex_wake_op
.no_op:
    mov dword [ebp + F_EAX], -LINUX_ENOSYS
    ret

; ECX = the command: FUTEX_WAIT (relative timeout, any bitset) or FUTEX_WAIT_BITSET (an
; absolute timeout on CLOCK_MONOTONIC, or CLOCK_REALTIME with the flag; bitset val3).
futex_wait:
    mov eax, -1
    cmp ecx, LINUX_FUTEX_WAIT
    je .bitset
    mov eax, [ebp + F_EBP]
    test eax, eax
    jz linux_invalid
.bitset:
    mov [futex_bitset], eax
    ; The timeout first (Linux reads it before the word): EAX = ticks to sleep, 0 for none.
    xor eax, eax
    mov esi, [ebp + F_ESI]
    test esi, esi
    jz .timed
    call futex_read_timeout             ; EAX = seconds, EDX = nanoseconds
    jc .bad_time
    mov ecx, [ebp + F_ECX]
    and ecx, LINUX_FUTEX_CMD_MASK
    cmp ecx, LINUX_FUTEX_WAIT
    je .relative
    mov ebx, LINUX_CLOCK_MONOTONIC
    test dword [ebp + F_ECX], LINUX_FUTEX_CLOCK_REALTIME
    jz .clock
    mov ebx, LINUX_CLOCK_REALTIME
.clock:
    push edx
    push eax
    call clock_read                     ; linux_io.asm: EAX = seconds, EDX = nanoseconds
    mov ebx, eax
    mov ecx, edx
    pop eax
    pop edx
    sub edx, ecx
    jns .seconds
    add edx, 1000000000
    dec eax
.seconds:
    sub eax, ebx
    js .expired
.relative:
    call futex_ticks
    test eax, eax
    jnz .timed
.expired:
    mov eax, -1                         ; the time is up: ETIMEDOUT once the word matches
.timed:
    mov [futex_sleep], eax
    ; The word.
    mov esi, [ebp + F_EBX]
    mov ecx, 4
    xor edx, edx
    call user_check
    jc linux_fault
    mov eax, [esi]
    cmp eax, [ebp + F_EDX]
    jne .again
    cmp dword [futex_sleep], -1
    je .timed_out
    ; Wait: the key, the order, and how it ends unless woken.
    call futex_key                      ; EAX = process (-1: physical), EDX = address
    call current_tcb
    mov [ebx + TCB_FUTEX_KEY], eax
    mov [ebx + TCB_FUTEX_ADDR], edx
    mov eax, [futex_bitset]
    mov [ebx + TCB_FUTEX_BITSET], eax
    inc dword [futex_order]
    mov eax, [futex_order]
    mov [ebx + TCB_FUTEX_SEQ], eax
    mov dword [ebp + F_EAX], -LINUX_ETIMEDOUT
    mov dword [ebx + TCB_SLEEP_REM], 0
    or dword [ebx + TCB_SIGFLAGS], TSIG_WAITING | TSIG_SLEEP
    mov eax, [futex_sleep]
    test eax, eax
    jnz .sleep
    mov eax, 0x7FFFFFFF                 ; no wake-up tick within reach
.sleep:
    jmp sleep_current
.again:
    mov dword [ebp + F_EAX], -LINUX_EAGAIN
    ret
.timed_out:
    mov dword [ebp + F_EAX], -LINUX_ETIMEDOUT
    ret
.bad_time:
    mov [ebp + F_EAX], eax
    ret

; ESI = the user's timeout: EAX = seconds, EDX = nanoseconds (the 32-bit or 64-bit layout
; as the call says; seconds beyond 2^31 are capped). CF set with EAX = -EFAULT or -EINVAL
; (negative seconds, nanoseconds past 999999999).
futex_read_timeout:
    mov ecx, 8
    cmp byte [futex_wide], 0
    je .check
    mov ecx, 16
.check:
    xor edx, edx
    call user_check
    jc .fault
    mov eax, [esi]
    mov edx, [esi + 4]
    cmp ecx, 8
    je .valid
    mov edx, [esi + 8]
    mov ecx, [esi + 4]
    test ecx, ecx
    js .invalid
    jz .valid
    mov eax, 0x7FFFFFFF
.valid:
    test eax, eax
    js .invalid
    cmp edx, 999999999
    ja .invalid
    clc
    ret
.invalid:
    mov eax, -LINUX_EINVAL
    stc
    ret
.fault:
    mov eax, -LINUX_EFAULT
    stc
    ret

; EAX = seconds (>= 0), EDX = nanoseconds: EAX = timer ticks to sleep for at least that long
; (one more than it rounds up to, the current tick being under way, as linux_sleep), 0 when
; the time is zero.
futex_ticks:
    cmp eax, 0x7FFFFFFF / LIMIT_TIMER_HZ - 1
    jbe .scale
    mov eax, 0x7FFFFFFF / LIMIT_TIMER_HZ - 1
.scale:
    imul ecx, eax, LIMIT_TIMER_HZ
    lea eax, [edx + 1000000000 / LIMIT_TIMER_HZ - 1]
    xor edx, edx
    mov ebx, 1000000000 / LIMIT_TIMER_HZ
    div ebx
    add eax, ecx
    jz .done
    inc eax
.done:
    ret

; ESI = the futex word: EAX = the key's process, EDX = its address, for the call's op.
futex_key:
    mov eax, [ebp + F_ECX]
    and eax, LINUX_FUTEX_PRIVATE_FLAG
    ; fall through

; ESI = the futex word, EAX = non-zero for FUTEX_PRIVATE_FLAG: EAX = the key's process, EDX =
; its address. A word on a MAP_SHARED page, without the flag, is keyed by its physical address.
futex_key_of:
    test eax, eax
    jnz .private
    mov eax, esi
    call pte_address                    ; mm.asm
    jc .private
    mov eax, [eax]
    test eax, PTE_P
    jz .private
    test eax, PTE_SHARED
    jz .private
    and eax, ~(PAGE - 1)
    mov edx, esi
    and edx, PAGE - 1
    or edx, eax
    mov eax, -1
    ret
.private:
    mov eax, [current_process]
    mov edx, esi
    ret

; FUTEX_WAKE(uaddr, count) and FUTEX_WAKE_BITSET(uaddr, count, -, -, bitset): returns how
; many waiters were woken.
futex_wake:
    mov eax, -1
    cmp ecx, LINUX_FUTEX_WAKE
    je .bitset
    mov eax, [ebp + F_EBP]
    test eax, eax
    jz linux_invalid
.bitset:
    mov [futex_bitset], eax
    mov esi, [ebp + F_EBX]
    call futex_key
    mov ecx, [ebp + F_EDX]
    call futex_wake_count
    mov [ebp + F_EAX], eax
    ret

; ECX = FUTEX_WAKE's count: Linux wakes one before it compares, so 0 or less wakes one.
; EAX, EDX = the key, futex_bitset the bits. EAX = how many were woken.
futex_wake_count:
    test ecx, ecx
    jg .count
    mov ecx, 1
.count:
    jmp futex_wake_key

; ESI = a word of the current process, ECX = count: its waiters, any bitset, keyed as
; without FUTEX_PRIVATE_FLAG (a thread's end, a robust futex's owner dying). Keeps EBP, ESI.
futex_wake_shared:
    push esi
    xor eax, eax
    call futex_key_of
    mov dword [futex_bitset], -1
    call futex_wake_key
    pop esi
    ret

; EAX = the key's process, EDX = its address, ECX = most to wake (> 0), futex_bitset: the
; matching waiters, oldest first, become ready and return 0. EAX = how many. Keeps EBP.
futex_wake_key:
    mov [futex_want_key], eax
    mov [futex_want_addr], edx
    mov [futex_left], ecx
    mov dword [futex_count], 0
.next:
    cmp dword [futex_left], 0
    je .done
    call futex_oldest
    jc .done
    mov dword [ebx + TCB_FUTEX_ADDR], 0
    mov dword [ebx + TCB_FRAME + F_EAX], 0
    and dword [ebx + TCB_SIGFLAGS], ~(TSIG_WAITING | TSIG_SLEEP)
    mov dword [ebx + TCB_STATE], THREAD_READY
    inc dword [futex_count]
    dec dword [futex_left]
    jmp .next
.done:
    mov eax, [futex_count]
    ret

; EBX = the waiter on futex_want_key/addr whose bitset meets futex_bitset and who has waited
; longest; CF set when there is none.
futex_oldest:
    push ecx
    push edx
    push esi
    xor esi, esi                        ; ESI = the best so far
    mov ebx, TCB_TABLE
    mov ecx, LIMIT_MAX_THREADS
.each:
    cmp dword [ebx + TCB_STATE], THREAD_SLEEPING
    jne .next
    mov eax, [ebx + TCB_FUTEX_ADDR]
    test eax, eax
    jz .next
    cmp eax, [futex_want_addr]
    jne .next
    mov eax, [ebx + TCB_FUTEX_KEY]
    cmp eax, [futex_want_key]
    jne .next
    mov eax, [ebx + TCB_FUTEX_BITSET]
    test eax, [futex_bitset]
    jz .next
    test esi, esi
    jz .best
    mov eax, [ebx + TCB_FUTEX_SEQ]
    sub eax, [esi + TCB_FUTEX_SEQ]
    jns .next
.best:
    mov esi, ebx
.next:
    add ebx, TCB_SIZE
    loop .each
    mov ebx, esi
    test esi, esi
    jz .none
    pop esi
    pop edx
    pop ecx
    clc
    ret
.none:
    pop esi
    pop edx
    pop ecx
    stc
    ret

; FUTEX_REQUEUE(uaddr, wake, requeue, uaddr2) and FUTEX_CMP_REQUEUE(..., val3): wakes up to
; `wake` waiters of uaddr and moves up to `requeue` more to uaddr2 (CMP_REQUEUE only while
; *uaddr == val3, else EAGAIN). Returns both counts together, as Linux's futex_requeue.
futex_requeue:
    mov eax, [ebp + F_EDX]
    or eax, [ebp + F_ESI]
    js linux_invalid                    ; a negative count
    mov esi, [ebp + F_EDI]
    test esi, 3
    jnz linux_invalid
    cmp ecx, LINUX_FUTEX_CMP_REQUEUE
    jne .keys
    mov esi, [ebp + F_EBX]
    mov ecx, 4
    xor edx, edx
    call user_check
    jc linux_fault
    mov eax, [esi]
    cmp eax, [ebp + F_EBP]
    jne futex_wait.again
.keys:
    mov esi, [ebp + F_EDI]
    call futex_key
    mov [futex_to_key], eax
    mov [futex_to_addr], edx
    mov esi, [ebp + F_EBX]
    call futex_key
    mov dword [futex_bitset], -1
    mov ecx, [ebp + F_EDX]
    push eax
    push edx
    call futex_wake_key
    pop edx
    pop eax
    push dword [futex_count]
    mov [futex_want_key], eax
    mov [futex_want_addr], edx
    mov ecx, [ebp + F_ESI]
    xor edx, edx                        ; EDX = moved
.move:
    test ecx, ecx
    jz .moved
    call futex_oldest
    jc .moved
    mov eax, [futex_to_key]
    mov [ebx + TCB_FUTEX_KEY], eax
    mov eax, [futex_to_addr]
    mov [ebx + TCB_FUTEX_ADDR], eax
    inc edx
    dec ecx
    jmp .move
.moved:
    pop eax
    add eax, edx
    mov [ebp + F_EAX], eax
    ret

; FUTEX_WAKE_OP(uaddr, wake, wake2, uaddr2, op): *uaddr2 changes by the encoded operation
; (Linux's futex_atomic_op_inuser); `wake` waiters of uaddr are woken, and `wake2` of uaddr2
; when the old value of *uaddr2 passes the encoded comparison. Returns how many in all.
futex_wake_op:
    mov esi, [ebp + F_EDI]
    test esi, 3
    jnz linux_invalid
    mov ebx, [ebp + F_EBP]
    mov ecx, ebx
    shl ecx, 8
    sar ecx, 20                         ; ECX = oparg (bits 12-23, signed)
    test ebx, LINUX_FUTEX_OP_OPARG_SHIFT << 28
    jz .oparg
    and ecx, 31
    mov eax, 1
    shl eax, cl
    mov ecx, eax
.oparg:
    mov eax, ebx
    shr eax, 28
    and eax, 7                          ; EAX = op
    cmp eax, 4
    ja .no_op
    mov edx, ebx
    shr edx, 24
    and edx, 15
    cmp edx, 5                          ; the comparison
    ja .no_op
    push eax
    push ecx
    mov ecx, 4
    mov edx, 1
    call user_check
    pop ecx
    pop eax
    jc linux_fault
    mov edx, [esi]                      ; EDX = the old value
    mov [futex_old], edx
    cmp eax, 1
    jb .set
    je .add
    cmp eax, 3
    jb .or
    je .andn
    xor edx, ecx
    jmp .store
.set:
    mov edx, ecx
    jmp .store
.add:
    add edx, ecx
    jmp .store
.or:
    or edx, ecx
    jmp .store
.andn:
    not ecx
    and edx, ecx
.store:
    mov [esi], edx
    ; The wakes.
    mov dword [futex_bitset], -1
    mov esi, [ebp + F_EBX]
    call futex_key
    mov ecx, [ebp + F_EDX]
    call futex_wake_count
    push eax
    call futex_op_compare
    jnc .woken
    mov esi, [ebp + F_EDI]
    call futex_key
    mov ecx, [ebp + F_ESI]
    call futex_wake_count
    add [esp], eax
.woken:
    pop eax
    mov [ebp + F_EAX], eax
    ret
.no_op:
    mov dword [ebp + F_EAX], -LINUX_ENOSYS
    ret

; CF set when futex_old passes the comparison val3 encodes (EQ, NE, LT, LE, GT, GE against
; cmparg, bits 0-11, signed).
futex_op_compare:
    mov ebx, [ebp + F_EBP]
    mov ecx, ebx
    shl ecx, 20
    sar ecx, 20                         ; ECX = cmparg
    shr ebx, 24
    and ebx, 15
    mov eax, [futex_old]
    cmp eax, ecx
    jmp [futex_compares + ebx * 4]
.eq:
    je .yes
    jmp .no
.ne:
    jne .yes
    jmp .no
.lt:
    jl .yes
    jmp .no
.le:
    jle .yes
    jmp .no
.gt:
    jg .yes
    jmp .no
.ge:
    jge .yes
.no:
    clc
    ret
.yes:
    stc
    ret

futex_compares dd futex_op_compare.eq, futex_op_compare.ne, futex_op_compare.lt
               dd futex_op_compare.le, futex_op_compare.gt, futex_op_compare.ge

section .data
futex_wide      db 0
align 4, db 0
futex_bitset    dd 0
futex_sleep     dd 0
futex_order     dd 0
futex_want_key  dd 0
futex_want_addr dd 0
futex_to_key    dd 0
futex_to_addr   dd 0
futex_left      dd 0
futex_count     dd 0
futex_old       dd 0
section .text
