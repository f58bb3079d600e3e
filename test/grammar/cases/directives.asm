; SYNTAX TEST "source.i386-asm" "directives, sections, structures, comments"
bits 32
; <---- keyword.control.directive.i386
;    ^^ constant.numeric.decimal.i386
[bits 16]
; <- punctuation.definition.directive.begin.i386
;^^^^ keyword.control.directive.i386
;     ^^ constant.numeric.decimal.i386
;       ^ punctuation.definition.directive.end.i386
[section .text]
;^^^^^^^ keyword.control.directive.i386
;        ^^^^^ entity.name.namespace.section.i386
section .data align=16 progbits
; <------- keyword.control.directive.i386
;       ^^^^^ entity.name.namespace.section.i386
;             ^^^^^ constant.language.section-attribute.i386
;                   ^^ constant.numeric.decimal.i386
;                      ^^^^^^^^ constant.language.section-attribute.i386
SEGMENT .bss nobits
; <------- keyword.control.directive.i386
;       ^^^^ entity.name.namespace.section.i386
global _start, helper:function
; <------ keyword.control.directive.i386
;      ^^^^^^ variable.other.label.i386
extern printf
; <------ keyword.control.directive.i386
org 0x7C00
; <--- keyword.control.directive.i386
;   ^^^^^^ constant.numeric.hex.i386
align 16, db 0x90
; <----- keyword.control.directive.i386
;         ^^ storage.type.data.i386
cpu 686
; <--- keyword.control.directive.i386
struc point
; <----- keyword.control.directive.i386
;     ^^^^^ entity.name.type.struct.i386
.x: resd 1
; <-- entity.name.function.label.local.i386
;   ^^^^ storage.type.data.i386
.y resd 1
; <-- entity.name.function.label.local.i386
endstruc
; <-------- keyword.control.directive.i386
origin: istruc point
; <------ entity.name.function.label.i386
;       ^^^^^^ keyword.control.directive.i386
;              ^^^^^ entity.name.type.struct.i386
    at point.x, dd 0
;   ^^ keyword.control.directive.i386
;      ^^^^^^^ variable.other.label.i386
;               ^^ storage.type.data.i386
iend
; <---- keyword.control.directive.i386
incbin "blob.bin", 16
; <------ storage.type.data.i386
;      ^^^^^^^^^^ string.quoted.double.i386
absolute 0x500
; <-------- keyword.control.directive.i386
; just a comment with mov eax, 1 inside
; <- comment.line.semicolon.i386 punctuation.definition.comment.i386
;                     ^^^ comment.line.semicolon.i386 - support.function.i386.data
    ; region boot sector
;   ^^^^^^^^^^^^^^^^^^^^ comment.line.semicolon.i386
