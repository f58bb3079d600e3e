; Segment descriptor loading checks (done when a selector is loaded) and the descriptor
; inspection instructions. Access-time checks (limits, expand-down, null and read-only use)
; are in segment-limits.asm.
; SDM Vol.3 5.5 / MOV (Vol.2B) "Protected Mode Exceptions": loading SS with a null selector
; -> #GP(0); SS with RPL != CPL or DPL != CPL or a non-writable segment -> #GP(selector);
; DS/ES/FS/GS with an execute-only code segment or DPL < max(CPL, RPL) -> #GP(selector);
; beyond the table limit -> #GP(selector); not present -> #NP(selector) (#SS for SS).
%include "lib/start.inc"

main:
    PRINTLN "null SS:"
    RESUME_AT .null_ds
    xor eax, eax
    mov ss, ax
.null_ds:
    PRINTLN "null DS, ES, FS, GS load without a fault"
    xor eax, eax
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ax, SEL_KDATA
    mov ds, ax
    mov es, ax
    PRINTLN "execute-only code into DS:"
    RESUME_AT .readable_code
    mov ax, SEL_XONLY
    mov ds, ax
.readable_code:
    PRINTLN "readable code into ES loads"
    mov ax, SEL_KCODE
    mov es, ax
    mov ax, SEL_KDATA
    mov es, ax
    PRINTLN "readable code into SS:"
    RESUME_AT .rodata_ss
    mov ax, SEL_KCODE
    mov ss, ax
.rodata_ss:
    PRINTLN "read-only data into SS:"
    RESUME_AT .rpl_ss
    mov ax, SEL_RODATA
    mov ss, ax
.rpl_ss:
    PRINTLN "SS with RPL 3 at CPL 0:"
    RESUME_AT .rpl_ds
    mov ax, SEL_KDATA | 3
    mov ss, ax
.rpl_ds:
    PRINTLN "DS with RPL 3 > DPL 0:"
    RESUME_AT .np
    mov ax, SEL_KDATA | 3
    mov ds, ax
.np:
    PRINTLN "not-present segment into FS, then SS:"
    RESUME_AT .np_ss
    mov ax, SEL_NP
    mov fs, ax
.np_ss:
    RESUME_AT .beyond
    mov ax, SEL_NP
    mov ss, ax
.beyond:
    PRINTLN "selector beyond the GDT limit, and a TSS selector, into GS:"
    RESUME_AT .tss
    mov ax, GDT_LIMIT + 1
    mov gs, ax
.tss:
    RESUME_AT .ldt
    mov ax, SEL_TSS
    mov gs, ax
.ldt:
    PRINTLN "LDT selector with a null LDTR into DS:"
    RESUME_AT .inspect
    mov ax, 0x0004
    mov ds, ax
.inspect:
    PRINTLN "LSL/LAR/VERR/VERW:"
    call inspect
    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE
    call enter_ring3

user:
    PRINTLN "DPL0 data into DS at CPL3:"
    SKIP_TO .ss0
    mov ax, SEL_KDATA
    mov ds, ax
.ss0:
    PRINTLN "DPL0 data into SS at CPL3:"
    SKIP_TO .code
    mov ax, SEL_KDATA
    mov ss, ax
.code:
    PRINTLN "far jump to DPL0 code from CPL3:"
    SKIP_TO .done
    jmp SEL_KCODE:after_user
.done:
    int 0x3F

after_user:
    jmp finish

; Print value and ZF for LSL, LAR, VERR, VERW on a few selectors (SDM Vol.2A LAR, LSL;
; Vol.2B VERR/VERW). LAR returns the second descriptor dword masked with 00FxFF00H.
inspect:
    PRINT "lsl small "
    mov eax, 0x55555555
    lsl eax, [sel_small]
    call show_eax_zf
    PRINT "lsl null "
    mov eax, 0x55555555
    lsl eax, [sel_null]
    call show_eax_zf
    PRINT "lar ucode "
    mov eax, 0x55555555
    lar eax, [sel_ucode]
    call show_eax_zf
    PRINT "lar tss "
    mov eax, 0x55555555
    lar eax, [sel_tss]
    call show_eax_zf
    PRINT "verr xonly "
    verr [sel_xonly]
    call show_zf
    PRINT "verr kcode "
    verr [sel_kcode]
    call show_zf
    PRINT "verw rodata "
    verw [sel_rodata]
    call show_zf
    PRINT "verw kdata "
    verw [sel_kdata]
    call show_zf
    ret

show_eax_zf:
    pushfd
    HEX32 eax
    PRINT " "
    jmp show_saved_zf
show_zf:
    pushfd
show_saved_zf:
    PRINT "zf="
    pop eax
    shr eax, 6
    and eax, 1
    HEX8 al
    NL
    ret

sel_small:  dw SEL_SMALL
sel_null:   dw 0
sel_ucode:  dw SEL_UCODE
sel_tss:    dw SEL_TSS
sel_xonly:  dw SEL_XONLY
sel_kcode:  dw SEL_KCODE
sel_rodata: dw SEL_RODATA
sel_kdata:  dw SEL_KDATA
%include "lib/end.inc"
