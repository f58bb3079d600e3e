; ORG with sections of their own alignment: the first section is aligned past the origin
    org 0x7c04
section .text align=16
    db 1
    dd $$
section .data align=8
    db 2
    dd $$
