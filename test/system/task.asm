; Task switching through a TSS descriptor: far JMP (no link, busy bits moved), far CALL
; (link field, NT set, old task stays busy) and IRET with NT = 1 back to the caller.
; SDM Vol.3 8.3 (task switching steps), 8.4 (task linking: CALL sets NT and the previous
; task link, IRET with NT returns; JMP does neither), Table 8-2 (busy flag on JMP/CALL/IRET),
; 8.3 step: CR0.TS is set on every task switch (2.5).
%include "lib/start.inc"

main:
    ; The auxiliary task starts at aux_first with its own stack and registers.
    mov edi, TSS_AUX
    mov ecx, 0x68 / 4
    xor eax, eax
    rep stosd
    mov dword [TSS_AUX + TSS_EIP], aux_first
    mov dword [TSS_AUX + TSS_EFLAGS], FL_BASE
    mov dword [TSS_AUX + TSS_EAX], 0xAAAA0001
    mov dword [TSS_AUX + TSS_EBX], 0xAAAA0002
    mov dword [TSS_AUX + TSS_ESP], AUXSTACK
    mov dword [TSS_AUX + TSS_CS], SEL_KCODE
    mov dword [TSS_AUX + TSS_SS], SEL_KDATA
    mov dword [TSS_AUX + TSS_DS], SEL_KDATA
    mov dword [TSS_AUX + TSS_ES], SEL_KDATA
    mov dword [TSS_AUX + TSS_FS], SEL_KDATA
    mov dword [TSS_AUX + TSS_GS], SEL_KDATA
    mov word [TSS_AUX + TSS_IOMAP], 0x68

    call show_busy
    mov eax, 0x11111111
    mov ebx, 0x22222222
    jmp SEL_TSS_AUX:0
main_after_jmp:
    mov esi, eax
    mov edi, ebx
    PRINT "main again (jmp back): eax="
    HEX32 esi
    PRINT " ebx="
    HEX32 edi
    PRINT " saved eip="
    HEX32 [TSS_MAIN + TSS_EIP]
    NL
    call show_busy
    call show_ts
    clts
    call SEL_TSS_AUX:0
    PRINTLN "main again (iret from the called task)"
    call show_busy
    call show_nt
    jmp finish

aux_first:
    PRINT "aux task (jmp): eax="
    HEX32 eax
    PRINT " ebx="
    HEX32 ebx
    PRINT " link="
    HEX16 word [TSS_AUX + TSS_LINK]
    NL
    call show_tr
    call show_nt
    call show_busy
    jmp SEL_TSS:0
aux_second:
    PRINT "aux task (call): link="
    HEX16 word [TSS_AUX + TSS_LINK]
    NL
    call show_nt
    call show_busy
    iret

show_busy:
    PRINT "  type main="
    movzx eax, byte [GDT_RAM + SEL_TSS + 5]
    HEX8 al
    PRINT " aux="
    movzx eax, byte [GDT_RAM + SEL_TSS_AUX + 5]
    HEX8 al
    NL
    ret

show_tr:
    PRINT "  tr="
    str ax
    HEX16 ax
    NL
    ret

show_nt:
    PRINT "  nt="
    pushfd
    pop eax
    shr eax, 14
    and eax, 1
    HEX8 al
    NL
    ret

show_ts:
    PRINT "  cr0.ts="
    mov eax, cr0
    shr eax, 3
    and eax, 1
    HEX8 al
    NL
    ret
%include "lib/end.inc"
