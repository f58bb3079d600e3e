; NASM manual style 18: segment register moves and far pointers
    bits 16
    mov cs, dx
    mov ds, bx
    mov es, [bx + 82]
    jmp 0x56dc:0xbead
    call far [si + 7]
    lds si, [bp + 19]
    push ss
    pop es
    dd 0x2d04
