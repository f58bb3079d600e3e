; NASM manual style 30: segment register moves and far pointers
    bits 16
    mov ds, bx
    mov es, [bx + 23]
    jmp 0x63f0:0xd117
    call far [si + 6]
    lds si, [bp + 38]
    push ss
    pop es
    dd 0x8e31
