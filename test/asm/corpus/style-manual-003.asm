; NASM manual style 3: segment register moves and far pointers
    bits 16
    mov ds, bx
    mov es, [bx + 99]
    jmp 0x42af:0xf025
    call far [si + 8]
    lds si, [bp + 12]
    push ss
    pop es
    dd 0x6a79
