; Signals of the Linux personality, delivered as Linux i386 delivers them (arch/x86/kernel/
; signal.c and signal_32.c): a signal becomes pending for a thread or for the process; on the
; way back to ring 3 (trap_exit) the lowest deliverable one (the synchronous fault signals
; first) is taken. A handler gets the frame Linux builds: struct sigframe_ia32 (sigreturn)
; or, with SA_SIGINFO, struct rt_sigframe_ia32 with its siginfo and ucontext (rt_sigreturn),
; 16-byte aligned after the return address, on the alternate stack with SA_ONSTACK; it
; returns through sa_restorer, or the frame's retcode. SIG_DFL ends the program with status
; 128 + signal (the CLI exits with it, as a shell reports a death by signal) and a log line
; naming the signal; core-dump signals do the same (no core file); stop signals stop the
; process (linux_stop.asm). Offsets and numbers are LINUX_SIG_* (abiSignal.ts).
;
; Masks, pending sets and the alternate stack are per thread (TCB_SIG*); kill() and the
; alarm timer make a signal pending for the process, which any thread that does not block it
; takes. Not saved in the frame: the x87/SSE state (sigcontext.fpstate is 0).

TSIG_SAVED   equ 1                      ; TCB_SAVEDMASK holds the mask rt_sigsuspend replaced
TSIG_WAITING equ 2                      ; asleep in pause/rt_sigsuspend: a signal wakes it
TSIG_ALT_AUTODISARM equ 4               ; the alternate stack was set with SS_AUTODISARM
TSIG_SLEEP   equ 8                      ; asleep in nanosleep: a signal ends it with -EINTR
SLEEP_REM_32 equ 1                      ; the remainder is a struct timespec (32-bit)
SLEEP_REM_64 equ 2                      ; ... a struct __kernel_timespec (64-bit fields)
; Signals no mask blocks, and the synchronous ones Linux delivers first (SYNCHRONOUS_MASK).
SIG_UNBLOCKABLE equ (1 << (LINUX_SIG_SIGKILL - 1)) | (1 << (LINUX_SIG_SIGSTOP - 1))
SIG_SYNCHRONOUS equ (1 << (LINUX_SIG_SIGSEGV - 1)) | (1 << (LINUX_SIG_SIGBUS - 1)) | \
                    (1 << (LINUX_SIG_SIGILL - 1)) | (1 << (LINUX_SIG_SIGTRAP - 1)) | \
                    (1 << (LINUX_SIG_SIGFPE - 1)) | (1 << (31 - 1))
ACTION_SIZE  equ 20                     ; handler, flags, restorer, mask (8): struct sigaction
; The retcode bytes of signal_32.c: "popl %eax; movl $__NR_sigreturn, %eax; int $0x80" and
; "movl $__NR_rt_sigreturn, %eax; int $0x80", as two dwords each.
RETCODE_0    equ 0xB858 | (LINUX_SYS_SIGRETURN << 16)
RETCODE_1    equ 0x80CD0000
RT_RETCODE_0 equ 0xB8 | (LINUX_SYS_RT_SIGRETURN << 8)
RT_RETCODE_1 equ 0x0080CD00

; EDI = a new thread's control block: it inherits the creating thread's mask (none at boot)
; and starts with nothing pending and no alternate stack.
signal_thread_init:
    push ebx
    call current_tcb
    xor eax, eax
    xor edx, edx
    cmp dword [ebx + TCB_STATE], THREAD_RUNNING
    jne .mask
    mov eax, [ebx + TCB_SIGMASK]
    mov edx, [ebx + TCB_SIGMASK + 4]
.mask:
    mov [edi + TCB_SIGMASK], eax
    mov [edi + TCB_SIGMASK + 4], edx
    xor eax, eax
    mov [edi + TCB_SIGPENDING], eax
    mov [edi + TCB_SIGPENDING + 4], eax
    mov [edi + TCB_ALT_SP], eax
    mov [edi + TCB_ALT_SIZE], eax
    mov [edi + TCB_SIGFLAGS], eax
    call restart_thread_init            ; linux_restart.asm
    pop ebx
    ret

