; Threads and the round-robin scheduler. A thread belongs to a process (TCB_PROC); switching
; to another process's thread switches address spaces (linux_fork.asm).
;
; A running thread's registers live in the trap frame at USER_FRAME; a thread that is not
; running keeps a copy in its control block. Switching threads is copying the frame out
; and the next thread's frame in; the return path then resumes whichever thread is there.
; Exactly one slot is THREAD_RUNNING while a program thread runs; none while the kernel
; idles because every thread sleeps.

; EBX = the current thread's control block.
current_tcb:
    mov ebx, [current_thread]
    imul ebx, ebx, TCB_SIZE
    add ebx, TCB_TABLE
    ret

; Makes a ready thread starting at EBX = entry with ESP = ECX and EAX = EDX, every other
; register zero. EAX = its id, or E_LIMIT with CF set when every slot is taken.
create_thread:
    mov edi, TCB_TABLE
    xor esi, esi
.slot:
    cmp dword [edi + TCB_STATE], THREAD_FREE
    je .found
    add edi, TCB_SIZE
    inc esi
    cmp esi, LIMIT_MAX_THREADS
    jb .slot
    mov eax, E_LIMIT
    stc
    ret
.found:
    push edi
    push ecx
    lea edi, [edi + TCB_FRAME]
    mov ecx, FRAME_DWORDS
    xor eax, eax
    rep stosd
    pop ecx
    pop edi
    mov dword [edi + TCB_FRAME + F_ES], SEL_USER_DATA
    mov dword [edi + TCB_FRAME + F_DS], SEL_USER_DATA
    mov [edi + TCB_FRAME + F_EAX], edx
    mov dword [edi + TCB_FRAME + F_VECTOR], VEC_SYSCALL_INT
    mov [edi + TCB_FRAME + F_EIP], ebx
    mov [edi + TCB_ENTRY], ebx
    mov dword [edi + TCB_FRAME + F_CS], SEL_USER_CODE
    mov dword [edi + TCB_FRAME + F_EFLAGS], USER_EFLAGS
    mov [edi + TCB_FRAME + F_USER_ESP], ecx
    mov dword [edi + TCB_FRAME + F_USER_SS], SEL_USER_DATA
    call tls_inherit
    call signal_thread_init
    mov eax, [current_process]
    mov [edi + TCB_PROC], eax
    mov dword [edi + TCB_RETRY], 0
    mov dword [edi + TCB_DEADLINE], 0
    mov dword [edi + TCB_CLEAR_TID], 0
    mov dword [edi + TCB_ROBUST], 0
    mov dword [edi + TCB_FUTEX_ADDR], 0
    imul eax, eax, P_SIZE
    inc dword [PROC_TABLE + eax + P_THREADS]   ; a thread of the current process
    mov dword [edi + TCB_STATE], THREAD_READY
    inc dword [next_thread_id]
    mov eax, [next_thread_id]
    mov [edi + TCB_ID], eax
    inc dword [thread_count]
    clc
    ret

; Enters ring 3 for the first time: thread slot 0 holds the program's main thread.
start_first_thread:
    call process_init
    mov dword [current_thread], 0
    mov dword [TCB_TABLE + TCB_STATE], THREAD_RUNNING
    xor edx, edx
    call tls_switch
    mov esi, TCB_TABLE + TCB_FRAME
    mov edi, USER_FRAME
    mov ecx, FRAME_DWORDS
    rep movsd
    mov esp, USER_FRAME
    mov ebp, esp
    jmp trap_exit

; Sleeping threads whose tick has come become ready.
wake_sleepers:
    push ebx
    push ecx
    mov ebx, TCB_TABLE
    mov ecx, LIMIT_MAX_THREADS
.each:
    cmp dword [ebx + TCB_STATE], THREAD_SLEEPING
    jne .next
    mov eax, [ticks]
    sub eax, [ebx + TCB_WAKE]
    js .next
    mov dword [ebx + TCB_STATE], THREAD_READY
