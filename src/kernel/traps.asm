; Kernel entries and exits. Every way into the kernel builds the trap frame of frame.inc;
; from ring 3 the frame always lands at USER_FRAME, the top of the one kernel stack
; (TSS.ESP0, SYSENTER_ESP and the SYSCALL entry all point there). The way back is chosen
; by F_VECTOR: SYSEXIT for SYSENTER, SYSRET for SYSCALL, IRET for everything else.

; Exceptions that push an error code (SDM Vol.3 6.15): 8, 10-14, 17.
%macro EXCEPTION 1
exception_%1:
%if %1 = 8 || (%1 >= 10 && %1 <= 14) || %1 = 17
    push dword %1
%else
    push dword 0
    push dword %1
%endif
    jmp trap_common
%endmacro

; After PUSH DS, PUSH ES of an entry: DS and ES = SEL_USER_DATA (AX too), each loaded only when
; it holds another selector. SEL_USER_DATA's descriptor never changes and the kernel loads DS
; and ES with nothing else, so a register already holding it holds what a load would give;
; a segment load ends the emulator's compiled region (docs/ENGINE.md, "Kernel work per timer
; tick"). The comparisons' flags are dead (acct_entry's TEST comes first).
%macro KERNEL_DATA_SEGMENTS 0
    mov ax, SEL_USER_DATA
    cmp [esp + F_DS], ax
    je %%ds
    mov ds, ax
%%ds:
    cmp [esp + F_ES], ax
    je %%es
    mov es, ax
%%es:
%endmacro

%macro IRQ 1
irq_%1:
    push dword 0
    push dword VEC_IRQ_BASE + %1
    jmp trap_common
%endmacro

%assign n 0
%rep 32
EXCEPTION n
%assign n n + 1
%endrep

%assign n 0
%rep 16
IRQ n
%assign n n + 1
%endrep

isr_syscall_int:
    push dword 0
    push dword VEC_SYSCALL_INT
    jmp trap_common

isr_linux_int:
    push dword 0
    push dword LINUX_VECTOR
    jmp trap_common

exception_stubs:
    dd exception_0, exception_1, exception_2, exception_3, exception_4, exception_5
    dd exception_6, exception_7, exception_8, exception_9, exception_10, exception_11
    dd exception_12, exception_13, exception_14, exception_15, exception_16, exception_17
    dd exception_18, exception_19, exception_20, exception_21, exception_22, exception_23
    dd exception_24, exception_25, exception_26, exception_27, exception_28, exception_29
    dd exception_30, exception_31

irq_stubs:
    dd irq_0, irq_1, irq_2, irq_3, irq_4, irq_5, irq_6, irq_7
    dd irq_8, irq_9, irq_10, irq_11, irq_12, irq_13, irq_14, irq_15

trap_common:
    pushad
    push ds
    push es
    KERNEL_DATA_SEGMENTS
    cld
    mov ebp, esp
    call acct_entry                 ; linux_time.asm: CPU time accounting
    mov eax, [ebp + F_VECTOR]
    cmp eax, VEC_SYSCALL_INT
    je .native
    cmp eax, LINUX_VECTOR
    je .linux
    cmp eax, VEC_IRQ_BASE
    jb .exception
    call irq_handler
    jmp trap_exit
.native:
    call native_syscall
    jmp trap_exit
.linux:
    call linux_syscall
    jmp trap_exit
.exception:
    call exception_handler
    ; fall through

; ESP = EBP = the frame to return through. A Linux program going back to ring 3 first takes
; its deliverable signals (linux_sigframe.asm).
trap_exit:
    call acct_exit
    test dword [ebp + F_CS], 3
    jz .restore
    cmp dword [linux_personality], 0
    je .restore
    call signal_deliver
