; SYNTAX TEST "source.i386-asm" "label definitions and references, equ constants, macro calls"
start:
; <----- entity.name.function.label.i386
;    ^ punctuation.separator.label.i386
.loop:
; <----- entity.name.function.label.local.i386
..@shared:
; <--------- entity.name.function.label.local.i386
  indented: mov eax, 1
; ^^^^^^^^ entity.name.function.label.i386
;         ^ punctuation.separator.label.i386
;           ^^^ support.function.i386.data
.done:  ret
; <----- entity.name.function.label.local.i386
;       ^^^ keyword.control.i386
msg db 'hello', 10
; <--- entity.name.function.label.i386
;   ^^ storage.type.data.i386
msg_len equ $ - msg
; <------- variable.other.constant.i386
;       ^^^ keyword.control.directive.equ.i386
;           ^ variable.language.location.i386
;               ^^^ variable.other.label.i386
BUFSIZE: equ 4096
; <------- entity.name.function.label.i386
;        ^^^ keyword.control.directive.equ.i386
buffer resb BUFSIZE
; <------ entity.name.function.label.i386
;      ^^^^ storage.type.data.i386
;           ^^^^^^^ variable.other.label.i386
nocolon mov eax, ebx
; <------- entity.name.function.label.i386
;       ^^^ support.function.i386.data
    jmp start
;       ^^^^^ variable.other.label.i386
    call .loop
;        ^^^^^ variable.other.label.local.i386
    loop ..@shared
;        ^^^^^^^^^ variable.other.label.local.i386
    dd start.loop
;      ^^^^^^^^^^ variable.other.label.i386
    print_string msg, msg_len
;   ^^^^^^^^^^^^ meta.macro-call.i386 support.function.macro.i386
;                ^^^ variable.other.label.i386
    lock
;   ^^^^ storage.modifier.prefix.lock.i386 - support.function.macro.i386
..start:
; <------- entity.name.function.label.local.i386
exception_%1:
; <---------- entity.name.function.label.i386
;         ^^ entity.name.function.label.i386 variable.parameter.macro.i386
;           ^ punctuation.separator.label.i386
.entry_%{2}_end:
; <------- entity.name.function.label.local.i386
;      ^^^^ variable.parameter.macro.i386
;          ^^^^ entity.name.function.label.local.i386