; ---- sigaction, signal ---------------------------------------------------------------

; rt_sigaction(signal, act, old act, sigset size): struct kernel sigaction is handler,
; flags, restorer, mask (8 bytes).
linux_rt_sigaction:
    cmp dword [ebp + F_ESI], 8
    jne linux_invalid
    mov eax, [ebp + F_EBX]
    call signal_slot                    ; EBX = the record
    jc linux_invalid
    mov esi, [ebp + F_EDX]
    test esi, esi
    jz .new
    mov ecx, ACTION_SIZE
    mov edx, 1
    call user_check
    jc linux_fault
.new:
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .old
    call refuse_kill_stop
    jc linux_invalid
    mov ecx, ACTION_SIZE
    xor edx, edx
    call user_check
    jc linux_fault
    mov edi, sigaction_scratch
    mov ecx, ACTION_SIZE / 4
    rep movsd
.old:
    mov edi, [ebp + F_EDX]
    test edi, edi
    jz .store
    mov esi, ebx
    mov ecx, ACTION_SIZE / 4
    rep movsd
.store:
    cmp dword [ebp + F_ECX], 0
    je action_done
    jmp store_action

; sigaction(signal, act, old act), the old call: struct old_sigaction is handler, mask
; (4 bytes), flags, restorer.
linux_sigaction:
    mov eax, [ebp + F_EBX]
    call signal_slot
    jc linux_invalid
    mov esi, [ebp + F_EDX]
    test esi, esi
    jz .new
    mov ecx, 16
    mov edx, 1
    call user_check
    jc linux_fault
.new:
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .old
    call refuse_kill_stop
    jc linux_invalid
    mov ecx, 16
    xor edx, edx
    call user_check
    jc linux_fault
    mov eax, [esi]
    mov [sigaction_scratch], eax        ; handler
    mov eax, [esi + 8]
    mov [sigaction_scratch + 4], eax    ; flags
    mov eax, [esi + 12]
    mov [sigaction_scratch + 8], eax    ; restorer
    mov eax, [esi + 4]
    mov [sigaction_scratch + 12], eax   ; mask, low half
    mov dword [sigaction_scratch + 16], 0
.old:
    mov edi, [ebp + F_EDX]
    test edi, edi
    jz .store
    mov eax, [ebx]
    mov [edi], eax
    mov eax, [ebx + 12]
    mov [edi + 4], eax
    mov eax, [ebx + 4]
    mov [edi + 8], eax
    mov eax, [ebx + 8]
    mov [edi + 12], eax
.store:
    cmp dword [ebp + F_ECX], 0
    je action_done
    jmp store_action

; signal(signal, handler): sa_flags SA_RESETHAND | SA_NODEFER, an empty mask (sys_signal);
; returns the old handler.
linux_signal:
    mov eax, [ebp + F_EBX]
    call signal_slot
    jc linux_invalid
    call refuse_kill_stop
    jc linux_invalid
    mov eax, [ebp + F_ECX]
    mov [sigaction_scratch], eax
    mov dword [sigaction_scratch + 4], LINUX_SIG_SA_RESETHAND | LINUX_SIG_SA_NODEFER
    xor eax, eax
    mov [sigaction_scratch + 8], eax
    mov [sigaction_scratch + 12], eax
    mov [sigaction_scratch + 16], eax
    push dword [ebx]
    call store_action
    pop dword [ebp + F_EAX]
    ret

; CF set when the call's signal (EBX argument) is SIGKILL or SIGSTOP, whose action is fixed.
refuse_kill_stop:
    cmp dword [ebp + F_EBX], LINUX_SIG_SIGKILL
    je .refuse
    cmp dword [ebp + F_EBX], LINUX_SIG_SIGSTOP
    je .refuse
    clc
    ret
.refuse:
    stc
    ret

