; Signal delivery on the way back to ring 3, the signal frames, sigreturn and sigaltstack of
; the Linux personality (the interval timers are in linux_time.asm). The frames are Linux
; i386's (arch/x86/kernel/signal_32.c: struct sigframe_ia32, struct rt_sigframe_ia32); the
; offsets are LINUX_SIG_* (abiSignal.ts). linux_signal.asm has the actions, masks and sending.

; Our assembler does not expand a %define right after `~`: these go through equ.
HANDLER_CLEAR_EFLAGS equ LINUX_SIG_HANDLER_CLEAR_EFLAGS
FIX_EFLAGS equ LINUX_SIG_FIX_EFLAGS
FPSTATE_FXSR equ LINUX_SIG_FPSTATE_FXSR
SS_AUTODISARM equ LINUX_SIG_SS_AUTODISARM

; trap_exit, for a Linux program returning to ring 3 (EBP = the frame): takes the lowest
; deliverable signal (the synchronous fault signals first) and runs its action: ignore,
; end the program, or enter its handler through a signal frame.
signal_deliver:
    call current_tcb
    and dword [ebx + TCB_SIGFLAGS], ~(TSIG_WAITING | TSIG_SLEEP)     ; running: no longer asleep
    call job_stopped_here               ; linux_stop.asm: a stopped process's thread stops
.again:
    call deliverable                    ; EDX:EAX
    jz .none
    test eax, SIG_SYNCHRONOUS
    jz .lowest
    and eax, SIG_SYNCHRONOUS
.lowest:
    bsf ecx, eax
    jnz .take
    bsf ecx, edx
    add ecx, 32
.take:
    btr [ebx + TCB_SIGPENDING], ecx
    btr [process_pending], ecx
    lea eax, [ecx + 1]
    mov [delivering], eax
    imul esi, ecx, ACTION_SIZE
    add esi, signal_actions
    mov edx, [esi]
    cmp eax, LINUX_SIG_SIGKILL
    je .terminate
    cmp edx, LINUX_SIG_SIG_IGN
    je .again
    cmp edx, LINUX_SIG_SIG_DFL
    jne setup_frame
    cmp eax, 32
    jae .terminate
    bt dword [default_discard], eax
    jc .again
    bt dword [job_stop_set], eax
    jc job_stop                         ; linux_stop.asm: the process stops
.terminate:
    mov esi, msg_killed
    call kputs
    call kput_dec
    cmp eax, SIGNAL_NAMES
    ja .unnamed
    mov esi, msg_open
    call kputs
    mov esi, [signal_names + eax * 4 - 4]
    call kputs
    mov al, ')'
    call kputc
.unnamed:
    call kput_newline
    mov eax, [delivering]
    jmp process_killed                  ; linux_fork.asm: the process ends (the first: status 128 + N)
.none:
    ; Nothing to deliver: an interrupted call is made again (linux_restart.asm), and a mask
    ; rt_sigsuspend replaced comes back now.
    call restart_without_handler
    test dword [ebx + TCB_SIGFLAGS], TSIG_SAVED
    jz .done
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_SAVED
    mov eax, [ebx + TCB_SAVEDMASK]
    mov [ebx + TCB_SIGMASK], eax
    mov eax, [ebx + TCB_SAVEDMASK + 4]
    mov [ebx + TCB_SIGMASK + 4], eax
.done:
    ret

; EBX = the thread, ESI = the action of signal [delivering]: builds the frame on the user
; stack (or the alternate stack) and points the frame at EBP at the handler.
setup_frame:
    call restart_for_handler            ; linux_restart.asm: -EINTR, or SA_RESTART's call again
    mov [frame_action], esi
    ; The mask the frame saves: the one rt_sigsuspend replaced, else the current one.
    lea ecx, [ebx + TCB_SIGMASK]
    test dword [ebx + TCB_SIGFLAGS], TSIG_SAVED
    jz .mask
    lea ecx, [ebx + TCB_SAVEDMASK]
.mask:
    mov eax, [ecx]
    mov [frame_oldmask], eax
    mov eax, [ecx + 4]
    mov [frame_oldmask + 4], eax
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_SAVED
    ; uc_stack: the alternate stack as it is now, flagged for the interrupted ESP.
    mov edi, [ebp + F_USER_ESP]
    call altstack_flags                 ; EAX
    mov [frame_altflags], eax
    push edi
    call fpu_signal_save                ; EDI = the x87 state to keep, if the thread has one
    jnc .fpu
    xor edi, edi
