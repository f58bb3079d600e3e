; Which EFLAGS bits software can toggle, the classic processor identification:
; SDM Vol.1 19.1 ("Using EFLAGS flags to distinguish between 32-bit IA-32 processors"): the
; 386 cannot set AC (bit 18); a 486 can. SDM Vol.1 3.4.3.3 / Vol.2A CPUID: if software can
; change ID (bit 21), CPUID is supported. Expected outputs for models QEMU does not have (a
; 386, a 486 without CPUID) are hand-written from these rules.
%include "lib/start.inc"

main:
    PRINT "ac toggles: "
    mov ebx, FL_AC
    call toggles
    PRINT "id toggles: "
    mov ebx, FL_ID
    call toggles
    jmp finish

; Prints 1 if EFLAGS bit mask EBX can be inverted by POPFD, else 0; restores EFLAGS.
toggles:
    pushfd
    pushfd
    pop eax
    mov ecx, eax
    xor eax, ebx
    push eax
    popfd
    pushfd
    pop eax
    popfd
    xor eax, ecx
    and eax, ebx
    setnz al
    HEX8 al
    NL
    ret
%include "lib/end.inc"