; EBX = the record: sigaction_scratch becomes the action. A pending signal the new action
; ignores is discarded (as Linux's do_sigaction does).
store_action:
    mov esi, sigaction_scratch
    mov edi, ebx
    mov ecx, ACTION_SIZE / 4
    rep movsd
    mov eax, [ebp + F_EBX]
    call action_ignores
    jnc action_done
    lea ecx, [eax - 1]
    btr [process_pending], ecx
    mov ebx, TCB_TABLE
    mov edx, LIMIT_MAX_THREADS
.each:
    btr [ebx + TCB_SIGPENDING], ecx
    add ebx, TCB_SIZE
    dec edx
    jnz .each
action_done:
    mov dword [ebp + F_EAX], 0
    ret

; EAX = signal number: EBX = its record in signal_actions; CF set outside 1..64.
signal_slot:
    push eax
    dec eax
    cmp eax, LINUX_SIG_NSIG
    jae .bad
    imul ebx, eax, ACTION_SIZE
    add ebx, signal_actions
    pop eax
    clc
    ret
.bad:
    pop eax
    stc
    ret

; EAX = signal number (1..64): CF set when its action discards it (SIG_IGN, or SIG_DFL
; whose default is to ignore or to stop). Keeps EAX.
action_ignores:
    push ebx
    call signal_slot
    mov ebx, [ebx]
    cmp ebx, LINUX_SIG_SIG_IGN
    je .yes
    cmp ebx, LINUX_SIG_SIG_DFL
    jne .no
    cmp eax, 32
    jae .no
    bt dword [default_discard], eax
    jc .yes
.no:
    pop ebx
    clc
    ret
.yes:
    pop ebx
    stc
    ret

; ---- masks -----------------------------------------------------------------------------

; rt_sigprocmask(how, set, old set, sigset size): the calling thread's mask (SIGKILL and
; SIGSTOP cannot be blocked).
linux_rt_sigprocmask:
    cmp dword [ebp + F_ESI], 8
    jne linux_invalid
    mov ecx, 8
    jmp sigprocmask_common

; sigprocmask(how, set, old set), the old call with a 4-byte set.
linux_sigprocmask:
    mov ecx, 4
sigprocmask_common:
    mov [mask_size], ecx
    call current_tcb
    mov esi, [ebp + F_EDX]
    test esi, esi
    jz .new
    mov edx, 1
    call user_check
    jc linux_fault
.new:
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .old
    cmp dword [ebp + F_EBX], LINUX_SIG_SIG_SETMASK
    ja linux_invalid
    xor edx, edx
    call user_check
    jc linux_fault
    mov eax, [esi]
    xor edx, edx
    cmp ecx, 8
    jb .read
    mov edx, [esi + 4]
.read:
    ; EDX:EAX = the set. Old values go out before the new mask is applied.
    push eax
    push edx
    call .store_old
    pop edx
    pop eax
    and eax, ~SIG_UNBLOCKABLE
    mov ecx, [ebp + F_EBX]
    cmp ecx, LINUX_SIG_SIG_BLOCK
    je .block
    cmp ecx, LINUX_SIG_SIG_SETMASK
    je .set
    not eax                             ; SIG_UNBLOCK
    not edx
    and [ebx + TCB_SIGMASK], eax
    and [ebx + TCB_SIGMASK + 4], edx
    jmp .done
.block:
    or [ebx + TCB_SIGMASK], eax
    or [ebx + TCB_SIGMASK + 4], edx
    jmp .done
.set:
    mov [ebx + TCB_SIGMASK], eax
    mov [ebx + TCB_SIGMASK + 4], edx
    jmp .done
.old:
    call .store_old
.done:
    mov dword [ebp + F_EAX], 0
    ret
.store_old:
    mov edi, [ebp + F_EDX]
    test edi, edi
    jz .no_old
    mov eax, [ebx + TCB_SIGMASK]
    stosd
    cmp dword [mask_size], 8
    jb .no_old
    mov eax, [ebx + TCB_SIGMASK + 4]
    stosd
.no_old:
    ret

; rt_sigpending(set, sigset size): the pending signals the thread blocks.
linux_rt_sigpending:
    mov ecx, [ebp + F_ECX]
    cmp ecx, 8
    ja linux_invalid
    jmp sigpending_common

