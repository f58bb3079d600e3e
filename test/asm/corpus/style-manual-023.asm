; NASM manual style 23: segment register moves and far pointers
    bits 16
    mov cs, ax
    mov ds, bx
    mov es, [bx + 30]
    jmp 0xafbb:0x969c
    call far [si + 8]
    lds si, [bp + 13]
    push ss
    pop es
    dd 0xa569
