; The i486's undefined arithmetic flags. No public hardware-validated table of them was found
; (test386.asm's undefined-behaviour cases are for CPU family 3 only; the single-step test sets
; recorded on real chips stop at the 80386), so the i486 models keep the flags the golden vectors
; record on the host (CpuModel.undefinedFlags 'later'). One documented i486 behaviour: Cyrix's
; CPU detection guide (Application Note 112, the "5/2 test") tells a Cyrix part, which leaves
; the flags unchanged after DIV, from Intel and AMD 486s, which change them: with the flags
; cleared by SAHF, 5 / 2 by DIV BL, LAHF gives AH = 02 on a Cyrix part only.
%include "lib/start.inc"

; DIV5BY2 flags-in: prints the LAHF byte after 5 / 2
%macro DIV5BY2 1
    mov ah, %1
    sahf
    mov ax, 5
    mov bl, 2
    div bl
    lahf
    PRINT "5/2 from "
    HEX8 byte [%%in]
    PRINT ": ah="
    mov al, ah
    HEX8 al
    NL
    jmp %%end
%%in: db %1
%%end:
%endmacro

main:
    DIV5BY2 0x00
    DIV5BY2 0xD5
    ; The detection guide's test itself.
    xor ax, ax
    sahf
    mov ax, 5
    mov bl, 2
    div bl
    lahf
    cmp ah, 2
    je .cyrix
    PRINTLN "5/2 test: not a Cyrix part"
    jmp finish
.cyrix:
    PRINTLN "5/2 test: a Cyrix part"
    jmp finish
%include "lib/end.inc"