; sigpending(set), the old call with a 4-byte set.
linux_sigpending:
    mov ecx, 4
sigpending_common:
    mov esi, [ebp + F_EBX]
    mov edx, 1
    call user_check
    jc linux_fault
    call current_tcb
    mov eax, [ebx + TCB_SIGPENDING]
    or eax, [process_pending]
    and eax, [ebx + TCB_SIGMASK]
    mov [sigaction_scratch], eax
    mov eax, [ebx + TCB_SIGPENDING + 4]
    or eax, [process_pending + 4]
    and eax, [ebx + TCB_SIGMASK + 4]
    mov [sigaction_scratch + 4], eax
    mov edi, esi
    mov esi, sigaction_scratch
    rep movsb
    mov dword [ebp + F_EAX], 0
    ret

; ---- waiting ---------------------------------------------------------------------------

; pause(): sleeps until a signal is delivered; -EINTR (the handler has run by then).
linux_pause:
    mov dword [ebp + F_EAX], -LINUX_EINTR
    jmp signal_wait

; rt_sigsuspend(mask, sigset size): the thread's mask becomes `mask` until a signal is
; delivered; the handler's frame saves the old mask, which comes back with sigreturn.
linux_rt_sigsuspend:
    cmp dword [ebp + F_ECX], 8
    jne linux_invalid
    mov esi, [ebp + F_EBX]
    mov ecx, 8
    xor edx, edx
    call user_check
    jc linux_fault
    mov eax, [esi]
    mov edx, [esi + 4]
    jmp sigsuspend_common

; sigsuspend(unused, unused, mask), the old call with a 4-byte mask in the third argument.
linux_sigsuspend:
    mov eax, [ebp + F_EDX]
    xor edx, edx
sigsuspend_common:
    call current_tcb
    mov ecx, [ebx + TCB_SIGMASK]
    mov [ebx + TCB_SAVEDMASK], ecx
    mov ecx, [ebx + TCB_SIGMASK + 4]
    mov [ebx + TCB_SAVEDMASK + 4], ecx
    or dword [ebx + TCB_SIGFLAGS], TSIG_SAVED
    and eax, ~SIG_UNBLOCKABLE
    mov [ebx + TCB_SIGMASK], eax
    mov [ebx + TCB_SIGMASK + 4], edx
    mov dword [ebp + F_EAX], -LINUX_EINTR
    ; fall through

; The current thread sleeps until a signal it does not block is pending (at once if one is).
signal_wait:
    call restart_mark_nohand            ; linux_restart.asm: made again when no handler runs
    call current_tcb
    call deliverable
    jnz .ready
    or dword [ebx + TCB_SIGFLAGS], TSIG_WAITING
    mov eax, [ticks]
    add eax, 0x7FFFFFFF                 ; no wake-up tick within reach
    mov [ebx + TCB_WAKE], eax
    mov dword [ebx + TCB_STATE], THREAD_SLEEPING
    jmp schedule
.ready:
    ret

; EBX = a thread's control block: EDX:EAX = its deliverable signals (pending for it or the
; process, not blocked), ZF set when there are none.
deliverable:
    mov eax, [ebx + TCB_SIGMASK]
    not eax
    mov edx, [ebx + TCB_SIGPENDING]
    or edx, [process_pending]
    and eax, edx
    mov edx, [ebx + TCB_SIGMASK + 4]
    not edx
    push ecx
    mov ecx, [ebx + TCB_SIGPENDING + 4]
    or ecx, [process_pending + 4]
    and edx, ecx
    mov ecx, eax
    or ecx, edx
    pop ecx
    ret

; ---- sending ---------------------------------------------------------------------------

; kill(pid, signal) is in linux_wait.asm.

; tkill(tid, signal)
linux_tkill:
    mov eax, [ebp + F_EBX]
    mov ecx, [ebp + F_ECX]
    jmp tkill_common

; tgkill(tgid, tid, signal): the thread must belong to process tgid (thread_of_process,
; linux_thread.asm).
linux_tgkill:
    mov eax, [ebp + F_ECX]
    mov ecx, [ebp + F_EDX]
