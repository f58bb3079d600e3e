; %00 is the label before a macro call, which the macro then defines or uses (NASM 4.3.12), a
; first word before a macro's name is a label even without a colon, and %{first:last} is a range
; of parameters, backwards when first > last, negative numbers counting from the end (NASM 4.3.5)
        bits 16
%macro lab 1
        db %1
%endmacro
%macro defines 1
%00:    db %1
        dw %00
%endmacro
%macro uses 1
        dw %00 + %1
%endmacro
here    lab 7
there:  lab 8
        dw here, there
a1      defines 1
a2:     defines 2
        dw a1, a2
const   equ 0x4000
const   uses 5
%macro m 1-*
        db %0
        db %{1:2}
        db %{2:-1}
        db %{-1:1}
        db %{3:3}
        dw %{-2:-3}
%endmacro
        m 1, 2, 3, 4
        m 5, 6 ,7
%macro rot 3
%rotate 1
        db %{1:3}
%endmacro
        rot 1, 2, 3
%macro pairs 2-*
%rep %0 / 2
        dw %{1:2}
%rotate 2
%endrep
%endmacro
        pairs 1, 2, 3, 4, 5, 6