.next:
    add ebx, TCB_SIZE
    loop .each
    pop ecx
    pop ebx
    ret

; Puts the current thread to sleep for EAX ticks and runs another one.
sleep_current:
    call current_tcb
    add eax, [ticks]
    mov [ebx + TCB_WAKE], eax
    mov dword [ebx + TCB_STATE], THREAD_SLEEPING
    jmp schedule

; The current thread is over (exit or fault); its process ends with its last thread
; (linux_fork.asm), the program with the first process.
end_current_thread:
    call current_tcb
    mov dword [ebx + TCB_STATE], THREAD_FREE
    mov dword [tls_owner], -1           ; its FS/GS/TLS need no saving
    dec dword [thread_count]
    jmp thread_ended

; Round robin: saves the current thread's frame (unless its slot was freed), picks the next
; ready thread after it (the current one last, if it is still ready), and installs that
; thread's frame at USER_FRAME. When every remaining thread sleeps, waits for the timer
; with interrupts on.
; A running thread with no other thread ready (every timer tick of a one-thread program)
; would be picked again: its frame copied out and back, and the process, TLS and FPU
; switches, each a no-op for the thread already installed (tls_owner and the FPU's TS
; already are its own), so it resumes at once. Its kernel time is then charged once, on the
; way out (trap_exit's acct_exit), instead of in two parts: the same thread, the same sum.
schedule:
    call current_tcb
    cmp dword [ebx + TCB_STATE], THREAD_RUNNING
    jne .change
    mov edi, TCB_TABLE
    mov ecx, LIMIT_MAX_THREADS
.other:
    cmp edi, ebx
    je .not_other
    cmp dword [edi + TCB_STATE], THREAD_READY
    je .change
.not_other:
    add edi, TCB_SIZE
    loop .other
    mov dword [ebx + TCB_FUTEX_ADDR], 0     ; as .switch does for the thread it installs
    jmp resume_thread
.change:
    call acct_exit_switch           ; linux_time.asm: the kernel's time so far is this thread's
    call current_tcb
    cmp dword [ebx + TCB_STATE], THREAD_FREE
    je .pick
    cmp dword [ebx + TCB_STATE], THREAD_RUNNING
    jne .save
    mov dword [ebx + TCB_STATE], THREAD_READY
.save:
    lea edi, [ebx + TCB_FRAME]
    mov esi, USER_FRAME
    mov ecx, FRAME_DWORDS
    rep movsd
.pick:
    mov edx, [current_thread]
    mov ecx, LIMIT_MAX_THREADS
.candidate:
    inc edx
    cmp edx, LIMIT_MAX_THREADS
    jb .in_range
    xor edx, edx
.in_range:
    mov ebx, edx
    imul ebx, ebx, TCB_SIZE
    add ebx, TCB_TABLE
    cmp dword [ebx + TCB_STATE], THREAD_READY
    je .switch
    loop .candidate
    ; Nobody is ready: somebody sleeps (a thread is still counted). Idle until a tick.
    sti
    hlt
    cli
    call acct_idle                  ; the idle time is nobody's
    jmp .pick
.switch:
    mov [current_thread], edx
    mov dword [ebx + TCB_STATE], THREAD_RUNNING
    mov dword [ebx + TCB_FUTEX_ADDR], 0     ; running: no longer a futex waiter (linux_futex.asm)
    lea esi, [ebx + TCB_FRAME]
    mov edi, USER_FRAME
    mov ecx, FRAME_DWORDS
    rep movsd
    push edx
    mov edx, [ebx + TCB_PROC]
    call process_switch             ; linux_fork.asm: its process's address space
    pop edx
    call tls_switch
    call fpu_thread_switched        ; fpu.asm: CR0.TS for the lazy FPU switch
    jmp resume_thread               ; linux_wait.asm: a call to make again, or back to ring 3

section .data
current_thread  dd 0
next_thread_id  dd 0
thread_count    dd 0
exit_status     dd 0
section .text
