; A macro library that names what it generates after the macro: %? is the name as the call
; spelt it, %?? as the definition did (they differ for %imacro).
%imacro DefVar 1
%?_%1:  dd 0
def_%1: db %??_len
%endmacro
%macro table 0
%?:     db %0
        dw %?
%endmacro
DefVar_len equ 7
        org 0x100
        DefVar a
        defvar b
        DEFVAR c
        table
        dd DefVar_a, defvar_b, DEFVAR_c, def_c
