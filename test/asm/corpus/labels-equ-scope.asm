; Local labels belong to the last real label: an EQU constant between them does not start a
; new scope (NASM 3.9). Token pasting with %+ builds label names inside a macro.
bits 32
%macro make_cell 1
cell_ %+ %1: dd %1
%endmacro
top:
.first: nop
WIDTH equ 5
.second: jmp .first
        mov eax, WIDTH
        make_cell 7
        mov ebx, cell_7
