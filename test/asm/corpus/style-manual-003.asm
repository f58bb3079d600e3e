; NASM manual style 3: segment register moves and far pointers
    bits 16
    mov cs, ax
    mov ds, bx
    mov es, [bx + 13]
    jmp 0xf216:0xf7c
    call far [si + 5]
    lds si, [bp + 2]
    push ss
    pop es
    dd 0xb461
