; DOS .COM program with .text, .data and .bss: NASM lays out .data after .text (aligned to 4)
; and .bss after .data
    org 0x100
section .text
    mov ah, 0x09
    mov dx, msg
    int 0x21
    mov di, buffer
    mov cx, BUFLEN
    xor al, al
    rep stosb
    mov [count], word 3
    mov ax, 0x4c00
    int 0x21

section .data
msg: db "Hello from a .COM file$"
table: dw msg, buffer, count

section .bss
buffer: resb 128
BUFLEN equ $ - buffer
count: resw 1
