; SYSENTER/SYSEXIT between ring 3 and ring 0, and their #GP(0) conditions.
; SDM Vol.2B SYSENTER: #GP(0) if IA32_SYSENTER_CS[15:2] = 0; loads CS = SYSENTER_CS,
; SS = SYSENTER_CS + 8 (flat, RPL 0), ESP = IA32_SYSENTER_ESP, EIP = IA32_SYSENTER_EIP, and
; clears EFLAGS.VM, IF and RF.
; SDM Vol.2B SYSEXIT: #GP(0) if IA32_SYSENTER_CS[15:2] = 0 or CPL != 0; loads
; CS = SYSENTER_CS + 16 | 3, SS = SYSENTER_CS + 24 | 3, EIP = EDX, ESP = ECX.
; SDM Vol.3 5.8.7.1: the MSRs are 174H (CS), 175H (ESP), 176H (EIP).
%include "lib/start.inc"

SYSENTER_STACK equ 0x7F000

main:
    PRINTLN "sysenter with SYSENTER_CS=0:"
    RESUME_AT .cs_valid
    mov ecx, 0x174
    xor eax, eax
    xor edx, edx
    wrmsr
    sysenter
    PRINTLN "no fault"
.cs_valid:
    PRINTLN "sysexit with SYSENTER_CS=0:"
    RESUME_AT .msrs
    mov ecx, USTACK
    mov edx, user
    sysexit
    PRINTLN "no fault"
.msrs:
    mov ecx, 0x174
    mov eax, SEL_KCODE
    xor edx, edx
    wrmsr
    mov ecx, 0x175
    mov eax, SYSENTER_STACK
    wrmsr
    mov ecx, 0x176
    mov eax, sysenter_entry
    wrmsr
    mov ecx, 0x174
    rdmsr
    PRINT "rdmsr 174="
    HEX32 edx
    HEX32 eax
    NL

    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE | FL_IF
    call enter_ring3

user:
    mov ebp, esp
    mov ecx, esp
    mov edx, .returned
    mov eax, 0x12345678
    sysenter
.returned:
    mov ebx, esp
    mov edi, eax
    PRINT "user again cs="
    mov eax, cs
    HEX16 ax
    PRINT " ss="
    mov eax, ss
    HEX16 ax
    PRINT " esp="
    HEX32 ebx
    PRINT " eax="
    HEX32 edi
    NL
    PRINTLN "sysexit at CPL3:"
    SKIP_TO .after_gp
    sysexit
.after_gp:
    int 0x3F

after_user:
    jmp finish

sysenter_entry:
    mov ebx, esp
    pushfd
    pop edi
    PRINT "sysenter cs="
    push eax
    mov eax, cs
    HEX16 ax
    PRINT " ss="
    mov eax, ss
    HEX16 ax
    pop eax
    PRINT " esp="
    HEX32 ebx
    PRINT " eflags="
    HEXFLAGS edi
    PRINT " eax="
    HEX32 eax
    PRINT " ecx="
    HEX32 ecx
    PRINT " edx="
    HEX32 edx
    NL
    mov eax, 0x87654321
    sysexit
%include "lib/end.inc"
