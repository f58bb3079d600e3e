; RDMSR/WRMSR of an unimplemented MSR at CPL 0 (Pentium and later).
; SDM Vol.2B RDMSR: "#GP(0) if the value in ECX specifies a reserved or unimplemented MSR
; address"; WRMSR likewise. MSR 10H (the time-stamp counter, SDM Vol.3 17.17) exists.
; QEMU TCG returns 0 for unknown MSRs and ignores writes to them, so the expected output is
; written from the SDM (msr.sdm.expected).
%include "lib/start.inc"

main:
    mov dword [quiet], 1
    PRINT "rdmsr 10h: "
    RESUME_AT .o1
    mov ecx, 0x10
    rdmsr
.o1:
    call outcome
    PRINT "rdmsr 0DEAD000h: "
    RESUME_AT .o2
    mov ecx, 0x0DEAD000
    rdmsr
.o2:
    call outcome
    PRINT "wrmsr 0DEAD000h: "
    RESUME_AT .o3
    mov ecx, 0x0DEAD000
    xor eax, eax
    xor edx, edx
    wrmsr
.o3:
    call outcome
    jmp finish
%include "lib/end.inc"
