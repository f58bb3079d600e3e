; Multisection output: vstart=, follows=, align=, valign=, nobits, a section entered twice,
; symbols only ([map symbols]) plus the summary ([map brief]) into the same file.
[map symbols sections.map]
[map brief]
        org 0x100
        section .text
entry:  jmp main
        section stage2 follows=.data vstart=0x8000 align=16
s2:     db "stage two", 0
s2_end:
        section .data
table:  dd entry, s2, main
        section scratch nobits valign=64
buffer: resb 300
        section .text
main:   mov esi, table
        ret
        section .bss
count:  resd 1
        absolute 0x600
ram:    resb 16
