; Context-local and macro-local labels after NASM's standard macros (section, segment,
; absolute, align, alignb, bits, use16, use32, cpu, default, struc, endstruc) and %push: each
; uses up macro-local numbers in NASM, so the names in the map follow NASM's count.
[MAP ALL contexts.map]
        cpu 386
        bits 32
        default abs
        use16
        use32
%macro frame 0
        %push frame
%$top:  push ebp
        mov ebp, esp
%endmacro
%macro unframe 0
        leave
        jmp %$top
        %pop
%endmacro
%macro spin 1
%%again: dec %1
        jnz %%again
%endmacro
        section .text
f:      frame
        spin ecx
        align 4
        unframe
        segment .data
        alignb 4
v:      dd 1
        struc pair
.a:     resd 1
.b:     resd 1
        endstruc
        absolute 0x100
scratch: resb 4
        section .text
g:      spin edx
        ret
