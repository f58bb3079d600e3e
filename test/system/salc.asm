; SALC (D6), the undocumented one-byte opcode every model here executes: AL = FF if CF else
; 00, the flags unchanged, whatever the operand size.
%include "lib/start.inc"

main:
    mov eax, 0x12345678
    stc
    salc
    pushfd
    HEX32 eax
    pop ebx
    PRINT " cf="
    and ebx, 1
    HEX8 bl
    NL
    mov eax, 0x12345678
    mov ebx, -1
    add ebx, 1                      ; CF=1 ZF=1
    clc
    salc
    pushfd
    HEX32 eax
    pop ebx
    PRINT " flags="
    and ebx, 0x8D5
    HEX32 ebx
    NL
    o16 salc
    HEX32 eax
    NL

    jmp finish
%include "lib/end.inc"
