; NASM manual style 5: segment register moves and far pointers
    bits 16
    mov ds, dx
    mov es, [bx + 25]
    jmp 0xfa2b:0x88c4
    call far [si + 0]
    lds si, [bp + 39]
    push ss
    pop es
    dd 0x65d
