; NASM manual style 18: segment register moves and far pointers
    bits 16
    mov ds, dx
    mov es, [bx + 99]
    jmp 0x20fe:0x56dc
    call far [si + 5]
    lds si, [bp + 7]
    push ss
    pop es
    dd 0x4b3b
