; What CPUID says about SYSENTER (SEP, CPUID.1:EDX bit 11) against what SYSENTER does.
; SDM Vol.2B SYSENTER, Operation: SEP is set on the Pentium Pro (family 6, model 1) although
; SYSENTER/SYSEXIT are not supported there; "IF (Family = 6) and (Model < 3) and
; (Stepping < 3) THEN SYSENTER/SYSEXIT_Not_Supported". An unsupported opcode raises #UD.
; Pentium and K6-2 have no SEP and no SYSENTER: #UD. QEMU executes SYSENTER on every CPU
; model, so those three expected outputs are hand-written.
%include "lib/start.inc"

main:
    mov eax, 1
    cpuid
    PRINT "cpuid.1:edx.sep="
    shr edx, 11
    and edx, 1
    HEX8 dl
    NL
    ; The SYSENTER MSRs are left at their power-up value 0 (they may not even exist where
    ; SEP is absent, and WRMSR would #GP there): a processor that supports SYSENTER then
    ; raises #GP(0) for SYSENTER_CS = 0, one that does not raises #UD.
    mov dword [quiet], 1
    PRINT "sysenter with SYSENTER_CS=0: "
    RESUME_AT .faulted
    sysenter
.faulted:
    call outcome
    jmp finish
%include "lib/end.inc"
