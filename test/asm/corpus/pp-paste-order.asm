; %+ joins tokens after the line's single-line macros are expanded, and the joined name is
; expanded again (NASM 4.1.4 and its preprocessor's order), inside and outside macros
        bits 16
%define foo_bar 5
%define pre foo
%define suffix _bar
        db foo %+ _bar
        db pre %+ _bar
        db foo %+ suffix
%macro m 2
        db foo %+ _bar
        db pre %+ %2
        db %1 %+ _x
        db %1 %+ _ %+ %2
%endmacro
abc_x   equ 7
abc__bar equ 8
fooy    equ 9
abc_y   equ 10
        m abc, _bar
        m abc, y
%define name(x) x %+ _x
        db name(abc)
