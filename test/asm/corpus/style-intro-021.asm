; 64b intro 21: mode 13h, a palette loop and a pixel effect
    bits 16
    org 0x100
    mov al, 0x13
    int 0x10
    push 0xa000
    pop es
    mov dx, 0x3c8
    xor ax, ax
    out dx, al
    inc dx
pal:
    mov al, bl
    out dx, al
    out dx, al
    out dx, al
    inc ah
    jnz pal
frame:
    xor di, di
    mov cx, 320 * 200
pix:
    mov ax, di
    sub al, ah
    add al, bl
    not al
    stosb
    loop pix
    dec bx
    in al, 0x60
    dec al
    jnz frame
    mov ax, 3
    int 0x10
    ret
    db 42
    o16 movsd
    o32 movsw
    a32 lodsb
