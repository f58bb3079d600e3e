; NASM manual style 1: segment register moves and far pointers
    bits 16
    mov cs, dx
    mov ds, dx
    mov es, [bx + 84]
    jmp 0x9308:0xdba4
    call far [si + 9]
    lds si, [bp + 32]
    push ss
    pop es
    dd 0xb60e
