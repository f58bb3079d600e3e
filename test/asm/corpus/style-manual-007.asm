; NASM manual style 7: segment register moves and far pointers
    bits 16
    mov ds, dx
    mov es, [bx + 32]
    jmp 0x54b2:0x3cbe
    call far [si + 9]
    lds si, [bp + 45]
    push ss
    pop es
    dd 0x2f96
