; NASM manual style 36: segment register moves and far pointers
    bits 16
    mov ds, ax
    mov es, [bx + 86]
    jmp 0x4409:0x7116
    call far [si + 9]
    lds si, [bp + 14]
    push ss
    pop es
    dd 0x72c4
