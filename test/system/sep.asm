; What CPUID says about SYSENTER (SEP, CPUID.1:EDX bit 11) against what SYSENTER does, and
; SYSCALL before EFER.SCE is set.
; SDM Vol.2B SYSENTER, Operation: SEP is set on the Pentium Pro (family 6, model 1) although
; SYSENTER/SYSEXIT are not supported there; "IF (Family = 6) and (Model < 3) and
; (Stepping < 3) THEN SYSENTER/SYSEXIT_Not_Supported". An unsupported opcode raises #UD, as
; on every part before the Pentium II and on the K6-2.
; AMD APM Vol.3 SYSCALL: #UD while EFER.SCE = 0 (its power-up value); Intel parts of this
; era have no SYSCALL in 32-bit mode at all (#UD).
; QEMU executes SYSENTER on every CPU model, so the expected outputs of the models without
; a working SYSENTER are hand-written.
%include "lib/start.inc"

main:
    pushfd
    pop eax
    mov ecx, eax
    xor eax, FL_ID
    push eax
    popfd
    pushfd
    pop eax
    xor eax, ecx
    test eax, FL_ID
    jnz .has_cpuid
    PRINTLN "no cpuid"
    jmp .try
.has_cpuid:
    mov eax, 1
    cpuid
    PRINT "cpuid.1:edx.sep="
    shr edx, 11
    and edx, 1
    HEX8 dl
    NL
.try:
    ; The SYSENTER MSRs are left at their power-up value 0 (they may not even exist where
    ; SEP is absent, and WRMSR would #GP there): a processor that supports SYSENTER then
    ; raises #GP(0) for SYSENTER_CS = 0, one that does not raises #UD.
    mov dword [quiet], 1
    PRINT "sysenter with SYSENTER_CS=0: "
    RESUME_AT .sysenter_done
    sysenter
.sysenter_done:
    call outcome
    PRINT "syscall with EFER.SCE=0: "
    RESUME_AT .syscall_done
    syscall
.syscall_done:
    call outcome
    jmp finish
%include "lib/end.inc"
