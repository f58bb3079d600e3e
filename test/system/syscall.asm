; SYSCALL/SYSRET in 32-bit legacy mode (AMD semantics).
; AMD APM Vol.3 SYSCALL: #UD if EFER.SCE = 0; ECX = return EIP; CS = STAR[47:32] (RPL 0),
; SS = STAR[47:32] + 8; EIP = STAR[31:0]; EFLAGS.VM, IF and RF cleared; ESP unchanged.
; AMD APM Vol.3 SYSRET: #UD if EFER.SCE = 0; #GP(0) if CPL != 0; CS = STAR[63:48] | 3,
; SS = STAR[63:48] + 8 | 3; EIP = ECX; EFLAGS.IF set (legacy mode).
; AMD APM Vol.2 3.1.7: EFER is MSR C0000080h (SCE = bit 0), STAR is C0000081h.
%include "lib/start.inc"

main:
    RESUME_AT enable_sce
    mov ebx, user_without_sce
    mov ecx, FL_BASE
    call enter_ring3
user_without_sce:
    PRINTLN "syscall with EFER.SCE=0:"
    syscall
    PRINTLN "no fault"
    int 0x3F

enable_sce:
    mov ecx, 0xC0000080
    rdmsr
    or eax, 1
    wrmsr
    mov ecx, 0xC0000081
    mov edx, ((SEL_UCODE & 0xFFFC) << 16) | SEL_KCODE
    mov eax, syscall_entry
    wrmsr
    rdmsr
    PRINT "star="
    HEX32 edx
    HEX32 eax
    NL
    mov ecx, 0xC0000080
    rdmsr
    PRINT "efer.sce="
    and eax, 1
    HEX8 al
    NL

    RESUME_AT after_user
    mov ebx, user
    mov ecx, FL_BASE
    call enter_ring3

user:
    mov eax, 0x12345678
    syscall
    mov ebx, esp
    mov edi, eax
    pushfd
    pop esi
    PRINT "user again cs="
    mov eax, cs
    HEX16 ax
    PRINT " ss="
    mov eax, ss
    HEX16 ax
    PRINT " esp="
    HEX32 ebx
    PRINT " eflags="
    HEXFLAGS esi
    PRINT " eax="
    HEX32 edi
    NL
    PRINTLN "sysret at CPL3:"
    SKIP_TO .after_gp
    sysret
.after_gp:
    int 0x3F

after_user:
    jmp finish

syscall_entry:
    mov ebx, esp
    pushfd
    pop edi
    PRINT "syscall cs="
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
    NL
    mov eax, 0x87654321
    sysret
%include "lib/end.inc"
