; NASM's forms in one place for the grammar: every radix form of a number, strings holding a
; semicolon, x87, control registers, prefixes, distances, sizes, structures and the
; preprocessor (NASM manual chapters 3 and 4). Assembles with `nasm -f bin`.
%define COUNT 4                     ; a one-line macro
%assign depth 0
%macro dec_all 1-2 0                ; a multi-line macro with a default argument
%%again:
        dec     dword [%1 + %2]
        jnz     %%again
%endmacro
%ifdef COUNT
%rep COUNT
        nop
%endrep
%endif

struc point
.x:     resd    1
.y:     resd    1
endstruc

        bits 32
        org 0x100000
_start:
        mov     eax, 0x1F           ; hexadecimal
        mov     eax, 0h1F
        mov     eax, 1Fh
        mov     eax, $1F
        mov     eax, 0b1010         ; binary
        mov     eax, 1010b
        mov     eax, 0y1010
        mov     eax, 1010_0101y
        mov     eax, 0o17           ; octal
        mov     eax, 0q17
        mov     eax, 17q
        mov     eax, 17o
        mov     eax, 0d99           ; decimal
        mov     eax, 0t99
        mov     eax, 99d
        mov     eax, 99
        mov     byte [es:edi + ecx*4 + 8], 'a'
        movzx   eax, word [ebx + point.y]
        fld     tword [ext]
        fld1
        fmulp   st1, st0
        fstp    qword [result]
        mov     eax, cr0
        lock inc dword [counter]
        rep movsd
        jmp     far [farptr]
        jmp     short .done
.done:
        dec_all esi
        ret

semi:   db      'a;b', 0, "c;d", `e;f\n`
ext:    dt      3.14159
result: dq      1.5e3
farptr: dd      0
        dw      0
counter: dd     COUNT
        times 4 db 0
