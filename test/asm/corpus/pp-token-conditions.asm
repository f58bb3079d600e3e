; NASM's token-type conditionals on the expanded text (NASM 4.4.6-4.4.8): %ifid, %ifnum (after
; signs), %ifstr look at the first token, %iftoken wants exactly one, %ifempty none; each has
; its %ifn and %elif forms, and %ifn / %elifn negate an expression; a parameter past the ones
; given is empty
        bits 16
%define NAME foo
%define NOTHING
%macro classify 0-1
%ifempty %1
        db 0
%elifid %1
        db 1
%elifnum %1
        db 2
%elifstr %1
        db 3
%else
        db 4
%endif
%iftoken %1
        db 0x10
%elifntoken %1
        db 0x20
%endif
%endmacro
        classify
        classify foo
        classify 12
        classify -12
        classify +-3
        classify 'ab'
        classify "x" + 1
        classify foo bar
        classify (1)
        classify 1.5
        classify NAME
        classify NOTHING
%ifn 0
        db 0x30
%endif
%ifn 2 > 1
        db 0x31
%elifn 0
        db 0x32
%endif
%ifnempty NOTHING
        db 0x40
%elifnid 5
        db 0x41
%endif
%ifnnum foo
        db 0x50
%endif
%ifnstr 'x'
        db 0x60
%elifnidn a, b
        db 0x61
%endif
%macro m 0-2
db %2 + 1
%endmacro
m
m 5
m 5,6
%macro k 1
db %3 9
%endmacro
k 1
