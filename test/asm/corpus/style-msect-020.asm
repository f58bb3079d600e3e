; jumps and calls between sections, one of them with a virtual start
    bits 16
section .text
start:
    call far_helper
    jmp second
    dw second - start
section second_part align=16
second:
    call far_helper
    jmp start
section helpers vstart=0x3000
far_helper:
    ret
