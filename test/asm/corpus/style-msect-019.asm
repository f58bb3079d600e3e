; section names with dots and explicit progbits, addresses taken with $$ and section symbols
    bits 32
section .text
    dd $$, section..text.vstart
section .rodata progbits align=8
ro: dd ro - $$, $$
section .init.text progbits follows=.text align=4
init_fn:
    mov eax, ro
    ret
    dd section..init.text.start, section..init.text.vstart
