; SYNTAX TEST "source.i386-asm" "preprocessor directives and macro parameters"
%define SYS_EXIT 1
; <- meta.preprocessor.i386 keyword.control.directive.preprocessor.i386 punctuation.definition.directive.i386
;^^^^^^ meta.preprocessor.i386 keyword.control.directive.preprocessor.i386
;       ^^^^^^^^ entity.name.function.preprocessor.i386
;                ^ constant.numeric.decimal.i386
%xdefine sum(a, b) ((a) + (b))
;        ^^^ entity.name.function.preprocessor.i386
;           ^ punctuation.definition.parameters.begin.i386
;            ^ variable.parameter.i386
;               ^ variable.parameter.i386
;                ^ punctuation.definition.parameters.end.i386
%assign counter counter + 1
;^^^^^^ keyword.control.directive.preprocessor.i386
;       ^^^^^^^ entity.name.function.preprocessor.i386
%include "kernel/abi.inc"
;^^^^^^^ keyword.control.directive.preprocessor.i386
;        ^^^^^^^^^^^^^^^^ string.quoted.double.i386
%ifdef DEBUG
;^^^^^ keyword.control.directive.preprocessor.i386
%elifndef RELEASE
;^^^^^^^^ keyword.control.directive.preprocessor.i386
%else
;^^^^ keyword.control.directive.preprocessor.i386
%endif
;^^^^^ keyword.control.directive.preprocessor.i386
%if __?BITS?__ == 32 ; comment
;   ^^^^^^^^^^ constant.language.builtin.i386
;              ^^ keyword.operator.i386
;                    ^ comment.line.semicolon.i386
%endif
%macro syscall3 4-5 0
; <- meta.preprocessor.i386 keyword.control.directive.preprocessor.i386
;      ^^^^^^^^ entity.name.function.preprocessor.i386
;               ^ constant.numeric.decimal.i386
    mov eax, %1
;   ^^^ support.function.i386.data
;            ^^ variable.parameter.macro.i386
    mov ebx, %{2}
;            ^^^^ variable.parameter.macro.i386
    j%-3 %%skip
;   ^ keyword.control.i386
;    ^^^ variable.parameter.macro.i386
;        ^^^^^^ variable.parameter.macro.local.i386
    set%+3 al
;   ^^^ support.function.i386.bit
;      ^^^ variable.parameter.macro.i386
    int 0x30
;   ^^^ keyword.control.i386
%%skip:
; <------ entity.name.function.label.local.i386
    %rotate 1
;   ^^^^^^^ keyword.control.directive.preprocessor.i386
    mov ecx, %0
;            ^^ variable.parameter.macro.i386
    push %$saved
;        ^^^^^^^ variable.parameter.macro.context.i386
    dd prefix_ %+ %1
;              ^^ keyword.operator.paste.i386
%endmacro
;^^^^^^^^ keyword.control.directive.preprocessor.i386
%rep 4
;^^^ keyword.control.directive.preprocessor.i386
    nop
%endrep
;^^^^^^ keyword.control.directive.preprocessor.i386
%error "not supported"
;      ^^^^^^^^^^^^^^^ string.quoted.double.i386
%IMACRO Upper 0
;^^^^^^ keyword.control.directive.preprocessor.i386
;       ^^^^^ entity.name.function.preprocessor.i386
%endmacro