tkill_common:
    push ecx
    call find_thread
    pop eax
    jc no_such_process
    call thread_of_process
    jc no_such_process
    call check_signal_number
    jc linux_invalid
    jz .done
    mov ecx, LINUX_SIG_SI_TKILL
    push eax
    call current_pid
    mov edx, eax
    pop eax
    call signal_thread
.done:
    mov dword [ebp + F_EAX], 0
    ret

; EAX = a signal number from a program: CF set when invalid, ZF set for 0 (only a check).
check_signal_number:
    cmp eax, LINUX_SIG_NSIG
    ja .bad
    test eax, eax
    clc
    ret
.bad:
    stc
    ret

; EAX = thread id: EBX = its control block (CF clear) when a thread of the program has it.
find_thread:
    mov ebx, TCB_TABLE
    mov ecx, LIMIT_MAX_THREADS
.each:
    cmp dword [ebx + TCB_STATE], THREAD_FREE
    je .next
    cmp [ebx + TCB_ID], eax
    je .found
.next:
    add ebx, TCB_SIZE
    loop .each
    stc
    ret
.found:
    clc
    ret

; EAX = signal (1..64), ECX = si_code, EDX = si_pid or si_addr, signal_value_next (used up)
; = si_status or si_value: records what siginfo will say. Linux queues one instance of a
; standard signal, so one record per signal is enough.
record_signal_info:
    push eax
    lea eax, [eax + eax * 2 - 3]
    mov [signal_info + eax * 4], ecx
    mov [signal_info + eax * 4 + 4], edx
    push ecx
    xor ecx, ecx
    xchg ecx, [signal_value_next]
    mov [signal_info + eax * 4 + 8], ecx
    pop ecx
    pop eax
    ret

; EAX = signal, ECX = si_code, EDX = si_pid/si_addr, for the process: pending unless its
; action discards it and the current thread does not block it; a thread asleep in pause or
; rt_sigsuspend that does not block it wakes. Keeps EBP; may be called from the timer.
signal_process:
    call job_prepare                    ; linux_stop.asm: SIGCONT continues, SIGKILL wakes
    call record_signal_info
    push ebx
    call current_tcb
    call blocked_by
    jc .pend
    call action_ignores
    jc .done
.pend:
    lea ecx, [eax - 1]
    bts [process_pending], ecx
    mov ebx, TCB_TABLE
    mov edx, LIMIT_MAX_THREADS
.each:
    mov ecx, [current_process]          ; threads of this process only
    cmp [ebx + TCB_PROC], ecx
    jne .other
    call wake_for_signal
    jnc .done
.other:
    add ebx, TCB_SIZE
    dec edx
    jnz .each
.done:
    pop ebx
    ret

; EAX = signal, EBX = the thread, ECX = si_code, EDX = si_pid/si_addr: as signal_process,
; for one thread.
signal_thread:
    call job_prepare
    call record_signal_info
    call blocked_by
    jc .pend
    call action_ignores
    jc .done
.pend:
    lea ecx, [eax - 1]
    bts [ebx + TCB_SIGPENDING], ecx
    call wake_for_signal
.done:
    ret

; EAX = signal, EBX = thread: CF set when the thread blocks it.
blocked_by:
    push ecx
    lea ecx, [eax - 1]
    bt [ebx + TCB_SIGMASK], ecx
    pop ecx
    ret

; EAX = signal, EBX = thread: when the thread waits for a signal and does not block this
; one, it becomes ready (CF clear); CF set otherwise. A nanosleep ends with -EINTR and the
; time left written to its remainder.
wake_for_signal:
    cmp dword [ebx + TCB_STATE], THREAD_SLEEPING
    jne .no
    test dword [ebx + TCB_SIGFLAGS], TSIG_WAITING
    jz .no
    call blocked_by
    jc .no
    test dword [ebx + TCB_SIGFLAGS], TSIG_SLEEP
    jz .ready
    pushad
    mov dword [ebx + TCB_FRAME + F_EAX], -LINUX_EINTR
    call restart_mark_sleep             ; linux_restart.asm: restart_syscall when no handler runs
    mov eax, [ebx + TCB_WAKE]
    sub eax, [ticks]
    jns .left
    xor eax, eax
