; A double fault handled by its own task through a task gate in IDT entry 8, the way kernels
; survive a #DF caused by a broken stack.
; SDM Vol.3 6.15 (Interrupt 8): #DF when a contributory exception (#GP) is raised while
; delivering another (Table 6-5), error code 0, saved CS:EIP undefined; a task gate for #DF
; is recommended so the handler has a valid stack. SDM Vol.3 6.12.2: an interrupt through a
; task gate switches tasks like a CALL (link = old TSS, NT = 1) and pushes the error code on
; the new task's stack.
%include "lib/start.inc"

main:
    mov edi, TSS_DF
    mov ecx, 0x68 / 4
    xor eax, eax
    rep stosd
    mov dword [TSS_DF + TSS_EIP], double_fault_task
    mov dword [TSS_DF + TSS_EFLAGS], FL_BASE
    mov dword [TSS_DF + TSS_ESP], DFSTACK
    mov dword [TSS_DF + TSS_CS], SEL_KCODE
    mov dword [TSS_DF + TSS_SS], SEL_KDATA
    mov dword [TSS_DF + TSS_DS], SEL_KDATA
    mov dword [TSS_DF + TSS_ES], SEL_KDATA
    mov dword [TSS_DF + TSS_FS], SEL_KDATA
    mov dword [TSS_DF + TSS_GS], SEL_KDATA
    mov word [TSS_DF + TSS_IOMAP], 0x68
    mov eax, 8
    xor ebx, ebx
    mov cl, GATE_TASK0
    mov dx, SEL_TSS_DF
    call set_gate
    ; #SS and #GP gates are made not present: a stack fault then raises #NP while being
    ; delivered, a contributory exception after a contributory one.
    and byte [IDT_RAM + 12 * 8 + 5], 0x7F
    and byte [IDT_RAM + 13 * 8 + 5], 0x7F
    PRINTLN "loading a not-present SS:"
    mov eax, 0x1234ABCD
    mov ax, SEL_NP
    mov ss, ax
    PRINTLN "no fault"
    jmp finish

double_fault_task:
    mov ebx, [esp]
    mov ecx, esp
    PRINT "double fault task: error code "
    HEX32 ebx
    PRINT " esp "
    HEX32 ecx
    NL
    PRINT "  tr="
    str ax
    HEX16 ax
    PRINT " link="
    HEX16 word [TSS_DF + TSS_LINK]
    PRINT " nt="
    pushfd
    pop eax
    shr eax, 14
    and eax, 1
    HEX8 al
    NL
    PRINT "  interrupted task's eax "
    HEX32 [TSS_MAIN + TSS_EAX]
    PRINT " types main="
    movzx eax, byte [GDT_RAM + SEL_TSS + 5]
    HEX8 al
    PRINT " df="
    movzx eax, byte [GDT_RAM + SEL_TSS_DF + 5]
    HEX8 al
    NL
    jmp finish
%include "lib/end.inc"