.fpu:
    mov [frame_fpu_area], edi
    pop edi
    test dword [esi + 4], LINUX_SIG_SA_ONSTACK
    jz .place
    cmp dword [frame_altflags], 0       ; enabled and not already on it (fpu_signal_save
    jne .place                          ; took EAX)
    mov edi, [ebx + TCB_ALT_SP]
    add edi, [ebx + TCB_ALT_SIZE]
.place:
    ; The x87 state goes below the frame as Linux places it: the FXSAVE image 64-byte aligned,
    ; the legacy header (struct _fpstate_32 up to _fxsr_env) just below.
    xor eax, eax
    cmp [frame_fpu_area], eax
    je .no_fpstate
    sub edi, FPU_AREA_SIZE
    and edi, ~63
    sub edi, FPSTATE_FXSR
    mov esi, edi
    mov ecx, LINUX_SIG_FPSTATE_SIZE
    mov edx, 1
    call user_check
    jc .bad_stack
    mov eax, edi
.no_fpstate:
    mov [frame_fpstate], eax
    mov esi, [frame_action]
    mov ecx, LINUX_SIG_FRAME_SIZE
    test dword [esi + 4], LINUX_SIG_SA_SIGINFO
    jz .size
    mov ecx, LINUX_SIG_RT_SIZE
.size:
    sub edi, ecx
    add edi, 4                          ; (sp + 4) 16-byte aligned: as after a call
    and edi, ~15
    sub edi, 4
    mov esi, edi
    mov edx, 1
    call user_check
    jc .bad_stack
    mov [frame_address], edi
    xor eax, eax
    push ecx
    rep stosb
    pop ecx
    push ecx
    call write_fpstate
    pop ecx
    mov edi, [frame_address]
    mov esi, [frame_action]
    mov eax, [delivering]
    mov [edi + LINUX_SIG_FRAME_SIG], eax
    cmp ecx, LINUX_SIG_RT_SIZE
    je .rt
    ; struct sigframe_ia32
    mov dword [edi + LINUX_SIG_FRAME_RETCODE], RETCODE_0
    mov dword [edi + LINUX_SIG_FRAME_RETCODE + 4], RETCODE_1
    lea eax, [edi + LINUX_SIG_FRAME_RETCODE]
    call return_address
    mov eax, [frame_oldmask + 4]
    mov [edi + LINUX_SIG_FRAME_EXTRAMASK], eax
    lea edi, [edi + LINUX_SIG_FRAME_SC]
    call save_sigcontext
    xor edx, edx
    xor ecx, ecx
    jmp .enter
.rt:
    ; struct rt_sigframe_ia32: siginfo, then the ucontext with the registers and the mask.
    mov dword [edi + LINUX_SIG_RT_RETCODE], RT_RETCODE_0
    mov dword [edi + LINUX_SIG_RT_RETCODE + 4], RT_RETCODE_1
    lea eax, [edi + LINUX_SIG_RT_RETCODE]
    call return_address
    lea edx, [edi + LINUX_SIG_RT_INFO]
    mov [edi + LINUX_SIG_RT_PINFO], edx
    lea ecx, [edi + LINUX_SIG_RT_UC]
    mov [edi + LINUX_SIG_RT_PUC], ecx
    mov eax, [delivering]
    mov [edx], eax                      ; si_signo (si_errno stays 0)
    lea eax, [eax + eax * 2 - 3]
    push ebx
    mov ebx, [signal_info + eax * 4]
    mov [edx + LINUX_SIG_SI_CODE], ebx
    mov ebx, [signal_info + eax * 4 + 4]
    mov [edx + LINUX_SIG_SI_PID], ebx   ; si_pid, or si_addr (same place)
    mov ebx, [signal_info + eax * 4 + 8]
    mov [edx + LINUX_SIG_SI_STATUS], ebx ; si_status, si_value (si_uid stays 0)
    pop ebx
    mov eax, [ebx + TCB_ALT_SP]
    mov [ecx + LINUX_SIG_UC_STACK], eax
    mov eax, [frame_altflags]
    mov [ecx + LINUX_SIG_UC_STACK + 4], eax
    mov eax, [ebx + TCB_ALT_SIZE]
    mov [ecx + LINUX_SIG_UC_STACK + 8], eax
    mov eax, [frame_oldmask]
    mov [ecx + LINUX_SIG_UC_SIGMASK], eax
    mov eax, [frame_oldmask + 4]
    mov [ecx + LINUX_SIG_UC_SIGMASK + 4], eax
    push ecx
    push edx
    lea edi, [ecx + LINUX_SIG_UC_MCONTEXT]
    call save_sigcontext
    pop edx
    pop ecx
