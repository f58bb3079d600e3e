; Every exception vector that can be provoked without x87, paging or a task switch, with the
; error code where the vector has one (SDM Vol.3 6.15, "Exception and Interrupt Reference";
; Table 6-1). Faults report the EIP of the faulting instruction, traps the next one
; (SDM Vol.3 6.5).
%include "lib/start.inc"

SEL_SHORT_TSS equ SEL_FREE3

main:
    ; #DE: DIV by zero is a fault (SDM Vol.3 6.15, Interrupt 0).
    RESUME_AT .db
    xor edx, edx
    mov eax, 1
    xor ecx, ecx
    div ecx
.db:
    ; #DB: with EFLAGS.TF set, a single-step trap follows the next instruction, DR6.BS = 1
    ; (SDM Vol.3 17.3.1.4).
    RESUME_AT .db_done
    pushfd
    or dword [esp], FL_TF
    popfd
    nop
    nop
.db_done:
    mov eax, dr6
    PRINT "dr6.bs="
    shr eax, 14
    and eax, 1
    HEX8 al
    NL
    ; #BP: INT3 is a trap; IRET continues after it (SDM Vol.3 6.15, Interrupt 3).
    int3
    PRINTLN "after int3"
    ; #OF: INTO traps when OF = 1, does nothing when OF = 0 (Interrupt 4).
    mov al, 0x10
    add al, 1
    into
    mov al, 0x7F
    add al, 1
    into
    PRINTLN "after into"
    ; #BR: BOUND with an index outside [lower, upper] is a fault (Interrupt 5).
    mov eax, 5
    bound eax, [bounds]
    PRINTLN "bound in range"
    RESUME_AT .ud
    mov eax, 11
    bound eax, [bounds]
.ud:
    ; #UD: UD2 (Interrupt 6).
    RESUME_AT .ts
    ud2
.ts:
    ; #TS: a task switch to a TSS whose limit is below 67H faults with the TSS selector
    ; (SDM Vol.3 7.2.2; 6.15 Interrupt 10, Table 6-6).
    mov eax, SEL_SHORT_TSS
    mov ebx, ((TSS_AUX & 0xFFFF) << 16) | 0x0040
    mov edx, (TSS_AUX & 0xFF000000) | 0x00008900 | ((TSS_AUX >> 16) & 0xFF)
    call set_gdt_entry
    RESUME_AT .np
    jmp SEL_SHORT_TSS:0
.np:
    ; #NP: loading DS with a not-present segment, error code = selector (Interrupt 11).
    RESUME_AT .ss
    mov ax, SEL_NP
    mov ds, ax
.ss:
    ; #SS: loading SS with a not-present segment, error code = selector (Interrupt 12).
    RESUME_AT .gp
    mov ax, SEL_NP
    mov ss, ax
.gp:
    ; #GP: a selector beyond the GDT limit, error code = selector (Interrupt 13).
    RESUME_AT .df
    mov ax, GDT_LIMIT + 1
    mov es, ax
.df:
    ; #DF: a #GP whose IDT gate is not present raises #NP(0x6A: index 13, IDT bit) while
    ; delivering; #GP then #NP are both contributory, so #DF(0) (SDM Vol.3 6.15, Interrupt 8,
    ; Table 6-5). The saved CS:EIP of #DF is undefined: only the vector and code are shown.
    and byte [IDT_RAM + 13 * 8 + 5], 0x7F
    mov dword [quiet], 1
    RESUME_AT .df_done
    mov ax, GDT_LIMIT + 1
    mov es, ax
.df_done:
    mov dword [quiet], 0
    or byte [IDT_RAM + 13 * 8 + 5], 0x80
    call print_last
    ; INT n through an IDT entry that is not a gate (all zero): #GP((vector << 3) | 2); through
    ; a valid interrupt gate with P = 0: #NP((vector << 3) | 2) (INT n in Vol.2A; 6.13).
    RESUME_AT .np_gate
    int 0x40
.np_gate:
    mov eax, 0x41
    mov ebx, .done
    mov cl, GATE_INT0 & 0x7F
    mov dx, SEL_KCODE
    call set_gate
    RESUME_AT .done
    int 0x41
.done:
    jmp finish

bounds: dd 0, 10
%include "lib/end.inc"
