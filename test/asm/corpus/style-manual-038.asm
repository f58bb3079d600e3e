; NASM manual style 38: segment register moves and far pointers
    bits 16
    mov ds, dx
    mov es, [bx + 96]
    jmp 0x6fbf:0x1ced
    call far [si + 3]
    lds si, [bp + 0]
    push ss
    pop es
    dd 0x6eab