.enter:
    ; EAX = signal, EDX = &info, ECX = &uc (0 for the old frame), as Linux sets them.
    mov eax, [delivering]
    mov [ebp + F_EAX], eax
    mov [ebp + F_EDX], edx
    mov [ebp + F_ECX], ecx
    mov esi, [frame_action]
    mov eax, [esi]
    mov [ebp + F_EIP], eax
    mov eax, [frame_address]
    mov [ebp + F_USER_ESP], eax
    call user_segments
    and dword [ebp + F_EFLAGS], ~HANDLER_CLEAR_EFLAGS
    ; The handler runs with mask | sa_mask | the signal (unless SA_NODEFER).
    mov eax, [frame_oldmask]
    or eax, [esi + 12]
    mov edx, [frame_oldmask + 4]
    or edx, [esi + 16]
    test dword [esi + 4], LINUX_SIG_SA_NODEFER
    jnz .nodefer
    mov ecx, [delivering]
    dec ecx
    cmp ecx, 32
    jae .high
    bts eax, ecx
    jmp .nodefer
.high:
    sub ecx, 32
    bts edx, ecx
.nodefer:
    and eax, ~SIG_UNBLOCKABLE
    mov [ebx + TCB_SIGMASK], eax
    mov [ebx + TCB_SIGMASK + 4], edx
    test dword [esi + 4], LINUX_SIG_SA_RESETHAND
    jz .autodisarm
    mov dword [esi], LINUX_SIG_SIG_DFL
.autodisarm:
    test dword [ebx + TCB_SIGFLAGS], TSIG_ALT_AUTODISARM
    jz .entered
    cmp dword [frame_altflags], LINUX_SIG_SS_ONSTACK
    je .entered
    mov dword [ebx + TCB_ALT_SP], 0
    mov dword [ebx + TCB_ALT_SIZE], 0
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_ALT_AUTODISARM
.entered:
    ret
