; NASM manual style 5: segment register moves and far pointers
    bits 16
    mov cs, dx
    mov ds, dx
    mov es, [bx + 10]
    jmp 0xbb75:0x65d
    call far [si + 8]
    lds si, [bp + 16]
    push ss
    pop es
    dd 0x20fb