.restore:
    ; ES and DS back from the frame, each loaded only when it differs from the kernel's
    ; SEL_USER_DATA (KERNEL_DATA_SEGMENTS above); the comparisons' flags are dead.
    cmp word [esp + F_ES], SEL_USER_DATA
    je .es_kept
    mov es, [esp + F_ES]
.es_kept:
    cmp word [esp + F_DS], SEL_USER_DATA
    je .ds_kept
    mov ds, [esp + F_DS]
.ds_kept:
    add esp, 8
    popad
    cmp dword [esp], KIND_SYSENTER
    je .sysexit
    cmp dword [esp], KIND_SYSCALL
    je .sysret
    add esp, 8
    iretd

; SYSEXIT: EIP = EDX, ESP = ECX, CS = SYSENTER_CS+16, SS = SYSENTER_CS+24 (SDM Vol.2B).
; EFLAGS is restored first; an interrupt taken between POPFD and SYSEXIT arrives at CPL 0
; and is only counted (irq_handler preempts ring 3 only).
.sysexit:
    add esp, 8                      ; ESP = the frame's EIP slot
    mov edx, [esp]
    mov ecx, [esp + F_USER_ESP - F_EIP]
    push dword [esp + F_EFLAGS - F_EIP]
    popfd
    sysexit

; SYSRET in legacy mode: EIP = ECX, CS = STAR[63:48], SS = CS+8, IF set; ESP is ours to
; load (AMD APM Vol.3, SYSRET). EFLAGS goes back with IF still clear, because ESP already
; holds the user stack when SYSRET sets IF, and without TF, which would trap in the kernel.
.sysret:
    add esp, 8                      ; ESP = the frame's EIP slot
    mov ecx, [esp + F_EFLAGS - F_EIP]
    and ecx, ~(EFLAGS_IF | EFLAGS_TF)
    push ecx
    popfd
    mov ecx, [esp]
    mov esp, [esp + F_USER_ESP - F_EIP]
    sysret

; Far CALL through the DPL 3 call gate: the CPU switched to SS0:ESP0 and pushed SS, ESP, CS,
; EIP (SDM Vol.3 5.8.5), no EFLAGS, and left EFLAGS (IF included) as it was. Slip the
; caller's EFLAGS in under CS to make the IRET frame of an interrupt; IRET then returns
; exactly like the far RET would, flags included. A timer interrupt before the CLI arrives
; at CPL 0 and is only counted. Then the kernel's own EFLAGS are made clean: a call gate
; clears neither TF nor NT (SDM Vol.3 6.12.1.2 lists what interrupt gates clear).
call_gate_entry:
    pushfd
    push dword KERNEL_EFLAGS
    popfd
    push eax
    push ebx
    mov eax, [esp + 8]              ; EFLAGS
    mov ebx, [esp + 12]             ; EIP
    mov [esp + 8], ebx
    mov ebx, [esp + 16]             ; CS
    mov [esp + 12], ebx
    mov [esp + 16], eax
    pop ebx
    pop eax
    push dword 0
    push dword KIND_CALL_GATE
    jmp fast_common