.left:
    xor edx, edx
    mov ecx, LIMIT_TIMER_HZ
    div ecx                             ; EAX = seconds, EDX = ticks
    imul edx, edx, 1000000000 / LIMIT_TIMER_HZ
    mov esi, [ebx + TCB_SLEEP_REM]
    test esi, esi
    jz .written
    mov edi, edx
    mov ecx, 8
    cmp dword [ebx + TCB_SLEEP_KIND], SLEEP_REM_32
    je .check
    mov ecx, 16
.check:
    mov edx, 1
    call user_check
    jc .written
    mov [esi], eax
    cmp ecx, 8
    jne .wide
    mov [esi + 4], edi
    jmp .written
.wide:
    mov dword [esi + 4], 0
    mov [esi + 8], edi
    mov dword [esi + 12], 0
.written:
    popad
.ready:
    and dword [ebx + TCB_SIGFLAGS], ~(TSIG_WAITING | TSIG_SLEEP)
    mov dword [ebx + TCB_STATE], THREAD_READY
    clc
    ret
.no:
    stc
    ret

; EAX = a sleep's remainder pointer (0: none), EDX = its layout (SLEEP_REM_*), for the next
; sleep_for_signal.
sleep_remainder_at:
    mov [sleep_rem], eax
    mov [sleep_rem_kind], edx
    ret

; EAX = ticks: the current thread sleeps that long, or until a signal it does not block.
sleep_for_signal:
    call current_tcb
    mov ecx, [sleep_rem]
    mov [ebx + TCB_SLEEP_REM], ecx
    mov ecx, [sleep_rem_kind]
    mov [ebx + TCB_SLEEP_KIND], ecx
    or dword [ebx + TCB_SIGFLAGS], TSIG_WAITING | TSIG_SLEEP
    jmp sleep_current

; A CPU fault in ring 3 (the frame at EBP) becomes the signal Linux sends for it
; (arch/x86/kernel/traps.c, fault.c): forced, so a blocked or ignored one is unblocked and
; reset to SIG_DFL. With SIG_DFL the fault is reported on the log as before.
fault_signal:
    mov eax, [ebp + F_VECTOR]
    mov [signal_trapno], eax
    mov ecx, [ebp + F_ERROR]
    mov [signal_error], ecx
    mov edx, [ebp + F_EIP]              ; si_addr of the traps that report one
    cmp eax, VEC_PF
    je .page
    cmp eax, FAULT_SIGNALS
    jae .other
    movzx ecx, byte [fault_signal_codes + eax]
    movsx ecx, cl                       ; SI_KERNEL is stored as 0x80: sign-extend only that
    cmp ecx, -LINUX_SIG_SI_KERNEL
    jne .code
    mov ecx, LINUX_SIG_SI_KERNEL
    xor edx, edx
.code:
    cmp eax, VEC_MF
    jne .send
    call x87_fault_code
.send:
    movzx eax, byte [fault_signals + eax]
    jmp force_signal
.page:
    mov edx, cr2
    mov [signal_cr2], edx
    mov ecx, LINUX_SIG_SEGV_ACCERR
    test dword [ebp + F_ERROR], PTE_P
    jnz .page_send
    mov eax, edx
    call pte_address
    jc .mapped_error
    test dword [eax], PTE_NONE          ; PROT_NONE: mapped, no access
    jnz .page_send
.mapped_error:
    mov ecx, LINUX_SIG_SEGV_MAPERR
.page_send:
    mov eax, LINUX_SIG_SIGSEGV
    jmp force_signal
.other:
    mov eax, LINUX_SIG_SIGSEGV
    mov ecx, LINUX_SIG_SI_KERNEL
    xor edx, edx
    ; fall through

; EAX = signal, ECX = si_code, EDX = si_addr, for the current thread, forced.
force_signal:
    call current_tcb
    push eax
    call signal_slot
    mov esi, ebx
    pop eax
    call current_tcb
    cmp dword [esi], LINUX_SIG_SIG_IGN
    je .reset
    call blocked_by
    jnc .send
