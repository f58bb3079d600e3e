; NASM manual style 35: segment register moves and far pointers
    bits 16
    mov ds, ax
    mov es, [bx + 42]
    jmp 0xbd33:0x72d0
    call far [si + 0]
    lds si, [bp + 36]
    push ss
    pop es
    dd 0xe8c2
