; times, align, alignb, $ and $$
bits 16
org 0x100
    mov ax, 1
    align 8
    db 1
    align 4
    times 5 db 0xAA
    times 3 nop
    times 2 dd $
    alignb 16
    db 'end'
    times 64 - ($ - $$) db 0
    dw 0xAA55