.reset:
    mov dword [esi], LINUX_SIG_SIG_DFL
    push ecx
    lea ecx, [eax - 1]
    btr [ebx + TCB_SIGMASK], ecx
    pop ecx
.send:
    cmp dword [esi], LINUX_SIG_SIG_DFL
    jne .queue
    cmp dword [ebp + F_VECTOR], 32      ; a CPU fault that ends the program: report it
    jae .queue
    pushad
    call report_user_fault
    popad
.queue:
    jmp signal_thread

; #MF: ECX = si_code from the x87 status word's unmasked exceptions (fpu__exception_code).
x87_fault_code:
    push eax
    sub esp, 4
    fnstcw [esp]
    fnstsw [esp + 2]
    movzx eax, word [esp]
    not eax
    and ax, [esp + 2]
    add esp, 4
    mov ecx, LINUX_SIG_FPE_FLTINV
    test al, 0x01                       ; invalid operation (and stack fault)
    jnz .done
    mov ecx, LINUX_SIG_FPE_FLTDIV
    test al, 0x04                       ; zero divide
    jnz .done
    mov ecx, LINUX_SIG_FPE_FLTOVF
    test al, 0x08                       ; overflow
    jnz .done
    mov ecx, LINUX_SIG_FPE_FLTUND
    test al, 0x12                       ; underflow, denormal
    jnz .done
    mov ecx, LINUX_SIG_FPE_FLTRES
    test al, 0x20                       ; precision
    jnz .done
    xor ecx, ecx
.done:
    pop eax
    ret

; The signal of each exception vector 0..FAULT_SIGNALS-1 from ring 3, and its si_code
; (0x80 = SI_KERNEL with si_addr 0; others report the faulting EIP); #PF is handled apart.
FAULT_SIGNALS equ 20
fault_signals:
    db LINUX_SIG_SIGFPE, LINUX_SIG_SIGTRAP, LINUX_SIG_SIGSEGV, LINUX_SIG_SIGTRAP ; #DE #DB NMI #BP
    db LINUX_SIG_SIGSEGV, LINUX_SIG_SIGSEGV, LINUX_SIG_SIGILL, LINUX_SIG_SIGSEGV ; #OF #BR #UD #NM
    db LINUX_SIG_SIGSEGV, LINUX_SIG_SIGFPE, LINUX_SIG_SIGSEGV, LINUX_SIG_SIGBUS  ; #DF 9 #TS #NP
    db LINUX_SIG_SIGBUS, LINUX_SIG_SIGSEGV, LINUX_SIG_SIGSEGV, LINUX_SIG_SIGSEGV ; #SS #GP #PF 15
    db LINUX_SIG_SIGFPE, LINUX_SIG_SIGBUS, LINUX_SIG_SIGBUS, LINUX_SIG_SIGFPE    ; #MF #AC #MC #XM
fault_signal_codes:
    db LINUX_SIG_FPE_INTDIV, LINUX_SIG_TRAP_TRACE, 0x80, 0x80
    db 0x80, 0x80, LINUX_SIG_ILL_ILLOPN, 0x80
    db 0x80, 0x80, 0x80, 0x80
    db 0x80, 0x80, 0x80, 0x80
    db 0, LINUX_SIG_BUS_ADRALN, 0x80, 0x80

section .data
mask_size         dd 0
sleep_rem         dd 0
sleep_rem_kind    dd 0
process_pending   dd 0, 0
sigaction_scratch times 5 dd 0
signal_actions    times LINUX_SIG_NSIG * 5 dd 0
signal_info       times LINUX_SIG_NSIG * 3 dd 0     ; si_code, si_pid or si_addr, si_status
signal_trapno     dd 0                              ; the last fault's vector, error code, CR2
signal_error      dd 0
signal_cr2        dd 0
; Signals 1..31 whose default action discards them: ignore (CHLD, CONT, URG, WINCH).
default_discard   dd LINUX_SIG_DEFAULT_IGNORE
section .text
