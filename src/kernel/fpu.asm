; The x87 FPU for user threads, switched lazily (SDM Vol.3 9.2 and 13.4 "Designing OS
; facilities for saving x87 FPU state"): the FPU keeps the registers of one thread, its owner;
; switching threads sets CR0.TS, and the next x87 instruction of a thread that is not the owner
; raises #NM. The #NM handler saves the owner's registers into the owner's area, loads the
; thread's own (or FNINIT for a thread that has not used the FPU yet), clears TS and returns to
; the instruction. FXSAVE/FXRSTOR where CPUID says FXSR, FNSAVE/FRSTOR otherwise.
;
; Without an FPU (the 486SX model; the FNINIT/FNSTSW probe reads back its own word) CR0.EM is
; set: every x87 instruction raises #NM, and the thread ends with a fault report like any
; other user exception.

; CR0 bits (SDM Vol.3 2.5): MP, EM, TS, NE.
FPU_CR0_MP      equ 0x02
FPU_CR0_EM      equ 0x04
FPU_CR0_TS      equ 0x08
FPU_CR0_NE      equ 0x20
; CPUID.1:EDX bit 24: FXSAVE/FXRSTOR (SDM Vol.2A CPUID Table 3-11).
FPU_CPUID_FXSR  equ 1 << 24
; Bytes per thread area: FXSAVE's 512 (16-byte aligned); FNSAVE uses the first 108.
FPU_AREA_SIZE   equ 512

; Boot: probe for the FPU, choose the save instructions, set CR0 (NE: errors as #MF; MP: WAIT
; honours TS; TS: the first x87 instruction of any thread traps).
fpu_init:
    mov word [fpu_probe], 0x5a5a
    fninit
    fnstsw [fpu_probe]
    mov eax, cr0
    cmp word [fpu_probe], 0
    jne .absent
    mov byte [fpu_present], 1
    test dword [cpu_features], FPU_CPUID_FXSR
    setnz byte [fpu_fxsr]
    and eax, ~FPU_CR0_EM
    or eax, FPU_CR0_MP | FPU_CR0_NE | FPU_CR0_TS
    mov cr0, eax
    ret
.absent:
    and eax, ~FPU_CR0_MP
    or eax, FPU_CR0_EM
    mov cr0, eax
    ret

; After the scheduler installed a thread: the owner runs with TS clear, any other thread with
; TS set. Preserves every register but EAX.
fpu_thread_switched:
    cmp byte [fpu_present], 0
    je .done
    mov eax, [current_thread]
    cmp eax, [fpu_owner_slot]
    jne .trap_next
    push ebx
    call current_tcb
    mov eax, [ebx + TCB_ID]
    pop ebx
    cmp eax, [fpu_owner_id]
    jne .trap_next
    clts
    ret
.trap_next:
    mov eax, cr0
    or eax, FPU_CR0_TS
    mov cr0, eax
.done:
    ret

; #NM from ring 3. CF set: not the FPU's business (no FPU: the thread faults).
fpu_device_not_available:
    cmp byte [fpu_present], 0
    je .not_ours
    clts
    ; Save the owner's registers if the owner still exists in its slot.
    mov eax, [fpu_owner_slot]
    cmp eax, -1
    je .load
    mov ebx, eax
    imul ebx, ebx, TCB_SIZE
    add ebx, TCB_TABLE
    cmp dword [ebx + TCB_STATE], THREAD_FREE
    je .load
    mov edx, [ebx + TCB_ID]
    cmp edx, [fpu_owner_id]
    jne .load
    call fpu_area
    call fpu_save_to
    mov eax, [fpu_owner_slot]
    mov edx, [fpu_owner_id]
    mov [fpu_saved_id + eax * 4], edx
.load:
    ; The current thread's registers, if it saved some; a new thread starts from FNINIT.
    call current_tcb
    mov eax, [current_thread]
    mov edx, [ebx + TCB_ID]
    mov [fpu_owner_slot], eax
    mov [fpu_owner_id], edx
    cmp edx, [fpu_saved_id + eax * 4]
    jne .fresh
    call fpu_area
    cmp byte [fpu_fxsr], 0
    je .frstor
    fxrstor [edi]
    clc
    ret
.frstor:
    frstor [edi]
    clc
    ret
.fresh:
    fninit
    clc
    ret
.not_ours:
    stc
    ret

; A signal handler starts with a fresh FPU (Linux: fpu__clear_user_states) and its frame keeps
; the interrupted registers. EBX = the current thread: CF clear when it has x87 state (it has
; used the FPU); EDI = its save area, which then holds that state (saved now if the FPU has
; it), and the thread gives the FPU up so that its next x87 instruction starts from FNINIT.
; CF set when it has none. Keeps EBX, ESI.
fpu_signal_save:
    cmp byte [fpu_present], 0
    je .none
    mov eax, [current_thread]
    mov edx, [ebx + TCB_ID]
    cmp eax, [fpu_owner_slot]
    jne .in_area
    cmp edx, [fpu_owner_id]
    jne .in_area
    clts
    call fpu_area
    call fpu_save_to
    call fpu_give_up
    jmp .have
.in_area:
    cmp edx, [fpu_saved_id + eax * 4]
    jne .none
    call fpu_area
.have:
    mov dword [fpu_saved_id + eax * 4], 0
    clc
    ret
.none:
    stc
    ret

; sigreturn: EBX = the current thread, ESI = its area's new contents in user memory (checked;
; 0: none, the thread starts from FNINIT again), in the layout of fpu_save_to. Keeps EBX, ESI.
fpu_signal_restore:
    cmp byte [fpu_present], 0
    je .done
    mov eax, [current_thread]
    mov edx, [ebx + TCB_ID]
    cmp eax, [fpu_owner_slot]
    jne .released
    cmp edx, [fpu_owner_id]
    jne .released
    call fpu_give_up
.released:
    mov dword [fpu_saved_id + eax * 4], 0
    test esi, esi
    jz .done
    push esi
    call fpu_area
    mov ecx, 108 / 4
    cmp byte [fpu_fxsr], 0
    je .copy
    mov ecx, FPU_AREA_SIZE / 4
.copy:
    rep movsd
    pop esi
    cmp byte [fpu_fxsr], 0
    je .saved
    call fpu_area
    and dword [edi + 24], 0xFFBF        ; MXCSR: reserved bits would make FXRSTOR #GP
.saved:
    mov [fpu_saved_id + eax * 4], edx
.done:
    ret

; EDI = an area: FXSAVE or FNSAVE of the FPU into it.
fpu_save_to:
    cmp byte [fpu_fxsr], 0
    je .fnsave
    fxsave [edi]
    ret
.fnsave:
    fnsave [edi]
    ret

; The FPU has no owner; TS set, so the next x87 instruction of any thread traps (#NM).
fpu_give_up:
    push eax
    mov dword [fpu_owner_slot], -1
    mov eax, cr0
    or eax, FPU_CR0_TS
    mov cr0, eax
    pop eax
    ret

; EDI = the save area of thread slot EAX.
fpu_area:
    imul edi, eax, FPU_AREA_SIZE
    add edi, fpu_areas
    ret

section .data
fpu_present     db 0
fpu_fxsr        db 0
fpu_probe       dw 0
fpu_owner_slot  dd -1
fpu_owner_id    dd 0
; Per slot: the id of the thread whose registers its area holds (0: none).
fpu_saved_id    times LIMIT_MAX_THREADS dd 0
align 16, db 0
fpu_areas       times LIMIT_MAX_THREADS * FPU_AREA_SIZE db 0
section .text
