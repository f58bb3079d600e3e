; NASM manual style 1: segment register moves and far pointers
    bits 16
    mov ds, dx
    mov es, [bx + 87]
    jmp 0x85f4:0x9308
    call far [si + 6]
    lds si, [bp + 9]
    push ss
    pop es
    dd 0x24c4
