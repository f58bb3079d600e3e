; RDTSC and CR4.TSD, RDMSR/WRMSR privilege (Pentium and later).
; SDM Vol.2B RDTSC: #GP(0) if CR4.TSD = 1 and CPL > 0; SDM Vol.3 2.5: CR4.TSD is bit 2.
; SDM Vol.3 17.17: the time-stamp counter only increases.
; SDM Vol.2B RDMSR/WRMSR: #GP(0) at CPL > 0 (unimplemented MSRs: msr.asm).
%include "lib/start.inc"

main:
    rdtsc
    mov esi, eax
    mov edi, edx
    rdtsc
    sub eax, esi
    sbb edx, edi
    PRINT "CPL0 rdtsc twice, the second is later: "
    mov al, 1
    js .no
    jnz .yes
    test eax, eax
    jnz .yes
.no:
    mov al, 0
.yes:
    HEX8 al
    NL
    RESUME_AT tsd
    mov ebx, user_tsd0
    mov ecx, FL_BASE
    call enter_ring3
user_tsd0:
    mov dword [quiet], 1
    mov dword [last_vector], -1
    PRINT "CPL3 rdtsc with TSD=0: "
    rdtsc
    call outcome
    PRINT "CPL3 rdmsr 10h: "
    SKIP_TO .wrmsr
    mov ecx, 0x10
    rdmsr
.wrmsr:
    call outcome
    PRINT "CPL3 wrmsr 10h: "
    SKIP_TO .done
    mov ecx, 0x10
    xor eax, eax
    xor edx, edx
    wrmsr
.done:
    call outcome
    RESUME_AT tsd
    int 0x3F

tsd:
    mov eax, cr4
    or eax, 1 << 2
    mov cr4, eax
    PRINT "CPL0 rdtsc with TSD=1: "
    rdtsc
    call outcome
    RESUME_AT done
    mov ebx, user_tsd1
    mov ecx, FL_BASE
    call enter_ring3
user_tsd1:
    PRINT "CPL3 rdtsc with TSD=1: "
    SKIP_TO .done
    rdtsc
.done:
    call outcome
    RESUME_AT done
    int 0x3F
done:
    jmp finish
%include "lib/end.inc"