; No room for the frame: the program dies of SIGSEGV (Linux's force_sigsegv).
.bad_stack:
    mov dword [delivering], LINUX_SIG_SIGSEGV
    mov eax, LINUX_SIG_SIGSEGV
    jmp signal_deliver.terminate

; EAX = the frame's retcode, EDI = the frame, ESI = the action: pretcode is sa_restorer
; with SA_RESTORER, else the retcode.
return_address:
    test dword [esi + 4], LINUX_SIG_SA_RESTORER
    jz .store
    mov eax, [esi + 8]
.store:
    mov [edi], eax
    ret

; The frame at EBP returns by IRET (SYSEXIT/SYSRET would clobber ECX/EDX) with the flat
; user segments.
user_segments:
    mov dword [ebp + F_VECTOR], LINUX_VECTOR
    mov dword [ebp + F_CS], SEL_USER_CODE
    mov dword [ebp + F_USER_SS], SEL_USER_DATA
    mov dword [ebp + F_DS], SEL_USER_DATA
    mov dword [ebp + F_ES], SEL_USER_DATA
    ret

; EDI = struct sigcontext_32 in the frame: the interrupted registers (frame at EBP).
save_sigcontext:
    xor eax, eax
    mov ax, gs
    mov [edi + LINUX_SIG_SC_GS], eax
    mov ax, fs
    mov [edi + LINUX_SIG_SC_FS], eax
%macro SC_COPY 2
    mov eax, [ebp + %2]
    mov [edi + LINUX_SIG_SC_%1], eax
%endmacro
    SC_COPY ES, F_ES
    SC_COPY DS, F_DS
    SC_COPY EDI, F_EDI
    SC_COPY ESI, F_ESI
    SC_COPY EBP, F_EBP
    SC_COPY ESP, F_USER_ESP
    SC_COPY EBX, F_EBX
    SC_COPY EDX, F_EDX
    SC_COPY ECX, F_ECX
    SC_COPY EAX, F_EAX
    SC_COPY EIP, F_EIP
    SC_COPY CS, F_CS
    SC_COPY EFLAGS, F_EFLAGS
    SC_COPY ESP_AT_SIGNAL, F_USER_ESP
    SC_COPY SS, F_USER_SS
    mov eax, [signal_trapno]
    mov [edi + LINUX_SIG_SC_TRAPNO], eax
    mov eax, [signal_error]
    mov [edi + LINUX_SIG_SC_ERR], eax
    mov eax, [signal_cr2]
    mov [edi + LINUX_SIG_SC_CR2], eax
    mov eax, [frame_oldmask]
    mov [edi + LINUX_SIG_SC_OLDMASK], eax
    mov eax, [frame_fpstate]
    mov [edi + LINUX_SIG_SC_FPSTATE], eax
    ret

; The kept x87 state (frame_fpu_area) to the user's struct _fpstate_32 at frame_fpstate
; (checked): with FXSR the FXSAVE image at _fxsr_env, magic 0, and of the legacy header cw
; and sw; without it the FNSAVE image (the legacy header itself) and magic 0xFFFF.
write_fpstate:
    mov edi, [frame_fpstate]
    test edi, edi
    jz .done
    mov esi, [frame_fpu_area]
    xor eax, eax
    mov ecx, LINUX_SIG_FPSTATE_SIZE / 4
    rep stosd
    mov edi, [frame_fpstate]
    cmp byte [fpu_fxsr], 0
    je .fnsave
    movzx eax, word [esi]               ; FCW
    or eax, 0xFFFF0000
    mov [edi], eax
    movzx eax, word [esi + 2]           ; FSW
    mov [edi + LINUX_SIG_FPSTATE_STATUS], ax
    or eax, 0xFFFF0000
    mov [edi + 4], eax
    add edi, FPSTATE_FXSR
    mov ecx, FPU_AREA_SIZE / 4
    rep movsd
    ret
.fnsave:
    mov ecx, 108 / 4
    rep movsd
    mov edi, [frame_fpstate]
    mov eax, [edi + 4]
    mov [edi + LINUX_SIG_FPSTATE_STATUS], ax
    mov word [edi + LINUX_SIG_FPSTATE_STATUS + 2], 0xFFFF
.done:
    ret

; EBX = thread, EDI = a user stack pointer: EAX = the alternate stack's ss_flags for it:
; SS_DISABLE, SS_ONSTACK when EDI is on it, else 0 (Linux's sas_ss_flags, on_sig_stack).
altstack_flags:
    mov eax, LINUX_SIG_SS_DISABLE
    cmp dword [ebx + TCB_ALT_SIZE], 0
    je .done
    mov eax, edi
    sub eax, [ebx + TCB_ALT_SP]
    jbe .off
    cmp eax, [ebx + TCB_ALT_SIZE]
    ja .off
    mov eax, LINUX_SIG_SS_ONSTACK
    ret
.off:
    xor eax, eax
.done:
    ret

; ---- sigreturn ------------------------------------------------------------------------

; sigreturn(): the old frame, whose sigcontext is at ESP (the frame at ESP - 8).
linux_sigreturn:
    mov esi, [ebp + F_USER_ESP]
    sub esi, LINUX_SIG_SIGRETURN_BACK
    mov ecx, LINUX_SIG_FRAME_SIZE
    xor edx, edx
    call user_check
    jc bad_sigreturn
    mov eax, [esi + LINUX_SIG_FRAME_SC + LINUX_SIG_SC_OLDMASK]
    mov edx, [esi + LINUX_SIG_FRAME_EXTRAMASK]
    add esi, LINUX_SIG_FRAME_SC
    jmp restore_sigcontext

; rt_sigreturn(): the rt frame at ESP - 4; its ucontext holds the registers and the mask.
linux_rt_sigreturn:
    mov esi, [ebp + F_USER_ESP]
    sub esi, LINUX_SIG_RT_SIGRETURN_BACK
    mov ecx, LINUX_SIG_RT_SIZE
    xor edx, edx
    call user_check
    jc bad_sigreturn
    mov eax, [esi + LINUX_SIG_RT_UC + LINUX_SIG_UC_SIGMASK]
    mov edx, [esi + LINUX_SIG_RT_UC + LINUX_SIG_UC_SIGMASK + 4]
    add esi, LINUX_SIG_RT_UC + LINUX_SIG_UC_MCONTEXT
    ; fall through

; EDX:EAX = the mask to restore, ESI = a checked struct sigcontext_32: the frame at EBP
; gets its registers (EFLAGS only the FIX_EFLAGS bits), CS/SS are the user's; DS, ES, FS
; and GS are taken when they are usable user selectors.
restore_sigcontext:
    call current_tcb
    and eax, ~SIG_UNBLOCKABLE
    mov [ebx + TCB_SIGMASK], eax
    mov [ebx + TCB_SIGMASK + 4], edx
    call restore_fpstate
%macro SC_BACK 2
    mov eax, [esi + LINUX_SIG_SC_%1]
    mov [ebp + %2], eax
%endmacro
    SC_BACK EDI, F_EDI
    SC_BACK ESI, F_ESI
    SC_BACK EBP, F_EBP
    SC_BACK ESP, F_USER_ESP
    SC_BACK EBX, F_EBX
    SC_BACK EDX, F_EDX
    SC_BACK ECX, F_ECX
    SC_BACK EAX, F_EAX
    SC_BACK EIP, F_EIP
    mov eax, [esi + LINUX_SIG_SC_EFLAGS]
    and eax, LINUX_SIG_FIX_EFLAGS
    and dword [ebp + F_EFLAGS], ~FIX_EFLAGS
    or [ebp + F_EFLAGS], eax
    call user_segments
    mov eax, [esi + LINUX_SIG_SC_DS]
    call user_selector_ok
    jc .es
    mov [ebp + F_DS], eax
.es:
    mov eax, [esi + LINUX_SIG_SC_ES]
    call user_selector_ok
    jc .fs
    mov [ebp + F_ES], eax
.fs:
    mov eax, [esi + LINUX_SIG_SC_FS]
    call user_selector_ok
    jc .gs
    mov fs, ax
.gs:
    mov eax, [esi + LINUX_SIG_SC_GS]
    call user_selector_ok
    jc .done
    mov gs, ax
.done:
    ret

; ESI = the sigcontext, EBX = the thread: the x87 state its fpstate points at (read in the
; layout write_fpstate wrote) comes back; without one (or an unreadable one, or legacy-only
; data on an FXSR CPU) the thread's next x87 instruction starts from FNINIT.
restore_fpstate:
    push esi
    mov esi, [esi + LINUX_SIG_SC_FPSTATE]
    test esi, esi
    jz .restore
    mov ecx, LINUX_SIG_FPSTATE_SIZE
    xor edx, edx
    call user_check
    jc .none
    cmp byte [fpu_fxsr], 0
    je .restore
    cmp word [esi + LINUX_SIG_FPSTATE_STATUS + 2], 0xFFFF
    je .none
    add esi, FPSTATE_FXSR
    jmp .restore
.none:
    xor esi, esi
.restore:
    call fpu_signal_restore
    pop esi
    ret

; A sigreturn without a readable frame: SIGSEGV, as Linux's signal_fault.
bad_sigreturn:
    mov eax, LINUX_SIG_SIGSEGV
    mov ecx, LINUX_SIG_SI_KERNEL
    xor edx, edx
    jmp force_signal

; ---- sigaltstack ----------------------------------------------------------------------

; sigaltstack(new stack_t, old stack_t): stack_t is ss_sp, ss_flags, ss_size. The old one is
; read before the new one is applied; a thread running on its alternate stack cannot change it.
linux_sigaltstack:
    call current_tcb
    mov edi, [ebp + F_USER_ESP]
    call altstack_flags
    test dword [ebx + TCB_SIGFLAGS], TSIG_ALT_AUTODISARM
    jz .flags
    or eax, LINUX_SIG_SS_AUTODISARM
.flags:
    mov [altstack_old + 4], eax
    mov eax, [ebx + TCB_ALT_SP]
    mov [altstack_old], eax
    mov eax, [ebx + TCB_ALT_SIZE]
    mov [altstack_old + 8], eax
    mov esi, [ebp + F_ECX]
    test esi, esi
    jz .new
    mov ecx, 12
    mov edx, 1
    call user_check
    jc linux_fault
.new:
    mov esi, [ebp + F_EBX]
    test esi, esi
    jz .old
    mov ecx, 12
    xor edx, edx
    call user_check
    jc linux_fault
    test dword [altstack_old + 4], LINUX_SIG_SS_ONSTACK
    jnz .busy
    mov eax, [esi + 4]
    mov ecx, eax
    and ecx, ~SS_AUTODISARM
    cmp ecx, LINUX_SIG_SS_DISABLE
    je .disable
    cmp ecx, LINUX_SIG_SS_ONSTACK
    ja linux_invalid
    cmp dword [esi + 8], LINUX_SIG_MINSIGSTKSZ
    jb .small
    mov ecx, [esi]
    mov [ebx + TCB_ALT_SP], ecx
    mov ecx, [esi + 8]
    mov [ebx + TCB_ALT_SIZE], ecx
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_ALT_AUTODISARM
    test eax, LINUX_SIG_SS_AUTODISARM
    jz .old
    or dword [ebx + TCB_SIGFLAGS], TSIG_ALT_AUTODISARM
    jmp .old
.disable:
    mov dword [ebx + TCB_ALT_SP], 0
    mov dword [ebx + TCB_ALT_SIZE], 0
    and dword [ebx + TCB_SIGFLAGS], ~TSIG_ALT_AUTODISARM
.old:
    mov edi, [ebp + F_ECX]
    test edi, edi
    jz .done
    mov esi, altstack_old
    mov ecx, 3
    rep movsd
.done:
    mov dword [ebp + F_EAX], 0
    ret
.busy:
    mov dword [ebp + F_EAX], -LINUX_EPERM
    ret
.small:
    mov dword [ebp + F_EAX], -LINUX_ENOMEM
    ret

SIGNAL_NAMES equ 31
signal_names:
    dd sn_hup, sn_int, sn_quit, sn_ill, sn_trap, sn_abrt, sn_bus, sn_fpe, sn_kill, sn_usr1
    dd sn_segv, sn_usr2, sn_pipe, sn_alrm, sn_term, sn_stkflt, sn_chld, sn_cont, sn_stop
    dd sn_tstp, sn_ttin, sn_ttou, sn_urg, sn_xcpu, sn_xfsz, sn_vtalrm, sn_prof, sn_winch
    dd sn_io, sn_pwr, sn_sys
sn_hup    db "SIGHUP", 0
sn_int    db "SIGINT", 0
sn_quit   db "SIGQUIT", 0
sn_ill    db "SIGILL", 0
sn_trap   db "SIGTRAP", 0
sn_abrt   db "SIGABRT", 0
sn_bus    db "SIGBUS", 0
sn_fpe    db "SIGFPE", 0
sn_kill   db "SIGKILL", 0
sn_usr1   db "SIGUSR1", 0
sn_segv   db "SIGSEGV", 0
sn_usr2   db "SIGUSR2", 0
sn_pipe   db "SIGPIPE", 0
sn_alrm   db "SIGALRM", 0
sn_term   db "SIGTERM", 0
sn_stkflt db "SIGSTKFLT", 0
sn_chld   db "SIGCHLD", 0
sn_cont   db "SIGCONT", 0
sn_stop   db "SIGSTOP", 0
sn_tstp   db "SIGTSTP", 0
sn_ttin   db "SIGTTIN", 0
sn_ttou   db "SIGTTOU", 0
sn_urg    db "SIGURG", 0
sn_xcpu   db "SIGXCPU", 0
sn_xfsz   db "SIGXFSZ", 0
sn_vtalrm db "SIGVTALRM", 0
sn_prof   db "SIGPROF", 0
sn_winch  db "SIGWINCH", 0
sn_io     db "SIGIO", 0
sn_pwr    db "SIGPWR", 0
sn_sys    db "SIGSYS", 0
msg_killed db "[kernel] killed by signal ", 0
msg_open   db " (", 0

section .data
delivering      dd 0                    ; the signal being delivered
frame_action    dd 0
frame_address   dd 0
frame_altflags  dd 0
frame_oldmask   dd 0, 0
frame_fpu_area  dd 0                    ; the thread's x87 save area to copy out, or 0
frame_fpstate   dd 0                    ; the struct _fpstate_32 in the frame, or 0
altstack_old    dd 0, 0, 0
section .text