; SYSENTER: CS = SYSENTER_CS, SS = CS+8, ESP = SYSENTER_ESP, EIP = SYSENTER_EIP, IF cleared
; (SDM Vol.2B). It saves neither EIP nor ESP: the KIP stub put its ESP in EBP (after
; pushing ECX, EDX and EBP, which SYSEXIT's ECX and EDX overwrite), and resumes at a fixed
; offset in the stub, which the kernel knows (sysenter_return). The arguments are still in
; their registers. SYSENTER clears only IF, VM and RF: TF and NT are cleared here.
sysenter_entry:
    push dword SEL_USER_DATA
    push ebp
    pushfd
    or dword [esp], EFLAGS_IF
    push dword KERNEL_EFLAGS
    popfd
    push dword SEL_USER_CODE
    push dword [ss:sysenter_return]
    push dword 0
    push dword KIND_SYSENTER
    jmp fast_common

; SYSCALL (legacy mode): ECX = return EIP, CS = STAR[47:32], SS = CS+8, IF, VM and RF
; cleared, ESP untouched (AMD APM Vol.3, SYSCALL). The stub moved the ECX argument to EBP.
; The first instruction swaps in the kernel stack, so that a #DB raised by a user's TF
; after it (legacy SYSCALL keeps TF) is delivered onto the kernel stack, not the user's.
syscall_entry:
    xchg esp, [ss:syscall_stack]
    push dword SEL_USER_DATA
    push dword [ss:syscall_stack]
    mov dword [ss:syscall_stack], KSTACK_TOP
    pushfd
    or dword [esp], EFLAGS_IF
    push dword KERNEL_EFLAGS
    popfd
    push dword SEL_USER_CODE
    push ecx
    push dword 0
    push dword KIND_SYSCALL
    mov ecx, ebp                    ; the ECX argument, for PUSHAD to put in the frame
    jmp fast_common

; The shared tail of the call-gate, SYSENTER and SYSCALL entries.
fast_common:
    pushad
    push ds
    push es
    KERNEL_DATA_SEGMENTS
    cld
    mov ebp, esp
    call acct_entry
    cmp dword [linux_personality], 0
    jne .linux
    call native_syscall
    jmp trap_exit
; A Linux program (its vDSO's __kernel_vsyscall): the SYSENTER and SYSCALL paths left the
; sixth argument, EBP, on top of the user stack; it is read from there (checked) into the
; frame's EBP slot, where int 0x80 and the call gate have it already.
.linux:
    mov eax, [ebp + F_VECTOR]
    cmp eax, KIND_CALL_GATE
    je .dispatch
    mov esi, [ebp + F_USER_ESP]
    mov ecx, 4
    xor edx, edx
    call user_check
    jc .dispatch
    mov eax, [esi]
    mov [ebp + F_EBP], eax
.dispatch:
    call linux_syscall
    jmp trap_exit

section .data
sysenter_return  dd 0
syscall_stack    dd KSTACK_TOP
section .text

irq_handler:
    mov eax, [ebp + F_VECTOR]
    sub eax, VEC_IRQ_BASE
    jz timer_interrupt
    cmp eax, 8
    jb .master
    mov al, PIC_EOI
    out PIC2_COMMAND, al
.master:
    mov al, PIC_EOI
    out PIC1_COMMAND, al
    ret

; Exceptions: from ring 0 the kernel is broken and stops; from ring 3 the faulting thread
; ends with a one-line report, except for the `lock nop` question (answered first, so the
; #UD of F0 90 is never a SIGILL) and, in a Linux program, the signal the fault raises.
exception_handler:
    test dword [ebp + F_CS], 3
    jz .kernel
    cmp dword [ebp + F_VECTOR], VEC_NM
    jne .not_nm
    call fpu_device_not_available   ; fpu.asm: lazy FPU switch
    jnc .done
.not_nm:
    cmp dword [ebp + F_VECTOR], VEC_PF
    jne .not_pf
    call demand_page
    jnc .done
    call cow_fault                  ; linux_cow.asm: a write to a copy-on-write page
    jnc .done
.not_pf:
    cmp dword [ebp + F_VECTOR], VEC_UD
    jne .fault
    call answer_lock_nop
    jnc .done
.fault:
    cmp dword [linux_personality], 0
    jne fault_signal                    ; a Linux program gets the signal (linux_signal.asm)
    call report_user_fault
    mov eax, [ebp + F_VECTOR]
    add eax, FAULT_STATUS_BASE
    mov [exit_status], eax
    jmp end_current_thread
.done:
    ret
; A user's TF followed it through a call gate, SYSENTER or SYSCALL: the single-step trap
; comes after the entry's first instruction. Stop stepping the kernel; anything else at
; CPL 0 is a kernel bug.
.kernel:
    cmp dword [ebp + F_VECTOR], VEC_DB
    jne kernel_panic
    and dword [ebp + F_EFLAGS], ~EFLAGS_TF
    ret

; The L4-style kernel interface (docs/ARCHITECTURE.md): #UD at CPL 3 on the bytes F0 90. The bytes are
; read only after user_check has walked the page tables, so a bad EIP cannot fault here.
; CF clear when answered.
answer_lock_nop:
    cmp dword [discovery], DISCOVERY_LOCK_NOP
    jne .no
    mov esi, [ebp + F_EIP]
    mov ecx, 2
    xor edx, edx
    call user_check
    jc .no
    mov esi, [ebp + F_EIP]
    cmp word [esi], 0x90F0
    jne .no
    mov eax, [kip_address]
    mov [ebp + F_EAX], eax
    mov dword [ebp + F_ECX], API_VERSION
    mov dword [ebp + F_EDX], API_FLAGS
    mov dword [ebp + F_ESI], API_KERNEL_ID
    add dword [ebp + F_EIP], 2
    clc
    ret
.no:
    stc
    ret

; "[kernel] fault: thread N #PF vector 0x0000000E error 0x... eip 0x... cr2 0x..."
report_user_fault:
    mov esi, msg_fault
    call kputs
    call current_tcb
    mov eax, [ebx + TCB_ID]
    call kput_dec
    mov al, ' '
    call kputc
    mov eax, [ebp + F_VECTOR]
    mov esi, msg_unknown_exception
    cmp eax, EXCEPTION_NAMES
    jae .named
    mov esi, [exception_names + eax * 4]
.named:
    call kputs
    mov esi, msg_vector
    call kputs
    mov eax, [ebp + F_VECTOR]
    call kput_hex
    mov esi, msg_error
    call kputs
    mov eax, [ebp + F_ERROR]
    call kput_hex
    mov esi, msg_eip
    call kputs
    mov eax, [ebp + F_EIP]
    call kput_hex
    mov esi, msg_cr2
    call kputs
    mov eax, cr2
    call kput_hex
    call kput_newline
    ret

kernel_panic:
    mov esi, msg_panic
    call kputs
    mov eax, [ebp + F_VECTOR]
    call kput_hex
    mov esi, msg_error
    call kputs
    mov eax, [ebp + F_ERROR]
    call kput_hex
    mov esi, msg_eip
    call kputs
    mov eax, [ebp + F_EIP]
    call kput_hex
    mov esi, msg_cr2
    call kputs
    mov eax, cr2
    call kput_hex
    call kput_newline
    mov al, 0xFF
    jmp power_off

EXCEPTION_NAMES equ 20
exception_names:
    dd name_de, name_db, name_nmi, name_bp, name_of, name_br, name_ud, name_nm
    dd name_df, name_cso, name_ts, name_np, name_ss, name_gp, name_pf, name_reserved
    dd name_mf, name_ac, name_mc, name_xm
name_de  db "#DE", 0
name_db  db "#DB", 0
name_nmi db "NMI", 0
name_bp  db "#BP", 0
name_of  db "#OF", 0
name_br  db "#BR", 0
name_ud  db "#UD", 0
name_nm  db "#NM", 0
name_df  db "#DF", 0
name_cso db "coprocessor segment overrun", 0
name_ts  db "#TS", 0
name_np  db "#NP", 0
name_ss  db "#SS", 0
name_gp  db "#GP", 0
name_pf  db "#PF", 0
name_reserved db "reserved", 0
name_mf  db "#MF", 0
name_ac  db "#AC", 0
name_mc  db "#MC", 0
name_xm  db "#XM", 0
msg_unknown_exception db "exception", 0
msg_fault   db "[kernel] fault: thread ", 0
msg_vector  db " vector ", 0
msg_error   db " error ", 0
msg_eip     db " eip ", 0
msg_cr2     db " cr2 ", 0
msg_panic   db "[kernel] panic: vector ", 0
