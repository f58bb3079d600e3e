; a demo-style intro: .COM with a bss cleared at start, tables built with times
    org 0x100
section .text
    mov di, bss_start
    mov cx, bss_end - bss_start
    xor al, al
    rep stosb
    mov ax, 0x13
    int 0x10
    push word 0xa000
    pop es
    xor di, di
    mov si, palette
    mov cx, 64
.pal:
    lodsb
    stosb
    loop .pal
    ret
section .data
palette:
%assign i 0
%rep 64
    db (i * 4) & 0xff
%assign i i + 1
%endrep
sine: times 16 db 0x7f
section .bss
bss_start:
frame: resw 1
plasma: resb 320
bss_end:
