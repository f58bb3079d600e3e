; NASM manual style 29: segment register moves and far pointers
    bits 16
    mov cs, bx
    mov ds, dx
    mov es, [bx + 22]
    jmp 0xc01a:0x7652
    call far [si + 4]
    lds si, [bp + 28]
    push ss
    pop es
    dd 0x4dcc
