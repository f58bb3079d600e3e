; NASM manual style 28: segment register moves and far pointers
    bits 16
    mov ds, bx
    mov es, [bx + 69]
    jmp 0x631a:0xc01a
    call far [si + 4]
    lds si, [bp + 34]
    push ss
    pop es
    dd 0xd7e8
